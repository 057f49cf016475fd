/**
 * The {@code dl4j} backend: every pair of the built-in catalog computed by ND4J/DL4J (float64
 * batches in DOUBLE, float32 ones in FLOAT where that keeps docs/contract.md §2c, else widened),
 * through DL4J's activations and loss functions where their semantics meet the contract (docs/contract.md
 * §2–3) and ND4J ops where they do not. Each built-in's mapping is one table entry, chosen once;
 * third-party pairs are declined through {@code supports(Pair)}. ND4J starts on first use, not at
 * discovery.
 *
 * <p>Only {@link io.github.deltapair.dl4j.Dl4jBackend} is public (with its public no-arg
 * constructor, for {@link java.util.ServiceLoader}); users reach it as {@code
 * Backends.get("dl4j")}. Everything else here is package-private.
 */
package io.github.deltapair.dl4j;

/**
 * deltapair's independent float64 reference: the {@link io.github.deltapair.reference.ReferenceOracle}
 * (its own formulas for every built-in pair, never the definitions it judges, with Kahan-summed
 * reductions), the seeded input generators ({@link io.github.deltapair.reference.Inputs}, {@link
 * io.github.deltapair.reference.ExtremeSamples}), the pairs compared by default ({@link
 * io.github.deltapair.reference.DefaultPairs}), the catalog of inputs the contract rejects ({@link
 * io.github.deltapair.reference.BadInputs}) and the {@link io.github.deltapair.reference.Tolerances}
 * of the contract. The conformance kit and the command-line tool both use it, so they cannot drift;
 * it has no test framework.
 */
package io.github.deltapair.reference;

/**
 * deltapair's conformance kit: {@link io.github.deltapair.conformance.BackendCompatibilityKit},
 * the JUnit 5 tests of clauses C1–C11 (the contract, §5) that every backend runs by extending it:
 * C1–C10 on float64 batches, and C11, the rules of C1–C8 (and part of C10) again on float32 ones
 * through the same code. It checks against the float64 {@link
 * io.github.deltapair.reference.ReferenceOracle} of the {@code deltapair-reference} module (on the
 * exact widening of float32 inputs), on that module's seeded {@link
 * io.github.deltapair.reference.Inputs}, with its {@link io.github.deltapair.reference.Tolerances}
 * for each precision.
 */
package io.github.deltapair.conformance;

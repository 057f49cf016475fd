/**
 * deltapair's conformance kit: {@link io.github.deltapair.conformance.BackendCompatibilityKit},
 * the JUnit 5 tests of clauses C1–C9 (the contract, §5) that every backend runs by extending it, with the
 * float64 {@link io.github.deltapair.conformance.ReferenceOracle} it checks against, seeded random
 * {@link io.github.deltapair.conformance.Inputs} and the {@link
 * io.github.deltapair.conformance.Tolerances} it applies.
 */
package io.github.deltapair.conformance;

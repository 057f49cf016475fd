/**
 * deltapair's conformance kit: {@link io.github.deltapair.conformance.BackendCompatibilityKit},
 * the JUnit 5 tests of clauses C1–C10 (the contract, §5) that every backend runs by extending it. It
 * checks against the float64 {@link io.github.deltapair.reference.ReferenceOracle} of the {@code
 * deltapair-reference} module, on that module's seeded {@link io.github.deltapair.reference.Inputs},
 * with its {@link io.github.deltapair.reference.Tolerances}.
 */
package io.github.deltapair.conformance;

/**
 * deltapair's conformance kit: the JUnit 5 tests of the contract's clauses that every backend runs
 * by extending {@link io.github.deltapair.conformance.BackendCompatibilityKit}.
 *
 * <p>A backend's test module reads the kit, the reference oracle and tolerances it is configured
 * with, JUnit Jupiter's annotations and AssertJ through this module ({@code requires transitive}).
 * The kit's package is open to the JUnit Platform, which instantiates its {@code @Nested} clause
 * classes and calls their test and argument-source methods reflectively.
 */
module io.github.deltapair.conformance {
  requires transitive io.github.deltapair.reference;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  requires org.junit.jupiter.params;

  exports io.github.deltapair.conformance;

  opens io.github.deltapair.conformance to org.junit.platform.commons;
}

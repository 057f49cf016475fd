/**
 * The kit's self-tests: deliberately broken backends, the kits that run them (named {@code *Kit},
 * excluded from surefire and launched only through EngineTestKit), and the tests asserting which
 * clause each one fails.
 */
package io.github.deltapair.conformance.selftest;

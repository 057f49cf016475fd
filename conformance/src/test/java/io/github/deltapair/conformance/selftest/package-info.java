/**
 * The kit's self-tests: deliberately broken backends (chain rule on canonical pairs, clipping,
 * DL4J-style MSE scaling, mutating inputs, skipping the simplex check, a naive softmax, a float32
 * loss through a float32 log of a clipped probability), a backend computing only the canonical
 * pairs (skipped elsewhere through the capability hook), a generic backend computing every pair
 * from its definitions with a plugin loss falsely declared canonical, the kits that run them
 * (named {@code *Kit}, excluded from surefire and launched only through EngineTestKit), and the
 * tests asserting which clause each one fails (and, within C11, which clause's float32 rerun).
 */
package io.github.deltapair.conformance.selftest;

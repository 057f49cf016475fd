/**
 * Reliability tests across both backends: bad input rejected alike, property-based agreement over
 * the whole catalog, concurrency, discovery and native-library failures, and determinism across
 * JVMs. The classes with a {@code main} run in child JVMs started by the tests.
 */
package io.github.deltapair.reliability;

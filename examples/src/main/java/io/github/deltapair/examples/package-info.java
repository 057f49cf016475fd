/**
 * Runnable examples: {@link io.github.deltapair.examples.SeedQuestion} (why δ = a − y for sigmoid
 * + cross-entropy but (a − y)·σ'(z) for sigmoid + squared error, on a small trained network) and
 * {@link io.github.deltapair.examples.CompareBackends} (two backends compared from code).
 */
package io.github.deltapair.examples;

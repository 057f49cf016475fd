/**
 * deltapair's vocabulary: the catalog of {@link io.github.deltapair.Activation}s and {@link
 * io.github.deltapair.Loss}es, {@link io.github.deltapair.Pair}s with their {@link
 * io.github.deltapair.GradientContract}, the {@link io.github.deltapair.Batch} type, {@link
 * io.github.deltapair.Reduction}, input {@link io.github.deltapair.Validation}, backend discovery
 * ({@link io.github.deltapair.Backends}) and a finite-difference {@link
 * io.github.deltapair.GradientCheck}.
 */
package io.github.deltapair;

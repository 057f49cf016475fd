package io.github.deltapair.nativebackend;

import io.github.deltapair.Targets;

/**
 * A kernel over a block of whole rows of a float32 call (docs/contract.md §2c): as {@link
 * BlockKernel}, reading float32 logits and targets (a float32 {@link io.github.deltapair.Batch},
 * or {@link io.github.deltapair.Labels}) and writing a float32 delta, computed in float32 or
 * wider, the loss summed in float64.
 */
@FunctionalInterface
interface Float32Kernel {

  /**
   * Writes {@code scale · δ} for rows {@code [from, to)} of the row-major {@code z} ({@code cols}
   * per row) into {@code delta}, each row's {@code ℓ_i} (unscaled) into {@code losses} if it is
   * not null, and returns {@code Σ ℓ} over those rows (unscaled); NaN if an input there breaks a
   * rule of {@code Validation} for float32 batches or a delta element is not finite in float32.
   * The sum and the delta have the same bits whether or not {@code losses} is given, on any thread.
   */
  double rows(float[] z, Targets targets, int cols, int from, int to, double scale, float[] delta,
      double[] losses);
}

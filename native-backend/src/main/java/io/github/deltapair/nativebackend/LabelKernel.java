package io.github.deltapair.nativebackend;

import io.github.deltapair.Labels;

/**
 * A kernel over a block of whole rows for class-index targets: as {@link BlockKernel}, with the
 * target rows given as labels (the one-hot rows are never built). Rows whose label is the ignored
 * value get {@code δ_i = 0} and {@code ℓ_i = 0}, and their logits are not read.
 */
@FunctionalInterface
interface LabelKernel {

  /**
   * Writes {@code scale · δ} for rows {@code [from, to)} of the row-major {@code z} ({@code cols}
   * per row, row {@code i} labelled {@code labels.get(i)}) into {@code delta}, each {@code ℓ_i}
   * into {@code losses} if it is not null, and returns {@code Σ ℓ} over those rows (unscaled); NaN
   * if a logit of a kept row breaks a rule of {@code Validation} or the sum is not finite. Labels
   * are in range (checked before the call).
   */
  double rows(double[] z, Labels labels, int cols, int from, int to, double scale,
      double[] delta, double[] losses);
}

package io.github.deltapair.nativebackend;

/**
 * A fused kernel over a block of whole rows: one pass per row computes the loss, writes the delta
 * and checks the rules of {@link io.github.deltapair.Validation} inline.
 */
@FunctionalInterface
interface BlockKernel {

  /**
   * Writes {@code scale · δ} for rows {@code [from, to)} of the row-major {@code z}, {@code y}
   * ({@code cols} per row) into {@code delta} and returns {@code Σ ℓ} over those rows (unscaled),
   * or NaN if an input there breaks a rule of {@code Validation} or a result is not finite. The
   * sum's order depends only on the rows, never on threads.
   */
  double rows(double[] z, double[] y, int cols, int from, int to, double scale, double[] delta);
}

package io.github.deltapair.nativebackend;

/**
 * A kernel over a block of whole rows: computes the loss and writes the delta, and (for the
 * kernels of built-in pairs) checks the input rules of {@link io.github.deltapair.Validation}
 * inline. {@link io.github.deltapair.Pair#lossOfRows} has this shape too.
 */
@FunctionalInterface
interface BlockKernel {

  /**
   * Writes {@code scale · δ} for rows {@code [from, to)} of the row-major {@code z}, {@code y}
   * ({@code cols} per row) into {@code delta} and returns {@code Σ ℓ} over those rows (unscaled);
   * a kernel that checks inline returns NaN if an input there breaks a rule of {@code Validation}
   * or a result is not finite. The sum's order depends only on the rows, never on threads.
   */
  double rows(double[] z, double[] y, int cols, int from, int to, double scale, double[] delta);
}

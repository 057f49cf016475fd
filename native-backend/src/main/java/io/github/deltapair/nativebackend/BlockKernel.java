package io.github.deltapair.nativebackend;

/**
 * A kernel over a block of whole rows: computes the loss and writes the delta, and (for the
 * kernels of built-in pairs) checks the input rules of {@link io.github.deltapair.Validation}
 * inline.
 */
@FunctionalInterface
interface BlockKernel {

  /**
   * Writes {@code scale · δ} for rows {@code [from, to)} of the row-major {@code z}, {@code y}
   * ({@code cols} per row) into {@code delta} and returns {@code Σ ℓ} over those rows (unscaled);
   * if {@code losses} is not null, also writes each row's {@code ℓ_i} (unscaled) into {@code
   * losses[i]}. A kernel that checks inline returns NaN if an input there breaks a rule of {@code
   * Validation} or a result is not finite. The returned sum and the delta have the same bits
   * whether or not {@code losses} is given, and their order depends only on the rows, never on
   * threads.
   */
  double rows(double[] z, double[] y, int cols, int from, int to, double scale, double[] delta,
      double[] losses);
}

package io.github.deltapair.nativebackend;

import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Targets;

/**
 * A kernel over a block of whole rows under loss options (docs/contract.md §2b), with the shape of
 * {@link io.github.deltapair.Pair#lossOfRows(Batch, Targets, Options, int, int, double, double[],
 * double[])}, which is the kernel of every pair without a fused one. Inputs have passed {@code
 * Validation.checkInputs} (the evaluator validates whenever options are given).
 */
@FunctionalInterface
interface OptionsKernel {

  /**
   * Writes {@code scale·e_i·∂ℓ_i/∂z_i} for rows {@code [from, to)} into {@code delta} (0 on dropped
   * rows and masked-out entries), each {@code ℓ_i} after options into {@code losses} if it is not
   * null, and returns {@code Σ_i ℓ_i} over the rows (unscaled).
   */
  double rows(Batch z, Targets targets, Options options, int from, int to, double scale,
      double[] delta, double[] losses);
}

package io.github.deltapair;

import java.util.Objects;

/**
 * What a backend computes for one batch.
 *
 * @param loss the reduced loss {@code J} (finite; for {@link Reduction#NONE} the sum of the
 *     example losses)
 * @param activations {@code a = f(z)}, the same shape as {@code z}
 * @param delta {@code ∂J/∂z} for the reduction used, the same shape as {@code z}
 * @param exampleLosses the {@code m} per-example losses {@code ℓ_i} after options (weights, mask,
 *     smoothing), before the reduction; 0 for ignored and masked-out rows
 */
public record LossResult(double loss, Batch activations, Batch delta, double[] exampleLosses) {

  /** Checks that nothing is null. */
  public LossResult {
    Objects.requireNonNull(activations, "activations");
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(exampleLosses, "exampleLosses");
  }
}

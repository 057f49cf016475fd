package io.github.deltapair;

import java.util.Objects;

/**
 * What a backend computes for one batch.
 *
 * @param loss the reduced loss {@code J} (finite)
 * @param activations {@code a = f(z)}, the same shape as {@code z}
 * @param delta {@code ∂J/∂z} for the reduction used, the same shape as {@code z}
 */
public record LossResult(double loss, Batch activations, Batch delta) {

  /** Checks that nothing is null. */
  public LossResult {
    Objects.requireNonNull(activations, "activations");
    Objects.requireNonNull(delta, "delta");
  }
}

package io.github.deltapair.cli.compare;

import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;

/** The independent reference every backend is checked against. */
public interface Oracle {

  /**
   * The expected loss and delta.
   *
   * @param loss {@code J} for the reduction
   * @param delta {@code ∂J/∂z} for the reduction
   */
  record Expected(double loss, Batch delta) {}

  /** What the oracle is, for the table's header. */
  String description();

  /** The expected result for inputs that passed validation. */
  Expected expect(Pair pair, Batch z, Batch y, Reduction reduction);
}

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

  /**
   * Whether the oracle computes {@code pair} with formulas of its own; false where it can only use
   * the pair's own definitions (a plugin's), which then are not judged by it. True by default.
   */
  default boolean hasOwnFormulas(Pair pair) {
    return true;
  }
}

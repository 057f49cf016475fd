package io.github.deltapair.cli.compare;

import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;

/** The independent reference every backend is checked against. */
public interface Oracle {

  /**
   * The expected loss and delta.
   *
   * @param loss {@code J} for the reduction
   * @param delta {@code ∂J/∂z} for the reduction
   * @param exampleLosses the per-example losses {@code ℓ_i} after options, or null where the
   *     oracle does not give them (cases without options)
   */
  record Expected(double loss, Batch delta, double[] exampleLosses) {}

  /** What the oracle is, for the table's header. */
  String description();

  /**
   * The expected result for inputs that passed validation.
   *
   * @param targets dense {@code y} or class-index labels
   * @param options the loss options, {@link Options#NONE} for a plain case
   */
  Expected expect(Pair pair, Batch z, Targets targets, Options options, Reduction reduction);

  /**
   * Whether the oracle computes {@code pair} with formulas of its own; false where it can only use
   * the pair's own definitions (a plugin's), which then are not judged by it. True by default.
   */
  default boolean hasOwnFormulas(Pair pair) {
    return true;
  }
}

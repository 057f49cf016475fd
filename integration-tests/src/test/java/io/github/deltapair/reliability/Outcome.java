package io.github.deltapair.reliability;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;

/**
 * What one call of {@link Evaluator#evaluate(Pair, Batch, Batch, Reduction)} gave: a result, or the
 * message of the {@link IllegalArgumentException} it threw. Any other exception propagates.
 *
 * @param result the result, or null if rejected
 * @param rejection the rejection's message, or null if computed
 */
record Outcome(LossResult result, String rejection) {

  /** Evaluates, catching only a rejection. */
  static Outcome of(Evaluator backend, Pair pair, Batch z, Batch y, Reduction reduction) {
    try {
      return new Outcome(backend.evaluate(pair, z, y, reduction), null);
    } catch (IllegalArgumentException e) {
      return new Outcome(null, String.valueOf(e.getMessage()));
    }
  }

  boolean rejected() {
    return result == null;
  }

  /** Whether the loss and every delta element are finite. */
  boolean finite() {
    if (!Double.isFinite(result.loss())) {
      return false;
    }
    for (double d : result.delta().array()) {
      if (!Double.isFinite(d)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return rejected() ? "rejected: " + rejection : "loss " + result.loss() + ", delta " + result.delta();
  }
}

package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Validation;
import io.github.deltapair.conformance.ReferenceBackend;
import io.github.deltapair.spi.Backend;

/**
 * Broken on purpose: overrides {@code evaluate} and validates everything except that
 * cross-entropy target rows sum to 1 (it validates a row-normalised copy of {@code y}, then
 * computes with the original), so {@code a·Σy − y} silently becomes {@code a − y} on bad targets.
 * Must fail C7.
 */
public final class SimplexBlindBackend implements Backend {

  private final ReferenceBackend reference = new ReferenceBackend();

  @Override
  public String id() {
    return "broken-simplex-blind";
  }

  @Override
  public LossResult evaluate(Pair pair, Batch z, Batch y, Reduction reduction) {
    Validation.checkInputs(pair, z, normalised(pair, y));
    Batch a = Batch.zeros(z.rows(), z.cols());
    Batch delta = Batch.zeros(z.rows(), z.cols());
    activate(pair.activation(), z, a);
    double loss = compute(pair, z, y, reduction, delta);
    Validation.checkResult(pair, z, y, loss, delta);
    return new LossResult(loss, a, delta);
  }

  @Override
  public double evaluate(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    Validation.checkInputs(pair, z, normalised(pair, y));
    Validation.checkOutput("deltaOut", deltaOut, z, y);
    double loss = compute(pair, z, y, reduction, deltaOut);
    Validation.checkResult(pair, z, y, loss, deltaOut);
    return loss;
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    return reference.compute(pair, z, y, reduction, deltaOut);
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    reference.activate(activation, z, out);
  }

  /** For cross-entropy, a copy of {@code y} with each row divided by its (positive) sum. */
  private static Batch normalised(Pair pair, Batch y) {
    if (!pair.loss().targetRowsOnSimplex()) {
      return y;
    }
    Batch copy = y.copy();
    for (int i = 0; i < y.rows(); i++) {
      double sum = 0.0;
      for (int j = 0; j < y.cols(); j++) {
        sum += y.get(i, j);
      }
      for (int j = 0; sum > 0 && Double.isFinite(sum) && j < y.cols(); j++) {
        copy.set(i, j, y.get(i, j) / sum);
      }
    }
    return copy;
  }
}

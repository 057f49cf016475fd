package io.github.deltapair.reference;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;

/** The two public entry points of an {@link Evaluator}, so a test can run through each. */
public enum Overload {
  /** {@link Evaluator#evaluate(Pair, Batch, Batch, Reduction)}, returning a new result. */
  RESULT("evaluate(pair, z, y, reduction)"),
  /** {@link Evaluator#evaluate(Pair, Batch, Batch, Reduction, Batch)}, writing a caller's buffer. */
  BUFFER("evaluate(pair, z, y, reduction, deltaOut)");

  private final String signature;

  Overload(String signature) {
    this.signature = signature;
  }

  /** Calls this overload; the result's activations are {@code f(z)} from the oracle for BUFFER. */
  public LossResult call(Evaluator evaluator, Pair pair, Batch z, Batch y, Reduction reduction) {
    if (this == RESULT) {
      return evaluator.evaluate(pair, z, y, reduction);
    }
    Batch delta = Batch.zeros(z.rows(), z.cols());
    double loss = evaluator.evaluate(pair, z, y, reduction, delta);
    return new LossResult(loss, ReferenceOracle.activate(pair.activation(), z), delta);
  }

  /**
   * Calls this overload with class-index labels instead of {@code y}; the result's activations
   * are {@code f(z)} from the oracle for BUFFER (NaN in ignored rows that hold NaN).
   */
  public LossResult call(Evaluator evaluator, Pair pair, Batch z, Labels labels, Reduction reduction) {
    if (this == RESULT) {
      return evaluator.evaluate(pair, z, labels, reduction);
    }
    Batch delta = Batch.zeros(z.rows(), z.cols());
    double loss = evaluator.evaluate(pair, z, labels, reduction, delta);
    return new LossResult(loss, ReferenceOracle.activate(pair.activation(), z), delta);
  }

  @Override
  public String toString() {
    return signature;
  }
}

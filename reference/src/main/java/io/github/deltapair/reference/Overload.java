package io.github.deltapair.reference;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.LossResult;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import java.util.Arrays;

/** The public entry points of an {@link Evaluator}, so a test can run through each. */
public enum Overload {
  /** {@link Evaluator#evaluate(Pair, Batch, Targets, Options, Reduction)}, returning a new result. */
  RESULT("evaluate(pair, z, targets, options, reduction)"),
  /** {@link Evaluator#evaluate(Pair, Batch, Targets, Options, Reduction, Batch)}, writing a caller's buffer. */
  BUFFER("evaluate(pair, z, targets, options, reduction, deltaOut)"),
  /**
   * {@link Evaluator#evaluate(Pair, Batch, Targets, Options, Reduction, Batch, double[])}, writing
   * the delta and the example losses into a caller's buffers.
   */
  BUFFERS("evaluate(pair, z, targets, options, reduction, deltaOut, exampleLossesOut)");

  private final String signature;

  Overload(String signature) {
    this.signature = signature;
  }

  /** Whether this overload returns the per-example losses (BUFFER does not: its are NaN). */
  public boolean givesExampleLosses() {
    return this != BUFFER;
  }

  /** Calls this overload without options. */
  public LossResult call(Evaluator evaluator, Pair pair, Batch z, Targets targets,
      Reduction reduction) {
    return call(evaluator, pair, z, targets, Options.NONE, reduction);
  }

  /**
   * Calls this overload; the buffer overloads get a {@code deltaOut} of {@code z}'s precision, and
   * their result's activations are {@code f(z)} from the oracle in that precision (NaN where the
   * input holds NaN in rows that are not computed); BUFFER's example losses are NaN.
   */
  public LossResult call(Evaluator evaluator, Pair pair, Batch z, Targets targets, Options options,
      Reduction reduction) {
    if (this == RESULT) {
      return evaluator.evaluate(pair, z, targets, options, reduction);
    }
    Batch delta = Batch.zeros(z.rows(), z.cols(), z.precision());
    double[] losses = new double[z.rows()];
    double loss;
    if (this == BUFFER) {
      Arrays.fill(losses, Double.NaN);
      loss = evaluator.evaluate(pair, z, targets, options, reduction, delta);
    } else {
      loss = evaluator.evaluate(pair, z, targets, options, reduction, delta, losses);
    }
    Batch a = ReferenceOracle.activate(pair.activation(), z);
    return new LossResult(loss, z.precision() == Precision.FLOAT64 ? a : a.toFloat32(), delta, losses);
  }

  @Override
  public String toString() {
    return signature;
  }
}

package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.conformance.ReferenceBackend;
import io.github.deltapair.spi.Backend;

/**
 * Broken on purpose: "stabilises" softmax by subtracting each row's maximum from the caller's
 * {@code z} in place, before validating. Softmax is shift-invariant, so its results stay right,
 * but the caller's logits change. Must fail C8 (inputs untouched) and C7 (inputs unchanged on
 * rejection).
 */
public final class MutatingBackend implements Backend {

  private final ReferenceBackend reference = new ReferenceBackend();

  @Override
  public String id() {
    return "broken-mutating";
  }

  @Override
  public LossResult evaluate(Pair pair, Batch z, Batch y, Reduction reduction) {
    shiftRowsInPlace(pair, z);
    return Backend.super.evaluate(pair, z, y, reduction);
  }

  @Override
  public double evaluate(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    shiftRowsInPlace(pair, z);
    return Backend.super.evaluate(pair, z, y, reduction, deltaOut);
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    return reference.compute(pair, z, y, reduction, deltaOut);
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    reference.activate(activation, z, out);
  }

  private static void shiftRowsInPlace(Pair pair, Batch z) {
    if (pair.activation() != Activation.SOFTMAX) {
      return;
    }
    // z_ij ← z_ij − max_j z_ij, written into the caller's array
    double[] zs = z.array();
    int n = z.cols();
    for (int i = 0; i < z.rows(); i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = i * n; j < (i + 1) * n; j++) {
        max = Math.max(max, zs[j]);
      }
      for (int j = i * n; j < (i + 1) * n; j++) {
        zs[j] -= max;
      }
    }
  }
}

package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Validation;
import io.github.deltapair.reference.ReferenceBackend;
import io.github.deltapair.spi.Backend;

/**
 * Broken on purpose: for row-wise activations (softmax) it claims {@link #checksInputs} and
 * "stabilises" by subtracting each row's maximum from the caller's {@code z} in place, before
 * checking. Softmax is shift-invariant, so its results stay right, but the caller's logits change.
 * Must fail C8 (inputs untouched) and C7 (inputs unchanged on rejection).
 */
public final class MutatingBackend implements Backend {

  private final ReferenceBackend reference = new ReferenceBackend();

  @Override
  public String id() {
    return "broken-mutating";
  }

  @Override
  public boolean checksInputs(Pair pair) {
    return !pair.activation().isElementwise();
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    if (!checksInputs(pair)) {
      return reference.compute(pair, z, y, reduction, deltaOut);
    }
    shiftRowsInPlace(z);
    try {
      Validation.checkInputs(pair, z, y);
    } catch (IllegalArgumentException rejected) {
      // what checksInputs promises: a non-finite J for every input that breaks a rule
      return Double.NaN;
    }
    return reference.compute(pair, z, y, reduction, deltaOut);
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    reference.activate(activation, z, out);
  }

  private static void shiftRowsInPlace(Batch z) {
    double[] zs = z.array();
    int n = z.cols();
    for (int i = 0; i < z.rows(); i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = i * n; j < (i + 1) * n; j++) {
        max = Math.max(max, zs[j]);
      }
      // z_ij ← z_ij − max_j z_ij, written into the caller's array
      for (int j = i * n; j < (i + 1) * n; j++) {
        zs[j] -= max;
      }
    }
  }
}

package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Validation;
import io.github.deltapair.reference.ReferenceBackend;
import io.github.deltapair.spi.Backend;

/**
 * Broken on purpose: claims {@link #checksInputs} and checks everything except that target rows
 * lie on the simplex (it checks a row-normalised copy of {@code y}, then computes with the
 * original), so {@code a·Σy − y} silently becomes {@code a − y} on bad targets. Must fail C7.
 */
public final class SimplexBlindBackend implements Backend {

  private final ReferenceBackend reference = new ReferenceBackend();

  @Override
  public String id() {
    return "broken-simplex-blind";
  }

  @Override
  public boolean checksInputs(Pair pair) {
    return true;
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    try {
      Validation.checkInputs(pair, z, normalised(pair, y));
    } catch (IllegalArgumentException rejected) {
      return Double.NaN;
    }
    double loss = reference.compute(pair, z, y, reduction, deltaOut);
    for (double d : deltaOut.array()) {
      if (!Double.isFinite(d)) {
        return Double.NaN;
      }
    }
    return loss;
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    reference.activate(activation, z, out);
  }

  /** For a loss whose rows lie on the simplex, a copy of {@code y} with each row divided by its (positive) sum. */
  private static Batch normalised(Pair pair, Batch y) {
    if (!pair.loss().targetRowsOnSimplex() || y.cols() == 0) {
      return y;
    }
    Batch copy = y.copy();
    for (int i = 0; i < y.rows(); i++) {
      double sum = 0.0;
      for (int j = 0; j < y.cols(); j++) {
        sum += y.get(i, j);
      }
      // y'_ij = y_ij / Σ_j y_ij
      for (int j = 0; sum > 0 && Double.isFinite(sum) && j < y.cols(); j++) {
        copy.set(i, j, y.get(i, j) / sum);
      }
    }
    return copy;
  }
}

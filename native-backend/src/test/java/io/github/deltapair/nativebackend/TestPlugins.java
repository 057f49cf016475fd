package io.github.deltapair.nativebackend;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.LogitsForm;
import io.github.deltapair.Loss;
import java.util.Optional;

/**
 * Tiny third-party definitions, constructed directly (not registered as services), that the native
 * backend can only compute through the generic path from their definitions.
 */
final class TestPlugins {

  private TestPlugins() {}

  /** softsign {@code a = z / (1 + |z|)}, range (−1, 1), {@code f'(z) = 1 / (1 + |z|)²}. */
  static final Activation SOFTSIGN = new Activation() {
    @Override public String id() { return "test-softsign"; }
    @Override public Interval range() { return Interval.open(-1, 1); }
    @Override public String formula() { return "a = z / (1 + |z|)"; }
    @Override public String derivativeFormula() { return "1 / (1 + |z|)²"; }
    @Override public double apply(double z) { return z / (1 + Math.abs(z)); }

    @Override public double derivative(double z) {
      double d = 1 + Math.abs(z);
      return 1 / (d * d);
    }

    @Override public String toString() { return id(); }
  };

  /** log-cosh {@code ℓ = log cosh(a − y)}, {@code ∂ℓ/∂a = tanh(a − y)}, predictions and targets in ℝ. */
  static final Loss LOG_COSH = new Loss() {
    @Override public String id() { return "test-log-cosh"; }
    @Override public Interval predictionDomain() { return Interval.REAL; }
    @Override public Interval targetDomain() { return Interval.REAL; }
    @Override public String formula() { return "ℓ = Σ_j log cosh(a_j − y_j)"; }
    @Override public String gradientFormula() { return "tanh(a − y)"; }
    @Override public double value(double a, double y) { return Math.log(Math.cosh(a - y)); }
    @Override public double gradient(double a, double y) { return Math.tanh(a - y); }
    @Override public String toString() { return name(); }
  };

  /**
   * {@code ℓ = ½ Σ_j (z_j − y_j)²} defined only from identity's logits (not on predictions):
   * canonical with identity, {@code δ = z − y}; targets in [0, 1] so a bad target is rejectable.
   */
  static final Loss HALF_SQUARES_OF_LOGITS = new Loss() {
    @Override public String id() { return "test-half-squares-of-logits"; }
    @Override public Interval predictionDomain() { return Interval.REAL; }
    @Override public Interval targetDomain() { return Interval.closed(0, 1); }
    @Override public Optional<Activation> canonicalActivation() { return Optional.of(Activation.IDENTITY); }
    @Override public String formula() { return "ℓ = ½ Σ_j (z_j − y_j)²"; }
    @Override public String gradientFormula() { return "z − y"; }
    @Override public boolean isDefinedOnPredictions() { return false; }
    @Override public double value(double a, double y) { throw new UnsupportedOperationException(); }
    @Override public double gradient(double a, double y) { throw new UnsupportedOperationException(); }

    @Override public Optional<LogitsForm> logitsForm(Activation f) {
      return f.equals(Activation.IDENTITY) ? Optional.of(TestPlugins::halfSquares) : Optional.empty();
    }

    @Override public String toString() { return name(); }
  };

  private static double halfSquares(double[] z, double[] y, int offset, int n, double scale, double[] delta) {
    double sum = 0;
    for (int k = offset; k < offset + n; k++) {
      double r = z[k] - y[k];
      sum += 0.5 * r * r;
      delta[k] = scale * r;
    }
    return sum;
  }
}

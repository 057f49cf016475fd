package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.LogitsForm;
import io.github.deltapair.Loss;
import java.util.Optional;

/**
 * {@code ℓ = −Σ_j y_j log a_j}: each row of targets on the simplex ({@code y ≥ 0}, {@code Σ_j y_j
 * = 1}); canonical with softmax.
 */
public final class CrossEntropyLoss implements Loss {

  /** The one instance, also {@link Loss#CROSS_ENTROPY}. */
  public static final CrossEntropyLoss INSTANCE = new CrossEntropyLoss();

  private CrossEntropyLoss() {}

  @Override public String id() { return "cross-entropy"; }
  @Override public Interval predictionDomain() { return Interval.open(0, Double.POSITIVE_INFINITY); }
  @Override public Interval targetDomain() { return Interval.closedOpen(0, Double.POSITIVE_INFINITY); }
  @Override public boolean targetRowsOnSimplex() { return true; }
  @Override public Optional<Activation> canonicalActivation() { return Optional.of(Activation.SOFTMAX); }
  @Override public String formula() { return "ℓ = −Σ_j y_j log a_j"; }
  @Override public String gradientFormula() { return "−y / a"; }
  @Override public double value(double a, double y) { return -StableMath.xLogY(y, a); }
  @Override public double gradient(double a, double y) { return -y / a; }

  @Override public String cancellation() {
    return "the softmax Jacobian gives δ_k = a_k(g_k − Σ_j g_j a_j) with g = −y/a,"
        + " so δ_k = −y_k + a_k Σ_j y_j = a_k − y_k because each target row sums to 1"
        + " (that is why Σ_j y_j = 1 is a precondition).";
  }

  @Override
  public Optional<LogitsForm> logitsForm(Activation f) {
    return f.equals(Activation.SOFTMAX) ? Optional.of(CrossEntropyLoss::softmaxRow) : Optional.empty();
  }

  /** {@code ℓ = logsumexp(z) − Σ_j y_j z_j} (the row's own maximum), {@code δ = softmax(z) − y}. */
  static double softmaxRow(double[] z, double[] y, int offset, int n, double scale, double[] delta) {
    int end = offset + n;
    double max = StableMath.max(z, offset, end);
    double s = 0.0;
    double yz = 0.0;
    for (int k = offset; k < end; k++) {
      double e = Math.exp(z[k] - max);
      delta[k] = e;
      s += e;
      yz += y[k] == 0 ? 0.0 : y[k] * z[k];
    }
    for (int k = offset; k < end; k++) {
      delta[k] = scale * (delta[k] / s - y[k]);
    }
    return max + Math.log(s) - yz;
  }

  @Override public String toString() { return name(); }
}

package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.LogitsForm;
import io.github.deltapair.Loss;
import io.github.deltapair.LossOption;
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
  @Override public Interval predictionDomain() { return PREDICTION_DOMAIN; }
  @Override public Interval targetDomain() { return TARGET_DOMAIN; }
  @Override public boolean targetRowsOnSimplex() { return true; }
  @Override public Optional<Activation> canonicalActivation() { return CANONICAL; }
  @Override public String formula() { return "ℓ = −Σ_j y_j log a_j"; }
  @Override public String gradientFormula() { return "−y / a"; }
  @Override public double value(double a, double y) { return -StableMath.xLogY(y, a); }
  @Override public double gradient(double a, double y) { return -y / a; }

  @Override public String cancellation() {
    return "the softmax Jacobian gives δ_k = a_k(g_k − Σ_j g_j a_j) with g = −y/a,"
        + " so δ_k = −y_k + a_k Σ_j y_j = a_k − y_k because each target row sums to 1"
        + " (that is why Σ_j y_j = 1 is a precondition).";
  }

  /** Takes everything a simplex loss takes, and label smoothing {@code y' = (1 − ε)y + ε/n}. */
  @Override public boolean supports(LossOption option) {
    return option == LossOption.LABEL_SMOOTHING || Loss.super.supports(option);
  }

  @Override public double smoothedTarget(double y, double epsilon, int n) {
    return (1.0 - epsilon) * y + epsilon / n;
  }

  @Override
  public Optional<LogitsForm> logitsForm(Activation f) {
    return f.equals(Activation.SOFTMAX) ? LOGITS_FORM : Optional.empty();
  }

  private static final LogitsForm SOFTMAX_FORM = new LogitsForm() {
    @Override
    public double row(double[] z, double[] y, int offset, int n, double scale, double[] delta) {
      return softmaxRow(z, y, offset, n, scale, delta);
    }

    @Override
    public double weightedRow(double[] z, double[] y, int offset, int n, double[] w, int wOffset,
        double scale, double[] delta) {
      return weightedSoftmaxRow(z, y, offset, n, w, wOffset, scale, delta);
    }
  };

  /**
   * {@code ℓ = Σ_j w_j y_j (logsumexp(z) − z_j)} and {@code δ = a Σ_j w_j y_j − w ⊙ y}: the
   * cross-entropy {@code −Σ_j w_j y_j log a_j} of any non-negative row {@code y}.
   */
  static double weightedSoftmaxRow(double[] z, double[] y, int offset, int n, double[] w,
      int wOffset, double scale, double[] delta) {
    int end = offset + n;
    double max = StableMath.max(z, offset, end);
    double s = 0.0;
    for (int k = offset; k < end; k++) {
      double e = Math.exp(z[k] - max);
      delta[k] = e;
      s += e;
    }
    double logS = Math.log(s);
    double total = 0.0;
    double loss = 0.0;
    for (int k = offset; k < end; k++) {
      double wy = w[wOffset + k - offset] * y[k];
      if (wy != 0.0) {
        total += wy;
        loss += wy * (logS - (z[k] - max));
      }
    }
    for (int k = offset; k < end; k++) {
      double wy = w[wOffset + k - offset] * y[k];
      delta[k] = scale * (delta[k] / s * total - wy);
    }
    return loss;
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

  // constants, so that the hot paths that ask for them allocate nothing
  private static final Interval PREDICTION_DOMAIN = Interval.open(0, Double.POSITIVE_INFINITY);
  private static final Interval TARGET_DOMAIN = Interval.closedOpen(0, Double.POSITIVE_INFINITY);
  private static final Optional<Activation> CANONICAL = Optional.of(Activation.SOFTMAX);
  private static final Optional<LogitsForm> LOGITS_FORM = Optional.of(SOFTMAX_FORM);
}

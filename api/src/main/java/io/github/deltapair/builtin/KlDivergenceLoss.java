package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.LogitsForm;
import io.github.deltapair.Loss;
import java.util.Optional;

/**
 * The Kullback–Leibler divergence {@code ℓ = Σ_j y_j (log y_j − log a_j)} with {@code 0·log 0 =
 * 0}: target rows on the simplex; canonical with softmax ({@code δ = a − y}). Cross-entropy minus
 * the targets' entropy, so the same gradient; the semantics of PyTorch's {@code
 * kl_div(log_softmax(z), y)}.
 */
public final class KlDivergenceLoss implements Loss {

  /** The one instance, also {@link Loss#KL_DIVERGENCE}. */
  public static final KlDivergenceLoss INSTANCE = new KlDivergenceLoss();

  private KlDivergenceLoss() {}

  @Override public String id() { return "kl-divergence"; }
  @Override public Interval predictionDomain() { return PREDICTION_DOMAIN; }
  @Override public Interval targetDomain() { return TARGET_DOMAIN; }
  @Override public boolean targetRowsOnSimplex() { return true; }
  @Override public Optional<Activation> canonicalActivation() { return CANONICAL; }
  @Override public String formula() { return "ℓ = Σ_j y_j (log y_j − log a_j)"; }
  @Override public String gradientFormula() { return "−y / a"; }

  @Override public double value(double a, double y) {
    return StableMath.xLogY(y, y) - StableMath.xLogY(y, a);
  }

  @Override public double gradient(double a, double y) { return -y / a; }

  @Override public String cancellation() {
    return "it is cross-entropy minus the targets' entropy Σ_j y_j log y_j, which does not depend"
        + " on z; so, as for cross-entropy, δ_k = −y_k + a_k Σ_j y_j = a_k − y_k on simplex rows.";
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

    /** {@code ℓ = Σ_j w_j y_j log y_j − Σ_j w_j y_j log a_j}, through weighted cross-entropy. */
    @Override
    public double weightedRow(double[] z, double[] y, int offset, int n, double[] w, int wOffset,
        double scale, double[] delta) {
      double entropy = 0.0;
      for (int k = offset; k < offset + n; k++) {
        entropy += w[wOffset + k - offset] * StableMath.xLogY(y[k], y[k]);
      }
      return entropy
          + CrossEntropyLoss.weightedSoftmaxRow(z, y, offset, n, w, wOffset, scale, delta);
    }
  };

  /** {@code ℓ = Σ_j y_j log y_j + logsumexp(z) − Σ_j y_j z_j}, {@code δ = softmax(z) − y}. */
  private static double softmaxRow(double[] z, double[] y, int offset, int n, double scale, double[] delta) {
    double entropy = 0.0;
    for (int k = offset; k < offset + n; k++) {
      entropy += StableMath.xLogY(y[k], y[k]);
    }
    return entropy + CrossEntropyLoss.softmaxRow(z, y, offset, n, scale, delta);
  }

  @Override public String toString() { return name(); }

  // constants, so that the hot paths that ask for them allocate nothing
  private static final Interval PREDICTION_DOMAIN = Interval.open(0, Double.POSITIVE_INFINITY);
  private static final Interval TARGET_DOMAIN = Interval.closedOpen(0, Double.POSITIVE_INFINITY);
  private static final Optional<Activation> CANONICAL = Optional.of(Activation.SOFTMAX);
  private static final Optional<LogitsForm> LOGITS_FORM = Optional.of(SOFTMAX_FORM);
}

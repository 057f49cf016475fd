package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.LogitsForm;
import io.github.deltapair.Loss;
import io.github.deltapair.LossOption;
import java.util.Optional;

/**
 * {@code ℓ = −Σ_j [y_j log a_j + (1 − y_j) log(1 − a_j)]}: targets in [0, 1] (multi-label
 * allowed); canonical with sigmoid.
 */
public final class BinaryCrossEntropyLoss implements Loss {

  /** The one instance, also {@link Loss#BINARY_CROSS_ENTROPY}. */
  public static final BinaryCrossEntropyLoss INSTANCE = new BinaryCrossEntropyLoss();

  private BinaryCrossEntropyLoss() {}

  @Override public String id() { return "binary-cross-entropy"; }
  @Override public Interval predictionDomain() { return PREDICTION_DOMAIN; }
  @Override public Interval targetDomain() { return TARGET_DOMAIN; }
  @Override public Optional<Activation> canonicalActivation() { return CANONICAL; }
  @Override public String formula() { return "ℓ = −Σ_j [y_j log a_j + (1 − y_j) log(1 − a_j)]"; }
  @Override public String gradientFormula() { return "(a − y) / (a(1 − a))"; }

  /** {@code −y·log(a) − (1 − y)·log1p(−a)}, each term 0 where its weight is 0. */
  @Override public double value(double a, double y) {
    return -StableMath.xLogY(y, a) - StableMath.xLog1pY(1.0 - y, -a);
  }

  @Override public double gradient(double a, double y) { return (a - y) / (a * (1.0 - a)); }

  @Override public String cancellation() {
    return "∂ℓ/∂a = (a − y)/(a(1 − a)) and σ'(z) = a(1 − a): the denominator cancels,"
        + " leaving δ = a − y. The squashing of the sigmoid never slows learning here.";
  }

  /**
   * Takes what every loss takes, pos_weight (a Bernoulli likelihood: {@code −[p y log a + (1 − y)
   * log(1 − a)] = c·ℓ(a, p y / c)} with {@code c = 1 + (p − 1)y}) and label smoothing {@code y' =
   * (1 − ε)y + ε/2}.
   */
  @Override public boolean supports(LossOption option) {
    return option == LossOption.POS_WEIGHT || option == LossOption.LABEL_SMOOTHING
        || Loss.super.supports(option);
  }

  @Override public double smoothedTarget(double y, double epsilon, int n) {
    return (1.0 - epsilon) * y + epsilon / 2.0;
  }

  @Override
  public Optional<LogitsForm> logitsForm(Activation f) {
    return f.equals(Activation.SIGMOID) ? LOGITS_FORM : Optional.empty();
  }

  /** {@code ℓ = max(z, 0) − z·y + log1p(e^−|z|)}, {@code δ = σ(z) − y}; never {@code log(clip(a))}. */
  private static double sigmoidRow(double[] z, double[] y, int offset, int n, double scale, double[] delta) {
    double sum = 0.0;
    for (int k = offset; k < offset + n; k++) {
      double zk = z[k];
      sum += Math.max(zk, 0.0) - zk * y[k] + Math.log1p(Math.exp(-Math.abs(zk)));
      delta[k] = scale * (StableMath.sigmoid(zk) - y[k]);
    }
    return sum;
  }

  @Override public String toString() { return name(); }

  // constants, so that the hot paths that ask for them allocate nothing
  private static final Interval PREDICTION_DOMAIN = Interval.open(0, 1);
  private static final Interval TARGET_DOMAIN = Interval.closed(0, 1);
  private static final Optional<Activation> CANONICAL = Optional.of(Activation.SIGMOID);
  private static final Optional<LogitsForm> LOGITS_FORM = Optional.of(BinaryCrossEntropyLoss::sigmoidRow);
}

package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.LogitsForm;
import io.github.deltapair.Loss;
import java.util.Optional;

/**
 * {@code ℓ = −Σ_j [((1 + y_j)/2) log((1 + a_j)/2) + ((1 − y_j)/2) log((1 − a_j)/2)]}, the
 * Bernoulli likelihood on {@code (1 + y)/2}: targets in [−1, 1]; canonical with tanh.
 */
public final class BipolarCrossEntropyLoss implements Loss {

  /** The one instance, also {@link Loss#BIPOLAR_CROSS_ENTROPY}. */
  public static final BipolarCrossEntropyLoss INSTANCE = new BipolarCrossEntropyLoss();

  private BipolarCrossEntropyLoss() {}

  @Override public String id() { return "bipolar-cross-entropy"; }
  @Override public Interval predictionDomain() { return PREDICTION_DOMAIN; }
  @Override public Interval targetDomain() { return TARGET_DOMAIN; }
  @Override public Optional<Activation> canonicalActivation() { return CANONICAL; }

  @Override public String formula() {
    return "ℓ = −Σ_j [((1 + y_j)/2) log((1 + a_j)/2) + ((1 − y_j)/2) log((1 − a_j)/2)]";
  }

  @Override public String gradientFormula() { return "(a − y) / (1 − a²)"; }

  @Override public double value(double a, double y) {
    double up = 0.5 * (1.0 + y);
    double down = 0.5 * (1.0 - y);
    return -(up == 0 ? 0.0 : up * logHalfOfOnePlus(a)) - (down == 0 ? 0.0 : down * logHalfOfOnePlus(-a));
  }

  /** {@code (a − y)/((1 − a)(1 + a))}: {@code 1 − a²} factored for a near ±1. */
  @Override public double gradient(double a, double y) { return (a - y) / ((1.0 - a) * (1.0 + a)); }

  @Override public String cancellation() {
    return "∂ℓ/∂a = (a − y)/(1 − a²) and tanh'(z) = 1 − a²: they cancel, leaving δ = a − y"
        + " (since (1 + a)/2 = σ(2z), this is the sigmoid case in disguise).";
  }

  @Override
  public Optional<LogitsForm> logitsForm(Activation f) {
    return f.equals(Activation.TANH) ? LOGITS_FORM : Optional.empty();
  }

  /** {@code ℓ = ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z)}, {@code δ = tanh(z) − y}. */
  private static double tanhRow(double[] z, double[] y, int offset, int n, double scale, double[] delta) {
    double sum = 0.0;
    for (int k = offset; k < offset + n; k++) {
      double zk = z[k];
      double yk = y[k];
      sum += 0.5 * (1.0 + yk) * StableMath.softplus(-2 * zk) + 0.5 * (1.0 - yk) * StableMath.softplus(2 * zk);
      delta[k] = scale * (Math.tanh(zk) - yk);
    }
    return sum;
  }

  /** {@code log((1 + x)/2)}: {@code 1 + x} is exact near −1, and {@code log1p((x − 1)/2)} keeps it accurate near 1. */
  private static double logHalfOfOnePlus(double x) {
    return x > 0 ? Math.log1p(0.5 * (x - 1.0)) : Math.log(0.5 * (1.0 + x));
  }

  @Override public String toString() { return name(); }

  // constants, so that the hot paths that ask for them allocate nothing
  private static final Interval PREDICTION_DOMAIN = Interval.open(-1, 1);
  private static final Interval TARGET_DOMAIN = Interval.closed(-1, 1);
  private static final Optional<Activation> CANONICAL = Optional.of(Activation.TANH);
  private static final Optional<LogitsForm> LOGITS_FORM = Optional.of(BipolarCrossEntropyLoss::tanhRow);
}

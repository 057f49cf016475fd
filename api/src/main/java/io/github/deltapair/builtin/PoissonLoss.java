package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.LogitsForm;
import io.github.deltapair.Loss;
import java.util.Optional;

/** {@code ℓ = Σ_j (a_j − y_j log a_j)} ({@code log y!} dropped): targets {@code y ≥ 0}; canonical with exp. */
public final class PoissonLoss implements Loss {

  /** The one instance, also {@link Loss#POISSON}. */
  public static final PoissonLoss INSTANCE = new PoissonLoss();

  private PoissonLoss() {}

  @Override public String id() { return "poisson"; }
  @Override public Interval predictionDomain() { return PREDICTION_DOMAIN; }
  @Override public Interval targetDomain() { return TARGET_DOMAIN; }
  @Override public Optional<Activation> canonicalActivation() { return CANONICAL; }
  @Override public String formula() { return "ℓ = Σ_j (a_j − y_j log a_j)"; }
  @Override public String gradientFormula() { return "1 − y / a"; }
  @Override public double value(double a, double y) { return a - StableMath.xLogY(y, a); }
  @Override public double gradient(double a, double y) { return 1.0 - y / a; }
  @Override public String cancellation() { return "∂ℓ/∂a = 1 − y/a and (e^z)' = a: the product is a − y."; }

  @Override
  public Optional<LogitsForm> logitsForm(Activation f) {
    return f.equals(Activation.EXP) ? LOGITS_FORM : Optional.empty();
  }

  /** {@code ℓ = e^z − y·z} (never {@code y·log(e^z)}, which is −∞ once {@code e^z} underflows), {@code δ = e^z − y}. */
  private static double expRow(double[] z, double[] y, int offset, int n, double scale, double[] delta) {
    double sum = 0.0;
    for (int k = offset; k < offset + n; k++) {
      double a = Math.exp(z[k]);
      sum += a - (y[k] == 0 ? 0.0 : y[k] * z[k]);
      delta[k] = scale * (a - y[k]);
    }
    return sum;
  }

  @Override public String toString() { return name(); }

  // constants, so that the hot paths that ask for them allocate nothing
  private static final Interval PREDICTION_DOMAIN = Interval.open(0, Double.POSITIVE_INFINITY);
  private static final Interval TARGET_DOMAIN = Interval.closedOpen(0, Double.POSITIVE_INFINITY);
  private static final Optional<Activation> CANONICAL = Optional.of(Activation.EXP);
  private static final Optional<LogitsForm> LOGITS_FORM = Optional.of(PoissonLoss::expRow);
}

package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.LogitsForm;
import io.github.deltapair.Loss;
import java.util.Optional;

/** {@code ℓ = ½ Σ_j (a_j − y_j)²}: any real targets; canonical with identity. */
public final class SquaredErrorLoss implements Loss {

  /** The one instance, also {@link Loss#SQUARED_ERROR}. */
  public static final SquaredErrorLoss INSTANCE = new SquaredErrorLoss();

  private SquaredErrorLoss() {}

  @Override public String id() { return "squared-error"; }
  @Override public Interval predictionDomain() { return Interval.REAL; }
  @Override public Interval targetDomain() { return Interval.REAL; }
  @Override public Optional<Activation> canonicalActivation() { return CANONICAL; }
  @Override public String formula() { return "ℓ = ½ Σ_j (a_j − y_j)²"; }
  @Override public String gradientFormula() { return "a − y"; }
  @Override public double value(double a, double y) { return 0.5 * (a - y) * (a - y); }
  @Override public double gradient(double a, double y) { return a - y; }
  @Override public String cancellation() { return "f'(z) = 1, so δ = ∂ℓ/∂a = a − y."; }

  @Override
  public Optional<LogitsForm> logitsForm(Activation f) {
    return f.equals(Activation.IDENTITY) ? LOGITS_FORM : Optional.empty();
  }

  /** {@code ℓ = ½(z − y)²}, {@code δ = z − y}. */
  private static double identityRow(double[] z, double[] y, int offset, int n, double scale, double[] delta) {
    double sum = 0.0;
    for (int k = offset; k < offset + n; k++) {
      double r = z[k] - y[k];
      sum += 0.5 * r * r;
      delta[k] = scale * r;
    }
    return sum;
  }

  @Override public String toString() { return name(); }

  // constants, so that the hot paths that ask for them allocate nothing
  private static final Optional<Activation> CANONICAL = Optional.of(Activation.IDENTITY);
  private static final Optional<LogitsForm> LOGITS_FORM = Optional.of(SquaredErrorLoss::identityRow);
}

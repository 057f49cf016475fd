package io.github.deltapair.dl4j;

import io.github.deltapair.Interval;
import io.github.deltapair.Loss;

/**
 * A third party's loss, not registered anywhere: the log-cosh loss {@code ℓ = Σ log cosh(a − y)}
 * ({@code ∂ℓ/∂a = tanh(a − y)}), any real targets, no canonical activation. The dl4j backend
 * computes only the built-in catalog, so it must decline every pair with it.
 */
public final class PluginLoss implements Loss {

  /** The one instance. */
  public static final PluginLoss LOG_COSH = new PluginLoss();

  private PluginLoss() {}

  @Override public String id() { return "log-cosh"; }
  @Override public Interval predictionDomain() { return Interval.REAL; }
  @Override public Interval targetDomain() { return Interval.REAL; }
  @Override public String formula() { return "ℓ = Σ_j log cosh(a_j − y_j)"; }
  @Override public String gradientFormula() { return "tanh(a − y)"; }

  @Override
  public double value(double a, double y) {
    // log cosh r = |r| + log1p(e^−2|r|) − log 2, without overflow
    double r = Math.abs(a - y);
    return r + Math.log1p(Math.exp(-2 * r)) - Math.log(2);
  }

  @Override public double gradient(double a, double y) { return Math.tanh(a - y); }
}

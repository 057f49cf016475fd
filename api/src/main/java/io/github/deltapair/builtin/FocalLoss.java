package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.LogitsForm;
import io.github.deltapair.Loss;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The focal loss {@code focal(gamma=γ, alpha=α)}: per output {@code α_t (1 − p_t)^γ · BCE(a, y)}
 * with {@code p_t = a y + (1 − a)(1 − y)} and {@code α_t = α y + (1 − α)(1 − y)} (1 without
 * alpha), {@code 0^0 = 1}; targets in [0, 1]; sigmoid only, computed from the logits
 * ({@code log a = −softplus(−z)}, {@code 1 − a = σ(−z)}), so {@code |z| = 1000} is finite and
 * exact. No canonical activation; {@code focal(gamma=0.0)} equals binary cross-entropy. The
 * semantics of torchvision's {@code sigmoid_focal_loss}.
 */
public final class FocalLoss implements Loss {

  /** {@code focal(gamma=2.0)} without alpha, also {@link Loss#FOCAL}. */
  public static final FocalLoss DEFAULT = new FocalLoss(2.0, Double.NaN);

  private final double gamma;
  /** NaN when there is no alpha. */
  private final double alpha;

  private FocalLoss(double gamma, double alpha) {
    if (!(gamma >= 0) || !Double.isFinite(gamma)) {
      throw new IllegalArgumentException(
          "parameter 'gamma' of focal is " + gamma + "; it must be finite and ≥ 0");
    }
    if (!Double.isNaN(alpha) && !(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException(
          "parameter 'alpha' of focal is " + alpha + "; it must lie in [0, 1]");
    }
    this.gamma = gamma;
    this.alpha = alpha;
  }

  /** {@code focal(gamma=γ)}, no alpha. */
  public static FocalLoss of(double gamma) {
    return new FocalLoss(gamma, Double.NaN);
  }

  /** {@code focal(gamma=γ, alpha=α)}. */
  public static FocalLoss of(double gamma, double alpha) {
    if (Double.isNaN(alpha)) {
      throw new IllegalArgumentException("parameter 'alpha' of focal is NaN; it must lie in [0, 1]");
    }
    return new FocalLoss(gamma, alpha);
  }

  /** {@code γ ≥ 0}. */
  public double gamma() {
    return gamma;
  }

  /** {@code α}, if given. */
  public Optional<Double> alpha() {
    return Double.isNaN(alpha) ? Optional.empty() : Optional.of(alpha);
  }

  @Override public String id() { return "focal"; }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("gamma", gamma);
    if (!Double.isNaN(alpha)) {
      p.put("alpha", alpha);
    }
    return Collections.unmodifiableMap(p);
  }

  @Override
  public Loss withParameters(Map<String, Double> values) {
    Map<String, Double> all = new LinkedHashMap<>(values);
    Double g = all.remove("gamma");
    Double a = all.remove("alpha");
    if (!all.isEmpty()) {
      throw new IllegalArgumentException("unknown parameter '" + all.keySet().iterator().next()
          + "' of focal; it takes: gamma, alpha");
    }
    double gammaValue = g == null ? DEFAULT.gamma : g;
    return a == null ? of(gammaValue) : of(gammaValue, a);
  }

  @Override public Interval predictionDomain() { return PREDICTION_DOMAIN; }
  @Override public Interval targetDomain() { return TARGET_DOMAIN; }

  @Override public String formula() {
    return "ℓ = Σ_j α_t (1 − p_t)^γ · BCE(a_j, y_j), p_t = a y + (1 − a)(1 − y), γ = " + gamma
        + (Double.isNaN(alpha) ? ", α_t = 1" : ", α_t = α y + (1 − α)(1 − y), α = " + alpha);
  }

  @Override public String gradientFormula() {
    return "α_t [γ(1 − p_t)^{γ−1}(1 − 2y)·BCE + (1 − p_t)^γ (a − y)/(a(1 − a))]";
  }

  @Override
  public Optional<String> misfit(Activation f) {
    if (!f.isElementwise()) {
      return Optional.of("focal is element-wise (one binary decision per output): pair it with"
          + " sigmoid, not the row-wise " + f.id());
    }
    return Loss.super.misfit(f);
  }

  @Override public double value(double a, double y) {
    double q = a * (1.0 - y) + (1.0 - a) * y;
    double bce = -StableMath.xLogY(y, a) - StableMath.xLog1pY(1.0 - y, -a);
    return alphaT(y) * Math.pow(q, gamma) * bce;
  }

  @Override public double gradient(double a, double y) {
    double q = a * (1.0 - y) + (1.0 - a) * y;
    double bce = -StableMath.xLogY(y, a) - StableMath.xLog1pY(1.0 - y, -a);
    double dq = gamma == 0 ? 0.0 : gamma * Math.pow(q, gamma - 1) * (1.0 - 2.0 * y) * bce;
    return alphaT(y) * (dq + Math.pow(q, gamma) * (a - y) / (a * (1.0 - a)));
  }

  @Override
  public Optional<LogitsForm> logitsForm(Activation f) {
    return f.equals(Activation.SIGMOID) ? logitsForm : Optional.empty();
  }

  /**
   * With {@code p = σ(z)}, {@code 1 − p = σ(−z)}, {@code q = 1 − p_t = y σ(−z) + (1 − y) σ(z)}
   * and {@code B = max(z, 0) − z y + log1p(e^−|z|)}: {@code ℓ = α_t q^γ B}, {@code δ = α_t [q^γ
   * (p − y) + γ q^γ (q'/q) B]} with {@code q' = (1 − 2y) p (1 − p)}; the ratio {@code q'/q} is
   * bounded, so no {@code 0·∞} where {@code q} underflows (that term is 0 there).
   */
  private double sigmoidRow(double[] z, double[] y, int offset, int n, double scale, double[] delta) {
    double sum = 0.0;
    for (int k = offset; k < offset + n; k++) {
      double zk = z[k];
      double yk = y[k];
      double p = StableMath.sigmoid(zk);
      double notP = StableMath.sigmoid(-zk);
      double q = yk * notP + (1.0 - yk) * p;
      double bce = Math.max(zk, 0.0) - zk * yk + Math.log1p(Math.exp(-Math.abs(zk)));
      double qg = Math.pow(q, gamma);
      double at = alphaT(yk);
      double focusing = gamma == 0 || q == 0 ? 0.0 : gamma * qg * ((1.0 - 2.0 * yk) * p * notP / q) * bce;
      sum += at * qg * bce;
      delta[k] = scale * (at * (qg * (p - yk) + focusing));
    }
    return sum;
  }

  private double alphaT(double y) {
    return Double.isNaN(alpha) ? 1.0 : alpha * y + (1.0 - alpha) * (1.0 - y);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FocalLoss other
        && Double.compare(gamma, other.gamma) == 0 && Double.compare(alpha, other.alpha) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(gamma) * 31 + Double.hashCode(alpha);
  }

  @Override public String toString() { return name(); }

  // constants, so that the hot paths that ask for them allocate nothing
  private static final Interval PREDICTION_DOMAIN = Interval.open(0, 1);
  private static final Interval TARGET_DOMAIN = Interval.closed(0, 1);
  private final Optional<LogitsForm> logitsForm = Optional.of(this::sigmoidRow);
}

package io.github.deltapair.builtin;

import io.github.deltapair.Interval;
import io.github.deltapair.Loss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Huber loss {@code huber(delta=d)}: per output {@code ½r²} if {@code |r| ≤ d}, else {@code
 * d(|r| − ½d)}, with {@code r = a − y}; any real targets; no canonical activation. Its gradient
 * is {@code clip(r, −d, d)}, so with identity {@code δ = clip(a − y, −d, d)}. The semantics of
 * PyTorch's {@code huber_loss}.
 *
 * @param delta {@code d > 0}, where the quadratic turns linear
 */
public record HuberLoss(double delta) implements Loss {

  /** {@code huber(delta=1.0)}, also {@link Loss#HUBER}. */
  public static final HuberLoss DEFAULT = new HuberLoss(1.0);

  /**
   * Checks the parameter.
   *
   * @throws IllegalArgumentException unless {@code delta} is finite and positive
   */
  public HuberLoss {
    if (!(delta > 0) || !Double.isFinite(delta)) {
      throw new IllegalArgumentException(
          "parameter 'delta' of huber is " + delta + "; it must be finite and > 0");
    }
  }

  @Override public String id() { return "huber"; }
  @Override public Map<String, Double> parameters() { return Map.of("delta", delta); }

  @Override
  public Loss withParameters(Map<String, Double> values) {
    Map<String, Double> all = new LinkedHashMap<>(values);
    Double d = all.remove("delta");
    if (!all.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown parameter '" + all.keySet().iterator().next() + "' of huber; it takes: delta");
    }
    return d == null ? DEFAULT : new HuberLoss(d);
  }

  @Override public Interval predictionDomain() { return Interval.REAL; }
  @Override public Interval targetDomain() { return Interval.REAL; }

  @Override public String formula() {
    return "ℓ = Σ_j [½(a_j − y_j)² if |a_j − y_j| ≤ d, else d(|a_j − y_j| − ½d)], d = " + delta;
  }

  @Override public String gradientFormula() { return "clip(a − y, −d, d)"; }

  @Override public double value(double a, double y) {
    double r = Math.abs(a - y);
    return r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta);
  }

  @Override public double gradient(double a, double y) {
    return Math.max(-delta, Math.min(delta, a - y));
  }

  @Override public String toString() { return name(); }
}

package io.github.deltapair.reference;

/**
 * The oracle's focal loss, {@code α_t (1 − p_t)^γ · BCE(a, y)} with {@code p_t = a y + (1 − a)(1 −
 * y)} and {@code α_t = α y + (1 − α)(1 − y)} (1 without alpha), {@code 0^0 = 1}; from sigmoid
 * logits in the stable form {@code log a = −softplus(−z)}, {@code log(1 − a) = −softplus(z)},
 * {@code 1 − a = σ(−z)}.
 */
final class FocalFormula {

  private final double gamma;
  /** NaN without alpha. */
  private final double alpha;

  FocalFormula(double gamma, double alpha) {
    this.gamma = gamma;
    this.alpha = alpha;
  }

  private double alphaT(double y) {
    return Double.isNaN(alpha) ? 1.0 : alpha * y + (1.0 - alpha) * (1.0 - y);
  }

  /** {@code ℓ(a, y)} at a prediction: {@code q = 1 − p_t = a + y − 2ay}. */
  double value(double a, double y) {
    double q = a + y - 2.0 * a * y;
    double bce = Textbook.xlogy(-y, a) + Textbook.xlog1py(-(1.0 - y), -a);
    return alphaT(y) * Math.pow(q, gamma) * bce;
  }

  /** {@code ∂ℓ/∂a = α_t [γ q^{γ−1} (1 − 2y) BCE + q^γ (−y/a + (1 − y)/(1 − a))]}. */
  double gradient(double a, double y) {
    double q = a + y - 2.0 * a * y;
    double bce = Textbook.xlogy(-y, a) + Textbook.xlog1py(-(1.0 - y), -a);
    double focusing = gamma == 0.0 ? 0.0 : gamma * Math.pow(q, gamma - 1.0) * (1.0 - 2.0 * y) * bce;
    return alphaT(y) * (focusing + Math.pow(q, gamma) * (-y / a + (1.0 - y) / (1.0 - a)));
  }

  /** {@code ℓ_i = Σ_j α_t q^γ B} with {@code B = y softplus(−z) + (1 − y) softplus(z)}. */
  double sigmoidRowLoss(double[] z, double[] y, int base, int n) {
    CompensatedSum total = new CompensatedSum();
    // ℓ_j = α_t q_j^γ B_j, q_j = y σ(−z) + (1 − y) σ(z)
    for (int j = base; j < base + n; j++) {
      double q = y[j] * Textbook.sigmoid(-z[j]) + (1.0 - y[j]) * Textbook.sigmoid(z[j]);
      double b = y[j] * Textbook.softplus(-z[j]) + (1.0 - y[j]) * Textbook.softplus(z[j]);
      total.add(alphaT(y[j]) * Math.pow(q, gamma) * b);
    }
    return total.value();
  }

  /**
   * {@code δ_j = α_t q^γ [(p − y) + γ (1 − 2y) (p(1 − p)/q) B]}: {@code dB/dz = p − y}, {@code
   * dq/dz = (1 − 2y) p(1 − p)}, and the ratio {@code p(1 − p)/q ≤ 1} is taken before any power so
   * nothing overflows where {@code q} underflows (the focusing term is 0 there).
   */
  double[] sigmoidRowDelta(double[] z, double[] y, int base, int n) {
    double[] delta = new double[n];
    // δ_j = α_t q^γ [(p − y) + γ (1 − 2y) r B], r = p(1 − p)/q
    for (int j = 0; j < n; j++) {
      double zj = z[base + j];
      double yj = y[base + j];
      double p = Textbook.sigmoid(zj);
      double notP = Textbook.sigmoid(-zj);
      double q = yj * notP + (1.0 - yj) * p;
      double b = yj * Textbook.softplus(-zj) + (1.0 - yj) * Textbook.softplus(zj);
      double ratio = q == 0.0 ? 0.0 : p * notP / q;
      double focusing = gamma == 0.0 ? 0.0 : gamma * (1.0 - 2.0 * yj) * ratio * b;
      delta[j] = alphaT(yj) * Math.pow(q, gamma) * ((p - yj) + focusing);
    }
    return delta;
  }
}

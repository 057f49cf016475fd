package io.github.deltapair.reference;

/** The stable scalar pieces of the oracle's formulas, written for the kit alone. */
final class Textbook {

  static final double LN2 = Math.log(2.0);

  private Textbook() {}

  /** {@code 1/(1 + e^−z)} for {@code z ≥ 0}, {@code e^z/(1 + e^z)} below: {@code e^(·)} never overflows. */
  static double sigmoid(double z) {
    if (z >= 0.0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  /** {@code log(1 + e^z) = max(z, 0) + log1p(e^−|z|)}. */
  static double softplus(double z) {
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /** {@code x·log(y)}, 0 when {@code x = 0}. */
  static double xlogy(double x, double y) {
    return x == 0.0 ? 0.0 : x * Math.log(y);
  }

  /** {@code x·log1p(y)}, 0 when {@code x = 0}. */
  static double xlog1py(double x, double y) {
    return x == 0.0 ? 0.0 : x * Math.log1p(y);
  }

  /** {@code log Σ_j e^{z_j} = max + log Σ_j e^{z_j − max}} over {@code z[base, base + n)}. */
  static double logSumExp(double[] z, int base, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = base; j < base + n; j++) {
      max = Math.max(max, z[j]);
    }
    CompensatedSum total = new CompensatedSum();
    // Σ_j e^{z_j − max}
    for (int j = base; j < base + n; j++) {
      total.add(Math.exp(z[j] - max));
    }
    return max + Math.log(total.value());
  }

  /** {@code Σ_j y_j z_j} over one row, compensated. */
  static double dot(double[] y, double[] z, int base, int n) {
    CompensatedSum total = new CompensatedSum();
    // Σ_j y_j z_j
    for (int j = base; j < base + n; j++) {
      total.add(y[j] * z[j]);
    }
    return total.value();
  }
}

package io.github.deltapair.builtin;

/** The stable scalar pieces the built-in definitions share. */
final class StableMath {

  private StableMath() {}

  /** {@code σ(z)}: {@code 1/(1 + e^−z)} for {@code z ≥ 0}, {@code e^z/(1 + e^z)} otherwise, so neither overflows. */
  static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  /** {@code softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^−|z|)}: finite for every finite z. */
  static double softplus(double z) {
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /** {@code x·log(a)}, 0 when {@code x = 0} (so {@code 0·log 0 = 0}). */
  static double xLogY(double x, double a) {
    return x == 0 ? 0.0 : x * Math.log(a);
  }

  /** {@code x·log1p(b)}, 0 when {@code x = 0}. */
  static double xLog1pY(double x, double b) {
    return x == 0 ? 0.0 : x * Math.log1p(b);
  }

  /** The largest element of {@code z[from, to)}. */
  static double max(double[] z, int from, int to) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = from; k < to; k++) {
      max = Math.max(max, z[k]);
    }
    return max;
  }
}

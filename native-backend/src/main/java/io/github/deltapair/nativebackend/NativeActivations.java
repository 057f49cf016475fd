package io.github.deltapair.nativebackend;

import io.github.deltapair.Activation;

/** Stable scalar activations, their derivatives, and the row-wise softmax, in float64. */
final class NativeActivations {

  private NativeActivations() {}

  /** {@code σ(z)}, without overflow for any finite {@code z}. */
  static double sigmoid(double z) {
    // σ(z) = 1/(1 + e^−z) for z ≥ 0, e^z/(1 + e^z) for z < 0
    double e = Math.exp(-Math.abs(z));
    return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
  }

  /** {@code softplus(z) = log(1 + e^z)}, without overflow for any finite {@code z}. */
  static double softplus(double z) {
    // softplus(z) = max(z, 0) + log1p(e^−|z|)
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /**
   * {@code log(1 + x)} for {@code x ∈ [0, 1]} to a few ulp with one {@code Math.log} (an
   * intrinsic, where {@code Math.log1p} is a slow native call on JDK 17): {@code u = 1 + x} rounds,
   * and {@code x/(u − 1)} corrects {@code log u} for that rounding (Goldberg 1991, theorem 4).
   */
  static double log1pOfSmall(double x) {
    double u = 1.0 + x;
    return u == 1.0 ? x : Math.log(u) * (x / (u - 1.0));
  }

  /** {@code f(z)} for an element-wise activation. */
  static double value(Activation f, double z) {
    return switch (f) {
      case IDENTITY -> z;
      case SIGMOID -> sigmoid(z);
      case TANH -> Math.tanh(z);
      case EXP -> Math.exp(z);
      case RELU -> z > 0 ? z : 0.0;
      case SOFTPLUS -> softplus(z);
      case SOFTMAX -> throw new IllegalArgumentException("softmax acts on rows, not elements");
    };
  }

  /** {@code f'(z)} for an element-wise activation, from {@code a = f(z)} where that is exact. */
  static double derivative(Activation f, double z, double a) {
    return switch (f) {
      case IDENTITY -> 1.0;
      // σ'(z) = σ(z)·σ(−z): accurate in both tails, where a(1 − a) loses 1 − a to rounding
      case SIGMOID -> sigmoid(z) * sigmoid(-z);
      // tanh'(z) = 1/cosh²(z): accurate where a is near ±1 and 1 − a² cancels
      case TANH -> {
        double c = Math.cosh(z);
        yield 1.0 / (c * c);
      }
      case EXP -> a;
      case RELU -> z > 0 ? 1.0 : 0.0;
      case SOFTPLUS -> sigmoid(z);
      case SOFTMAX -> throw new IllegalArgumentException("softmax has a Jacobian, not a derivative");
    };
  }

  /** Writes {@code f(z)} into {@code out} for the row-major {@code rows × cols} arrays. */
  static void forward(Activation f, double[] z, double[] out, int cols) {
    if (f != Activation.SOFTMAX) {
      // a = f(z), element by element
      for (int k = 0; k < z.length; k++) {
        out[k] = value(f, z[k]);
      }
      return;
    }
    for (int base = 0; base < z.length; base += cols) {
      softmaxRow(z, out, base, cols);
    }
  }

  /**
   * Writes the softmax of {@code z[base .. base+cols)} into the same range of {@code out} and
   * returns {@code Σ_j e^{z_j − max}} (at least 1).
   */
  static double softmaxRow(double[] z, double[] out, int base, int cols) {
    return softmaxRow(z, out, base, cols, rowMax(z, base, cols));
  }

  /** {@link #softmaxRow(double[], double[], int, int)} with the row's maximum already known. */
  static double softmaxRow(double[] z, double[] out, int base, int cols, double max) {
    // e_j = e^{z_j − max}, s = Σ_j e_j
    double s = 0.0;
    for (int j = base; j < base + cols; j++) {
      double e = Math.exp(z[j] - max);
      out[j] = e;
      s += e;
    }
    // a_j = e_j / s
    for (int j = base; j < base + cols; j++) {
      out[j] /= s;
    }
    return s;
  }

  /** {@code max_j z_j} over {@code z[base .. base+cols)}. */
  static double rowMax(double[] z, int base, int cols) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = base; j < base + cols; j++) {
      max = Math.max(max, z[j]);
    }
    return max;
  }
}

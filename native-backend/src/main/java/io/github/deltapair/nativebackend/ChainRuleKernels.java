package io.github.deltapair.nativebackend;

import io.github.deltapair.Activation;
import io.github.deltapair.Loss;

/**
 * The chain-rule pairs: {@code a = f(z)}, {@code g = ∂ℓ/∂a}, then {@code δ = g ⊙ f'(z)}
 * element-wise, or the vector-Jacobian product {@code δ_k = a_k (g_k − Σ_j g_j a_j)} for softmax.
 *
 * <p>Inputs have passed validation, so every {@code a} lies inside the loss's domain. Each kernel
 * writes {@code scale · δ} into {@code delta} and returns {@code scale · Σ ℓ}, summed with
 * compensation.
 */
final class ChainRuleKernels {

  private ChainRuleKernels() {}

  /** The kernel of the chain-rule pair {@code f + loss}. */
  static double compute(
      Activation f, Loss loss, double[] z, double[] y, int cols, double scale, double[] delta) {
    return f == Activation.SOFTMAX
        ? softmax(loss, z, y, cols, scale, delta)
        : elementwise(f, loss, z, y, scale, delta);
  }

  static double elementwise(
      Activation f, Loss loss, double[] z, double[] y, double scale, double[] delta) {
    CompensatedSum total = new CompensatedSum();
    // a = f(z), ℓ = ℓ(a, y), δ = ∂ℓ/∂a · f'(z)  (+ 0.0 turns the −0.0 of a vanished f' into 0)
    for (int k = 0; k < z.length; k++) {
      double a = NativeActivations.value(f, z[k]);
      double g = LossTerms.gradient(loss, a, y[k]);
      total.add(LossTerms.loss(loss, a, y[k]));
      delta[k] = scale * (g * NativeActivations.derivative(f, z[k], a)) + 0.0;
    }
    return scale * total.value();
  }

  static double softmax(Loss loss, double[] z, double[] y, int cols, double scale, double[] delta) {
    CompensatedSum total = new CompensatedSum();
    for (int base = 0; base < z.length; base += cols) {
      // the row's a = softmax(z) goes into delta first
      NativeActivations.softmaxRow(z, delta, base, cols);
      // ℓ = Σ_j ℓ(a_j, y_j), s = Σ_j g_j a_j
      double s = 0.0;
      for (int j = base; j < base + cols; j++) {
        double a = delta[j];
        total.add(LossTerms.loss(loss, a, y[j]));
        s += LossTerms.gradient(loss, a, y[j]) * a;
      }
      // δ_k = a_k (g_k − s)
      for (int j = base; j < base + cols; j++) {
        double a = delta[j];
        delta[j] = scale * (a * (LossTerms.gradient(loss, a, y[j]) - s));
      }
    }
    return scale * total.value();
  }
}

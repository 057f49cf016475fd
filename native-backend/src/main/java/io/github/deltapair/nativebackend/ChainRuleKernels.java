package io.github.deltapair.nativebackend;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.Loss;

/**
 * The chain-rule pairs: {@code a = f(z)}, {@code g = ∂ℓ/∂a}, then {@code δ = g ⊙ f'(z)}
 * element-wise, or the vector-Jacobian product {@code δ_k = a_k (g_k − Σ_j g_j a_j)} for softmax.
 *
 * <p>One fused pass per row that also checks the input rules inline, as a {@link BlockKernel}:
 * finite {@code z} and {@code y}, targets in the loss's domain (simplex rows for cross-entropy),
 * {@code exp} without overflow, {@code a} inside the loss's prediction domain (not saturated; the
 * activations here round exactly as {@link Activation#forward} does, so the verdicts agree) and a
 * finite delta. Where one is broken the kernel returns NaN.
 */
final class ChainRuleKernels {

  private ChainRuleKernels() {}

  /** The kernel of the chain-rule pair {@code f + loss}. */
  static BlockKernel of(Activation f, Loss loss) {
    return f == Activation.SOFTMAX
        ? (z, y, cols, from, to, scale, delta) -> softmax(loss, z, y, cols, from, to, scale, delta)
        : (z, y, cols, from, to, scale, delta) -> elementwise(f, loss, z, y, cols, from, to, scale, delta);
  }

  static double elementwise(Activation f, Loss loss, double[] z, double[] y, int cols, int from,
      int to, double scale, double[] delta) {
    Interval targets = loss.targetDomain();
    Interval predictions = loss.predictionDomain();
    boolean bounded = loss != Loss.SQUARED_ERROR;
    double sum = 0.0;
    boolean ok = true;
    for (int base = from * cols; base < to * cols; base += cols) {
      double t = 0.0;
      // a = f(z), ℓ = ℓ(a, y), δ = ∂ℓ/∂a · f'(z)  (+ 0.0 turns the −0.0 of a vanished f' into 0)
      for (int k = base; k < base + cols; k++) {
        double zk = z[k];
        double yk = y[k];
        double a = NativeActivations.value(f, zk);
        double g = LossTerms.gradient(loss, a, yk);
        sum += LossTerms.loss(loss, a, yk);
        double d = scale * (g * NativeActivations.derivative(f, zk, a)) + 0.0;
        delta[k] = d;
        t += yk;
        ok &= Double.isFinite(zk) & Double.isFinite(d) & targets.contains(yk)
            & (!bounded || predictions.contains(a))
            & (f != Activation.EXP || zk <= Activation.MAX_EXP_ARGUMENT);
      }
      ok &= !loss.targetRowsOnSimplex() || Simplex.holds(y, base, cols, t);
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  static double softmax(Loss loss, double[] z, double[] y, int cols, int from, int to,
      double scale, double[] delta) {
    Interval targets = loss.targetDomain();
    Interval predictions = loss.predictionDomain();
    boolean bounded = loss != Loss.SQUARED_ERROR;
    double sum = 0.0;
    boolean ok = true;
    for (int base = from * cols; base < to * cols; base += cols) {
      // the row's a = softmax(z) goes into delta first
      NativeActivations.softmaxRow(z, delta, base, cols);
      // ℓ = Σ_j ℓ(a_j, y_j), s = Σ_j g_j a_j
      double s = 0.0;
      double t = 0.0;
      for (int j = base; j < base + cols; j++) {
        double a = delta[j];
        sum += LossTerms.loss(loss, a, y[j]);
        s += LossTerms.gradient(loss, a, y[j]) * a;
        t += y[j];
        ok &= Double.isFinite(z[j]) & targets.contains(y[j]) & (!bounded || predictions.contains(a));
      }
      // δ_k = a_k (g_k − s)
      for (int j = base; j < base + cols; j++) {
        double a = delta[j];
        double d = scale * (a * (LossTerms.gradient(loss, a, y[j]) - s));
        delta[j] = d;
        ok &= Double.isFinite(d);
      }
      ok &= !loss.targetRowsOnSimplex() || Simplex.holds(y, base, cols, t);
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }
}

package io.github.deltapair.nativebackend;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;

/**
 * The chain-rule pairs of built-in definitions, computed from the definitions: {@code a = f(z)},
 * {@code g = ∂ℓ/∂a}, then {@code δ = g ⊙ f'(z)} element-wise ({@link Activation#apply}, {@link
 * Activation#derivative(double, double)}, {@link Loss#value}, {@link Loss#gradient}), or the
 * row-wise vector-Jacobian product {@code δ = J_f(z)ᵀ g} ({@link Activation#forwardRow}, {@link
 * Activation#backwardRow}).
 *
 * <p>One fused pass per row that also checks the input rules inline, read from the definitions:
 * finite {@code z} and {@code y}, {@code z ≤} {@link Activation#maxFiniteLogit()}, targets in
 * {@link Loss#targetDomain()} (and on the simplex where {@link Loss#targetRowsOnSimplex()}), {@code
 * a} inside {@link Loss#predictionDomain()} where the pair can saturate (the activation is computed
 * by the same definition {@link Activation#forward} uses, so the verdicts agree) and a finite delta.
 * Where one is broken the kernel returns NaN.
 */
final class ChainRuleKernels {

  private ChainRuleKernels() {}

  /** The chain-rule kernel of {@code pair}, whose loss is defined on predictions. */
  static BlockKernel of(Pair pair) {
    return pair.activation().isElementwise() ? new Elementwise(pair) : new Rowwise(pair);
  }

  /** The input rules of one pair, read once from its definitions. */
  private abstract static class Rules implements BlockKernel {

    final Activation f;
    final Loss loss;
    final Interval targets;
    final Interval predictions;
    /** Whether {@code a} may round onto the edge of the prediction domain (the loss is then infinite). */
    final boolean saturates;
    final boolean simplex;
    final double maxLogit;

    Rules(Pair pair) {
      this.f = pair.activation();
      this.loss = pair.loss();
      this.targets = loss.targetDomain();
      this.predictions = loss.predictionDomain();
      this.saturates = pair.canSaturate();
      this.simplex = loss.targetRowsOnSimplex();
      this.maxLogit = f.maxFiniteLogit();
    }
  }

  /** An element-wise activation: {@code δ_k = ∂ℓ/∂a(a_k, y_k) · f'(z_k)}. */
  private static final class Elementwise extends Rules {

    Elementwise(Pair pair) {
      super(pair);
    }

    @Override
    public double rows(double[] z, double[] y, int cols, int from, int to, double scale,
        double[] delta, double[] losses) {
      double sum = 0.0;
      boolean ok = true;
      for (int base = from * cols; base < to * cols; base += cols) {
        double t = 0.0;
        double row = 0.0;
        // a = f(z), ℓ = ℓ(a, y), δ = ∂ℓ/∂a · f'(z)  (+ 0.0 turns the −0.0 of a vanished f' into 0)
        for (int k = base; k < base + cols; k++) {
          double zk = z[k];
          double yk = y[k];
          double a = f.apply(zk);
          row += loss.value(a, yk);
          double d = scale * (loss.gradient(a, yk) * f.derivative(zk, a)) + 0.0;
          delta[k] = d;
          t += yk;
          ok &= Double.isFinite(zk) & zk <= maxLogit & Double.isFinite(d) & targets.contains(yk)
              & (!saturates || predictions.contains(a));
        }
        ok &= !simplex || Simplex.holds(y, base, cols, t);
        // Σ ℓ row by row, so that the sum is the same with or without per-example losses
        sum += row;
        if (losses != null) {
          losses[base / cols] = row;
        }
      }
      return ok && Double.isFinite(sum) ? sum : Double.NaN;
    }
  }

  /** A row-wise activation (softmax): {@code δ = J_f(z)ᵀ g} per row, through per-thread scratch rows. */
  private static final class Rowwise extends Rules {

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    Rowwise(Pair pair) {
      super(pair);
    }

    @Override
    public double rows(double[] z, double[] y, int cols, int from, int to, double scale,
        double[] delta, double[] losses) {
      Scratch scratch = SCRATCH.get().fit(cols);
      double[] zr = scratch.z;
      double[] a = scratch.a;
      double[] g = scratch.g;
      double sum = 0.0;
      boolean ok = true;
      for (int base = from * cols; base < to * cols; base += cols) {
        System.arraycopy(z, base, zr, 0, cols);
        f.forwardRow(zr, a, 0, cols);
        // ℓ = Σ_j ℓ(a_j, y_j), g_j = ∂ℓ/∂a_j
        double t = 0.0;
        double row = 0.0;
        for (int j = 0; j < cols; j++) {
          double yj = y[base + j];
          row += loss.value(a[j], yj);
          g[j] = loss.gradient(a[j], yj);
          t += yj;
          ok &= Double.isFinite(zr[j]) & zr[j] <= maxLogit & targets.contains(yj)
              & (!saturates || predictions.contains(a[j]));
        }
        f.backwardRow(zr, a, g, g, 0, cols);
        // δ = scale · J_f(z)ᵀ g
        for (int j = 0; j < cols; j++) {
          double d = scale * g[j] + 0.0;
          delta[base + j] = d;
          ok &= Double.isFinite(d);
        }
        ok &= !simplex || Simplex.holds(y, base, cols, t);
        sum += row;
        if (losses != null) {
          losses[base / cols] = row;
        }
      }
      return ok && Double.isFinite(sum) ? sum : Double.NaN;
    }
  }

  /** One thread's rows of {@code z}, {@code a} and {@code g}, grown to the widest batch seen. */
  private static final class Scratch {

    double[] z = new double[0];
    double[] a = new double[0];
    double[] g = new double[0];

    Scratch fit(int cols) {
      if (z.length < cols) {
        z = new double[cols];
        a = new double[cols];
        g = new double[cols];
      }
      return this;
    }
  }
}

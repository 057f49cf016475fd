package io.github.deltapair.nativebackend;

import io.github.deltapair.Interval;
import io.github.deltapair.LogitsForm;
import io.github.deltapair.Pair;

/**
 * A built-in pair computed by its loss's {@link LogitsForm} (sigmoid + focal): the input rules are
 * checked inline first, from the definitions (finite {@code z} and {@code y}, {@code z ≤} the
 * activation's largest finite logit, targets in the loss's domain and on the simplex where it asks),
 * then the row kernel runs and its delta is checked finite. Returns NaN where a rule is broken.
 * A pair with a logits form never saturates, so there is no prediction check.
 */
final class LogitsFormKernel implements BlockKernel {

  private final LogitsForm form;
  private final Interval targets;
  private final boolean simplex;
  private final double maxLogit;

  LogitsFormKernel(Pair pair, LogitsForm form) {
    this.form = form;
    this.targets = pair.loss().targetDomain();
    this.simplex = pair.loss().targetRowsOnSimplex();
    this.maxLogit = pair.activation().maxFiniteLogit();
  }

  @Override
  public double rows(double[] z, double[] y, int cols, int from, int to, double scale,
      double[] delta, double[] losses) {
    double sum = 0.0;
    for (int base = from * cols; base < to * cols; base += cols) {
      int end = base + cols;
      double t = 0.0;
      boolean ok = true;
      // every z_j finite and ≤ maxLogit, every y_j in the targets' domain; t = Σ_j y_j
      for (int j = base; j < end; j++) {
        ok &= Double.isFinite(z[j]) & z[j] <= maxLogit & targets.contains(y[j]);
        t += y[j];
      }
      if (!ok || (simplex && !Simplex.holds(y, base, cols, t))) {
        return Double.NaN;
      }
      // ℓ_i and scale·∂ℓ_i/∂z_i from the logits
      double term = form.row(z, y, base, cols, scale, delta);
      sum += term;
      if (losses != null) {
        losses[base / cols] = term;
      }
      for (int j = base; j < end; j++) {
        ok &= Double.isFinite(delta[j]);
      }
      if (!ok) {
        return Double.NaN;
      }
    }
    return Double.isFinite(sum) ? sum : Double.NaN;
  }
}

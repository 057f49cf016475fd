package io.github.deltapair;

import java.util.Optional;

/**
 * The definitions' path under options (docs/contract.md §2b), row by row in float64: what {@link
 * Pair#lossOfRows(Batch, Targets, Options, int, int, double, double[], double[])} computes.
 *
 * <p>Every option reduces to two things per output: a target {@code t_j} (one-hot or dense, then
 * smoothed, then for pos_weight {@code p y' / c}) and a weight {@code c_j} (class weight × mask ×
 * {@code 1 + (p − 1) y'} for pos_weight); a row then has {@code ℓ_i = e_i Σ_j c_j ℓ(a_j, t_j)}
 * with {@code e_i} its example weight, computed through the pair's logits form if it has one, else
 * through {@code a = f(z)} and the chain rule. Scratch rows are per thread, so the path allocates
 * nothing once warm.
 */
final class OptionsMath {

  private OptionsMath() {}

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** Per-thread rows: logits, targets, weights, activations, gradient, delta. */
  private static final class Scratch {
    double[] z = new double[0];
    double[] t;
    double[] c;
    double[] a;
    double[] g;
    double[] d;

    Scratch ensure(int n) {
      if (z.length < n) {
        z = new double[n];
        t = new double[n];
        c = new double[n];
        a = new double[n];
        g = new double[n];
        d = new double[n];
      }
      return this;
    }
  }

  /** The pairs' logits forms, looked up once (a lookup allocates nothing); at most 256 kept. */
  private static final java.util.concurrent.ConcurrentHashMap<Pair, Optional<LogitsForm>> FORMS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Optional<LogitsForm> formOf(Pair pair) {
    Optional<LogitsForm> form = FORMS.get(pair);
    if (form == null) {
      form = pair.logitsForm();
      if (FORMS.size() < 256) {
        FORMS.putIfAbsent(pair, form);
      }
    }
    return form;
  }

  static double lossOfRows(Pair pair, Batch z, Targets targets, Options options, int from, int to,
      double scale, double[] delta, double[] exampleLosses) {
    int n = z.cols();
    Scratch s = SCRATCH.get().ensure(n);
    Activation f = pair.activation();
    Loss loss = pair.loss();
    Optional<LogitsForm> form = formOf(pair);
    boolean elementwise = f.isElementwise();
    double[] zs = z.array();
    double[] ys = targets instanceof Batch y ? y.array() : null;
    Labels labels = targets instanceof Labels l ? l : null;
    double[] w = options.classWeights();
    double[] p = options.posWeight();
    double[] mask = options.mask() == null ? null : options.mask().array();
    double epsilon = options.labelSmoothing();
    boolean weighted = w != null || p != null || (mask != null && elementwise);
    double sum = 0.0;
    double compensation = 0.0;
    for (int i = from; i < to; i++) {
      int base = i * n;
      double e = options.exampleWeight(i);
      if (options.dropsRow(targets, i)) {
        java.util.Arrays.fill(delta, base, base + n, 0.0);
        if (exampleLosses != null) {
          exampleLosses[i] = 0.0;
        }
        continue;
      }
      // targets t and weights c of the row
      for (int j = 0; j < n; j++) {
        double kept = mask == null ? 1.0 : mask[base + j];
        if (kept == 0.0) {
          // a masked-out output is never read: weight 0, and 0 stands in for its logit and target
          s.t[j] = 0.0;
          s.c[j] = 0.0;
          s.z[j] = 0.0;
          continue;
        }
        double t = ys != null ? ys[base + j] : (labels.get(i) == j ? 1.0 : 0.0);
        if (epsilon != 0.0) {
          t = loss.smoothedTarget(t, epsilon, n);
        }
        double c = (w == null ? 1.0 : w[j]) * kept;
        if (p != null) {
          double factor = 1.0 + (p[j] - 1.0) * t;
          c *= factor;
          t = p[j] * t / factor;
        }
        s.t[j] = t;
        s.c[j] = c;
        s.z[j] = zs[base + j];
      }
      double rowScale = scale * e;
      double term = row(pair, form, elementwise, weighted, s, n, rowScale);
      for (int j = 0; j < n; j++) {
        // an element-wise output of weight 0 (masked out) gives exactly 0 (never 0·∞)
        delta[base + j] = elementwise && s.c[j] == 0.0 ? 0.0 : s.d[j] + 0.0;
      }
      term *= e;
      if (exampleLosses != null) {
        exampleLosses[i] = term;
      }
      double t = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
      sum = t;
    }
    return sum + compensation;
  }

  /** One row's {@code Σ_j c_j ℓ_j} from the scratch rows, writing {@code rowScale·∂/∂z} into {@code s.d}. */
  private static double row(Pair pair, Optional<LogitsForm> form, boolean elementwise,
      boolean weighted, Scratch s, int n, double rowScale) {
    Loss loss = pair.loss();
    if (form.isPresent()) {
      LogitsForm lf = form.get();
      if (!weighted) {
        return lf.row(s.z, s.t, 0, n, rowScale, s.d);
      }
      if (!elementwise) {
        return lf.weightedRow(s.z, s.t, 0, n, s.c, 0, rowScale, s.d);
      }
      // an element-wise form, output by output
      double term = 0.0;
      for (int j = 0; j < n; j++) {
        if (s.c[j] != 0.0) {
          term += s.c[j] * lf.row(s.z, s.t, j, 1, rowScale * s.c[j], s.d);
        } else {
          s.d[j] = 0.0;
        }
      }
      return term;
    }
    pair.activation().forwardRow(s.z, s.a, 0, n);
    double term = 0.0;
    for (int j = 0; j < n; j++) {
      if (!weighted || s.c[j] != 0.0) {
        term += (weighted ? s.c[j] : 1.0) * loss.value(s.a[j], s.t[j]);
      }
    }
    if (pair.isCanonical() && (elementwise || !weighted)) {
      // δ = c ⊙ (a − t), output by output for an element-wise link
      for (int j = 0; j < n; j++) {
        s.d[j] = rowScale * (weighted ? s.c[j] : 1.0) * (s.a[j] - s.t[j]);
      }
      return term;
    }
    // δ = J_f(z)ᵀ (c ⊙ ∂ℓ/∂a)
    for (int j = 0; j < n; j++) {
      s.g[j] = weighted && s.c[j] == 0.0 ? 0.0 : (weighted ? s.c[j] : 1.0) * loss.gradient(s.a[j], s.t[j]);
    }
    pair.activation().backwardRow(s.z, s.a, s.g, s.d, 0, n);
    for (int j = 0; j < n; j++) {
      s.d[j] *= rowScale;
    }
    return term;
  }
}

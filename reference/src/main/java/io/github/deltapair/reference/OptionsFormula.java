package io.github.deltapair.reference;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;

/**
 * The oracle under the options of the contract's §2b, written from the textbook per-output
 * formulas and never through the api's options path: per output {@code j} of a kept row {@code i}
 * the target {@code y'} (one-hot or dense, then smoothed {@code (1 − ε)y + ε/K}), the weight
 * {@code c_j = w_j·mask_ij}, the term {@code ℓ_ij} ({@code −[p y' log a + (1 − y') log(1 − a)]}
 * with pos_weight), and {@code ℓ_i = e_i Σ_j c_j ℓ_ij}; the delta by the closed forms of the
 * canonical pairs and the chain rule with the oracle's own Jacobians otherwise. {@code Σ W} is
 * summed here too.
 *
 * <p>What is not computed is never read: ignored rows, rows masked out whole and masked-out
 * entries may hold NaN.
 */
final class OptionsFormula {

  private OptionsFormula() {}

  /** Whether row {@code i} is dropped: its label is the ignore_index, or its mask row is all 0. */
  static boolean drops(Targets targets, Options options, int i, int n) {
    if (targets instanceof Labels labels && labels.ignoreIndex().isPresent()
        && labels.get(i) == labels.ignoreIndex().getAsInt()) {
      return true;
    }
    Batch mask = options.mask();
    if (mask == null) {
      return false;
    }
    for (int j = 0; j < n; j++) {
      if (mask.array()[i * n + j] != 0.0) {
        return false;
      }
    }
    return true;
  }

  /** {@code W_i}: example weight × (class weight of the label, with labels) × 0 if dropped. */
  static double rowWeight(Targets targets, Options options, int i, int n) {
    if (drops(targets, options, i, n)) {
      return 0.0;
    }
    double e = options.exampleWeights() == null ? 1.0 : options.exampleWeights()[i];
    double[] w = options.classWeights();
    return targets instanceof Labels labels && w != null ? e * w[labels.get(i)] : e;
  }

  /** {@code Σ_i W_i}, compensated. */
  static double totalWeight(Targets targets, Options options, int n) {
    CompensatedSum total = new CompensatedSum();
    for (int i = 0; i < targets.rows(); i++) {
      total.add(rowWeight(targets, options, i, n));
    }
    return total.value();
  }

  /** The reduction's factor: 1 (SUM, NONE), {@code 1/m}, {@code 1/Σ W} (0 when {@code Σ W = 0}). */
  static double scale(Reduction reduction, Targets targets, Options options, int n) {
    return switch (reduction) {
      case SUM, NONE -> 1.0;
      case MEAN -> 1.0 / targets.rows();
      case MEAN_BY_WEIGHT -> {
        double total = totalWeight(targets, options, n);
        yield total == 0.0 ? 0.0 : 1.0 / total;
      }
    };
  }

  /** The smoothed target {@code (1 − ε) y + ε/K}: K = n for cross-entropy, 2 for binary cross-entropy. */
  static double smoothed(Loss loss, double y, double epsilon, int n) {
    if (epsilon == 0.0) {
      return y;
    }
    return switch (LossFormulas.isOwn(loss) ? loss.id() : "") {
      case "cross-entropy" -> (1.0 - epsilon) * y + epsilon / n;
      case "binary-cross-entropy" -> (1.0 - epsilon) * y + epsilon / 2.0;
      // a third-party loss: its own definition, which the oracle cannot judge
      default -> loss.smoothedTarget(y, epsilon, n);
    };
  }

  /**
   * Row {@code i}: fills {@code delta[i·n, (i+1)·n)} with {@code scale·∂ℓ_i/∂z_i} and returns
   * {@code ℓ_i} (0 and a zero row when the row is dropped).
   */
  static double row(Pair pair, Batch z, Targets targets, Options options, int i, double scale,
      double[] delta) {
    int n = z.cols();
    int base = i * n;
    if (drops(targets, options, i, n)) {
      return 0.0;
    }
    Loss loss = pair.loss();
    double[] mask = options.mask() == null ? null : options.mask().array();
    double[] w = options.classWeights();
    double[] p = options.posWeight();
    double e = options.exampleWeights() == null ? 1.0 : options.exampleWeights()[i];
    double[] zr = new double[n];
    double[] t = new double[n];
    double[] c = new double[n];
    for (int j = 0; j < n; j++) {
      boolean kept = mask == null || mask[base + j] != 0.0;
      // a masked-out logit is never read
      zr[j] = kept ? z.array()[base + j] : 0.0;
      double y = targets instanceof Batch dense ? dense.array()[base + j]
          : ((Labels) targets).get(i) == j ? 1.0 : 0.0;
      t[j] = kept ? smoothed(loss, y, options.labelSmoothing(), n) : 0.0;
      c[j] = kept ? (w == null ? 1.0 : w[j]) : 0.0;
    }
    double[] rowDelta = new double[n];
    double term = pair.activation().isElementwise()
        ? elementwise(pair, zr, t, c, p, rowDelta)
        : rowwise(pair, zr, t, c, p, w != null, rowDelta);
    for (int j = 0; j < n; j++) {
      // δ_i = s·e_i·∂(Σ_j c_j ℓ_ij)/∂z_i
      delta[base + j] = scale * e * rowDelta[j] + 0.0;
    }
    return e * term;
  }

  /** {@code Σ_j c_j ℓ_j} of an element-wise activation's row, its gradient into {@code d}. */
  private static double elementwise(Pair pair, double[] z, double[] t, double[] c, double[] p,
      double[] d) {
    Activation f = pair.activation();
    LossFormula loss = LossFormulas.of(pair.loss());
    ActivationFormula formula = ActivationFormulas.of(f);
    Optional<LogitsFormula> form = loss.fromLogits(f);
    boolean bce = isOwnBinaryCrossEntropy(pair.loss());
    CompensatedSum total = new CompensatedSum();
    for (int j = 0; j < z.length; j++) {
      if (c[j] == 0.0) {
        // masked out or weighted 0: contributes exactly nothing
        d[j] = 0.0;
        continue;
      }
      double a = formula.value(z[j]);
      double term;
      double dj;
      if (p != null && bce) {
        double pj = p[j];
        if (f.id().equals("sigmoid") && ActivationFormulas.isOwn(f)) {
          // −[p y log σ(z) + (1 − y) log(1 − σ(z))] = p y softplus(−z) + (1 − y) softplus(z)
          term = pj * t[j] * Textbook.softplus(-z[j]) + (1.0 - t[j]) * Textbook.softplus(z[j]);
          // δ = (1 + (p − 1) y) a − p y
          dj = (1.0 + (pj - 1.0) * t[j]) * a - pj * t[j];
        } else {
          term = Textbook.xlogy(-pj * t[j], a) + Textbook.xlog1py(-(1.0 - t[j]), -a);
          // ∂ℓ/∂a = −p y / a + (1 − y)/(1 − a), times f'(z)
          dj = (-pj * t[j] / a + (1.0 - t[j]) / (1.0 - a)) * formula.derivative(z[j]);
        }
      } else if (p != null) {
        // a third-party Bernoulli loss: c·ℓ(a, p y / c) with c = 1 + (p − 1) y
        double weight = 1.0 + (p[j] - 1.0) * t[j];
        double target = p[j] * t[j] / weight;
        term = weight * loss.value(a, target);
        dj = weight * (pair.isCanonical() ? a - target
            : loss.gradient(a, target) * formula.derivative(z[j]));
      } else {
        term = form.isPresent() ? form.get().loss().of(z, t, j, 1) : loss.value(a, t[j]);
        if (pair.isCanonical()) {
          // δ = a − y
          dj = a - t[j];
        } else if (form.isPresent() && form.get().delta().isPresent()) {
          dj = form.get().delta().get().of(z, t, j, 1)[0];
        } else {
          // δ = ∂ℓ/∂a · f'(z)
          dj = loss.gradient(a, t[j]) * formula.derivative(z[j]);
        }
      }
      // c_j ℓ_j and c_j δ_j
      total.add(c[j] * term);
      d[j] = c[j] * dj;
    }
    return total.value();
  }

  /**
   * {@code Σ_j c_j ℓ_j} of a row-wise activation's row (softmax; the mask is whole, so {@code c} is
   * the class weights or 1), its gradient into {@code d}: for a canonical pair the closed form
   * {@code a − y'} without class weights and {@code a Σ_j c_j y'_j − c ⊙ y'} with them, else
   * {@code J_f(z)ᵀ (c ⊙ ∂ℓ/∂a)}.
   */
  private static double rowwise(Pair pair, double[] z, double[] t, double[] c, double[] p,
      boolean classWeights, double[] d) {
    Activation f = pair.activation();
    LossFormula loss = LossFormulas.of(pair.loss());
    ActivationFormula formula = ActivationFormulas.of(f);
    int n = z.length;
    double[] a = formula.row(z, 0, n);
    Optional<LogitsFormula> form = loss.fromLogits(f);
    Optional<DoubleBinaryOperator> ofLog = loss.ofLogPrediction();
    boolean bce = isOwnBinaryCrossEntropy(pair.loss());
    double term;
    if (!classWeights && p == null && form.isPresent()) {
      term = form.get().loss().of(z, t, 0, n);
    } else if (p == null && ofLog.isPresent() && f.id().equals("softmax")
        && ActivationFormulas.isOwn(f)) {
      // Σ_j c_j ℓ(log a_j, y_j), log a_j = z_j − logsumexp(z)
      double lse = Textbook.logSumExp(z, 0, n);
      CompensatedSum total = new CompensatedSum();
      for (int j = 0; j < n; j++) {
        total.add(c[j] * ofLog.get().applyAsDouble(z[j] - lse, t[j]));
      }
      term = total.value();
    } else {
      CompensatedSum total = new CompensatedSum();
      // Σ_j c_j ℓ(a_j, y_j), pos_weight: −[p y log a + (1 − y) log(1 − a)]
      for (int j = 0; j < n; j++) {
        double value = p == null ? loss.value(a[j], t[j])
            : bce ? Textbook.xlogy(-p[j] * t[j], a[j]) + Textbook.xlog1py(-(1.0 - t[j]), -a[j])
            // a third-party Bernoulli loss: c·ℓ(a, p y / c) with c = 1 + (p − 1) y
            : (1.0 + (p[j] - 1.0) * t[j]) * loss.value(a[j], p[j] * t[j] / (1.0 + (p[j] - 1.0) * t[j]));
        total.add(c[j] * value);
      }
      term = total.value();
    }
    if (pair.isCanonical() && p == null) {
      if (!classWeights) {
        // δ = a − y
        for (int j = 0; j < n; j++) {
          d[j] = a[j] - t[j];
        }
      } else {
        CompensatedSum weighted = new CompensatedSum();
        for (int j = 0; j < n; j++) {
          weighted.add(c[j] * t[j]);
        }
        // δ = a Σ_j c_j y_j − c ⊙ y
        for (int j = 0; j < n; j++) {
          d[j] = a[j] * weighted.value() - c[j] * t[j];
        }
      }
      return term;
    }
    double[] g = new double[n];
    for (int j = 0; j < n; j++) {
      // g_j = c_j ∂ℓ/∂a_j
      double weight = p == null ? 1.0 : 1.0 + (p[j] - 1.0) * t[j];
      g[j] = c[j] * (p == null ? loss.gradient(a[j], t[j])
          : bce ? -p[j] * t[j] / a[j] + (1.0 - t[j]) / (1.0 - a[j])
          : weight * loss.gradient(a[j], p[j] * t[j] / weight));
    }
    System.arraycopy(formula.vectorJacobian(z, 0, a, g), 0, d, 0, n);
    return term;
  }

  private static boolean isOwnBinaryCrossEntropy(Loss loss) {
    return LossFormulas.isOwn(loss) && loss.id().equals("binary-cross-entropy");
  }
}

package io.github.deltapair.nativebackend;

import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Targets;
import java.util.Arrays;
import java.util.Map;

/**
 * Fused scalar kernels under loss options (docs/contract.md §2b) for the two pairs whose options
 * matter most: softmax + cross-entropy (dense targets or labels; class weights, example weights,
 * ignore_index, label smoothing, whole-row masks) and sigmoid + binary cross-entropy (class
 * weights, pos_weight, example weights, mask, label smoothing). One pass per row from the logits,
 * in stable forms whose terms are all {@code ≥ 0}; every other pair runs its definitions ({@link
 * Pair#lossOfRows(Batch, Targets, Options, int, int, double, double[], double[])}).
 *
 * <p>The evaluator checks the options (and labels) first, and the other inputs too except for
 * labels and for sigmoid + binary cross-entropy on dense targets, whose values these kernels
 * answer for: with labels a NaN or infinite logit makes the row's sum of exponentials NaN ({@link
 * TableExp} gives NaN at −∞), and the sigmoid kernel checks its targets inline and lets a
 * non-finite logit make its term non-finite. Rows that are dropped (ignored, or masked out whole)
 * and masked-out entries are not read.
 */
final class OptionKernels {

  private OptionKernels() {}

  /** The fused options kernel of each pair that has one. */
  static Map<Pair, OptionsKernel> all() {
    return Map.of(
        Pair.canonical(Loss.CROSS_ENTROPY), OptionKernels::softmaxCrossEntropy,
        Pair.canonical(Loss.BINARY_CROSS_ENTROPY), OptionKernels::sigmoidBinaryCrossEntropy);
  }

  /**
   * softmax + cross-entropy under options. With weights {@code c_j = w_j y'_j} ({@code y' = (1 −
   * ε)t + ε/n}, {@code t} the target row or one-hot label) and {@code −log a_j = (max − z_j) + log
   * s}, {@code s = Σ_j e^{z_j − max}}: {@code ℓ_i = e_i [Σ_j c_j (max − z_j) + (Σ_j c_j) log s]},
   * {@code δ_i = scale·e_i (a Σ_j c_j − c)}.
   */
  static double softmaxCrossEntropy(Batch zb, Targets targets, Options options, int from, int to,
      double scale, double[] delta, double[] losses) {
    double[] z = zb.array();
    int n = zb.cols();
    double[] w = options.classWeights();
    double epsilon = options.labelSmoothing();
    // y' = keep·t + spread
    double keep = 1.0 - epsilon;
    double spread = epsilon / n;
    Labels labels = targets instanceof Labels l ? l : null;
    double[] y = labels == null ? ((Batch) targets).array() : null;
    // with labels, Σ_j w_j y'_j = keep·w_c + spread·Σ_j w_j
    double weightSum = w == null ? n : weightSum(w);
    double sum = 0.0;
    for (int i = from; i < to; i++) {
      int base = i * n;
      int end = base + n;
      if (options.dropsRow(targets, i)) {
        Arrays.fill(delta, base, end, 0.0);
        if (losses != null) {
          losses[i] = 0.0;
        }
        continue;
      }
      double e = options.exampleWeight(i);
      double rowScale = scale * e;
      double loss = labels != null
          ? labelRow(z, base, n, labels.get(i), w, keep, spread, weightSum, rowScale, delta)
          : denseRow(z, y, base, n, w, keep, spread, rowScale, delta);
      double term = e * loss;
      sum += term;
      if (losses != null) {
        losses[i] = term;
      }
    }
    return sum;
  }

  /**
   * One row of {@link #softmaxCrossEntropy} with label {@code c}: returns {@code ℓ / e_i = keep·w_c
   * (max − z_c) + spread·Σ_j w_j (max − z_j) + W log s}, {@code W = keep·w_c + spread·Σ_j w_j}, and
   * writes {@code δ_j = rowScale (a_j W − spread·w_j) − rowScale·keep·w_c [j = c]}.
   */
  private static double labelRow(double[] z, int base, int n, int c, double[] w, double keep,
      double spread, double weightSum, double rowScale, double[] delta) {
    int end = base + n;
    double max = CanonicalKernels.rowMax(z, base, end);
    double wc = w == null ? 1.0 : w[c];
    // e_j = e^{z_j − max} into delta and s = Σ_j e_j as the plain label kernel adds them (a NaN or
    // infinite z_j makes s NaN); with smoothing also Σ_j w_j (max − z_j)
    double s;
    double spreadTerms = 0.0;
    if (spread == 0.0) {
      s = LabelKernels.expShiftedInto(z, max, base, end, delta);
    } else {
      double s0 = 0.0;
      double s1 = 0.0;
      // g = Σ_j w_j (z_j − max) ≤ 0, in two running sums, from the exp's own argument: the
      // additions ride along with exp's latency
      double g0 = 0.0;
      double g1 = 0.0;
      int j = base;
      for (; j + 1 < end; j += 2) {
        double x0 = z[j] - max;
        double x1 = z[j + 1] - max;
        double e0 = TableExp.exp(x0);
        double e1 = TableExp.exp(x1);
        delta[j] = e0;
        delta[j + 1] = e1;
        s0 += e0;
        s1 += e1;
        g0 += (w == null ? 1.0 : w[j - base]) * x0;
        g1 += (w == null ? 1.0 : w[j + 1 - base]) * x1;
      }
      if (j < end) {
        double x0 = z[j] - max;
        double e0 = TableExp.exp(x0);
        delta[j] = e0;
        s0 += e0;
        g0 += (w == null ? 1.0 : w[j - base]) * x0;
      }
      s = s0 + s1;
      // Σ_j w_j (max − z_j) = −g exactly (negation commutes with rounding)
      spreadTerms = -(g0 + g1);
    }
    double total = keep * wc + spread * weightSum;
    // δ_j = rowScale (a_j W − spread·w_j) − rowScale·keep·w_c [j = c]  (every term ≥ +0 or a
    // difference of them, so never −0.0)
    double perSum = rowScale * total / s;
    double spreadScale = rowScale * spread;
    if (w == null || spread == 0.0) {
      for (int k = base; k < end; k++) {
        delta[k] = delta[k] * perSum - spreadScale;
      }
    } else {
      for (int k = 0; k < n; k++) {
        delta[base + k] = delta[base + k] * perSum - spreadScale * w[k];
      }
    }
    delta[base + c] -= rowScale * keep * wc;
    // ℓ = keep·w_c (max − z_c) + spread·Σ_j w_j (max − z_j) + W log s
    return keep * wc * (max - z[base + c]) + spread * spreadTerms + total * Math.log(s);
  }

  /**
   * One row of {@link #softmaxCrossEntropy} on dense targets: returns {@code ℓ / e_i = Σ_j c_j (max
   * − z_j) + (Σ_j c_j) log s}, {@code c_j = w_j y'_j}, and writes {@code δ_j = rowScale (a_j Σ c −
   * c_j)}.
   */
  private static double denseRow(double[] z, double[] y, int base, int n, double[] w, double keep,
      double spread, double rowScale, double[] delta) {
    int end = base + n;
    double max = CanonicalKernels.rowMax(z, base, end);
    // e_j into delta, s = Σ_j e_j, Σ_j c_j and Σ_j c_j (max − z_j)
    double s = 0.0;
    double total = 0.0;
    double terms = 0.0;
    for (int j = base; j < end; j++) {
      double zj = z[j];
      double ej = TableExp.exp(zj - max);
      delta[j] = ej;
      s += ej;
      double cj = (w == null ? 1.0 : w[j - base]) * (keep * y[j] + spread);
      total += cj;
      terms += cj * (max - zj);
    }
    // δ_j = rowScale (a_j Σ c − c_j)
    double perSum = rowScale * total / s;
    for (int j = base; j < end; j++) {
      double cj = (w == null ? 1.0 : w[j - base]) * (keep * y[j] + spread);
      delta[j] = delta[j] * perSum - rowScale * cj + 0.0;
    }
    return terms + total * Math.log(s);
  }

  /**
   * sigmoid + binary cross-entropy under options, per output with weight {@code c = w_j·mask},
   * smoothed target {@code y' = (1 − ε)y + ε/2} and pos_weight {@code p}: {@code ℓ = c·[(1 + (p −
   * 1)y')·log1p(e^−|z|) + p y'·max(−z, 0) + (1 − y')·max(z, 0)]} (that is {@code c·[p y'·softplus(−z)
   * + (1 − y')·softplus(z)]}, every term {@code ≥ 0}), {@code δ = scale·e_i·c·[(1 + (p − 1)y')σ(z) −
   * p y']}; a masked-out entry gives {@code δ = 0} without reading {@code z} or {@code y}. Checks
   * the input rules inline (every other entry's logit finite, its target in [0, 1]) and returns NaN
   * where one is broken, so the evaluator need not pass over the inputs first: without a mask a
   * non-finite logit shows through its term, every term being {@code ≥ 0} or NaN.
   */
  static double sigmoidBinaryCrossEntropy(Batch zb, Targets targets, Options options, int from,
      int to, double scale, double[] delta, double[] losses) {
    double[] z = zb.array();
    double[] y = ((Batch) targets).array();
    int n = zb.cols();
    double[] w = options.classWeights();
    double[] p = options.posWeight();
    double[] mask = options.mask() == null ? null : options.mask().array();
    double epsilon = options.labelSmoothing();
    double keep = 1.0 - epsilon;
    double spread = 0.5 * epsilon;
    double sum = 0.0;
    boolean ok = true;
    for (int i = from; i < to; i++) {
      int base = i * n;
      double e = options.exampleWeight(i);
      double rowScale = scale * e;
      double row = 0.0;
      if (mask == null) {
        // no entry is skipped: a branch-free loop like the plain kernel's, the target rule folded
        // into ok (a NaN or infinite logit makes its term, and so the sum, NaN or infinite)
        for (int j = 0; j < n; j++) {
          int k = base + j;
          double yRaw = y[k];
          ok &= yRaw >= 0.0 & yRaw <= 1.0;
          // without smoothing y' = y: the loop-invariant test spares two operations an element
          row += weightedSigmoidTerm(z[k], epsilon == 0.0 ? yRaw : keep * yRaw + spread,
              p == null ? 1.0 : p[j], w == null ? 1.0 : w[j], rowScale, delta, k);
        }
      } else {
        for (int j = 0; j < n; j++) {
          int k = base + j;
          if (mask[k] == 0.0) {
            delta[k] = 0.0;
            continue;
          }
          double zk = z[k];
          // the input rules, inline: a finite logit and a target in [0, 1] (NaN fails both tests)
          if (!(zk - zk == 0.0 && y[k] >= 0.0 && y[k] <= 1.0)) {
            return Double.NaN;
          }
          double c = w == null ? 1.0 : w[j];
          if (c == 0.0) {
            delta[k] = 0.0;
            continue;
          }
          row += weightedSigmoidTerm(zk, keep * y[k] + spread, p == null ? 1.0 : p[j], c,
              rowScale, delta, k);
        }
      }
      double term = e * row;
      sum += term;
      if (losses != null) {
        losses[i] = term;
      }
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * One output's {@code c·[(1 + (p − 1)y')·log1p(e^−|z|) + p y'·max(−z, 0) + (1 − y')·max(z, 0)]}
   * for a smoothed target {@code y'}, writing {@code rowScale·c·[(1 + (p − 1)y')σ(z) − p y']} into
   * {@code delta[k]} unless {@code delta} is null: the scalar kernel's element, and the vector
   * kernel's past its last vector. Non-finite for a non-finite {@code z} ({@code e^−|z|} is NaN).
   */
  static double weightedSigmoidTerm(double zk, double yk, double pj, double c, double rowScale,
      double[] delta, int k) {
    // p y' and 1 − y' (both ≥ 0) and 1 + (p − 1)y' as their sum
    double py = pj * yk;
    double ym = 1.0 - yk;
    double factor = py + ym;
    // x = e^−|z|: softplus(±z) = max(±z, 0) + log1p(x), σ = 1/(1 + x) (z ≥ 0), x/(1 + x)
    double magnitude = Math.abs(zk);
    double x = TableExp.exp(-magnitude);
    double u = 1.0 + x;
    double inverse = 1.0 / u;
    // what depends on z's sign is picked by its sign bit, not by a branch (measured: about 10 %
    // faster on logits of random sign)
    long negative = Double.doubleToRawLongBits(zk) >> 63;
    if (delta != null) {
      delta[k] = rowScale * c * (factor * (pick(negative, x, 1.0) * inverse) - py) + 0.0;
    }
    // p y'·max(−z, 0) + (1 − y')·max(z, 0) = |z|·(p y' if z < 0, else 1 − y')
    return c * (factor * CanonicalKernels.log1pOfSmall(x, u, inverse)
        + magnitude * pick(negative, py, ym));
  }

  /** {@code a} where {@code mask} is all ones (−1), {@code b} where it is 0, bit for bit. */
  private static double pick(long mask, double a, double b) {
    return Double.longBitsToDouble(
        (Double.doubleToRawLongBits(a) & mask) | (Double.doubleToRawLongBits(b) & ~mask));
  }

  /** {@code Σ_j w_j}, compensated. */
  private static double weightSum(double[] w) {
    return NeumaierSum.of(w, w.length);
  }
}

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
 * <p>Inputs have been validated by the evaluator (it always does when options are given), so
 * these kernels check nothing; rows that are dropped (ignored, or masked out whole) and masked-out
 * entries are not read.
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
      double max = CanonicalKernels.rowMax(z, base, end);
      double s = 0.0;
      double loss;
      if (labels != null) {
        int c = labels.get(i);
        double wc = w == null ? 1.0 : w[c];
        // e_j = e^{z_j − max} into delta, s = Σ_j e_j, and (with smoothing) Σ_j w_j (max − z_j),
        // whose additions ride along with exp's latency
        double spreadTerms = 0.0;
        if (epsilon == 0.0) {
          for (int j = base; j < end; j++) {
            double ej = TableExp.exp(z[j] - max);
            delta[j] = ej;
            s += ej;
          }
        } else if (w == null) {
          for (int j = base; j < end; j++) {
            double ej = TableExp.exp(z[j] - max);
            delta[j] = ej;
            s += ej;
            spreadTerms += max - z[j];
          }
        } else {
          for (int j = 0; j < n; j++) {
            double zj = z[base + j];
            double ej = TableExp.exp(zj - max);
            delta[base + j] = ej;
            s += ej;
            spreadTerms += w[j] * (max - zj);
          }
        }
        double total = keep * wc + spread * weightSum;
        // ℓ = keep·w_c (max − z_c) + spread·Σ_j w_j (max − z_j) + (Σ_j c_j) log s
        loss = keep * wc * (max - z[base + c]) + spread * spreadTerms + total * Math.log(s);
        // δ_j = rowScale (a_j Σ c − spread·w_j) − rowScale·keep·w_c [j = c]  (every term ≥ +0 or a
        // difference of them, so never −0.0)
        double perSum = rowScale * total / s;
        double spreadScale = rowScale * spread;
        if (w == null) {
          for (int j = base; j < end; j++) {
            delta[j] = delta[j] * perSum - spreadScale;
          }
        } else {
          for (int j = 0; j < n; j++) {
            delta[base + j] = delta[base + j] * perSum - spreadScale * w[j];
          }
        }
        delta[base + c] -= rowScale * keep * wc;
      } else {
        // e_j into delta, s = Σ_j e_j, Σ_j c_j and Σ_j c_j (max − z_j)
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
        loss = terms + total * Math.log(s);
        // δ_j = rowScale (a_j Σ c − c_j)
        double perSum = rowScale * total / s;
        for (int j = base; j < end; j++) {
          double cj = (w == null ? 1.0 : w[j - base]) * (keep * y[j] + spread);
          delta[j] = delta[j] * perSum - rowScale * cj + 0.0;
        }
      }
      double term = e * loss;
      sum += term;
      if (losses != null) {
        losses[i] = term;
      }
    }
    return sum;
  }

  /**
   * sigmoid + binary cross-entropy under options, per output with weight {@code c = w_j·mask},
   * smoothed target {@code y' = (1 − ε)y + ε/2} and pos_weight {@code p}: {@code ℓ = c·[(1 + (p −
   * 1)y')·log1p(e^−|z|) + p y'·max(−z, 0) + (1 − y')·max(z, 0)]} (that is {@code c·[p y'·softplus(−z)
   * + (1 − y')·softplus(z)]}, every term {@code ≥ 0}), {@code δ = scale·e_i·c·[(1 + (p − 1)y')σ(z) −
   * p y']}; a masked-out entry gives {@code δ = 0} without reading {@code z} or {@code y}. Checks
   * the input rules inline (every other entry's logit finite, its target in [0, 1]) and returns NaN
   * where one is broken, so the evaluator need not pass over the inputs first.
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
    for (int i = from; i < to; i++) {
      int base = i * n;
      double e = options.exampleWeight(i);
      double rowScale = scale * e;
      double row = 0.0;
      if (mask == null) {
        // no entry is skipped: the plain kernel's branch-free loop, the rules folded into ok
        boolean ok = true;
        for (int j = 0; j < n; j++) {
          int k = base + j;
          double zk = z[k];
          double yRaw = y[k];
          ok &= zk - zk == 0.0 & yRaw >= 0.0 & yRaw <= 1.0;
          // a class weight of 0 gives a term and a delta of exactly 0 (z is finite)
          row += weightedSigmoidTerm(zk, keep * yRaw + spread, p == null ? 1.0 : p[j],
              w == null ? 1.0 : w[j], rowScale, delta, k);
        }
        if (!ok) {
          return Double.NaN;
        }
        double term = e * row;
        sum += term;
        if (losses != null) {
          losses[i] = term;
        }
        continue;
      }
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
        row += weightedSigmoidTerm(zk, keep * y[k] + spread, p == null ? 1.0 : p[j], c, rowScale,
            delta, k);
      }
      double term = e * row;
      sum += term;
      if (losses != null) {
        losses[i] = term;
      }
    }
    return sum;
  }

  /**
   * One output's {@code c·[(1 + (p − 1)y')·log1p(e^−|z|) + p y'·max(−z, 0) + (1 − y')·max(z, 0)]}
   * for a smoothed target {@code y'}, writing {@code rowScale·c·[(1 + (p − 1)y')σ(z) − p y']} into
   * {@code delta[k]}: the scalar kernel's element, and the vector kernel's past its last vector.
   */
  static double weightedSigmoidTerm(double zk, double yk, double pj, double c, double rowScale,
      double[] delta, int k) {
    double py = pj * yk;
    double factor = 1.0 + (pj - 1.0) * yk;
    // x = e^−|z|: softplus(±z) = max(±z, 0) + log1p(x), σ = 1/(1 + x) (z ≥ 0), x/(1 + x)
    double x = Math.exp(-Math.abs(zk));
    double inverse = 1.0 / (1.0 + x);
    double sigma = zk >= 0 ? inverse : x * inverse;
    delta[k] = rowScale * c * (factor * sigma - py) + 0.0;
    return c * (factor * CanonicalKernels.log1pOfSmall(x) + py * (zk < 0 ? -zk : 0.0)
        + (1.0 - yk) * (zk > 0 ? zk : 0.0));
  }

  /** {@code Σ_j w_j}, compensated. */
  private static double weightSum(double[] w) {
    return NeumaierSum.of(w, w.length);
  }
}

package io.github.deltapair.nativebackend;

import static io.github.deltapair.nativebackend.BuiltInRules.SOFTMAX_MAX_LOGIT;

import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import java.util.Arrays;
import java.util.Map;

/**
 * Fused scalar kernels for class-index targets, reading the labels directly: softmax +
 * cross-entropy, and softmax + kl-divergence, which on one-hot targets is the same ({@code Σ_j y_j
 * log y_j = 1·log 1 = 0}). The arithmetic is that of {@link CanonicalKernels#softmaxRows} on the
 * one-hot rows, term for term (the terms of the one-hot rows' zeros are exact zeros; both use
 * {@link StraightMath}), so the results have the dense kernel's bits.
 */
final class LabelKernels {

  private LabelKernels() {}

  /** The label kernel of each pair that has one. */
  static Map<Pair, LabelKernel> all() {
    return Map.of(
        Pair.canonical(Loss.CROSS_ENTROPY), LabelKernels::softmaxCrossEntropy,
        Pair.canonical(Loss.KL_DIVERGENCE), LabelKernels::softmaxCrossEntropy);
  }

  /**
   * softmax + cross-entropy on labels: {@code ℓ_i = logsumexp(z_i) − z_{i,c_i}}, {@code δ_i =
   * scale·(softmax(z_i) − e_{c_i})}; ignored rows {@code ℓ_i = 0}, {@code δ_i = 0}. NaN if a kept
   * row holds a NaN or infinite logit, or one above softmax's largest finite logit.
   */
  static double softmaxCrossEntropy(double[] z, Labels labels, int cols, int from, int to,
      double scale, double[] delta, double[] losses) {
    int[] classes = labels.array();
    boolean blocks = ShortRows.apply(cols);
    Scratch scratch = Scratch.of(Scratch.CHUNK);
    // longer rows: every kept row's maximum first, in one stream over the block (RowBlocks' blocks
    // of about 8192 elements, so the rows stay in the second-level cache for the passes after):
    // 0.954 (0.941, 0.965) of the time of each row's maximum taken before its exponentials, at
    // 4096x1000 (docs/benchmarks.md)
    double[] maxima = scratch.rowMax;
    boolean ahead = !blocks && to - from <= maxima.length;
    if (ahead) {
      for (int i = from; i < to; i++) {
        maxima[i - from] = labels.isIgnored(i) ? 0.0
            : CanonicalKernels.rowMax(z, i * cols, (i + 1) * cols);
      }
    }
    double sum = 0.0;
    boolean ok = true;
    for (int i = from; i < to; i++) {
      int base = i * cols;
      int end = base + cols;
      int c = classes[i];
      // short rows: a block's exponentials at once (ShortRows; an ignored row's are not used)
      int r = blocks ? ShortRows.enter(z, cols, from, to, i, scratch) : 0;
      if (labels.isIgnored(i)) {
        Arrays.fill(delta, base, end, 0.0);
        if (losses != null) {
          losses[i] = 0.0;
        }
        continue;
      }
      double max;
      double s;
      if (blocks) {
        max = scratch.rowMax[r];
        s = scratch.rowSum[r];
      } else {
        // in place, in running chains: the deltas are written by the exponentials, whose
        // arithmetic hides the misses (a copy into scratch reduced by halving there, cheaper in
        // the cache, stalled on them: 15 % slower at 4096x1000, docs/benchmarks.md)
        max = ahead ? maxima[i - from] : CanonicalKernels.rowMax(z, base, end);
        // a NaN or −∞ z_j makes s NaN (StraightMath.exp), +∞ makes max − max NaN
        s = expShiftedInto(z, max, base, end, delta);
      }
      // δ_j = scale·a_j − scale·[j = c], a_j = e_j / s (one division per row)
      double perSum = scale / s;
      if (blocks) {
        double[] e = scratch.e;
        int shift = r * cols - base;
        for (int k = base; k < end; k++) {
          delta[k] = e[shift + k] * perSum;
        }
      } else {
        for (int k = base; k < end; k++) {
          delta[k] = delta[k] * perSum;
        }
      }
      delta[base + c] -= scale;
      // ℓ = logsumexp(z) − z_c = (max − z_c) + log s
      double term = (max - z[base + c]) + Math.log(s);
      sum += term;
      if (losses != null) {
        losses[i] = term;
      }
      ok &= max <= SOFTMAX_MAX_LOGIT;
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * {@code e_j = e^{z_j − max}} into {@code delta} over {@code [base, end)}; returns {@code s = Σ_j
   * e_j}, both exactly as {@link CanonicalKernels#softmaxRows} computes them.
   */
  static double expShiftedInto(double[] z, double max, int base, int end, double[] delta) {
    StraightMath.expShiftedInto(z, max, base, end, delta);
    return StraightMath.sum(delta, base, end);
  }
}

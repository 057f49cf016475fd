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
 * StraightMath#exp} gives NaN at −∞), and the sigmoid kernel checks its targets inline and lets a
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
    // with labels, Σ_j w_j y'_j = keep·w_c + spread·Σ_j w_j; without smoothing Σ_j w_j is not
    // needed, and its compensated sum, a chain of dependent additions, took 6 % of a one-thread
    // call with class weights at 4096x1000 (computed per block)
    double weightSum = w == null ? n : spread == 0.0 ? 0.0 : weightSum(w);
    // dense rows are computed in this thread's scratch, label rows keep their maxima there (looked
    // up once per block: a ThreadLocal lookup per row was 5 % of a 4096x1000 call)
    Scratch scratch = Scratch.of(n);
    // label rows: every kept row's maximum (and with smoothing Σ_j w_j z_j) first, in one stream
    // over the block, as LabelKernels takes them: weighted and smoothed at 4096x1000, 0.867
    // (0.849, 0.890) of the time of each row's taken before its exponentials
    boolean ahead = labels != null && to - from <= scratch.rowMax.length;
    if (ahead) {
      for (int i = from; i < to; i++) {
        if (!options.dropsRow(targets, i)) {
          int base = i * n;
          int r = i - from;
          if (spread == 0.0) {
            scratch.rowMax[r] = CanonicalKernels.rowMax(z, base, base + n);
          } else {
            scratch.rowMax[r] = maxAndDot(z, base, w, n, scratch);
            scratch.rowSum[r] = scratch.dot;
          }
        }
      }
    }
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
          ? labelRow(z, base, n, labels.get(i), w, keep, spread, weightSum, rowScale, delta, scratch,
              ahead ? i - from : -1)
          : denseRow(z, y, base, n, w, keep, spread, rowScale, delta, scratch);
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
   * writes {@code δ_j = rowScale (a_j W − spread·w_j) − rowScale·keep·w_c [j = c]}, computed in
   * place in {@code delta} (copying the row into scratch to index it and {@code w} alike cost more
   * than it saved: measured 7.2 against 6.7 ns an element at 2048x1000). Its maximum (and dot
   * product) are those at {@code r} in the scratch's per-row arrays, or for {@code r < 0} taken
   * here.
   */
  private static double labelRow(double[] z, int base, int n, int c, double[] w, double keep,
      double spread, double weightSum, double rowScale, double[] delta, Scratch scratch, int r) {
    int end = base + n;
    double max;
    double spreadTerms = 0.0;
    if (r >= 0) {
      max = scratch.rowMax[r];
      spreadTerms = spread == 0.0 ? 0.0 : max * weightSum - scratch.rowSum[r];
    } else if (spread == 0.0) {
      max = CanonicalKernels.rowMax(z, base, end);
    } else {
      // Σ_j w_j (max − z_j) = max·Σ_j w_j − Σ_j w_j z_j, the dot product formed in the maximum's
      // pass (as the dense kernel forms Σ_j y_j z_j): a pass over the row fewer
      max = maxAndDot(z, base, w, n, scratch);
      spreadTerms = max * weightSum - scratch.dot;
    }
    double wc = w == null ? 1.0 : w[c];
    // e_j = e^{z_j − max} and s = Σ_j e_j as the plain label kernel adds them (a NaN or infinite
    // z_j makes s NaN)
    double s = LabelKernels.expShiftedInto(z, max, base, end, delta);
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
      // in place, the delta read at base + j and w at j: a loop C2 may leave scalar, but cheaper
      // in a whole call than copying the row to offset 0 of the scratch and back (BuildComparison,
      // 4096x1000: 0.926 (0.917, 0.950) of the copies' time; on one thread in the cache the copies
      // had measured faster, 0.16 against 0.25 ns an element)
      for (int j = 0; j < n; j++) {
        delta[base + j] = delta[base + j] * perSum - spreadScale * w[j];
      }
    }
    delta[base + c] -= rowScale * keep * wc;
    // ℓ = keep·w_c (max − z_c) + spread·Σ_j w_j (max − z_j) + W log s
    return keep * wc * (max - z[base + c]) + spread * spreadTerms + total * Math.log(s);
  }

  /**
   * The row's maximum over {@code z[base, base + n)}, in {@link CanonicalKernels#rowMax}'s chains
   * and order (the same bits), with {@code Σ_j w_j z_j} in eight running sums ({@code Σ_j z_j} in
   * four if {@code w} is null), left in {@code scratch.dot}. A NaN logit is skipped by the maximum but makes
   * the sum NaN, and so the loss.
   */
  private static double maxAndDot(double[] z, int base, double[] w, int n, Scratch scratch) {
    double m0 = Double.NEGATIVE_INFINITY;
    double m1 = Double.NEGATIVE_INFINITY;
    double m2 = Double.NEGATIVE_INFINITY;
    double m3 = Double.NEGATIVE_INFINITY;
    double g0 = 0.0;
    double g1 = 0.0;
    double g2 = 0.0;
    double g3 = 0.0;
    double g4 = 0.0;
    double g5 = 0.0;
    double g6 = 0.0;
    double g7 = 0.0;
    int end = base + n;
    int k = base;
    if (w == null) {
      for (; k + 3 < end; k += 4) {
        double z0 = z[k];
        double z1 = z[k + 1];
        double z2 = z[k + 2];
        double z3 = z[k + 3];
        m0 = z0 > m0 ? z0 : m0;
        m1 = z1 > m1 ? z1 : m1;
        m2 = z2 > m2 ? z2 : m2;
        m3 = z3 > m3 ? z3 : m3;
        g0 += z0;
        g1 += z1;
        g2 += z2;
        g3 += z3;
      }
    } else {
      // eight chains of fused multiply-adds (four wait on their latency), the maxima in rowMax's
      // four: the element at offset r from base goes to chain r mod 4
      for (; k + 7 < end; k += 8) {
        double z0 = z[k];
        double z1 = z[k + 1];
        double z2 = z[k + 2];
        double z3 = z[k + 3];
        double z4 = z[k + 4];
        double z5 = z[k + 5];
        double z6 = z[k + 6];
        double z7 = z[k + 7];
        m0 = z0 > m0 ? z0 : m0;
        m1 = z1 > m1 ? z1 : m1;
        m2 = z2 > m2 ? z2 : m2;
        m3 = z3 > m3 ? z3 : m3;
        m0 = z4 > m0 ? z4 : m0;
        m1 = z5 > m1 ? z5 : m1;
        m2 = z6 > m2 ? z6 : m2;
        m3 = z7 > m3 ? z7 : m3;
        int j = k - base;
        g0 = Math.fma(w[j], z0, g0);
        g1 = Math.fma(w[j + 1], z1, g1);
        g2 = Math.fma(w[j + 2], z2, g2);
        g3 = Math.fma(w[j + 3], z3, g3);
        g4 = Math.fma(w[j + 4], z4, g4);
        g5 = Math.fma(w[j + 5], z5, g5);
        g6 = Math.fma(w[j + 6], z6, g6);
        g7 = Math.fma(w[j + 7], z7, g7);
      }
      if (k + 3 < end) {
        double z0 = z[k];
        double z1 = z[k + 1];
        double z2 = z[k + 2];
        double z3 = z[k + 3];
        m0 = z0 > m0 ? z0 : m0;
        m1 = z1 > m1 ? z1 : m1;
        m2 = z2 > m2 ? z2 : m2;
        m3 = z3 > m3 ? z3 : m3;
        int j = k - base;
        g0 = Math.fma(w[j], z0, g0);
        g1 = Math.fma(w[j + 1], z1, g1);
        g2 = Math.fma(w[j + 2], z2, g2);
        g3 = Math.fma(w[j + 3], z3, g3);
        k += 4;
      }
    }
    for (; k < end; k++) {
      double z0 = z[k];
      m0 = z0 > m0 ? z0 : m0;
      g0 = w == null ? g0 + z0 : Math.fma(w[k - base], z0, g0);
    }
    scratch.dot = ((g0 + g1) + (g2 + g3)) + ((g4 + g5) + (g6 + g7));
    return CanonicalKernels.maxOfChains(m0, m1, m2, m3);
  }

  /**
   * {@code Σ_j w_j (max − z_j)} over {@code [0, n)}, in eight running sums ({@code ≥ 0} each; with
   * four the chain of fused multiply-adds waits on their latency: measured 0.5 against 0.25 ns an
   * element).
   */
  private static double weightedShiftedSum(double[] z, double[] w, double max, int n) {
    double g0 = 0.0;
    double g1 = 0.0;
    double g2 = 0.0;
    double g3 = 0.0;
    double g4 = 0.0;
    double g5 = 0.0;
    double g6 = 0.0;
    double g7 = 0.0;
    int j = 0;
    for (; j + 7 < n; j += 8) {
      g0 = Math.fma(w[j], max - z[j], g0);
      g1 = Math.fma(w[j + 1], max - z[j + 1], g1);
      g2 = Math.fma(w[j + 2], max - z[j + 2], g2);
      g3 = Math.fma(w[j + 3], max - z[j + 3], g3);
      g4 = Math.fma(w[j + 4], max - z[j + 4], g4);
      g5 = Math.fma(w[j + 5], max - z[j + 5], g5);
      g6 = Math.fma(w[j + 6], max - z[j + 6], g6);
      g7 = Math.fma(w[j + 7], max - z[j + 7], g7);
    }
    for (; j < n; j++) {
      g0 = Math.fma(w[j], max - z[j], g0);
    }
    return ((g0 + g1) + (g2 + g3)) + ((g4 + g5) + (g6 + g7));
  }

  /**
   * One row of {@link #softmaxCrossEntropy} on dense targets: returns {@code ℓ / e_i = Σ_j c_j (max
   * − z_j) + (Σ_j c_j) log s}, {@code c_j = w_j y'_j}, and writes {@code δ_j = rowScale (a_j Σ c −
   * c_j)}. The row is copied into this thread's {@link Scratch} and computed at offset 0, so that
   * every loop indexes the row, {@code y}, {@code w} and {@code c} alike (C2 vectorises the loops
   * that write one array while reading another at a different offset poorly, if at all).
   */
  private static double denseRow(double[] z, double[] y, int base, int n, double[] w, double keep,
      double spread, double rowScale, double[] delta, Scratch scratch) {
    double[] zs = scratch.z;
    double[] ys = scratch.y;
    double[] es = scratch.e;
    double[] cs = scratch.t;
    System.arraycopy(z, base, zs, 0, n);
    System.arraycopy(y, base, ys, 0, n);
    double max = CanonicalKernels.rowMax(zs, 0, n);
    // e_j, s = Σ_j e_j, then c_j = w_j y'_j, Σ_j c_j and Σ_j c_j (max − z_j)
    double s = LabelKernels.expShiftedInto(zs, max, 0, n, es);
    if (w == null) {
      for (int j = 0; j < n; j++) {
        cs[j] = keep * ys[j] + spread;
      }
    } else {
      for (int j = 0; j < n; j++) {
        cs[j] = w[j] * (keep * ys[j] + spread);
      }
    }
    double total = StraightMath.sum(cs, 0, n);
    double terms = weightedShiftedSum(zs, cs, max, n);
    // δ_j = rowScale (a_j Σ c − c_j)
    double perSum = rowScale * total / s;
    for (int j = 0; j < n; j++) {
      es[j] = es[j] * perSum - rowScale * cs[j] + 0.0;
    }
    System.arraycopy(es, 0, delta, base, n);
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
    if (mask == null && n <= Scratch.CHUNK && options.exampleWeights() == null) {
      return unmaskedSigmoidRows(z, y, n, from, to, p, w, epsilon, scale, delta, losses);
    }
    double sum = 0.0;
    boolean ok = true;
    for (int i = from; i < to; i++) {
      int base = i * n;
      double e = options.exampleWeight(i);
      double rowScale = scale * e;
      double row = 0.0;
      if (mask == null) {
        // no entry is skipped: chunks of straight-line loops like the plain kernel's (a NaN or
        // infinite logit makes its term, and so the sum, NaN)
        row = unmaskedSigmoidRow(z, y, base, n, p, w, epsilon, rowScale, delta);
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
   * The rows {@code [from, to)} of sigmoid + binary cross-entropy under options without a mask or
   * example weights, rows of {@code n ≤} {@link Scratch#CHUNK}: as many whole rows as fit a chunk
   * are copied into this thread's scratch at a time (the columns' weights repeated along it once),
   * so short rows cost no more per element than long ones. Each row's {@code ℓ_i} is the sum of
   * its own terms in {@link StraightMath#sum}'s order, so the bits do not depend on where a block
   * of rows starts.
   */
  private static double unmaskedSigmoidRows(double[] z, double[] y, int n, int from, int to,
      double[] p, double[] w, double epsilon, double scale, double[] delta, double[] losses) {
    Scratch s = Scratch.of(Scratch.CHUNK);
    int perChunk = Scratch.CHUNK / n;
    for (int r = 0; r < perChunk; r++) {
      columns(p, 0, s.p, r * n, n);
      if (w != null) {
        columns(w, 0, s.w, r * n, n);
      }
    }
    double sum = 0.0;
    boolean ok = true;
    for (int i0 = from; i0 < to; i0 += perChunk) {
      int i1 = Math.min(to, i0 + perChunk);
      int start = i0 * n;
      int m = (i1 - i0) * n;
      ok &= loadChunk(z, y, start, m, epsilon, s);
      weightedSigmoidChunk(s, m, scale, w != null);
      System.arraycopy(s.e, 0, delta, start, m);
      for (int i = i0; i < i1; i++) {
        int at = (i - i0) * n;
        // e_i = 1: the general path's e_i·row is the row's sum itself
        double term = StraightMath.sum(s.t, at, at + n);
        sum += term;
        if (losses != null) {
          losses[i] = term;
        }
      }
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * One row of sigmoid + binary cross-entropy under options without a mask, in chunks of {@link
   * Scratch#CHUNK} copied into this thread's scratch: {@link #weightedSigmoidTerm}'s arithmetic in
   * {@link StraightMath}'s straight-line form, which the JIT vectorises. Returns the row's {@code
   * Σ ℓ / e_i}, NaN if a target lies outside [0, 1].
   */
  private static double unmaskedSigmoidRow(double[] z, double[] y, int base, int n, double[] p,
      double[] w, double epsilon, double rowScale, double[] delta) {
    Scratch s = Scratch.of(Scratch.CHUNK);
    double row = 0.0;
    boolean ok = true;
    for (int j0 = 0; j0 < n; j0 += Scratch.CHUNK) {
      int m = Math.min(Scratch.CHUNK, n - j0);
      ok &= loadChunk(z, y, base + j0, m, epsilon, s);
      columns(p, j0, s.p, 0, m);
      if (w != null) {
        columns(w, j0, s.w, 0, m);
      }
      weightedSigmoidChunk(s, m, rowScale, w != null);
      row += StraightMath.sum(s.t, 0, m);
      System.arraycopy(s.e, 0, delta, base + j0, m);
    }
    return ok ? row : Double.NaN;
  }

  /**
   * {@code z[start, start + m)} and {@code y[start, start + m)} into {@code s.z} and {@code s.y},
   * the targets then smoothed ({@code y' = (1 − ε)y + ε/2}); returns whether every target lay in
   * [0, 1] (checked before smoothing).
   */
  private static boolean loadChunk(double[] z, double[] y, int start, int m, double epsilon,
      Scratch s) {
    System.arraycopy(z, start, s.z, 0, m);
    System.arraycopy(y, start, s.y, 0, m);
    boolean ok = CanonicalKernels.lowest(s.y, m) >= 0.0 & CanonicalKernels.highest(s.y, m) <= 1.0;
    if (epsilon != 0.0) {
      double keep = 1.0 - epsilon;
      double spread = 0.5 * epsilon;
      for (int j = 0; j < m; j++) {
        s.y[j] = keep * s.y[j] + spread;
      }
    }
    return ok;
  }

  /** {@code to[at, at + m) = from[j0, j0 + m)}, or all 1 if {@code from} is null. */
  private static void columns(double[] from, int j0, double[] to, int at, int m) {
    if (from == null) {
      Arrays.fill(to, at, at + m, 1.0);
    } else {
      System.arraycopy(from, j0, to, at, m);
    }
  }

  /**
   * {@link #weightedSigmoidTerm} over the scratch's {@code [0, m)} (logits {@code s.z}, smoothed
   * targets {@code s.y}, pos_weight {@code s.p}, class weights {@code s.w} if {@code weighted},
   * else all 1 and not read): deltas into {@code s.e}, the terms {@code ℓ} into {@code s.t}.
   */
  private static void weightedSigmoidChunk(Scratch s, int m, double rowScale, boolean weighted) {
    double[] z = s.z;
    double[] y = s.y;
    double[] e = s.e;
    double[] t = s.t;
    double[] p = s.p;
    double[] w = s.w;
    for (int j = 0; j < m; j++) {
      e[j] = StraightMath.exp(-Math.abs(z[j]));
    }
    // c·[(p y' + 1 − y')·log1p(x) + p y'·max(−z, 0) + (1 − y')·max(z, 0)], log1p(x) in a loop
    // of its own (with the rest in one loop C2 no longer vectorises it: measured 4× slower)
    for (int j = 0; j < m; j++) {
      t[j] = StraightMath.log1p(e[j]);
    }
    for (int j = 0; j < m; j++) {
      double zj = z[j];
      double py = p[j] * y[j];
      double ym = 1.0 - y[j];
      // max(−z, 0) = max(z, 0) − z exactly (both cases are exact), one Math.max fewer
      double positive = Math.max(zj, 0.0);
      double softplus = Math.fma(positive - zj, py, positive * ym);
      double term = Math.fma(py + ym, t[j], softplus);
      // without class weights no product by 1 (the same bits; C2 unswitches the loop)
      t[j] = weighted ? w[j] * term : term;
    }
    // rowScale·c·[(p y' + 1 − y')σ(z) − p y'], σ's numerator chosen as in the plain kernel
    for (int j = 0; j < m; j++) {
      double x = e[j];
      double zj = z[j];
      double py = p[j] * y[j];
      double factor = py + (1.0 - y[j]);
      double numerator = Math.max(x, Math.min(zj * 0x1p1000, 1.0));
      double c = weighted ? rowScale * w[j] : rowScale;
      e[j] = c * (factor * (numerator / (1.0 + x)) - py) + 0.0;
    }
  }

  /**
   * One output's {@code c·[(1 + (p − 1)y')·log1p(e^−|z|) + p y'·max(−z, 0) + (1 − y')·max(z, 0)]}
   * for a smoothed target {@code y'}, writing {@code rowScale·c·[(1 + (p − 1)y')σ(z) − p y']} into
   * {@code delta[k]} unless {@code delta} is null: the scalar kernel's element, and the vector
   * kernel's past its last vector. Non-finite for a non-finite {@code z} ({@code e^−|z|} is NaN).
   */
  static double weightedSigmoidTerm(double zk, double yk, double pj, double c, double rowScale,
      double[] delta, int k) {
    // weightedSigmoidChunk's arithmetic for one output, operation for operation (the same bits)
    double x = StraightMath.exp(-Math.abs(zk));
    double py = pj * yk;
    double ym = 1.0 - yk;
    if (delta != null) {
      double factor = py + (1.0 - yk);
      double numerator = Math.max(x, Math.min(zk * 0x1p1000, 1.0));
      delta[k] = rowScale * c * (factor * (numerator / (1.0 + x)) - py) + 0.0;
    }
    double positive = Math.max(zk, 0.0);
    double softplus = Math.fma(positive - zk, py, positive * ym);
    return c * Math.fma(py + ym, StraightMath.log1p(x), softplus);
  }

  /**
   * {@code Σ_j w_j} in {@link StraightMath#sum}'s four running sums: the weights are finite and
   * {@code ≥ 0}, so within {@code n/4} ulp of the exact sum (4096 columns: 1e-13 relative), and four
   * independent chains, not Neumaier's one of dependent additions (computed per block: a
   * smoothed, class-weighted call at 4096x1000 on one thread spent 6 % in it).
   */
  static double weightSum(double[] w) {
    return StraightMath.sum(w, 0, w.length);
  }
}

package io.github.deltapair.nativebackend;

import static io.github.deltapair.nativebackend.BuiltInRules.BINARY_CROSS_ENTROPY_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.CROSS_ENTROPY_SIMPLEX;
import static io.github.deltapair.nativebackend.BuiltInRules.CROSS_ENTROPY_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.FLOAT32_UNBOUNDED_LOGITS;
import static io.github.deltapair.nativebackend.BuiltInRules.SOFTMAX_MAX_LOGIT_FLOAT32;

import io.github.deltapair.Batch;
import io.github.deltapair.Interval;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Targets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Fused float32 kernels (docs/contract.md §2c) in plain scalar Java: identity + squared error,
 * sigmoid + binary cross-entropy and softmax + cross-entropy on dense targets, and softmax +
 * cross-entropy (or kl-divergence, the same on one-hot rows) on class-index labels. The stable
 * formulas of {@link CanonicalKernels}, read from {@code float[]} and written to {@code float[]},
 * with {@code e^x} and {@code log1p} in float32 ({@link Float32Math}) and sums of float32 terms
 * added pairwise in float32 in groups of 16 at most, then in float64 ({@link Halving}, {@link
 * #segmentSum}): each loss term is within a few float32 ulps, and the terms being ≥ 0, so is
 * their sum; each delta element is within a few float32 ulps of {@code scale} (the §2c tolerance
 * is 1e-6).
 *
 * <p>JDK 17's C2 vectorises neither float32 ↔ float64 conversions nor the bit moves of {@link
 * Float32Math#exp}, so every loop over many elements does float32 arithmetic only, on a chunk
 * (sigmoid), a row (softmax rows of 257 to 4096) or a block of rows (softmax rows of 64 to 256)
 * copied to offset 0 of this thread's float32 scratch. Softmax rows of other lengths are widened
 * to float64 a row at a time ({@link ShortRows} below 64).
 *
 * <p>Inputs are checked inline, as in {@link CanonicalKernels}, with the float32 rules: NaN where
 * one is broken or a delta element is not finite in float32.
 */
final class Float32Kernels {

  private Float32Kernels() {}

  /** The scalar float32 kernel of each pair that has one, on dense targets. */
  static Map<Pair, Float32Kernel> all() {
    return table(Float32Kernels::identitySquaredError, Float32Kernels::sigmoidBinaryCrossEntropy,
        Float32Kernels::softmaxCrossEntropy);
  }

  /**
   * The table of dense float32 kernels, scalar or vector: softmax + cross-entropy's always;
   * identity + squared error's and sigmoid + binary cross-entropy's unless those activations ever
   * get a float32 logit limit ({@link BuiltInRules#FLOAT32_UNBOUNDED_LOGITS}), which they do not
   * check.
   */
  static Map<Pair, Float32Kernel> table(Float32Kernel squaredError, Float32Kernel binary,
      Float32Kernel softmax) {
    Map<Pair, Float32Kernel> kernels = new HashMap<>();
    kernels.put(Pair.canonical(Loss.CROSS_ENTROPY), softmax);
    if (FLOAT32_UNBOUNDED_LOGITS) {
      kernels.put(Pair.canonical(Loss.SQUARED_ERROR), squaredError);
      kernels.put(Pair.canonical(Loss.BINARY_CROSS_ENTROPY), binary);
    }
    return Map.copyOf(kernels);
  }

  /** The scalar float32 kernel of each pair that reads class-index labels directly. */
  static Map<Pair, Float32Kernel> labelKernels() {
    return Map.of(
        Pair.canonical(Loss.CROSS_ENTROPY), Float32Kernels::softmaxCrossEntropyLabels,
        Pair.canonical(Loss.KL_DIVERGENCE), Float32Kernels::softmaxCrossEntropyLabels);
  }

  static double identitySquaredError(float[] z, Targets targets, int cols, int from, int to,
      double scale, float[] delta, double[] losses) {
    float[] y = ((Batch) targets).floatArray();
    float s = (float) scale;
    // J = Σ_i ℓ_i in row order, each row's ℓ_i from the loops that write its deltas (kept or not,
    // so the example losses cost no pass of their own); rows of 257 to 4096 in float32 lanes
    boolean folded = longRows(cols);
    double sum = 0.0;
    for (int i = from; i < to; i++) {
      int base = i * cols;
      double row = folded
          ? squaredErrorRow(z, y, base, cols, s, delta)
          : squaredErrorElements(z, y, base, base + cols, s, delta);
      if (losses != null) {
        losses[i] = row;
      }
      sum += row;
    }
    return squaredErrorVerdict(sum, scale);
  }

  /**
   * One row of {@link #longRows}, in float32 lanes: the terms {@code ½r² = (½r)·r}, {@code r = z −
   * y}, are written into the row's deltas and summed there ({@link Halving#sumInPlace}), then the
   * deltas {@code s·r} overwrite them, the row still in the first-level cache. Every access is at
   * the row's offset plus a literal, so C2 vectorises each loop (the float64 squares of {@link
   * #squaredErrorElements} need a conversion per element, which it does not). A term overflows
   * float32 only where {@code ½r²} does.
   */
  static double squaredErrorRow(float[] z, float[] y, int base, int cols, float s, float[] delta) {
    int end = base + cols;
    for (int k = base; k < end; k++) {
      float r = z[k] - y[k];
      delta[k] = (0.5f * r) * r;
    }
    double half = Halving.sumInPlace(delta, base, cols);
    for (int k = base; k < end; k++) {
      delta[k] = s * (z[k] - y[k]);
    }
    return half;
  }

  /**
   * The sum, or NaN where it is not finite: a finite sum means finite inputs and residuals {@code
   * r}, and {@code |δ| ≤ |r|} for {@code scale ≤ 1} (every reduction's scale is).
   */
  static double squaredErrorVerdict(double sum, double scale) {
    return Double.isFinite(sum) && scale <= 1.0 ? sum : Double.NaN;
  }

  /**
   * {@code ½ Σ r²} over the elements {@code [start, end)}, writing {@code δ = s·r}: {@code r = z −
   * y} rounded to float32 (its square is then within an ulp of float32), the squares added in
   * float64: rows other than {@link #longRows} and the vector kernel's tails.
   */
  static double squaredErrorElements(float[] z, float[] y, int start, int end, float s,
      float[] delta) {
    // four partial sums, so that additions do not wait on each other
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int k = start;
    for (; k + 3 < end; k += 4) {
      float r0 = z[k] - y[k];
      float r1 = z[k + 1] - y[k + 1];
      float r2 = z[k + 2] - y[k + 2];
      float r3 = z[k + 3] - y[k + 3];
      delta[k] = s * r0;
      delta[k + 1] = s * r1;
      delta[k + 2] = s * r2;
      delta[k + 3] = s * r3;
      double w0 = r0;
      double w1 = r1;
      double w2 = r2;
      double w3 = r3;
      s0 = Math.fma(w0, w0, s0);
      s1 = Math.fma(w1, w1, s1);
      s2 = Math.fma(w2, w2, s2);
      s3 = Math.fma(w3, w3, s3);
    }
    for (; k < end; k++) {
      float r = z[k] - y[k];
      delta[k] = s * r;
      double w = r;
      s0 = Math.fma(w, w, s0);
    }
    return 0.5 * ((s0 + s1) + (s2 + s3));
  }

  static double sigmoidBinaryCrossEntropy(float[] z, Targets targets, int cols, int from, int to,
      double scale, float[] delta, double[] losses) {
    float[] y = ((Batch) targets).floatArray();
    return sigmoidElements(z, y, from * cols, to * cols, cols, scale, delta, losses);
  }

  /**
   * sigmoid + binary cross-entropy over the few elements {@code [start, end)} past a vector
   * kernel's last vector, one at a time with {@link #sigmoidChunk}'s formulas: small, so that the
   * vector kernel that calls it stays small enough for C2 to compile its lanes (NaN for a target
   * outside the domain; a NaN or infinite z makes its term NaN).
   */
  static double sigmoidTail(float[] z, float[] y, int start, int end, float s, float[] delta) {
    double sum = 0.0;
    boolean ok = true;
    for (int k = start; k < end; k++) {
      float zk = z[k];
      float yk = y[k];
      float e = Float32Math.exp(-Math.abs(zk), 0f);
      sum += sigmoidTerm(zk, yk, e);
      float numerator = Math.max(e, Math.min(zk * 0x1p100f, 1f));
      delta[k] = (numerator / (1f + e) - yk) * s;
      ok &= BINARY_CROSS_ENTROPY_TARGETS.contains(yk);
    }
    return ok ? sum : Double.NaN;
  }

  /**
   * sigmoid + binary cross-entropy over {@code [start, end)}, a chunk at a time copied into this
   * thread's float32 scratch and computed there in float32 ({@link #sigmoidChunk}); the loss terms
   * summed in float64.
   */
  static double sigmoidElements(float[] z, float[] y, int start, int end, int cols,
      double scale, float[] delta, double[] losses) {
    Scratch s = Scratch.of(Scratch.CHUNK);
    float factor = (float) scale;
    double sum = 0.0;
    boolean ok = true;
    for (int chunk = start; chunk < end; chunk += Scratch.FLOAT_CHUNK) {
      int n = Math.min(Scratch.FLOAT_CHUNK, end - chunk);
      System.arraycopy(z, chunk, s.fz, 0, n);
      System.arraycopy(y, chunk, s.fy, 0, n);
      sigmoidChunk(s, n, factor);
      System.arraycopy(s.fe, 0, delta, chunk, n);
      if (losses != null) {
        addRowLosses(s.ft, chunk, n, start, cols, losses);
      }
      sum += Halving.sum(s.ft, n, s.fd, s.ft);
      ok &= Halving.extremesInside(BINARY_CROSS_ENTROPY_TARGETS, s.fy, n, s.fd, s.fp, s.fe, s.fz);
    }
    // a NaN or infinite z makes its term NaN
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * One chunk of {@code n} elements in {@code s.fz} and {@code s.fy}, in float32: {@code e =
   * e^−|z|} ({@link Float32Math#expInto}), the term {@code ℓ = max(z, 0) − z·y + log1p(e)} ({@link
   * #sigmoidTerm}'s arithmetic) into {@code s.ft} and {@code δ = factor·(σ − y)} into {@code s.fe},
   * {@code σ = 1/(1 + e)} for {@code z ≥ 0} and {@code e/(1 + e)} below, as the vector kernel forms
   * them. Each loop does float32 arithmetic only, so that C2 vectorises it.
   */
  static void sigmoidChunk(Scratch s, int n, float factor) {
    float[] z = s.fz;
    float[] y = s.fy;
    float[] e = s.fe;
    float[] t = s.ft;
    for (int j = 0; j < n; j++) {
      t[j] = -Math.abs(z[j]);
    }
    Float32Math.expInto(t, n, e, s.fd, s.fp);
    for (int j = 0; j < n; j++) {
      t[j] = Float32Math.log1p(e[j]);
    }
    for (int j = 0; j < n; j++) {
      t[j] = Math.fma(-z[j], y[j], Math.max(z[j], 0f)) + t[j];
    }
    // the numerator of σ without a branch: max(e, min(z·2^100, 1)) is 1 for z > 0 (2^100·z ≥ 1
    // unless z < 2^−100, where e rounds to 1 anyway), 1 at ±0 (e = 1) and e below
    for (int j = 0; j < n; j++) {
      float ej = e[j];
      float numerator = Math.max(ej, Math.min(z[j] * 0x1p100f, 1f));
      e[j] = (numerator / (1f + ej) - y[j]) * factor;
    }
  }

  /**
   * Adds the terms {@code t[0, n)} of the elements {@code [chunk, chunk + n)} to their rows' {@code
   * losses} (rows of {@code cols} from element {@code start}; a row's entry is set at its first
   * element), each row's part by {@link #segmentSum}.
   */
  static void addRowLosses(float[] t, int chunk, int n, int start, int cols, double[] losses) {
    int k = 0;
    while (k < n) {
      int element = chunk + k;
      int row = element / cols;
      int rowEnd = Math.min(n, (row + 1) * cols - chunk);
      double part = segmentSum(t, k, rowEnd);
      losses[row] = element % cols == 0 ? part : losses[row] + part;
      k = rowEnd;
    }
  }

  /**
   * {@code Σ t[from, to)} in float64, sixteen elements at a time added pairwise in float32 first
   * (within 4 ulp of float32 for terms ≥ 0): one float32 → float64 conversion per sixteen
   * elements instead of one per element (0.41 ns an element, and C2 vectorises neither).
   */
  static double segmentSum(float[] t, int from, int to) {
    double sum = 0.0;
    int j = from;
    for (; j + 15 < to; j += 16) {
      sum += sixteen(t, j);
    }
    for (; j < to; j++) {
      sum += t[j];
    }
    return sum;
  }

  /**
   * {@link #segmentSum} of {@code e}, {@code y} and {@code g} over {@code [from, to)} in one loop,
   * so that the three chains of additions overlap (at 256x100, 13 against 17 µs a call on one
   * thread): returns {@code Σ e}, leaves {@code Σ y} in {@code s.targetSum} and {@code Σ g} in
   * {@code s.shiftedSum}; each with {@code segmentSum}'s bits.
   */
  static double segmentSums(float[] e, float[] y, float[] g, int from, int to, Scratch s) {
    double sumE = 0.0;
    double sumY = 0.0;
    double sumG = 0.0;
    int j = from;
    for (; j + 15 < to; j += 16) {
      sumE += sixteen(e, j);
      sumY += sixteen(y, j);
      sumG += sixteen(g, j);
    }
    for (; j < to; j++) {
      sumE += e[j];
      sumY += y[j];
      sumG += g[j];
    }
    s.targetSum = sumY;
    s.shiftedSum = sumG;
    return sumE;
  }

  /** {@code t[j, j + 16)} added pairwise in float32. */
  private static float sixteen(float[] t, int j) {
    float a = ((t[j] + t[j + 1]) + (t[j + 2] + t[j + 3]))
        + ((t[j + 4] + t[j + 5]) + (t[j + 6] + t[j + 7]));
    float b = ((t[j + 8] + t[j + 9]) + (t[j + 10] + t[j + 11]))
        + ((t[j + 12] + t[j + 13]) + (t[j + 14] + t[j + 15]));
    return a + b;
  }

  /** {@code to[j] = from[offset + j]} for {@code j < n}, widened to float64. */
  static void widen(float[] from, int offset, double[] to, int n) {
    for (int j = 0; j < n; j++) {
      to[j] = from[offset + j];
    }
  }

  /** {@code to[offset + j] = from[at + j]} for {@code j < n}, rounded to float32. */
  static void narrow(double[] from, int at, float[] to, int offset, int n) {
    for (int j = 0; j < n; j++) {
      to[offset + j] = (float) from[at + j];
    }
  }

  static double softmaxCrossEntropy(float[] z, Targets targets, int cols, int from, int to,
      double scale, float[] delta, double[] losses) {
    float[] y = ((Batch) targets).floatArray();
    if (longRows(cols)) {
      return softmaxLongRows(z, y, null, cols, from, to, scale, delta, losses);
    }
    if (blockRows(cols)) {
      return softmaxBlockRows(z, y, null, cols, from, to, scale, delta, losses);
    }
    Scratch scratch = Scratch.of(Math.max(cols, Scratch.CHUNK));
    boolean blocks = ShortRows.apply(cols);
    int block = blocks ? ShortRows.perBlock(cols) : 1;
    double sum = 0.0;
    boolean ok = true;
    for (int base = from * cols; base < to * cols; base += cols) {
      int end = base + cols;
      int i = base / cols;
      // short rows: a block's exponentials at once (ShortRows), row r of it from r·cols
      int r = blocks ? ShortRows.enter(z, cols, from, to, i, scratch) : 0;
      int at = blocks ? r * cols : 0;
      // in float64 t = Σ_j y_j and yz = Σ_j y_j z_j (float products are exact in double), each in
      // four running sums; the row's smallest and largest y_j, in two each; and max_j z_j as
      // rowMax finds it, in four (one pass over the row for all of them)
      float m0 = Float.NEGATIVE_INFINITY;
      float m1 = m0;
      float m2 = m0;
      float m3 = m0;
      double t0 = 0.0;
      double t1 = 0.0;
      double t2 = 0.0;
      double t3 = 0.0;
      double yz0 = 0.0;
      double yz1 = 0.0;
      double yz2 = 0.0;
      double yz3 = 0.0;
      float low0 = y[base];
      float low1 = low0;
      float high0 = low0;
      float high1 = low0;
      int j = base;
      for (; j + 3 < end; j += 4) {
        float y0 = y[j];
        float y1 = y[j + 1];
        float y2 = y[j + 2];
        float y3 = y[j + 3];
        t0 += y0;
        t1 += y1;
        t2 += y2;
        t3 += y3;
        float z0 = z[j];
        float z1 = z[j + 1];
        float z2 = z[j + 2];
        float z3 = z[j + 3];
        yz0 += (double) y0 * z0;
        yz1 += (double) y1 * z1;
        yz2 += (double) y2 * z2;
        yz3 += (double) y3 * z3;
        m0 = z0 > m0 ? z0 : m0;
        m1 = z1 > m1 ? z1 : m1;
        m2 = z2 > m2 ? z2 : m2;
        m3 = z3 > m3 ? z3 : m3;
        low0 = y0 < low0 ? y0 : low0;
        low1 = y1 < low1 ? y1 : low1;
        low0 = y2 < low0 ? y2 : low0;
        low1 = y3 < low1 ? y3 : low1;
        high0 = y0 > high0 ? y0 : high0;
        high1 = y1 > high1 ? y1 : high1;
        high0 = y2 > high0 ? y2 : high0;
        high1 = y3 > high1 ? y3 : high1;
      }
      for (; j < end; j++) {
        float y0 = y[j];
        t0 += y0;
        yz0 += (double) y0 * z[j];
        m0 = z[j] > m0 ? z[j] : m0;
        low0 = y0 < low0 ? y0 : low0;
        high0 = y0 > high0 ? y0 : high0;
      }
      float max = blocks ? (float) scratch.rowMax[r] : maxOfChains(m0, m1, m2, m3);
      double total = blocks ? scratch.rowSum[r] : expOfRow(z, base, cols, max, scratch);
      float lowest = low1 < low0 ? low1 : low0;
      float highest = high1 > high0 ? high1 : high0;
      double t = (t0 + t1) + (t2 + t3);
      double yz = (yz0 + yz1) + (yz2 + yz3);
      double term;
      if (blocks) {
        // softmaxRowEnd's arithmetic with its two short loops done once per block: a_j·scale now,
        // the rounding to float32 and − s·y_j after the block's last row
        double factor = scale / total;
        double[] e = scratch.e;
        for (int k = at; k < at + cols; k++) {
          e[k] *= factor;
        }
        term = (max - yz) + Math.log(total);
        int first = i - r;
        if (i == Math.min(to, first + block) - 1) {
          blockEnd(e, y, first * cols, (r + 1) * cols, (float) scale, delta);
        }
      } else {
        term = softmaxRowEnd(y, base, end, max, total, yz, scale, scratch, at, delta);
      }
      sum += term;
      if (losses != null) {
        losses[i] = term;
      }
      ok &= CROSS_ENTROPY_TARGETS.contains(lowest) & CROSS_ENTROPY_TARGETS.contains(highest)
          & max <= SOFTMAX_MAX_LOGIT_FLOAT32
          & (!CROSS_ENTROPY_SIMPLEX || Simplex.holds(y, base, cols, t, 0.0));
    }
    // a NaN or infinite z_j makes e_j, and so Σ e, NaN
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /** {@code delta[start + k] = (float) e[k] − s·y[start + k]} for {@code k < n}, as {@link #softmaxRowEnd} forms it. */
  private static void blockEnd(double[] e, float[] y, int start, int n, float s, float[] delta) {
    narrow(e, 0, delta, start, n);
    for (int k = start; k < start + n; k++) {
      delta[k] -= s * y[k];
    }
  }

  /**
   * The row {@code z[base, base + cols)} widened into {@code scratch.z}, {@code e_j = e^{z_j −
   * max}} into {@code scratch.e} (float64, {@link StraightMath}); returns {@code Σ_j e_j}.
   */
  static double expOfRow(float[] z, int base, int cols, float max, Scratch scratch) {
    widen(z, base, scratch.z, cols);
    StraightMath.expShiftedInto(scratch.z, max, 0, cols, scratch.e);
    return StraightMath.sum(scratch.e, 0, cols);
  }

  /**
   * softmax + cross-entropy on labels: {@code ℓ_i = logsumexp(z_i) − z_{i,c_i}}, {@code δ_i =
   * scale·(softmax(z_i) − e_{c_i})}; ignored rows {@code ℓ_i = 0}, {@code δ_i = 0}, their values unused. NaN
   * if a kept row holds a NaN or infinite logit.
   */
  static double softmaxCrossEntropyLabels(float[] z, Targets targets, int cols, int from, int to,
      double scale, float[] delta, double[] losses) {
    Labels labels = (Labels) targets;
    if (longRows(cols)) {
      return softmaxLongRows(z, null, labels, cols, from, to, scale, delta, losses);
    }
    if (blockRows(cols)) {
      return softmaxBlockRows(z, null, labels, cols, from, to, scale, delta, losses);
    }
    Scratch scratch = Scratch.of(Math.max(cols, Scratch.CHUNK));
    boolean blocks = ShortRows.apply(cols);
    double sum = 0.0;
    boolean ok = true;
    for (int i = from; i < to; i++) {
      int base = i * cols;
      int end = base + cols;
      // short rows: a block's exponentials at once (ShortRows; an ignored row's are not used)
      int r = blocks ? ShortRows.enter(z, cols, from, to, i, scratch) : 0;
      if (ignored(labels, i, base, end, delta, losses)) {
        continue;
      }
      float max = blocks ? (float) scratch.rowMax[r] : rowMax(z, base, end);
      double total = blocks ? scratch.rowSum[r] : expOfRow(z, base, cols, max, scratch);
      int at = blocks ? r * cols : 0;
      double term = labelRowEnd(z, base, end, labels.get(i), max, total, scale, scratch, at,
          delta);
      sum += term;
      if (losses != null) {
        losses[i] = term;
      }
      ok &= max <= SOFTMAX_MAX_LOGIT_FLOAT32;
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * Whether rows of {@code cols} are computed in float32 a row at a time ({@link
   * #softmaxLongRows}): from {@link Halving#UNFOLDED} elements (shorter rows would run much of each loop
   * in C2's scalar remainder) up to {@link Scratch#FLOAT_CHUNK}. Other rows are widened to float64.
   */
  static boolean longRows(int cols) {
    return cols > Halving.UNFOLDED && cols <= Scratch.FLOAT_CHUNK;
  }

  /**
   * softmax + cross-entropy on dense targets {@code y} or on {@code labels} (the other null), rows
   * of {@link #longRows}, in float32: each row copied into this thread's float32 scratch, {@code
   * e_j = e^{z_j − max}} ({@link Float32Math#expOfDifferencesInto}, the vector kernels' bits) and
   * {@code S = Σ_j e_j}. Dense: {@code t = Σ_j y_j} and {@code g = Σ_j y_j (max − z_j)} (terms ≥
   * 0, each sum within 4 ulp, {@link Halving#sum}), {@code ℓ = g + t·log S} (the definition {@code
   * −Σ_j y_j log a_j}), {@code δ_j = s·a_j − s·y_j}. Labels: {@code ℓ = (max − z_c) + log S},
   * {@code δ = s·a − s·e_c}; ignored rows {@code ℓ_i = 0}, {@code δ_i = 0}.
   */
  static double softmaxLongRows(float[] z, float[] y, Labels labels, int cols, int from, int to,
      double scale, float[] delta, double[] losses) {
    Scratch s = Scratch.of(Scratch.CHUNK);
    float factor = (float) scale;
    double sum = 0.0;
    boolean ok = true;
    // the block's logits (and targets) first, each in one copy: a stream the prefetcher follows,
    // where a copy per row stalled on each row's misses (4096x1000, dense 0.767 (0.744, 0.789)
    // and labels 0.841 (0.824, 0.865) of the time; docs/benchmarks.md); each row then comes from
    // the second-level cache
    int start = from * cols;
    int length = (to - from) * cols;
    s.holdBlock(length);
    float[] zs = s.blockZ;
    float[] ys = s.blockY;
    System.arraycopy(z, start, zs, 0, length);
    if (y != null) {
      System.arraycopy(y, start, ys, 0, length);
    }
    for (int i = from; i < to; i++) {
      int base = i * cols;
      if (labels != null && ignored(labels, i, base, base + cols, delta, losses)) {
        continue;
      }
      System.arraycopy(zs, base - start, s.fz, 0, cols);
      float max = Halving.max(s.fz, cols, s.fd, s.fp);
      Float32Math.expOfDifferencesInto(s.fz, max, cols, s.fe, s.fd, s.fp);
      // a NaN or infinite z_j makes e_j, and so S, NaN
      double total = Halving.sum(s.fe, cols, s.fd, s.fp);
      double term;
      if (y != null) {
        System.arraycopy(ys, base - start, s.fy, 0, cols);
        shiftedTerms(s.fy, s.fz, max, cols, s.fd);
        term = Halving.sum(s.fd, cols, s.fp, s.fz);
        double t = Halving.sum(s.fy, cols, s.fp, s.fz);
        term += t * Math.log(total);
        denseDeltas(s.fe, (float) (scale / total), factor, s.fy, cols);
        System.arraycopy(s.fe, 0, delta, base, cols);
        ok &= Halving.extremesInside(CROSS_ENTROPY_TARGETS, s.fy, cols, s.fd, s.fp, s.ft, s.fz)
            & (!CROSS_ENTROPY_SIMPLEX || Simplex.holds(y, base, cols, t, 5 * 0x1p-24 * t));
      } else {
        int c = labels.get(i);
        term = ((double) max - z[base + c]) + Math.log(total);
        scaled(s.fe, (float) (scale / total), cols);
        System.arraycopy(s.fe, 0, delta, base, cols);
        delta[base + c] -= factor;
      }
      sum += term;
      if (losses != null) {
        losses[i] = term;
      }
      ok &= max <= SOFTMAX_MAX_LOGIT_FLOAT32;
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * Whether rows of {@code cols} are computed in float32 a block of rows at a time ({@link
   * #softmaxBlockRows}): from {@link ShortRows#NARROWER_THAN} up to {@link Halving#UNFOLDED}
   * elements, too short for C2's vector loop one row at a time.
   */
  static boolean blockRows(int cols) {
    return cols >= ShortRows.NARROWER_THAN && cols <= Halving.UNFOLDED;
  }

  /**
   * softmax + cross-entropy on dense targets {@code y} or on {@code labels} (the other null), rows
   * of {@link #blockRows}, in float32: as many whole rows as fit in {@link Scratch#FLOAT_CHUNK}
   * copied into this thread's float32 scratch, each row's maximum repeated over it, and every loop
   * run over the whole block ({@link Float32Math#expOfDifferencesInto}, the vector kernels' bits);
   * each row's sums by {@link #segmentSum} (terms ≥ 0, within 4 ulp). The loss and delta are
   * {@link #softmaxLongRows}'s.
   */
  static double softmaxBlockRows(float[] z, float[] y, Labels labels, int cols, int from, int to,
      double scale, float[] delta, double[] losses) {
    Scratch s = Scratch.of(Scratch.CHUNK);
    float factor = (float) scale;
    int block = Scratch.FLOAT_CHUNK / cols;
    float[] zs = s.fz;
    float[] ys = s.fy;
    float[] e = s.fe;
    float[] maxima = s.fp;
    double sum = 0.0;
    boolean ok = true;
    for (int i0 = from; i0 < to; i0 += block) {
      int i1 = Math.min(to, i0 + block);
      int start = i0 * cols;
      int n = (i1 - i0) * cols;
      System.arraycopy(z, start, zs, 0, n);
      if (y != null) {
        System.arraycopy(y, start, ys, 0, n);
      }
      for (int at = 0; at < n; at += cols) {
        float max = rowMax(zs, at, at + cols);
        Arrays.fill(maxima, at, at + cols, max);
        ok &= max <= SOFTMAX_MAX_LOGIT_FLOAT32 | (labels != null && labels.isIgnored(i0 + at / cols));
      }
      Float32Math.expOfDifferencesInto(zs, maxima, n, e, s.fd, s.ft);
      float[] perSum = s.fd;
      float[] g = s.ft;
      if (y != null) {
        shiftedTerms(ys, zs, maxima, n, g);
      }
      for (int at = 0; at < n; at += cols) {
        int i = i0 + at / cols;
        int base = i * cols;
        if (labels != null && labels.isIgnored(i)) {
          // its values (perhaps of NaN logits) are not used
          Arrays.fill(perSum, at, at + cols, 0f);
          if (losses != null) {
            losses[i] = 0.0;
          }
          continue;
        }
        // a NaN or infinite z_j makes e_j, and so the row's sum, NaN
        double total = y != null ? segmentSums(e, ys, g, at, at + cols, s)
            : segmentSum(e, at, at + cols);
        double term;
        if (y != null) {
          double t = s.targetSum;
          term = s.shiftedSum + t * Math.log(total);
          ok &= !CROSS_ENTROPY_SIMPLEX || Simplex.holds(y, base, cols, t, 5 * 0x1p-24 * t);
        } else {
          term = ((double) maxima[at] - z[base + labels.get(i)]) + Math.log(total);
        }
        Arrays.fill(perSum, at, at + cols, (float) (scale / total));
        sum += term;
        if (losses != null) {
          losses[i] = term;
        }
      }
      if (y != null) {
        denseDeltas(e, perSum, factor, ys, n);
      } else {
        // an ignored row's factor 0 would leave NaN · 0 = NaN: its entries are set below
        scaled(e, perSum, n);
      }
      System.arraycopy(e, 0, delta, start, n);
      if (labels != null) {
        for (int i = i0; i < i1; i++) {
          if (labels.isIgnored(i)) {
            Arrays.fill(delta, i * cols, (i + 1) * cols, 0f);
          } else {
            delta[i * cols + labels.get(i)] -= factor;
          }
        }
      } else {
        ok &= Halving.extremesInside(CROSS_ENTROPY_TARGETS, ys, n, s.fd, s.fp, s.ft, s.fz);
      }
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /** {@code g[j] = y[j]·(max − z[j])} for {@code j < n}: a row's {@link #shiftedTerms}. */
  private static void shiftedTerms(float[] y, float[] z, float max, int n, float[] g) {
    for (int j = 0; j < n; j++) {
      g[j] = y[j] * (max - z[j]);
    }
  }

  /** {@code e[j] *= perSum} for {@code j < n}: a row's {@link #scaled}. */
  private static void scaled(float[] e, float perSum, int n) {
    for (int j = 0; j < n; j++) {
      e[j] *= perSum;
    }
  }

  /** {@code e[j] = e[j]·perSum − s·y[j]} for {@code j < n}: a row's {@link #denseDeltas}. */
  private static void denseDeltas(float[] e, float perSum, float s, float[] y, int n) {
    for (int j = 0; j < n; j++) {
      e[j] = e[j] * perSum - s * y[j];
    }
  }

  /** {@code g[j] = y[j]·(max[j] − z[j])} for {@code j < n}. */
  private static void shiftedTerms(float[] y, float[] z, float[] max, int n, float[] g) {
    for (int j = 0; j < n; j++) {
      g[j] = y[j] * (max[j] - z[j]);
    }
  }

  /** {@code e[j] *= perSum[j]} for {@code j < n}. */
  private static void scaled(float[] e, float[] perSum, int n) {
    for (int j = 0; j < n; j++) {
      e[j] *= perSum[j];
    }
  }

  /** {@code e[j] = e[j]·perSum[j] − s·y[j]} for {@code j < n}. */
  private static void denseDeltas(float[] e, float[] perSum, float s, float[] y, int n) {
    for (int j = 0; j < n; j++) {
      e[j] = e[j] * perSum[j] - s * y[j];
    }
  }

  /**
   * The end of a softmax row on dense targets, {@code e_j = e^{z_j − max}} in {@code scratch.e}:
   * {@code δ_j = s·a_j − s·y_j} with {@code a_j = e_j / Σ e} (one division per row), {@code s·a_j}
   * rounded to float32; returns {@code ℓ = logsumexp(z) − Σ_j y_j z_j = (max − Σ_j y_j z_j) + log
   * Σ e}.
   */
  static double softmaxRowEnd(float[] y, int base, int end, float max, double total, double yz,
      double scale, Scratch scratch, int at, float[] delta) {
    scaleInto(scratch.e, at, scale / total, delta, base, end - base);
    float s = (float) scale;
    for (int k = base; k < end; k++) {
      delta[k] -= s * y[k];
    }
    return (max - yz) + Math.log(total);
  }

  /**
   * The end of a softmax row labelled {@code c}, {@code e_j} in {@code scratch.e}: {@code δ_j =
   * s·a_j − s·[j = c]}; returns {@code ℓ = (max − z_c) + log Σ e}, {@code max − z_c} formed in
   * float64 (as the dense rows form {@code Σ_j y_j z_j}).
   */
  static double labelRowEnd(float[] z, int base, int end, int c, float max, double total,
      double scale, Scratch scratch, int at, float[] delta) {
    scaleInto(scratch.e, at, scale / total, delta, base, end - base);
    delta[base + c] -= (float) scale;
    return ((double) max - z[base + c]) + Math.log(total);
  }

  /**
   * {@code e[at + j] *= factor} in float64 (a loop the JIT vectorises), then rounded into {@code
   * delta[base + j]}, for {@code j < n}.
   */
  static void scaleInto(double[] e, int at, double factor, float[] delta, int base, int n) {
    for (int j = at; j < at + n; j++) {
      e[j] *= factor;
    }
    narrow(e, at, delta, base, n);
  }

  /**
   * The end of a softmax row on dense targets for the vector kernels, {@code e_j = e^{z_j − max}} in float32 in {@code delta}: {@code
   * δ_j = s·a_j − s·y_j} with {@code a_j = e_j / Σ e} (one division per row; the loop vectorises);
   * returns {@code ℓ = logsumexp(z) − Σ_j y_j z_j = (max − Σ_j y_j z_j) + log Σ e}.
   */
  static double softmaxRowEnd(float[] y, int base, int end, float max, double total, double yz,
      double scale, float[] delta) {
    float perSum = (float) (scale / total);
    float s = (float) scale;
    for (int k = base; k < end; k++) {
      delta[k] = delta[k] * perSum - s * y[k];
    }
    return (max - yz) + Math.log(total);
  }

  /**
   * The end of a softmax row labelled {@code c} for the vector kernels, {@code e_j} in float32 in {@code delta}: {@code δ_j = s·a_j −
   * s·[j = c]}; returns {@code ℓ = (max − z_c) + log Σ e}, {@code max − z_c} in float64.
   */
  static double labelRowEnd(float[] z, int base, int end, int c, float max, double total,
      double scale, float[] delta) {
    float perSum = (float) (scale / total);
    for (int k = base; k < end; k++) {
      delta[k] *= perSum;
    }
    delta[base + c] -= (float) scale;
    return ((double) max - z[base + c]) + Math.log(total);
  }

  /**
   * {@code ℓ = max(z, 0) − z·y + log1p(e)} with {@code e = e^−|z|}: the first part in one rounding
   * (a fused multiply-add: it is ≥ 0 for y in [0, 1], so no cancellation is left), the second
   * within 2 ulp.
   */
  static float sigmoidTerm(float z, float y, float e) {
    return Math.fma(-z, y, Math.max(z, 0f)) + Float32Math.log1p(e);
  }

  /**
   * Whether row {@code i} is ignored; if so its delta and {@code ℓ_i} are set to 0 (its logits
   * are not read).
   */
  static boolean ignored(Labels labels, int i, int base, int end, float[] delta,
      double[] losses) {
    if (!labels.isIgnored(i)) {
      return false;
    }
    Arrays.fill(delta, base, end, 0f);
    if (losses != null) {
      losses[i] = 0.0;
    }
    return true;
  }

  /**
   * {@code max_j z_j} over {@code [base, end)} by plain comparisons: a NaN is skipped here but
   * makes {@code e^{z_j − max}} NaN, so the kernel still reports it.
   */
  static float rowMax(float[] z, int base, int end) {
    // eight independent running maxima (one waited on each comparison's latency; four measured
    // 9.0 against 7.8 µs for the maxima of a 256x100 call on one thread)
    float m0 = Float.NEGATIVE_INFINITY;
    float m1 = m0;
    float m2 = m0;
    float m3 = m0;
    float m4 = m0;
    float m5 = m0;
    float m6 = m0;
    float m7 = m0;
    int j = base;
    for (; j + 7 < end; j += 8) {
      m0 = z[j] > m0 ? z[j] : m0;
      m1 = z[j + 1] > m1 ? z[j + 1] : m1;
      m2 = z[j + 2] > m2 ? z[j + 2] : m2;
      m3 = z[j + 3] > m3 ? z[j + 3] : m3;
      m4 = z[j + 4] > m4 ? z[j + 4] : m4;
      m5 = z[j + 5] > m5 ? z[j + 5] : m5;
      m6 = z[j + 6] > m6 ? z[j + 6] : m6;
      m7 = z[j + 7] > m7 ? z[j + 7] : m7;
    }
    for (; j < end; j++) {
      m0 = z[j] > m0 ? z[j] : m0;
    }
    float low = maxOfChains(m0, m1, m2, m3);
    float high = maxOfChains(m4, m5, m6, m7);
    return high > low ? high : low;
  }

  /** {@link CanonicalKernels#maxOfChains} in float32: {@link #rowMax}'s combination of its chains. */
  static float maxOfChains(float m0, float m1, float m2, float m3) {
    float a = m1 > m0 ? m1 : m0;
    float b = m3 > m2 ? m3 : m2;
    return b > a ? b : a;
  }
}

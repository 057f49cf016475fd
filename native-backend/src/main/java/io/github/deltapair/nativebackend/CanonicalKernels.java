package io.github.deltapair.nativebackend;

import static io.github.deltapair.nativebackend.BuiltInRules.BINARY_CROSS_ENTROPY_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.BIPOLAR_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.CROSS_ENTROPY_SIMPLEX;
import static io.github.deltapair.nativebackend.BuiltInRules.CROSS_ENTROPY_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.EXP_MAX_LOGIT;
import static io.github.deltapair.nativebackend.BuiltInRules.IDENTITY_MAX_LOGIT;
import static io.github.deltapair.nativebackend.BuiltInRules.KL_DIVERGENCE_SIMPLEX;
import static io.github.deltapair.nativebackend.BuiltInRules.KL_DIVERGENCE_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.POISSON_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.SIGMOID_MAX_LOGIT;
import static io.github.deltapair.nativebackend.BuiltInRules.SOFTMAX_MAX_LOGIT;
import static io.github.deltapair.nativebackend.BuiltInRules.SQUARED_ERROR_ONLY_FINITE;
import static io.github.deltapair.nativebackend.BuiltInRules.SQUARED_ERROR_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.TANH_MAX_LOGIT;

import io.github.deltapair.Interval;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import java.util.Map;

/**
 * The built-in canonical pairs, {@code δ = a − y}, in plain scalar Java: one fused pass per row
 * from the logits, in the stable forms of docs/contract.md §3, exact for every finite logit the activation
 * carries.
 *
 * <p>Each kernel is a {@link BlockKernel}: it also checks the input rules inline (finite values,
 * target domain, simplex rows, logits below the activation's overflow), with the rules read from
 * the definitions ({@link BuiltInRules}), and returns NaN where one is broken. Loss terms are added
 * plainly within a block of rows (every term but Poisson's is ≥ 0, so the relative error stays
 * near n·2^−53); blocks are combined with compensation by {@link RowBlocks}.
 */
final class CanonicalKernels {

  static {
    // sigmoidChunk's verdict on the targets is arithmetic written for [0, 1]
    if (!BINARY_CROSS_ENTROPY_TARGETS.equals(Interval.closed(0, 1))) {
      throw new AssertionError("sigmoidChunk checks binary cross-entropy targets against [0, 1], not "
          + BINARY_CROSS_ENTROPY_TARGETS);
    }
  }

  private CanonicalKernels() {}

  /** The scalar fused kernel of each built-in canonical pair: the one table of them. */
  static Map<Pair, FusedKernel> all() {
    return Map.of(
        Pair.canonical(Loss.SQUARED_ERROR),
        new FusedKernel(CanonicalKernels::identitySquaredError, true),
        Pair.canonical(Loss.BINARY_CROSS_ENTROPY),
        new FusedKernel(CanonicalKernels::sigmoidBinaryCrossEntropy, false),
        Pair.canonical(Loss.CROSS_ENTROPY),
        new FusedKernel(CanonicalKernels::softmaxCrossEntropy, false),
        Pair.canonical(Loss.POISSON),
        new FusedKernel(CanonicalKernels::expPoisson, false),
        Pair.canonical(Loss.BIPOLAR_CROSS_ENTROPY),
        new FusedKernel(CanonicalKernels::tanhBipolarCrossEntropy, false),
        Pair.canonical(Loss.KL_DIVERGENCE),
        new FusedKernel(CanonicalKernels::softmaxKlDivergence, false));
  }

  /**
   * identity + squared error: {@code δ = scale·(z − y)}, {@code ℓ_i = ½ Σ_j (z_ij − y_ij)²} and
   * {@code J = Σ_i ℓ_i} in row order, each row in one loop that writes its deltas and sums its
   * squares. {@code J} is the sum of the rows' losses whether or not the caller keeps them, so that
   * they cost no pass of their own (after an eight-way sum over the block a pass of their own added
   * 1.7–3 ms to a 7 ms call at 4096x1000). The loop is not vectorised (a reduction), but at two
   * cycles an element it keeps up with memory, where a vectorised delta loop and then a sum over
   * L1 took the two one after the other: 7.7 against 7.1 ms at 4096x1000, 38 against 32 µs at
   * 256x100.
   */
  static double identitySquaredError(double[] z, double[] y, int cols, int from, int to,
      double scale, double[] delta, double[] losses) {
    double sum = 0.0;
    for (int i = from; i < to; i++) {
      // a non-finite input or square makes the sum non-finite
      double row = squaredErrorRow(z, y, i * cols, i * cols + cols, scale, delta);
      if (losses != null) {
        losses[i] = row;
      }
      sum += row;
    }
    boolean ok = SQUARED_ERROR_ONLY_FINITE
        || (BuiltInRules.allInside(y, from * cols, to * cols, SQUARED_ERROR_TARGETS)
            && BuiltInRules.allAtMost(z, from * cols, to * cols, IDENTITY_MAX_LOGIT));
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * {@code ½ Σ (z_k − y_k)²} over {@code [start, end)}, in four running sums (one waited on each
   * addition's latency), writing {@code δ_k = scale·(z_k − y_k)}.
   */
  static double squaredErrorRow(double[] z, double[] y, int start, int end, double scale,
      double[] delta) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int k = start;
    for (; k + 3 < end; k += 4) {
      double r0 = z[k] - y[k];
      double r1 = z[k + 1] - y[k + 1];
      double r2 = z[k + 2] - y[k + 2];
      double r3 = z[k + 3] - y[k + 3];
      delta[k] = scale * r0;
      delta[k + 1] = scale * r1;
      delta[k + 2] = scale * r2;
      delta[k + 3] = scale * r3;
      s0 = Math.fma(r0, r0, s0);
      s1 = Math.fma(r1, r1, s1);
      s2 = Math.fma(r2, r2, s2);
      s3 = Math.fma(r3, r3, s3);
    }
    for (; k < end; k++) {
      double r = z[k] - y[k];
      delta[k] = scale * r;
      s0 = Math.fma(r, r, s0);
    }
    return 0.5 * ((s0 + s1) + (s2 + s3));
  }


  static double sigmoidBinaryCrossEntropy(double[] z, double[] y, int cols, int from, int to,
      double scale, double[] delta, double[] losses) {
    return sigmoidElements(z, y, from * cols, to * cols, cols, scale, delta, losses);
  }

  /** {@link #sigmoidBinaryCrossEntropy} over the elements {@code [start, end)}, which need not be whole rows. */
  static double sigmoidBinaryCrossEntropyElements(
      double[] z, double[] y, int start, int end, double scale, double[] delta) {
    return sigmoidElements(z, y, start, end, 1, scale, delta, null);
  }

  /**
   * sigmoid + binary cross-entropy over the elements {@code [start, end)} in chunks of {@link
   * Scratch#CHUNK} from {@code start} (so the sum's order does not depend on {@code losses}): each
   * chunk copied into this thread's scratch and computed by {@link #sigmoidChunk}. With {@code
   * losses}, {@code [start, end)} is whole rows of {@code cols}, each row's {@code ℓ_i} written.
   */
  static double sigmoidElements(double[] z, double[] y, int start, int end, int cols,
      double scale, double[] delta, double[] losses) {
    Scratch s = Scratch.of(Scratch.CHUNK);
    double sum = 0.0;
    for (int chunk = start; chunk < end; chunk += Scratch.CHUNK) {
      int n = Math.min(Scratch.CHUNK, end - chunk);
      System.arraycopy(z, chunk, s.z, 0, n);
      System.arraycopy(y, chunk, s.y, 0, n);
      sum += sigmoidChunk(s, n, scale);
      System.arraycopy(s.e, 0, delta, chunk, n);
      if (losses != null) {
        addRowLosses(s.t, chunk, n, start, cols, losses);
      }
    }
    boolean ok = BuiltInRules.allAtMost(z, start, end, SIGMOID_MAX_LOGIT);
    // a NaN or infinite z makes its term NaN (e^−|z| is NaN at −∞), a target outside [0, 1] (or
    // NaN) its term −∞ (or NaN): the sum is then not finite
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * One chunk of sigmoid + binary cross-entropy in {@code s.z} and {@code s.y} at {@code [0, n)}:
   * {@code δ = scale·(σ(z) − y)} into {@code s.e} and {@code ℓ = max(z, 0) − z·y + log1p(e)} into
   * {@code s.t}, with {@code e = e^−|z|}, {@code σ = 1/(1 + e)} for {@code z ≥ 0} and {@code e/(1 +
   * e)} below; returns {@code Σ ℓ}. Three loops of straight-line arithmetic (the JIT vectorises
   * each) and the sum.
   */
  static double sigmoidChunk(Scratch s, int n, double scale) {
    double[] z = s.z;
    double[] y = s.y;
    double[] e = s.e;
    double[] t = s.t;
    for (int j = 0; j < n; j++) {
      e[j] = StraightMath.exp(-Math.abs(z[j]));
    }
    // log1p(e^−|z|) in a loop of its own: with the rest of the term in the same loop C2 (JDK 17,
    // AVX2) ran it at 15.4 ns an element, against 7.1 for the two loops
    for (int j = 0; j < n; j++) {
      t[j] = StraightMath.log1p(e[j]);
    }
    // then + max(z, 0) − z·y in one rounding (≥ 0 for y in [0, 1]: no cancellation left)
    for (int j = 0; j < n; j++) {
      t[j] = Math.fma(-z[j], y[j], Math.max(z[j], 0.0)) + t[j];
    }
    // then + the target's verdict: ±0 for y in [0, 1] (the term keeps its bits), −∞ below or above
    // it (a negative min(y, 0) + min(1 − y, 0), subnormal or not, overflows after three factors of
    // 2^1000), NaN for NaN, so that the sum is not finite. A loop of its own, which C2 vectorises
    // (in the loop above it made that loop 1.13-1.28x slower); the smallest and largest y by
    // running comparisons, two scalar passes, had taken 16 % of a call
    for (int j = 0; j < n; j++) {
      double yj = y[j];
      t[j] += (Math.min(yj, 0.0) + Math.min(1.0 - yj, 0.0)) * 0x1p1000 * 0x1p1000 * 0x1p1000;
    }
    // the numerator of σ without a branch: max(e, min(z·2^1000, 1)) is 1 for z > 0 (2^1000·z ≥ 1
    // unless z < 2^−1000, where e rounds to 1 anyway) and e for z ≤ 0
    for (int j = 0; j < n; j++) {
      double ej = e[j];
      double numerator = Math.max(ej, Math.min(z[j] * 0x1p1000, 1.0));
      e[j] = scale * (numerator / (1.0 + ej) - y[j]);
    }
    return StraightMath.sum(t, 0, n);
  }

  /** The smallest of {@code a[0, n)}, by plain comparisons (a NaN is skipped: it poisons the loss terms). */
  static double lowest(double[] a, int n) {
    double low = a[0];
    for (int j = 1; j < n; j++) {
      low = a[j] < low ? a[j] : low;
    }
    return low;
  }

  /** The largest of {@code a[0, n)}, by plain comparisons. */
  static double highest(double[] a, int n) {
    double high = a[0];
    for (int j = 1; j < n; j++) {
      high = a[j] > high ? a[j] : high;
    }
    return high;
  }

  /**
   * Adds the terms {@code t[0, n)} of the elements {@code [chunk, chunk + n)} to their rows' {@code
   * losses} (rows of {@code cols} from element {@code start}; a row's entry is set at its first
   * element).
   */
  static void addRowLosses(double[] t, int chunk, int n, int start, int cols, double[] losses) {
    int k = 0;
    while (k < n) {
      int element = chunk + k;
      int row = element / cols;
      int rowEnd = Math.min(n, (row + 1) * cols - chunk);
      // in StraightMath.sum's four running sums: one waited on each addition's latency
      double part = StraightMath.sum(t, k, rowEnd);
      losses[row] = element % cols == 0 ? part : losses[row] + part;
      k = rowEnd;
    }
  }

  static double softmaxCrossEntropy(double[] z, double[] y, int cols, int from, int to,
      double scale, double[] delta, double[] losses) {
    return softmaxRows(z, y, cols, from, to, scale, delta, losses, CROSS_ENTROPY_TARGETS,
        CROSS_ENTROPY_SIMPLEX);
  }

  static double softmaxKlDivergence(double[] z, double[] y, int cols, int from, int to,
      double scale, double[] delta, double[] losses) {
    // ℓ = Σ_j y_j log y_j + (logsumexp(z) − Σ_j y_j z_j): the targets' entropy plus cross-entropy's
    // terms (and its delta a − y), under kl-divergence's own target rules
    double sum = targetEntropy(y, from * cols, to * cols)
        + softmaxRows(z, y, cols, from, to, scale, delta, losses, KL_DIVERGENCE_TARGETS,
            KL_DIVERGENCE_SIMPLEX);
    addRowEntropies(y, cols, from, to, losses);
    return sum;
  }

  /** {@code losses[i] += Σ_j y_ij log y_ij} for the rows {@code [from, to)}, if {@code losses} is not null. */
  static void addRowEntropies(double[] y, int cols, int from, int to, double[] losses) {
    if (losses == null) {
      return;
    }
    for (int i = from; i < to; i++) {
      losses[i] += targetEntropy(y, i * cols, (i + 1) * cols);
    }
  }

  /**
   * {@code Σ_k y_k log y_k} over {@code [start, end)}, with {@code 0·log 0 = 0}; NaN if some {@code
   * y_k} is NaN or negative, so the caller's sum reports it.
   */
  static double targetEntropy(double[] y, int start, int end) {
    double sum = 0.0;
    // Σ_k y_k log y_k, the term 0 where y_k = 0 (skipped: one-hot rows then add once per row, not
    // wait on an addition per element)
    for (int k = start; k < end; k++) {
      double yk = y[k];
      if (yk != 0) {
        sum += yk * Math.log(yk);
      }
    }
    return sum;
  }

  /**
   * softmax with {@code ℓ = logsumexp(z) − Σ_j y_j z_j}, {@code δ = a − y}, for targets in {@code
   * targets} (on the simplex if {@code simplex}): cross-entropy's kernel, and kl-divergence's
   * without the entropy. Each row's {@code ℓ_i} goes into {@code losses} if it is not null (NaN
   * for a row that breaks the input rules, as the returned sum). Rows narrower than {@link
   * ShortRows#NARROWER_THAN} take their exponentials a block at a time from {@link ShortRows}, with
   * the same bits; longer rows take every row's pass over its targets first ({@link #targetPass}),
   * in one stream over the block (RowBlocks' blocks of about 8192 elements, left in the
   * second-level cache for the exponentials), as the label kernels take their maxima.
   */
  static double softmaxRows(double[] z, double[] y, int cols, int from, int to, double scale,
      double[] delta, double[] losses, Interval targets, boolean simplex) {
    double sum = 0.0;
    Scratch scratch = Scratch.of(Scratch.CHUNK);
    if (ShortRows.apply(cols)) {
      for (int i = from; i < to; i++) {
        int r = ShortRows.enter(z, cols, from, to, i, scratch);
        targetPass(z, y, cols, i, targets, simplex, scratch);
        sum += rowEnd(z, y, cols, i, scale, delta, losses, scratch.rowMax[r], scratch.dot,
            scratch, r);
      }
    } else {
      double[] maxima = scratch.rowMax;
      double[] dots = scratch.rowSum;
      for (int start = from; start < to; start += maxima.length) {
        int stop = Math.min(to, start + maxima.length);
        for (int i = start; i < stop; i++) {
          maxima[i - start] = targetPass(z, y, cols, i, targets, simplex, scratch);
          dots[i - start] = scratch.dot;
        }
        for (int i = start; i < stop; i++) {
          sum += rowEnd(z, y, cols, i, scale, delta, losses, maxima[i - start], dots[i - start],
              null, 0);
        }
      }
    }
    return Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * The pass over row {@code i}'s targets and logits: returns {@code max_j z_j} as rowMax finds it
   * and leaves in {@code scratch.dot} {@code Σ_j y_j z_j}, or NaN if the row breaks the input rules
   * (a target outside {@code targets}, a row off the simplex if {@code simplex}, a logit above
   * softmax's largest).
   */
  private static double targetPass(double[] z, double[] y, int cols, int i, Interval targets,
      boolean simplex, Scratch scratch) {
    int base = i * cols;
    int end = base + cols;
    // t = Σ_j y_j, yz = Σ_j y_j z_j, the row's smallest and largest y_j for the domain check (a
    // NaN y_j passes the comparisons but poisons yz), and max_j z_j as rowMax finds it, in one
    // pass over the row: the sums in four running sums, the extremes in two each (with two sums
    // the loop waited on the additions' latency), the maximum in four
    double m0 = Double.NEGATIVE_INFINITY;
    double m1 = m0;
    double m2 = m0;
    double m3 = m0;
    double t0 = 0.0;
    double t1 = 0.0;
    double t2 = 0.0;
    double t3 = 0.0;
    double yz0 = 0.0;
    double yz1 = 0.0;
    double yz2 = 0.0;
    double yz3 = 0.0;
    double low0 = y[base];
    double low1 = low0;
    double high0 = low0;
    double high1 = low0;
    int j = base;
    for (; j + 3 < end; j += 4) {
      double y0 = y[j];
      double y1 = y[j + 1];
      double y2 = y[j + 2];
      double y3 = y[j + 3];
      double z0 = z[j];
      double z1 = z[j + 1];
      double z2 = z[j + 2];
      double z3 = z[j + 3];
      t0 += y0;
      t1 += y1;
      t2 += y2;
      t3 += y3;
      yz0 += y0 * z0;
      yz1 += y1 * z1;
      yz2 += y2 * z2;
      yz3 += y3 * z3;
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
      double y0 = y[j];
      t0 += y0;
      yz0 += y0 * z[j];
      m0 = z[j] > m0 ? z[j] : m0;
      low0 = y0 < low0 ? y0 : low0;
      high0 = y0 > high0 ? y0 : high0;
    }
    double lowest = low1 < low0 ? low1 : low0;
    double highest = high1 > high0 ? high1 : high0;
    double t = (t0 + t1) + (t2 + t3);
    double yz = (yz0 + yz1) + (yz2 + yz3);
    double max = maxOfChains(m0, m1, m2, m3);
    // every y_j lies in the (interval) domain when the extremes do
    boolean ok = targets.contains(lowest) & targets.contains(highest) & max <= SOFTMAX_MAX_LOGIT
        & (!simplex || Simplex.holds(y, base, cols, t));
    scratch.dot = ok ? yz : Double.NaN;
    return max;
  }

  /**
   * The rest of row {@code i} of {@link #softmaxRows}, given its maximum and {@code yz} from
   * {@link #targetPass}: its exponentials computed here ({@code block} null) or taken from the
   * block's scratch at row {@code r}; returns {@code ℓ_i} (NaN if {@code yz} is).
   */
  private static double rowEnd(double[] z, double[] y, int cols, int i, double scale,
      double[] delta, double[] losses, double max, double yz, Scratch block, int r) {
    int base = i * cols;
    int end = base + cols;
    double s;
    if (block == null) {
      // e_j = e^{z_j − max} into delta and s = Σ_j e_j, as every softmax kernel computes them
      // (a NaN or −∞ z_j makes e_j NaN, +∞ makes max − max NaN)
      StraightMath.expShiftedInto(z, max, base, end, delta);
      s = StraightMath.sum(delta, base, end);
    } else {
      s = block.rowSum[r];
    }
    // δ_j = a_j − y_j, a_j = e_j / s (one division per row, a multiplication per element)
    double perSum = scale / s;
    if (block == null) {
      for (int k = base; k < end; k++) {
        delta[k] = delta[k] * perSum - scale * y[k];
      }
    } else {
      double[] e = block.e;
      int shift = r * cols - base;
      for (int k = base; k < end; k++) {
        delta[k] = e[shift + k] * perSum - scale * y[k];
      }
    }
    // ℓ = logsumexp(z) − Σ_j y_j z_j = (max − Σ_j y_j z_j) + log s
    double term = (max - yz) + Math.log(s);
    if (losses != null) {
      losses[i] = term;
    }
    return term;
  }

  /**
   * {@code max_j z_j} over {@code [base, end)}, in four independent running maxima. Plain
   * comparisons, not {@code Math.max}: a NaN is skipped here but poisons {@code Σ y_j z_j} and
   * {@code e^{z_j − max}}, so the kernel still reports it.
   */
  static double rowMax(double[] z, int base, int end) {
    double m0 = Double.NEGATIVE_INFINITY;
    double m1 = Double.NEGATIVE_INFINITY;
    double m2 = Double.NEGATIVE_INFINITY;
    double m3 = Double.NEGATIVE_INFINITY;
    int j = base;
    // m_r = max over j ≡ r (mod 4)
    for (; j + 3 < end; j += 4) {
      m0 = z[j] > m0 ? z[j] : m0;
      m1 = z[j + 1] > m1 ? z[j + 1] : m1;
      m2 = z[j + 2] > m2 ? z[j + 2] : m2;
      m3 = z[j + 3] > m3 ? z[j + 3] : m3;
    }
    for (; j < end; j++) {
      m0 = z[j] > m0 ? z[j] : m0;
    }
    return maxOfChains(m0, m1, m2, m3);
  }

  /**
   * The largest of four running maxima, in {@link #rowMax}'s order: the one combination every
   * kernel that keeps its own chains uses, so that its maximum has rowMax's bits.
   */
  static double maxOfChains(double m0, double m1, double m2, double m3) {
    double a = m1 > m0 ? m1 : m0;
    double b = m3 > m2 ? m3 : m2;
    return b > a ? b : a;
  }

  static double expPoisson(double[] z, double[] y, int cols, int from, int to, double scale,
      double[] delta, double[] losses) {
    if (losses == null) {
      return expPoissonElements(z, y, from * cols, to * cols, scale, delta);
    }
    double sum = 0.0;
    boolean ok = true;
    // the terms of expPoissonElements in the same order, each row's also added on its own
    for (int i = from; i < to; i++) {
      double row = 0.0;
      for (int k = i * cols; k < (i + 1) * cols; k++) {
        double zk = z[k];
        double yk = y[k];
        double a = Math.exp(zk);
        double term = a - yk * zk;
        sum += term;
        row += term;
        delta[k] = scale * (a - yk);
        ok &= zk <= EXP_MAX_LOGIT & POISSON_TARGETS.contains(yk);
      }
      losses[i] = row;
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /** {@link #expPoisson} over the elements {@code [start, end)}, which need not be whole rows. */
  static double expPoissonElements(
      double[] z, double[] y, int start, int end, double scale, double[] delta) {
    double sum = 0.0;
    boolean ok = true;
    // ℓ = e^z − y·z, δ = e^z − y  (z ≤ exp's largest finite logit, y in poisson's domain)
    for (int k = start; k < end; k++) {
      double zk = z[k];
      double yk = y[k];
      double a = Math.exp(zk);
      sum += a - yk * zk;
      delta[k] = scale * (a - yk);
      ok &= zk <= EXP_MAX_LOGIT & POISSON_TARGETS.contains(yk);
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  static double tanhBipolarCrossEntropy(double[] z, double[] y, int cols, int from, int to,
      double scale, double[] delta, double[] losses) {
    if (losses == null) {
      return tanhBipolarCrossEntropyElements(z, y, from * cols, to * cols, scale, delta);
    }
    double sum = 0.0;
    boolean ok = true;
    // the terms of tanhBipolarCrossEntropyElements in the same order, each row's also on its own
    for (int i = from; i < to; i++) {
      double row = 0.0;
      for (int k = i * cols; k < (i + 1) * cols; k++) {
        double zk = z[k];
        double yk = y[k];
        double e = Math.exp(-2.0 * Math.abs(zk));
        double magnitude = (1.0 - e) / (1.0 + e);
        double term = (1.0 + yk) * Math.max(-zk, 0.0) + (1.0 - yk) * Math.max(zk, 0.0)
            + log1pOfSmall(e);
        sum += term;
        row += term;
        delta[k] = scale * ((zk >= 0 ? magnitude : -magnitude) - yk);
        ok &= BIPOLAR_TARGETS.contains(yk);
      }
      losses[i] = row;
    }
    ok &= BuiltInRules.allAtMost(z, from * cols, to * cols, TANH_MAX_LOGIT);
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /** {@link #tanhBipolarCrossEntropy} over the elements {@code [start, end)}, which need not be whole rows. */
  static double tanhBipolarCrossEntropyElements(
      double[] z, double[] y, int start, int end, double scale, double[] delta) {
    double sum = 0.0;
    boolean ok = true;
    // e = e^−2|z|: tanh(z) = sign(z)·(1 − e)/(1 + e),
    // ℓ = ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z) = (1+y)·max(−z,0) + (1−y)·max(z,0) + log1p(e)
    for (int k = start; k < end; k++) {
      double zk = z[k];
      double yk = y[k];
      double e = Math.exp(-2.0 * Math.abs(zk));
      double magnitude = (1.0 - e) / (1.0 + e);
      sum += (1.0 + yk) * Math.max(-zk, 0.0) + (1.0 - yk) * Math.max(zk, 0.0)
          + log1pOfSmall(e);
      delta[k] = scale * ((zk >= 0 ? magnitude : -magnitude) - yk);
      ok &= BIPOLAR_TARGETS.contains(yk);
    }
    ok &= BuiltInRules.allAtMost(z, start, end, TANH_MAX_LOGIT);
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * {@code log(1 + x)} for {@code x ∈ [0, 1]} to a few ulp with one {@code Math.log} (an
   * intrinsic, where {@code Math.log1p} is a slow native call on JDK 17): {@code u = 1 + x} rounds,
   * and {@code x/(u − 1)} corrects {@code log u} for that rounding (Goldberg 1991, theorem 4).
   */
  static double log1pOfSmall(double x) {
    double u = 1.0 + x;
    return u == 1.0 ? x : Math.log(u) * (x / (u - 1.0));
  }
}

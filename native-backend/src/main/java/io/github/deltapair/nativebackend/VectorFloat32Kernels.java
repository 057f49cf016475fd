package io.github.deltapair.nativebackend;

import static io.github.deltapair.nativebackend.BuiltInRules.BINARY_CROSS_ENTROPY_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.CROSS_ENTROPY_SIMPLEX;
import static io.github.deltapair.nativebackend.BuiltInRules.CROSS_ENTROPY_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.SOFTMAX_MAX_LOGIT_FLOAT32;
import static io.github.deltapair.nativebackend.VectorCanonicalKernels.MIN_SOFTMAX_VECTORS;

import io.github.deltapair.Batch;
import io.github.deltapair.Interval;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Targets;
import java.util.Arrays;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Float32Kernels} with the Vector API: the same formulas on {@link
 * FloatVector#SPECIES_PREFERRED} lanes (twice as many as float64 has), {@code e^x} and {@code
 * log1p} from {@link VectorFloat32Math}, the sums compensated in float32 lanes (as accurate as
 * float64 sums) and added up in a fixed order; the elements past the last full vector, and softmax rows
 * shorter than {@link VectorCanonicalKernels#MIN_SOFTMAX_VECTORS} vectors, run the scalar float32
 * kernels. Each pass is a method of its own that takes arrays, never vectors (see {@link
 * VectorFloat32Math}).
 *
 * <p>Loaded only through {@link KernelPath} when the module is in the boot layer.
 */
final class VectorFloat32Kernels {

  private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

  private static final ThreadLocal<VectorScratch> SCRATCH =
      ThreadLocal.withInitial(VectorScratch::new);

  private VectorFloat32Kernels() {}

  /** The vector float32 kernel of each pair that has one, on dense targets (as {@link Float32Kernels#all}). */
  static Map<Pair, Float32Kernel> all() {
    return Float32Kernels.table(VectorFloat32Kernels::identitySquaredError,
        VectorFloat32Kernels::sigmoidBinaryCrossEntropy, VectorFloat32Kernels::softmaxCrossEntropy);
  }

  /** The vector float32 kernel of each pair that reads class-index labels directly. */
  static Map<Pair, Float32Kernel> labelKernels() {
    return Map.of(
        Pair.canonical(Loss.CROSS_ENTROPY), VectorFloat32Kernels::softmaxCrossEntropyLabels,
        Pair.canonical(Loss.KL_DIVERGENCE), VectorFloat32Kernels::softmaxCrossEntropyLabels);
  }

  static double identitySquaredError(float[] z, Targets targets, int cols, int from, int to,
      double scale, float[] delta, double[] losses) {
    float[] y = ((Batch) targets).floatArray();
    int full = LANES.loopBound(cols);
    float s = (float) scale;
    float[] lanes = SCRATCH.get().sums;
    // per row: r = z − y in float32, δ = s·r; Σ ½r² compensated (VectorFloat32Math.total), each
    // term's rounding error from a fused multiply-add, each addition's from two-sum. The halves
    // overflow float32 only where ℓ itself does. J = Σ_i ℓ_i in row order (kept or not, so the
    // example losses cost no pass of their own)
    double sum = 0.0;
    for (int i = from; i < to; i++) {
      int base = i * cols;
      int bound = base + full;
      FloatVector sums = FloatVector.zero(LANES);
      FloatVector errors = sums;
      for (int k = base; k < bound; k += LANES.length()) {
        FloatVector r = FloatVector.fromArray(LANES, z, k).sub(FloatVector.fromArray(LANES, y, k));
        r.mul(s).intoArray(delta, k);
        FloatVector half = r.mul(0.5f);
        FloatVector term = half.mul(r);
        FloatVector t = sums.add(term);
        errors = VectorFloat32Math.withAdditionError(errors.add(half.fma(r, term.neg())), sums,
            term, t);
        sums = t;
      }
      sums.intoArray(lanes, 0);
      errors.intoArray(lanes, LANES.length());
      double row = VectorFloat32Math.total(lanes)
          + Float32Kernels.squaredErrorElements(z, y, bound, base + cols, s, delta);
      if (losses != null) {
        losses[i] = row;
      }
      sum += row;
    }
    return Float32Kernels.squaredErrorVerdict(sum, scale);
  }

  static double sigmoidBinaryCrossEntropy(float[] z, Targets targets, int cols, int from, int to,
      double scale, float[] delta, double[] losses) {
    float[] y = ((Batch) targets).floatArray();
    int start = from * cols;
    int end = to * cols;
    int bound = start + LANES.loopBound(end - start);
    float s = (float) scale;
    VectorScratch scratch = SCRATCH.get();
    float[] terms = scratch.terms;
    double sum = 0.0;
    boolean ok = true;
    // chunks of whole vectors that stay in L1 through the passes: e = e^{−|z| − 0} into delta;
    // log1p(e) into this thread's scratch; Σ ℓ; δ over e
    // (with example losses every term also overwrites its log1p in the scratch, and the chunk's
    // terms are added to their rows while they are in L1, not computed again: the example
    // losses cost 0.17–0.20 ns an element on one thread so, 0.20–0.35 with a block-long array
    // of terms)
    boolean keep = losses != null;
    if (keep) {
      Arrays.fill(losses, from, to, 0.0);
    }
    for (int chunk = start; chunk < bound; chunk += Scratch.CHUNK) {
      int stop = Math.min(bound, chunk + Scratch.CHUNK);
      negatedMagnitudes(z, chunk, stop, delta);
      VectorFloat32Math.expOfDifference(delta, 0f, chunk, stop, delta, scratch.sums);
      VectorFloat32Math.log1p(delta, chunk, stop, terms, 0);
      sum += sigmoidTermsSum(z, y, chunk, stop, terms, scratch.sums, keep);
      if (keep) {
        addToRows(terms, chunk, stop, cols, losses, scratch.sums);
      }
      ok &= sigmoidDeltas(z, y, chunk, stop, s, delta);
    }
    // the elements past the last full vector, one at a time (NaN there makes the sum NaN)
    sum += Float32Kernels.sigmoidTail(z, y, bound, end, s, delta);
    if (keep) {
      addTailTerms(z, y, bound, end, cols, losses);
    }
    // a NaN or infinite z makes its term NaN or +∞
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * {@code losses[k / cols] += Σ terms[k − start]} over {@code k ∈ [start, bound)}, a chunk
   * that may begin and end inside rows: each row's part summed by {@link VectorFloat32Math#sum}
   * ({@code lanes} its scratch), then added to the row's running value. (Sixteen terms at a time in scalar
   * float32, {@link Float32Kernels#segmentSum}, cost 450 µs of a 2 700 µs call at 4096x1000.)
   */
  private static void addToRows(float[] terms, int start, int bound, int cols, double[] losses,
      float[] lanes) {
    int k = start;
    while (k < bound) {
      int row = k / cols;
      int rowEnd = Math.min(bound, (row + 1) * cols);
      losses[row] += VectorFloat32Math.sum(terms, k - start, rowEnd - start, lanes);
      k = rowEnd;
    }
  }

  /** {@code losses[k / cols] +=} {@link Float32Kernels#sigmoidTerm} for {@code k ∈ [bound, end)}, the elements past the last vector. */
  private static void addTailTerms(float[] z, float[] y, int bound, int end, int cols,
      double[] losses) {
    for (int k = bound; k < end; k++) {
      losses[k / cols] += Float32Kernels.sigmoidTerm(z[k], y[k],
          Float32Math.exp(-Math.abs(z[k]), 0f));
    }
  }

  /** {@code out_k = −|z_k|} for {@code k ∈ [start, bound)}, whole vectors. */
  private static void negatedMagnitudes(float[] z, int start, int bound, float[] out) {
    for (int k = start; k < bound; k += LANES.length()) {
      FloatVector.fromArray(LANES, z, k).abs().neg().intoArray(out, k);
    }
  }

  /**
   * {@code Σ_k} {@link Float32Kernels#sigmoidTerm} over whole vectors of {@code [start, bound)},
   * its {@code log1p(e)} read from {@code logs[k − start]}: the term {@code max(z, 0) − z·y +
   * log1p(e)} in float32 (its first part in one rounding), the sum compensated ({@link
   * VectorFloat32Math#total}); each term also over its {@code logs[k − start]} if {@code keep},
   * for the row sums.
   */
  private static double sigmoidTermsSum(float[] z, float[] y, int start, int bound,
      float[] logs, float[] sums, boolean keep) {
    FloatVector s = FloatVector.zero(LANES);
    FloatVector c = s;
    for (int k = start; k < bound; k += LANES.length()) {
      FloatVector zv = FloatVector.fromArray(LANES, z, k);
      FloatVector term = zv.neg().fma(FloatVector.fromArray(LANES, y, k), zv.max(0f))
          .add(FloatVector.fromArray(LANES, logs, k - start));
      if (keep) {
        term.intoArray(logs, k - start);
      }
      FloatVector t = s.add(term);
      c = VectorFloat32Math.withAdditionError(c, s, term, t);
      s = t;
    }
    s.intoArray(sums, 0);
    c.intoArray(sums, LANES.length());
    return VectorFloat32Math.total(sums);
  }

  /**
   * Overwrites {@code e = e^−|z|} in {@code delta} with {@code s·(σ − y)}, {@code σ = 1/(1 + e)}
   * for {@code z ≥ 0} and {@code e/(1 + e)} below; returns whether every y lies in binary
   * cross-entropy's domain.
   */
  private static boolean sigmoidDeltas(float[] z, float[] y, int start, int bound, float s,
      float[] delta) {
    if (bound == start) {
      return true;
    }
    FloatVector lowest = FloatVector.fromArray(LANES, y, start);
    FloatVector highest = lowest;
    for (int k = start; k < bound; k += LANES.length()) {
      FloatVector zv = FloatVector.fromArray(LANES, z, k);
      FloatVector yv = FloatVector.fromArray(LANES, y, k);
      FloatVector e = FloatVector.fromArray(LANES, delta, k);
      FloatVector numerator = e.blend(1f, zv.compare(VectorOperators.GE, 0f));
      numerator.div(e.add(1f)).sub(yv).mul(s).intoArray(delta, k);
      lowest = lowest.min(yv);
      highest = highest.max(yv);
    }
    return inside(BINARY_CROSS_ENTROPY_TARGETS, lowest.reduceLanes(VectorOperators.MIN),
        highest.reduceLanes(VectorOperators.MAX));
  }

  /** Whether {@code lowest} and {@code highest} lie in the interval {@code domain}, and so every value between them. */
  private static boolean inside(Interval domain, float lowest, float highest) {
    return domain.contains(lowest) & domain.contains(highest);
  }

  static double softmaxCrossEntropy(float[] z, Targets targets, int cols, int from, int to,
      double scale, float[] delta, double[] losses) {
    if (cols < MIN_SOFTMAX_VECTORS * LANES.length()) {
      return Float32Kernels.softmaxCrossEntropy(z, targets, cols, from, to, scale, delta, losses);
    }
    float[] y = ((Batch) targets).floatArray();
    int full = LANES.loopBound(cols);
    VectorScratch scratch = SCRATCH.get();
    float[] sums = scratch.sums;
    double sum = 0.0;
    boolean ok = true;
    for (int base = from * cols; base < to * cols; base += cols) {
      int bound = base + full;
      int end = base + cols;
      float max = rowMax(z, base, bound, end);
      // e_j = e^{z_j − max} into delta, Σ e; then yz = Σ_j y_j z_j and t = Σ_j y_j, in float64,
      // and whether every y_j lies in the domain, in a pass of their own
      double total = VectorFloat32Math.expOfDifference(z, max, base, bound, delta, sums);
      double yz = targetSums(y, z, base, bound, CROSS_ENTROPY_TARGETS, scratch);
      double t = scratch.targetSum;
      ok &= scratch.targetsInside;
      for (int j = bound; j < end; j++) {
        float e = Float32Math.expOfDifference(z[j], max);
        delta[j] = e;
        total += e;
        t += y[j];
        yz += (double) y[j] * z[j];
        ok &= CROSS_ENTROPY_TARGETS.contains(y[j]);
      }
      double term = Float32Kernels.softmaxRowEnd(y, base, end, max, total, yz, scale, delta);
      sum += term;
      if (losses != null) {
        losses[base / cols] = term;
      }
      ok &= max <= SOFTMAX_MAX_LOGIT_FLOAT32
          & (!CROSS_ENTROPY_SIMPLEX || Simplex.holds(y, base, cols, t, scratch.targetSumError));
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /** {@link Float32Kernels#softmaxCrossEntropyLabels} on vectors, for rows of at least {@link VectorCanonicalKernels#MIN_SOFTMAX_VECTORS} vectors. */
  static double softmaxCrossEntropyLabels(float[] z, Targets targets, int cols, int from, int to,
      double scale, float[] delta, double[] losses) {
    if (cols < MIN_SOFTMAX_VECTORS * LANES.length()) {
      return Float32Kernels.softmaxCrossEntropyLabels(z, targets, cols, from, to, scale, delta,
          losses);
    }
    Labels labels = (Labels) targets;
    int full = LANES.loopBound(cols);
    float[] sums = SCRATCH.get().sums;
    double sum = 0.0;
    boolean ok = true;
    for (int i = from; i < to; i++) {
      int base = i * cols;
      int bound = base + full;
      int end = base + cols;
      if (Float32Kernels.ignored(labels, i, base, end, delta, losses)) {
        continue;
      }
      float max = rowMax(z, base, bound, end);
      double total = VectorFloat32Math.expOfDifference(z, max, base, bound, delta, sums);
      for (int j = bound; j < end; j++) {
        float e = Float32Math.expOfDifference(z[j], max);
        delta[j] = e;
        total += e;
      }
      double term = Float32Kernels.labelRowEnd(z, base, end, labels.get(i), max, total, scale,
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
   * {@code max_j z_j} of the row {@code [base, end)} with whole vectors up to {@code bound}: NaN
   * if a {@code z_j} of the vectors is (lanewise max propagates it); a NaN in the tail is skipped,
   * but makes its {@code e^{z_j − max}} NaN.
   */
  private static float rowMax(float[] z, int base, int bound, int end) {
    FloatVector maxes = FloatVector.fromArray(LANES, z, base);
    for (int j = base + LANES.length(); j < bound; j += LANES.length()) {
      maxes = maxes.max(FloatVector.fromArray(LANES, z, j));
    }
    float max = maxes.reduceLanes(VectorOperators.MAX);
    for (int j = bound; j < end; j++) {
      max = z[j] > max ? z[j] : max;
    }
    return max;
  }

  /**
   * {@code Σ_j y_j z_j} over whole vectors, compensated (each product's rounding error from a
   * fused multiply-add, each addition's from two-sum); {@code Σ_j y_j}, compensated, into {@code
   * scratch.targetSum} with a bound on its error into {@code scratch.targetSumError}; and whether
   * every {@code y_j} lies in {@code domain} into {@code scratch.targetsInside}.
   */
  private static double targetSums(float[] y, float[] z, int base, int bound, Interval domain,
      VectorScratch scratch) {
    FloatVector products = FloatVector.zero(LANES);
    FloatVector productErrors = products;
    FloatVector totals = products;
    FloatVector totalErrors = products;
    FloatVector lowest = FloatVector.fromArray(LANES, y, base);
    FloatVector highest = lowest;
    for (int j = base; j < bound; j += LANES.length()) {
      FloatVector yv = FloatVector.fromArray(LANES, y, j);
      FloatVector zv = FloatVector.fromArray(LANES, z, j);
      FloatVector product = yv.mul(zv);
      FloatVector t = products.add(product);
      productErrors = VectorFloat32Math.withAdditionError(
          productErrors.add(yv.fma(zv, product.neg())), products, product, t);
      products = t;
      t = totals.add(yv);
      totalErrors = VectorFloat32Math.withAdditionError(totalErrors, totals, yv, t);
      totals = t;
      lowest = lowest.min(yv);
      highest = highest.max(yv);
    }
    float[] sums = scratch.sums;
    totals.intoArray(sums, 0);
    totalErrors.intoArray(sums, LANES.length());
    scratch.targetSum = VectorFloat32Math.total(sums);
    // each lane adds n = (bound − base)/lanes terms: its error sum is off by at most about
    // n²·2^−48 of Σ y (the terms are ≥ 0 where the domain holds); float64 adds the rest
    double n = (double) (bound - base) / LANES.length() + 1;
    scratch.targetSumError = 2 * n * n * 0x1p-48 * Math.abs(scratch.targetSum);
    scratch.targetsInside = inside(domain, lowest.reduceLanes(VectorOperators.MIN),
        highest.reduceLanes(VectorOperators.MAX));
    products.intoArray(sums, 0);
    productErrors.intoArray(sums, LANES.length());
    return VectorFloat32Math.total(sums);
  }

  /**
   * One thread's scratch for these kernels (float32, beside the scalar kernels' float64 {@link
   * Scratch}): a chunk of binary cross-entropy's {@code log1p} values (then its loss terms), the
   * lanes of a compensated sum, and the further results of {@link #targetSums}.
   */
  private static final class VectorScratch {

    final float[] terms = new float[Scratch.CHUNK];
    final float[] sums = new float[VectorFloat32Math.sumsLength()];
    double targetSum;
    double targetSumError;
    boolean targetsInside;
  }
}

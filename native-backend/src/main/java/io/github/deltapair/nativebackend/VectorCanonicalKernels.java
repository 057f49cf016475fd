package io.github.deltapair.nativebackend;

import static io.github.deltapair.nativebackend.BuiltInRules.BINARY_CROSS_ENTROPY_TARGET;
import static io.github.deltapair.nativebackend.BuiltInRules.BINARY_CROSS_ENTROPY_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.BIPOLAR_TARGET;
import static io.github.deltapair.nativebackend.BuiltInRules.BIPOLAR_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.CROSS_ENTROPY_SIMPLEX;
import static io.github.deltapair.nativebackend.BuiltInRules.CROSS_ENTROPY_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.EXP_MAX_LOGIT;
import static io.github.deltapair.nativebackend.BuiltInRules.IDENTITY_MAX_LOGIT;
import static io.github.deltapair.nativebackend.BuiltInRules.KL_DIVERGENCE_SIMPLEX;
import static io.github.deltapair.nativebackend.BuiltInRules.KL_DIVERGENCE_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.POISSON_TARGET;
import static io.github.deltapair.nativebackend.BuiltInRules.POISSON_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.SIGMOID_MAX_LOGIT;
import static io.github.deltapair.nativebackend.BuiltInRules.SOFTMAX_MAX_LOGIT;
import static io.github.deltapair.nativebackend.BuiltInRules.SQUARED_ERROR_ONLY_FINITE;
import static io.github.deltapair.nativebackend.BuiltInRules.SQUARED_ERROR_TARGETS;
import static io.github.deltapair.nativebackend.BuiltInRules.TANH_MAX_LOGIT;

import io.github.deltapair.Batch;
import io.github.deltapair.Interval;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Targets;
import java.util.Arrays;
import java.util.Map;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The built-in canonical pairs with the Vector API ({@code jdk.incubator.vector}): the formulas of {@link
 * CanonicalKernels}, {@link DoubleVector#SPECIES_PREFERRED} lanes at a time, with {@link
 * VectorMath}'s {@code exp} and {@code log1p} (a few ulp from {@code Math.exp}, and the same bits
 * whether or not the JIT has compiled the kernel); the few elements past the last full vector run
 * the scalar formula. The input rules come from the definitions, as in {@link CanonicalKernels};
 * kl-divergence adds the targets' entropy (a scalar pass: there is no vector log) to
 * cross-entropy's vector kernel.
 *
 * <p>Loaded only through {@link KernelPath} when the module is in the boot layer; nothing else
 * refers to this class, so a JVM without the module never loads it.
 */
final class VectorCanonicalKernels {

  private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;
  private static final DoubleVector ONES = DoubleVector.broadcast(LANES, 1.0);

  private VectorCanonicalKernels() {}

  /** The vector fused kernel of each built-in canonical pair: the one table of them. */
  static Map<Pair, FusedKernel> all() {
    return Map.of(
        Pair.canonical(Loss.SQUARED_ERROR),
        new FusedKernel(VectorCanonicalKernels::identitySquaredError, true),
        Pair.canonical(Loss.BINARY_CROSS_ENTROPY),
        new FusedKernel(VectorCanonicalKernels::sigmoidBinaryCrossEntropy, false),
        Pair.canonical(Loss.CROSS_ENTROPY),
        new FusedKernel(VectorCanonicalKernels::softmaxCrossEntropy, false),
        Pair.canonical(Loss.POISSON),
        new FusedKernel(VectorCanonicalKernels::expPoisson, false),
        Pair.canonical(Loss.BIPOLAR_CROSS_ENTROPY),
        new FusedKernel(VectorCanonicalKernels::tanhBipolarCrossEntropy, false),
        Pair.canonical(Loss.KL_DIVERGENCE),
        new FusedKernel(VectorCanonicalKernels::softmaxKlDivergence, false));
  }

  /** The vector label kernel of each pair that has one (as {@link LabelKernels#all}). */
  static Map<Pair, LabelKernel> labelKernels() {
    return Map.of(
        Pair.canonical(Loss.CROSS_ENTROPY), VectorCanonicalKernels::softmaxCrossEntropyLabels,
        Pair.canonical(Loss.KL_DIVERGENCE), VectorCanonicalKernels::softmaxCrossEntropyLabels);
  }

  /**
   * {@link LabelKernels#softmaxCrossEntropy} on vectors, for rows of at least {@link
   * #MIN_SOFTMAX_VECTORS} vectors: {@code ℓ_i = logsumexp(z_i) − z_{i,c_i}}, {@code δ_i =
   * scale·(softmax(z_i) − e_{c_i})}, ignored rows zero and not read.
   */
  static double softmaxCrossEntropyLabels(double[] z, Labels labels, int cols, int from, int to,
      double scale, double[] delta, double[] losses) {
    int width = LANES.length();
    if (cols < MIN_SOFTMAX_VECTORS * width) {
      return LabelKernels.softmaxCrossEntropy(z, labels, cols, from, to, scale, delta, losses);
    }
    int full = LANES.loopBound(cols);
    int[] classes = labels.array();
    Scratch scratch = SCRATCH.get();
    double[] lanes = scratch.lanes;
    double sum = 0.0;
    boolean ok = true;
    // every kept row's maximum first, in one stream over the block, as the scalar kernels take
    // theirs (docs/benchmarks.md)
    double[] maxima = scratch.maxima;
    boolean ahead = to - from <= maxima.length;
    if (ahead) {
      for (int i = from; i < to; i++) {
        if (!labels.isIgnored(i)) {
          maxima[i - from] = rowFiniteMax(z, i * cols, i * cols + full, (i + 1) * cols);
        }
      }
    }
    for (int i = from; i < to; i++) {
      int base = i * cols;
      int bound = base + full;
      int end = base + cols;
      if (labels.isIgnored(i)) {
        Arrays.fill(delta, base, end, 0.0);
        if (losses != null) {
          losses[i] = 0.0;
        }
        continue;
      }
      double max = ahead ? maxima[i - from] : rowFiniteMax(z, base, bound, end);
      // e_j = e^{z_j − max} into delta, s = Σ_j e_j
      double s = rowExps(z, max, base, bound, end, delta, lanes);
      // δ_j = scale·a_j − scale·[j = c], a_j = e_j / s
      double perSum = scale / s;
      scaleInPlace(perSum, base, bound, delta);
      for (int j = bound; j < end; j++) {
        delta[j] = delta[j] * perSum;
      }
      int c = classes[i];
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
   * The options kernels of the vector path: softmax + cross-entropy on labels on vectors ({@link
   * #softmaxCrossEntropyOptions}), the rest as {@link OptionKernels#all}.
   */
  static Map<Pair, OptionsKernel> optionKernels() {
    return Map.of(
        Pair.canonical(Loss.CROSS_ENTROPY), VectorCanonicalKernels::softmaxCrossEntropyOptions,
        Pair.canonical(Loss.BINARY_CROSS_ENTROPY),
        VectorCanonicalKernels::sigmoidBinaryCrossEntropyOptions);
  }

  /** A row of ones at least {@code n} long, for an absent per-column weight (grown, never written). */
  private static volatile double[] ones = new double[0];

  private static double[] ones(int n) {
    double[] row = ones;
    if (row.length < n) {
      row = new double[n];
      Arrays.fill(row, 1.0);
      ones = row;
    }
    return row;
  }

  /**
   * A thread's scratch arrays, so that the kernels allocate nothing per call on any thread: the
   * lanes of a vector being summed ({@link VectorMath#sum(double[])}) and {@link #perColumn}'s
   * copies of the class weights (0) and pos_weight (1), grown on need.
   */
  private static final class Scratch {
    final double[] lanes = new double[LANES.length()];
    final double[][] columns = {new double[0], new double[0]};
    /** A block's row maxima and dot products, taken before its rows' exponentials. */
    final double[] maxima = new double[1024];
    final double[] dots = new double[1024];
    final double[] totals = new double[1024];
    /** A block's loss terms, when its example losses are asked for. */
    private double[] terms = new double[0];

    /** {@link #terms}, at least {@code length} long. */
    double[] terms(int length) {
      if (terms.length < length) {
        terms = new double[length];
      }
      return terms;
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * The per-column {@code weights} (ones if null) as the flat kernel reads them: entry {@code j} is
   * the weight of column {@code j mod n} for every {@code j < n + lanes}, so a vector that starts at
   * column {@code j} of one row and runs into the next finds its weights at {@code j}. That is
   * {@code weights} itself when a row is whole vectors (none runs over), else {@code scratch}'s
   * copy {@code slot} with the first lanes' weights appended.
   */
  private static double[] perColumn(double[] weights, int n, int slot, Scratch scratch) {
    int width = LANES.length();
    if (weights == null) {
      return ones(n + width);
    }
    if (n % width == 0) {
      return weights;
    }
    double[] copy = scratch.columns[slot];
    if (copy.length < n + width) {
      copy = new double[n + width];
      scratch.columns[slot] = copy;
    }
    System.arraycopy(weights, 0, copy, 0, n);
    System.arraycopy(weights, 0, copy, n, width);
    return copy;
  }

  /**
   * {@link OptionKernels#sigmoidBinaryCrossEntropy} on vectors, for batches without a mask and rows
   * of at least one vector (the others run the scalar kernel), in two passes: {@code e = e^−|z|}
   * into delta, then the loss terms and deltas from it ({@link #weightedSigmoid}; exp and log1p in
   * one loop would be too much for the JIT, as in the plain kernel). Without example weights the
   * passes run over the whole block, the per-column weights read through {@link #perColumn}, and
   * the few elements past its last vector by the scalar formula; with them, row by row (each row's
   * scale differs), each row's tail by the scalar formula. The sum does not depend on whether
   * example losses are asked for: they come from a pass of their own.
   */
  static double sigmoidBinaryCrossEntropyOptions(Batch zb, Targets targets, Options options,
      int from, int to, double scale, double[] delta, double[] losses) {
    int n = zb.cols();
    if (options.mask() != null || n < LANES.length()) {
      return OptionKernels.sigmoidBinaryCrossEntropy(zb, targets, options, from, to, scale, delta,
          losses);
    }
    double[] z = zb.array();
    double[] y = ((Batch) targets).array();
    Scratch scratch = SCRATCH.get();
    double[] w = perColumn(options.classWeights(), n, 0, scratch);
    boolean weighted = options.classWeights() != null;
    double[] p = perColumn(options.posWeight(), n, 1, scratch);
    double keep = 1.0 - options.labelSmoothing();
    double spread = 0.5 * options.labelSmoothing();
    double sum = 0.0;
    boolean ok = true;
    if (options.exampleWeights() == null) {
      int start = from * n;
      int end = to * n;
      int bound = start + LANES.loopBound(end - start);
      expOfMinusAbs(z, 1.0, start, bound, delta);
      if (losses != null) {
        weightedSigmoidRowLosses(z, y, w, weighted, p, keep, spread, n, from, to, bound, delta,
            losses, scratch.lanes);
      }
      sum = weightedSigmoid(z, y, w, weighted, p, keep, spread, scale, true, start, bound, n,
          delta, scratch.lanes);
      // the block's last elements, past its last vector
      for (int k = bound; k < end; k++) {
        int j = (k - start) % n;
        ok &= BINARY_CROSS_ENTROPY_TARGETS.contains(y[k]);
        sum += OptionKernels.weightedSigmoidTerm(z[k], keep * y[k] + spread, p[j], w[j], scale,
            delta, k);
      }
      return ok && Double.isFinite(sum) ? sum : Double.NaN;
    }
    int full = LANES.loopBound(n);
    for (int i = from; i < to; i++) {
      int base = i * n;
      double e = options.exampleWeight(i);
      double rowScale = scale * e;
      expOfMinusAbs(z, 1.0, base, base + full, delta);
      double row = weightedSigmoid(z, y, w, weighted, p, keep, spread, rowScale, true, base,
          base + full, n, delta, scratch.lanes);
      // the row's tail: the scalar formula of OptionKernels
      for (int j = full; j < n; j++) {
        int k = base + j;
        ok &= BINARY_CROSS_ENTROPY_TARGETS.contains(y[k]);
        row += OptionKernels.weightedSigmoidTerm(z[k], keep * y[k] + spread, p[j], w[j], rowScale,
            delta, k);
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
   * Over the vectors {@code [start, bound)}, {@code start} the first column of a row of {@code n}
   * (weights read through {@link #perColumn}; the class weights {@code w} only if {@code
   * weighted}, else taken as 1), with {@code e = e^−|z|} read from {@code delta}:
   * returns {@code Σ c·[(1 + (p − 1)y')·log1p(e) + |z|·(p y' if z < 0, else 1 − y')]} (the terms of
   * {@link OptionKernels#weightedSigmoidTerm}; NaN or infinite if a logit is), or NaN if a target
   * lies outside [0, 1]; if {@code deltas}, overwrites {@code e} with {@code scale·c·[(1 + (p −
   * 1)y')σ − p y']} (+0.0 where that is −0.0), σ = 1/(1 + e) for z ≥ 0 and e/(1 + e) below.
   */
  private static double weightedSigmoid(double[] z, double[] y, double[] w, boolean weighted,
      double[] p, double keep, double spread, double scale, boolean deltas, int start, int bound,
      int n, double[] delta, double[] lanes) {
    DoubleVector terms = DoubleVector.zero(LANES);
    DoubleVector lowest = DoubleVector.broadcast(LANES, BINARY_CROSS_ENTROPY_TARGET);
    DoubleVector highest = DoubleVector.broadcast(LANES, BINARY_CROSS_ENTROPY_TARGET);
    // j: the column of element k
    int j = 0;
    for (int k = start; k < bound; k += LANES.length()) {
      DoubleVector zv = DoubleVector.fromArray(LANES, z, k);
      DoubleVector yRaw = DoubleVector.fromArray(LANES, y, k);
      DoubleVector e = DoubleVector.fromArray(LANES, delta, k);
      // without class weights w is all ones: not read (a load and two products fewer, the same
      // bits, since 1·x = x and fma(1, x, t) = x + t)
      DoubleVector wv = weighted ? DoubleVector.fromArray(LANES, w, j) : ONES;
      // y' = keep·y + spread; p y' and 1 − y' (both ≥ 0) and 1 + (p − 1)y' as their sum
      DoubleVector yv = yRaw.mul(keep).add(spread);
      DoubleVector py = DoubleVector.fromArray(LANES, p, j).mul(yv);
      DoubleVector ym = ONES.sub(yv);
      DoubleVector factor = py.add(ym);
      VectorMask<Double> negative = zv.compare(VectorOperators.LT, 0.0);
      DoubleVector term = factor.mul(VectorMath.log1p(e)).add(zv.abs().mul(ym.blend(py, negative)));
      terms = weighted ? wv.fma(term, terms) : terms.add(term);
      if (deltas) {
        DoubleVector inverse = ONES.div(e.add(1.0));
        DoubleVector sigma = inverse.blend(e.mul(inverse), negative);
        DoubleVector factorScale = weighted ? wv.mul(scale) : DoubleVector.broadcast(LANES, scale);
        factor.mul(sigma).sub(py).mul(factorScale).add(0.0).intoArray(delta, k);
      }
      lowest = lowest.min(yRaw);
      highest = highest.max(yRaw);
      j += LANES.length();
      j = j >= n ? j - n : j;
    }
    terms.intoArray(lanes, 0);
    return inside(BINARY_CROSS_ENTROPY_TARGETS, lowest.reduceLanes(VectorOperators.MIN),
        highest.reduceLanes(VectorOperators.MAX)) ? VectorMath.sum(lanes) : Double.NaN;
  }

  /**
   * Each row's {@code ℓ_i} under the per-column weights into {@code losses}: the row's whole
   * vectors before {@code bound} read {@code e} from {@code e} ({@link #weightedSigmoid} without
   * deltas), the rest of the row is computed from {@code z} by the scalar formula.
   */
  private static void weightedSigmoidRowLosses(double[] z, double[] y, double[] w,
      boolean weighted, double[] p, double keep, double spread, int n, int from, int to, int bound,
      double[] e, double[] losses, double[] lanes) {
    for (int i = from; i < to; i++) {
      int base = i * n;
      int vectors = base + LANES.loopBound(Math.max(0, Math.min(base + n, bound) - base));
      double row = vectors > base
          ? weightedSigmoid(z, y, w, weighted, p, keep, spread, 1.0, false, base, vectors, n, e,
              lanes)
          : 0.0;
      for (int k = vectors; k < base + n; k++) {
        row += OptionKernels.weightedSigmoidTerm(z[k], keep * y[k] + spread, p[k - base],
            w[k - base], 1.0, null, k);
      }
      losses[i] = row;
    }
  }

  /**
   * {@link OptionKernels#softmaxCrossEntropy} on vectors for labels and rows of at least {@link
   * #MIN_SOFTMAX_VECTORS} vectors (dense targets and shorter rows run the scalar kernel): {@code ℓ_i
   * = e_i [(1 − ε) w_c (max − z_c) + (ε/n) Σ_j w_j (max − z_j) + W log s]} with {@code W = (1 −
   * ε) w_c + (ε/n) Σ_j w_j}, {@code δ_i = scale·e_i (a W − (ε/n) w − (1 − ε) w_c e_c)}.
   */
  static double softmaxCrossEntropyOptions(Batch zb, Targets targets, Options options, int from,
      int to, double scale, double[] delta, double[] losses) {
    int n = zb.cols();
    if (n < MIN_SOFTMAX_VECTORS * LANES.length() || !(targets instanceof Labels labels)) {
      return OptionKernels.softmaxCrossEntropy(zb, targets, options, from, to, scale, delta, losses);
    }
    double[] z = zb.array();
    double[] w = options.classWeights();
    double epsilon = options.labelSmoothing();
    double keep = 1.0 - epsilon;
    double spread = epsilon / n;
    // Σ_j w_j only with smoothing, as OptionKernels
    double weightSum = w == null ? n : epsilon == 0.0 ? 0.0 : OptionKernels.weightSum(w);
    Scratch scratch = SCRATCH.get();
    double[] lanes = scratch.lanes;
    int full = LANES.loopBound(n);
    double sum = 0.0;
    boolean ok = true;
    // every kept row's maximum (and with smoothing Σ_j w_j z_j) first, in one stream over the
    // block, as the scalar kernels take theirs
    double[] maxima = scratch.maxima;
    double[] dots = scratch.dots;
    boolean ahead = to - from <= maxima.length;
    if (ahead) {
      for (int i = from; i < to; i++) {
        if (!options.dropsRow(targets, i)) {
          maxima[i - from] = maxAndDot(z, w, epsilon, i * n, i * n + full, (i + 1) * n, lanes);
          dots[i - from] = lanes[0];
        }
      }
    }
    for (int i = from; i < to; i++) {
      int base = i * n;
      int bound = base + full;
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
      double max = ahead ? maxima[i - from] : maxAndDot(z, w, epsilon, base, bound, end, lanes);
      double dot = ahead ? dots[i - from] : lanes[0];
      // e_j = e^{z_j − max} into delta, s = Σ_j e_j
      double s = rowExps(z, max, base, bound, end, delta, lanes);
      double spreadTerms = epsilon == 0.0 ? 0.0 : max * weightSum - dot;
      int c = labels.get(i);
      double wc = w == null ? 1.0 : w[c];
      double total = keep * wc + spread * weightSum;
      double loss = keep * wc * (max - z[base + c]) + spread * spreadTerms + total * Math.log(s);
      // δ_j = rowScale (a_j W − spread·w_j), then − rowScale·keep·w_c at j = c
      double perSum = rowScale * total / s;
      double spreadScale = rowScale * spread;
      if (epsilon == 0.0) {
        scaleInPlace(perSum, base, bound, delta);
      } else {
        weightedDeltas(w, perSum, spreadScale, base, bound, delta);
      }
      for (int j = bound; j < end; j++) {
        delta[j] = delta[j] * perSum - spreadScale * (w == null ? 1.0 : w[j - base]);
      }
      delta[base + c] -= rowScale * keep * wc;
      double term = e * loss;
      sum += term;
      if (losses != null) {
        losses[i] = term;
      }
    }
    return ok ? sum : Double.NaN;
  }

  /**
   * The maximum of the row {@code [base, end)} (its whole vectors up to {@code bound}), NaN if
   * some {@code z_j} is NaN or infinite (a −∞ logit shows in no sum here without smoothing); with
   * smoothing ({@code epsilon > 0}) {@code Σ_j w_{j−base} z_j} left in {@code lanes[0]} ({@code
   * Σ_j w_j (max − z_j) = max·Σ_j w_j − Σ_j w_j z_j}, the dot product formed in the maximum's pass
   * as the dense kernels form {@code Σ_j y_j z_j}), else 0 there.
   */
  private static double maxAndDot(double[] z, double[] w, double epsilon, int base, int bound,
      int end, double[] lanes) {
    if (epsilon == 0.0) {
      lanes[0] = 0.0;
      return rowFiniteMax(z, base, bound, end);
    }
    double max = finiteMaxAndDot(z, w, base, bound, lanes);
    double dot = lanes[0];
    for (int j = bound; j < end; j++) {
      max = Math.max(max, z[j]) + z[j] * 0.0;
      dot += (w == null ? 1.0 : w[j - base]) * z[j];
    }
    lanes[0] = dot;
    return max;
  }

  /**
   * Overwrites {@code e_j} in {@code delta} with {@code e_j·perSum − spreadScale·w_{j−base}} ({@code
   * w} null: all 1) over whole vectors of {@code [base, bound)}. Both terms are {@code ≥ +0}, so
   * the difference is never −0.0.
   */
  private static void weightedDeltas(double[] w, double perSum, double spreadScale, int base,
      int bound, double[] delta) {
    for (int j = base; j < bound; j += LANES.length()) {
      DoubleVector a = DoubleVector.fromArray(LANES, delta, j).mul(perSum);
      DoubleVector shift = w == null ? DoubleVector.broadcast(LANES, spreadScale)
          : DoubleVector.fromArray(LANES, w, j - base).mul(spreadScale);
      a.sub(shift).intoArray(delta, j);
    }
  }

  /**
   * {@code max_j z_j} over {@code [base, end)}, its whole vectors up to {@code bound}, NaN if some
   * {@code z_j} is NaN or infinite (no target here would turn a −∞ logit into NaN, as a dense
   * row's {@code Σ y_j z_j} does).
   */
  private static double rowFiniteMax(double[] z, int base, int bound, int end) {
    double max = finiteMax(z, base, bound);
    for (int j = bound; j < end; j++) {
      max = Math.max(max, z[j]) + z[j] * 0.0;
    }
    return max;
  }

  /**
   * {@code max_j z_j} over whole vectors of {@code [base, bound)} (at least one), or NaN if some
   * {@code z_j} there is NaN or infinite: one pass for the label kernels, where a maximum and a
   * minimum took two. ({@code z_j · 0} is ±0 for finite {@code z_j}, NaN otherwise; adding ±0 to
   * the maximum leaves it, up to the sign of a zero maximum, which no result depends on.)
   */
  private static double finiteMax(double[] z, int base, int bound) {
    DoubleVector maxes = DoubleVector.fromArray(LANES, z, base);
    DoubleVector zeros = maxes.mul(0.0);
    for (int j = base + LANES.length(); j < bound; j += LANES.length()) {
      DoubleVector v = DoubleVector.fromArray(LANES, z, j);
      maxes = maxes.max(v);
      zeros = zeros.add(v.mul(0.0));
    }
    return maxes.reduceLanes(VectorOperators.MAX) + zeros.reduceLanes(VectorOperators.ADD);
  }

  /**
   * {@link #finiteMax} over whole vectors of {@code [base, bound)}, with {@code Σ_j w_{j−base} z_j}
   * ({@code w} null: {@code Σ_j z_j}) left in {@code lanes[0]}, in two running sums (even and odd
   * vectors) so that the additions do not wait on each other.
   */
  private static double finiteMaxAndDot(double[] z, double[] w, int base, int bound,
      double[] lanes) {
    int width = LANES.length();
    DoubleVector maxes = DoubleVector.fromArray(LANES, z, base);
    DoubleVector zeros = maxes.mul(0.0);
    DoubleVector even = w == null ? maxes : maxes.mul(DoubleVector.fromArray(LANES, w, 0));
    DoubleVector odd = DoubleVector.zero(LANES);
    int j = base + width;
    for (; j + width < bound; j += 2 * width) {
      DoubleVector v0 = DoubleVector.fromArray(LANES, z, j);
      DoubleVector v1 = DoubleVector.fromArray(LANES, z, j + width);
      maxes = maxes.max(v0).max(v1);
      zeros = zeros.add(v0.mul(0.0)).add(v1.mul(0.0));
      odd = w == null ? odd.add(v0) : v0.fma(DoubleVector.fromArray(LANES, w, j - base), odd);
      even = w == null ? even.add(v1)
          : v1.fma(DoubleVector.fromArray(LANES, w, j + width - base), even);
    }
    if (j < bound) {
      DoubleVector v = DoubleVector.fromArray(LANES, z, j);
      maxes = maxes.max(v);
      zeros = zeros.add(v.mul(0.0));
      odd = w == null ? odd.add(v) : v.fma(DoubleVector.fromArray(LANES, w, j - base), odd);
    }
    even.add(odd).intoArray(lanes, 0);
    double dot = VectorMath.sum(lanes);
    lanes[0] = dot;
    return maxes.reduceLanes(VectorOperators.MAX) + zeros.reduceLanes(VectorOperators.ADD);
  }

  /** {@code delta_j = delta_j · factor} over whole vectors of {@code [base, bound)}. */
  private static void scaleInPlace(double factor, int base, int bound, double[] delta) {
    // δ_j = factor·e_j
    for (int j = base; j < bound; j += LANES.length()) {
      DoubleVector.fromArray(LANES, delta, j).mul(factor).intoArray(delta, j);
    }
  }

  /** The number of float64 lanes, for the start-up log. */
  static int lanes() {
    return LANES.length();
  }

  /**
   * {@link CanonicalKernels#identitySquaredError} on vectors: each row's {@code ℓ_i} from the
   * loop that writes its deltas, {@code J = Σ_i ℓ_i} in row order (so the example losses cost no
   * pass of their own).
   */
  static double identitySquaredError(double[] z, double[] y, int cols, int from, int to,
      double scale, double[] delta, double[] losses) {
    int full = LANES.loopBound(cols);
    double[] lanes = SCRATCH.get().lanes;
    double sum = 0.0;
    for (int i = from; i < to; i++) {
      int base = i * cols;
      int bound = base + full;
      int end = base + cols;
      DoubleVector squares = DoubleVector.zero(LANES);
      // ℓ = ½(z − y)², δ = z − y  (a non-finite input or square makes the sum non-finite)
      for (int k = base; k < bound; k += LANES.length()) {
        DoubleVector r =
            DoubleVector.fromArray(LANES, z, k).sub(DoubleVector.fromArray(LANES, y, k));
        r.mul(scale).intoArray(delta, k);
        squares = r.fma(r, squares);
      }
      squares.intoArray(lanes, 0);
      double row = VectorMath.sum(lanes);
      for (int k = bound; k < end; k++) {
        double r = z[k] - y[k];
        delta[k] = scale * r;
        row += r * r;
      }
      row *= 0.5;
      if (losses != null) {
        losses[i] = row;
      }
      sum += row;
    }
    int start = from * cols;
    int end = to * cols;
    boolean ok = SQUARED_ERROR_ONLY_FINITE
        || (BuiltInRules.allInside(y, start, end, SQUARED_ERROR_TARGETS)
            && BuiltInRules.allAtMost(z, start, end, IDENTITY_MAX_LOGIT));
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  static double sigmoidBinaryCrossEntropy(double[] z, double[] y, int cols, int from, int to,
      double scale, double[] delta, double[] losses) {
    int start = from * cols;
    int end = to * cols;
    int bound = start + LANES.loopBound(end - start);
    // Three passes in methods of their own, not one loop: exp and log1p in one compiled body are
    // more than C2 handles without boxing the vectors (24 bytes per element, measured).
    // e = e^−|z| goes into delta first.
    expOfMinusAbs(z, 1.0, start, bound, delta);
    Scratch scratch = SCRATCH.get();
    double[] lanes = scratch.lanes;
    // with example losses each term is kept (at k − start) for the row sums, not computed again
    double[] terms = losses == null ? null : scratch.terms(bound - start);
    double sum = sigmoidLossTerms(z, y, start, bound, delta, lanes, terms);
    if (losses != null) {
      sigmoidRowLosses(z, y, cols, from, to, start, bound, terms, losses, lanes);
    }
    boolean ok = sigmoidDeltas(z, y, start, bound, scale, delta)
        & BuiltInRules.allAtMost(z, start, bound, SIGMOID_MAX_LOGIT);
    // the elements past the last full vector: the scalar kernel (NaN there makes the sum NaN)
    sum += CanonicalKernels.sigmoidBinaryCrossEntropyElements(z, y, bound, end, scale, delta);
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /** {@code out_k = e^{−factor·|z_k|}} for {@code k ∈ [start, bound)}, whole vectors. */
  private static void expOfMinusAbs(double[] z, double factor, int start, int bound, double[] out) {
    for (int k = start; k < bound; k += LANES.length()) {
      VectorMath.exp(DoubleVector.fromArray(LANES, z, k).abs().mul(-factor)).intoArray(out, k);
    }
  }

  /**
   * Each row's {@code ℓ_i = Σ_j max(z, 0) − z·y + log1p(e^−|z|)} into {@code losses}, from the
   * terms {@link #sigmoidLossTerms} kept ({@code terms[k − start]} for {@code k < bound}): the
   * row's whole vectors summed lane-wise, then its other elements one by one, those past {@code
   * bound} by the scalar formula.
   */
  private static void sigmoidRowLosses(double[] z, double[] y, int cols, int from, int to,
      int start, int bound, double[] terms, double[] losses, double[] lanes) {
    for (int i = from; i < to; i++) {
      int base = i * cols;
      int vectors = base + LANES.loopBound(Math.max(0, Math.min(base + cols, bound) - base));
      double row = 0.0;
      if (vectors > base) {
        DoubleVector sums = DoubleVector.zero(LANES);
        for (int k = base; k < vectors; k += LANES.length()) {
          sums = sums.add(DoubleVector.fromArray(LANES, terms, k - start));
        }
        sums.intoArray(lanes, 0);
        row = VectorMath.sum(lanes);
      }
      for (int k = vectors; k < base + cols; k++) {
        row += k < bound ? terms[k - start] : sigmoidTerm(z[k], y[k]);
      }
      losses[i] = row;
    }
  }

  /** One scalar term {@code max(z, 0) − z·y + log1p(e^−|z|)}. */
  private static double sigmoidTerm(double zk, double yk) {
    return (zk > 0 ? zk : 0.0) - zk * yk + CanonicalKernels.log1pOfSmall(Math.exp(-Math.abs(zk)));
  }

  /**
   * {@code Σ_k max(z, 0) − z·y + log1p(e)} with {@code e = e^−|z|} read from {@code e}; each term
   * also into {@code kept[k − start]} if {@code kept} is not null.
   */
  private static double sigmoidLossTerms(double[] z, double[] y, int start, int bound, double[] e,
      double[] lanes, double[] kept) {
    DoubleVector terms = DoubleVector.zero(LANES);
    for (int k = start; k < bound; k += LANES.length()) {
      DoubleVector zv = DoubleVector.fromArray(LANES, z, k);
      DoubleVector yv = DoubleVector.fromArray(LANES, y, k);
      DoubleVector ev = DoubleVector.fromArray(LANES, e, k);
      DoubleVector term = zv.max(0.0).sub(zv.mul(yv)).add(VectorMath.log1p(ev));
      if (kept != null) {
        term.intoArray(kept, k - start);
      }
      terms = terms.add(term);
    }
    terms.intoArray(lanes, 0);
    return VectorMath.sum(lanes);
  }

  /**
   * Overwrites {@code e = e^−|z|} in {@code delta} with {@code scale·(σ(z) − y)}, σ = 1/(1 + e) for
   * z ≥ 0 and e/(1 + e) below; returns whether every y lies in binary cross-entropy's domain.
   */
  private static boolean sigmoidDeltas(
      double[] z, double[] y, int start, int bound, double scale, double[] delta) {
    DoubleVector lowest = DoubleVector.broadcast(LANES, BINARY_CROSS_ENTROPY_TARGET);
    DoubleVector highest = DoubleVector.broadcast(LANES, BINARY_CROSS_ENTROPY_TARGET);
    for (int k = start; k < bound; k += LANES.length()) {
      DoubleVector zv = DoubleVector.fromArray(LANES, z, k);
      DoubleVector yv = DoubleVector.fromArray(LANES, y, k);
      DoubleVector e = DoubleVector.fromArray(LANES, delta, k);
      DoubleVector inverse = ONES.div(e.add(1.0));
      VectorMask<Double> nonNegative = zv.compare(VectorOperators.GE, 0.0);
      e.mul(inverse).blend(inverse, nonNegative).sub(yv).mul(scale).intoArray(delta, k);
      lowest = lowest.min(yv);
      highest = highest.max(yv);
    }
    return inside(BINARY_CROSS_ENTROPY_TARGETS,
        lowest.reduceLanes(VectorOperators.MIN), highest.reduceLanes(VectorOperators.MAX));
  }

  /**
   * Whether {@code lowest} and {@code highest} lie in {@code domain}: then, the domain being an
   * interval, every value between them does. Takes the lanes already reduced: a vector passed to a
   * method the JIT does not inline is boxed, on every iteration of the loop that made it.
   */
  private static boolean inside(Interval domain, double lowest, double highest) {
    return domain.contains(lowest) & domain.contains(highest);
  }

  /** Rows shorter than this many vectors run the scalar kernel: lane reductions would dominate. */
  static final int MIN_SOFTMAX_VECTORS = 4;

  static double softmaxCrossEntropy(double[] z, double[] y, int cols, int from, int to,
      double scale, double[] delta, double[] losses) {
    return softmaxRows(z, y, cols, from, to, scale, delta, losses, CROSS_ENTROPY_TARGETS,
        CROSS_ENTROPY_SIMPLEX);
  }

  static double softmaxKlDivergence(double[] z, double[] y, int cols, int from, int to,
      double scale, double[] delta, double[] losses) {
    // ℓ = Σ_j y_j log y_j + (logsumexp(z) − Σ_j y_j z_j), as in CanonicalKernels.softmaxKlDivergence
    double sum = CanonicalKernels.targetEntropy(y, from * cols, to * cols)
        + softmaxRows(z, y, cols, from, to, scale, delta, losses, KL_DIVERGENCE_TARGETS,
            KL_DIVERGENCE_SIMPLEX);
    CanonicalKernels.addRowEntropies(y, cols, from, to, losses);
    return sum;
  }

  /**
   * {@link CanonicalKernels#softmaxRows} on vectors, for rows of at least {@link
   * #MIN_SOFTMAX_VECTORS} vectors; each row's {@code ℓ_i} into {@code losses} if it is not null.
   */
  private static double softmaxRows(double[] z, double[] y, int cols, int from, int to,
      double scale, double[] delta, double[] losses, Interval targets, boolean simplex) {
    int width = LANES.length();
    if (cols < MIN_SOFTMAX_VECTORS * width) {
      return CanonicalKernels.softmaxRows(z, y, cols, from, to, scale, delta, losses, targets,
          simplex);
    }
    int full = LANES.loopBound(cols);
    Scratch scratch = SCRATCH.get();
    double[] lanes = scratch.lanes;
    double sum = 0.0;
    boolean ok = true;
    // every row's passes over its logits and targets first (its maximum, t = Σ_j y_j, NaN if some
    // y_j is outside the targets' domain, and yz = Σ_j y_j z_j), in one stream over the block, as
    // the scalar kernels take theirs; then each row's exponentials and deltas from the
    // second-level cache
    double[] maxima = scratch.maxima;
    double[] dots = scratch.dots;
    double[] totals = scratch.totals;
    for (int start = from; start < to; start += maxima.length) {
      int stop = Math.min(to, start + maxima.length);
      for (int i = start; i < stop; i++) {
        int base = i * cols;
        int bound = base + full;
        int end = base + cols;
        double max = vectorMax(z, base, bound);
        double t = sumInside(y, base, bound, targets, lanes);
        double yz = dot(y, z, base, bound, lanes);
        for (int j = bound; j < end; j++) {
          max = Math.max(max, z[j]);
          t += targets.contains(y[j]) ? y[j] : Double.NaN;
          yz += y[j] * z[j];
        }
        maxima[i - start] = max;
        totals[i - start] = t;
        dots[i - start] = yz;
      }
      for (int i = start; i < stop; i++) {
        int base = i * cols;
        int bound = base + full;
        int end = base + cols;
        double max = maxima[i - start];
        double t = totals[i - start];
        double yz = dots[i - start];
        // e_j = e^{z_j − max} into delta, s = Σ_j e_j (t and yz in passes of their own: one body
        // with exp and three sums made C2 box the vectors, about 290 bytes per row, measured)
        double s = rowExps(z, max, base, bound, end, delta, lanes);
        // δ_j = a_j − y_j, a_j = e_j / s
        double perSum = scale / s;
        softmaxDeltas(y, perSum, scale, base, bound, delta);
        for (int j = bound; j < end; j++) {
          delta[j] = delta[j] * perSum - scale * y[j];
        }
        // ℓ = logsumexp(z) − Σ_j y_j z_j = (max − Σ_j y_j z_j) + log s
        double term = (max - yz) + Math.log(s);
        sum += term;
        if (losses != null) {
          losses[i] = term;
        }
        ok &= !Double.isNaN(t) & max <= SOFTMAX_MAX_LOGIT
            & (!simplex || Simplex.holds(y, base, cols, t));
      }
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /** {@code max_j z_j} over whole vectors of {@code [base, bound)} (at least one). */
  private static double vectorMax(double[] z, int base, int bound) {
    DoubleVector maxes = DoubleVector.fromArray(LANES, z, base);
    for (int j = base + LANES.length(); j < bound; j += LANES.length()) {
      maxes = maxes.max(DoubleVector.fromArray(LANES, z, j));
    }
    return maxes.reduceLanes(VectorOperators.MAX);
  }

  /** Overwrites {@code e_j} in {@code delta} with {@code e_j·perSum − scale·y_j} over whole vectors. */
  private static void softmaxDeltas(
      double[] y, double perSum, double scale, int base, int bound, double[] delta) {
    for (int j = base; j < bound; j += LANES.length()) {
      DoubleVector e = DoubleVector.fromArray(LANES, delta, j);
      e.mul(perSum).sub(DoubleVector.fromArray(LANES, y, j).mul(scale)).intoArray(delta, j);
    }
  }

  /**
   * {@code out_j = e^{z_j − max}} over the row {@code [base, end)}: its whole vectors up to {@code
   * bound} by {@link #expShiftedInto}, the rest by {@code Math.exp}; returns {@code s = Σ_j e_j}.
   */
  private static double rowExps(double[] z, double max, int base, int bound, int end,
      double[] out, double[] lanes) {
    double s = expShiftedInto(z, max, base, bound, out, lanes);
    for (int j = bound; j < end; j++) {
      double e = Math.exp(z[j] - max);
      out[j] = e;
      s += e;
    }
    return s;
  }

  /** {@code out_j = e^{z_j − max}} for {@code j ∈ [base, bound)}, whole vectors; returns their sum. */
  private static double expShiftedInto(double[] z, double max, int base, int bound, double[] out,
      double[] lanes) {
    DoubleVector exps = DoubleVector.zero(LANES);
    for (int j = base; j < bound; j += LANES.length()) {
      DoubleVector e = VectorMath.exp(DoubleVector.fromArray(LANES, z, j).sub(max));
      e.intoArray(out, j);
      exps = exps.add(e);
    }
    exps.intoArray(lanes, 0);
    return VectorMath.sum(lanes);
  }

  /**
   * {@code Σ_j y_j} over whole vectors of {@code [base, bound)} (at least one), or NaN if some
   * {@code y_j} lies outside {@code domain}.
   */
  private static double sumInside(double[] y, int base, int bound, Interval domain,
      double[] lanes) {
    DoubleVector totals = DoubleVector.zero(LANES);
    DoubleVector lowest = DoubleVector.fromArray(LANES, y, base);
    DoubleVector highest = lowest;
    for (int j = base; j < bound; j += LANES.length()) {
      DoubleVector yv = DoubleVector.fromArray(LANES, y, j);
      totals = totals.add(yv);
      lowest = lowest.min(yv);
      highest = highest.max(yv);
    }
    totals.intoArray(lanes, 0);
    return inside(domain, lowest.reduceLanes(VectorOperators.MIN),
        highest.reduceLanes(VectorOperators.MAX)) ? VectorMath.sum(lanes) : Double.NaN;
  }

  /** {@code Σ_j y_j z_j} over whole vectors of {@code [base, bound)}. */
  private static double dot(double[] y, double[] z, int base, int bound, double[] lanes) {
    DoubleVector products = DoubleVector.zero(LANES);
    for (int j = base; j < bound; j += LANES.length()) {
      products = DoubleVector.fromArray(LANES, y, j).fma(DoubleVector.fromArray(LANES, z, j), products);
    }
    products.intoArray(lanes, 0);
    return VectorMath.sum(lanes);
  }

  static double expPoisson(double[] z, double[] y, int cols, int from, int to, double scale,
      double[] delta, double[] losses) {
    int start = from * cols;
    int end = to * cols;
    int bound = start + LANES.loopBound(end - start);
    DoubleVector terms = DoubleVector.zero(LANES);
    DoubleVector highestZ = DoubleVector.broadcast(LANES, Double.NEGATIVE_INFINITY);
    DoubleVector lowestY = DoubleVector.broadcast(LANES, POISSON_TARGET);
    DoubleVector highestY = DoubleVector.broadcast(LANES, POISSON_TARGET);
    // ℓ = e^z − y·z, δ = e^z − y  (z ≤ exp's largest finite logit, y in poisson's domain)
    for (int k = start; k < bound; k += LANES.length()) {
      DoubleVector zv = DoubleVector.fromArray(LANES, z, k);
      DoubleVector yv = DoubleVector.fromArray(LANES, y, k);
      DoubleVector a = VectorMath.exp(zv);
      terms = terms.add(a.sub(yv.mul(zv)));
      a.sub(yv).mul(scale).intoArray(delta, k);
      highestZ = highestZ.max(zv);
      lowestY = lowestY.min(yv);
      highestY = highestY.max(yv);
    }
    double highest = highestZ.reduceLanes(VectorOperators.MAX);
    if (highest > Math.min(VectorMath.EXP_LIMIT, EXP_MAX_LOGIT)) {
      // e^z for 709.43 < z ≤ 709.78 is past VectorMath.exp (and a larger z breaks the rule): the
      // scalar kernel redoes this block, checking each logit
      return CanonicalKernels.expPoisson(z, y, cols, from, to, scale, delta, losses);
    }
    if (losses != null) {
      // each row's ℓ_i = Σ_j e^z − y·z, by the scalar formula (the lanes' sum spans rows)
      for (int i = from; i < to; i++) {
        double row = 0.0;
        for (int k = i * cols; k < (i + 1) * cols; k++) {
          row += Math.exp(z[k]) - y[k] * z[k];
        }
        losses[i] = row;
      }
    }
    double[] lanes = SCRATCH.get().lanes;
    terms.intoArray(lanes, 0);
    double sum = VectorMath.sum(lanes);
    boolean ok = inside(POISSON_TARGETS,
        lowestY.reduceLanes(VectorOperators.MIN), highestY.reduceLanes(VectorOperators.MAX));
    // the elements past the last full vector: the scalar kernel (NaN there makes the sum NaN)
    sum += CanonicalKernels.expPoissonElements(z, y, bound, end, scale, delta);
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  static double tanhBipolarCrossEntropy(double[] z, double[] y, int cols, int from, int to,
      double scale, double[] delta, double[] losses) {
    int start = from * cols;
    int end = to * cols;
    int bound = start + LANES.loopBound(end - start);
    // three passes, like sigmoid + binary cross-entropy; e = e^−2|z| goes into delta first
    expOfMinusAbs(z, 2.0, start, bound, delta);
    double[] lanes = SCRATCH.get().lanes;
    double sum = bipolarLossTerms(z, y, start, bound, delta, lanes);
    if (losses != null) {
      bipolarRowLosses(z, y, cols, from, to, bound, delta, losses, lanes);
    }
    boolean ok = tanhDeltas(z, y, start, bound, scale, delta)
        & BuiltInRules.allAtMost(z, start, bound, TANH_MAX_LOGIT);
    // the elements past the last full vector: the scalar kernel (NaN there makes the sum NaN)
    sum += CanonicalKernels.tanhBipolarCrossEntropyElements(z, y, bound, end, scale, delta);
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * {@code Σ_k ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z) = (1+y)·max(−z,0) + (1−y)·max(z,0)
   * + log1p(e)} with {@code e = e^−2|z|} read from {@code e}.
   */
  private static double bipolarLossTerms(double[] z, double[] y, int start, int bound, double[] e,
      double[] lanes) {
    DoubleVector terms = DoubleVector.zero(LANES);
    for (int k = start; k < bound; k += LANES.length()) {
      DoubleVector zv = DoubleVector.fromArray(LANES, z, k);
      DoubleVector yv = DoubleVector.fromArray(LANES, y, k);
      DoubleVector ev = DoubleVector.fromArray(LANES, e, k);
      terms = terms.add(yv.add(1.0).mul(zv.neg().max(0.0))
          .add(yv.neg().add(1.0).mul(zv.max(0.0)))
          .add(VectorMath.log1p(ev)));
    }
    terms.intoArray(lanes, 0);
    return VectorMath.sum(lanes);
  }

  /**
   * Each row's {@code ℓ_i} into {@code losses}: the row's whole vectors before {@code bound} by
   * {@link #bipolarLossTerms} (reading {@code e = e^−2|z|} from {@code e}), the rest of the row by
   * the scalar formula.
   */
  private static void bipolarRowLosses(double[] z, double[] y, int cols, int from, int to,
      int bound, double[] e, double[] losses, double[] lanes) {
    for (int i = from; i < to; i++) {
      int base = i * cols;
      int vectors = base + LANES.loopBound(Math.max(0, Math.min(base + cols, bound) - base));
      double row = vectors > base ? bipolarLossTerms(z, y, base, vectors, e, lanes) : 0.0;
      for (int k = vectors; k < base + cols; k++) {
        // (1+y)·max(−z,0) + (1−y)·max(z,0) + log1p(e^−2|z|)
        double zk = z[k];
        double yk = y[k];
        row += (1.0 + yk) * Math.max(-zk, 0.0) + (1.0 - yk) * Math.max(zk, 0.0)
            + CanonicalKernels.log1pOfSmall(Math.exp(-2.0 * Math.abs(zk)));
      }
      losses[i] = row;
    }
  }

  /**
   * Overwrites {@code e = e^−2|z|} in {@code delta} with {@code scale·(tanh(z) − y)}, tanh(z) =
   * sign(z)·(1 − e)/(1 + e); returns whether every y lies in bipolar cross-entropy's domain.
   */
  private static boolean tanhDeltas(
      double[] z, double[] y, int start, int bound, double scale, double[] delta) {
    DoubleVector lowest = DoubleVector.broadcast(LANES, BIPOLAR_TARGET);
    DoubleVector highest = DoubleVector.broadcast(LANES, BIPOLAR_TARGET);
    for (int k = start; k < bound; k += LANES.length()) {
      DoubleVector zv = DoubleVector.fromArray(LANES, z, k);
      DoubleVector yv = DoubleVector.fromArray(LANES, y, k);
      DoubleVector e = DoubleVector.fromArray(LANES, delta, k);
      DoubleVector magnitude = e.neg().add(1.0).div(e.add(1.0));
      DoubleVector tanh = magnitude.blend(magnitude.neg(), zv.compare(VectorOperators.LT, 0.0));
      tanh.sub(yv).mul(scale).intoArray(delta, k);
      lowest = lowest.min(yv);
      highest = highest.max(yv);
    }
    return inside(BIPOLAR_TARGETS,
        lowest.reduceLanes(VectorOperators.MIN), highest.reduceLanes(VectorOperators.MAX));
  }
}

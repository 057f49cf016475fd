package io.github.deltapair.nativebackend;

import io.github.deltapair.Loss;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matched pairs with the Vector API ({@code jdk.incubator.vector}): the formulas of {@link
 * CanonicalKernels}, {@link DoubleVector#SPECIES_PREFERRED} lanes at a time, with {@link
 * VectorMath}'s {@code exp} and {@code log1p} (a few ulp from {@code Math.exp}, and the same bits
 * whether or not the JIT has compiled the kernel); the few elements past the last full vector run
 * the scalar formula.
 *
 * <p>Loaded only through {@link KernelPath} when the module is in the boot layer; nothing else
 * refers to this class, so a JVM without the module never loads it.
 */
final class VectorCanonicalKernels {

  private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;
  private static final DoubleVector ONES = DoubleVector.broadcast(LANES, 1.0);

  private VectorCanonicalKernels() {}

  /** The vector kernel of the matched pair of {@code loss}. */
  static BlockKernel of(Loss loss) {
    return switch (loss) {
      case SQUARED_ERROR -> VectorCanonicalKernels::identitySquaredError;
      case BINARY_CROSS_ENTROPY -> VectorCanonicalKernels::sigmoidBinaryCrossEntropy;
      case CROSS_ENTROPY -> VectorCanonicalKernels::softmaxCrossEntropy;
      case POISSON -> VectorCanonicalKernels::expPoisson;
      case BIPOLAR_CROSS_ENTROPY -> VectorCanonicalKernels::tanhBipolarCrossEntropy;
    };
  }

  /** The number of float64 lanes, for the start-up log. */
  static int lanes() {
    return LANES.length();
  }

  static double identitySquaredError(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    int start = from * cols;
    int end = to * cols;
    int bound = start + LANES.loopBound(end - start);
    DoubleVector squares = DoubleVector.zero(LANES);
    // ℓ = ½(z − y)², δ = z − y  (a non-finite input or square makes the sum non-finite)
    for (int k = start; k < bound; k += LANES.length()) {
      DoubleVector r = DoubleVector.fromArray(LANES, z, k).sub(DoubleVector.fromArray(LANES, y, k));
      r.mul(scale).intoArray(delta, k);
      squares = r.fma(r, squares);
    }
    double sum = VectorMath.sum(squares);
    for (int k = bound; k < end; k++) {
      double r = z[k] - y[k];
      delta[k] = scale * r;
      sum += r * r;
    }
    sum *= 0.5;
    return Double.isFinite(sum) ? sum : Double.NaN;
  }

  static double sigmoidBinaryCrossEntropy(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    int start = from * cols;
    int end = to * cols;
    int bound = start + LANES.loopBound(end - start);
    // Three passes in methods of their own, not one loop: exp and log1p in one compiled body are
    // more than C2 handles without boxing the vectors (24 bytes per element, measured).
    // e = e^−|z| goes into delta first.
    expOfMinusAbs(z, 1.0, start, bound, delta);
    double sum = sigmoidLossTerms(z, y, start, bound, delta);
    boolean ok = sigmoidDeltas(z, y, start, bound, scale, delta);
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

  /** {@code Σ_k max(z, 0) − z·y + log1p(e)} with {@code e = e^−|z|} read from {@code e}. */
  private static double sigmoidLossTerms(double[] z, double[] y, int start, int bound, double[] e) {
    DoubleVector terms = DoubleVector.zero(LANES);
    for (int k = start; k < bound; k += LANES.length()) {
      DoubleVector zv = DoubleVector.fromArray(LANES, z, k);
      DoubleVector yv = DoubleVector.fromArray(LANES, y, k);
      DoubleVector ev = DoubleVector.fromArray(LANES, e, k);
      terms = terms.add(zv.max(0.0).sub(zv.mul(yv)).add(VectorMath.log1p(ev)));
    }
    return VectorMath.sum(terms);
  }

  /**
   * Overwrites {@code e = e^−|z|} in {@code delta} with {@code scale·(σ(z) − y)}, σ = 1/(1 + e) for
   * z ≥ 0 and e/(1 + e) below; returns whether every y lies in [0, 1].
   */
  private static boolean sigmoidDeltas(
      double[] z, double[] y, int start, int bound, double scale, double[] delta) {
    DoubleVector lowest = DoubleVector.broadcast(LANES, 0.0);
    DoubleVector highest = DoubleVector.broadcast(LANES, 1.0);
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
    return lowest.reduceLanes(VectorOperators.MIN) >= 0.0
        & highest.reduceLanes(VectorOperators.MAX) <= 1.0;
  }

  /** Rows shorter than this many vectors run the scalar kernel: lane reductions would dominate. */
  static final int MIN_SOFTMAX_VECTORS = 4;

  static double softmaxCrossEntropy(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    int width = LANES.length();
    if (cols < MIN_SOFTMAX_VECTORS * width) {
      return CanonicalKernels.softmaxCrossEntropy(z, y, cols, from, to, scale, delta);
    }
    int full = LANES.loopBound(cols);
    double sum = 0.0;
    boolean ok = true;
    for (int base = from * cols; base < to * cols; base += cols) {
      int bound = base + full;
      int end = base + cols;
      // max = max_j z_j
      double max = vectorMax(z, base, bound);
      for (int j = bound; j < end; j++) {
        max = Math.max(max, z[j]);
      }
      // e_j = e^{z_j − max} into delta, s = Σ_j e_j; then t = Σ_j y_j (NaN if some y_j < 0) and
      // yz = Σ_j y_j z_j in passes of their own: one body with exp and three sums made C2 box
      // the vectors (about 290 bytes per row, measured)
      double s = expShiftedInto(z, max, base, bound, delta);
      double t = nonNegativeSum(y, base, bound);
      double yz = dot(y, z, base, bound);
      ok &= !Double.isNaN(t);
      for (int j = bound; j < end; j++) {
        double e = Math.exp(z[j] - max);
        delta[j] = e;
        s += e;
        t += y[j];
        yz += y[j] * z[j];
        ok &= y[j] >= 0.0;
      }
      // δ_j = a_j − y_j, a_j = e_j / s
      double perSum = scale / s;
      softmaxDeltas(y, perSum, scale, base, bound, delta);
      for (int j = bound; j < end; j++) {
        delta[j] = delta[j] * perSum - scale * y[j];
      }
      // ℓ = logsumexp(z) − Σ_j y_j z_j = (max − Σ_j y_j z_j) + log s
      sum += (max - yz) + Math.log(s);
      ok &= Simplex.holds(y, base, cols, t);
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

  /** {@code out_j = e^{z_j − max}} for {@code j ∈ [base, bound)}, whole vectors; returns their sum. */
  private static double expShiftedInto(double[] z, double max, int base, int bound, double[] out) {
    DoubleVector exps = DoubleVector.zero(LANES);
    for (int j = base; j < bound; j += LANES.length()) {
      DoubleVector e = VectorMath.exp(DoubleVector.fromArray(LANES, z, j).sub(max));
      e.intoArray(out, j);
      exps = exps.add(e);
    }
    return VectorMath.sum(exps);
  }

  /** {@code Σ_j y_j} over whole vectors of {@code [base, bound)}, or NaN if some {@code y_j < 0}. */
  private static double nonNegativeSum(double[] y, int base, int bound) {
    DoubleVector totals = DoubleVector.zero(LANES);
    DoubleVector lowest = DoubleVector.zero(LANES);
    for (int j = base; j < bound; j += LANES.length()) {
      DoubleVector yv = DoubleVector.fromArray(LANES, y, j);
      totals = totals.add(yv);
      lowest = lowest.min(yv);
    }
    return lowest.reduceLanes(VectorOperators.MIN) >= 0.0 ? VectorMath.sum(totals) : Double.NaN;
  }

  /** {@code Σ_j y_j z_j} over whole vectors of {@code [base, bound)}. */
  private static double dot(double[] y, double[] z, int base, int bound) {
    DoubleVector products = DoubleVector.zero(LANES);
    for (int j = base; j < bound; j += LANES.length()) {
      products = DoubleVector.fromArray(LANES, y, j).fma(DoubleVector.fromArray(LANES, z, j), products);
    }
    return VectorMath.sum(products);
  }

  static double expPoisson(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    int start = from * cols;
    int end = to * cols;
    int bound = start + LANES.loopBound(end - start);
    DoubleVector terms = DoubleVector.zero(LANES);
    DoubleVector highestZ = DoubleVector.broadcast(LANES, Double.NEGATIVE_INFINITY);
    DoubleVector lowestY = DoubleVector.zero(LANES);
    // ℓ = e^z − y·z, δ = e^z − y  (z ≤ log(Double.MAX_VALUE), y ≥ 0)
    for (int k = start; k < bound; k += LANES.length()) {
      DoubleVector zv = DoubleVector.fromArray(LANES, z, k);
      DoubleVector yv = DoubleVector.fromArray(LANES, y, k);
      DoubleVector a = VectorMath.exp(zv);
      terms = terms.add(a.sub(yv.mul(zv)));
      a.sub(yv).mul(scale).intoArray(delta, k);
      highestZ = highestZ.max(zv);
      lowestY = lowestY.min(yv);
    }
    double highest = highestZ.reduceLanes(VectorOperators.MAX);
    if (highest > VectorMath.EXP_LIMIT) {
      // e^z for 709.43 < z ≤ 709.78 is past VectorMath.exp: the scalar kernel redoes this block
      return CanonicalKernels.expPoisson(z, y, cols, from, to, scale, delta);
    }
    double sum = VectorMath.sum(terms);
    boolean ok = lowestY.reduceLanes(VectorOperators.MIN) >= 0.0;
    // the elements past the last full vector: the scalar kernel (NaN there makes the sum NaN)
    sum += CanonicalKernels.expPoissonElements(z, y, bound, end, scale, delta);
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  static double tanhBipolarCrossEntropy(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    int start = from * cols;
    int end = to * cols;
    int bound = start + LANES.loopBound(end - start);
    // three passes, like sigmoid + binary cross-entropy; e = e^−2|z| goes into delta first
    expOfMinusAbs(z, 2.0, start, bound, delta);
    double sum = bipolarLossTerms(z, y, start, bound, delta);
    boolean ok = tanhDeltas(z, y, start, bound, scale, delta);
    // the elements past the last full vector: the scalar kernel (NaN there makes the sum NaN)
    sum += CanonicalKernels.tanhBipolarCrossEntropyElements(z, y, bound, end, scale, delta);
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * {@code Σ_k ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z) = (1+y)·max(−z,0) + (1−y)·max(z,0)
   * + log1p(e)} with {@code e = e^−2|z|} read from {@code e}.
   */
  private static double bipolarLossTerms(double[] z, double[] y, int start, int bound, double[] e) {
    DoubleVector terms = DoubleVector.zero(LANES);
    for (int k = start; k < bound; k += LANES.length()) {
      DoubleVector zv = DoubleVector.fromArray(LANES, z, k);
      DoubleVector yv = DoubleVector.fromArray(LANES, y, k);
      DoubleVector ev = DoubleVector.fromArray(LANES, e, k);
      terms = terms.add(yv.add(1.0).mul(zv.neg().max(0.0))
          .add(yv.neg().add(1.0).mul(zv.max(0.0)))
          .add(VectorMath.log1p(ev)));
    }
    return VectorMath.sum(terms);
  }

  /**
   * Overwrites {@code e = e^−2|z|} in {@code delta} with {@code scale·(tanh(z) − y)}, tanh(z) =
   * sign(z)·(1 − e)/(1 + e); returns whether every y lies in [−1, 1].
   */
  private static boolean tanhDeltas(
      double[] z, double[] y, int start, int bound, double scale, double[] delta) {
    DoubleVector lowest = DoubleVector.broadcast(LANES, -1.0);
    DoubleVector highest = DoubleVector.broadcast(LANES, 1.0);
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
    return lowest.reduceLanes(VectorOperators.MIN) >= -1.0
        & highest.reduceLanes(VectorOperators.MAX) <= 1.0;
  }
}

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
    DoubleVector terms = DoubleVector.zero(LANES);
    DoubleVector lowest = DoubleVector.broadcast(LANES, 0.0);
    DoubleVector highest = DoubleVector.broadcast(LANES, 1.0);
    // e = e^−|z|: ℓ = max(z, 0) − z·y + log1p(e), δ = σ(z) − y with σ = 1/(1 + e) (z ≥ 0), e/(1 + e)
    for (int k = start; k < bound; k += LANES.length()) {
      DoubleVector zv = DoubleVector.fromArray(LANES, z, k);
      DoubleVector yv = DoubleVector.fromArray(LANES, y, k);
      DoubleVector e = VectorMath.exp(zv.abs().neg());
      DoubleVector inverse = ONES.div(e.add(1.0));
      VectorMask<Double> nonNegative = zv.compare(VectorOperators.GE, 0.0);
      DoubleVector sigma = e.mul(inverse).blend(inverse, nonNegative);
      terms = terms.add(zv.max(0.0).sub(zv.mul(yv)).add(VectorMath.log1p(e)));
      sigma.sub(yv).mul(scale).intoArray(delta, k);
      lowest = lowest.min(yv);
      highest = highest.max(yv);
    }
    double sum = VectorMath.sum(terms);
    boolean ok = lowest.reduceLanes(VectorOperators.MIN) >= 0.0
        & highest.reduceLanes(VectorOperators.MAX) <= 1.0;
    // the elements past the last full vector: the scalar kernel (NaN there makes the sum NaN)
    sum += CanonicalKernels.sigmoidBinaryCrossEntropyElements(z, y, bound, end, scale, delta);
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
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
      DoubleVector maxes = DoubleVector.fromArray(LANES, z, base);
      for (int j = base + width; j < bound; j += width) {
        maxes = maxes.max(DoubleVector.fromArray(LANES, z, j));
      }
      double max = maxes.reduceLanes(VectorOperators.MAX);
      for (int j = bound; j < end; j++) {
        max = Math.max(max, z[j]);
      }
      // e_j = e^{z_j − max} into delta, s = Σ_j e_j; t = Σ_j y_j, yz = Σ_j y_j z_j, y_j ≥ 0
      // (the sums ride along with EXP, whose latency hides them)
      DoubleVector exps = DoubleVector.zero(LANES);
      DoubleVector totals = DoubleVector.zero(LANES);
      DoubleVector products = DoubleVector.zero(LANES);
      DoubleVector lowest = DoubleVector.zero(LANES);
      for (int j = base; j < bound; j += width) {
        DoubleVector zv = DoubleVector.fromArray(LANES, z, j);
        DoubleVector yv = DoubleVector.fromArray(LANES, y, j);
        DoubleVector e = VectorMath.exp(zv.sub(max));
        e.intoArray(delta, j);
        exps = exps.add(e);
        totals = totals.add(yv);
        products = yv.fma(zv, products);
        lowest = lowest.min(yv);
      }
      double s = VectorMath.sum(exps);
      double t = VectorMath.sum(totals);
      double yz = VectorMath.sum(products);
      ok &= lowest.reduceLanes(VectorOperators.MIN) >= 0.0;
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
      for (int j = base; j < bound; j += width) {
        DoubleVector e = DoubleVector.fromArray(LANES, delta, j);
        e.mul(perSum).sub(DoubleVector.fromArray(LANES, y, j).mul(scale)).intoArray(delta, j);
      }
      for (int j = bound; j < end; j++) {
        delta[j] = delta[j] * perSum - scale * y[j];
      }
      // ℓ = logsumexp(z) − Σ_j y_j z_j = (max − Σ_j y_j z_j) + log s
      sum += (max - yz) + Math.log(s);
      ok &= Simplex.holds(y, base, cols, t);
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
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
    DoubleVector terms = DoubleVector.zero(LANES);
    DoubleVector lowest = DoubleVector.broadcast(LANES, -1.0);
    DoubleVector highest = DoubleVector.broadcast(LANES, 1.0);
    // e = e^−2|z|: tanh(z) = sign(z)·(1 − e)/(1 + e),
    // ℓ = ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z) = (1+y)·max(−z,0) + (1−y)·max(z,0) + log1p(e)
    for (int k = start; k < bound; k += LANES.length()) {
      DoubleVector zv = DoubleVector.fromArray(LANES, z, k);
      DoubleVector yv = DoubleVector.fromArray(LANES, y, k);
      DoubleVector e = VectorMath.exp(zv.abs().mul(-2.0));
      DoubleVector magnitude = e.neg().add(1.0).div(e.add(1.0));
      DoubleVector tanh = magnitude.blend(magnitude.neg(), zv.compare(VectorOperators.LT, 0.0));
      terms = terms.add(yv.add(1.0).mul(zv.neg().max(0.0))
          .add(yv.neg().add(1.0).mul(zv.max(0.0)))
          .add(VectorMath.log1p(e)));
      tanh.sub(yv).mul(scale).intoArray(delta, k);
      lowest = lowest.min(yv);
      highest = highest.max(yv);
    }
    double sum = VectorMath.sum(terms);
    boolean ok = lowest.reduceLanes(VectorOperators.MIN) >= -1.0
        & highest.reduceLanes(VectorOperators.MAX) <= 1.0;
    // the elements past the last full vector: the scalar kernel (NaN there makes the sum NaN)
    sum += CanonicalKernels.tanhBipolarCrossEntropyElements(z, y, bound, end, scale, delta);
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }
}

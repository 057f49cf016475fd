package io.github.deltapair.nativebackend;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code exp} and {@code log1p} on Vector API lanes, built only from additions, multiplications,
 * fused multiply-adds, one division and bit moves, each of which IEEE 754 defines exactly. So the
 * bits do not depend on whether the JIT has compiled the caller: the Vector API's own lanewise
 * {@code EXP} and {@code LOG1P} run {@code Math.exp} per lane until C2 compiles the kernel and an
 * intrinsic afterwards, about 1 ulp apart, which broke bit-for-bit determinism (C8); for the same
 * reason lane sums are added in a fixed order.
 *
 * <p>Loaded only from {@link VectorCanonicalKernels}.
 */
final class VectorMath {

  private static final double LOG2E = 1.4426950408889634;
  /** ln 2 split so that {@code n · LN2_HI} is exact for the {@code n} used here. */
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;
  /** {@code 1.5 · 2^52}: adding it rounds a double to an integer held in the low mantissa bits. */
  private static final double SHIFT = 0x1.8p52;
  private static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);
  /** Below this every {@code e^x} is 0 in float64; clamping keeps the exponent arithmetic in range. */
  private static final double LOWEST = -1400.0;
  /** {@code 1/k!} for k = 0..13: the Taylor series of {@code e^r} on {@code |r| ≤ ln2/2}. */
  private static final double[] EXP_TAYLOR = taylor();
  /** {@code 1/(2k + 1)} for k = 0..17: {@code atanh(s)/s} as a series in {@code s²}. */
  private static final double[] ATANH_SERIES = atanh();

  private VectorMath() {}

  /**
   * {@code e^x} per lane, within 2 ulp (normal results): 0 below about −745, +∞ above {@code log(MAX_VALUE)},
   * NaN for NaN.
   */
  static DoubleVector exp(DoubleVector x) {
    DoubleVector clamped = x.max(LOWEST);
    // x = n·ln2 + r with n = round(x·log2 e), |r| ≤ ln2/2 (two-part ln2 keeps r exact)
    DoubleVector shifted = clamped.mul(LOG2E).add(SHIFT);
    DoubleVector n = shifted.sub(SHIFT);
    DoubleVector r = n.fma(x.broadcast(-LN2_HI), clamped).add(n.mul(-LN2_LO));
    // e^r = Σ_k r^k / k!, k ≤ 13, by Horner's rule
    DoubleVector p = DoubleVector.broadcast(x.species(), EXP_TAYLOR[EXP_TAYLOR.length - 1]);
    for (int k = EXP_TAYLOR.length - 2; k >= 0; k--) {
      p = p.fma(r, x.broadcast(EXP_TAYLOR[k]));
    }
    // e^x = e^r · 2^h · 2^(n − h), h = n/2 rounded: both powers stay normal down to n ≈ −2020
    DoubleVector half = n.mul(0.5).add(SHIFT).sub(SHIFT);
    DoubleVector result = p.mul(powerOfTwo(half)).mul(powerOfTwo(n.sub(half)));
    return result.blend(Double.POSITIVE_INFINITY,
        x.compare(VectorOperators.GT, io.github.deltapair.Activation.MAX_EXP_ARGUMENT));
  }

  /**
   * {@code log(1 + u)} per lane for {@code u ∈ [0, 1]}, within 4 ulp, accurate in the relative
   * sense for tiny {@code u}: {@code 2·atanh(s)} with {@code s = u/(2 + u) ∈ [0, 1/3]}.
   */
  static DoubleVector log1p(DoubleVector u) {
    DoubleVector s = u.div(u.add(2.0));
    DoubleVector w = s.mul(s);
    // atanh(s)/s = Σ_k w^k / (2k + 1), k ≤ 17 (w ≤ 1/9: the rest is below 1e-18)
    DoubleVector q = DoubleVector.broadcast(u.species(), ATANH_SERIES[ATANH_SERIES.length - 1]);
    for (int k = ATANH_SERIES.length - 2; k >= 0; k--) {
      q = q.fma(w, u.broadcast(ATANH_SERIES[k]));
    }
    return s.add(s).mul(q);
  }

  /**
   * The sum of the lanes, left to right. {@code reduceLanes(ADD)} leaves the order of the
   * additions unspecified, and compiled and interpreted code may differ in it.
   */
  static double sum(DoubleVector v) {
    double sum = 0.0;
    for (int lane = 0; lane < v.length(); lane++) {
      sum += v.lane(lane);
    }
    return sum;
  }

  /** {@code 2^k} for integer-valued lanes {@code k ∈ [−1022, 1023]}, by building the exponent bits. */
  private static DoubleVector powerOfTwo(DoubleVector k) {
    LongVector bits = k.add(SHIFT).reinterpretAsLongs().sub(SHIFT_BITS).add(1023L)
        .lanewise(VectorOperators.LSHL, 52);
    return bits.reinterpretAsDoubles();
  }

  private static double[] taylor() {
    double[] c = new double[14];
    double factorial = 1.0;
    for (int k = 0; k < c.length; k++) {
      factorial *= Math.max(1, k);
      c[k] = 1.0 / factorial;
    }
    return c;
  }

  private static double[] atanh() {
    double[] c = new double[18];
    for (int k = 0; k < c.length; k++) {
      c[k] = 1.0 / (2 * k + 1);
    }
    return c;
  }
}

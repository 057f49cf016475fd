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
  /**
   * The largest {@code x} {@link #exp} computes, {@code 1023.5·ln 2 ≈ 709.436}: above it {@code n =
   * 1024} would need a second scaling. {@code log(Double.MAX_VALUE) ≈ 709.78} is a little higher.
   */
  static final double EXP_LIMIT = 709.43;

  private VectorMath() {}

  /**
   * {@code e^x} per lane for {@code x ≤} {@link #EXP_LIMIT}, within 2 ulp where the result is a
   * normal double; below {@code x ≈ −708.4}, where it would be subnormal, 0 (an absolute error under
   * 2.3e-308); +∞ above {@link #EXP_LIMIT} (a caller that may see such {@code x} handles them
   * itself); NaN for NaN.
   */
  static DoubleVector exp(DoubleVector x) {
    DoubleVector clamped = x.max(LOWEST);
    // x = n·ln2 + r with n = round(x·log2 e), |r| ≤ ln2/2 (two-part ln2 keeps r exact)
    DoubleVector n = clamped.mul(LOG2E).add(SHIFT).sub(SHIFT);
    DoubleVector r = n.fma(x.broadcast(-LN2_HI), clamped).add(n.mul(-LN2_LO));
    // e^r = Σ_k r^k / k!, k ≤ 13 (|r|^14/14! < 5e-18), by Horner's rule written out (a loop would
    // make the JIT box the vectors)
    DoubleVector p = r.fma(x.broadcast(1.0 / 6227020800.0), x.broadcast(1.0 / 479001600.0));
    p = p.fma(r, x.broadcast(1.0 / 39916800.0));
    p = p.fma(r, x.broadcast(1.0 / 3628800.0));
    p = p.fma(r, x.broadcast(1.0 / 362880.0));
    p = p.fma(r, x.broadcast(1.0 / 40320.0));
    p = p.fma(r, x.broadcast(1.0 / 5040.0));
    p = p.fma(r, x.broadcast(1.0 / 720.0));
    p = p.fma(r, x.broadcast(1.0 / 120.0));
    p = p.fma(r, x.broadcast(1.0 / 24.0));
    p = p.fma(r, x.broadcast(1.0 / 6.0));
    p = p.fma(r, x.broadcast(1.0 / 2.0));
    p = p.fma(r, x.broadcast(1.0));
    p = p.fma(r, x.broadcast(1.0));
    // e^x = e^r · 2^n, with 2^n taken as 0 below n = −1022. One exponent build and nothing more:
    // a second scaling or fix-up makes the method too large for the JIT to keep the vectors in
    // registers, and it allocates (measured: 24–48 bytes per element)
    DoubleVector result = p.mul(powerOfTwo(n.max(-1023.0)));
    return result.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_LIMIT));
  }

  /**
   * {@code log(1 + u)} per lane for {@code u ∈ [0, 1]}, within 4 ulp, accurate in the relative
   * sense for tiny {@code u}: {@code 2·atanh(s)} with {@code s = u/(2 + u) ∈ [0, 1/3]}.
   */
  static DoubleVector log1p(DoubleVector u) {
    DoubleVector s = u.div(u.add(2.0));
    DoubleVector w = s.mul(s);
    // atanh(s)/s = Σ_k w^k / (2k + 1), k ≤ 17 (w ≤ 1/9: the rest is below 1e-18), written out
    DoubleVector q = w.fma(u.broadcast(1.0 / 35), u.broadcast(1.0 / 33));
    q = q.fma(w, u.broadcast(1.0 / 31));
    q = q.fma(w, u.broadcast(1.0 / 29));
    q = q.fma(w, u.broadcast(1.0 / 27));
    q = q.fma(w, u.broadcast(1.0 / 25));
    q = q.fma(w, u.broadcast(1.0 / 23));
    q = q.fma(w, u.broadcast(1.0 / 21));
    q = q.fma(w, u.broadcast(1.0 / 19));
    q = q.fma(w, u.broadcast(1.0 / 17));
    q = q.fma(w, u.broadcast(1.0 / 15));
    q = q.fma(w, u.broadcast(1.0 / 13));
    q = q.fma(w, u.broadcast(1.0 / 11));
    q = q.fma(w, u.broadcast(1.0 / 9));
    q = q.fma(w, u.broadcast(1.0 / 7));
    q = q.fma(w, u.broadcast(1.0 / 5));
    q = q.fma(w, u.broadcast(1.0 / 3));
    q = q.fma(w, u.broadcast(1.0));
    return s.add(s).mul(q);
  }

  /**
   * The sum of a vector's lanes, stored into {@code lanes} ({@code intoArray}), in a fixed order
   * (pairwise for 2, 4 and 8 lanes): {@code reduceLanes(ADD)} leaves the order of the additions
   * unspecified, and compiled and interpreted code may differ in it. The caller stores the lanes
   * itself because a vector passed to a method the JIT does not inline is boxed, and the JIT gives
   * up inlining late in a large loop method (measured: 96 bytes a row or block).
   */
  static double sum(double[] lanes) {
    return switch (lanes.length) {
      case 8 -> ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3]))
          + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
      case 4 -> (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
      case 2 -> lanes[0] + lanes[1];
      default -> {
        double sum = 0.0;
        for (double lane : lanes) {
          sum += lane;
        }
        yield sum;
      }
    };
  }

  /**
   * {@code 2^k} for integer-valued lanes {@code k ∈ [−1022, 1023]}, by building the exponent bits;
   * 0 for {@code k = −1023}.
   */
  private static DoubleVector powerOfTwo(DoubleVector k) {
    LongVector bits = k.add(SHIFT).reinterpretAsLongs().sub(SHIFT_BITS).add(1023L)
        .lanewise(VectorOperators.LSHL, 52);
    return bits.reinterpretAsDoubles();
  }
}

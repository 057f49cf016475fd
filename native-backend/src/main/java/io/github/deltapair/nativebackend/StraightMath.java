package io.github.deltapair.nativebackend;

/**
 * {@code e^x} (for {@code x ≤ 0}) and {@code log(1 + x)} (for {@code x ∈ [0, 1]}) in straight-line
 * arithmetic — additions, multiplications, fused multiply-adds, divisions, {@code Math.max} and
 * {@code Math.min}, no table, no branch and no bit move — so that JDK 17's C2 turns a loop of them
 * into SIMD code without the Vector API: the scalar kernels' softmax and sigmoid loops run about
 * several times faster than a table-driven exp (measured in docs/benchmarks.md). Every operation is
 * exactly defined in Java, so the bits are the same interpreted, compiled or vectorised, on one
 * thread or many.
 *
 * <p>{@code e^x = (e^{x/1024})^{1024}}: a degree-12 polynomial of {@code e^u} on {@code u =
 * x/1024 ∈ [−0.729, 0]} (a Chebyshev interpolant, within {@code 6e-18}), then ten squarings, each of
 * which doubles the relative error: within {@code 4e-13} relative of {@code e^x} (measured over
 * {@code [−708.39, 0]} by {@code StraightMathTest}), less than the {@code 1e-12} of the kit's C1
 * on every softmax or sigmoid value, and exactly 1 at 0. Below {@code −708.39} the result is
 * subnormal (an absolute error below {@code 1e-320}), and 0 from {@code −745.2} down, as {@code
 * Math.exp} gives; such arguments cost about three times as much (subnormal arithmetic). NaN and
 * −∞ give NaN, so a kernel's sum reports the logit that caused them.
 */
final class StraightMath {

  /**
   * The smallest argument used: {@code (e^{−746/1024})^{1024}} rounds to 0, as {@code e^x} does
   * from {@code −745.14} down.
   */
  static final double LOWEST = -746.0;

  // q(u) ≈ (e^u − 1)/u on [−746/1024, 0]: the monomial coefficients of its degree-11 Chebyshev
  // interpolant, computed in 60-digit arithmetic and rounded to double
  // (native-backend/scripts/exp_polynomial.py); 1 + u·q(u) is within 6e-18 relative of e^u there.
  // exp evaluates u·q(u) as x·(2^−10·q(x/1024)), whose coefficient k is Q_k·2^{−10(k+1)}: each
  // product and sum below is then the one it would be in u times a power of two, so it rounds
  // alike (no term comes near the subnormals; for x that does, both forms give 1) and the bits
  // are those of the form in u (StraightMathTest compares them),
  // without the two multiplications that form u (and x·0), which left the vector loop waiting on
  // the multipliers: 1.10 against 1.03 ns an element on one AVX-512 core
  private static final double Q0 = 1.0 * 0x1p-10;
  private static final double Q1 = 0.4999999999999999 * 0x1p-20;
  private static final double Q2 = 0.16666666666665855 * 0x1p-30;
  private static final double Q3 = 0.04166666666645805 * 0x1p-40;
  private static final double Q4 = 0.008333333330564654 * 0x1p-50;
  private static final double Q5 = 0.0013888888671855666 * 0x1p-60;
  private static final double Q6 = 0.00019841259040134256 * 0x1p-70;
  private static final double Q7 = 2.4801232667254998e-05 * 0x1p-80;
  private static final double Q8 = 2.7549524514194235e-06 * 0x1p-90;
  private static final double Q9 = 2.744346524678181e-07 * 0x1p-100;
  private static final double Q10 = 2.3984600486198835e-08 * 0x1p-110;
  private static final double Q11 = 1.4953094113048989e-09 * 0x1p-120;

  /** {@code √2 − 1}: above it {@link #log1p} works on {@code (1 + x)/2}. */
  private static final double SPLIT = 0.41421356237309503;
  /** {@code ln 2} in two parts, the high one with 32 significant bits. */
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;
  /** {@code 2/(2k+1)} for k = 1 … 11: {@code 2·atanh(s) = 2s + Σ_k 2s^{2k+1}/(2k+1)}. */
  private static final double A1 = 2.0 / 3;
  private static final double A2 = 2.0 / 5;
  private static final double A3 = 2.0 / 7;
  private static final double A4 = 2.0 / 9;
  private static final double A5 = 2.0 / 11;
  private static final double A6 = 2.0 / 13;
  private static final double A7 = 2.0 / 15;
  private static final double A8 = 2.0 / 17;
  private static final double A9 = 2.0 / 19;
  private static final double A10 = 2.0 / 21;
  private static final double A11 = 2.0 / 23;

  private StraightMath() {}

  /**
   * {@code e^x} for {@code x ≤ 0}: within {@code 4e-13} relative down to {@code −708.39}, within
   * {@code 1e-320} below; NaN for NaN and −∞. (Positive {@code x} is not supported.)
   */
  static double exp(double x) {
    // v = x clamped, NaN for ±∞ and NaN (x − x), +0 added otherwise
    double v = Math.max(x, LOWEST) + (x - x);
    // e^{v/1024} = 1 + v·q', q' = 2^−10·q(v/1024), by Estrin's scheme (pairs, then in v² and v⁴),
    // so that the chain each element waits on is 5 operations deep, not Horner's 11: 6.3 against
    // 5.2 ns an element on an AVX2 machine whose vector loop was waiting on that latency
    double v2 = v * v;
    double v4 = v2 * v2;
    double q01 = Math.fma(Q1, v, Q0);
    double q23 = Math.fma(Q3, v, Q2);
    double q45 = Math.fma(Q5, v, Q4);
    double q67 = Math.fma(Q7, v, Q6);
    double q89 = Math.fma(Q9, v, Q8);
    double q1011 = Math.fma(Q11, v, Q10);
    double q03 = Math.fma(q23, v2, q01);
    double q47 = Math.fma(q67, v2, q45);
    double q811 = Math.fma(q1011, v2, q89);
    double q = Math.fma(Math.fma(q811, v4, q47), v4, q03);
    double p = Math.fma(q, v, 1.0);
    // (e^{v/1024})^1024
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    return p * p;
  }

  /**
   * {@code log(1 + x)} for {@code x ∈ [0, 1]}, within 2 ulp: {@code log(1 + x) = 2·atanh(x/(2 +
   * x))} up to {@code √2 − 1} and {@code ln 2 + 2·atanh((x − 1)/(x + 3))} above, so {@code |s| ≤
   * 0.1716} and eleven terms of the series leave less than {@code 1e-18}. Small {@code x} keep
   * their relative accuracy ({@code s ≈ x/2}, no {@code 1 + x} is formed). NaN for NaN.
   */
  static double log1p(double x) {
    // above = 1 where x > √2 − 1, else 0 ((x − SPLIT)·2^1000 is ±∞-like or exactly 0)
    double above = Math.min(1.0, Math.max(0.0, (x - SPLIT) * 0x1p1000));
    // t = 2s (formed as one quotient, so that a subnormal x gives t = x, not a rounded x/2 doubled)
    double t = (2.0 * x - 2.0 * above) / ((2.0 + x) + above);
    double s = 0.5 * t;
    double s2 = s * s;
    double q = Math.fma(A11, s2, A10);
    q = Math.fma(q, s2, A9);
    q = Math.fma(q, s2, A8);
    q = Math.fma(q, s2, A7);
    q = Math.fma(q, s2, A6);
    q = Math.fma(q, s2, A5);
    q = Math.fma(q, s2, A4);
    q = Math.fma(q, s2, A3);
    q = Math.fma(q, s2, A2);
    q = Math.fma(q, s2, A1);
    // 2s + s·s²·q, then + above·ln 2 (the low part first)
    double series = Math.fma(s * s2, q, Math.fma(above, LN2_LO, t));
    return Math.fma(above, LN2_HI, series);
  }

  /**
   * {@code out[k] = e^{z[k] − shift}} for {@code k ∈ [from, to)} ({@code z[k] ≤ shift}): a loop the
   * JIT vectorises ({@code out} may be {@code z}).
   */
  static void expShiftedInto(double[] z, double shift, int from, int to, double[] out) {
    for (int k = from; k < to; k++) {
      out[k] = exp(z[k] - shift);
    }
  }

  /**
   * {@code Σ a[k]} over {@code [from, to)} in four running sums over the offsets from {@code from}
   * modulo 4, combined as {@code (s0 + s1) + (s2 + s3)}: the one order every softmax kernel adds
   * its exponentials in, so that dense and label kernels agree to the bit.
   */
  static double sum(double[] a, int from, int to) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int k = from;
    for (; k + 3 < to; k += 4) {
      s0 += a[k];
      s1 += a[k + 1];
      s2 += a[k + 2];
      s3 += a[k + 3];
    }
    for (; k < to; k++) {
      s0 += a[k];
    }
    return (s0 + s1) + (s2 + s3);
  }
}

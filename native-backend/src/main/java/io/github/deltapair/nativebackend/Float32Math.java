package io.github.deltapair.nativebackend;

/**
 * {@code e^x} and {@code log(1 + u)} in float32 arithmetic for the scalar float32 kernels ({@link
 * Float32Kernels}; {@link VectorFloat32Math} computes the same formulas on lanes). Built from
 * additions, multiplications, fused multiply-adds, one division and bit moves only, each exactly
 * defined in Java, so the bits do not depend on whether the JIT has compiled the caller.
 */
final class Float32Math {

  static final float LOG2E = 1.44269504f;
  /** ln 2 in two parts: the high part has 12 significant bits, so {@code n · LN2_HI} is exact for {@code |n| < 2^12}. */
  static final float LN2_HI = Float.intBitsToFloat(Float.floatToRawIntBits((float) Math.log(2)) & 0xfffff000);
  static final float LN2_LO = (float) (Math.log(2) - LN2_HI);
  /** {@code 1.5 · 2^23}: adding it rounds a float to an integer held in the low mantissa bits. */
  static final float SHIFT = 0x1.8p23f;
  static final int SHIFT_BITS = Float.floatToRawIntBits(SHIFT);
  /**
   * Below this {@code e^x} is taken as 0 anyway (from {@code x ≈ −87.68}, where {@code n} reaches
   * {@code −127}); clamping keeps the exponent arithmetic in range.
   */
  static final float LOWEST = -104f;

  private Float32Math() {}

  /**
   * {@code e^{hi + lo}} for {@code hi ≤ 0} and a correction {@code |lo| ≤ ulp(hi)}: within 1 ulp
   * of float32 where the result is a normal float (from {@code hi ≈ −87.3}), 0 below {@code hi ≈
   * −87.68} (an absolute error under 1.2e-38), exactly 1 at 0, 0 at −∞, NaN for NaN.
   */
  static float exp(float hi, float lo) {
    // a NaN fails the comparison and stays NaN
    float c = hi < LOWEST ? LOWEST : hi;
    // x = n·ln2 + r with n = round(x·log2 e), |r| ≤ ln2/2 (r carries lo, the bits hi lacks)
    float shifted = Math.fma(c, LOG2E, SHIFT);
    float p = polynomial(remainder(c, shifted - SHIFT, lo));
    // e^x = e^r · 2^n, 2^n from its exponent bits, taken as 0 for n ≤ −127
    int m = Float.floatToRawIntBits(shifted) - SHIFT_BITS;
    return p * Float.intBitsToFloat((m < -127 ? 0 : m + 127) << 23);
  }

  /**
   * {@code out[j] = e^{x[j]}} for {@code j < n} and {@code x[j] ≤ 0}: the bits of {@link #exp
   * exp(x[j], 0)}, in loops that JDK 17's C2 turns into SIMD code ({@code exp} itself moves bits
   * between float and int, which C2 does not vectorise: 1.6 ns an element scalar, against 0.55 for
   * these loops on an AVX-512 machine). {@code 2^n} is built instead from {@code n}'s binary
   * digits, each taken by the rounding of {@link #SHIFT} and turned into a factor {@code 2^{−2^i}}
   * or 1 by one exact fused multiply-add; the factors' product is exact, so the one rounding of
   * {@code p · 2^n} is exp's. Three loops, because C2 unrolls (and so vectorises) only loops of
   * few operations. {@code digits} and {@code powers} are this call's scratch, of {@link
   * Halving#paddedLength paddedLength(n)} elements at least ({@code out} may be {@code x}).
   */
  static void expInto(float[] x, int n, float[] out, float[] digits, float[] powers) {
    for (int j = 0; j < n; j++) {
      // exp's reduction and polynomial with lo = 0; m = −n, or 127 where 2^n is taken as 0
      float c = Math.max(x[j], LOWEST);
      float k = Math.fma(c, LOG2E, SHIFT) - SHIFT;
      out[j] = polynomial(remainder(c, k, 0f));
      digits[j] = Math.min(-k, 127f);
    }
    // the largest m first, past UNFOLDED elements (by halving, 0.08 ns an element): under 16 the
    // factors of the digits 127, 64, 32 and 16 are all exactly 1, so their loop (0.17 ns an
    // element) is left out with the same bits. It pays for e^−|z| with |z| < 11, a sigmoid's usual
    // logits; a softmax's z − max spans more in most rows, so expOfDifferencesInto does not look.
    // (A NaN x[j] has made out[j] NaN already: the product stays NaN on either path.)
    if (n > Halving.UNFOLDED && Halving.max(digits, n, powers, powers) < 16f) {
      for (int j = 0; j < n; j++) {
        out[j] *= lowPower(digits[j]);
      }
      return;
    }
    scaleByPowers(out, n, digits, powers);
  }

  /**
   * {@code out[j] = e^{z[j] − max[j]}} for {@code j < n} and {@code z[j] ≤ max[j]}: the bits of
   * {@link #expOfDifference}, in loops C2 vectorises as {@link #expInto}'s. One maximum per
   * element: each row's over its part of a block of rows (one row's: the overload below; {@code
   * digits} and {@code powers}: scratch of {@code n} elements).
   */
  static void expOfDifferencesInto(float[] z, float[] max, int n, float[] out, float[] digits,
      float[] powers) {
    for (int j = 0; j < n; j++) {
      out[j] = reducedPolynomial(z[j], max[j]);
      digits[j] = reducedDigits(z[j], max[j]);
    }
    scaleByPowers(out, n, digits, powers);
  }

  /**
   * {@link #expOfDifferencesInto} with one maximum for all {@code n} elements (a row's), the same
   * bits without a row of it to read.
   */
  static void expOfDifferencesInto(float[] z, float max, int n, float[] out, float[] digits,
      float[] powers) {
    for (int j = 0; j < n; j++) {
      out[j] = reducedPolynomial(z[j], max);
      digits[j] = reducedDigits(z[j], max);
    }
    scaleByPowers(out, n, digits, powers);
  }

  /**
   * {@code e^r} for the reduction of {@code d = z − max} (its rounding error carried, Knuth's
   * two-sum) to {@code r = d − n·ln2}: the factor {@link #scaleByPowers} scales by {@code 2^n}.
   */
  private static float reducedPolynomial(float z, float max) {
    float d = z - max;
    float back = d - z;
    float lo = (z - (d - back)) + (-max - back);
    float c = Math.max(d, LOWEST);
    float k = Math.fma(c, LOG2E, SHIFT) - SHIFT;
    return polynomial(remainder(c, k, lo));
  }

  /** {@code −n = −round((z − max)·log2 e)}, or 127 where {@code 2^n} is taken as 0. */
  private static float reducedDigits(float z, float max) {
    float c = Math.max(z - max, LOWEST);
    float k = Math.fma(c, LOG2E, SHIFT) - SHIFT;
    return Math.min(-k, 127f);
  }

  /**
   * {@code r = (c + lo) − n·ln2} for the whole number {@code n = round(c·log2 e)}: {@code |r| ≤
   * ln2/2}, carrying {@code lo}, the bits {@code c} lacks.
   */
  private static float remainder(float c, float n, float lo) {
    return Math.fma(n, -LN2_HI, c) + Math.fma(n, -LN2_LO, lo);
  }

  /** {@code e^r = Σ_k r^k / k!}, {@code k ≤ 7} ({@code |r|^8/8! < 6e-9}), by Horner's rule. */
  private static float polynomial(float r) {
    float p = Math.fma(r, 1f / 5040, 1f / 720);
    p = Math.fma(p, r, 1f / 120);
    p = Math.fma(p, r, 1f / 24);
    p = Math.fma(p, r, 1f / 6);
    p = Math.fma(p, r, 0.5f);
    p = Math.fma(p, r, 1f);
    return Math.fma(p, r, 1f);
  }

  /** {@code out[j] *= 2^{−m}} for {@code m = digits[j] ∈ [0, 127]} (0 at 127), exactly. */
  private static void scaleByPowers(float[] out, int n, float[] digits, float[] powers) {
    for (int j = 0; j < n; j++) {
      // 0 at 127, then the digits 64, 32 and 16 (m keeps the rest)
      float m = digits[j];
      float power = 1f - atLeast(m, 1f / 254);
      float b = atLeast(m, 0x1p-7f);
      m = Math.fma(b, -64f, m);
      power *= Math.fma(b, 0x1p-64f, 1f - b);
      b = atLeast(m, 0x1p-6f);
      m = Math.fma(b, -32f, m);
      power *= Math.fma(b, 0x1p-32f, 1f - b);
      b = atLeast(m, 0x1p-5f);
      digits[j] = Math.fma(b, -16f, m);
      powers[j] = power * Math.fma(b, 0x1p-16f - 1f, 1f);
    }
    for (int j = 0; j < n; j++) {
      out[j] *= powers[j] * lowPower(digits[j]);
    }
  }

  /** {@code 2^{−m}} for a whole number {@code m ∈ [0, 15]}, exactly, from its digits 8, 4, 2 and 1. */
  private static float lowPower(float m) {
    // 2^−8 − 1 and the like are exact: so is each factor
    float b = atLeast(m, 0x1p-4f);
    m = Math.fma(b, -8f, m);
    float power = Math.fma(b, 0x1p-8f - 1f, 1f);
    b = atLeast(m, 0x1p-3f);
    m = Math.fma(b, -4f, m);
    power *= Math.fma(b, 0x1p-4f - 1f, 1f);
    b = atLeast(m, 0x1p-2f);
    m = Math.fma(b, -2f, m);
    power *= Math.fma(b, -0.75f, 1f);
    return power * Math.fma(m, -0.5f, 1f);
  }

  /**
   * 1 if the whole number {@code m ∈ [0, 2/scale)} is at least {@code 1/(2·scale)}, else 0:
   * {@code (m + ½)·scale} lies in (0, 1), above ½ exactly then, and adding {@link #SHIFT} rounds
   * it to 0 or 1.
   */
  private static float atLeast(float m, float scale) {
    return (Math.fma(m, scale, 0.5f * scale) + SHIFT) - SHIFT;
  }

  /**
   * {@code e^{z − max}} for {@code z ≤ max}: the difference rounded to float, {@code d}, and its
   * rounding error (Knuth's two-sum), so that the result is as accurate as {@link #exp} although
   * {@code d} is not exact; NaN if {@code z} or {@code max} is NaN or infinite.
   */
  static float expOfDifference(float z, float max) {
    float d = z - max;
    // lo = (z − max) − d exactly (NaN for an infinite operand)
    float back = d - z;
    float lo = (z - (d - back)) + (-max - back);
    return exp(d, lo);
  }

  /**
   * {@code log(1 + u)} for {@code u ∈ [0, 1]}, within 2 ulp, accurate in the relative sense for
   * tiny {@code u}: {@code 2·atanh(s)} with {@code s = u/(2 + u) ∈ [0, 1/3]}.
   */
  static float log1p(float u) {
    float s = u / (2f + u);
    float w = s * s;
    // atanh(s)/s = Σ_k w^k / (2k + 1), k ≤ 6 (w ≤ 1/9: the rest is below 2e-8)
    float q = Math.fma(w, 1f / 13, 1f / 11);
    q = Math.fma(q, w, 1f / 9);
    q = Math.fma(q, w, 1f / 7);
    q = Math.fma(q, w, 1f / 5);
    q = Math.fma(q, w, 1f / 3);
    q = Math.fma(q, w, 1f);
    return (s + s) * q;
  }
}

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
    float n = shifted - SHIFT;
    float r = Math.fma(n, -LN2_HI, c) + Math.fma(n, -LN2_LO, lo);
    // e^r = Σ_k r^k / k!, k ≤ 7 (|r|^8/8! < 6e-9), by Horner's rule
    float p = Math.fma(r, 1f / 5040, 1f / 720);
    p = Math.fma(p, r, 1f / 120);
    p = Math.fma(p, r, 1f / 24);
    p = Math.fma(p, r, 1f / 6);
    p = Math.fma(p, r, 0.5f);
    p = Math.fma(p, r, 1f);
    p = Math.fma(p, r, 1f);
    // e^x = e^r · 2^n, 2^n from its exponent bits, taken as 0 for n ≤ −127
    int m = Float.floatToRawIntBits(shifted) - SHIFT_BITS;
    return p * Float.intBitsToFloat((m < -127 ? 0 : m + 127) << 23);
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

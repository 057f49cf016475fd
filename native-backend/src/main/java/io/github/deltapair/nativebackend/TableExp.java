package io.github.deltapair.nativebackend;

/**
 * {@code e^x} in plain Java, faster than {@code Math.exp} where a kernel calls it once per element
 * (softmax), within 3 ulp of it (VectorMath's accuracy; {@code TableExpTest} checks it over all of
 * {@code [−746, 709]}), and with the same bits interpreted or compiled (only additions,
 * multiplications, a table read and bit moves, each exactly defined in Java).
 *
 * <p>Tang's method: {@code x = (64m + j)·ln2/64 + r} with {@code |r| ≤ ln2/128}, so {@code e^x =
 * 2^m · 2^{j/64} · e^r}, where {@code 2^{j/64}} comes from a table and {@code e^r − 1} from a
 * degree-5 polynomial (its truncation error {@code r^6/720 < 4e-17} relative).
 */
final class TableExp {

  /** {@code 64/ln 2}. */
  private static final double SIXTY_FOUR_OVER_LN2 = 92.33248261689366;
  /** {@code ln2/64} in two parts: the high part has 32 significant bits, so {@code k·HI} is exact for {@code |k| < 2^21}. */
  private static final double LN2_64_HI = 6.93147180369123816490e-01 / 64;
  private static final double LN2_64_LO = 1.90821492927058770002e-10 / 64;
  /** {@code 1.5·2^52}: adding it rounds to an integer, held in the low bits of the sum. */
  private static final double SHIFT = 0x1.8p52;
  /**
   * Below this (just above {@code ln Double.MIN_NORMAL ≈ −708.3964}) the result is taken as 0; from
   * it up, {@code m ≥ −1022}, so {@code 2^m · 2^{j/64}} is a normal double built by adding {@code m}
   * to the exponent bits of the table entry.
   */
  static final double LOWEST = -708.396;
  /** The largest {@code x} computed: {@code m ≤ 1022}. */
  static final double HIGHEST = 709.0;

  /** The bits of {@code 2^{j/64}}, {@code j = 0 … 63}, each within 1 ulp (fdlibm's pow, the same on every JVM). */
  private static final long[] POWER_BITS = new long[64];

  static {
    for (int j = 0; j < 64; j++) {
      POWER_BITS[j] = Double.doubleToRawLongBits(StrictMath.pow(2.0, j / 64.0));
    }
  }

  private TableExp() {}

  /**
   * {@code e^x} for {@code x ≤} {@value #HIGHEST}: within 3 ulp of {@code Math.exp} from {@value
   * #LOWEST} up, 0 below (where {@code e^x < 2.23e-308}: an absolute error below that), exactly 1
   * at 0, 0 at −∞, NaN for NaN. Not for larger {@code x} (+∞ gives NaN).
   */
  static double exp(double x) {
    // below LOWEST (softmax's −∞ or |z − max| > 708) the result is 0; a NaN fails the comparison
    // and stays NaN
    double c = x < LOWEST ? -1500.0 : x;
    // k = round(x·64/ln2) = 64m + j, r = x − k·ln2/64 (the high part's product and difference exact)
    double shifted = c * SIXTY_FOUR_OVER_LN2 + SHIFT;
    int k = (int) Double.doubleToRawLongBits(shifted);
    double kd = shifted - SHIFT;
    double r = (c - kd * LN2_64_HI) - kd * LN2_64_LO;
    // e^r − 1 = r + r²(1/2 + r/6 + r²/24 + r³/120)
    double p = r + r * r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120))));
    // t = 2^m · 2^{j/64}: m added to the exponent bits of the table entry (k >> 6 = m, floor);
    // below m = −1022 (x < LOWEST) the bits of +0.0
    int m = k >> 6;
    long bits = m < -1022 ? 0L : POWER_BITS[k & 63] + ((long) m << 52);
    double t = Double.longBitsToDouble(bits);
    return t + t * p;
  }
}

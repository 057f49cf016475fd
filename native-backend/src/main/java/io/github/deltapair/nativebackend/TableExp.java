package io.github.deltapair.nativebackend;

/**
 * {@code e^x} in plain Java, faster than {@code Math.exp} where a kernel calls it once per element
 * (softmax's {@code e^{z − max}}, sigmoid's {@code e^−|z|}), within 3 ulp of it (VectorMath's
 * accuracy; {@code TableExpTest} checks it over all of {@code [−746, 709]}), and with the same
 * bits interpreted or compiled (only additions, multiplications, a table read and bit moves, each
 * exactly defined in Java).
 *
 * <p>Tang's method: {@code x = (2048m + j)·ln2/2048 + r} with {@code |r| ≤ ln2/4096}, so {@code
 * e^x = 2^m · 2^{j/2048} · e^r}, where {@code 2^{j/2048}} comes from a table (16 KB) and {@code e^r
 * − 1} from a degree-3 polynomial (its truncation error {@code r^4/24 < 4e-17} relative): fewer
 * operations per call than a smaller table with a longer polynomial.
 */
final class TableExp {

  /** log2 of the table's size. */
  private static final int BITS = 11;
  private static final int SIZE = 1 << BITS;
  /** {@code 2048/ln 2}. */
  private static final double SIZE_OVER_LN2 = SIZE / 0.6931471805599453;
  /**
   * {@code ln2/2048} in two parts: the high part has 32 significant bits, so {@code k·HI} is exact
   * for {@code |k| < 2^21} (here {@code |k| ≤ 709·2048/ln2 < 2.1·10^6}).
   */
  private static final double LN2_HI = 6.93147180369123816490e-01 / SIZE;
  private static final double LN2_LO = 1.90821492927058770002e-10 / SIZE;
  /** {@code 1.5·2^52}: adding it rounds to an integer, held in the low bits of the sum. */
  private static final double SHIFT = 0x1.8p52;
  /**
   * Below this (just above {@code ln Double.MIN_NORMAL ≈ −708.3964}) the result is taken as 0; from
   * it up, {@code m ≥ −1022}, so {@code 2^m · 2^{j/2048}} is a normal double built by adding {@code
   * m} to the exponent bits of the table entry.
   */
  static final double LOWEST = -708.396;
  /** The largest {@code x} computed: {@code m ≤ 1022}. */
  static final double HIGHEST = 709.0;

  /** The bits of {@code 2^{j/2048}}, {@code j = 0 … 2047}, each within 1 ulp (fdlibm's pow, the same on every JVM). */
  private static final long[] POWER_BITS = new long[SIZE];

  static {
    for (int j = 0; j < SIZE; j++) {
      POWER_BITS[j] = Double.doubleToRawLongBits(StrictMath.pow(2.0, j / (double) SIZE));
    }
  }

  private TableExp() {}

  /**
   * {@code e^x} for {@code x ≤} {@value #HIGHEST}: within 3 ulp of {@code Math.exp} from {@value
   * #LOWEST} up, 0 below (where {@code e^x < 2.23e-308}: an absolute error below that), exactly 1
   * at 0, NaN for NaN and for −∞ (which only a non-finite logit gives: the softmax kernels report
   * it through their sums). Not for larger {@code x} (+∞ gives NaN).
   */
  static double exp(double x) {
    if (!(x >= LOWEST)) {
      // far below the row's max: 0; −∞ and NaN: NaN
      return x > Double.NEGATIVE_INFINITY ? 0.0 : x * 0.0;
    }
    // k = round(x·2048/ln2) = 2048m + j, r = x − k·ln2/2048 (the high part's product and
    // difference exact)
    double shifted = x * SIZE_OVER_LN2 + SHIFT;
    int k = (int) Double.doubleToRawLongBits(shifted);
    double kd = shifted - SHIFT;
    double r = (x - kd * LN2_HI) - kd * LN2_LO;
    // e^r − 1 = r + r²(1/2 + r/6)
    double p = r + r * r * (0.5 + r * (1.0 / 6));
    // t = 2^m · 2^{j/2048}: m = k >> 11 (floor; at least −1022 from LOWEST up) added to the
    // exponent bits of the table entry
    double t = Double.longBitsToDouble(POWER_BITS[k & (SIZE - 1)] + ((long) (k >> BITS) << 52));
    return t + t * p;
  }
}

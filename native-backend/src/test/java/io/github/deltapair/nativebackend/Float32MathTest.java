package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The float32 exp and log1p against Math's float64 ones, and their lanes against the scalar bits. */
@DisplayName("float32 exp and log1p")
class Float32MathTest {

  /** One ulp of float32 at 1, relative. */
  private static final double ULP = Math.ulp(1f);

  @Test
  @DisplayName("e^x is within 1 ulp of float32 wherever it is a normal float, exact at 0, and 0 at −∞ and far below")
  void exp() {
    Random random = new Random(1);
    double worst = 0;
    for (int i = 0; i < 2_000_000; i++) {
      float x = i < 1000 ? (float) -Math.scalb(random.nextDouble(), -random.nextInt(40))
          : (float) (-87.33 * random.nextDouble());
      double expected = Math.exp(x);
      worst = Math.max(worst, Math.abs(Float32Math.exp(x, 0f) - expected) / expected);
    }
    assertThat(worst / ULP).as("worst error, in float32 ulps").isLessThanOrEqualTo(1.0);
    assertThat(Float32Math.exp(0f, 0f)).isEqualTo(1f);
    assertThat(Float32Math.exp(-0f, 0f)).isEqualTo(1f);
    assertThat(Float32Math.exp(Float.NEGATIVE_INFINITY, 0f)).isZero();
    assertThat(Float32Math.exp(-1000f, 0f)).isZero();
    assertThat(Float32Math.exp(Float.NaN, 0f)).isNaN();
    // below the normal floats: an absolute error under the smallest normal float
    for (float x = -87.34f; x > -90f; x -= 0.01f) {
      assertThat(Math.abs(Float32Math.exp(x, 0f) - Math.exp(x))).isLessThan(Float.MIN_NORMAL);
    }
  }

  @Test
  @DisplayName("the loops of expInto give exp's bits, on every float32 from 0 down to −104 (a stride of them) and at the edges")
  void expIntoHasExpsBits() {
    int n = 1024;
    float[] x = new float[n];
    float[] out = new float[n];
    float[] digits = new float[Halving.paddedLength(n)];
    float[] powers = new float[Halving.paddedLength(n)];
    // the bit patterns of −0 … −104 (0x80000000 … 0xc2d00000) with a stride that visits every
    // exponent and many mantissas, then the edges of the digits and of exp's range
    long first = 0x80000000L;
    long last = Float.floatToRawIntBits(-104f) & 0xffffffffL;
    int checked = 0;
    for (long bits = first; bits <= last; ) {
      int k = 0;
      for (; k < n && bits <= last; k++, bits += 1031) {
        x[k] = Float.intBitsToFloat((int) bits);
      }
      checked += compare(x, k, out, digits, powers);
    }
    assertThat(checked).isGreaterThan(1_000_000);
    float[] edges = {0f, -0f, Float.MIN_VALUE * -1, -1e-30f, -0.34657359f, -0.34657362f,
        -87.3365f, -87.33655f, -87.68f, -88.0297f, -88.03f, -103.97f, -104f, -104.0001f, -1e30f,
        -Float.MAX_VALUE, Float.NEGATIVE_INFINITY, Float.NaN};
    for (int i = 0; i < edges.length; i++) {
      x[i] = edges[i];
    }
    // every whole power of two's neighbourhood: n = −1 … −127 at x = n·ln 2 ± a little
    int k = edges.length;
    for (int m = 1; m <= 130; m++) {
      float at = (float) (-m * Math.log(2));
      x[k++] = at;
      x[k++] = Math.nextUp(at);
      x[k++] = Math.nextDown(at);
      x[k++] = (float) (-(m + 0.5) * Math.log(2));
    }
    compare(x, k, out, digits, powers);
  }

  @Test
  @DisplayName("the loops of expOfDifferencesInto give expOfDifference's bits, for maxima of every scale and infinite operands, one per element or one for all")
  void expOfDifferencesIntoHasItsBits() {
    Random random = new Random(5);
    int n = 1000;
    float[] z = new float[n];
    float[] out = new float[n];
    float[] digits = new float[Halving.paddedLength(n)];
    float[] powers = new float[Halving.paddedLength(n)];
    for (int round = 0; round < 400; round++) {
      float max = (float) (random.nextGaussian() * Math.scalb(1.0, random.nextInt(14) - 6));
      for (int j = 0; j < n; j++) {
        z[j] = j == 0 ? max : (float) (max - Math.scalb(random.nextDouble(), random.nextInt(9)));
      }
      if (round == 0) {
        z[1] = Float.NEGATIVE_INFINITY;
        z[2] = Float.NaN;
        z[3] = -Float.MAX_VALUE;
      }
      // one maximum for the first half, a larger one per element for the second (rows of a block)
      float[] maxima = new float[n];
      Arrays.fill(maxima, max);
      for (int j = n / 2; j < n; j++) {
        maxima[j] = (float) (max + Math.scalb(random.nextDouble(), random.nextInt(6) - 3));
      }
      Float32Math.expOfDifferencesInto(z, maxima, n, out, digits, powers);
      for (int j = 0; j < n; j++) {
        assertThat(Float.floatToIntBits(out[j])).as("e^(%s − %s)", z[j], maxima[j])
            .isEqualTo(Float.floatToIntBits(Float32Math.expOfDifference(z[j], maxima[j])));
      }
      // one maximum given once (a row's)
      Float32Math.expOfDifferencesInto(z, max, n, out, digits, powers);
      for (int j = 0; j < n; j++) {
        assertThat(Float.floatToIntBits(out[j])).as("e^(%s − %s), one maximum", z[j], max)
            .isEqualTo(Float.floatToIntBits(Float32Math.expOfDifference(z[j], max)));
      }
    }
  }

  @Test
  @DisplayName("expInto gives exp's bits whether the chunk's largest digit of −n is under 16, under 32 or wider, at every length")
  void expIntoSkipsOnlyTheDigitsNoElementHas() {
    Random random = new Random(7);
    // x ∈ [−w·ln 2, 0] gives −n ≤ round(w): spans whose largest −n is 15 or 16, 31 or 32, and wider
    // ones, a chunk each (chunks of at most 256 have no halving and take every digit)
    float[] widths = {1f, 14.5f, 15.4f, 15.6f, 16.5f, 30.5f, 31.4f, 31.6f, 32.5f, 64f, 87f, 100f};
    int[] lengths = {7, 256, 257, 700, 1024, 1025, 3000, Scratch.FLOAT_CHUNK};
    int checked = 0;
    for (int n : lengths) {
      float[] x = new float[n];
      float[] out = new float[n];
      float[] digits = new float[Halving.paddedLength(n)];
      float[] powers = new float[Halving.paddedLength(n)];
      for (float width : widths) {
        for (int round = 0; round < 8; round++) {
          for (int j = 0; j < n; j++) {
            x[j] = (float) (-Math.max(width - 2, width / 2) * Math.log(2) * random.nextDouble());
          }
          // one element alone at the width's end, at j ≡ round (mod 8) where the chunk is long
          // enough: each of the maximum's eight chains has to see it
          int at = n < 8 ? random.nextInt(n) : 8 * random.nextInt(n / 8) + round;
          x[at] = (float) (-width * Math.log(2));
          checked += compare(x, n, out, digits, powers);
        }
      }
    }
    assertThat(checked).isGreaterThan(100_000);
  }

  /** Compares expInto over {@code x[0, k)} with exp, bit for bit (NaN with NaN). */
  private static int compare(float[] x, int k, float[] out, float[] digits, float[] powers) {
    Float32Math.expInto(x, k, out, digits, powers);
    for (int j = 0; j < k; j++) {
      assertThat(Float.floatToIntBits(out[j])).as("e^%s", x[j])
          .isEqualTo(Float.floatToIntBits(Float32Math.exp(x[j], 0f)));
    }
    return k;
  }

  @Test
  @DisplayName("e^{z − max} is as accurate as e^x although z − max rounds in float32, and NaN for an infinite operand")
  void expOfDifference() {
    Random random = new Random(2);
    double worst = 0;
    for (int i = 0; i < 1_000_000; i++) {
      float max = (float) (random.nextGaussian() * Math.scalb(1.0, random.nextInt(12) - 4));
      float z = (float) (max - 80 * random.nextDouble());
      double expected = Math.exp((double) z - max);
      if (expected > Float.MIN_NORMAL) {
        worst = Math.max(worst, Math.abs(Float32Math.expOfDifference(z, max) - expected) / expected);
      }
    }
    assertThat(worst / ULP).as("worst error, in float32 ulps").isLessThanOrEqualTo(1.0);
    assertThat(Float32Math.expOfDifference(3.25f, 3.25f)).isEqualTo(1f);
    assertThat(Float32Math.expOfDifference(Float.NEGATIVE_INFINITY, 2f)).isNaN();
    assertThat(Float32Math.expOfDifference(1f, Float.POSITIVE_INFINITY)).isNaN();
  }

  @Test
  @DisplayName("log(1 + u) is within 2 ulp of float32 on [0, 1], in the relative sense down to tiny u")
  void log1p() {
    Random random = new Random(3);
    double worst = 0;
    for (int i = 0; i < 2_000_000; i++) {
      float u = i % 2 == 0 ? random.nextFloat() : (float) Math.exp(-80 * random.nextDouble());
      if (u >= Float.MIN_NORMAL) {
        double expected = Math.log1p(u);
        worst = Math.max(worst, Math.abs(Float32Math.log1p(u) - expected) / expected);
      }
    }
    assertThat(worst / ULP).as("worst error, in float32 ulps").isLessThanOrEqualTo(2.0);
    assertThat(Float32Math.log1p(0f)).isZero();
    assertThat(Float32Math.log1p(1f)).isEqualTo((float) Math.log(2));
  }

  @Test
  @DisplayName("the Vector API lanes give the scalar functions' bits, element for element")
  void lanesMatchTheScalarBits() {
    Assumptions.assumeTrue(KernelPath.vectorModulePresent(), "needs jdk.incubator.vector");
    Random random = new Random(4);
    int n = 4096;
    float[] z = new float[n];
    float[] u = new float[n];
    for (int k = 0; k < n; k++) {
      // some above max too: the lanes still run the scalar formula's operations
      z[k] = (float) (40 * random.nextGaussian());
      u[k] = random.nextFloat();
    }
    z[7] = Float.NaN;
    z[8] = -1000f;
    float max = 41.5f;
    float[] exps = new float[n];
    float[] logs = new float[n];
    double total = VectorFloat32Math.expOfDifference(z, max, 0, n, exps, new float[VectorFloat32Math.sumsLength()]);
    VectorFloat32Math.log1p(u, 0, n, logs, 0);
    assertThat(total).isNaN();
    for (int k = 0; k < n; k++) {
      assertThat(Float.floatToRawIntBits(exps[k])).as("e at %d", k)
          .isEqualTo(Float.floatToRawIntBits(Float32Math.expOfDifference(z[k], max)));
      assertThat(Float.floatToRawIntBits(logs[k])).as("log1p at %d", k)
          .isEqualTo(Float.floatToRawIntBits(Float32Math.log1p(u[k])));
    }
  }
}

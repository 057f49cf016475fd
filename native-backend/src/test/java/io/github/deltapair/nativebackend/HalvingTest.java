package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Interval;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;

/** The halving reductions against plain left-to-right loops, at every length class they branch on. */
@DisplayName("Halving")
class HalvingTest {

  private static final int LENGTH = Scratch.FLOAT_CHUNK;

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {1, 17, 256, 257, 1000, 1024, 1025, 3000, 4096})
  @DisplayName("sums terms of one sign within 4 float32 ulp of the exact sum, leaving the row itself as it was")
  void sums(int n) {
    Random random = new Random(n);
    float[] f = new float[LENGTH];
    BigDecimal exactF = BigDecimal.ZERO;
    for (int j = 0; j < n; j++) {
      f[j] = (float) Math.scalb(random.nextDouble(), random.nextInt(20) - 10);
      exactF = exactF.add(new BigDecimal(f[j]));
    }
    // garbage past n: the padding must replace it
    for (int j = n; j < LENGTH; j++) {
      f[j] = 1e30f;
    }
    float[] rowF = f.clone();
    double sumF = Halving.sum(f, n, new float[LENGTH], new float[LENGTH]);
    // 4 ulp for the partials, float64's own rounding after
    double f32 = exactF.doubleValue();
    assertThat(sumF).isCloseTo(f32, within(4 * 0x1p-24 * f32));
    for (int j = 0; j < n; j++) {
      assertThat(f[j]).isEqualTo(rowF[j]);
    }
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {257, 300, 513, 1000, 1024, 1025, 2048, 2049, 3000, 4096})
  @DisplayName("sums a row in place within 4 float32 ulp of the exact sum, touching nothing outside it")
  void sumsInPlace(int n) {
    Random random = new Random(n + 7);
    for (int base : new int[] {0, 37}) {
      float[] a = new float[base + n + 100];
      BigDecimal exact = BigDecimal.ZERO;
      for (int k = 0; k < a.length; k++) {
        a[k] = (float) Math.scalb(random.nextDouble(), random.nextInt(20) - 10);
        if (k >= base && k < base + n) {
          exact = exact.add(new BigDecimal(a[k]));
        }
      }
      float[] before = a.clone();
      double sum = Halving.sumInPlace(a, base, n);
      double expected = exact.doubleValue();
      // at most four float32 additions per term, then float64's own roundings
      assertThat(sum).as("base %d", base)
          .isCloseTo(expected, within((4 * 0x1p-24 + 0x1p-40) * expected));
      for (int k = 0; k < a.length; k++) {
        if (k < base || k >= base + n) {
          assertThat(a[k]).as("element %d outside the row", k).isEqualTo(before[k]);
        }
      }
      // the same bits for the same row
      float[] again = before.clone();
      assertThat(Halving.sumInPlace(again, base, n)).isEqualTo(sum);
    }
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {257, 1000, 1024, 1025, 3000, 4096})
  @DisplayName("finds the maximum exactly wherever it is, and the extremes of targets against their domain")
  void maximaAndExtremes(int n) {
    Random random = new Random(n + 1);
    for (int at : new int[] {0, n / 3, n - 1}) {
      float[] f = new float[LENGTH];
      for (int j = 0; j < LENGTH; j++) {
        // past n: larger than the row's maximum, to be padded over
        f[j] = j < n ? (float) (random.nextGaussian() * 5) : 1e30f;
      }
      f[at] = 40f;
      assertThat(Halving.max(f, n, new float[LENGTH], new float[LENGTH])).isEqualTo(40f);
      Interval unit = Interval.closed(0, 1);
      float[] y = new float[LENGTH];
      for (int j = 0; j < n; j++) {
        y[j] = random.nextFloat();
      }
      assertThat(inside(unit, y, n)).isTrue();
      y[at] = -0x1p-30f;
      assertThat(inside(unit, y, n)).as("a negative target at %d", at).isFalse();
      y[at] = Math.nextUp(1f);
      assertThat(inside(unit, y, n)).as("a target above 1 at %d", at).isFalse();
      y[at] = 1f;
      assertThat(inside(unit, y, n)).isTrue();
    }
  }

  private static boolean inside(Interval domain, float[] y, int n) {
    return Halving.extremesInside(domain, y.clone(), n, new float[LENGTH], new float[LENGTH],
        new float[LENGTH], new float[LENGTH]);
  }
}

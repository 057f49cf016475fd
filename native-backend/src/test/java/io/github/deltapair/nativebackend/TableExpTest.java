package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link TableExp} against {@code Math.exp} over every argument the kernels give it: softmax's
 * {@code z_j − max ≤ 0} down to where {@code e^x} rounds to 0, and up to its largest argument.
 * Within 3 ulp ({@code 7e-16} relative) everywhere above the flush to 0, which keeps C1's {@code
 * 1e-12} relative accuracy on δ and C5's {@code 1e-10} on J with a margin of more than a thousand;
 * the flush to 0 below {@code e^x ≈ 2.2e-308} is an absolute error far below either.
 */
@DisplayName("The scalar table exp")
class TableExpTest {

  /** The largest relative error seen, over all tests of this class. */
  private static double worst;

  /**
   * {@code TableExp.exp(x)} against {@code Math.exp(x)}: from {@link TableExp#LOWEST} up within 3
   * ulp (so within {@code 7e-16} relative); below it exactly 0, an absolute error under {@code
   * 2.3e-308}.
   */
  private static void assertClose(double x) {
    double expected = Math.exp(x);
    double actual = TableExp.exp(x);
    if (x >= TableExp.LOWEST) {
      double relative = Math.abs(actual - expected) / expected;
      worst = Math.max(worst, relative);
      assertThat(Math.abs(actual - expected) / Math.ulp(expected))
          .as("ulps off Math.exp at x = %s (%s against %s)", x, actual, expected)
          .isLessThanOrEqualTo(3.0);
      assertThat(relative).as("relative error at x = %s", x).isLessThan(7e-16);
    } else {
      assertThat(actual).as("at x = %s", x).isEqualTo(0.0);
      assertThat(expected).as("Math.exp at x = %s", x).isLessThan(2.3e-308);
    }
  }

  @Test
  @DisplayName("is within 3 ulp of Math.exp at three million random points of [−746, 709] and at the edges of every table interval")
  void withinThreeUlp() {
    Random random = new Random(42);
    for (int k = 0; k < 1_000_000; k++) {
      assertClose(-746.0 + 1455.0 * random.nextDouble());
    }
    // the range softmax uses most: x ∈ [−20, 0], uniformly and on a log scale near 0
    double near = 0;
    for (int k = 0; k < 1_000_000; k++) {
      for (double x : new double[] {-20.0 * random.nextDouble(), -Math.pow(10, -300 + 301.3 * random.nextDouble())}) {
        assertClose(x);
        near = Math.max(near, Math.abs(TableExp.exp(x) - Math.exp(x)) / Math.exp(x));
      }
    }
    assertThat(near).as("largest relative error for |x| ≤ 20").isLessThan(7e-16);
    assertThat(worst).as("largest relative error").isLessThan(7e-16);
    // around the rounding points of k = round(2048x/ln2), where r reaches ±ln2/4096
    for (int k = -2_240_000; k <= 2_094_000; k += 37) {
      double x = (k + 0.5) * Math.log(2) / 2048;
      assertClose(Math.nextDown(x));
      assertClose(x);
      assertClose(Math.nextUp(x));
    }
  }

  @Test
  @DisplayName("is exactly 1 at 0, 0 far below, NaN for NaN and −∞ (a non-finite logit), and the same at the edges of the flush to 0")
  void specialValues() {
    assertThat(TableExp.exp(0.0)).isEqualTo(1.0);
    assertThat(TableExp.exp(-0.0)).isEqualTo(1.0);
    assertThat(TableExp.exp(Double.NEGATIVE_INFINITY)).isNaN();
    assertThat(TableExp.exp(-1e300)).isEqualTo(0.0);
    assertThat(TableExp.exp(-Double.MAX_VALUE)).isEqualTo(0.0);
    assertThat(TableExp.exp(Double.NaN)).isNaN();
    for (double x = -709.0; x < -708.0; x += 1e-4) {
      assertClose(x);
    }
    assertClose(TableExp.LOWEST);
    assertClose(Math.nextDown(TableExp.LOWEST));
    assertClose(TableExp.HIGHEST);
    assertClose(-Double.MIN_VALUE);
  }

  @Test
  @DisplayName("gives the same bits interpreted and compiled")
  void deterministic() {
    // the first calls run interpreted, the later ones compiled: the bits must not change
    double[] xs = new double[1000];
    double[] first = new double[xs.length];
    Random random = new Random(7);
    for (int k = 0; k < xs.length; k++) {
      xs[k] = -50 * random.nextDouble();
      first[k] = TableExp.exp(xs[k]);
    }
    double sink = 0;
    for (int round = 0; round < 200; round++) {
      for (double x : xs) {
        sink += TableExp.exp(x);
      }
    }
    assertThat(sink).isFinite();
    for (int k = 0; k < xs.length; k++) {
      assertThat(Double.doubleToRawLongBits(TableExp.exp(xs[k])))
          .as("x = %s", xs[k]).isEqualTo(Double.doubleToRawLongBits(first[k]));
    }
  }
}

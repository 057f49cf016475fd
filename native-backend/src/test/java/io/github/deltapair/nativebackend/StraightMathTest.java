package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link StraightMath} against {@code StrictMath} (fdlibm, correctly rounded to within an ulp) over
 * every argument the kernels give it: {@code e^x} for softmax's {@code z_j − max ≤ 0} and sigmoid's
 * {@code −|z|}, {@code log1p} for {@code e^−|z| ∈ [0, 1]}.
 */
@DisplayName("The straight-line exp and log1p")
class StraightMathTest {

  @Test
  @DisplayName("e^x is within 4e-13 relative down to −708.39, subnormal within 1e-320 below, 0 from −745.2 down")
  void expAccuracy() {
    Random random = new Random(20261202);
    double worst = 0.0;
    for (int i = 0; i < 2_000_000; i++) {
      // the whole normal range, the moderate logits, and arguments near 0
      double x = switch (i % 3) {
        case 0 -> -random.nextDouble() * 708.39;
        case 1 -> -random.nextDouble() * 40;
        default -> -random.nextDouble() * Math.pow(10, -random.nextInt(20));
      };
      double expected = StrictMath.exp(x);
      worst = Math.max(worst, Math.abs(StraightMath.exp(x) - expected) / expected);
    }
    assertThat(worst).isLessThan(4e-13);
    for (double x = -708.4; x > -746; x -= 0.0137) {
      assertThat(Math.abs(StraightMath.exp(x) - StrictMath.exp(x))).as("at %s", x).isLessThan(1e-320);
    }
    for (double x : new double[] {-745.2, -746, -800, -1e300, -Double.MAX_VALUE}) {
      assertThat(StraightMath.exp(x)).as("at %s", x).isEqualTo(0.0);
    }
  }

  @Test
  @DisplayName("e^0 is exactly 1, and NaN and −∞ give NaN")
  void expSpecialValues() {
    assertThat(StraightMath.exp(0.0)).isEqualTo(1.0);
    assertThat(StraightMath.exp(-0.0)).isEqualTo(1.0);
    assertThat(StraightMath.exp(Double.NaN)).isNaN();
    assertThat(StraightMath.exp(Double.NEGATIVE_INFINITY)).isNaN();
  }

  @Test
  @DisplayName("log1p is within 2 ulp on [0, 1], keeping small arguments' relative accuracy")
  void log1pAccuracy() {
    Random random = new Random(7);
    for (int i = 0; i < 2_000_000; i++) {
      double x = i % 2 == 0 ? random.nextDouble() : random.nextDouble() * Math.pow(10, -random.nextInt(300));
      double expected = StrictMath.log1p(x);
      assertThat(Math.abs(StraightMath.log1p(x) - expected))
          .as("at %s", x).isLessThanOrEqualTo(2 * Math.ulp(expected));
    }
    assertThat(StraightMath.log1p(0.0)).isEqualTo(0.0);
    assertThat(StraightMath.log1p(1.0)).isEqualTo(Math.log(2));
    assertThat(StraightMath.log1p(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
    assertThat(StraightMath.log1p(Double.NaN)).isNaN();
  }

  @Test
  @DisplayName("the compiled (vectorised) loop gives the bits of one call at a time")
  void loopMatchesCalls() {
    Random random = new Random(3);
    double[] z = new double[1000];
    for (int k = 0; k < z.length; k++) {
      z[k] = random.nextGaussian() * 20;
    }
    double[] out = new double[z.length];
    // enough calls for C2 to compile and vectorise the loop
    for (int round = 0; round < 5000; round++) {
      StraightMath.expShiftedInto(z, 60.0, 0, z.length, out);
    }
    for (int k = 0; k < z.length; k++) {
      assertThat(Double.doubleToRawLongBits(out[k]))
          .as("element %d", k).isEqualTo(Double.doubleToRawLongBits(StraightMath.exp(z[k] - 60.0)));
    }
  }
  /**
   * The textbook form of exp's polynomial: {@code u = x/1024}, {@code 1 + u·q(u)} with q's
   * coefficients as {@code scripts/exp_polynomial.py} prints them, in the same Estrin order, then
   * ten squarings. {@code StraightMath} folds the {@code 2^−10} into the coefficients; this form
   * does not, so a coefficient scaled by the wrong power, or an operation reordered, shows here.
   */
  private static double expInU(double x) {
    double u = (Math.max(x, StraightMath.LOWEST) + x * 0.0) * 0x1p-10;
    double u2 = u * u;
    double u4 = u2 * u2;
    double q01 = Math.fma(0.4999999999999999, u, 1.0);
    double q23 = Math.fma(0.04166666666645805, u, 0.16666666666665855);
    double q45 = Math.fma(0.0013888888671855666, u, 0.008333333330564654);
    double q67 = Math.fma(2.4801232667254998e-05, u, 0.00019841259040134256);
    double q89 = Math.fma(2.744346524678181e-07, u, 2.7549524514194235e-06);
    double q1011 = Math.fma(1.4953094113048989e-09, u, 2.3984600486198835e-08);
    double q = Math.fma(Math.fma(Math.fma(q1011, u2, q89), u4, Math.fma(q67, u2, q45)), u4,
        Math.fma(q23, u2, q01));
    double p = Math.fma(q, u, 1.0);
    for (int k = 0; k < 10; k++) {
      p *= p;
    }
    return p;
  }

  @Test
  @DisplayName("e^x, its polynomial taken in x, has the bits of the same polynomial taken in u = x/1024")
  void expHasTheBitsOfTheFormInU() {
    Random random = new Random(20261204);
    for (int i = 0; i < 1_000_000; i++) {
      double x = switch (i % 4) {
        case 0 -> -random.nextDouble() * 746.5;
        case 1 -> -random.nextDouble() * 40;
        case 2 -> -random.nextDouble() * Math.pow(10, -random.nextInt(300));
        default -> -random.nextDouble() * 1e-3;
      };
      assertThat(Double.doubleToRawLongBits(StraightMath.exp(x)))
          .as("at %s", x).isEqualTo(Double.doubleToRawLongBits(expInU(x)));
    }
    for (double x : new double[] {0.0, -0.0, -Double.MIN_VALUE, -1e-310, -746, -1e300}) {
      assertThat(Double.doubleToRawLongBits(StraightMath.exp(x)))
          .as("at %s", x).isEqualTo(Double.doubleToRawLongBits(expInU(x)));
    }
  }
}

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
}

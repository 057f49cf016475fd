package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Vector API path's own exp and log1p: accurate, and the same bits compiled or not. */
@DisplayName("VectorMath")
class VectorMathTest {

  private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;

  @Test
  @DisplayName("exp is within 2 ulp of Math.exp where the result is normal, under 2.3e-308 where it would be subnormal, 0 below −745, ∞ above its limit 709.43, NaN for NaN")
  void expMatchesMathExp() {
    Random random = new Random(1);
    double[] x = new double[LANES.length()];
    double[] out = new double[LANES.length()];
    for (int round = 0; round < 20_000; round++) {
      for (int lane = 0; lane < x.length; lane++) {
        x[lane] = round < 10 ? -745.0 + 0.1 * lane * round : -745.0 + (745.0 + VectorMath.EXP_LIMIT) * random.nextDouble();
      }
      VectorMath.exp(DoubleVector.fromArray(LANES, x, 0)).intoArray(out, 0);
      for (int lane = 0; lane < x.length; lane++) {
        double expected = Math.exp(x[lane]);
        // where e^x would be subnormal (x < −708.4) VectorMath gives 0: judge that absolutely
        double tolerance = expected < Double.MIN_NORMAL ? Double.MIN_NORMAL : 2 * Math.ulp(expected);
        assertThat(Math.abs(out[lane] - expected)).as("exp(%s)", x[lane]).isLessThanOrEqualTo(tolerance);
      }
    }
    double[] special = {-800, -1e300, Double.NEGATIVE_INFINITY, 709.8, 1e300, Double.POSITIVE_INFINITY, Double.NaN, 0};
    // (709.8 and above: Math.exp is ∞ too)
    double[] wide = new double[Math.max(LANES.length(), special.length)];
    System.arraycopy(special, 0, wide, 0, special.length);
    for (int base = 0; base < wide.length; base += LANES.length()) {
      VectorMath.exp(DoubleVector.fromArray(LANES, wide, base)).intoArray(out, 0);
      for (int lane = 0; lane < LANES.length() && base + lane < special.length; lane++) {
        assertThat(Double.valueOf(out[lane])).as("exp(%s)", special[base + lane])
            .isEqualTo(Double.valueOf(Math.exp(special[base + lane])));
      }
    }
  }

  @Test
  @DisplayName("log1p is within 4 ulp of Math.log1p on [0, 1], tiny arguments included")
  void log1pMatchesMathLog1p() {
    Random random = new Random(2);
    double[] u = new double[LANES.length()];
    double[] out = new double[LANES.length()];
    for (int round = 0; round < 20_000; round++) {
      for (int lane = 0; lane < u.length; lane++) {
        u[lane] = round % 2 == 0 ? random.nextDouble() : Math.exp(-745 * random.nextDouble());
      }
      VectorMath.log1p(DoubleVector.fromArray(LANES, u, 0)).intoArray(out, 0);
      for (int lane = 0; lane < u.length; lane++) {
        double expected = Math.log1p(u[lane]);
        assertThat(Math.abs(out[lane] - expected)).as("log1p(%s)", u[lane])
            .isLessThanOrEqualTo(4 * Math.ulp(expected));
      }
    }
  }

  @Test
  @DisplayName("exp + poisson on the vector path is exact past VectorMath's limit, up to log(MAX_VALUE)")
  void expPoissonPastTheVectorLimit() {
    Evaluator backend = Evaluator.of(new NativeBackend(true, Long.MAX_VALUE));
    Batch z = Batch.zeros(2, 16);
    Batch y = Batch.zeros(2, 16);
    for (int j = 0; j < 16; j++) {
      // one logit past the vector limit per row block, the rest moderate: the sum stays finite
      z.set(0, j, j == 3 ? 709.6 : -3.0 + 0.5 * j);
      z.set(1, j, -3.0 + j);
      y.set(0, j, 1.0);
    }
    Batch delta = Batch.zeros(2, 16);
    double loss = backend.evaluate(Pair.of("exp", "poisson"), z, y, Reduction.SUM, delta);
    double expected = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 16; j++) {
        double a = Math.exp(z.get(i, j));
        expected += a - y.get(i, j) * z.get(i, j);
        assertThat(delta.get(i, j)).isCloseTo(a - y.get(i, j), org.assertj.core.api.Assertions.within(1e-12 * Math.max(1, a)));
      }
    }
    assertThat(loss).isFinite().isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-10 * Math.abs(expected)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"softmax+cross-entropy", "sigmoid+binary-cross-entropy",
      "exp+poisson", "tanh+bipolar-cross-entropy", "identity+squared-error",
      "softmax+kl-divergence"})
  @DisplayName("a vector kernel's first call and its call after 20 000 more (JIT-compiled by then) give the same bits")
  void bitsDoNotDependOnCompilation(String name) {
    Pair pair = Pair.parse(name);
    Evaluator backend = Evaluator.of(new NativeBackend(true, Long.MAX_VALUE));
    Batch z = Batch.zeros(4, 29);
    Random random = new Random(3);
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = 5 * random.nextGaussian();
    }
    Batch y = RandomTargets.soft(pair.loss(), 4, 29, random);
    Batch first = Batch.zeros(4, 29);
    double firstLoss = backend.evaluate(pair, z, y, Reduction.SUM, first);
    Batch later = Batch.zeros(4, 29);
    double laterLoss = 0;
    for (int call = 0; call < 20_000; call++) {
      laterLoss = backend.evaluate(pair, z, y, Reduction.SUM, later);
    }
    assertThat(Double.doubleToRawLongBits(laterLoss)).isEqualTo(Double.doubleToRawLongBits(firstLoss));
    assertThat(later.sameBits(first)).as("delta bits").isTrue();
  }
}

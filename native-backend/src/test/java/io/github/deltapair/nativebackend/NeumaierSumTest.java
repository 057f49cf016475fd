package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Loss values are summed with compensation")
class NeumaierSumTest {

  @Test
  @DisplayName("summing an array in locals gives the bits of adding its terms one by one")
  void arraySumMatchesTheRunningSum() {
    Random random = new Random(5);
    double[] terms = new double[1000];
    for (int i = 0; i < terms.length; i++) {
      terms[i] = Math.scalb(random.nextGaussian(), random.nextInt(120) - 60);
    }
    NeumaierSum running = new NeumaierSum();
    for (int i = 0; i < 700; i++) {
      running.add(terms[i]);
    }
    assertThat(Double.doubleToRawLongBits(NeumaierSum.of(terms, 700)))
        .isEqualTo(Double.doubleToRawLongBits(running.value()));
  }

  @Test
  @DisplayName("1e16 + 1 − 1e16 is 1, where plain summation gives 0")
  void keepsTheBitsPlainSummationLoses() {
    NeumaierSum sum = new NeumaierSum();
    sum.add(1e16);
    sum.add(1.0);
    sum.add(-1e16);

    assertThat(sum.value()).isEqualTo(1.0);
  }

  @Test
  @DisplayName("A million additions of 0.1 equal the exactly rounded sum")
  void manySmallTerms() {
    NeumaierSum sum = new NeumaierSum();
    BigDecimal exact = BigDecimal.ZERO;
    for (int k = 0; k < 1_000_000; k++) {
      sum.add(0.1);
      exact = exact.add(new BigDecimal(0.1));
    }

    assertThat(sum.value()).isEqualTo(exact.doubleValue());
  }

  @Test
  @DisplayName("identity + squared-error over 512 × 1000 with a wide dynamic range matches an exact sum")
  void largeBatchMatchesExactOracle() {
    int m = 512;
    int n = 1000;
    Random random = new Random(20261127L);
    double[] z = new double[m * n];
    double[] y = new double[m * n];
    for (int k = 0; k < z.length; k++) {
      z[k] = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
      y[k] = random.nextGaussian();
    }
    // exact: ½ Σ (z − y)² in BigDecimal, from the same doubles
    BigDecimal exact = BigDecimal.ZERO;
    for (int k = 0; k < z.length; k++) {
      BigDecimal r = new BigDecimal(z[k]).subtract(new BigDecimal(y[k]));
      exact = exact.add(r.multiply(r));
    }
    double expected = exact.multiply(new BigDecimal("0.5")).round(MathContext.DECIMAL64).doubleValue();

    double loss = Evaluator.of(new NativeBackend())
        .evaluate(Pair.canonical(Loss.SQUARED_ERROR), Batch.wrap(z, m, n),
            Batch.wrap(y, m, n), Reduction.SUM)
        .loss();

    assertThat(loss).isCloseTo(expected, within(1e-13 * expected));
  }
}

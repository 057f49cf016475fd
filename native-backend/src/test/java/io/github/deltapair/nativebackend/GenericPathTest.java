package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.GradientCheck;
import io.github.deltapair.Loss;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pairs of third-party definitions run the generic path, {@code Pair.lossOfRows}, validated by the evaluator. */
@DisplayName("Third-party pairs through the generic path")
class GenericPathTest {

  private final NativeBackend backend = new NativeBackend();
  private final Evaluator evaluator = Evaluator.of(backend);

  static Stream<Pair> pluginPairs() {
    return Stream.of(
        Pair.of(TestPlugins.SOFTSIGN, TestPlugins.LOG_COSH),
        Pair.of(TestPlugins.SOFTSIGN, Loss.SQUARED_ERROR),
        Pair.of(TestPlugins.SOFTSIGN, Loss.BIPOLAR_CROSS_ENTROPY),
        Pair.of(Activation.SOFTMAX, TestPlugins.LOG_COSH),
        Pair.of(Activation.TANH, TestPlugins.LOG_COSH),
        Pair.of(Activation.IDENTITY, TestPlugins.HALF_SQUARES_OF_LOGITS));
  }

  private static Batch moderate(int rows, int cols, long seed) {
    Random random = new Random(seed);
    Batch z = Batch.zeros(rows, cols);
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = 4 * random.nextDouble() - 2;
    }
    return z;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pluginPairs")
  @DisplayName("is supported, and leaves the input checks to the evaluator (checksInputs is false)")
  void supportedButNotSelfChecking(Pair pair) {
    assertThat(backend.supports(pair)).isTrue();
    assertThat(backend.checksInputs(pair)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pluginPairs")
  @DisplayName("agrees with central differences of its own loss, for both reductions")
  void finiteDifferences(Pair pair) {
    Batch z = moderate(3, 4, pair.name().hashCode());
    Batch y = RandomTargets.soft(pair.loss(), 3, 4, new Random(7));
    for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.MEAN}) {
      GradientCheck.Result result = GradientCheck.run(evaluator, pair, z, y, reduction);
      assertThat(result.passed()).as("%s %s: %s", pair, reduction, result).isTrue();
      assertThat(result.checked()).isEqualTo(12);
    }
  }

  @Test
  @DisplayName("softsign + log-cosh: ℓ = Σ log cosh(a − y), δ = tanh(a − y)/(1 + |z|)²")
  void textbookSoftsignLogCosh() {
    double[] z = {-3, -0.5, 0.25, 4};
    double[] y = {0.5, -1, 2, 0};
    LossResult r = evaluator.evaluate(Pair.of(TestPlugins.SOFTSIGN, TestPlugins.LOG_COSH),
        Batch.of(new double[][] {z}), Batch.of(new double[][] {y}), Reduction.SUM);
    double loss = 0;
    for (int j = 0; j < z.length; j++) {
      double a = z[j] / (1 + Math.abs(z[j]));
      loss += Math.log(Math.cosh(a - y[j]));
      assertThat(r.delta().get(0, j))
          .isCloseTo(Math.tanh(a - y[j]) / ((1 + Math.abs(z[j])) * (1 + Math.abs(z[j]))), within(1e-15));
      assertThat(r.activations().get(0, j)).isCloseTo(a, within(1e-16));
    }
    assertThat(r.loss()).isCloseTo(loss, within(1e-14));
  }

  @Test
  @DisplayName("a loss defined only from the logits gives ½Σ(z − y)² and δ = z − y, MEAN divided by m")
  void logitsOnlyLoss() {
    Batch z = Batch.of(new double[][] {{3, -1}, {0.5, 2}});
    Batch y = Batch.of(new double[][] {{1, 0}, {0.5, 1}});
    LossResult r = evaluator.evaluate(Pair.canonical(TestPlugins.HALF_SQUARES_OF_LOGITS), z, y,
        Reduction.MEAN);
    assertThat(r.loss()).isEqualTo((2.0 + 0.5 + 0 + 0.5) / 2);
    assertThat(r.delta().toArray()).isEqualTo(new double[][] {{1.0, -0.5}, {0.0, 0.5}});
  }

  @Test
  @DisplayName("bad input to a third-party pair is rejected by the evaluator, naming row and column")
  void badInputRejected() {
    Pair pair = Pair.canonical(TestPlugins.HALF_SQUARES_OF_LOGITS);
    assertThatThrownBy(() -> evaluator.evaluate(pair, Batch.of(new double[][] {{0, 1}}),
        Batch.of(new double[][] {{0.5, 1.5}}), Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0, column 1");
    assertThatThrownBy(() -> evaluator.evaluate(Pair.of(TestPlugins.SOFTSIGN, TestPlugins.LOG_COSH),
        Batch.of(new double[][] {{Double.NaN}}), Batch.of(new double[][] {{0}}), Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0, column 0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pluginPairs")
  @DisplayName("row blocks in parallel give the bits of one thread on the generic path too")
  void parallelBits(Pair pair) {
    Batch z = moderate(300, 97, 11);
    Batch y = RandomTargets.soft(pair.loss(), 300, 97, new Random(12));
    Batch one = Batch.zeros(300, 97);
    Batch many = Batch.zeros(300, 97);
    double sequential = Evaluator.of(new NativeBackend(false, Long.MAX_VALUE))
        .evaluate(pair, z, y, Reduction.SUM, one);
    double parallel = Evaluator.of(new NativeBackend(false, 0)).evaluate(pair, z, y, Reduction.SUM, many);
    assertThat(Double.doubleToRawLongBits(parallel)).isEqualTo(Double.doubleToRawLongBits(sequential));
    assertThat(many.sameBits(one)).isTrue();
  }
}

package io.github.deltapair.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Loss;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * huber, focal and kl-divergence on the dl4j backend against the plain textbook formulas written
 * here (docs/contract.md §3.3), at moderate logits and at |z| = 1000.
 */
@DisplayName("dl4j computes huber, focal and kl-divergence as their textbook formulas")
class NewLossesTest {

  private static final double TOLERANCE = 1e-12;

  private final Evaluator dl4j = Evaluator.of(new Dl4jBackend());

  /** An element-wise activation's textbook value and derivative. */
  private record TextbookActivation(Activation f, DoubleUnaryOperator value, DoubleUnaryOperator derivative) {
    @Override
    public String toString() {
      return f.id();
    }
  }

  private static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  private static final List<TextbookActivation> ELEMENTWISE = List.of(
      new TextbookActivation(Activation.IDENTITY, z -> z, z -> 1.0),
      new TextbookActivation(Activation.SIGMOID, NewLossesTest::sigmoid, z -> sigmoid(z) * (1 - sigmoid(z))),
      new TextbookActivation(Activation.TANH, Math::tanh, z -> 1 - Math.tanh(z) * Math.tanh(z)),
      new TextbookActivation(Activation.EXP, Math::exp, Math::exp),
      new TextbookActivation(Activation.RELU, z -> Math.max(0, z), z -> z > 0 ? 1.0 : 0.0),
      new TextbookActivation(Activation.SOFTPLUS, z -> Math.log(1 + Math.exp(z)), NewLossesTest::sigmoid));

  private static final double[][] Z = {{-2.5, -0.4, 0.3, 1.7}, {2.9, -1.2, 0.8, -0.05}};

  /** TextbookActivation softmax of one row. */
  private static double[] softmax(double[] z) {
    double sum = 0;
    double[] a = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      a[j] = Math.exp(z[j]);
      sum += a[j];
    }
    for (int j = 0; j < z.length; j++) {
      a[j] /= sum;
    }
    return a;
  }

  private static double huber(double r, double d) {
    return Math.abs(r) <= d ? 0.5 * r * r : d * (Math.abs(r) - 0.5 * d);
  }

  private static void assertResult(LossResult got, double loss, double[][] delta) {
    assertThat(got.loss()).isCloseTo(loss, within(TOLERANCE * Math.max(1, Math.abs(loss))));
    for (int i = 0; i < delta.length; i++) {
      for (int j = 0; j < delta[i].length; j++) {
        assertThat(got.delta().get(i, j)).as("δ at (%d, %d)", i, j)
            .isCloseTo(delta[i][j], within(TOLERANCE * Math.max(1, Math.abs(delta[i][j]))));
      }
    }
  }

  @Nested
  @DisplayName("huber(delta=d): ½r² inside d, d(|r| − ½d) outside, δ = clip(r, −d, d) through the activation")
  class Huber {

    static Stream<Arguments> elementwise() {
      return ELEMENTWISE.stream().flatMap(t -> Stream.of(Arguments.of(t, 0.5), Arguments.of(t, 1.0)));
    }

    @ParameterizedTest(name = "{0} + huber(delta={1})")
    @MethodSource("elementwise")
    @DisplayName("Every element-wise activation, both sides of d, SUM and MEAN")
    void elementwiseActivations(TextbookActivation t, double d) {
      double[][] y = {{-1.5, 0.2, 0.9, 0.5}, {1.0, -0.3, 2.5, 0.0}};
      double loss = 0;
      double[][] delta = new double[2][4];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 4; j++) {
          double r = t.value().applyAsDouble(Z[i][j]) - y[i][j];
          loss += huber(r, d);
          delta[i][j] = Math.max(-d, Math.min(d, r)) * t.derivative().applyAsDouble(Z[i][j]);
        }
      }
      Pair pair = Pair.of(t.f(), Loss.huber(d));
      assertResult(dl4j.evaluate(pair, Batch.of(Z), Batch.of(y), Reduction.SUM), loss, delta);
      double[][] half = {new double[4], new double[4]};
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 4; j++) {
          half[i][j] = delta[i][j] / 2;
        }
      }
      assertResult(dl4j.evaluate(pair, Batch.of(Z), Batch.of(y), Reduction.MEAN), loss / 2, half);
    }

    @Test
    @DisplayName("softmax + huber(delta=0.2): δ_k = a_k (g_k − Σ_j g_j a_j) with g = clip(a − y, −d, d)")
    void softmaxActivation() {
      double d = 0.2;
      double[][] y = {{1, 0, 0, 0}, {0.1, 0.2, 0.3, 0.4}};
      double loss = 0;
      double[][] delta = new double[2][4];
      for (int i = 0; i < 2; i++) {
        double[] a = NewLossesTest.softmax(Z[i]);
        double[] g = new double[4];
        double dot = 0;
        for (int j = 0; j < 4; j++) {
          loss += huber(a[j] - y[i][j], d);
          g[j] = Math.max(-d, Math.min(d, a[j] - y[i][j]));
          dot += g[j] * a[j];
        }
        for (int k = 0; k < 4; k++) {
          delta[i][k] = a[k] * (g[k] - dot);
        }
      }
      assertResult(dl4j.evaluate(Pair.of(Activation.SOFTMAX, Loss.huber(d)), Batch.of(Z), Batch.of(y),
          Reduction.SUM), loss, delta);
    }

    @Test
    @DisplayName("identity + huber at r = ±d exactly, and at |z| = 1000: δ = ±d, loss linear")
    void boundaryAndLargeResiduals() {
      double[][] z = {{1.5, -0.5, 1000, -1000}};
      double[][] y = {{1.0, 0.0, 0.0, 0.0}};
      double d = 0.5;
      double loss = 0.125 + 0.125 + 2 * d * (1000 - 0.5 * d);
      assertResult(dl4j.evaluate(Pair.of(Activation.IDENTITY, Loss.huber(d)), Batch.of(z), Batch.of(y),
          Reduction.SUM), loss, new double[][] {{0.5, -0.5, 0.5, -0.5}});
    }
  }

  @Nested
  @DisplayName("sigmoid + focal(gamma, alpha): α_t (1 − p_t)^γ · BCE, from the logits")
  class Focal {

    /** TextbookActivation focal loss of one output, naive (moderate z only). */
    private double focal(double z, double y, double gamma, Double alpha) {
      double p = sigmoid(z);
      double pt = p * y + (1 - p) * (1 - y);
      double at = alpha == null ? 1.0 : alpha * y + (1 - alpha) * (1 - y);
      double bce = -y * Math.log(p) - (1 - y) * Math.log(1 - p);
      return at * Math.pow(1 - pt, gamma) * bce;
    }

    @ParameterizedTest(name = "gamma = {0}, alpha = {1}")
    @CsvSource({"2.0,", "0.5,", "2.0, 0.25", "0.0, 0.75", "3.0, 0.5"})
    @DisplayName("Loss equals the textbook sum, δ its central difference, hard and soft targets")
    void moderateLogits(double gamma, Double alpha) {
      double[][] y = {{0, 1, 0.3, 1}, {0, 0.7, 1, 0}};
      Loss loss = alpha == null ? Loss.focal(gamma) : Loss.focal(gamma, alpha);
      LossResult got = dl4j.evaluate(Pair.of(Activation.SIGMOID, loss), Batch.of(Z), Batch.of(y), Reduction.SUM);
      double total = 0;
      double h = 1e-5;
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 4; j++) {
          double z = Z[i][j];
          total += focal(z, y[i][j], gamma, alpha);
          // δ ≈ (ℓ(z + h) − ℓ(z − h)) / 2h
          double difference = (focal(z + h, y[i][j], gamma, alpha) - focal(z - h, y[i][j], gamma, alpha)) / (2 * h);
          assertThat(got.delta().get(i, j)).as("δ at (%d, %d)", i, j)
              .isCloseTo(difference, within(1e-8));
        }
      }
      assertThat(got.loss()).isCloseTo(total, within(TOLERANCE * total));
    }

    @Test
    @DisplayName("focal(gamma=0.0) without alpha is binary cross-entropy: δ = σ(z) − y")
    void gammaZeroIsBinaryCrossEntropy() {
      double[][] y = {{0, 1, 0.3, 1}, {0, 0.7, 1, 0}};
      LossResult focal = dl4j.evaluate(Pair.of(Activation.SIGMOID, Loss.focal(0.0)), Batch.of(Z), Batch.of(y), Reduction.SUM);
      double loss = 0;
      double[][] delta = new double[2][4];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 4; j++) {
          double p = sigmoid(Z[i][j]);
          loss += -y[i][j] * Math.log(p) - (1 - y[i][j]) * Math.log(1 - p);
          delta[i][j] = p - y[i][j];
        }
      }
      assertResult(focal, loss, delta);
    }

    @ParameterizedTest(name = "z = {0}, y = {1}, alpha = {2}: loss {3}, δ {4}")
    @CsvSource({
        "1000, 0, , 1000, 1", "1000, 0, 0.25, 750, 0.75", "-1000, 1, , 1000, -1",
        "-1000, 1, 0.25, 250, -0.25", "-1000, 0, , 0, 0", "1000, 1, , 0, 0"})
    @DisplayName("|z| = 1000 with gamma = 2: finite and exact (a confident wrong output costs |z|, δ = ±α_t)")
    void extremeLogits(double z, double y, Double alpha, double loss, double delta) {
      Loss focal = alpha == null ? Loss.focal(2.0) : Loss.focal(2.0, alpha);
      LossResult got = dl4j.evaluate(Pair.of(Activation.SIGMOID, focal), Batch.of(new double[][] {{z}}),
          Batch.of(new double[][] {{y}}), Reduction.SUM);
      assertThat(got.loss()).isCloseTo(loss, within(1e-12));
      assertThat(got.delta().get(0, 0)).isCloseTo(delta, within(1e-12));
    }
  }

  @Nested
  @DisplayName("kl-divergence: Σ y (log y − log a), 0·log 0 = 0")
  class KlDivergence {

    private final double[][] z = {{-1.0, 0.5, 2.0}, {0.3, -0.7, 1.1}};
    private final double[][] y = {{0.2, 0.8, 0.0}, {0.25, 0.25, 0.5}};

    private double kl(double a, double y) {
      return y == 0 ? 0 : y * (Math.log(y) - Math.log(a));
    }

    @Test
    @DisplayName("softmax (canonical): loss textbook, δ = a − y")
    void softmaxIsCanonical() {
      double loss = 0;
      double[][] delta = new double[2][3];
      for (int i = 0; i < 2; i++) {
        double[] a = softmax(z[i]);
        for (int j = 0; j < 3; j++) {
          loss += kl(a[j], y[i][j]);
          delta[i][j] = a[j] - y[i][j];
        }
      }
      Pair pair = Pair.canonical(Loss.KL_DIVERGENCE);
      assertThat(pair.activation()).isEqualTo(Activation.SOFTMAX);
      assertResult(dl4j.evaluate(pair, Batch.of(z), Batch.of(y), Reduction.SUM), loss, delta);
    }

    @Test
    @DisplayName("softmax at z = [1000, 0, −1000], y = [0.5, 0.5, 0]: loss 500 + log 0.5, δ = [0.5, −0.5, 0]")
    void softmaxAtExtremeLogits() {
      LossResult got = dl4j.evaluate(Pair.canonical(Loss.KL_DIVERGENCE),
          Batch.of(new double[][] {{1000, 0, -1000}}), Batch.of(new double[][] {{0.5, 0.5, 0}}), Reduction.SUM);
      assertResult(got, 500 + Math.log(0.5), new double[][] {{0.5, -0.5, 0}});
    }

    static Stream<TextbookActivation> chainRule() {
      return ELEMENTWISE.stream().filter(t -> Pair.fits(t.f(), Loss.KL_DIVERGENCE));
    }

    @ParameterizedTest(name = "{0} + kl-divergence")
    @MethodSource("chainRule")
    @DisplayName("sigmoid, exp, softplus (chain rule): loss textbook, δ = −y/a · f'(z)")
    void chainRulePairs(TextbookActivation t) {
      double loss = 0;
      double[][] delta = new double[2][3];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          double a = t.value().applyAsDouble(z[i][j]);
          loss += kl(a, y[i][j]);
          delta[i][j] = -y[i][j] / a * t.derivative().applyAsDouble(z[i][j]);
        }
      }
      assertResult(dl4j.evaluate(Pair.of(t.f(), Loss.KL_DIVERGENCE), Batch.of(z), Batch.of(y), Reduction.SUM),
          loss, delta);
    }

    @Test
    @DisplayName("The chain-rule pairs are exactly sigmoid, exp and softplus")
    void chainRuleActivations() {
      assertThat(chainRule().map(TextbookActivation::toString)).containsExactly("sigmoid", "exp", "softplus");
    }
  }
}

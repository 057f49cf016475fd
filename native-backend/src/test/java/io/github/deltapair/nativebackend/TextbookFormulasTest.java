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
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Hand-picked points checked against textbook formulas, written here independently. */
@DisplayName("The native backend agrees with textbook formulas")
class TextbookFormulasTest {

  private static final double TOL = 1e-14;
  /**
   * For the pairs whose scalar kernels take e^x from StraightMath (softmax, sigmoid), within 4e-13
   * relative: C1's bound.
   */
  private static final double EXP_TOL = 1e-12;
  private final Evaluator backend = Evaluator.of(new NativeBackend());

  private LossResult eval(String f, String loss, double[][] z, double[][] y) {
    return backend.evaluate(Pair.of(f, loss), Batch.of(z), Batch.of(y), Reduction.SUM);
  }

  /** σ(z) from its definition. */
  private static double sigma(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /** σ'(z) = e^−z / (1 + e^−z)², from differentiating the definition. */
  private static double sigmaPrime(double z) {
    double e = Math.exp(-z);
    return e / ((1 + e) * (1 + e));
  }

  @Nested
  @DisplayName("Matched pairs at extreme logits")
  class Matched {

    @Test
    @DisplayName("sigmoid + BCE at z = 1000, y = 0 has loss 1000 and δ = 1; at z = −1000, y = 1 loss 1000, δ = −1")
    void sigmoidBinaryCrossEntropyAtThousand() {
      LossResult r = eval("sigmoid", "binary-cross-entropy", new double[][] {{1000, -1000}},
          new double[][] {{0, 1}});

      assertThat(r.loss()).isEqualTo(2000.0);
      assertThat(r.delta().toArray()[0]).containsExactly(1.0, -1.0);
    }

    @Test
    @DisplayName("sigmoid + BCE at z = 0, y = ½ has loss log 2 and δ = 0")
    void sigmoidBinaryCrossEntropyAtZero() {
      LossResult r = eval("sigmoid", "binary-cross-entropy", new double[][] {{0}}, new double[][] {{0.5}});

      assertThat(r.loss()).isCloseTo(Math.log(2), within(TOL));
      assertThat(r.delta().get(0, 0)).isEqualTo(0.0);
    }

    @Test
    @DisplayName("softmax + CE at z = (1000, −1000, 0), y = (0, 1, 0) has loss 2000 and δ = (1, −1, 0)")
    void softmaxCrossEntropyAtThousand() {
      LossResult r = eval("softmax", "cross-entropy", new double[][] {{1000, -1000, 0}},
          new double[][] {{0, 1, 0}});

      assertThat(r.loss()).isEqualTo(2000.0);
      assertThat(r.delta().toArray()[0]).containsExactly(1.0, -1.0, 0.0);
    }

    @Test
    @DisplayName("softmax + CE at z = (1, 2, 3) matches −log softmax with δ = softmax − y")
    void softmaxCrossEntropyModerate() {
      LossResult r = eval("softmax", "cross-entropy", new double[][] {{1, 2, 3}},
          new double[][] {{0.2, 0.3, 0.5}});
      double s = Math.exp(1) + Math.exp(2) + Math.exp(3);
      double[] a = {Math.exp(1) / s, Math.exp(2) / s, Math.exp(3) / s};
      double expected = -(0.2 * Math.log(a[0]) + 0.3 * Math.log(a[1]) + 0.5 * Math.log(a[2]));

      assertThat(r.loss()).isCloseTo(expected, within(EXP_TOL));
      assertThat(r.delta().get(0, 0)).isCloseTo(a[0] - 0.2, within(EXP_TOL));
      assertThat(r.delta().get(0, 1)).isCloseTo(a[1] - 0.3, within(EXP_TOL));
      assertThat(r.delta().get(0, 2)).isCloseTo(a[2] - 0.5, within(EXP_TOL));
    }

    @Test
    @DisplayName("exp + Poisson at z = ±700 has loss e^z − y·z and δ = e^z − y")
    void expPoissonAtSevenHundred() {
      LossResult r = eval("exp", "poisson", new double[][] {{700}, {-700}}, new double[][] {{3}, {2}});

      assertThat(r.loss()).isCloseTo(Math.exp(700) - 2100 + Math.exp(-700) + 1400,
          within(1e-15 * Math.exp(700)));
      assertThat(r.delta().get(0, 0)).isCloseTo(Math.exp(700) - 3, within(1e-15 * Math.exp(700)));
      assertThat(r.delta().get(1, 0)).isEqualTo(Math.exp(-700) - 2);
    }

    @Test
    @DisplayName("tanh + bipolar at z = 1000, y = −1 has loss 2000 and δ = 2; at z = 0, y = 0 loss log 2")
    void tanhBipolar() {
      LossResult r = eval("tanh", "bipolar-cross-entropy", new double[][] {{1000}, {0}},
          new double[][] {{-1}, {0}});

      assertThat(r.loss()).isCloseTo(2000 + Math.log(2), within(1e-12));
      assertThat(r.delta().get(0, 0)).isEqualTo(2.0);
      assertThat(r.delta().get(1, 0)).isEqualTo(0.0);
    }

    @Test
    @DisplayName("identity + squared-error is ½(z − y)² with δ = z − y")
    void identitySquaredError() {
      LossResult r = eval("identity", "squared-error", new double[][] {{3, -1}}, new double[][] {{1, 1}});

      assertThat(r.loss()).isEqualTo(4.0);
      assertThat(r.delta().toArray()[0]).containsExactly(2.0, -2.0);
    }
  }

  @Nested
  @DisplayName("Chain-rule pairs")
  class ChainRule {

    @Test
    @DisplayName("sigmoid + squared-error: δ = (σ(z) − y)·σ'(z), σ' from its definition")
    void sigmoidSquaredError() {
      double[] z = {0.5, -2.0, 4.0};
      double[] y = {1.0, 0.0, 0.25};
      LossResult r = eval("sigmoid", "squared-error", new double[][] {z}, new double[][] {y});

      double loss = 0;
      for (int j = 0; j < z.length; j++) {
        loss += 0.5 * Math.pow(sigma(z[j]) - y[j], 2);
        assertThat(r.delta().get(0, j)).isCloseTo((sigma(z[j]) - y[j]) * sigmaPrime(z[j]), within(TOL));
      }
      assertThat(r.loss()).isCloseTo(loss, within(TOL));
    }

    @Test
    @DisplayName("tanh + squared-error: δ = (tanh z − y)/cosh² z")
    void tanhSquaredError() {
      double z = 0.7;
      double y = -0.3;
      LossResult r = eval("tanh", "squared-error", new double[][] {{z}}, new double[][] {{y}});

      assertThat(r.delta().get(0, 0))
          .isCloseTo((Math.tanh(z) - y) / (Math.cosh(z) * Math.cosh(z)), within(TOL));
    }

    @Test
    @DisplayName("relu + squared-error: δ = z − y above 0 and 0 below")
    void reluSquaredError() {
      LossResult r = eval("relu", "squared-error", new double[][] {{2.5, -1}}, new double[][] {{1, 3}});

      assertThat(r.loss()).isEqualTo(0.5 * 1.5 * 1.5 + 0.5 * 9);
      assertThat(r.delta().toArray()[0]).containsExactly(1.5, 0.0);
    }

    @Test
    @DisplayName("exp + squared-error: δ = (e^z − y)·e^z")
    void expSquaredError() {
      LossResult r = eval("exp", "squared-error", new double[][] {{1.25}}, new double[][] {{2}});

      double a = Math.exp(1.25);
      assertThat(r.delta().get(0, 0)).isCloseTo((a - 2) * a, within(TOL));
      assertThat(r.loss()).isCloseTo(0.5 * (a - 2) * (a - 2), within(TOL));
    }

    @Test
    @DisplayName("softplus + Poisson: δ = (1 − y/a)·σ(z) with a = log(1 + e^z)")
    void softplusPoisson() {
      double z = -1.5;
      double y = 2;
      LossResult r = eval("softplus", "poisson", new double[][] {{z}}, new double[][] {{y}});

      double a = Math.log(1 + Math.exp(z));
      assertThat(r.delta().get(0, 0)).isCloseTo((1 - y / a) * sigma(z), within(TOL));
      assertThat(r.loss()).isCloseTo(a - y * Math.log(a), within(TOL));
    }

    @Test
    @DisplayName("sigmoid + bipolar: loss −Σ((1±y)/2)log((1±a)/2), δ = (a − y)/(1 − a²)·a(1 − a)")
    void sigmoidBipolar() {
      double z = 0.3;
      double y = -0.6;
      LossResult r = eval("sigmoid", "bipolar-cross-entropy", new double[][] {{z}}, new double[][] {{y}});

      double a = sigma(z);
      double loss = -(1 + y) / 2 * Math.log((1 + a) / 2) - (1 - y) / 2 * Math.log((1 - a) / 2);
      assertThat(r.loss()).isCloseTo(loss, within(TOL));
      assertThat(r.delta().get(0, 0)).isCloseTo((a - y) / (1 - a * a) * sigmaPrime(z), within(TOL));
    }

    @Test
    @DisplayName("sigmoid and tanh + squared-error stay finite where the activation saturates: δ = +0 at z = ±1000")
    void saturatedSquaredErrorIsZeroNotNaN() {
      for (String f : new String[] {"sigmoid", "tanh"}) {
        LossResult r = eval(f, "squared-error", new double[][] {{1000, -1000}}, new double[][] {{2, 0.5}});

        assertThat(r.delta().toArray()[0]).as(f).containsExactly(0.0, 0.0);
        assertThat(Double.isFinite(r.loss())).isTrue();
      }
    }

    @Test
    @DisplayName("A chain-rule pair whose activation saturates to the loss's edge is rejected, naming row and column")
    void saturatedChainRuleIsRejected() {
      assertThatThrownBy(() -> eval("sigmoid", "bipolar-cross-entropy",
          new double[][] {{0.0, 40.0}}, new double[][] {{0.0, 1.0}}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("row 0, column 1");
    }

    @Test
    @DisplayName("softmax + squared-error and + BCE: δ = Jᵀg with the full Jacobian diag(a) − a aᵀ")
    void softmaxJacobianProduct() {
      double[] z = {0.1, -1.2, 2.0, 0.4};
      double[] y = {0.0, 1.0, 0.3, 0.7};
      double s = 0;
      for (double v : z) {
        s += Math.exp(v);
      }
      double[] a = new double[z.length];
      for (int j = 0; j < z.length; j++) {
        a[j] = Math.exp(z[j]) / s;
      }
      // g = ∂ℓ/∂a of each loss, written here
      Map<Loss, DoubleBinaryOperator> gradients = Map.of(
          Loss.SQUARED_ERROR, (p, t) -> p - t,
          Loss.BINARY_CROSS_ENTROPY, (p, t) -> (p - t) / (p * (1 - p)));
      for (Map.Entry<Loss, DoubleBinaryOperator> entry : gradients.entrySet()) {
        Loss loss = entry.getKey();
        LossResult r = backend.evaluate(Pair.of(Activation.SOFTMAX, loss),
            Batch.of(new double[][] {z}), Batch.of(new double[][] {y}), Reduction.SUM);
        for (int k = 0; k < z.length; k++) {
          // δ_k = Σ_j J_jk g_j, J_jk = ∂a_j/∂z_k = a_j([j = k] − a_k)
          double expected = 0;
          for (int j = 0; j < z.length; j++) {
            double g = entry.getValue().applyAsDouble(a[j], y[j]);
            expected += a[j] * ((j == k ? 1 : 0) - a[k]) * g;
          }
          assertThat(r.delta().get(0, k)).as("%s column %d", loss, k).isCloseTo(expected, within(TOL));
        }
      }
    }
  }

  @Nested
  @DisplayName("Reductions, purity and finite differences")
  class General {

    private final Batch z = Batch.of(new double[][] {{0.3, -0.8}, {1.7, 0.2}, {-2.0, 0.9}});
    private final Batch y = Batch.of(new double[][] {{0.4, 0.6}, {1.0, 0.0}, {0.5, 0.5}});

    @Test
    @DisplayName("MEAN is SUM / m for the loss and every delta, for every pair")
    void meanIsSumOverRows() {
      for (Pair pair : Pair.all()) {
        LossResult sum = backend.evaluate(pair, z, y, Reduction.SUM);
        LossResult mean = backend.evaluate(pair, z, y, Reduction.MEAN);
        assertThat(mean.loss()).as(pair.name()).isCloseTo(sum.loss() / 3, within(1e-15 * Math.abs(sum.loss())));
        for (int k = 0; k < z.size(); k++) {
          assertThat(mean.delta().array()[k]).as(pair.name())
              .isCloseTo(sum.delta().array()[k] / 3,
                  within(1e-15 * Math.max(1, Math.abs(sum.delta().array()[k]))));
        }
      }
    }

    @Test
    @DisplayName("Inputs keep their bits and the activations equal the api's reference forward")
    void pureAndActivationsMatchReference() {
      Batch zCopy = z.copy();
      Batch yCopy = y.copy();
      for (Pair pair : Pair.all()) {
        LossResult r = backend.evaluate(pair, z, y, Reduction.MEAN);
        Batch reference = Batch.zeros(3, 2);
        pair.activation().forward(z, reference);
        for (int k = 0; k < z.size(); k++) {
          assertThat(r.activations().array()[k]).as(pair.name())
              .isCloseTo(reference.array()[k], within(1e-15));
        }
      }
      assertThat(z.sameBits(zCopy)).isTrue();
      assertThat(y.sameBits(yCopy)).isTrue();
    }

    @Test
    @DisplayName("Every pair's delta agrees with central differences of its own loss")
    void gradientCheckEveryPair() {
      for (Pair pair : Pair.all()) {
        for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.MEAN}) {
          GradientCheck.Result result = GradientCheck.run(backend, pair, z, y, reduction);
          assertThat(result.passed()).as("%s %s: %s", pair.name(), reduction, result).isTrue();
        }
      }
    }
  }
}

package io.github.deltapair.dl4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Pair;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link DeltaPairLoss} as an {@code ILossFunction}, called directly. */
class DeltaPairLossTest {

  private static final Pair SIGMOID_BCE = Pair.of("sigmoid", "binary-cross-entropy");
  private static final Pair SOFTMAX_CE = Pair.of("softmax", "cross-entropy");

  private static INDArray matrix(double[][] values) {
    return Nd4j.create(values).castTo(DataType.DOUBLE);
  }

  private static double[][] values(INDArray array) {
    return array.castTo(DataType.DOUBLE).toDoubleMatrix();
  }

  /** Textbook {@code σ(z)}, written per sign so that it does not overflow. */
  private static double sigmoid(double z) {
    return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
  }

  /** Textbook binary cross-entropy from logits: {@code max(z,0) − z·y + log1p(e^{−|z|})}. */
  private static double bce(double z, double y) {
    return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
  }

  @Nested
  @DisplayName("Values")
  class Values {

    private final INDArray z = matrix(new double[][] {{-1000, -30, 0.5}, {30, 1000, -2}});
    private final INDArray y = matrix(new double[][] {{1, 0, 1}, {0, 0, 0.25}});
    private final DeltaPairLoss loss = DeltaPairLoss.of(SIGMOID_BCE);

    @Test
    @DisplayName("The gradient is σ(z) − y per example, also at |z| = 1000, and not divided by m")
    void gradientIsTextbookDelta() {
      double[][] gradient = values(loss.computeGradient(y, z, new ActivationSigmoid(), null));
      double[][] zs = values(z);
      double[][] ys = values(y);
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          // within C1's 1e-12 (the native scalar kernels' e^x is within 4e-13 relative)
          assertThat(gradient[i][j]).isCloseTo(sigmoid(zs[i][j]) - ys[i][j], within(1e-12));
        }
      }
    }

    @Test
    @DisplayName("The score is the true loss (1000 at z = 1000, y = 0), divided by m only if averaged")
    void scoreIsTrueLoss() {
      double total = 0;
      double[][] zs = values(z);
      double[][] ys = values(y);
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          total += bce(zs[i][j], ys[i][j]);
        }
      }
      assertThat(total).isGreaterThan(2030);
      assertThat(loss.computeScore(y, z, new ActivationSigmoid(), null, false))
          .isCloseTo(total, within(1e-10 * total));
      assertThat(loss.computeScore(y, z, new ActivationSigmoid(), null, true))
          .isCloseTo(total / 2, within(1e-10 * total));
    }

    @Test
    @DisplayName("computeScoreArray holds each example's loss, as an [m, 1] column")
    void scoreArrayPerExample() {
      INDArray scores = loss.computeScoreArray(y, z, new ActivationSigmoid(), null);
      assertThat(scores.shape()).containsExactly(2, 1);
      double row0 = bce(-1000, 1) + bce(-30, 0) + bce(0.5, 1);
      assertThat(scores.getDouble(0, 0)).isCloseTo(row0, within(1e-12 * row0));
      assertThat(scores.sumNumber().doubleValue())
          .isCloseTo(loss.computeScore(y, z, new ActivationSigmoid(), null, false), within(1e-9));
    }

    @Test
    @DisplayName("computeGradientAndScore agrees with computeGradient and computeScore")
    void gradientAndScoreAgree() {
      var both = loss.computeGradientAndScore(y, z, new ActivationSigmoid(), null, true);
      assertThat(both.getFirst()).isEqualTo(loss.computeScore(y, z, new ActivationSigmoid(), null, true));
      assertThat(values(both.getSecond()))
          .isEqualTo(values(loss.computeGradient(y, z, new ActivationSigmoid(), null)));
    }

    @Test
    @DisplayName("FLOAT inputs give FLOAT results with the same values rounded")
    void floatInFloatOut() {
      INDArray zf = z.castTo(DataType.FLOAT);
      INDArray yf = y.castTo(DataType.FLOAT);
      INDArray gradient = loss.computeGradient(yf, zf, new ActivationSigmoid(), null);
      assertThat(gradient.dataType()).isEqualTo(DataType.FLOAT);
      assertThat(loss.computeScoreArray(yf, zf, new ActivationSigmoid(), null).dataType())
          .isEqualTo(DataType.FLOAT);
      assertThat(gradient.getDouble(1, 0)).isCloseTo(1.0, within(1e-7));
    }

    @Test
    @DisplayName("Softmax + cross-entropy: δ = softmax(z) − y with each row's own max, no NaN")
    void softmaxRowsOfDifferentScale() {
      INDArray zs = matrix(new double[][] {{1000, 0, -1000}, {-800, -799, -798}});
      INDArray ys = matrix(new double[][] {{0, 0, 1}, {0, 0, 1}});
      double[][] gradient = values(DeltaPairLoss.of(SOFTMAX_CE)
          .computeGradient(ys, zs, new ActivationStableSoftmax(), null));
      double e1 = Math.exp(-1), e2 = Math.exp(-2), sum = 1 + e1 + e2;
      assertThat(gradient[0]).containsExactly(new double[] {1, 0, -1}, within(1e-15));
      assertThat(gradient[1])
          .containsExactly(new double[] {e2 / sum, e1 / sum, 1 / sum - 1}, within(1e-12));
    }
  }

  @Nested
  @DisplayName("The layer's activation")
  class ActivationCheck {

    @Test
    @DisplayName("activation() is the matching DL4J activation of each catalog activation")
    void activationMapping() {
      assertThat(DeltaPairLoss.of(SIGMOID_BCE).activation()).isInstanceOf(ActivationSigmoid.class);
      assertThat(DeltaPairLoss.of(SOFTMAX_CE).activation()).isInstanceOf(ActivationStableSoftmax.class);
      assertThat(MatchingActivations.of(Activation.IDENTITY)).isInstanceOf(ActivationIdentity.class);
      assertThat(MatchingActivations.of(Activation.TANH)).isInstanceOf(ActivationTanH.class);
      assertThat(MatchingActivations.of(Activation.EXP)).isInstanceOf(ActivationExp.class);
      assertThat(MatchingActivations.of(Activation.RELU)).isEqualTo(new ActivationReLU());
      assertThat(MatchingActivations.of(Activation.SOFTPLUS))
          .isInstanceOf(ActivationStableSoftplus.class);
    }

    @Test
    @DisplayName("Another activation is rejected with a message naming both and the fix")
    void mismatchRejected() {
      INDArray z = matrix(new double[][] {{0.5, -1}});
      INDArray y = matrix(new double[][] {{1, 0}});
      assertThatThrownBy(() -> DeltaPairLoss.of(SIGMOID_BCE)
              .computeGradient(y, z, new ActivationTanH(), null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("sigmoid+binary-cross-entropy")
          .hasMessageContaining("ActivationStableSigmoid")
          .hasMessageContaining("ActivationTanH")
          .hasMessageContaining(".activation(loss.activation())");
      INDArray yr = matrix(new double[][] {{1, 0}});
      assertThatThrownBy(() -> DeltaPairLoss.of(SOFTMAX_CE)
              .computeScore(yr, z, new ActivationSoftmax(), null, true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ActivationStableSoftmax");
      assertThatThrownBy(() -> DeltaPairLoss.of(Pair.of("softplus", "poisson"))
              .computeScore(yr, z, new ActivationSoftPlus(), null, true))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> DeltaPairLoss.of(Pair.of("relu", "squared-error"))
              .computeScore(yr, z, new ActivationLReLU(0.1), null, true))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("Masks")
  class Masks {

    private final INDArray z = matrix(new double[][] {{0.5, -1, 2}, {3, 0, -4}, {-0.5, 1.5, 0}});
    private final INDArray y = matrix(new double[][] {{1, 0, 1}, {0, 1, 0}, {1, 1, 0}});
    private final DeltaPairLoss loss = DeltaPairLoss.of(SIGMOID_BCE);
    private final double[][] unmasked = values(loss.computeGradient(y, z, new ActivationSigmoid(), null));
    private final INDArray perExample = loss.computeScoreArray(y, z, new ActivationSigmoid(), null);

    @Test
    @DisplayName("An [m, 1] mask weights each example's loss and delta; masked targets are not checked")
    void perExampleMask() {
      INDArray invalid = y.dup();
      invalid.putScalar(1, 1, 7.0); // outside [0, 1], but in a masked-out example
      INDArray mask = matrix(new double[][] {{1}, {0}, {2}});
      double[][] gradient = values(loss.computeGradient(invalid, z, new ActivationSigmoid(), mask));
      assertThat(gradient[0]).containsExactly(unmasked[0]);
      assertThat(gradient[1]).containsExactly(0, 0, 0);
      assertThat(gradient[2]).containsExactly(new double[] {2 * unmasked[2][0], 2 * unmasked[2][1],
          2 * unmasked[2][2]}, within(1e-15));
      double expected = perExample.getDouble(0) + 2 * perExample.getDouble(2);
      assertThat(loss.computeScore(invalid, z, new ActivationSigmoid(), mask, false))
          .isCloseTo(expected, within(1e-13));
      assertThat(loss.computeScore(invalid, z, new ActivationSigmoid(), mask, true))
          .isCloseTo(expected / 3, within(1e-13));
      assertThat(loss.computeScoreArray(invalid, z, new ActivationSigmoid(), mask).getDouble(1))
          .isZero();
    }

    @Test
    @DisplayName("An [m, n] mask weights each output of an element-wise pair")
    void perOutputMask() {
      double[][] m = {{1, 0, 1}, {0, 0, 0}, {0.5, 1, 0}};
      double[][] gradient = values(loss.computeGradient(y, z, new ActivationSigmoid(), matrix(m)));
      double expectedScore = 0;
      double[][] zs = values(z);
      double[][] ys = values(y);
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          assertThat(gradient[i][j]).isCloseTo(m[i][j] * unmasked[i][j], within(1e-15));
          expectedScore += m[i][j] * bce(zs[i][j], ys[i][j]);
        }
      }
      assertThat(loss.computeScore(y, z, new ActivationSigmoid(), matrix(m), false))
          .isCloseTo(expectedScore, within(1e-13));
      INDArray scores = loss.computeScoreArray(y, z, new ActivationSigmoid(), matrix(m));
      assertThat(scores.getDouble(0)).isCloseTo(bce(0.5, 1) + bce(2, 1), within(1e-13));
    }

    @Test
    @DisplayName("Softmax accepts [m, n] masks that are constant per row, and rejects others")
    void softmaxPerOutputMask() {
      DeltaPairLoss softmax = DeltaPairLoss.of(SOFTMAX_CE);
      INDArray ys = matrix(new double[][] {{1, 0, 0}, {0, 0, 0}, {0, 0, 1}});
      INDArray rows = matrix(new double[][] {{1, 1, 1}, {0, 0, 0}, {1, 1, 1}});
      assertThat(softmax.computeScore(ys, z, new ActivationStableSoftmax(), rows, false))
          .isCloseTo(softmax.computeScore(ys, z, new ActivationStableSoftmax(),
              matrix(new double[][] {{1}, {0}, {1}}), false), within(0.0));
      INDArray ragged = matrix(new double[][] {{1, 0, 1}, {0, 0, 0}, {1, 1, 1}});
      assertThatThrownBy(() -> softmax.computeGradient(ys, z, new ActivationStableSoftmax(), ragged))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("per-output mask")
          .hasMessageContaining("softmax+cross-entropy");
    }

    @Test
    @DisplayName("Masks of another shape, or with NaN, are rejected")
    void badMasksRejected() {
      assertThatThrownBy(() -> loss.computeGradient(y, z, new ActivationSigmoid(),
              matrix(new double[][] {{1, 0, 1}})))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("mask has shape [1, 3]");
      assertThatThrownBy(() -> loss.computeGradient(y, z, new ActivationSigmoid(),
              matrix(new double[][] {{1}, {Double.NaN}, {1}})))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NaN");
    }
  }

  @Nested
  @DisplayName("Inputs and errors")
  class InputsAndErrors {

    @Test
    @DisplayName("labels, preOutput and mask are never written")
    void inputsNotMutated() {
      INDArray z = matrix(new double[][] {{0.5, -1, 2}, {3, 0, -4}});
      INDArray y = matrix(new double[][] {{1, 0, 1}, {0, 1, 0}});
      INDArray mask = matrix(new double[][] {{1, 0, 1}, {0.5, 1, 1}});
      INDArray z0 = z.dup();
      INDArray y0 = y.dup();
      INDArray mask0 = mask.dup();
      DeltaPairLoss loss = DeltaPairLoss.of(Pair.of("sigmoid", "squared-error"));
      for (INDArray m : new INDArray[] {null, mask}) {
        loss.computeScore(y, z, new ActivationSigmoid(), m, true);
        loss.computeScoreArray(y, z, new ActivationSigmoid(), m);
        loss.computeGradient(y, z, new ActivationSigmoid(), m);
        loss.computeGradientAndScore(y, z, new ActivationSigmoid(), m, false);
      }
      assertThat(z.equalsWithEps(z0, 0.0)).isTrue();
      assertThat(y.equalsWithEps(y0, 0.0)).isTrue();
      assertThat(mask.equalsWithEps(mask0, 0.0)).isTrue();
    }

    @Test
    @DisplayName("Labels outside the loss's domain are rejected, naming the pair, backend and element")
    void badLabelsRejected() {
      INDArray z = matrix(new double[][] {{0.5, -1}, {0, 1}});
      INDArray y = matrix(new double[][] {{1, 0}, {0, 1.5}});
      assertThatThrownBy(() -> DeltaPairLoss.of(SIGMOID_BCE)
              .computeGradient(y, z, new ActivationSigmoid(), null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("DeltaPairLoss(sigmoid+binary-cross-entropy) on backend native (z = preOutput, y = labels)")
          .hasMessageContaining("1.5");
    }

    @Test
    @DisplayName("Labels of another shape are rejected")
    void shapeMismatchRejected() {
      INDArray z = matrix(new double[][] {{0.5, -1}, {0, 1}});
      INDArray y = matrix(new double[][] {{1, 0, 1}, {0, 1, 0}});
      assertThatThrownBy(() -> DeltaPairLoss.of(SIGMOID_BCE)
              .computeGradient(y, z, new ActivationSigmoid(), null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("labels has shape [2, 3] but must be [2, 2]");
    }

    @Test
    @DisplayName("A chosen backend is used, and an unknown one fails naming it")
    void backendChoice() {
      INDArray z = matrix(new double[][] {{0.5}});
      INDArray y = matrix(new double[][] {{1}});
      DeltaPairLoss loss = DeltaPairLoss.of(SIGMOID_BCE, "native");
      assertThat(loss.evaluator().backendId()).isEqualTo("native");
      assertThat(loss.name()).isEqualTo("deltapair(sigmoid+binary-cross-entropy@native)");
      assertThat(DeltaPairLoss.of(SIGMOID_BCE).name())
          .isEqualTo("deltapair(sigmoid+binary-cross-entropy)");
      assertThat(loss.computeScore(y, z, new ActivationSigmoid(), null, false))
          .isCloseTo(bce(0.5, 1), within(1e-12));
      assertThatThrownBy(() -> DeltaPairLoss.of(SIGMOID_BCE, "no-such-backend")
              .computeScore(y, z, new ActivationSigmoid(), null, false))
          .hasMessageContaining("no-such-backend");
    }

    @Test
    @DisplayName("Equal pairs and backend ids make equal losses")
    void equality() {
      assertThat(DeltaPairLoss.of(SIGMOID_BCE)).isEqualTo(DeltaPairLoss.of(SIGMOID_BCE))
          .hasSameHashCodeAs(DeltaPairLoss.of(SIGMOID_BCE))
          .isNotEqualTo(DeltaPairLoss.of(SIGMOID_BCE, "native"))
          .isNotEqualTo(DeltaPairLoss.of(SOFTMAX_CE));
    }
  }
}

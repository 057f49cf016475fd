package io.github.deltapair.dl4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ActivationExp}, {@link ActivationStableSoftmax} and {@link ActivationStableSoftplus}
 * against deltapair's float64 reference definitions ({@link Activation#forward}, {@link
 * Activation#derivative}), at moderate and extreme logits.
 */
class StableActivationsTest {

  private static final double[][] WIDE = {
      {-1000, -40, -20, -0.5, 0},
      {1e-9, 0.5, 20, 40, 1000}};
  private static final double[][] EXP_RANGE = {
      {-700, -40, -1, 0, 1e-9},
      {0.5, 20, 40, 300, 700}};
  private static final double[][] EPSILON = {
      {0.3, -1.2, 2.0, 0.7, -0.1},
      {1.1, -0.4, 0.25, -2.5, 0.9}};

  static Stream<Arguments> activations() {
    return Stream.of(
        Arguments.of(Activation.EXP, new ActivationExp(), EXP_RANGE),
        Arguments.of(Activation.SOFTMAX, new ActivationStableSoftmax(), WIDE),
        Arguments.of(Activation.SOFTPLUS, new ActivationStableSoftplus(), WIDE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activations")
  @DisplayName("getActivation equals the float64 reference within 2 ulp-scale relative error")
  void forwardMatchesReference(Activation activation, IActivation dl4j, double[][] z) {
    double[][] expected = reference(activation, z);
    double[][] actual = dl4j.getActivation(Nd4j.create(z), false).toDoubleMatrix();
    assertClose(actual, expected, 4e-16);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activations")
  @DisplayName("backprop gives dL/dz = f'(z) ⊙ ε (softmax: the Jacobian product) and leaves ε alone")
  void backpropMatchesReference(Activation activation, IActivation dl4j, double[][] z) {
    double[][] expected = referenceBackprop(activation, z, EPSILON);
    INDArray epsilon = Nd4j.create(EPSILON);
    var result = dl4j.backprop(Nd4j.create(z), epsilon);
    assertThat(result.getSecond()).isNull();
    assertClose(result.getFirst().toDoubleMatrix(), expected, 1e-14);
    assertThat(epsilon.toDoubleMatrix()).isEqualTo(EPSILON);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activations")
  @DisplayName("FLOAT arrays work and stay FLOAT")
  void floatArrays(Activation activation, IActivation dl4j, double[][] z) {
    INDArray moderate = Nd4j.create(new double[][] {{-3, -0.5, 0, 0.5, 3}}).castTo(DataType.FLOAT);
    INDArray out = dl4j.getActivation(moderate, false);
    assertThat(out.dataType()).isEqualTo(DataType.FLOAT);
    assertClose(out.castTo(DataType.DOUBLE).toDoubleMatrix(),
        reference(activation, new double[][] {{-3, -0.5, 0, 0.5, 3}}), 2e-7);
  }

  @Test
  @DisplayName("Why they exist: ND4J's softmax gives NaN for a row far below another, its softplus ∞")
  void nd4jDeviations() {
    double[][] rows = {{1000, 0, -1000}, {-800, -799, -798}};
    assertThat(new ActivationSoftmax().getActivation(Nd4j.create(rows), false).getDouble(1, 0))
        .isNaN();
    assertThat(new ActivationStableSoftmax().getActivation(Nd4j.create(rows), false)
        .getDouble(1, 2)).isEqualTo(reference(Activation.SOFTMAX, rows)[1][2]);
    double[][] big = {{1000}};
    assertThat(new ActivationSoftPlus().getActivation(Nd4j.create(big), false).getDouble(0))
        .isInfinite();
    assertThat(new ActivationStableSoftplus().getActivation(Nd4j.create(big), false).getDouble(0))
        .isEqualTo(1000.0);
  }

  @Test
  @DisplayName("Softmax rejects arrays that are not [examples, outputs] matrices")
  void softmaxNeedsMatrix() {
    assertThatThrownBy(() -> new ActivationStableSoftmax()
            .getActivation(Nd4j.create(DataType.DOUBLE, 2, 3, 4), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rank 3");
  }

  @Test
  @DisplayName("Instances of one class are equal, with readable names")
  void equalityAndNames() {
    assertThat(new ActivationExp()).isEqualTo(new ActivationExp())
        .hasSameHashCodeAs(new ActivationExp()).hasToString("exp")
        .isNotEqualTo(new ActivationStableSoftplus());
    assertThat(new ActivationStableSoftmax()).isEqualTo(new ActivationStableSoftmax())
        .hasToString("stable-softmax")
        .isInstanceOf(ActivationSoftmax.class)
        .isNotEqualTo(new ActivationSoftmax());
    // and the other way round: ND4J's softmax does not call the stable one equal to it
    assertThat(new ActivationSoftmax()).isNotEqualTo(new ActivationStableSoftmax());
    assertThat(new ActivationStableSoftplus()).isEqualTo(new ActivationStableSoftplus())
        .hasToString("stable-softplus");
  }

  private static double[][] reference(Activation activation, double[][] z) {
    Batch in = Batch.of(z);
    Batch out = Batch.zeros(in.rows(), in.cols());
    activation.forward(in, out);
    return out.toArray();
  }

  private static double[][] referenceBackprop(Activation activation, double[][] z, double[][] eps) {
    double[][] result = new double[z.length][z[0].length];
    if (activation == Activation.SOFTMAX) {
      double[][] a = reference(activation, z);
      for (int i = 0; i < z.length; i++) {
        double dot = 0;
        for (int j = 0; j < z[i].length; j++) {
          dot += eps[i][j] * a[i][j];
        }
        // dL/dz_k = a_k (ε_k − Σ_j ε_j a_j)
        for (int k = 0; k < z[i].length; k++) {
          result[i][k] = a[i][k] * (eps[i][k] - dot);
        }
      }
      return result;
    }
    for (int i = 0; i < z.length; i++) {
      for (int j = 0; j < z[i].length; j++) {
        result[i][j] = activation.derivative(z[i][j]) * eps[i][j];
      }
    }
    return result;
  }

  /** Each element within {@code relative · max(|expected|, tiny)}, exact zeros exactly. */
  private static void assertClose(double[][] actual, double[][] expected, double relative) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        double tolerance = relative * Math.max(Math.abs(expected[i][j]), Double.MIN_NORMAL);
        assertThat(Math.abs(actual[i][j] - expected[i][j]))
            .as("element (%d, %d): %s vs reference %s", i, j, actual[i][j], expected[i][j])
            .isLessThanOrEqualTo(tolerance);
      }
    }
  }
}

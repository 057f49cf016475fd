package io.github.deltapair.dl4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.deltapair.Activation;
import io.github.deltapair.Catalog;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ActivationFromDefinition}, the DL4J activation of a plugin's activation, checked on the
 * built-ins against the ND4J activations {@link MatchingActivations} maps them to.
 */
@DisplayName("ActivationFromDefinition computes any catalog activation like its ND4J counterpart")
class ActivationFromDefinitionTest {

  private static final double[][] Z = {{-3.0, -0.7, 0.4, 2.2}, {1.5, -1.1, 0.05, -2.6}};
  private static final double[][] EPSILON = {{0.3, -1.2, 0.8, 0.1}, {-0.4, 0.9, 1.3, -0.6}};

  static Stream<Activation> builtIns() {
    return Catalog.of(List.of()).activations().stream();
  }

  private static INDArray matrix(double[][] values) {
    return Nd4j.create(values).castTo(DataType.DOUBLE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtIns")
  @DisplayName("Forward and backprop agree with the ND4J activation within 1e-15 relative, in place")
  void agreesWithNd4j(Activation activation) {
    IActivation nd4j = MatchingActivations.of(activation);
    ActivationFromDefinition generic = new ActivationFromDefinition(activation.id());
    INDArray in = matrix(Z);

    INDArray a = generic.getActivation(in, false);
    INDArray delta = generic.backprop(matrix(Z), matrix(EPSILON)).getFirst();

    assertThat(a).isSameAs(in);
    assertClose(a.toDoubleMatrix(), nd4j.getActivation(matrix(Z), false).toDoubleMatrix());
    assertClose(delta.toDoubleMatrix(), nd4j.backprop(matrix(Z), matrix(EPSILON)).getFirst().toDoubleMatrix());
  }

  @Test
  @DisplayName("Equal by id, named after it; an id outside the catalog is rejected naming the known ones")
  void identity() {
    assertThat(new ActivationFromDefinition("tanh")).isEqualTo(new ActivationFromDefinition("TANH"))
        .hasSameHashCodeAs(new ActivationFromDefinition("tanh")).hasToString("deltapair(tanh)")
        .isNotEqualTo(new ActivationFromDefinition("relu"));
    assertThat(new ActivationFromDefinition("exp").definition()).isEqualTo(Activation.EXP);
    assertThatThrownBy(() -> new ActivationFromDefinition("sparsemax-not-installed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sparsemax-not-installed")
        .hasMessageContaining("softmax");
  }

  private static void assertClose(double[][] actual, double[][] expected) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertThat(Math.abs(actual[i][j] - expected[i][j])).as("(%d, %d)", i, j)
            .isLessThanOrEqualTo(1e-15 * Math.max(1, Math.abs(expected[i][j])));
      }
    }
  }
}

package io.github.deltapair.dl4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Pair;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** DL4J's own gradient checker accepts networks whose output layer uses {@link DeltaPairLoss}. */
class DeltaPairLossGradientCheckTest {

  /** Tighter than DL4J's default 1e-3 (with DL4J's absolute floor of 1e-8). */
  private static final double MAX_RELATIVE_ERROR = 1e-6;

  private static DataType previousDataType;
  private static DataType previousFloatingPointType;

  /** GradientCheckUtil insists on ND4J's global default being DOUBLE, not just the network's. */
  @BeforeAll
  static void useDoubleByDefault() {
    previousDataType = Nd4j.dataType();
    previousFloatingPointType = Nd4j.defaultFloatingPointType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @AfterAll
  static void restoreDefault() {
    Nd4j.setDefaultDataTypes(previousDataType, previousFloatingPointType);
  }

  @ParameterizedTest(name = "{0} + {1} on backend {2}")
  @CsvSource({
      "sigmoid, binary-cross-entropy, native",
      "softmax, cross-entropy, native",
      "sigmoid, squared-error, native",
      "exp, poisson, native",
      "tanh, bipolar-cross-entropy, native",
      "softplus, poisson, native",
      "softmax, binary-cross-entropy, native",
      "identity, squared-error, native",
      "sigmoid, binary-cross-entropy, dl4j",
      "softmax, cross-entropy, dl4j",
      "sigmoid, squared-error, dl4j",
      "exp, poisson, dl4j",
      "tanh, bipolar-cross-entropy, dl4j",
      "softplus, poisson, dl4j",
      "softmax, binary-cross-entropy, dl4j",
      "identity, squared-error, dl4j"
  })
  @DisplayName("GradientCheckUtil passes on a 4-5-3 DOUBLE network with the pair as its output loss")
  void gradientCheckUtilPasses(String activation, String loss, String backendId) {
    Pair pair = Pair.of(activation, loss);
    MultiLayerNetwork net = Networks.withPair(pair, backendId, DataType.DOUBLE, new NoOp());
    INDArray x = Networks.inputs(10, DataType.DOUBLE, 1);
    INDArray y = Networks.labels(pair, 10, DataType.DOUBLE, 2);

    boolean passed = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
        .net(net).input(x).labels(y)
        .epsilon(1e-6).maxRelError(MAX_RELATIVE_ERROR).minAbsoluteError(1e-8)
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));

    // GradientCheckUtil logs the largest relative error it saw (about 1e-8 to 2e-7 here)
    assertThat(passed).as("GradientCheckUtil on %s through %s", pair, backendId).isTrue();
  }

  @Test
  @DisplayName("GradientCheckUtil is not vacuous here: a gradient off by 0.1% fails it")
  void aSlightlyWrongGradientFails() {
    Pair pair = Pair.of("sigmoid", "binary-cross-entropy");
    DeltaPairLoss right = DeltaPairLoss.of(pair);
    MultiLayerNetwork net = Networks.build(
        new ScaledGradientLoss(right, 1.001), right.activation(), DataType.DOUBLE, new NoOp());

    boolean passed = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
        .net(net)
        .input(Networks.inputs(10, DataType.DOUBLE, 1))
        .labels(Networks.labels(pair, 10, DataType.DOUBLE, 2))
        .epsilon(1e-6).maxRelError(MAX_RELATIVE_ERROR).minAbsoluteError(1e-8)
        .exitOnFirstError(true)
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));

    assertThat(passed).isFalse();
  }
}

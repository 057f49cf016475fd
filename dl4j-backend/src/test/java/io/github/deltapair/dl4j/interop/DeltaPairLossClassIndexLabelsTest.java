package io.github.deltapair.dl4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Pair;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@link DeltaPairLoss#withClassIndexLabels()}: {@code [m, 1]} class-index labels (DL4J's {@code
 * LossSparseMCXENT} layout) give exactly the scores and gradients of the same labels one-hot.
 */
class DeltaPairLossClassIndexLabelsTest {

  private static final Pair SOFTMAX_CE = Pair.of("softmax", "cross-entropy");

  @TempDir Path dir;

  /** Class indices {@code [m, 1]} as doubles. */
  private static INDArray column(double... classes) {
    return Nd4j.create(classes, new long[] {classes.length, 1}, 'c');
  }

  /** The one-hot {@code m × n} rows of integer classes (a row of zeros for a negative class). */
  private static INDArray oneHot(double[] classes, int n) {
    double[] y = new double[classes.length * n];
    for (int i = 0; i < classes.length; i++) {
      if (classes[i] >= 0 && classes[i] < n && classes[i] == Math.rint(classes[i])) {
        y[i * n + (int) classes[i]] = 1.0;
      }
    }
    return Nd4j.create(y, new long[] {classes.length, n}, 'c');
  }

  /** The class index of each one-hot row, {@code [m, 1]}. */
  private static INDArray argmax(INDArray oneHot) {
    double[][] y = oneHot.castTo(DataType.DOUBLE).toDoubleMatrix();
    double[] classes = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y[i].length; j++) {
        classes[i] = y[i][j] == 1.0 ? j : classes[i];
      }
    }
    return column(classes).castTo(oneHot.dataType());
  }

  private static double[] bits(INDArray array) {
    return array.dup('c').data().asDouble();
  }

  private static final INDArray Z = Nd4j.create(new double[][] {
      {0.5, -1.0, 2.0}, {-30, 40, 1.5}, {3, 3, 3}, {0.25, -0.75, 0.125}});
  private static final double[] CLASSES = {2, 0, 1, 1};

  @ParameterizedTest(name = "{0} + {1} on backend {2}, mask {3}")
  @CsvSource({
      "softmax, cross-entropy, native, none",
      "softmax, cross-entropy, dl4j, none",
      "softmax, kl-divergence, native, none",
      "softmax, kl-divergence, dl4j, none",
      "softmax, cross-entropy, native, example",
      "softmax, cross-entropy, dl4j, example",
      "softmax, cross-entropy, native, rows",
      "softmax, kl-divergence, dl4j, rows"
  })
  @DisplayName("computeScore, computeScoreArray, computeGradient and computeGradientAndScore equal those of the one-hot labels")
  void sameAsOneHot(String activation, String loss, String backendId, String maskKind) {
    Pair pair = Pair.of(activation, loss);
    DeltaPairLoss dense = DeltaPairLoss.of(pair, backendId);
    DeltaPairLoss sparse = dense.withClassIndexLabels();
    IActivation act = dense.activation();
    INDArray z = Z.castTo(DataType.DOUBLE);
    INDArray y = oneHot(CLASSES, 3).castTo(DataType.DOUBLE);
    INDArray mask = switch (maskKind) {
      case "example" -> column(1, 0, 0.5, 2);
      case "rows" -> Nd4j.create(new double[][] {{1, 1, 1}, {0, 0, 0}, {0.5, 0.5, 0.5}, {2, 2, 2}});
      default -> null;
    };
    // a masked-out example's label is never read: padding may hold anything
    INDArray labels = column(CLASSES);
    if (mask != null) {
      labels.putScalar(1, 0, -7.5);
    }

    for (boolean average : new boolean[] {true, false}) {
      assertThat(sparse.computeScore(labels, z, act, mask, average))
          .isEqualTo(dense.computeScore(y, z, act, mask, average));
      var expected = dense.computeGradientAndScore(y, z, act, mask, average);
      var actual = sparse.computeGradientAndScore(labels, z, act, mask, average);
      assertThat(actual.getFirst()).isEqualTo(expected.getFirst());
      assertThat(bits(actual.getSecond())).isEqualTo(bits(expected.getSecond()));
    }
    assertThat(bits(sparse.computeScoreArray(labels, z, act, mask)))
        .isEqualTo(bits(dense.computeScoreArray(y, z, act, mask)));
    assertThat(bits(sparse.computeGradient(labels, z, act, mask)))
        .isEqualTo(bits(dense.computeGradient(y, z, act, mask)));
  }

  @Test
  @DisplayName("The score is Σ(logsumexp(z_i) − z_i,c)/m and the gradient softmax(z_i) − e_c, written out by hand")
  void textbookCrossEntropy() {
    DeltaPairLoss sparse = DeltaPairLoss.withClassIndexLabels(SOFTMAX_CE);
    double[][] z = Z.toDoubleMatrix();
    double expectedScore = 0.0;
    double[][] expectedDelta = new double[z.length][3];
    for (int i = 0; i < z.length; i++) {
      double max = Math.max(z[i][0], Math.max(z[i][1], z[i][2]));
      double sum = 0.0;
      // Σ_j e^{z_ij − max}
      for (int j = 0; j < 3; j++) {
        sum += Math.exp(z[i][j] - max);
      }
      expectedScore += max + Math.log(sum) - z[i][(int) CLASSES[i]];
      // δ_ij = e^{z_ij − max}/Σ − [j = c_i]
      for (int j = 0; j < 3; j++) {
        expectedDelta[i][j] = Math.exp(z[i][j] - max) / sum - (j == CLASSES[i] ? 1 : 0);
      }
    }
    var result = sparse.computeGradientAndScore(
        column(CLASSES), Z.castTo(DataType.DOUBLE), sparse.activation(), null, true);

    assertThat(result.getFirst()).isCloseTo(expectedScore / z.length, within(1e-12));
    double[][] delta = result.getSecond().toDoubleMatrix();
    for (int i = 0; i < z.length; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(delta[i][j]).as("δ[%d][%d]", i, j).isCloseTo(expectedDelta[i][j], within(1e-12));
      }
    }
  }

  @ParameterizedTest(name = "{0} in {1} on backend {2}")
  @CsvSource({"cross-entropy, DOUBLE, native", "cross-entropy, FLOAT, dl4j", "kl-divergence, DOUBLE, dl4j"})
  @DisplayName("A network with sparse labels scores, backpropagates and steps exactly as with one-hot labels")
  void networkSameAsOneHot(String loss, DataType type, String backendId) {
    Pair pair = Pair.of("softmax", loss);
    DeltaPairLoss dense = DeltaPairLoss.of(pair, backendId);
    DeltaPairLoss sparse = dense.withClassIndexLabels();
    MultiLayerNetwork denseNet = Networks.build(dense, dense.activation(), type, new Adam(0.05));
    MultiLayerNetwork sparseNet = Networks.build(sparse, sparse.activation(), type, new Adam(0.05));
    INDArray x = Networks.inputs(32, type, 5);
    INDArray y = Teacher.labels(pair, x);
    DataSet denseData = new DataSet(x, y);
    DataSet sparseData = new DataSet(x, argmax(y));

    assertThat(sparseNet.score(sparseData)).isEqualTo(denseNet.score(denseData));
    assertThat(bits(sparseNet.scoreExamples(sparseData, false)))
        .isEqualTo(bits(denseNet.scoreExamples(denseData, false)));
    denseNet.setInput(x);
    denseNet.setLabels(y);
    denseNet.computeGradientAndScore();
    sparseNet.setInput(x);
    sparseNet.setLabels(argmax(y));
    sparseNet.computeGradientAndScore();
    Gradient denseGradient = denseNet.gradient();
    Gradient sparseGradient = sparseNet.gradient();
    assertThat(bits(sparseGradient.gradient())).isEqualTo(bits(denseGradient.gradient()));
    assertThat(sparseNet.score()).isEqualTo(denseNet.score());
    for (int step = 0; step < 3; step++) {
      denseNet.fit(denseData);
      sparseNet.fit(sparseData);
    }
    assertThat(bits(sparseNet.params())).isEqualTo(bits(denseNet.params()));
  }

  @ParameterizedTest(name = "backend {0}")
  @CsvSource({"native", "''"})
  @DisplayName("ModelSerializer and the configuration JSON keep the flag; dense losses do not write it")
  void serializationKeepsTheFlag(String backendId) throws IOException {
    DeltaPairLoss sparse = backendId.isEmpty() ? DeltaPairLoss.withClassIndexLabels(SOFTMAX_CE)
        : DeltaPairLoss.of(SOFTMAX_CE, backendId).withClassIndexLabels();
    MultiLayerNetwork net = Networks.build(sparse, sparse.activation(), DataType.DOUBLE, new Adam(0.01));
    INDArray x = Networks.inputs(16, DataType.DOUBLE, 3);
    DataSet data = new DataSet(x, argmax(Teacher.labels(SOFTMAX_CE, x)));
    net.fit(data);

    File file = dir.resolve("sparse.zip").toFile();
    ModelSerializer.writeModel(net, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    String json = restored.getLayerWiseConfigurations().toJson();
    assertThat(json).isEqualTo(net.getLayerWiseConfigurations().toJson())
        .contains("\"classIndexLabels\" : true");
    DeltaPairLoss back =
        (DeltaPairLoss) ((OutputLayer) restored.getLayer(1).conf().getLayer()).getLossFn();
    assertThat(back).isEqualTo(sparse).isNotEqualTo(sparse.pair() == null ? null
        : backendId.isEmpty() ? DeltaPairLoss.of(SOFTMAX_CE) : DeltaPairLoss.of(SOFTMAX_CE, backendId));
    assertThat(back.classIndexLabels()).isTrue();
    assertThat(back.name()).isEqualTo(sparse.name()).endsWith(", class-index labels)");
    assertThat(restored.score(data)).isEqualTo(net.score(data));
    net.fit(data);
    restored.fit(data);
    assertThat(bits(restored.params())).isEqualTo(bits(net.params()));

    DeltaPairLoss dense = DeltaPairLoss.of(SOFTMAX_CE);
    MultiLayerConfiguration denseConf = Networks.build(dense, dense.activation(), DataType.DOUBLE,
        new Adam(0.01)).getLayerWiseConfigurations();
    assertThat(denseConf.toJson()).doesNotContain("classIndexLabels");
    DeltaPairLoss denseBack = (DeltaPairLoss) ((OutputLayer) MultiLayerConfiguration
        .fromJson(denseConf.toJson()).getConf(1).getLayer()).getLossFn();
    assertThat(denseBack.classIndexLabels()).isFalse();
  }

  @ParameterizedTest(name = "backend {0}")
  @CsvSource({"native", "dl4j"})
  @DisplayName("Adam with sparse labels at least halves the score in 100 steps")
  void trainsWithSparseLabels(String backendId) {
    DeltaPairLoss sparse = DeltaPairLoss.of(SOFTMAX_CE, backendId).withClassIndexLabels();
    MultiLayerNetwork net = Networks.build(sparse, sparse.activation(), DataType.FLOAT, new Adam(0.05));
    INDArray x = Networks.inputs(128, DataType.FLOAT, 7);
    DataSet data = new DataSet(x, argmax(Teacher.labels(SOFTMAX_CE, x)));

    double initial = net.score(data);
    for (int step = 0; step < 100; step++) {
      net.fit(data);
    }
    // the minimum of cross-entropy with hard labels is 0
    assertThat(net.score(data)).isLessThan(0.5 * initial);
  }

  @Test
  @DisplayName("Non-integer, out-of-range and misshapen labels are rejected with the api's messages")
  void badLabelsRejected() {
    DeltaPairLoss sparse = DeltaPairLoss.withClassIndexLabels(SOFTMAX_CE);
    IActivation act = sparse.activation();
    INDArray z = Z.castTo(DataType.DOUBLE);

    assertThatThrownBy(() -> sparse.computeScore(column(2, 1.5, 0, 1), z, act, null, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels has 1.5 at row 1: a class index must lie in [0, 3) (z has 3 columns) and be an integer");
    assertThatThrownBy(() -> sparse.computeGradient(column(2, 3, 0, 1), z, act, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels has 3 at row 1: a class index must lie in [0, 3) (z has 3 columns)");
    assertThatThrownBy(() -> sparse.computeScoreArray(column(2, 0, -1, 1), z, act, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels has -1 at row 2: a class index must lie in [0, 3)");
    assertThatThrownBy(
        () -> sparse.computeGradientAndScore(column(2, 0, Double.NaN, 1), z, act, null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels has NaN at row 2");
    // under a mask the rows are regrouped, yet the message names the row of the whole batch
    assertThatThrownBy(
        () -> sparse.computeScore(column(2, 0, 5, 1), z, act, column(0, 1, 1, 1), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels has 5 at row 2: a class index must lie in [0, 3)");
    assertThatThrownBy(
        () -> sparse.computeScore(column(2, 0, 1, 1e20), z, act, null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels has 1.0E20 at row 3: a class index must lie in [0, 3)");
    assertThatThrownBy(() -> sparse.computeScore(oneHot(CLASSES, 3), z, act, null, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels has shape [4, 3] but class-index labels must be [4, 1]");
    INDArray varying = Nd4j.create(new double[][] {{1, 0, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}});
    assertThatThrownBy(() -> sparse.computeScore(column(CLASSES), z, act, varying, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mask whole examples with an [m, 1] mask");
  }

  @ParameterizedTest(name = "{0} + {1}")
  @CsvSource({"exp, poisson", "sigmoid, binary-cross-entropy", "identity, squared-error"})
  @DisplayName("A loss that takes dense targets refuses class-index labels, naming the pair")
  void denseLossesRefuseTheFlag(String activation, String loss) {
    Pair pair = Pair.of(activation, loss);
    assertThatThrownBy(() -> DeltaPairLoss.withClassIndexLabels(pair))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(pair.name())
        .hasMessageContaining(loss + " takes dense targets y");
    assertThatThrownBy(() -> DeltaPairLoss.of(pair, "native").withClassIndexLabels())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(pair.name());
  }
}

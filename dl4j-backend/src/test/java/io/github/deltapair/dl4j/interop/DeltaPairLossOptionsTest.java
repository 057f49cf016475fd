package io.github.deltapair.dl4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Pair;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@link DeltaPairLoss#withClassWeights(double...)} and {@link
 * DeltaPairLoss#withLabelSmoothing(double)}: scores and gradients equal the textbook formulas
 * written here, DL4J masks still multiply once, the options survive JSON and {@code
 * ModelSerializer}, and a class-weighted network's gradient is the class-weighted formula and its
 * minority-class recall rises.
 */
class DeltaPairLossOptionsTest {

  private static final Pair SOFTMAX_CE = Pair.of("softmax", "cross-entropy");
  private static final Pair SIGMOID_BCE = Pair.of("sigmoid", "binary-cross-entropy");

  @TempDir Path dir;

  private static INDArray matrix(double[][] values) {
    return Nd4j.create(values).castTo(DataType.DOUBLE);
  }

  private static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] a = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      a[j] = Math.exp(z[j] - max);
      sum += a[j];
    }
    for (int j = 0; j < z.length; j++) {
      a[j] /= sum;
    }
    return a;
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  @ParameterizedTest(name = "backend {0}, class-index labels {1}")
  @CsvSource({"native, false", "dl4j, false", "native, true", "dl4j, true"})
  @DisplayName("Softmax + cross-entropy with class weights, smoothing and an [m, 1] mask: ℓ_i = e_i Σ_j w_j y'_j (−log a_j), δ_i = e_i (a Σ w y' − w ⊙ y')")
  void softmaxCrossEntropyTextbook(String backend, boolean indices) {
    double[] w = {1.0, 3.0, 0.5};
    double eps = 0.1;
    double[][] z = {{0.5, -1.0, 2.0}, {3.0, 0.0, -4.0}, {-0.5, 1.5, 0.0}, {1.0, 1.0, 1.0}};
    int[] classes = {2, 1, 0, 1};
    double[] e = {1.0, 2.0, 0.0, 0.5};
    DeltaPairLoss loss = DeltaPairLoss.of(SOFTMAX_CE, backend).withClassWeights(w)
        .withLabelSmoothing(eps);
    if (indices) {
      loss = loss.withClassIndexLabels();
    }
    double[][] oneHot = new double[4][3];
    double[][] column = new double[4][1];
    for (int i = 0; i < 4; i++) {
      oneHot[i][classes[i]] = 1.0;
      column[i][0] = classes[i];
    }
    // the masked-out example's label is garbage: it is not read
    column[2][0] = indices ? 99 : column[2][0];
    INDArray labels = matrix(indices ? column : oneHot);
    INDArray mask = matrix(new double[][] {{e[0]}, {e[1]}, {e[2]}, {e[3]}});
    INDArray pre = matrix(z);

    double[][] gradient = loss.computeGradient(labels, pre, loss.activation(), mask).toDoubleMatrix();
    double[] scores = loss.computeScoreArray(labels, pre, loss.activation(), mask).toDoubleVector();
    double score = loss.computeScore(labels, pre, loss.activation(), mask, true);

    double total = 0;
    for (int i = 0; i < 4; i++) {
      double[] a = softmax(z[i]);
      double li = 0;
      double wy = 0;
      double[] y = new double[3];
      for (int j = 0; j < 3; j++) {
        y[j] = (1 - eps) * oneHot[i][j] + eps / 3;
        li += -w[j] * y[j] * Math.log(a[j]);
        wy += w[j] * y[j];
      }
      li *= e[i];
      total += li;
      assertThat(scores[i]).as("ℓ_%d", i).isCloseTo(li, within(1e-13));
      for (int j = 0; j < 3; j++) {
        assertThat(gradient[i][j]).as("δ %d,%d", i, j)
            .isCloseTo(e[i] * (a[j] * wy - w[j] * y[j]), within(1e-14));
      }
    }
    // DL4J's average divides by m, not by Σ w
    assertThat(score).isCloseTo(total / 4, within(1e-13));
  }

  @ParameterizedTest(name = "backend {0}")
  @CsvSource({"native", "dl4j"})
  @DisplayName("Sigmoid + binary-cross-entropy with class weights and a non-binary [m, n] mask: each term weighted by m_ij·w_j once, δ = m w (σ − y')")
  void perOutputMaskAndClassWeights(String backend) {
    double[] w = {2.0, 0.5, 1.0};
    double eps = 0.2;
    double[][] z = {{0.5, -1.0, 2.0}, {3.0, 0.0, -4.0}};
    double[][] y = {{1, 0, 1}, {0, 1, 0.5}};
    double[][] m = {{1, 0, 3}, {0.5, 1, 3}};
    DeltaPairLoss loss = DeltaPairLoss.of(SIGMOID_BCE, backend).withClassWeights(w)
        .withLabelSmoothing(eps);
    double[][] gradient = loss.computeGradient(matrix(y), matrix(z), loss.activation(), matrix(m))
        .toDoubleMatrix();
    double[] scores = loss.computeScoreArray(matrix(y), matrix(z), loss.activation(), matrix(m))
        .toDoubleVector();
    for (int i = 0; i < 2; i++) {
      double li = 0;
      for (int j = 0; j < 3; j++) {
        double t = (1 - eps) * y[i][j] + eps / 2;
        double a = sigmoid(z[i][j]);
        li += m[i][j] * w[j] * -(t * Math.log(a) + (1 - t) * Math.log(1 - a));
        // within C1's 1e-12 (the native scalar kernels' e^x is within 4e-13 relative)
        assertThat(gradient[i][j]).as("δ %d,%d", i, j)
            .isCloseTo(m[i][j] * w[j] * (a - t), within(1e-12));
      }
      assertThat(scores[i]).isCloseTo(li, within(1e-13));
    }
  }

  @Test
  @DisplayName("Options a loss does not take, bad weights and a wrong length are rejected naming the option, the loss and the column")
  void badOptionsRejected() {
    assertThatThrownBy(() -> DeltaPairLoss.of(Pair.of("tanh", "squared-error")).withLabelSmoothing(0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("squared-error does not support label_smoothing");
    assertThatThrownBy(() -> DeltaPairLoss.of(SOFTMAX_CE).withLabelSmoothing(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> DeltaPairLoss.of(SOFTMAX_CE).withClassWeights(1.0, -2.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("class_weights has -2.0 at column 1");
    DeltaPairLoss twoWeights = DeltaPairLoss.of(SOFTMAX_CE, "dl4j").withClassWeights(1.0, 2.0);
    assertThatThrownBy(() -> twoWeights.computeGradient(matrix(new double[][] {{1, 0, 0}}),
            matrix(new double[][] {{0.5, 0.0, 1.0}}), twoWeights.activation(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("class_weights");
  }

  @Test
  @DisplayName("Class weights and smoothing are written to the configuration JSON and read back equal; a loss without them writes neither key")
  void jsonRoundTrip() {
    DeltaPairLoss loss = DeltaPairLoss.of(SOFTMAX_CE, "dl4j").withClassWeights(1.0, 4.0, 0.5)
        .withLabelSmoothing(0.05).withClassIndexLabels();
    MultiLayerConfiguration conf = network(loss, 1).getLayerWiseConfigurations();
    String json = conf.toJson();
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);

    assertThat(json).contains("\"classWeights\" : [ 1.0, 4.0, 0.5 ]", "\"labelSmoothing\" : 0.05");
    assertThat(back).isEqualTo(conf);
    DeltaPairLoss restored = (DeltaPairLoss) ((OutputLayer) back.getConf(0).getLayer()).getLossFn();
    assertThat(restored).isEqualTo(loss);
    assertThat(restored.classWeights()).hasValueSatisfying(
        w -> assertThat(w).containsExactly(1.0, 4.0, 0.5));
    assertThat(restored.labelSmoothing()).isEqualTo(0.05);
    assertThat(restored.classIndexLabels()).isTrue();

    String plain = network(DeltaPairLoss.of(SOFTMAX_CE), 1).getLayerWiseConfigurations().toJson();
    assertThat(plain).doesNotContain("classWeights", "labelSmoothing");
    DeltaPairLoss old = (DeltaPairLoss) ((OutputLayer) MultiLayerConfiguration.fromJson(plain)
        .getConf(0).getLayer()).getLossFn();
    assertThat(old).isEqualTo(DeltaPairLoss.of(SOFTMAX_CE));
    assertThat(old.classWeights()).isEmpty();
    assertThat(old.labelSmoothing()).isZero();
  }

  @Test
  @DisplayName("ModelSerializer restores the class weights and smoothing: same loss, score, gradient and next step")
  void modelSerializerRoundTrip() throws IOException {
    DeltaPairLoss loss = DeltaPairLoss.of(SOFTMAX_CE, "dl4j").withClassWeights(1.0, 9.0)
        .withLabelSmoothing(0.1);
    MultiLayerNetwork net = network(loss, 5);
    DataSet data = imbalanced(64, 8);
    net.fit(data);
    File file = dir.resolve("weighted.zip").toFile();
    ModelSerializer.writeModel(net, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    assertThat(((OutputLayer) restored.getLayer(0).conf().getLayer()).getLossFn()).isEqualTo(loss);
    assertThat(restored.score(data)).isEqualTo(net.score(data));
    net.fit(data);
    restored.fit(data);
    assertThat(restored.params().toDoubleVector()).containsExactly(net.params().toDoubleVector());
  }

  @ParameterizedTest(name = "backend {0}")
  @CsvSource({"native", "dl4j"})
  @DisplayName("A class-weighted network's score is the mean of w_c·(−log a_c) and its output-layer gradient Σ_i x_iᵀδ_i with the class-weighted δ = w_c (a − e_c) computed here")
  void networkGradientIsClassWeighted(String backend) {
    double[] w = {1.0, 6.0};
    DeltaPairLoss loss = DeltaPairLoss.of(SOFTMAX_CE, backend).withClassWeights(w);
    MultiLayerNetwork net = network(loss, 11);
    DataSet data = imbalanced(40, 3);
    net.setInput(data.getFeatures());
    net.setLabels(data.getLabels());
    net.computeGradientAndScore();
    Gradient gradient = net.gradient();

    double[][] x = data.getFeatures().toDoubleMatrix();
    double[][] y = data.getLabels().toDoubleMatrix();
    double[][] weights = net.getParam("0_W").toDoubleMatrix();
    double[] bias = net.getParam("0_b").toDoubleVector();
    int m = x.length;
    double[][] dW = new double[2][2];
    double[] db = new double[2];
    double score = 0;
    for (int i = 0; i < m; i++) {
      double[] z = new double[2];
      for (int j = 0; j < 2; j++) {
        z[j] = bias[j] + x[i][0] * weights[0][j] + x[i][1] * weights[1][j];
      }
      double[] a = softmax(z);
      int c = y[i][1] == 1.0 ? 1 : 0;
      score += -w[c] * Math.log(a[c]);
      for (int j = 0; j < 2; j++) {
        // δ_ij = w_c a_j − w_c [j = c]
        double delta = w[c] * a[j] - (j == c ? w[c] : 0.0);
        // DL4J's raw gradient sums over the minibatch (its updater divides by m)
        db[j] += delta;
        dW[0][j] += x[i][0] * delta;
        dW[1][j] += x[i][1] * delta;
      }
    }
    assertThat(net.score()).isCloseTo(score / m, within(1e-12));
    double[][] actualW = gradient.getGradientFor("0_W").toDoubleMatrix();
    double[] actualB = gradient.getGradientFor("0_b").toDoubleVector();
    for (int j = 0; j < 2; j++) {
      assertThat(actualB[j]).isCloseTo(db[j], within(1e-12));
      assertThat(actualW[0][j]).isCloseTo(dW[0][j], within(1e-12));
      assertThat(actualW[1][j]).isCloseTo(dW[1][j], within(1e-12));
    }
  }

  @Test
  @DisplayName("On an imbalanced problem (5% positives), class weights [1, 19] raise the minority recall over the unweighted network's, same seed and steps")
  void classWeightsRaiseMinorityRecall() {
    DataSet train = imbalanced(400, 21);
    DataSet test = imbalanced(2000, 22);
    double plain = recall(trained(DeltaPairLoss.of(SOFTMAX_CE, "dl4j"), train), test);
    double weighted = recall(
        trained(DeltaPairLoss.of(SOFTMAX_CE, "dl4j").withClassWeights(1.0, 19.0), train), test);
    org.slf4j.LoggerFactory.getLogger(DeltaPairLossOptionsTest.class)
        .info("minority recall: unweighted {}, class weights [1, 19] {}", plain, weighted);

    assertThat(weighted).isGreaterThan(plain + 0.2);
  }

  private static MultiLayerNetwork trained(DeltaPairLoss loss, DataSet train) {
    MultiLayerNetwork net = network(loss, 7);
    for (int step = 0; step < 150; step++) {
      net.fit(train);
    }
    return net;
  }

  /** The fraction of class-1 examples predicted as class 1. */
  private static double recall(MultiLayerNetwork net, DataSet test) {
    double[][] out = net.output(test.getFeatures()).toDoubleMatrix();
    double[][] y = test.getLabels().toDoubleMatrix();
    int positives = 0;
    int found = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i][1] == 1.0) {
        positives++;
        found += out[i][1] > out[i][0] ? 1 : 0;
      }
    }
    return (double) found / positives;
  }

  /**
   * {@code m} examples in two overlapping 2-d Gaussian classes, 5% of class 1 (centred at (1, 1),
   * class 0 at (0, 0), unit variance), one-hot labels; reproducible from {@code seed}.
   */
  private static DataSet imbalanced(int m, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[m][2];
    double[][] y = new double[m][2];
    for (int i = 0; i < m; i++) {
      int c = i % 20 == 0 ? 1 : 0;
      x[i][0] = c + random.nextGaussian();
      x[i][1] = c + random.nextGaussian();
      y[i][c] = 1.0;
    }
    return new DataSet(matrix(x), matrix(y));
  }

  /** A single softmax output layer 2 → 2 in float64, Adam, seeded. */
  private static MultiLayerNetwork network(DeltaPairLoss loss, long seed) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.DOUBLE)
        .updater(new Adam(0.05))
        .weightInit(WeightInit.XAVIER)
        .list()
        .layer(new OutputLayer.Builder(loss).nIn(2).nOut(2).activation(loss.activation()).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}

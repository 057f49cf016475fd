package io.github.deltapair.dl4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Targets;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DeltaPairLoss} in a FLOAT network (docs/contract.md §2c): float32 from preOutput to the
 * gradient, against the pair's float64 definitions on the widened values within 1e-6, on both
 * backends; a FLOAT MLP trains; and the Java heap a call allocates shows that neither preOutput nor
 * the labels is widened or copied twice.
 */
@DisplayName("DeltaPairLoss computes a FLOAT network's delta in float32")
class DeltaPairLossFloat32Test {

  private static final Logger LOG = LoggerFactory.getLogger(DeltaPairLossFloat32Test.class);

  private static final double TOLERANCE = 1e-6;

  @ParameterizedTest(name = "{0} + {1} on {2}")
  @CsvSource({
      "softmax, cross-entropy, native", "softmax, cross-entropy, dl4j",
      "sigmoid, binary-cross-entropy, native", "sigmoid, binary-cross-entropy, dl4j",
      "identity, squared-error, dl4j", "tanh, bipolar-cross-entropy, dl4j",
      "exp, poisson, dl4j", "sigmoid, squared-error, dl4j", "softmax, squared-error, native"
  })
  @DisplayName("Gradient (FLOAT), score and score array of FLOAT preOutput and labels equal float64 on the widened values within 1e-6, with and without a per-example mask")
  void matchesFloat64(String activation, String loss, String backendId) {
    Pair pair = Pair.of(activation, loss);
    DeltaPairLoss subject = DeltaPairLoss.of(pair, backendId);
    int m = 16;
    INDArray preOutput = logits(m, 3, 2.0, 5);
    INDArray labels = Networks.labels(pair, m, DataType.FLOAT, 9);
    INDArray mask = Nd4j.ones(DataType.FLOAT, m, 1);
    mask.putScalar(3, 0, 0.0);
    mask.putScalar(8, 0, 0.0);
    for (INDArray maskOrNull : new INDArray[] {null, mask}) {
      assertAgrees(subject, labels, preOutput, maskOrNull, wide(labels));
    }
  }

  @ParameterizedTest(name = "on {0}")
  @CsvSource({"native", "dl4j"})
  @DisplayName("A FLOAT per-output mask of 0, 0.5, 1 and 2 multiplies each entry's loss and delta once, within 1e-6 of float64")
  void perOutputMask(String backendId) {
    Pair pair = Pair.of("sigmoid", "binary-cross-entropy");
    DeltaPairLoss subject = DeltaPairLoss.of(pair, backendId);
    int m = 6;
    int n = 3;
    INDArray preOutput = logits(m, n, 3.0, 8);
    INDArray labels = Networks.labels(pair, m, DataType.FLOAT, 2);
    float[] values = {0f, 0.5f, 1f, 2f};
    float[] weights = new float[m * n];
    for (int k = 0; k < weights.length; k++) {
      weights[k] = values[(k * 5) % values.length];
    }
    INDArray mask = Nd4j.create(weights, new long[] {m, n}, 'c');
    IActivation activation = subject.activation();
    INDArray gradient = subject.computeGradient(labels, preOutput, activation, mask);
    assertThat(gradient.dataType()).isEqualTo(DataType.FLOAT);
    double expectedScore = 0;
    for (int k = 0; k < m * n; k++) {
      // each entry alone, as a 1 × 1 batch: its loss and delta, times its mask value
      Batch z = Batch.of(new double[][] {{preOutput.getDouble(k / n, k % n)}});
      Batch y = Batch.of(new double[][] {{labels.getDouble(k / n, k % n)}});
      double[] delta = new double[1];
      double entry = pair.lossOfRows(z, y, Options.NONE, 0, 1, 1.0, delta, null);
      expectedScore += weights[k] * entry;
      assertClose("δ at " + k, gradient.getDouble(k / n, k % n), weights[k] * delta[0], TOLERANCE);
    }
    assertClose("score", subject.computeScore(labels, preOutput, activation, mask, false),
        expectedScore, TOLERANCE);
  }

  @Test
  @DisplayName("Class-index labels in a FLOAT network: the gradient is FLOAT and equals float64 within 1e-6")
  void classIndices() {
    Pair pair = Pair.of("softmax", "cross-entropy");
    int m = 12;
    INDArray preOutput = logits(m, 4, 30.0, 3);
    float[] classes = new float[m];
    int[] ints = new int[m];
    for (int i = 0; i < m; i++) {
      ints[i] = (i * 7) % 4;
      classes[i] = ints[i];
    }
    INDArray labels = Nd4j.create(classes, new long[] {m, 1}, 'c');
    for (String backendId : new String[] {"native", "dl4j"}) {
      DeltaPairLoss subject = DeltaPairLoss.of(pair, backendId).withClassIndexLabels();
      assertAgrees(subject, labels, preOutput, null, Labels.of(ints));
    }
  }

  @Test
  @DisplayName("A FLOAT network's output-layer gradient through DeltaPairLoss is FLOAT and its bias gradient is Σ_i δ_i of float64 on the widened preOutput")
  void networkGradient() {
    Pair pair = Pair.of("softmax", "cross-entropy");
    MultiLayerNetwork net = Networks.withPair(pair, "dl4j", DataType.FLOAT, new Adam(0.01));
    int m = 32;
    INDArray x = Networks.inputs(m, DataType.FLOAT, 21);
    INDArray y = Networks.labels(pair, m, DataType.FLOAT, 22);
    // preOutput = h W + b, from the hidden layer's activations
    INDArray hidden = net.feedForward(x, false).get(1);
    INDArray preOutput = hidden.mmul(net.getParam("1_W")).addiRowVector(net.getParam("1_b"));
    Batch z = LayerArrays.batch("preOutput", preOutput, m, 3, Precision.FLOAT32);
    double[] delta = new double[m * 3];
    double total = pair.lossOfRows(z.toFloat64(), wide(y), Options.NONE, 0, m, 1.0, delta, null);

    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    INDArray bias = net.gradient().getGradientFor("1_b");
    assertThat(bias.dataType()).isEqualTo(DataType.FLOAT);
    for (int j = 0; j < 3; j++) {
      double expected = 0;
      for (int i = 0; i < m; i++) {
        expected += delta[i * 3 + j];
      }
      assertClose("bias gradient " + j, bias.getDouble(j), expected, 1e-5);
    }
    assertClose("score", net.score(), total / m, TOLERANCE);
  }

  @ParameterizedTest(name = "on {0}")
  @CsvSource({"native", "dl4j"})
  @DisplayName("A FLOAT 64-32-10 MLP (the 784-256-10 benchmark's shape, smaller) learns with DeltaPairLoss softmax + cross-entropy: the score halves in 60 Adam steps")
  void mlpTrains(String backendId) {
    int inputs = 64;
    int classes = 10;
    int m = 128;
    DeltaPairLoss loss = DeltaPairLoss.of(Pair.of("softmax", "cross-entropy"), backendId);
    MultiLayerNetwork net = mlp(loss, loss.activation(), inputs, 32, classes, DataType.FLOAT);
    Random random = new Random(13);
    float[] x = new float[m * inputs];
    float[] teacher = new float[inputs * classes];
    for (int k = 0; k < x.length; k++) {
      x[k] = (float) random.nextGaussian();
    }
    for (int k = 0; k < teacher.length; k++) {
      teacher[k] = (float) random.nextGaussian();
    }
    INDArray features = Nd4j.create(x, new long[] {m, inputs}, 'c');
    // labels: the class a random linear teacher scores highest
    INDArray scores = features.mmul(Nd4j.create(teacher, new long[] {inputs, classes}, 'c'));
    INDArray labels = Nd4j.zeros(DataType.FLOAT, m, classes);
    for (int i = 0; i < m; i++) {
      labels.putScalar(i, scores.getRow(i).argMax().getInt(0), 1.0);
    }
    DataSet data = new DataSet(features, labels);
    double initial = net.score(data);
    for (int step = 0; step < 60; step++) {
      net.fit(data);
    }
    double last = net.score(data);
    LOG.info("FLOAT 64-32-10 MLP on {}: score {} → {} after 60 steps", backendId, initial, last);
    assertThat(net.gradient().gradient().dataType()).isEqualTo(DataType.FLOAT);
    assertThat(last).isLessThan(0.5 * initial);
  }

  @Test
  @DisplayName("A FLOAT call allocates on the Java heap about one float[] each for preOutput, labels and the delta: nothing is widened to double[] or copied twice")
  void noWideningCopies() {
    Pair pair = Pair.of("sigmoid", "binary-cross-entropy");
    DeltaPairLoss subject = DeltaPairLoss.of(pair, "dl4j");
    IActivation activation = subject.activation();
    int m = 2000;
    int n = 100;
    INDArray preOutput = logits(m, n, 2.0, 1);
    INDArray labels = Nd4j.rand(DataType.FLOAT, m, n);
    INDArray before = preOutput.dup();
    for (int warm = 0; warm < 3; warm++) {
      subject.computeGradient(labels, preOutput, activation, null);
    }
    long allocated = allocatedBytes();
    INDArray gradient = subject.computeGradient(labels, preOutput, activation, null);
    allocated = allocatedBytes() - allocated;
    LOG.info("computeGradient of a FLOAT {} × {} batch allocated {} bytes on the heap ({} per element)",
        m, n, allocated, (double) allocated / (m * n));
    assertThat(gradient.dataType()).isEqualTo(DataType.FLOAT);
    assertThat(preOutput).isEqualTo(before);
    // three float[] of m·n are 12 bytes per element; one double[] more would add 8
    assertThat(allocated).isLessThan(16L * m * n);
  }

  @Test
  @DisplayName("A FLOAT view, a column-major array and DOUBLE labels still read as the right float32 batch")
  void layouts() {
    INDArray base = logits(6, 8, 1.0, 4);
    INDArray view = base.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(2, 6));
    INDArray fOrder = view.dup('f');
    INDArray doubles = view.castTo(DataType.DOUBLE);
    assertThat(LayerArrays.isDense(base)).isTrue();
    assertThat(LayerArrays.isDense(view)).isFalse();
    for (INDArray array : new INDArray[] {view, fOrder, doubles}) {
      Batch batch = LayerArrays.batch("labels", array, 3, 4, Precision.FLOAT32);
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
          assertThat(batch.get(i, j)).isEqualTo((double) base.getFloat(i + 1, j + 2));
        }
      }
    }
  }

  /** The loss's FLOAT results for preOutput and labels against the definitions on the widened values. */
  private static void assertAgrees(DeltaPairLoss subject, INDArray labels, INDArray preOutput,
      INDArray mask, Targets wideTargets) {
    Pair pair = subject.pair();
    IActivation activation = subject.activation();
    int m = (int) preOutput.size(0);
    int n = (int) preOutput.size(1);
    Batch z = Batch.wrap(preOutput.dup('c').data().asDouble(), m, n);
    Options options = Options.NONE;
    if (mask != null) {
      options = options.withExampleWeights(mask.dup('c').data().asDouble());
    }
    double[] delta = new double[m * n];
    double[] losses = new double[m];
    double expected = pair.lossOfRows(z, wideTargets, options, 0, m, 1.0, delta, losses);
    INDArray labelsBefore = labels.dup();
    INDArray preOutputBefore = preOutput.dup();

    INDArray gradient = subject.computeGradient(labels, preOutput, activation, mask);
    assertThat(gradient.dataType()).isEqualTo(DataType.FLOAT);
    double[] got = gradient.dup('c').data().asDouble();
    String name = subject + (mask == null ? "" : " masked");
    for (int k = 0; k < got.length; k++) {
      assertClose(name + " δ at row " + k / n + ", column " + k % n, got[k], delta[k], TOLERANCE);
    }
    assertClose(name + " score", subject.computeScore(labels, preOutput, activation, mask, true),
        expected / m, TOLERANCE);
    INDArray scoreArray = subject.computeScoreArray(labels, preOutput, activation, mask);
    assertThat(scoreArray.dataType()).isEqualTo(DataType.FLOAT);
    for (int i = 0; i < m; i++) {
      assertClose(name + " ℓ_" + i, scoreArray.getDouble(i, 0), losses[i], TOLERANCE);
    }
    var both = subject.computeGradientAndScore(labels, preOutput, activation, mask, false);
    assertClose(name + " summed score", both.getFirst(), expected, TOLERANCE);
    assertThat(both.getSecond()).isEqualTo(gradient);
    assertThat(labels).isEqualTo(labelsBefore);
    assertThat(preOutput).isEqualTo(preOutputBefore);
  }

  /** {@code m × n} FLOAT logits, normal with standard deviation {@code scale}. */
  private static INDArray logits(int m, int n, double scale, long seed) {
    Random random = new Random(seed);
    float[] z = new float[m * n];
    for (int k = 0; k < z.length; k++) {
      z[k] = (float) (scale * random.nextGaussian());
    }
    return Nd4j.create(z, new long[] {m, n}, 'c');
  }

  /** Dense labels as a float64 batch of their (float32) values. */
  private static Batch wide(INDArray labels) {
    return Batch.wrap(labels.dup('c').data().asDouble(), (int) labels.size(0),
        (int) labels.size(1));
  }

  private static MultiLayerNetwork mlp(ILossFunction loss, IActivation output, int inputs,
      int hidden, int outputs, DataType type) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(7)
        .dataType(type)
        .updater(new Adam(0.01))
        .weightInit(WeightInit.XAVIER)
        .list()
        .layer(new DenseLayer.Builder().nIn(inputs).nOut(hidden)
            .activation(new ActivationReLU()).build())
        .layer(new OutputLayer.Builder(loss).nIn(hidden).nOut(outputs).activation(output).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  private static void assertClose(String what, double actual, double expected, double tolerance) {
    assertThat(Math.abs(actual - expected))
        .as("%s: %s, expected %s", what, actual, expected)
        .isLessThanOrEqualTo(tolerance * Math.max(1.0, Math.abs(expected)));
  }
}

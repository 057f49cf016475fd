package io.github.deltapair.dl4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Networks learn with {@link DeltaPairLoss}: the score falls on data a teacher network made. */
class DeltaPairLossTrainingTest {

  private static final Logger LOG = LoggerFactory.getLogger(DeltaPairLossTrainingTest.class);

  private static final int EXAMPLES = 128;
  private static final int ITERATIONS = 100;

  @ParameterizedTest(name = "{0} + {1} in {2} on backend {3}")
  @CsvSource({
      "sigmoid, binary-cross-entropy, FLOAT, native",
      "softmax, cross-entropy, DOUBLE, native",
      "tanh, bipolar-cross-entropy, DOUBLE, native",
      "exp, poisson, FLOAT, native",
      "sigmoid, binary-cross-entropy, FLOAT, dl4j",
      "softmax, cross-entropy, DOUBLE, dl4j",
      "tanh, bipolar-cross-entropy, DOUBLE, dl4j",
      "exp, poisson, FLOAT, dl4j"
  })
  @DisplayName("Adam on a learnable task at least halves the score's excess over its minimum in 100 steps")
  void scoreFallsByHalf(String activation, String loss, DataType type, String backendId) {
    Pair pair = Pair.of(activation, loss);
    INDArray x = Networks.inputs(EXAMPLES, type, 7);
    INDArray y = Teacher.labels(pair, x);
    DataSet data = new DataSet(x, y);
    MultiLayerNetwork net = Networks.withPair(pair, backendId, type, new Adam(0.05));
    // the score of a perfect prediction a = y: 0 with hard labels, Σ(y − y log y)/m for Poisson
    double minimum = perfectScore(pair.loss(), y);

    double initial = net.score(data) - minimum;
    double[] excess = new double[ITERATIONS + 1];
    for (int step = 1; step <= ITERATIONS; step++) {
      net.fit(data);
      if (step == 10 || step == 50 || step == ITERATIONS) {
        excess[step] = net.score(data) - minimum;
      }
    }
    LOG.info("{} ({}, {}): score above its minimum {} → {} after 10, {} after 50, {} after {} steps",
        pair, type, backendId, initial, excess[10], excess[50], excess[ITERATIONS], ITERATIONS);

    assertThat(net.output(x).dataType()).isEqualTo(type);
    assertThat(excess[ITERATIONS]).isLessThan(0.5 * initial);
  }

  /** {@code (1/m) Σ_ij ℓ(y_ij, y_ij)}: the score of predictions equal to the targets. */
  private static double perfectScore(Loss loss, INDArray y) {
    double[] targets = y.dup('c').data().asDouble();
    double sum = 0.0;
    for (double target : targets) {
      sum += loss.value(target, target);
    }
    return sum / y.size(0);
  }
}

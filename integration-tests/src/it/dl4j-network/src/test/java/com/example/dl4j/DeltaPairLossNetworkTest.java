package com.example.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deltapair.Backends;
import io.github.deltapair.Pair;
import io.github.deltapair.dl4j.interop.DeltaPairLoss;
import io.github.deltapair.spi.Backend;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** A DL4J network trained with DeltaPairLoss, from the one dependency deltapair-dl4j. */
class DeltaPairLossNetworkTest {

  private static final int EXAMPLES = 64;
  private static final int INPUTS = 4;
  private static final int OUTPUTS = 3;

  @Test
  @DisplayName("deltapair-dl4j alone brings both backends, and DeltaPairLoss uses native by default")
  void nativeByDefault() {
    assertEquals(Set.of("dl4j", "native"),
        Backends.all().stream().map(Backend::id).collect(Collectors.toSet()));
    DeltaPairLoss loss = DeltaPairLoss.of(Pair.of("sigmoid", "binary-cross-entropy"));
    assertEquals("native", loss.evaluator().backendId());
  }

  @Test
  @DisplayName("a 4-8-3 network's score falls over ten fit() calls with sigmoid + binary cross-entropy")
  void scoreFalls() {
    DeltaPairLoss loss = DeltaPairLoss.of(Pair.of("sigmoid", "binary-cross-entropy"));
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(42)
        .dataType(DataType.DOUBLE)
        .updater(new Adam(0.05))
        .weightInit(WeightInit.XAVIER)
        .list()
        .layer(new DenseLayer.Builder().nIn(INPUTS).nOut(8).activation(new ActivationTanH()).build())
        .layer(new OutputLayer.Builder(loss).nIn(8).nOut(OUTPUTS).activation(loss.activation()).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    DataSet data = learnable(new Random(7));

    double before = net.score(data);
    double previous = before;
    for (int step = 1; step <= 10; step++) {
      net.fit(data);
      double now = net.score(data);
      assertTrue(now < previous, "step " + step + ": score " + now + " did not fall from " + previous);
      previous = now;
    }
    assertTrue(previous < 0.9 * before, "score " + before + " → " + previous + " after 10 steps");
    assertEquals("native", loss.evaluator().backendId());
  }

  /** Gaussian inputs, and targets 1 where a fixed linear function of them is positive. */
  private static DataSet learnable(Random random) {
    double[] x = new double[EXAMPLES * INPUTS];
    double[] y = new double[EXAMPLES * OUTPUTS];
    for (int i = 0; i < EXAMPLES; i++) {
      for (int k = 0; k < INPUTS; k++) {
        x[i * INPUTS + k] = random.nextGaussian();
      }
      for (int j = 0; j < OUTPUTS; j++) {
        // output j looks at inputs j and j + 1
        y[i * OUTPUTS + j] = x[i * INPUTS + j] - x[i * INPUTS + j + 1] > 0 ? 1.0 : 0.0;
      }
    }
    return new DataSet(Nd4j.create(x, new long[] {EXAMPLES, INPUTS}, 'c'),
        Nd4j.create(y, new long[] {EXAMPLES, OUTPUTS}, 'c'));
  }
}

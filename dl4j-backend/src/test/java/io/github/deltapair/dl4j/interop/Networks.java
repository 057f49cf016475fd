package io.github.deltapair.dl4j.interop;

import io.github.deltapair.Interval;
import io.github.deltapair.Pair;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** Small networks and data for the interop tests: 4 inputs, 5 tanh hidden units, 3 outputs. */
final class Networks {

  static final int INPUTS = 4;
  static final int HIDDEN = 5;
  static final int OUTPUTS = 3;

  private Networks() {}

  /**
   * A 4-5-3 network whose output layer uses {@code DeltaPairLoss.of(pair, backendId)} with its
   * matching activation.
   */
  static MultiLayerNetwork withPair(Pair pair, String backendId, DataType type, IUpdater updater) {
    DeltaPairLoss loss = DeltaPairLoss.of(pair, backendId);
    return build(loss, loss.activation(), type, updater);
  }

  /** A 4-5-3 network with any output loss and activation, initialized from seed 42. */
  static MultiLayerNetwork build(
      ILossFunction loss, IActivation outputActivation, DataType type, IUpdater updater) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(42)
        .dataType(type)
        .updater(updater)
        .weightInit(WeightInit.XAVIER)
        .list()
        .layer(new DenseLayer.Builder().nIn(INPUTS).nOut(HIDDEN)
            .activation(new ActivationTanH()).build())
        .layer(new OutputLayer.Builder(loss).nIn(HIDDEN).nOut(OUTPUTS)
            .activation(outputActivation).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** {@code m × 4} standard normal inputs. */
  static INDArray inputs(int m, DataType type, long seed) {
    Random random = new Random(seed);
    double[] x = new double[m * INPUTS];
    for (int k = 0; k < x.length; k++) {
      x[k] = random.nextGaussian();
    }
    return Nd4j.create(x, new long[] {m, INPUTS}, 'c').castTo(type);
  }

  /**
   * {@code m × 3} targets in the domain of {@code pair}'s loss, random but reproducible: one-hot
   * rows on the simplex, the ends of a finite interval, counts 0..4 on a half-line, uniform in
   * [0, 1) on ℝ.
   */
  static INDArray labels(Pair pair, int m, DataType type, long seed) {
    Random random = new Random(seed);
    Interval domain = pair.loss().targetDomain();
    boolean simplex = pair.loss().targetRowsOnSimplex();
    double[] y = new double[m * OUTPUTS];
    for (int i = 0; i < m; i++) {
      int hot = random.nextInt(OUTPUTS);
      for (int j = 0; j < OUTPUTS; j++) {
        y[i * OUTPUTS + j] = simplex ? (j == hot ? 1.0 : 0.0)
            : Double.isFinite(domain.upper())
                ? domain.lower() + (domain.upper() - domain.lower()) * random.nextInt(2)
            : Double.isFinite(domain.lower()) ? domain.lower() + random.nextInt(5)
            : random.nextDouble();
      }
    }
    return Nd4j.create(y, new long[] {m, OUTPUTS}, 'c').castTo(type);
  }
}

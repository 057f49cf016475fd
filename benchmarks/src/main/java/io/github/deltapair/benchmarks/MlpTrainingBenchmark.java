package io.github.deltapair.benchmarks;

import io.github.deltapair.Pair;
import io.github.deltapair.dl4j.interop.DeltaPairLoss;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time of one DL4J training step, {@code fit} on one minibatch of 128, of a 784-256-10 MLP
 * (ReLU hidden layer, softmax output, Adam) in FLOAT, with the output loss as the parameter:
 *
 * <ul>
 *   <li>{@code deltapair}: {@code DeltaPairLoss.of(softmax + cross-entropy)} with its activation,
 *       on the default backend ({@code native}, or {@code -Ddeltapair.backend=ID} in the fork's
 *       JVM arguments), computing the delta in float32;
 *   <li>{@code mcxent}: DL4J's own {@code LossMCXENT} with ND4J's {@code ActivationSoftmax}.
 * </ul>
 *
 * <p>The data are seeded: standard normal inputs and one-hot labels of uniformly drawn classes.
 * The matrix products dominate, so the ratio of the two times is what the loss costs on top (issue
 * 12's target: {@code deltapair} at most 1.05 times {@code mcxent}).
 *
 * <p>ND4J runs the products on OpenMP threads: on a shared or busy machine export {@code
 * OMP_NUM_THREADS=1} (or a fixed count) before {@code java -jar benchmarks/target/benchmarks.jar
 * MlpTrainingBenchmark}, so that both losses are measured with the same threads and spinning
 * OpenMP workers do not stall the step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MlpTrainingBenchmark {

  private static final int INPUTS = 784;
  private static final int HIDDEN = 256;
  private static final int CLASSES = 10;
  private static final int MINIBATCH = 128;

  @Param({"deltapair", "mcxent"})
  public String loss;

  private MultiLayerNetwork network;
  private DataSet minibatch;

  @Setup(Level.Trial)
  public void setUp() {
    ILossFunction output;
    IActivation activation;
    switch (loss) {
      case "deltapair" -> {
        DeltaPairLoss deltaPair = DeltaPairLoss.of(Pair.of("softmax", "cross-entropy"));
        output = deltaPair;
        activation = deltaPair.activation();
      }
      case "mcxent" -> {
        output = new LossMCXENT();
        activation = new ActivationSoftmax();
      }
      default -> throw new IllegalArgumentException("unknown loss " + loss);
    }
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(42)
        .dataType(DataType.FLOAT)
        .updater(new Adam(1e-3))
        .weightInit(WeightInit.XAVIER)
        .list()
        .layer(new DenseLayer.Builder().nIn(INPUTS).nOut(HIDDEN)
            .activation(new ActivationReLU()).build())
        .layer(new OutputLayer.Builder(output).nIn(HIDDEN).nOut(CLASSES)
            .activation(activation).build())
        .build();
    network = new MultiLayerNetwork(conf);
    network.init();
    minibatch = data(new Random(7));
  }

  /** One {@code fit}: forward, loss and delta, backward, Adam update. */
  @Benchmark
  public double fit() {
    network.fit(minibatch);
    return network.score();
  }

  /** 128 standard normal inputs with one-hot labels of uniformly drawn classes, FLOAT. */
  private static DataSet data(Random random) {
    float[] x = new float[MINIBATCH * INPUTS];
    for (int k = 0; k < x.length; k++) {
      x[k] = (float) random.nextGaussian();
    }
    float[] y = new float[MINIBATCH * CLASSES];
    for (int i = 0; i < MINIBATCH; i++) {
      y[i * CLASSES + random.nextInt(CLASSES)] = 1f;
    }
    INDArray features = Nd4j.create(x, new long[] {MINIBATCH, INPUTS}, 'c');
    INDArray labels = Nd4j.create(y, new long[] {MINIBATCH, CLASSES}, 'c');
    return new DataSet(features, labels);
  }
}

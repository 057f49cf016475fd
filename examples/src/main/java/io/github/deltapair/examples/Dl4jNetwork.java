package io.github.deltapair.examples;

import io.github.deltapair.Pair;
import io.github.deltapair.dl4j.interop.DeltaPairLoss;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A DL4J {@code MultiLayerNetwork} whose output layer trains with a deltapair pair through {@link
 * DeltaPairLoss}: softmax + cross-entropy on three generated classes, saved and restored with
 * {@code ModelSerializer}.
 *
 * <p>Run (after {@code mvn -B -q -DskipTests install}): {@code mvn -q -pl examples exec:java
 * -Dexec.mainClass=io.github.deltapair.examples.Dl4jNetwork [-Dexec.args=model.zip]} (default
 * {@code target/dl4j-network.zip}). Prints the score every 20 steps, the accuracy, and whether the
 * restored network gives the same outputs.
 */
public final class Dl4jNetwork {

  private static final int EXAMPLES = 300;
  private static final int STEPS = 200;

  private Dl4jNetwork() {}

  /** Trains, saves and restores the network; exits 1 if it did not learn or did not round-trip. */
  public static void main(String[] args) throws IOException {
    File model = new File(args.length > 0 ? args[0] : "target/dl4j-network.zip");
    boolean ok = run(model, SeedQuestion.utf8Stdout());
    System.exit(ok ? 0 : 1);
  }

  /**
   * Trains on generated data, writes {@code model}, restores it and compares.
   *
   * @return whether the score fell below a quarter of its start and the restored network's
   *     outputs are identical
   */
  static boolean run(File model, PrintStream out) throws IOException {
    DataSet data = threeBlobs(new Random(7));
    DeltaPairLoss loss = DeltaPairLoss.of(Pair.of("softmax", "cross-entropy"));
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(7)
        .dataType(DataType.DOUBLE)
        .updater(new Adam(0.02))
        .list()
        .layer(new DenseLayer.Builder().nIn(2).nOut(16).activation(Activation.TANH).build())
        .layer(new OutputLayer.Builder(loss).activation(loss.activation()).nIn(16).nOut(3).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();

    out.println("output layer: " + loss.name() + " with " + loss.activation() + "; δ = "
        + loss.pair().deltaFormula());
    double first = net.score(data);
    out.printf("step %3d  score %.4f%n", 0, first);
    for (int step = 1; step <= STEPS; step++) {
      net.fit(data);
      if (step % 20 == 0) {
        out.printf("step %3d  score %.4f%n", step, net.score(data));
      }
    }
    double last = net.score(data);
    INDArray predicted = net.output(data.getFeatures()).argMax(1);
    INDArray actual = data.getLabels().argMax(1);
    double accuracy = predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    out.printf("accuracy %.1f%%%n", 100 * accuracy);

    File parent = model.getAbsoluteFile().getParentFile();
    if (parent != null) {
      parent.mkdirs();
    }
    ModelSerializer.writeModel(net, model, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(model);
    boolean same = restored.output(data.getFeatures()).equals(net.output(data.getFeatures()));
    out.println("saved to " + model + "; restored network gives "
        + (same ? "identical outputs" : "DIFFERENT outputs"));
    return last < first / 4 && same;
  }

  /** Three Gaussian blobs in the plane, one-hot labels. */
  private static DataSet threeBlobs(Random random) {
    double[][] centres = {{-2, 0}, {2, 0}, {0, 2.5}};
    double[][] x = new double[EXAMPLES][2];
    double[][] y = new double[EXAMPLES][3];
    for (int i = 0; i < EXAMPLES; i++) {
      int label = i % 3;
      x[i][0] = centres[label][0] + 0.7 * random.nextGaussian();
      x[i][1] = centres[label][1] + 0.7 * random.nextGaussian();
      y[i][label] = 1;
    }
    return new DataSet(Nd4j.create(x), Nd4j.create(y));
  }
}

package io.github.deltapair.benchmarks;

import io.github.deltapair.Activation;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * What a DL4J user gets today: ND4J's own loss and activation on float64 {@code INDArray}s built
 * once, no conversion. DL4J's losses write into the pre-output, so each call pays for a {@code
 * dup()} of it, as a layer does. Scalings differ from deltapair's ({@code LossL2} has no ½) but
 * the work is the same.
 */
final class Nd4jRaw {

  private final ILossFunction loss;
  private final IActivation activation;
  private final INDArray labels;
  private final INDArray preOutput;

  Nd4jRaw(Pair pair, Workload work) {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    long[] shape = {work.rows(), work.cols()};
    labels = Nd4j.create(work.y(), shape, 'c');
    preOutput = Nd4j.create(work.z(), shape, 'c');
    loss = switch (pair.loss()) {
      case CROSS_ENTROPY -> new LossMCXENT();
      case BINARY_CROSS_ENTROPY -> new LossBinaryXENT();
      case SQUARED_ERROR -> new LossL2();
      default -> throw new IllegalArgumentException("no nd4j-raw mapping for " + pair);
    };
    activation = activation(pair.activation());
    if (pair.loss() == Loss.CROSS_ENTROPY && pair.activation() != Activation.SOFTMAX) {
      throw new IllegalArgumentException("no nd4j-raw mapping for " + pair);
    }
  }

  private static IActivation activation(Activation f) {
    return switch (f) {
      case SOFTMAX -> new ActivationSoftmax();
      case SIGMOID -> new ActivationSigmoid();
      case IDENTITY -> new ActivationIdentity();
      default -> throw new IllegalArgumentException("no nd4j-raw mapping for " + f.id());
    };
  }

  /** ND4J's score (summed over examples) and gradient with respect to the pre-output. */
  Object lossAndDelta() {
    return loss.computeGradientAndScore(labels, preOutput.dup(), activation, null, false);
  }
}

package io.github.deltapair.benchmarks;

import io.github.deltapair.Activation;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
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
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a DL4J user gets today: ND4J's own loss and activation on {@code INDArray}s built once
 * (DOUBLE, or FLOAT for float32: the workload's values rounded), no conversion. DL4J's losses write into the pre-output, so each call pays for a {@code
 * dup()} of it, as a layer does. Scalings differ from deltapair's ({@code LossL2} has no ½) but
 * the work is the same.
 */
final class Nd4jRaw {

  private final ILossFunction loss;
  private final IActivation activation;
  private final INDArray labels;
  private final INDArray preOutput;

  Nd4jRaw(Pair pair, Workload work, Precision precision) {
    long[] shape = {work.rows(), work.cols()};
    if (precision == Precision.FLOAT32) {
      Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
      labels = Nd4j.create(work.y(precision).floatArray(), shape, 'c');
      preOutput = Nd4j.create(work.z(precision).floatArray(), shape, 'c');
    } else {
      Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
      labels = Nd4j.create(work.y(), shape, 'c');
      preOutput = Nd4j.create(work.z(), shape, 'c');
    }
    Supplier<ILossFunction> lossFunction = LOSSES.get(pair.loss().name());
    Supplier<IActivation> activationFunction = ACTIVATIONS.get(pair.activation().id());
    if (lossFunction == null || activationFunction == null
        || (pair.loss().equals(Loss.CROSS_ENTROPY) && !pair.isCanonical())) {
      throw new IllegalArgumentException("no nd4j-raw mapping for " + pair);
    }
    loss = lossFunction.get();
    activation = activationFunction.get();
  }

  /** DL4J's own class for each loss measured raw. */
  private static final Map<String, Supplier<ILossFunction>> LOSSES = Map.of(
      Loss.CROSS_ENTROPY.name(), LossMCXENT::new,
      Loss.BINARY_CROSS_ENTROPY.name(), LossBinaryXENT::new,
      Loss.SQUARED_ERROR.name(), LossL2::new);

  /** DL4J's own class for each activation measured raw. */
  private static final Map<String, Supplier<IActivation>> ACTIVATIONS = Map.of(
      Activation.SOFTMAX.id(), ActivationSoftmax::new,
      Activation.SIGMOID.id(), ActivationSigmoid::new,
      Activation.IDENTITY.id(), ActivationIdentity::new);

  /** ND4J's score (summed over examples) and gradient with respect to the pre-output. */
  Object lossAndDelta() {
    return loss.computeGradientAndScore(labels, preOutput.dup(), activation, null, false);
  }
}

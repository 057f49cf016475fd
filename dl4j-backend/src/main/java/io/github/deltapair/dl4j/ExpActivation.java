package io.github.deltapair.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code a = e^z}, {@code f'(z) = e^z}: DL4J has no exp activation, so this is ND4J's exp op. */
final class ExpActivation extends BaseActivationFunction {

  /** Writes {@code e^in} into {@code in}, as ND4J's activations do. */
  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    return Transforms.exp(in, false);
  }

  /** {@code δ = epsilon ⊙ e^in}, written into {@code in}. */
  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    return new Pair<>(Transforms.exp(in, false).muli(epsilon), null);
  }

  @Override
  public String toString() {
    return "exp";
  }
}

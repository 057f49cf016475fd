package io.github.deltapair.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ND4J's softmax activation with each row's own maximum subtracted. ND4J's {@code SoftMax} op (and
 * so {@link ActivationSoftmax} and its {@code SoftmaxBp}) subtracts the maximum of the whole array:
 * on {@code [[0, 1, 2], [−800, −799, −798]]} the second row becomes NaN. Being an {@code
 * ActivationSoftmax}, this still takes DL4J's softmax paths (e.g. {@code LossMCXENT}'s {@code a −
 * y} gradient).
 */
final class RowStableSoftmax extends ActivationSoftmax {

  /** Writes {@code softmax(in)} row by row into {@code in}, as ND4J's activations do. */
  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    return in.assign(StableOps.softmax(in));
  }

  /** The vector-Jacobian product {@code δ_k = a_k (g_k − Σ_j g_j a_j)}, {@code g = epsilon}. */
  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    INDArray a = StableOps.softmax(in);
    INDArray dot = epsilon.mul(a).sum(true, 1);
    return new Pair<>(epsilon.subColumnVector(dot).muli(a), null);
  }

  @Override
  public String toString() {
    return "softmax(row-stable)";
  }
}

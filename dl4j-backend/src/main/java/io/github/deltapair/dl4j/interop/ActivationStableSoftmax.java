package io.github.deltapair.dl4j.interop;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-wise softmax {@code a_k = e^{z_k − max_j z_j} / Σ_j e^{z_j − max_j z_j}} that subtracts each
 * row's own maximum.
 *
 * <p>ND4J's {@code ActivationSoftmax} (1.0.0-M2.1) subtracts the maximum of the whole array, so a
 * row far below the global maximum (e.g. {@code [-800, -799, -798]} next to {@code [1000, 0,
 * -1000]}) underflows to {@code 0/0 = NaN}. This one is finite and exact-to-rounding for every
 * finite row. It acts on {@code m × n} arrays (examples × outputs) only; like ND4J's activations
 * it overwrites {@code in}. It is an {@link ActivationSoftmax}, so DL4J's softmax-specific paths
 * (e.g. {@code LossMCXENT}'s {@code a − y} gradient) still apply, but it equals only itself. It has no parameters and serializes as its class name.
 */
public final class ActivationStableSoftmax extends ActivationSoftmax {

  private static final long serialVersionUID = 1L;

  /** The activation; all instances are equal. */
  public ActivationStableSoftmax() {}

  /**
   * Overwrites {@code in} with its row-wise softmax and returns it.
   *
   * @throws IllegalArgumentException if {@code in} is not a matrix
   */
  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    requireMatrix(in);
    return in.assign(StableOps.softmax(in));
  }

  /**
   * Overwrites {@code in} with {@code dL/dz_k = a_k (ε_k − Σ_j ε_j a_j)} (the softmax Jacobian
   * times {@code ε}, per row) and returns it; {@code epsilon} is not written.
   */
  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    INDArray a = getActivation(in, true);
    // dL/dz_k = a_k (ε_k − Σ_j ε_j a_j), the sum in DOUBLE
    INDArray weighted = StableOps.rowSums(epsilon.mul(a)).castTo(a.dataType());
    INDArray centred = epsilon.subColumnVector(weighted);
    return new Pair<>(a.muli(centred), null);
  }

  private static void requireMatrix(INDArray in) {
    if (in.rank() != 2) {
      throw new IllegalArgumentException(
          "softmax acts on rows of an [examples, outputs] matrix, but the input has rank "
              + in.rank() + " and shape " + java.util.Arrays.toString(in.shape()));
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ActivationStableSoftmax;
  }

  /** Keeps ND4J's {@code ActivationSoftmax.equals} from calling this one equal to it. */
  @Override
  protected boolean canEqual(Object other) {
    return other instanceof ActivationStableSoftmax;
  }

  @Override
  public int hashCode() {
    return ActivationStableSoftmax.class.getName().hashCode();
  }

  @Override
  public String toString() {
    return "stable-softmax";
  }
}

package io.github.deltapair.dl4j.interop;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code softplus(z) = log(1 + e^z)}, computed as {@code max(z, 0) + log1p(e^{−|z|})} so that it is
 * finite and accurate for every finite {@code z}.
 *
 * <p>ND4J's {@code ActivationSoftPlus} (1.0.0-M2.1) evaluates {@code log(1 + e^z)} directly: +∞ at
 * {@code z = 1000}, and 0 instead of {@code e^z} for {@code z < −37}, and its {@code SoftPlusBp}
 * is NaN at {@code z = 1000}. This one uses {@link StableOps#softplus} forward and {@code σ(z) ⊙ ε}
 * backward. Like ND4J's activations it overwrites {@code in}. It has no parameters and serializes as its class name.
 */
public final class ActivationStableSoftplus extends BaseActivationFunction {

  private static final long serialVersionUID = 1L;

  /** The activation; all instances are equal. */
  public ActivationStableSoftplus() {}

  /** Overwrites {@code in} with {@code softplus(in)} and returns it. */
  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    return in.assign(StableOps.softplus(in));
  }

  /** Overwrites {@code in} with {@code dL/dz = σ(z) ⊙ epsilon}; returns it and no parameter gradient. */
  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    // softplus'(z) = σ(z)
    return new Pair<>(Transforms.sigmoid(in, false).muli(epsilon), null);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ActivationStableSoftplus;
  }

  @Override
  public int hashCode() {
    return ActivationStableSoftplus.class.getName().hashCode();
  }

  @Override
  public String toString() {
    return "stable-softplus";
  }
}

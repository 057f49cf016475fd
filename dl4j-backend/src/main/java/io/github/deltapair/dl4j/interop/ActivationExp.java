package io.github.deltapair.dl4j.interop;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code a = e^z}, the canonical activation of the Poisson loss, which ND4J does not have.
 *
 * <p>Like ND4J's own activations it works in place: {@link #getActivation} overwrites {@code in}
 * with {@code e^z} and {@link #backprop} overwrites {@code in} with {@code dL/dz = e^z ⊙ ε}; {@code
 * ε} is never written. {@code e^z} is +∞ above {@code z ≈ 709.78} in DOUBLE ({@code ≈ 88.72} in
 * FLOAT). It has no parameters and serializes as its class name.
 */
public final class ActivationExp extends BaseActivationFunction {

  private static final long serialVersionUID = 1L;

  /** The activation; all instances are equal. */
  public ActivationExp() {}

  /** Overwrites {@code in} with {@code e^in} and returns it. */
  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    return Transforms.exp(in, false);
  }

  /** Overwrites {@code in} with {@code dL/dz = e^z ⊙ epsilon}; returns it and no parameter gradient. */
  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    // dL/dz = e^z ⊙ ε
    return new Pair<>(Transforms.exp(in, false).muli(epsilon), null);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ActivationExp;
  }

  @Override
  public int hashCode() {
    return ActivationExp.class.getName().hashCode();
  }

  @Override
  public String toString() {
    return "exp";
  }
}

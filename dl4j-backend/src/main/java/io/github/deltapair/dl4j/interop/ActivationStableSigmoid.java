package io.github.deltapair.dl4j.interop;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code σ(z) = e^{min(z, 0)} / (1 + e^{−|z|})}, which never overflows, with {@code σ'(z) = σ(z)·σ(−z)
 * = e^{−|z|} / (1 + e^{−|z|})²}, accurate in both tails.
 *
 * <p>ND4J's {@code ActivationSigmoid} (1.0.0-M2.1) computes {@code 1 / (1 + e^{−z})}: below {@code z
 * ≈ −709.78} {@code e^{−z}} overflows and it returns 0 instead of {@code e^z} (down to 4.9e-324 at
 * {@code z ≈ −745}), so a chain-rule gradient such as {@code −y/a} becomes infinite; and its
 * backprop uses {@code a(1 − a)}, which loses relative accuracy once {@code a} rounds near 1. Being
 * an {@link ActivationSigmoid}, this one still takes DL4J's sigmoid-specific paths. Like ND4J's
 * activations it overwrites {@code in}. It has no parameters and serializes as its class name.
 */
public final class ActivationStableSigmoid extends ActivationSigmoid {

  private static final long serialVersionUID = 1L;

  /** The activation; all instances are equal. */
  public ActivationStableSigmoid() {}

  /** Overwrites {@code in} with {@code σ(in)} and returns it. */
  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    return in.assign(StableOps.sigmoid(in));
  }

  /** Overwrites {@code in} with {@code dL/dz = σ(z)σ(−z) ⊙ epsilon}; returns it and no parameter gradient. */
  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    return new Pair<>(in.assign(StableOps.sigmoidDerivative(in)).muli(epsilon), null);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ActivationStableSigmoid;
  }

  /** Keeps ND4J's {@code ActivationSigmoid.equals} from calling this one equal to it. */
  @Override
  protected boolean canEqual(Object other) {
    return other instanceof ActivationStableSigmoid;
  }

  @Override
  public int hashCode() {
    return ActivationStableSigmoid.class.getName().hashCode();
  }

  @Override
  public String toString() {
    return "stable-sigmoid";
  }
}

package io.github.deltapair.dl4j;

import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ND4J's softplus activation with a stable forward pass. ND4J computes {@code log(1 + e^z)}
 * directly: ∞ at {@code z = 1000} and 0 instead of {@code e^z} below {@code z ≈ −37}. The backward
 * pass, {@code σ(z) ⊙ epsilon}, is ND4J's {@code SoftPlusBp}, which is accurate.
 */
final class StableSoftplus extends ActivationSoftPlus {

  /** Writes {@code max(in, 0) + log1p(e^−|in|)} into {@code in}. */
  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    return in.assign(StableOps.softplus(in));
  }

  @Override
  public String toString() {
    return "softplus(stable)";
  }
}

package io.github.deltapair.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ND4J's softplus activation made stable. ND4J computes {@code log(1 + e^z)} directly: ∞ at {@code
 * z = 1000} and 0 instead of {@code e^z} below {@code z ≈ −37}; and its {@code SoftPlusBp} is NaN
 * at {@code z = 1000}. Here the forward pass is {@code max(z, 0) + log1p(e^−|z|)} and the backward
 * pass {@code σ(z) ⊙ epsilon} with ND4J's sigmoid, which is exact at ±1000.
 */
final class StableSoftplus extends ActivationSoftPlus {

  /** Writes {@code max(in, 0) + log1p(e^−|in|)} into {@code in}. */
  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    return in.assign(StableOps.softplus(in));
  }

  /** {@code δ = epsilon ⊙ σ(in)}, written into {@code in}. */
  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    return new Pair<>(Transforms.sigmoid(in, false).muli(epsilon), null);
  }

  @Override
  public String toString() {
    return "softplus(stable)";
  }
}

package io.github.deltapair.dl4j;

import io.github.deltapair.Activation;
import io.github.deltapair.Loss;
import io.github.deltapair.dl4j.interop.MatchingActivations;
import io.github.deltapair.dl4j.interop.StableOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The matched pairs, {@code δ = a − y}, with the loss from the logits in the stable forms of
 * DESIGN §3. DL4J computes what it computes right (squared error through {@code LossL2}, the
 * softmax + cross-entropy gradient through {@code LossMCXENT}, {@code a} through the activations);
 * the losses DL4J clips, caps or lacks are ND4J ops.
 */
final class MatchedPairs {

  private MatchedPairs() {}

  /** The kernel of the matched pair of {@code loss}. */
  static Evaluated compute(Loss loss, INDArray z, INDArray y) {
    return switch (loss) {
      case SQUARED_ERROR -> LossFunctions.squaredError(MatchingActivations.of(Activation.IDENTITY), z, y);
      case BINARY_CROSS_ENTROPY -> sigmoidBinaryCrossEntropy(z, y);
      case CROSS_ENTROPY -> softmaxCrossEntropy(z, y);
      case POISSON -> expPoisson(z, y);
      case BIPOLAR_CROSS_ENTROPY -> tanhBipolarCrossEntropy(z, y);
    };
  }

  /** {@code a = f(z)} through the ND4J activation, on a copy of {@code z}. */
  static INDArray activations(Activation f, INDArray z) {
    return MatchingActivations.of(f).getActivation(z.dup(), false);
  }

  /**
   * Not {@code LossBinaryXENT}: it clips {@code a} to [1e-5, 1 − 1e-5], capping the loss at 11.5
   * and shrinking the gradient at {@code z = 30, y = 0} to 9.3e-9; unclipped it is NaN at {@code
   * |z| = 1000}.
   */
  static Evaluated sigmoidBinaryCrossEntropy(INDArray z, INDArray y) {
    // ℓ = max(z, 0) − z·y + log1p(e^−|z|) = relu(z)(1 − y) + relu(−z)·y + log1p(e^−|z|)
    INDArray terms = Transforms.relu(z, true).muli(y.rsub(1.0))
        .addi(Transforms.relu(z.neg(), false).muli(y))
        .addi(StableOps.log1p(StableOps.expMinusAbs(z, 1.0)));
    // δ = σ(z) − y
    INDArray delta = activations(Activation.SIGMOID, z).subi(y);
    return new Evaluated(StableOps.rowSums(terms), delta);
  }

  /**
   * The gradient is {@code LossMCXENT}'s {@code a − y} with a row-stable softmax; its score is
   * not used ({@code −y log a} with {@code a} clipped to [1e-10, 1 − 1e-10] caps each term at 23.03).
   */
  static Evaluated softmaxCrossEntropy(INDArray z, INDArray y) {
    // ℓ = logsumexp(z) − Σ_j y_j z_j, with each row's own maximum
    INDArray losses = StableOps.logSumExp(z).subi(StableOps.rowSums(z.mul(y)));
    INDArray delta = LossFunctions.gradient(
        LossFunctions.MCXENT, MatchingActivations.of(Activation.SOFTMAX), z, y);
    return new Evaluated(losses, delta);
  }

  /** Not {@code LossPoisson}: {@code y·log(e^z)} is −∞·0 once {@code e^z} underflows. */
  static Evaluated expPoisson(INDArray z, INDArray y) {
    INDArray a = activations(Activation.EXP, z);
    // ℓ = e^z − y·z, δ = e^z − y
    INDArray terms = a.sub(y.mul(z));
    return new Evaluated(StableOps.rowSums(terms), a.subi(y));
  }

  /** DL4J has no bipolar cross-entropy. */
  static Evaluated tanhBipolarCrossEntropy(INDArray z, INDArray y) {
    // ℓ = ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z)
    //   = relu(z)(1 − y) + relu(−z)(1 + y) + log1p(e^−2|z|)
    INDArray terms = Transforms.relu(z, true).muli(y.rsub(1.0))
        .addi(Transforms.relu(z.neg(), false).muli(y.add(1.0)))
        .addi(StableOps.log1p(StableOps.expMinusAbs(z, 2.0)));
    // δ = tanh(z) − y
    INDArray delta = activations(Activation.TANH, z).subi(y);
    return new Evaluated(StableOps.rowSums(terms), delta);
  }
}

package io.github.deltapair.dl4j;

import io.github.deltapair.Activation;
import io.github.deltapair.Loss;
import io.github.deltapair.builtin.BinaryCrossEntropyLoss;
import io.github.deltapair.builtin.BipolarCrossEntropyLoss;
import io.github.deltapair.builtin.CrossEntropyLoss;
import io.github.deltapair.builtin.KlDivergenceLoss;
import io.github.deltapair.builtin.PoissonLoss;
import io.github.deltapair.builtin.SquaredErrorLoss;
import io.github.deltapair.dl4j.interop.StableOps;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The matched pairs, {@code δ = a − y}, with the loss from the logits in the stable forms of
 * docs/contract.md §3. DL4J computes what it computes right (squared error through {@code LossL2}, the
 * softmax + cross-entropy gradient through {@code LossMCXENT}, {@code a} through the activations);
 * the losses DL4J clips, caps or lacks are ND4J ops. One entry per built-in loss that has a
 * canonical activation, keyed by the loss's class.
 */
final class MatchedPairs {

  /** A matched pair's kernel for one loss, from the logits {@code z} and targets {@code y}. */
  @FunctionalInterface
  private interface Kernel {
    Evaluated compute(Loss loss, INDArray z, INDArray y);
  }

  private static final Map<Class<? extends Loss>, Kernel> KERNELS = Map.of(
      SquaredErrorLoss.class,
      (loss, z, y) -> LossFunctions.squaredError(BuiltInActivations.of(Activation.IDENTITY), z, y),
      BinaryCrossEntropyLoss.class, (loss, z, y) -> sigmoidBinaryCrossEntropy(z, y),
      CrossEntropyLoss.class, (loss, z, y) -> softmaxCrossEntropy(z, y),
      PoissonLoss.class, (loss, z, y) -> expPoisson(z, y),
      BipolarCrossEntropyLoss.class, (loss, z, y) -> tanhBipolarCrossEntropy(z, y),
      KlDivergenceLoss.class, (loss, z, y) -> softmaxKlDivergence(z, y));

  private MatchedPairs() {}

  /**
   * The kernel of the matched pair of {@code loss}.
   *
   * @throws IllegalArgumentException if {@code loss} is not a built-in with a canonical activation
   */
  static Evaluated compute(Loss loss, INDArray z, INDArray y) {
    Kernel kernel = KERNELS.get(loss.getClass());
    if (kernel == null) {
      throw new IllegalArgumentException(
          "the dl4j backend has no matched-pair kernel for " + loss.name());
    }
    return kernel.compute(loss, z, y);
  }

  /** {@code a = f(z)} through the ND4J activation, on a copy of {@code z}. */
  static INDArray activations(Activation f, INDArray z) {
    return BuiltInActivations.of(f).getActivation(z.dup(), false);
  }

  /**
   * Not {@code LossBinaryXENT}: it clips {@code a} to [1e-5, 1 − 1e-5], capping the loss at 11.5
   * and shrinking the gradient at {@code z = 30, y = 0} to 9.3e-9; unclipped it is NaN at {@code
   * |z| = 1000}.
   */
  static Evaluated sigmoidBinaryCrossEntropy(INDArray z, INDArray y) {
    INDArray terms = StableOps.binaryCrossEntropyFromLogits(z, y);
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
        LossFunctions.MCXENT, BuiltInActivations.of(Activation.SOFTMAX), z, y);
    return new Evaluated(losses, delta);
  }

  /**
   * Cross-entropy plus the targets' {@code Σ y log y}: not {@code LossKLD}, which clips {@code a}
   * and {@code y} to [1e-5, 1] (so {@code y = 0} adds {@code 1e-5·log(1e-5/a)}).
   */
  static Evaluated softmaxKlDivergence(INDArray z, INDArray y) {
    Evaluated crossEntropy = softmaxCrossEntropy(z, y);
    // ℓ = Σ_j y_j log y_j + logsumexp(z) − Σ_j y_j z_j, δ = a − y
    return new Evaluated(
        crossEntropy.exampleLosses().addi(StableOps.negativeEntropy(y)), crossEntropy.delta());
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

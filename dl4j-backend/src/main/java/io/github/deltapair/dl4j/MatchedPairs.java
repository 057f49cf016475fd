package io.github.deltapair.dl4j;

import io.github.deltapair.Activation;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Options;
import io.github.deltapair.Targets;
import io.github.deltapair.builtin.BinaryCrossEntropyLoss;
import io.github.deltapair.builtin.BipolarCrossEntropyLoss;
import io.github.deltapair.builtin.CrossEntropyLoss;
import io.github.deltapair.builtin.KlDivergenceLoss;
import io.github.deltapair.builtin.PoissonLoss;
import io.github.deltapair.builtin.SquaredErrorLoss;
import io.github.deltapair.dl4j.interop.StableOps;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
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
    Evaluated compute(Loss loss, INDArray z, INDArray y, OptionArrays o);
  }

  private static final Map<Class<? extends Loss>, Kernel> KERNELS = Map.of(
      SquaredErrorLoss.class,
      (loss, z, y, o) ->
          LossFunctions.squaredError(BuiltInActivations.of(Activation.IDENTITY), z, y, o),
      BinaryCrossEntropyLoss.class, (loss, z, y, o) -> sigmoidBinaryCrossEntropy(z, y, o),
      CrossEntropyLoss.class, (loss, z, y, o) -> softmaxCrossEntropy(z, y, o),
      PoissonLoss.class, (loss, z, y, o) -> expPoisson(z, y, o),
      BipolarCrossEntropyLoss.class, (loss, z, y, o) -> tanhBipolarCrossEntropy(z, y, o),
      KlDivergenceLoss.class, (loss, z, y, o) -> softmaxKlDivergence(z, y, o));

  /**
   * The losses whose matched-pair kernel keeps docs/contract.md §2c in FLOAT: every term is a sum
   * of non-negative parts from the logits, and {@code a − y} has {@code |a| ≤ 1} or {@code a = z}.
   * Not Poisson ({@code e^z} is unbounded, so {@code e^z − y} and {@code e^z − y z} cancel) nor
   * kl-divergence (its cross-entropy and entropy cancel where {@code a ≈ y}): those compute in
   * DOUBLE.
   */
  private static final Set<Class<? extends Loss>> FLOAT32 = Set.of(SquaredErrorLoss.class,
      BinaryCrossEntropyLoss.class, CrossEntropyLoss.class, BipolarCrossEntropyLoss.class);

  private MatchedPairs() {}

  /**
   * Whether the matched pair of {@code loss} may compute in FLOAT for these targets and options
   * (see {@link #FLOAT32}). Not cross-entropy with class weights on targets other than unsmoothed
   * labels: {@code LossMCXENT} then sums {@code Σ_j w_j t_j} along each row in the arrays' type,
   * exact in FLOAT only for one-hot rows.
   */
  static boolean holdsFloat32(Loss loss, Targets targets, Options options) {
    boolean oneHot = targets instanceof Labels && options.labelSmoothing() == 0.0;
    return FLOAT32.contains(loss.getClass())
        && !(loss instanceof CrossEntropyLoss && options.classWeights() != null && !oneHot);
  }

  /**
   * The kernel of the matched pair of {@code loss}.
   *
   * @throws IllegalArgumentException if {@code loss} is not a built-in with a canonical activation
   */
  static Evaluated compute(Loss loss, INDArray z, INDArray y) {
    return compute(loss, z, y, null);
  }

  /**
   * The kernel of the matched pair of {@code loss} with each term weighted by {@code o.weights()}
   * and {@code y} the option-adjusted targets ({@code o} null: no options).
   *
   * @throws IllegalArgumentException if {@code loss} is not a built-in with a canonical activation
   */
  static Evaluated compute(Loss loss, INDArray z, INDArray y, OptionArrays o) {
    Kernel kernel = KERNELS.get(loss.getClass());
    if (kernel == null) {
      throw new IllegalArgumentException(
          "the dl4j backend has no matched-pair kernel for " + loss.name());
    }
    return kernel.compute(loss, z, y, o);
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
  static Evaluated sigmoidBinaryCrossEntropy(INDArray z, INDArray y, OptionArrays o) {
    INDArray terms = StableOps.binaryCrossEntropyFromLogits(z, y);
    // δ = σ(z) − y; with pos_weight y is p y'/c and W holds c, so W(σ − t) = (1 + (p − 1)y')σ − p y'
    INDArray delta = activations(Activation.SIGMOID, z).subi(y);
    return weighted(terms, delta, o);
  }

  /**
   * The gradient is {@code LossMCXENT}'s {@code a − y} with a row-stable softmax; its score is
   * not used ({@code −y log a} with {@code a} clipped to [1e-10, 1 − 1e-10] caps each term at 23.03).
   * The loss is a sum of non-negative gaps ({@link StableOps#logSumExpGaps}), so FLOAT keeps it at
   * {@code |z| = 1000}, plus {@code logsumexp(z)(1 − Σ_j y_j)} in DOUBLE for rows that sum to 1
   * only within the simplex tolerance.
   */
  static Evaluated softmaxCrossEntropy(INDArray z, INDArray y, OptionArrays o) {
    if (o != null) {
      return weightedSoftmaxCrossEntropy(z, y, o);
    }
    // ℓ = logsumexp(z) − Σ_j y_j z_j = Σ_j y_j (logsumexp(z) − z_j) + logsumexp(z)(1 − Σ_j y_j)
    INDArray rest = StableOps.rowSums(y).rsubi(1.0)
        .muli(StableOps.logSumExp(z).castTo(DataType.DOUBLE));
    INDArray losses = StableOps.rowSums(StableOps.logSumExpGaps(z).muli(y)).addi(rest);
    INDArray delta = LossFunctions.gradient(
        LossFunctions.MCXENT, BuiltInActivations.of(Activation.SOFTMAX), z, y);
    return new Evaluated(losses, delta);
  }

  /**
   * Softmax + cross-entropy under options. The gradient is DL4J's: {@code LossMCXENT} with the
   * class weights as its {@code weights} ({@code δ = a Σ_j w_j t_j − w ⊙ t}) and the example
   * weights as its per-example mask (which multiplies once), or {@code LossSparseMCXENT} with the
   * same for unsmoothed labels. The score is ND4J ops, {@code ℓ_i = Σ_j W_ij t_ij (logsumexp(z_i)
   * − z_ij)}: {@code LossMCXENT}'s weighted score applies the weights but caps each {@code −log a}
   * at 23.03.
   */
  private static Evaluated weightedSoftmaxCrossEntropy(INDArray z, INDArray y, OptionArrays o) {
    // ℓ_i = Σ_j W_ij t_ij (logsumexp(z_i) − z_ij)
    INDArray losses = StableOps.rowSums(o.weigh(StableOps.logSumExpGaps(z).muli(y)));
    ILossFunction mcxent = o.sparseLabels() != null
        ? (o.classRow() == null ? new LossSparseMCXENT() : new LossSparseMCXENT(o.classRow()))
        : (o.classRow() == null ? LossFunctions.MCXENT : new LossMCXENT(o.classRow()));
    INDArray labels = o.sparseLabels() != null ? o.sparseLabels() : y;
    // DL4J takes a one-row batch's [1, 1] mask for a per-output mask and rejects it for softmax
    INDArray mask = z.rows() > 1 ? o.exampleWeights() : null;
    INDArray delta = mcxent.computeGradient(
        labels, z.dup(), BuiltInActivations.of(Activation.SOFTMAX), mask);
    if (mask == null) {
      delta.muliColumnVector(o.exampleWeights());
    }
    return new Evaluated(losses, delta);
  }

  /**
   * Cross-entropy plus the targets' {@code Σ y log y}: not {@code LossKLD}, which clips {@code a}
   * and {@code y} to [1e-5, 1] (so {@code y = 0} adds {@code 1e-5·log(1e-5/a)}).
   */
  static Evaluated softmaxKlDivergence(INDArray z, INDArray y, OptionArrays o) {
    Evaluated crossEntropy = softmaxCrossEntropy(z, y, o);
    // ℓ = Σ_j y_j log y_j + logsumexp(z) − Σ_j y_j z_j, δ = a − y (weighted: Σ_j W_ij y_ij log y_ij + …)
    INDArray entropy = o == null ? StableOps.negativeEntropy(y)
        : StableOps.rowSums(o.weigh(StableOps.negativeEntropyTerms(y)));
    return new Evaluated(crossEntropy.exampleLosses().addi(entropy), crossEntropy.delta());
  }

  /** Not {@code LossPoisson}: {@code y·log(e^z)} is −∞·0 once {@code e^z} underflows. */
  static Evaluated expPoisson(INDArray z, INDArray y, OptionArrays o) {
    INDArray a = activations(Activation.EXP, z);
    // ℓ = e^z − y·z, δ = e^z − y
    INDArray terms = a.sub(y.mul(z));
    return weighted(terms, a.subi(y), o);
  }

  /** DL4J has no bipolar cross-entropy. */
  static Evaluated tanhBipolarCrossEntropy(INDArray z, INDArray y, OptionArrays o) {
    // ℓ = ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z)
    //   = relu(z)(1 − y) + relu(−z)(1 + y) + log1p(e^−2|z|)
    INDArray terms = Transforms.relu(z, true).muli(y.rsub(1.0))
        .addi(Transforms.relu(z.neg(), false).muli(y.add(1.0)))
        .addi(StableOps.log1p(StableOps.expMinusAbs(z, 2.0)));
    // δ = tanh(z) − y
    INDArray delta = activations(Activation.TANH, z).subi(y);
    return weighted(terms, delta, o);
  }

  /**
   * An element-wise pair's row sums of {@code terms} and its {@code delta}, both multiplied by
   * {@code W} first ({@code δ = W ⊙ (a − t)}); unweighted if {@code o} is null.
   */
  static Evaluated weighted(INDArray terms, INDArray delta, OptionArrays o) {
    if (o == null) {
      return new Evaluated(StableOps.rowSums(terms), delta);
    }
    return new Evaluated(StableOps.rowSums(o.weigh(terms)), o.weigh(delta));
  }
}

package io.github.deltapair.dl4j;

import io.github.deltapair.Activation;
import io.github.deltapair.Loss;
import io.github.deltapair.builtin.BinaryCrossEntropyLoss;
import io.github.deltapair.builtin.BipolarCrossEntropyLoss;
import io.github.deltapair.builtin.CrossEntropyLoss;
import io.github.deltapair.builtin.FocalLoss;
import io.github.deltapair.builtin.HuberLoss;
import io.github.deltapair.builtin.KlDivergenceLoss;
import io.github.deltapair.builtin.PoissonLoss;
import io.github.deltapair.builtin.SquaredErrorLoss;
import io.github.deltapair.dl4j.interop.StableOps;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The chain-rule pairs: {@code a = f(z)}, {@code g = ∂ℓ/∂a}, and {@code δ} from the activation's
 * {@code backprop(z, g)} ({@code g ⊙ f'(z)}, or the Jacobian product for softmax). Squared error,
 * cross-entropy and Poisson are DL4J's {@code LossL2} (halved), {@code LossMCXENT} and {@code
 * LossPoisson}; binary cross-entropy takes DL4J's unclipped gradient and an ND4J-op loss; bipolar
 * cross-entropy, which DL4J lacks, is ND4J ops throughout; huber, focal and kl-divergence are in
 * {@link OpLosses}. Inputs have passed validation, so every {@code a} lies inside the loss's
 * domain and each {@code y·log(a)} with {@code y = 0} is 0.
 *
 * <p>One entry per built-in loss, keyed by the loss's class; a pair computed from its logits
 * rather than through {@code a} (sigmoid + focal) has an entry of its own, looked up first.
 */
final class ChainRulePairs {

  private static final double LN2 = Math.log(2.0);

  /** A chain-rule kernel for one loss, with the DL4J activation {@code f} of the pair. */
  @FunctionalInterface
  private interface Kernel {
    Evaluated compute(Loss loss, IActivation f, INDArray z, INDArray y, OptionArrays o);
  }

  /** A pair computed from the logits: its activation and its loss's class. */
  private record FromLogits(Activation activation, Class<? extends Loss> loss) {}

  private static final Map<Class<? extends Loss>, Kernel> KERNELS = Map.of(
      SquaredErrorLoss.class, (loss, f, z, y, o) -> LossFunctions.squaredError(f, z, y, o),
      CrossEntropyLoss.class,
      (loss, f, z, y, o) -> LossFunctions.delegated(LossFunctions.MCXENT, f, z, y, o),
      PoissonLoss.class,
      (loss, f, z, y, o) -> LossFunctions.delegated(LossFunctions.POISSON, f, z, y, o),
      BinaryCrossEntropyLoss.class, (loss, f, z, y, o) -> binaryCrossEntropy(f, z, y, o),
      BipolarCrossEntropyLoss.class, (loss, f, z, y, o) -> bipolarCrossEntropy(f, z, y, o),
      HuberLoss.class,
      (loss, f, z, y, o) -> OpLosses.huber(((HuberLoss) loss).delta(), f, z, y, o),
      KlDivergenceLoss.class, (loss, f, z, y, o) -> OpLosses.klDivergence(f, z, y, o));

  private static final Map<FromLogits, Kernel> FROM_LOGITS = Map.of(
      new FromLogits(Activation.SIGMOID, FocalLoss.class),
      (loss, f, z, y, o) -> OpLosses.sigmoidFocal((FocalLoss) loss, z, y, o));

  /**
   * The losses whose chain-rule kernel keeps docs/contract.md §2c in FLOAT on an activation that
   * allows it ({@link BuiltInActivations#holdsFloat32}): their {@code ∂ℓ/∂a} is {@code a − y} or
   * its clip, and their terms are non-negative. The others take {@code log a}, {@code log(1 − a)}
   * or {@code y/a}, which float32 loses where {@code a} underflows (below 1e-38, at logits DOUBLE
   * keeps) or rounds to 1 ({@code σ(17)} already): those compute in DOUBLE.
   */
  private static final Set<Class<? extends Loss>> FLOAT32 =
      Set.of(SquaredErrorLoss.class, HuberLoss.class);

  private ChainRulePairs() {}

  /**
   * Whether the chain-rule pair {@code f + loss} may compute in FLOAT: a pair computed from its
   * logits (sigmoid + focal), or a loss of {@link #FLOAT32} on such an activation.
   */
  static boolean holdsFloat32(Activation f, Loss loss) {
    return FROM_LOGITS.containsKey(new FromLogits(f, loss.getClass()))
        || (FLOAT32.contains(loss.getClass()) && BuiltInActivations.holdsFloat32(f));
  }

  /**
   * The kernel of the chain-rule pair {@code f + loss}.
   *
   * @throws IllegalArgumentException if the pair is not a built-in one
   */
  static Evaluated compute(Activation f, Loss loss, INDArray z, INDArray y) {
    return compute(f, loss, z, y, null);
  }

  /**
   * The kernel of the chain-rule pair {@code f + loss} with each term weighted by {@code
   * o.weights()} and {@code y} the option-adjusted targets ({@code o} null: no options).
   *
   * @throws IllegalArgumentException if the pair is not a built-in one
   */
  static Evaluated compute(Activation f, Loss loss, INDArray z, INDArray y, OptionArrays o) {
    Kernel kernel = FROM_LOGITS.get(new FromLogits(f, loss.getClass()));
    if (kernel == null) {
      kernel = KERNELS.get(loss.getClass());
    }
    if (kernel == null) {
      throw new IllegalArgumentException(
          "the dl4j backend has no chain-rule kernel for " + f.id() + " + " + loss.name());
    }
    return kernel.compute(loss, BuiltInActivations.of(f), z, y, o);
  }

  /**
   * The loss from ops: DL4J's {@code LossBinaryXENT} score clips {@code a}, and for softmax keeps
   * only {@code y log a}, dropping {@code (1 − y) log(1 − a)}.
   */
  static Evaluated binaryCrossEntropy(IActivation f, INDArray z, INDArray y, OptionArrays o) {
    INDArray a = f.getActivation(z.dup(), false);
    // ℓ = −Σ_j [y log a + (1 − y) log1p(−a)]
    INDArray terms = Transforms.log(a, true).muli(y)
        .addi(StableOps.log1p(a.neg()).muli(y.rsub(1.0)))
        .negi();
    INDArray delta = LossFunctions.gradient(LossFunctions.BINARY_XENT_UNCLIPPED, f, z, y, o);
    return new Evaluated(StableOps.rowSums(o == null ? terms : o.weigh(terms)), delta);
  }

  /** DL4J has no bipolar cross-entropy: ops, then the activation's own backprop. */
  static Evaluated bipolarCrossEntropy(IActivation f, INDArray z, INDArray y, OptionArrays o) {
    INDArray a = f.getActivation(z.dup(), false);
    // ℓ = ((1 + y)/2)(ln 2 − log1p(a)) + ((1 − y)/2)(ln 2 − log1p(−a))
    INDArray up = y.add(1.0).muli(0.5);
    INDArray down = y.rsub(1.0).muli(0.5);
    INDArray terms = StableOps.log1p(a).rsubi(LN2).muli(up)
        .addi(StableOps.log1p(a.neg()).rsubi(LN2).muli(down));
    // g = (a − y) / ((1 − a)(1 + a)), δ = backprop(z, g)
    INDArray g = a.sub(y).divi(a.rsub(1.0).muli(a.add(1.0)));
    if (o != null) {
      // weights on ∂ℓ/∂a, before the activation's Jacobian
      o.weigh(terms);
      o.weigh(g);
    }
    INDArray delta = f.backprop(z.dup(), g).getFirst();
    return new Evaluated(StableOps.rowSums(terms), delta);
  }
}

package io.github.deltapair.dl4j;

import io.github.deltapair.dl4j.interop.StableOps;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossKLD;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossPoisson;

/**
 * The DL4J {@link ILossFunction}s whose semantics map onto the contract, and how. Each is called
 * on a copy of the logits ({@code computeGradient} writes into its {@code preOutput} for most
 * activations). Under options ({@link OptionArrays}) the weights {@code W} enter the score as
 * DL4J's per-output mask, which multiplies each term once (squared error: they multiply {@code
 * LossL2}'s per-entry terms, {@link #entryScores}); they do not enter the gradient that
 * way: DL4J 1.0.0-M2.1 multiplies the gradient by a per-output mask twice (once on {@code ∂ℓ/∂a},
 * once on {@code ∂ℓ/∂z}: a mask entry of 2 scales that delta by 4, measured for {@code LossL2},
 * {@code LossPoisson}, {@code LossBinaryXENT}, {@code LossKLD}), which is right only for 0/1
 * masks. The gradient is DL4J's unmasked one times {@code W} (element-wise activations), or
 * DL4J's {@code ∂ℓ/∂a} (the loss on the identity activation, {@code a} as its preOutput) times
 * {@code W} through the activation's Jacobian product (softmax).
 */
final class LossFunctions {

  /** {@code Σ_j (a_j − y_j)²}, gradient {@code 2(a − y) ⊙ f'(z)}: twice the contract's ½ squared error. */
  static final ILossFunction L2 = new LossL2();
  /**
   * {@code −Σ_j y_j log a_j}, gradient {@code −y/a ⊙ f'(z)}; the score clips only for softmax
   * (never used here), and the softmax gradient is {@code a − y}.
   */
  static final ILossFunction MCXENT = new LossMCXENT();
  /** {@code Σ_j (a_j − y_j log a_j)}, gradient {@code (1 − y/a) ⊙ f'(z)}: the contract's Poisson. */
  static final ILossFunction POISSON = new LossPoisson();
  /**
   * The gradient {@code (a − y)/(a(1 − a)) ⊙ f'(z)} without the default clipping of {@code a} to
   * [1e-5, 1 − 1e-5] (which makes it 9.3e-9 instead of 1 at {@code z = 30, y = 0}). Its score is not
   * used: for softmax it drops the {@code (1 − y) log(1 − a)} term.
   */
  static final ILossFunction BINARY_XENT_UNCLIPPED = new LossBinaryXENT(0.0);
  /**
   * Only its gradient {@code −y/a ⊙ f'(z)}, which is unclipped; its score clips {@code a} and
   * {@code y} to [1e-5, 1] ({@code Nd4j.EPS_THRESHOLD}), so {@code y = 0} terms are not 0.
   */
  static final ILossFunction KLD = new LossKLD();

  private static final double HALF = 0.5;

  private static final IActivation IDENTITY = new ActivationIdentity();

  private LossFunctions() {}

  /**
   * Squared error {@code ½ Σ_j (a_j − y_j)²} and its delta, with the terms weighted by {@code o}
   * (null: none): {@code LossL2}'s terms and gradient halved. The terms are {@code LossL2}'s score
   * of each entry alone ({@link #entryScores}), so that their row sums are taken in DOUBLE.
   */
  static Evaluated squaredError(IActivation f, INDArray z, INDArray y, OptionArrays o) {
    // halving is exact in binary floating point, so these are LossL2's to the last bit
    INDArray terms = entryScores(L2, f, z, y).muli(HALF);
    return new Evaluated(StableOps.rowSums(o == null ? terms : o.weigh(terms)),
        gradient(L2, f, z, y, o).muli(HALF));
  }

  /** A loss whose score and gradient DL4J computes exactly as the contract defines them. */
  static Evaluated delegated(ILossFunction loss, IActivation f, INDArray z, INDArray y) {
    return new Evaluated(
        loss.computeScoreArray(y, z.dup(), f, null), loss.computeGradient(y, z.dup(), f, null));
  }

  /**
   * DL4J's score of each entry of an {@code m × n} batch alone, {@code m × n}: {@code loss} on the
   * identity activation of {@code a = f(z)}, each entry an example of its own ({@code [m·n, 1]}).
   * DL4J's {@code computeScoreArray} sums each row itself, in the arrays' type, and ND4J sums FLOAT
   * in FLOAT; these terms can be summed in DOUBLE instead.
   */
  static INDArray entryScores(ILossFunction loss, IActivation f, INDArray z, INDArray y) {
    long m = z.rows();
    long n = z.columns();
    INDArray a = f.getActivation(z.dup(), false);
    return loss.computeScoreArray(
        y.reshape('c', m * n, 1), a.reshape('c', m * n, 1), IDENTITY, null).reshape('c', m, n);
  }

  /** {@link #delegated(ILossFunction, IActivation, INDArray, INDArray)} with the terms weighted by {@code o}. */
  static Evaluated delegated(
      ILossFunction loss, IActivation f, INDArray z, INDArray y, OptionArrays o) {
    if (o == null) {
      return delegated(loss, f, z, y);
    }
    return new Evaluated(
        loss.computeScoreArray(y, z.dup(), f, o.weights()), gradient(loss, f, z, y, o));
  }

  /**
   * DL4J's gradient of the terms weighted by {@code W = o.weights()}: {@code W ⊙ ∂ℓ/∂z} for an
   * element-wise activation, {@code J_f(z)ᵀ (W ⊙ ∂ℓ/∂a)} for softmax; DL4J's alone if {@code o}
   * is null.
   */
  static INDArray gradient(
      ILossFunction loss, IActivation f, INDArray z, INDArray y, OptionArrays o) {
    if (o == null) {
      return gradient(loss, f, z, y);
    }
    if (!(f instanceof ActivationSoftmax)) {
      return gradient(loss, f, z, y).muli(o.weights());
    }
    // ∂ℓ/∂a: the loss on the identity activation with a as its preOutput
    INDArray a = f.getActivation(z.dup(), false);
    INDArray g = loss.computeGradient(y, a, IDENTITY, null).muli(o.weights());
    return f.backprop(z.dup(), g).getFirst();
  }

  /** DL4J's gradient alone, for pairs whose score DL4J gets wrong. */
  static INDArray gradient(ILossFunction loss, IActivation f, INDArray z, INDArray y) {
    return loss.computeGradient(y, z.dup(), f, null);
  }
}

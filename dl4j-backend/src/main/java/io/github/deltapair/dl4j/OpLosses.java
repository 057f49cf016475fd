package io.github.deltapair.dl4j;

import io.github.deltapair.builtin.FocalLoss;
import io.github.deltapair.dl4j.interop.StableOps;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.loss.HuberLoss;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Huber, focal and kl-divergence, for which DL4J 1.0.0-M2.1 has no {@code ILossFunction} with the
 * contract's semantics (it has none for Huber or focal, and its {@code LossKLD} clips {@code a} and
 * {@code y} to [1e-5, 1]): ND4J's {@code huber_loss} op, ND4J ops, and DL4J's gradients where they
 * are exact.
 */
final class OpLosses {

  private OpLosses() {}

  /**
   * {@code huber(delta=d)} with any activation: the loss from ND4J's {@code huber_loss} op
   * (unreduced, unit weights), the gradient {@code clip(a − y, −d, d)} through the activation's
   * {@code backprop}.
   */
  static Evaluated huber(double d, IActivation f, INDArray z, INDArray y, OptionArrays o) {
    INDArray a = f.getActivation(z.dup(), false);
    // ℓ = ½ min(|r|, d)² + d(|r| − min(|r|, d)), r = a − y
    INDArray terms = Nd4j.exec(new HuberLoss(y, a, null, LossReduce.NONE, d))[0];
    // g = clip(a − y, −d, d), δ = backprop(z, g)
    INDArray g = Transforms.min(Transforms.max(a.sub(y), -d, false), d, false);
    if (o != null) {
      // weights on the terms and on ∂ℓ/∂a, before the activation's Jacobian
      o.weigh(terms);
      o.weigh(g);
    }
    INDArray delta = f.backprop(z.dup(), g).getFirst();
    return new Evaluated(StableOps.rowSums(terms), delta);
  }

  /**
   * kl-divergence with an element-wise activation (sigmoid, exp, softplus): {@code LossMCXENT}'s
   * unclipped score {@code −Σ y log a} plus the targets' {@code Σ y log y}, and {@code LossKLD}'s
   * gradient {@code −y/a} through the activation's {@code backprop} (its score is not used: it
   * clips {@code a} and {@code y} to [1e-5, 1]).
   */
  static Evaluated klDivergence(IActivation f, INDArray z, INDArray y, OptionArrays o) {
    // ℓ = Σ_j y_j log y_j − Σ_j y_j log a_j (weighted: the score with W as DL4J's per-output mask)
    INDArray losses = LossFunctions.MCXENT.computeScoreArray(
            y, z.dup(), f, o == null ? null : o.weights())
        .addi(o == null ? StableOps.negativeEntropy(y)
            : StableOps.rowSums(o.weigh(StableOps.negativeEntropyTerms(y))));
    INDArray delta = LossFunctions.gradient(LossFunctions.KLD, f, z, y, o);
    return new Evaluated(losses, delta);
  }

  /**
   * Sigmoid + {@code focal(gamma=γ[, alpha=α])} from the logits, ND4J ops throughout: with {@code
   * p = σ(z)}, {@code 1 − p = σ(−z)}, {@code q = 1 − p_t = y σ(−z) + (1 − y) σ(z)} and the stable
   * binary cross-entropy {@code B}, {@code ℓ = α_t q^γ B} and {@code δ = α_t [q^γ (p − y) + γ q^γ
   * (q'/q) B]}, {@code q' = (1 − 2y) p (1 − p)}; {@code q'/q} is bounded by 1, and is taken as 0
   * where {@code q} underflows to 0 (there {@code q^γ = 0}). Finite and exact at {@code |z| = 1000}.
   */
  static Evaluated sigmoidFocal(FocalLoss loss, INDArray z, INDArray y, OptionArrays o) {
    double gamma = loss.gamma();
    INDArray p = StableOps.sigmoid(z);
    INDArray notP = StableOps.sigmoid(z.neg());
    // q = y σ(−z) + (1 − y) σ(z)
    INDArray q = y.mul(notP).addi(y.rsub(1.0).muli(p));
    INDArray bce = StableOps.binaryCrossEntropyFromLogits(z, y);
    // q^γ, with 0^0 = 1
    INDArray qg = gamma == 0.0 ? q.like().assign(1.0) : Transforms.pow(q, gamma, true);
    // q'/q = (1 − 2y) p (1 − p) / q, 0 where q = 0
    INDArray ratio = y.mul(-2.0).addi(1.0).muli(p).muli(notP).divi(q);
    BooleanIndexing.replaceWhere(ratio, 0.0, Conditions.isNan());
    INDArray focusing = ratio.muli(qg).muli(bce).muli(gamma);
    INDArray delta = p.sub(y).muli(qg).addi(focusing);
    INDArray terms = qg.mul(bce);
    if (loss.alpha().isPresent()) {
      double alpha = loss.alpha().get();
      // α_t = α y + (1 − α)(1 − y)
      INDArray alphaT = y.mul(alpha).addi(y.rsub(1.0).muli(1.0 - alpha));
      terms.muli(alphaT);
      delta.muli(alphaT);
    }
    return MatchedPairs.weighted(terms, delta, o);
  }
}

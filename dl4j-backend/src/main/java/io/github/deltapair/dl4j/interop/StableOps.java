package io.github.deltapair.dl4j.interop;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Numerically stable building blocks made of ND4J ops, for the places where ND4J's own (1.0.0-M2.1)
 * are not:
 * {@code Transforms.log1p} is {@code log(1 + u)} (0 at {@code u = 1e-17}), {@code
 * Transforms.softPlus} overflows to ∞ at {@code z = 1000}, and ND4J's softmax and log-sum-exp
 * subtract the maximum of the whole array, not of each row, so a row far below another becomes
 * NaN or −∞. None of these writes to its argument. Each returns its argument's data type (DOUBLE
 * or FLOAT) except {@link #rowSums}, and every sum along a row is taken in DOUBLE: ND4J sums a
 * FLOAT row in FLOAT, one term after another, which drifts by about 1e-6 relative over 20000
 * terms.
 *
 * <p><b>Internal, not part of deltapair's API</b>: this is the one public type of the module
 * besides {@code Dl4jBackend}, {@link DeltaPairLoss} and the activations a layer uses. It is public
 * only because the dl4j backend (package {@code io.github.deltapair.dl4j}) computes its losses with
 * the same stable ops these activations use, so that each formula exists once; Java has no
 * friend packages, and ND4J keeps this module off the module path (no descriptor to restrict the
 * export). It may change in any release.
 */
public final class StableOps {

  private StableOps() {}

  /**
   * {@code log(1 + u)} for {@code u > −1}, accurate for tiny {@code u}: with {@code w = 1 + u},
   * {@code u · log(w) / (w − 1)} (Goldberg), and {@code u} itself where {@code w} rounds to 1.
   */
  public static INDArray log1p(INDArray u) {
    INDArray w = u.add(1.0);
    INDArray ratio = Transforms.log(w, true).divi(w.subi(1.0));
    // 0/0 where 1 + u rounds to 1: there log(1 + u)/u → 1
    BooleanIndexing.replaceWhere(ratio, 1.0, Conditions.isNan());
    return ratio.muli(u);
  }

  /** {@code e^{−|z|}}, in (0, 1]: never overflows. */
  public static INDArray expMinusAbs(INDArray z, double factor) {
    return Transforms.exp(Transforms.abs(z, true).muli(-factor), false);
  }

  /** {@code softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^−|z|)}, finite for every finite z. */
  public static INDArray softplus(INDArray z) {
    return Transforms.relu(z, true).addi(log1p(expMinusAbs(z, 1.0)));
  }

  /** {@code σ(z) = e^{min(z, 0)} / (1 + e^{−|z|})}: 1/(1 + e^{−z}) for z ≥ 0, e^z/(1 + e^z) below, never overflowing. */
  public static INDArray sigmoid(INDArray z) {
    INDArray numerator = Transforms.exp(Transforms.min(z, 0.0, true), false);
    return numerator.divi(expMinusAbs(z, 1.0).addi(1.0));
  }

  /** {@code σ'(z) = σ(z)σ(−z) = e^{−|z|} / (1 + e^{−|z|})²}, accurate in both tails. */
  public static INDArray sigmoidDerivative(INDArray z) {
    INDArray e = expMinusAbs(z, 1.0);
    INDArray denominator = e.add(1.0);
    return e.divi(denominator.muli(denominator));
  }

  /** The row-wise softmax, {@code a_j = e^{z_j − max} / Σ_k e^{z_k − max}} with each row's max. */
  public static INDArray softmax(INDArray z) {
    INDArray e = Transforms.exp(z.subColumnVector(z.max(true, 1)), false);
    return e.diviColumnVector(rowSums(e).castTo(e.dataType()));
  }

  /** The {@code m × 1} row-wise {@code log Σ_j e^{z_j} = max + log Σ_j e^{z_j − max}}. */
  public static INDArray logSumExp(INDArray z) {
    INDArray max = z.max(true, 1);
    return logSumOfExp(z, max).addi(max);
  }

  /** The {@code m × 1} {@code log Σ_j e^{z_j − max}}, summed and logged in DOUBLE. */
  private static INDArray logSumOfExp(INDArray z, INDArray max) {
    INDArray sum = rowSums(Transforms.exp(z.subColumnVector(max), false));
    return Transforms.log(sum, false).castTo(z.dataType());
  }

  /**
   * The {@code m × n} gaps {@code logsumexp(z_i) − z_ij ≥ 0} (so {@code −log softmax(z)}), as
   * {@code (max_i − z_ij) + log Σ_k e^{z_ik − max_i}}: two non-negative parts, so no cancellation.
   * {@code logsumexp(z_i) − z_ij} would round {@code logsumexp} to the ulp of {@code |z|} first:
   * 6e-5 at {@code |z| = 1000} in FLOAT.
   */
  public static INDArray logSumExpGaps(INDArray z) {
    INDArray max = z.max(true, 1);
    return z.rsubColumnVector(max).addiColumnVector(logSumOfExp(z, max));
  }

  /**
   * The binary cross-entropy {@code −y log σ(z) − (1 − y) log(1 − σ(z))} from the logits, element
   * by element: {@code max(z, 0) − z·y + log1p(e^−|z|) = relu(z)(1 − y) + relu(−z)·y + log1p(e^−|z|)},
   * finite and exact for every finite {@code z}.
   */
  public static INDArray binaryCrossEntropyFromLogits(INDArray z, INDArray y) {
    // ℓ = relu(z)(1 − y) + relu(−z)·y + log1p(e^−|z|)
    return Transforms.relu(z, true).muli(y.rsub(1.0))
        .addi(Transforms.relu(z.neg(), false).muli(y))
        .addi(log1p(expMinusAbs(z, 1.0)));
  }

  /** The {@code m × 1} row sums {@code Σ_j y_j log y_j} of targets {@code y ≥ 0}, with {@code 0·log 0 = 0}. */
  public static INDArray negativeEntropy(INDArray y) {
    return rowSums(negativeEntropyTerms(y));
  }

  /** The terms {@code y log y} of targets {@code y ≥ 0}, element by element, with {@code 0·log 0 = 0}. */
  public static INDArray negativeEntropyTerms(INDArray y) {
    // log 1 = 0 where y = 0, so those terms are 0·0
    INDArray safe = y.dup();
    BooleanIndexing.replaceWhere(safe, 1.0, Conditions.equals(0.0));
    return Transforms.log(safe, false).muli(y);
  }

  /**
   * The {@code m × 1} row sums of {@code terms}, in DOUBLE whatever their type: FLOAT terms are
   * widened first, since ND4J sums FLOAT in FLOAT.
   */
  public static INDArray rowSums(INDArray terms) {
    return terms.castTo(DataType.DOUBLE).sum(true, 1);
  }
}

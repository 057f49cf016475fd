package io.github.deltapair.dl4j;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backend's kernels once ND4J has started: copy the batches into DOUBLE arrays, run the pair's
 * kernel, apply the reduction, copy the results out. Kept apart from {@link Dl4jBackend} so that
 * class refers to no ND4J type and constructing it loads none.
 */
final class Dl4jKernels {

  private Dl4jKernels() {}

  /** Writes {@code ∂J/∂z} into {@code deltaOut} and returns {@code J}. */
  static double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    INDArray zs = NdArrays.of(z);
    INDArray ys = NdArrays.of(y);
    Evaluated result = pair.isCanonical()
        ? MatchedPairs.compute(pair.loss(), zs, ys)
        : ChainRulePairs.compute(pair.activation(), pair.loss(), zs, ys);
    double scale = reduction.scale(z.rows());
    // MEAN: J = (1/m) Σ_i ℓ_i and every δ_i divided by m
    INDArray delta = scale == 1.0 ? result.delta() : result.delta().muli(scale);
    NdArrays.copyInto(delta, deltaOut);
    return scale * NdArrays.compensatedSum(result.exampleLosses());
  }

  /**
   * The general kernel (docs/contract.md §2b): writes {@code ∂J/∂z} into {@code deltaOut}, the
   * {@code ℓ_i} into {@code exampleLosses} if it is not null, and returns {@code J = s·Σ ℓ_i} with
   * {@code s = reduction.scale(targets, options)}. Dense targets without options take the plain
   * kernel; everything else goes through {@link OptionArrays} and the pair's weighted kernel.
   */
  static double compute(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch deltaOut, double[] exampleLosses) {
    double scale = reduction.scale(targets, options);
    if (options.isNone() && targets instanceof Batch y) {
      Evaluated result = evaluate(pair, NdArrays.of(z), NdArrays.of(y), null);
      INDArray delta = scale == 1.0 ? result.delta() : result.delta().muli(scale);
      NdArrays.copyInto(delta, deltaOut);
      double[] losses = result.exampleLosses().dup('c').data().asDouble();
      if (exampleLosses != null) {
        System.arraycopy(losses, 0, exampleLosses, 0, losses.length);
      }
      return scale * NdArrays.compensatedSum(losses);
    }
    OptionArrays arrays = OptionArrays.of(pair, z, targets, options);
    Evaluated result = evaluate(pair, arrays.z(), arrays.targets(), arrays);
    return arrays.finish(result, scale, deltaOut, exampleLosses);
  }

  private static Evaluated evaluate(Pair pair, INDArray z, INDArray y, OptionArrays o) {
    return pair.isCanonical()
        ? MatchedPairs.compute(pair.loss(), z, y, o)
        : ChainRulePairs.compute(pair.activation(), pair.loss(), z, y, o);
  }

  /** Writes {@code a = f(z)} into {@code out}. */
  static void activate(Activation activation, Batch z, Batch out) {
    NdArrays.copyInto(MatchedPairs.activations(activation, NdArrays.of(z)), out);
  }
}

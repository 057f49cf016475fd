package io.github.deltapair.dl4j;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backend's kernels once ND4J has started: copy the batches into ND4J arrays, run the pair's
 * kernel, apply the reduction, copy the results out. Kept apart from {@link Dl4jBackend} so that
 * class refers to no ND4J type and constructing it loads none.
 *
 * <p>float64 batches compute in DOUBLE. float32 batches compute in FLOAT where that keeps the
 * tolerance of docs/contract.md §2c ({@link #typeFor}), else in DOUBLE on the exactly widened
 * values; either way each row's loss is summed in DOUBLE and the delta rounded once to float32.
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
    DataType type = typeFor(pair, z, targets, options, scale);
    if (options.isNone() && targets instanceof Batch y) {
      Evaluated result = evaluate(pair, NdArrays.of(z, type), NdArrays.of(y, type), null);
      INDArray delta = scale == 1.0 ? result.delta() : result.delta().muli(scale);
      NdArrays.copyInto(delta, deltaOut);
      double[] losses = result.exampleLosses().dup('c').data().asDouble();
      if (exampleLosses != null) {
        System.arraycopy(losses, 0, exampleLosses, 0, losses.length);
      }
      return scale * NdArrays.compensatedSum(losses);
    }
    OptionArrays arrays = OptionArrays.of(pair, z, targets, options, type);
    Evaluated result = evaluate(pair, arrays.z(), arrays.targets(), arrays);
    return arrays.finish(result, scale, deltaOut, exampleLosses);
  }

  /**
   * The ND4J type a call computes in: DOUBLE for float64 batches; for float32 ones FLOAT if the
   * pair's kernel keeps §2c in FLOAT ({@link MatchedPairs#holdsFloat32}, {@link
   * ChainRulePairs#holdsFloat32}) and no entry's weight {@code scale·W_ij} can exceed 1, else
   * DOUBLE. A weight multiplies float32's rounding error of {@code a} (about 6e-8) with the delta,
   * while the tolerance on a delta below 1 is 1e-6 absolute; the bound taken is {@code scale}
   * times the largest example weight, the largest class weight and {@code max(1, p_j)} (since
   * pos_weight's factor is {@code 1 + (p − 1) y}), each 1 if absent.
   */
  static DataType typeFor(Pair pair, Batch z, Targets targets, Options options, double scale) {
    if (z.precision() == Precision.FLOAT64) {
      return DataType.DOUBLE;
    }
    boolean holds = pair.isCanonical() ? MatchedPairs.holdsFloat32(pair.loss(), targets, options)
        : ChainRulePairs.holdsFloat32(pair.activation(), pair.loss());
    double bound = scale * largest(options.exampleWeights()) * largest(options.classWeights())
        * Math.max(1.0, largest(options.posWeight()));
    return holds && bound <= 1.0 ? DataType.FLOAT : DataType.DOUBLE;
  }

  /** The largest of {@code values}, 1 if there are none. */
  private static double largest(double[] values) {
    if (values == null) {
      return 1.0;
    }
    double max = 0.0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    return max;
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

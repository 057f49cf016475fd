package io.github.deltapair.reference;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.spi.Backend;

/**
 * A backend (id {@code reference}) that computes with the {@link ReferenceOracle}: slow, float64,
 * independent of every real backend. Not registered as a service; construct it to run the kit
 * against the oracle itself or to compare a backend of your own with it. With labels or options it
 * keeps {@link Backend}'s default, the api's generic path ({@code Pair.lossOfRows}), so that the
 * kit run on it judges that path against the oracle's own options formulas.
 *
 * <p>It takes float32 batches itself ({@link #computesFloat32} is true for every call), computing
 * on their exact float64 widening and rounding the delta to float32, so that a float32 call runs
 * the evaluator's direct float32 path rather than its widening one.
 */
public final class ReferenceBackend implements Backend {

  @Override
  public String id() {
    return "reference";
  }

  @Override
  public String description() {
    return "the float64 ReferenceOracle";
  }

  @Override
  public boolean computesFloat32(Pair pair, Targets targets, Options options) {
    return true;
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    store(ReferenceOracle.delta(pair, z, y, reduction), deltaOut);
    return ReferenceOracle.loss(pair, z, y, reduction);
  }

  @Override
  public double compute(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch deltaOut, double[] exampleLosses) {
    if (z.precision() == Precision.FLOAT64) {
      return Backend.super.compute(pair, z, targets, options, reduction, deltaOut, exampleLosses);
    }
    // float32: the float64 path on the exact widening, then δ rounded to float32
    Batch delta = Batch.zeros(z.rows(), z.cols());
    double loss = Backend.super.compute(pair, z.toFloat64(),
        targets instanceof Batch y ? y.toFloat64() : targets, options, reduction, delta, exampleLosses);
    store(delta, deltaOut);
    return loss;
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    store(ReferenceOracle.activate(activation, z), out);
  }

  /** {@code out = values} (float64), rounded to the nearest float if {@code out} is float32. */
  private static void store(Batch values, Batch out) {
    if (out.precision() == Precision.FLOAT64) {
      System.arraycopy(values.array(), 0, out.array(), 0, values.size());
      return;
    }
    double[] from = values.array();
    float[] to = out.floatArray();
    for (int k = 0; k < from.length; k++) {
      to[k] = (float) from[k];
    }
  }
}

package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;

/**
 * Broken on purpose, PyTorch #69339-style: mean-by-weight divides by the number of rows {@code m}
 * instead of the total weight {@code Σ W} (loss and delta alike, so it is consistent with itself),
 * the weighted and unweighted means mixed up. Without options {@code Σ W = m}, so C6 cannot see it.
 * Must fail C10 and C9 only.
 */
public final class MeanByRowsBackend extends ReferenceDelegate {

  public MeanByRowsBackend() {
    super("broken-mean-by-rows");
  }

  @Override
  public double compute(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch deltaOut, double[] exampleLosses) {
    // the mistake: J = Σ ℓ_i / m and δ / m, instead of / Σ W
    Reduction used = reduction == Reduction.MEAN_BY_WEIGHT ? Reduction.MEAN : reduction;
    return reference.compute(pair, z, targets, options, used, deltaOut, exampleLosses);
  }
}

package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;

/**
 * Broken on purpose, PyTorch #69339-style: with class-index labels and an {@code ignore_index},
 * {@code MEAN} divides by the number of kept rows instead of all {@code m} rows (the loss and the
 * delta alike, so it is consistent with itself). Dense targets and labels without ignored rows are
 * right. Must fail C10 (and C9 with labels) only, and only in the ignore_index MEAN cases.
 */
public final class KeptRowsMeanBackend extends ReferenceDelegate {

  public KeptRowsMeanBackend() {
    super("broken-kept-rows-mean");
  }

  @Override
  public double compute(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch deltaOut, double[] exampleLosses) {
    if (!(targets instanceof Labels labels) || reduction != Reduction.MEAN) {
      return reference.compute(pair, z, targets, options, reduction, deltaOut, exampleLosses);
    }
    double sum =
        reference.compute(pair, z, targets, options, Reduction.SUM, deltaOut, exampleLosses);
    int kept = 0;
    for (int i = 0; i < labels.size(); i++) {
      kept += labels.isIgnored(i) ? 0 : 1;
    }
    // the mistake: J = Σ ℓ_i / (kept rows), δ / (kept rows), instead of / m
    double scale = kept == 0 ? 0.0 : 1.0 / kept;
    double[] d = deltaOut.array();
    for (int k = 0; k < d.length; k++) {
      d[k] *= scale;
    }
    return sum * scale;
  }
}

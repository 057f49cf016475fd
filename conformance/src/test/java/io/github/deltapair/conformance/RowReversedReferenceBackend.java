package io.github.deltapair.conformance;

import io.github.deltapair.reference.ReferenceBackend;
import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.reference.ReferenceOracle;
import io.github.deltapair.spi.Backend;

/**
 * A second correct backend for C9: the oracle applied to the batch with its rows in reverse order,
 * so its loss is summed in a different order from {@link ReferenceBackend}'s; with targets other
 * than dense {@code y} or with options, the oracle's own options formulas (where {@link
 * ReferenceBackend} takes the api's generic options path), so that C9 compares with the oracle.
 */
public final class RowReversedReferenceBackend implements Backend {

  @Override
  public String id() {
    return "reference-reversed";
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    Batch delta = reversed(ReferenceOracle.delta(pair, reversed(z), reversed(y), reduction));
    System.arraycopy(delta.array(), 0, deltaOut.array(), 0, delta.size());
    return ReferenceOracle.loss(pair, reversed(z), reversed(y), reduction);
  }

  @Override
  public double compute(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch deltaOut, double[] exampleLosses) {
    if (targets instanceof Batch y && options.isNone() && exampleLosses == null
        && (reduction == Reduction.SUM || reduction == Reduction.MEAN)) {
      return compute(pair, z, y, reduction, deltaOut);
    }
    Batch delta = ReferenceOracle.delta(pair, z, targets, options, reduction);
    System.arraycopy(delta.array(), 0, deltaOut.array(), 0, delta.size());
    if (exampleLosses != null) {
      double[] losses = ReferenceOracle.exampleLosses(pair, z, targets, options);
      System.arraycopy(losses, 0, exampleLosses, 0, losses.length);
    }
    return ReferenceOracle.loss(pair, z, targets, options, reduction);
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    Batch a = reversed(ReferenceOracle.activate(activation, reversed(z)));
    System.arraycopy(a.array(), 0, out.array(), 0, a.size());
  }

  private static Batch reversed(Batch b) {
    Batch out = Batch.zeros(b.rows(), b.cols());
    int n = b.cols();
    for (int i = 0; i < b.rows(); i++) {
      System.arraycopy(b.array(), i * n, out.array(), (b.rows() - 1 - i) * n, n);
    }
    return out;
  }
}

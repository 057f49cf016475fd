package io.github.deltapair.conformance;

import io.github.deltapair.reference.ReferenceBackend;
import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.ReferenceOracle;
import io.github.deltapair.spi.Backend;

/**
 * A second correct backend for C9: the oracle applied to the batch with its rows in reverse order,
 * so its loss is summed in a different order from {@link ReferenceBackend}'s.
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

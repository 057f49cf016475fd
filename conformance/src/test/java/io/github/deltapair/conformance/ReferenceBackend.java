package io.github.deltapair.conformance;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.ReferenceOracle;
import io.github.deltapair.spi.Backend;

/**
 * A correct backend made of the kit's own oracle: the kit must pass it entirely. The self-tests'
 * broken backends are variations of it.
 */
public final class ReferenceBackend implements Backend {

  @Override
  public String id() {
    return "reference";
  }

  @Override
  public String description() {
    return "the conformance kit's float64 ReferenceOracle";
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    Batch delta = ReferenceOracle.delta(pair, z, y, reduction);
    System.arraycopy(delta.array(), 0, deltaOut.array(), 0, delta.size());
    return ReferenceOracle.loss(pair, z, y, reduction);
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    Batch a = ReferenceOracle.activate(activation, z);
    System.arraycopy(a.array(), 0, out.array(), 0, a.size());
  }
}

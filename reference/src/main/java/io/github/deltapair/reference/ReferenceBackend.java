package io.github.deltapair.reference;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.spi.Backend;

/**
 * A backend (id {@code reference}) that computes with the {@link ReferenceOracle}: slow, float64,
 * independent of every real backend. Not registered as a service; construct it to run the kit
 * against the oracle itself or to compare a backend of your own with it. With labels or options it
 * keeps {@link Backend}'s default, the api's generic path ({@code Pair.lossOfRows}), so that the
 * kit run on it judges that path against the oracle's own options formulas.
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

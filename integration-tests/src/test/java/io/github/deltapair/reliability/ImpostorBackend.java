package io.github.deltapair.reliability;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.spi.Backend;

/**
 * A backend that claims the id {@code native}, declared only in the temporary service files that
 * {@link DiscoveryFailureTest} builds: discovery must refuse it next to the real one.
 */
public final class ImpostorBackend implements Backend {

  /** The service loader's constructor. */
  public ImpostorBackend() {}

  @Override
  public String id() {
    return "native";
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    throw new UnsupportedOperationException("an impostor computes nothing");
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    throw new UnsupportedOperationException("an impostor computes nothing");
  }
}

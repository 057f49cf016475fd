package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.ReferenceBackend;
import io.github.deltapair.spi.Backend;

/**
 * A correct backend that computes only the canonical pairs and says so through the capability
 * hook: the kit must skip every other pair, naming {@code supports(Pair)}, and fail nothing.
 */
public final class CanonicalOnlyBackend implements Backend {

  private final ReferenceBackend reference = new ReferenceBackend();

  @Override
  public String id() {
    return "canonical-only";
  }

  @Override
  public boolean supports(Pair pair) {
    return pair.isCanonical();
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    return reference.compute(pair, z, y, reduction, deltaOut);
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    reference.activate(activation, z, out);
  }
}

package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.reference.ReferenceBackend;
import io.github.deltapair.spi.Backend;

/**
 * The reference backend under another id: a broken backend of the self-tests extends this and
 * overrides the one kernel it gets wrong, so every other call stays right.
 */
abstract class ReferenceDelegate implements Backend {

  /** The backend everything not overridden goes to. */
  protected final ReferenceBackend reference = new ReferenceBackend();

  private final String id;

  ReferenceDelegate(String id) {
    this.id = id;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    return reference.compute(pair, z, y, reduction, deltaOut);
  }

  @Override
  public double compute(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch deltaOut, double[] exampleLosses) {
    return reference.compute(pair, z, targets, options, reduction, deltaOut, exampleLosses);
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    reference.activate(activation, z, out);
  }
}

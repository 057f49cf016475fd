package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.spi.Backend;

/**
 * A generic backend: every pair computed straight from its definitions through {@link
 * Pair#lossOfRows}, as a backend may do for a plugin pair. Correct exactly when the definitions
 * are, so the kit run on it judges the definitions (a plugin's claim to be canonical, say).
 */
public final class DefinitionBackend implements Backend {

  @Override
  public String id() {
    return "definitions";
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    return pair.lossOfRows(z.array(), y.array(), z.cols(), 0, z.rows(), reduction.scale(z.rows()),
        deltaOut.array()) * reduction.scale(z.rows());
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    activation.forward(z, out);
  }
}

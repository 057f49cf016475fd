package io.github.deltapair;

import io.github.deltapair.spi.Backend;

/** A test backend for identity + squared-error only, from the textbook formula, with a fudgeable delta. */
final class SquaredErrorOnlyBackend implements Backend {

  private final String id;
  private final double deltaFactor;

  SquaredErrorOnlyBackend(String id, double deltaFactor) {
    this.id = id;
    this.deltaFactor = deltaFactor;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean supports(Pair pair) {
    return pair.equals(Pair.canonical(Loss.SQUARED_ERROR));
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    double scale = reduction.scale(z.rows());
    double loss = 0;
    for (int k = 0; k < z.size(); k++) {
      double r = z.array()[k] - y.array()[k];
      loss += 0.5 * r * r;
      deltaOut.array()[k] = deltaFactor * r * scale;
    }
    return loss * scale;
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    System.arraycopy(z.array(), 0, out.array(), 0, z.size());
  }
}

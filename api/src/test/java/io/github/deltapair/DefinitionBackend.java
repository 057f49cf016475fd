package io.github.deltapair;

import io.github.deltapair.spi.Backend;

/**
 * A test backend whose only kernel is the definitions' dense path ({@link Pair#lossOfRows(double[],
 * double[], int, int, int, double, double[])}); labels and options come from the SPI's defaults.
 */
class DefinitionBackend implements Backend {

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

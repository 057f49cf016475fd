package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.ReferenceBackend;
import io.github.deltapair.reference.ReferenceOracle;
import io.github.deltapair.spi.Backend;

/**
 * Broken on purpose: sigmoid + binary-cross-entropy the way DL4J's {@code LossBinaryXENT} does it,
 * clipping {@code a} to [1e-5, 1 − 1e-5], computing {@code −[y log a + (1 − y) log(1 − a)]} and
 * the delta {@code (a − y)/(a(1 − a)) · σ'(z)}. At {@code z = 1000, y = 0} the loss is 11.5
 * instead of 1000 and at {@code z = 30} the delta is 9.4e-9 instead of 1. Must fail C2.
 */
public final class ClippingBackend implements Backend {

  private static final double EPS = 1e-5;

  private final ReferenceBackend reference = new ReferenceBackend();

  @Override
  public String id() {
    return "broken-clipping";
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    if (!pair.equals(Pair.canonical(Loss.BINARY_CROSS_ENTROPY))) {
      return reference.compute(pair, z, y, reduction, deltaOut);
    }
    double scale = reduction.scale(z.rows());
    double[] zs = z.array();
    double[] ys = y.array();
    double[] d = deltaOut.array();
    double loss = 0.0;
    for (int k = 0; k < zs.length; k++) {
      double a = Math.min(Math.max(ReferenceOracle.activate(Activation.SIGMOID, zs[k]), EPS), 1.0 - EPS);
      loss += -(ys[k] * Math.log(a) + (1.0 - ys[k]) * Math.log(1.0 - a));
      d[k] = scale * (a - ys[k]) / (a * (1.0 - a)) * ReferenceOracle.derivative(Activation.SIGMOID, zs[k]);
    }
    return scale * loss;
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    reference.activate(activation, z, out);
  }
}

package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.ReferenceBackend;
import io.github.deltapair.spi.Backend;

/**
 * Broken on purpose: squared error scaled like DL4J's {@code LossMSE}, {@code ℓ = (1/n) Σ_j (a_j −
 * y_j)²} with delta {@code 2(a − y)/n} (chain-rule pairs: times {@code f'(z)}) instead of the
 * contract's {@code ½ Σ_j (a_j − y_j)²}. Consistent with itself, so C4 passes; must fail C1 and C5.
 */
public final class MseScalingBackend implements Backend {

  private final ReferenceBackend reference = new ReferenceBackend();

  @Override
  public String id() {
    return "broken-mse-scaling";
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    double loss = reference.compute(pair, z, y, reduction, deltaOut);
    if (!pair.loss().equals(Loss.SQUARED_ERROR)) {
      return loss;
    }
    // (1/n) Σ (a − y)² is ½ Σ (a − y)² times 2/n, and so is its gradient
    double factor = 2.0 / z.cols();
    double[] d = deltaOut.array();
    for (int k = 0; k < d.length; k++) {
      d[k] *= factor;
    }
    return loss * factor;
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    reference.activate(activation, z, out);
  }
}

package com.example.backend;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.spi.Backend;

/**
 * A third-party backend that computes one pair only, identity + ½ squared error, and says so
 * through {@link #supports(Pair)}.
 */
public final class IdentitySquaredErrorBackend implements Backend {

  @Override
  public String id() {
    return "identity-squared-error";
  }

  @Override
  public boolean supports(Pair pair) {
    return pair.activation().equals(Activation.IDENTITY) && pair.loss().equals(Loss.SQUARED_ERROR);
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    double[] zs = z.array();
    double[] ys = y.array();
    double[] delta = deltaOut.array();
    double scale = reduction.scale(z.rows());
    double sum = 0.0;
    // J = scale · Σ ½ (z − y)², δ = scale · (z − y)
    for (int k = 0; k < zs.length; k++) {
      double r = zs[k] - ys[k];
      sum += 0.5 * r * r;
      delta[k] = scale * r;
    }
    return scale * sum;
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    if (!activation.equals(Activation.IDENTITY)) {
      throw new UnsupportedOperationException(id() + " computes identity only, not " + activation.id());
    }
    System.arraycopy(z.array(), 0, out.array(), 0, z.size());
  }
}

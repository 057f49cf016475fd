package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.ReferenceBackend;
import io.github.deltapair.reference.ReferenceOracle;
import io.github.deltapair.spi.Backend;

/**
 * Broken on purpose: applies the chain rule to matched pairs too, multiplying {@code a − y} by
 * {@code f'(z)} (softmax: by the Jacobian's diagonal {@code a(1 − a)}), the textbook mix-up of
 * {@code δ = a − y} with {@code (a − y) ⊙ f'(z)}. Must fail C1 and C2.
 */
public final class ChainRuleOnCanonicalBackend implements Backend {

  private final ReferenceBackend reference = new ReferenceBackend();

  @Override
  public String id() {
    return "broken-chain-rule-on-canonical";
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    double loss = reference.compute(pair, z, y, reduction, deltaOut);
    if (pair.isCanonical()) {
      double[] d = deltaOut.array();
      double[] zs = z.array();
      double[] a = ReferenceOracle.activate(pair.activation(), z).array();
      for (int k = 0; k < d.length; k++) {
        // the wrong δ = (a − y) ⊙ f'(z)
        d[k] *= !pair.activation().isElementwise()
            ? a[k] * (1.0 - a[k])
            : ReferenceOracle.derivative(pair.activation(), zs[k]);
      }
    }
    return loss;
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    reference.activate(activation, z, out);
  }
}

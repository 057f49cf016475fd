package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.ReferenceBackend;
import io.github.deltapair.spi.Backend;

/**
 * Broken on purpose: the chain-rule softmax pairs computed with the naive softmax {@code e^{z_k} /
 * Σ_j e^{z_j}}, without subtracting the row maximum. Right at moderate logits; at {@code z = [800,
 * 0, −800]} {@code e^800} overflows and the result is NaN, where the true softmax + squared-error
 * loss is about 1. Must fail C3 (at large logits) and nothing else.
 */
public final class NaiveSoftmaxBackend implements Backend {

  private final ReferenceBackend reference = new ReferenceBackend();

  @Override
  public String id() {
    return "broken-naive-softmax";
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    if (pair.isCanonical() || pair.activation().isElementwise()) {
      return reference.compute(pair, z, y, reduction, deltaOut);
    }
    Loss loss = pair.loss();
    int n = z.cols();
    double scale = reduction.scale(z.rows());
    double total = 0.0;
    double[] a = new double[n];
    for (int i = 0; i < z.rows(); i++) {
      int base = i * n;
      double sum = 0.0;
      // the naive a_k = e^{z_k} / Σ_j e^{z_j}
      for (int j = 0; j < n; j++) {
        a[j] = Math.exp(z.array()[base + j]);
        sum += a[j];
      }
      double ga = 0.0;
      for (int j = 0; j < n; j++) {
        a[j] /= sum;
        total += loss.value(a[j], y.array()[base + j]);
        ga += loss.gradient(a[j], y.array()[base + j]) * a[j];
      }
      // δ_k = a_k (g_k − Σ_j g_j a_j)
      for (int j = 0; j < n; j++) {
        deltaOut.array()[base + j] = scale * a[j] * (loss.gradient(a[j], y.array()[base + j]) - ga);
      }
    }
    return scale * total;
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    reference.activate(activation, z, out);
  }
}

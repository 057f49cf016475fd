package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;

/**
 * Row-wise {@code a_k = e^{z_k} / Σ_j e^{z_j}}: range (0, 1), Jacobian {@code diag(a) − a aᵀ}; the
 * canonical link of cross-entropy and KL divergence.
 */
public final class SoftmaxActivation implements Activation {

  /** The one instance, also {@link Activation#SOFTMAX}. */
  public static final SoftmaxActivation INSTANCE = new SoftmaxActivation();

  private SoftmaxActivation() {}

  @Override public String id() { return "softmax"; }
  @Override public Interval range() { return RANGE; }
  @Override public String formula() { return "a_k = e^{z_k} / Σ_j e^{z_j} (per row)"; }
  @Override public String derivativeFormula() { return "diag(a) − a aᵀ"; }
  @Override public String vectorJacobianFormula() { return "a_k (g_k − Σ_j g_j a_j)"; }
  @Override public boolean isElementwise() { return false; }
  @Override public int minColumns() { return 2; }

  @Override public double apply(double z) { throw rowWise(); }
  @Override public double derivative(double z) { throw rowWise(); }

  /** {@code a_k = e^{z_k − max} / Σ_j e^{z_j − max}}: the row's own maximum, so no row overflows. */
  @Override public void forwardRow(double[] z, double[] a, int offset, int n) {
    int end = offset + n;
    double max = StableMath.max(z, offset, end);
    double sum = 0.0;
    for (int k = offset; k < end; k++) {
      double e = Math.exp(z[k] - max);
      a[k] = e;
      sum += e;
    }
    for (int k = offset; k < end; k++) {
      a[k] /= sum;
    }
  }

  /** {@code out_k = a_k (g_k − Σ_j g_j a_j)}. */
  @Override public void backwardRow(double[] z, double[] a, double[] g, double[] out, int offset, int n) {
    int end = offset + n;
    double s = 0.0;
    for (int k = offset; k < end; k++) {
      s += g[k] * a[k];
    }
    for (int k = offset; k < end; k++) {
      out[k] = a[k] * (g[k] - s);
    }
  }

  @Override public String toString() { return id(); }

  private static UnsupportedOperationException rowWise() {
    return new UnsupportedOperationException(
        "softmax acts on whole rows: use forwardRow or forward(Batch, Batch), not a scalar method");
  }

  // constants, so that the hot paths that ask for them allocate nothing
  private static final Interval RANGE = Interval.open(0, 1);
}

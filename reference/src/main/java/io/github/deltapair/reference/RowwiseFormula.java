package io.github.deltapair.reference;

/** A row-wise activation (softmax): {@link #value} and {@link #derivative} do not exist. */
abstract class RowwiseFormula implements ActivationFormula {

  private final String id;

  RowwiseFormula(String id) {
    this.id = id;
  }

  @Override
  public final boolean isElementwise() {
    return false;
  }

  @Override
  public final double value(double z) {
    throw new IllegalArgumentException(id + " acts on rows: use activate(f, Batch)");
  }

  @Override
  public final double derivative(double z) {
    throw new IllegalArgumentException(id + " has a Jacobian, not a derivative");
  }

  /** Softmax: {@code a_k = e^{z_k − max} / Σ_j e^{z_j − max}}, {@code (J ᵀg)_k = a_k (g_k − Σ_j g_j a_j)}. */
  static final class Softmax extends RowwiseFormula {

    Softmax() {
      super("softmax");
    }

    @Override
    public double[] row(double[] z, int base, int n) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = base; j < base + n; j++) {
        max = Math.max(max, z[j]);
      }
      double[] a = new double[n];
      CompensatedSum total = new CompensatedSum();
      // e_j = e^{z_j − max}, then a_j = e_j / Σ e
      for (int j = 0; j < n; j++) {
        a[j] = Math.exp(z[base + j] - max);
        total.add(a[j]);
      }
      double sum = total.value();
      for (int j = 0; j < n; j++) {
        a[j] /= sum;
      }
      return a;
    }

    @Override
    public double[] vectorJacobian(double[] z, int base, double[] a, double[] g) {
      CompensatedSum ga = new CompensatedSum();
      // s = Σ_j g_j a_j
      for (int j = 0; j < a.length; j++) {
        ga.add(g[j] * a[j]);
      }
      double s = ga.value();
      double[] out = new double[a.length];
      // out_k = a_k (g_k − s)
      for (int k = 0; k < a.length; k++) {
        out[k] = a[k] * (g[k] - s);
      }
      return out;
    }
  }
}

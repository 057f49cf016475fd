package io.github.deltapair.examples.sparsemax;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import java.util.Arrays;

/**
 * Sparsemax (Martins &amp; Astudillo 2016): the Euclidean projection of a row {@code z} onto the
 * probability simplex, {@code p = argmin_{q ∈ Δ} ‖q − z‖²}, which is {@code p_k = max(z_k − τ, 0)}
 * with the threshold {@code τ} that makes the row sum to 1. Unlike softmax it gives exact zeros;
 * its range is {@code [0, 1]}. Row-wise, at least two columns; the Jacobian is {@code diag(s) −
 * s sᵀ/|S|}, with {@code S} the support ({@code p_k > 0}) and {@code s} its indicator.
 *
 * <p>Written only against deltapair's public API, as a third party would: an {@link Activation}
 * with its row kernels, registered by {@link SparsemaxCatalog}.
 */
public final class SparsemaxActivation implements Activation {

  /** The one instance. */
  public static final SparsemaxActivation INSTANCE = new SparsemaxActivation();

  private SparsemaxActivation() {}

  @Override
  public String id() {
    return "sparsemax";
  }

  @Override
  public Interval range() {
    return Interval.closed(0, 1);
  }

  @Override
  public String formula() {
    return "a_k = max(z_k − τ, 0) with τ such that Σ_j a_j = 1 (per row: the projection of z onto"
        + " the simplex)";
  }

  @Override
  public String derivativeFormula() {
    return "diag(s) − s sᵀ/|S|, S = {k : a_k > 0}, s its indicator";
  }

  @Override
  public String vectorJacobianFormula() {
    return "s_k (g_k − mean_{j∈S} g_j)";
  }

  @Override
  public boolean isElementwise() {
    return false;
  }

  @Override
  public int minColumns() {
    return 2;
  }

  /** Always throws: sparsemax acts on whole rows. */
  @Override
  public double apply(double z) {
    throw rowWise();
  }

  /** Always throws: sparsemax acts on whole rows. */
  @Override
  public double derivative(double z) {
    throw rowWise();
  }

  /**
   * {@code a_k = max(z_k − τ, 0)}: the row is shifted by its maximum (sparsemax is
   * shift-invariant, and the support's entries then lie in {@code (−1, 0]}, computed exactly),
   * sorted in decreasing order {@code u_1 ≥ u_2 ≥ …}, and {@code τ = (Σ_{j≤k} u_j − 1)/k} for the
   * largest {@code k} with {@code 1 + k u_k > Σ_{j≤k} u_j}.
   */
  @Override
  public void forwardRow(double[] z, double[] a, int offset, int n) {
    int end = offset + n;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = offset; k < end; k++) {
      max = Math.max(max, z[k]);
    }
    double[] u = new double[n];
    for (int k = 0; k < n; k++) {
      u[k] = z[offset + k] - max;
    }
    Arrays.sort(u);
    // the largest k (in decreasing order u_1 ≥ … ≥ u_n) with 1 + k u_k > Σ_{j≤k} u_j
    double prefix = 0.0;
    double tau = 0.0;
    for (int k = 1; k <= n; k++) {
      double uk = u[n - k];
      prefix += uk;
      if (1.0 + k * uk > prefix) {
        tau = (prefix - 1.0) / k;
      } else {
        break;
      }
    }
    // a_k = max(z_k − max − τ, 0)
    for (int k = offset; k < end; k++) {
      a[k] = Math.max(z[k] - max - tau, 0.0);
    }
  }

  /**
   * {@code out_k = s_k (g_k − mean_{j∈S} g_j)}, the support read from {@code a} ({@code a_k > 0}).
   */
  @Override
  public void backwardRow(double[] z, double[] a, double[] g, double[] out, int offset, int n) {
    int end = offset + n;
    double sum = 0.0;
    int support = 0;
    // mean_{j∈S} g_j
    for (int k = offset; k < end; k++) {
      if (a[k] > 0) {
        sum += g[k];
        support++;
      }
    }
    double mean = sum / support;
    // out_k = s_k (g_k − mean)
    for (int k = offset; k < end; k++) {
      out[k] = a[k] > 0 ? g[k] - mean : 0.0;
    }
  }

  @Override
  public String toString() {
    return id();
  }

  private static UnsupportedOperationException rowWise() {
    return new UnsupportedOperationException(
        "sparsemax acts on whole rows: use forwardRow or forward(Batch, Batch), not a scalar method");
  }
}

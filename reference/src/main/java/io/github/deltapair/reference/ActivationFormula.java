package io.github.deltapair.reference;

import java.util.function.DoubleUnaryOperator;

/**
 * An activation as the {@link ReferenceOracle} computes it: the forward map of one row and the
 * vector-Jacobian product {@code J_f(z)ᵀ g} of one row, in float64.
 */
interface ActivationFormula {

  /** {@code a = f(z)} of the row {@code z[base, base + n)}, as a new array of length {@code n}. */
  double[] row(double[] z, int base, int n);

  /**
   * {@code J_f(z)ᵀ g} of one row, as a new array: {@code z} is read from {@code base}, {@code a =
   * f(z)} and {@code g} from 0.
   */
  double[] vectorJacobian(double[] z, int base, double[] a, double[] g);

  /** Whether {@link #value} and {@link #derivative} exist (false for a row-wise activation). */
  boolean isElementwise();

  /**
   * {@code f(z)} of one output.
   *
   * @throws IllegalArgumentException for a row-wise activation
   */
  double value(double z);

  /**
   * {@code f'(z)} of one output.
   *
   * @throws IllegalArgumentException for a row-wise activation
   */
  double derivative(double z);

  /** An element-wise activation from its value and derivative. */
  static ActivationFormula elementwise(DoubleUnaryOperator value, DoubleUnaryOperator derivative) {
    return new Elementwise(value, derivative);
  }

  /** {@code a_k = f(z_k)}, {@code (J_fᵀ g)_k = g_k f'(z_k)}. */
  record Elementwise(DoubleUnaryOperator f, DoubleUnaryOperator df) implements ActivationFormula {

    @Override
    public double[] row(double[] z, int base, int n) {
      double[] a = new double[n];
      // a_j = f(z_j)
      for (int j = 0; j < n; j++) {
        a[j] = f.applyAsDouble(z[base + j]);
      }
      return a;
    }

    @Override
    public double[] vectorJacobian(double[] z, int base, double[] a, double[] g) {
      double[] out = new double[g.length];
      // out_j = g_j f'(z_j)
      for (int j = 0; j < g.length; j++) {
        out[j] = g[j] * df.applyAsDouble(z[base + j]);
      }
      return out;
    }

    @Override
    public boolean isElementwise() {
      return true;
    }

    @Override
    public double value(double z) {
      return f.applyAsDouble(z);
    }

    @Override
    public double derivative(double z) {
      return df.applyAsDouble(z);
    }
  }
}

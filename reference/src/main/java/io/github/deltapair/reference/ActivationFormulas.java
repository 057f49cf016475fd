package io.github.deltapair.reference;

import io.github.deltapair.Activation;
import java.util.Map;

/**
 * The oracle's own textbook formulas for the built-in activations, keyed by id (ids are unique in
 * the catalog), and the fallback for a third-party activation: its definition's own math, which
 * the oracle cannot judge independently.
 */
final class ActivationFormulas {

  private static final Map<String, ActivationFormula> BUILT_IN = Map.of(
      "identity", ActivationFormula.elementwise(z -> z, z -> 1.0),
      // σ'(z) = σ(z)·σ(−z), accurate in both tails
      "sigmoid", ActivationFormula.elementwise(Textbook::sigmoid, z -> Textbook.sigmoid(z) * Textbook.sigmoid(-z)),
      // tanh'(z) = 1 − a² = (1 − a)(1 + a)
      "tanh", ActivationFormula.elementwise(Math::tanh, z -> (1.0 - Math.tanh(z)) * (1.0 + Math.tanh(z))),
      "exp", ActivationFormula.elementwise(Math::exp, Math::exp),
      // relu'(0) = 0
      "relu", ActivationFormula.elementwise(z -> z > 0.0 ? z : 0.0, z -> z > 0.0 ? 1.0 : 0.0),
      "softplus", ActivationFormula.elementwise(Textbook::softplus, Textbook::sigmoid),
      "softmax", new RowwiseFormula.Softmax());

  private ActivationFormulas() {}

  /** Whether the oracle has its own formula for {@code f} (a built-in). */
  static boolean isOwn(Activation f) {
    return BUILT_IN.containsKey(f.id());
  }

  /** The oracle's formula for {@code f}, or {@code f}'s own definition for a third-party one. */
  static ActivationFormula of(Activation f) {
    ActivationFormula own = BUILT_IN.get(f.id());
    return own != null ? own : new Definition(f);
  }

  /** A third-party activation through its own {@code forwardRow}/{@code backwardRow}. */
  private record Definition(Activation f) implements ActivationFormula {

    @Override
    public double[] row(double[] z, int base, int n) {
      double[] zr = new double[n];
      System.arraycopy(z, base, zr, 0, n);
      double[] a = new double[n];
      f.forwardRow(zr, a, 0, n);
      return a;
    }

    @Override
    public double[] vectorJacobian(double[] z, int base, double[] a, double[] g) {
      double[] zr = new double[a.length];
      System.arraycopy(z, base, zr, 0, a.length);
      double[] out = new double[a.length];
      f.backwardRow(zr, a, g, out, 0, a.length);
      return out;
    }

    @Override
    public boolean isElementwise() {
      return f.isElementwise();
    }

    @Override
    public double value(double z) {
      requireElementwise();
      return f.apply(z);
    }

    @Override
    public double derivative(double z) {
      requireElementwise();
      return f.derivative(z);
    }

    private void requireElementwise() {
      if (!f.isElementwise()) {
        throw new IllegalArgumentException(f.id() + " acts on rows: use activate(f, Batch)");
      }
    }
  }
}

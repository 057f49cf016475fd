package io.github.deltapair;

import io.github.deltapair.builtin.ExpActivation;
import io.github.deltapair.builtin.IdentityActivation;
import io.github.deltapair.builtin.ReluActivation;
import io.github.deltapair.builtin.SigmoidActivation;
import io.github.deltapair.builtin.SoftmaxActivation;
import io.github.deltapair.builtin.SoftplusActivation;
import io.github.deltapair.builtin.TanhActivation;
import java.util.Objects;

/**
 * An output activation {@code a = f(z)}: a definition that carries its own math (its range, its
 * value, its derivative or row-wise vector-Jacobian product, and where it overflows).
 *
 * <p>The catalog is open: the seven built-ins are the constants below, and third parties add
 * their own through {@link io.github.deltapair.spi.CatalogProvider}. An element-wise activation
 * implements {@link #apply} and {@link #derivative}; a row-wise one (softmax) overrides {@link
 * #isElementwise}, {@link #forwardRow} and {@link #backwardRow}. Code that needs to know "which
 * activation" asks the definition, never compares it with a constant. An activation is immutable
 * and thread-safe, and two activations with the same {@link #id()} are the same activation.
 */
public interface Activation {

  /** The largest {@code z} whose {@code e^z} is finite in float64: {@code log(Double.MAX_VALUE)} ≈ 709.78. */
  double MAX_EXP_ARGUMENT = Math.log(Double.MAX_VALUE);

  /** {@code f(z) = z}, range ℝ, {@code f'(z) = 1}. */
  Activation IDENTITY = IdentityActivation.INSTANCE;
  /** {@code σ(z) = 1 / (1 + e^−z)}, range (0, 1), {@code σ'(z) = σ(z)σ(−z)}. */
  Activation SIGMOID = SigmoidActivation.INSTANCE;
  /** Row-wise {@code a_k = e^{z_k} / Σ_j e^{z_j}}, range (0, 1), Jacobian {@code diag(a) − a aᵀ}. */
  Activation SOFTMAX = SoftmaxActivation.INSTANCE;
  /** {@code tanh(z)}, range (−1, 1), {@code f'(z) = 1/cosh²(z)}. */
  Activation TANH = TanhActivation.INSTANCE;
  /** {@code e^z}, range (0, ∞), {@code f'(z) = a}; overflows above {@link #MAX_EXP_ARGUMENT}. */
  Activation EXP = ExpActivation.INSTANCE;
  /** {@code max(0, z)}, range [0, ∞), {@code f'(z) = 1} for {@code z > 0}, else 0. */
  Activation RELU = ReluActivation.INSTANCE;
  /** {@code log(1 + e^z)}, range (0, ∞), {@code f'(z) = σ(z)}. */
  Activation SOFTPLUS = SoftplusActivation.INSTANCE;

  /** The unique kebab-case name used by the command line, logs and reports, e.g. {@code "sigmoid"}. */
  String id();

  /** The set of values {@code a} this activation can produce (mathematically). */
  Interval range();

  /** The definition, for example {@code "a = σ(z) = 1 / (1 + e^−z)"}. */
  String formula();

  /** The derivative {@code f'(z)} (or the Jacobian of a row-wise activation) as a formula. */
  String derivativeFormula();

  /**
   * The vector-Jacobian product {@code J_f(z)ᵀ g} as a formula, for a row-wise activation's delta;
   * by default in terms of {@link #derivativeFormula()}.
   */
  default String vectorJacobianFormula() {
    return "(J_f(z)ᵀ g)_k with J_f = " + derivativeFormula();
  }

  /** Whether {@code a_ij} depends only on {@code z_ij}; false for row-wise activations such as softmax. */
  default boolean isElementwise() {
    return true;
  }

  /** The fewest columns a batch must have: 1, or 2 for softmax (over one output it is constant). */
  default int minColumns() {
    return 1;
  }

  /**
   * The largest logit whose activation is finite in float64: {@link #MAX_EXP_ARGUMENT} for exp,
   * {@code +∞} for activations that never overflow. Validation rejects larger logits.
   */
  default double maxFiniteLogit() {
    return Double.POSITIVE_INFINITY;
  }

  /**
   * The largest logit whose activation is finite in {@code precision}: {@link #maxFiniteLogit()}
   * for float64; for float32, {@code log(Float.MAX_VALUE) ≈ 88.72} for exp, and by default the
   * largest {@code z ≤ maxFiniteLogit()} whose {@link #apply} rounds to a finite float (found by
   * bisection, for an element-wise activation that increases), {@code +∞} where {@link
   * #maxFiniteLogit()} is. Validation rejects larger logits of a batch in that precision.
   */
  default double maxFiniteLogit(Precision precision) {
    double limit = maxFiniteLogit();
    if (precision == Precision.FLOAT64 || limit == Double.POSITIVE_INFINITY || !isElementwise()
        || Precision.FLOAT32.holds(apply(limit)) || !Precision.FLOAT32.holds(apply(0.0))) {
      return limit;
    }
    double fits = 0.0;
    double overflows = limit;
    while (Math.nextUp(fits) < overflows) {
      double mid = fits + (overflows - fits) / 2;
      if (Precision.FLOAT32.holds(apply(mid))) {
        fits = mid;
      } else {
        overflows = mid;
      }
    }
    return fits;
  }

  /**
   * {@code f(z)} of an element-wise activation, in float64, stable for every finite {@code z}
   * below {@link #maxFiniteLogit()}.
   *
   * @throws UnsupportedOperationException for a row-wise activation
   */
  double apply(double z);

  /**
   * {@code f'(z)} of an element-wise activation, in float64.
   *
   * @throws UnsupportedOperationException for a row-wise activation
   */
  double derivative(double z);

  /**
   * {@code f'(z)} when {@code a = f(z)} is already known (exp: {@code f'(z) = a}); by default
   * {@link #derivative(double)}.
   */
  default double derivative(double z, double a) {
    return derivative(z);
  }

  /**
   * Writes {@code a = f(z)} of one row: {@code a[offset + j] = f(z)_j} for {@code j < n}. By default
   * element by element with {@link #apply}. {@code a} may be {@code z}.
   */
  default void forwardRow(double[] z, double[] a, int offset, int n) {
    for (int k = offset; k < offset + n; k++) {
      a[k] = apply(z[k]);
    }
  }

  /**
   * The vector-Jacobian product of one row: {@code out = J_f(z)ᵀ g} where {@code a = f(z)} (all
   * four arrays indexed from {@code offset}); by default {@code out_k = g_k f'(z_k)}. {@code out}
   * may be {@code g}.
   */
  default void backwardRow(double[] z, double[] a, double[] g, double[] out, int offset, int n) {
    for (int k = offset; k < offset + n; k++) {
      out[k] = g[k] * derivative(z[k], a[k]);
    }
  }

  /**
   * Writes {@code f(z)} of every row into {@code out}, which may be {@code z} itself.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  default void forward(Batch z, Batch out) {
    Objects.requireNonNull(z, "z");
    Objects.requireNonNull(out, "out");
    if (z.rows() != out.rows() || z.cols() != out.cols()) {
      throw new IllegalArgumentException(
          "out is " + out.shape() + " but z is " + z.shape() + ": they must have the same shape");
    }
    int n = z.cols();
    for (int row = 0; row < z.rows(); row++) {
      forwardRow(z.array(), out.array(), row * n, n);
    }
  }

  /**
   * The activation of the catalog with this name (built-in or discovered), any case.
   *
   * @throws IllegalArgumentException naming the known activations if there is none
   */
  static Activation fromId(String id) {
    return Catalog.discovered().activation(id);
  }
}

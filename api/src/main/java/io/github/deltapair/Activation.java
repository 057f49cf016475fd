package io.github.deltapair;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The output activations {@code a = f(z)} of the catalog (DESIGN §3).
 *
 * <p>All but {@link #SOFTMAX} act element by element; softmax acts on each row of a batch. The
 * scalar methods here are float64 reference definitions, written in their numerically stable
 * forms; backends carry their own kernels.
 */
public enum Activation {
  /** {@code f(z) = z}, range ℝ, {@code f'(z) = 1}. */
  IDENTITY("identity", Interval.REAL, "a = z", "1"),
  /** {@code σ(z) = 1 / (1 + e^−z)}, range (0, 1), {@code σ'(z) = a(1 − a)}. */
  SIGMOID("sigmoid", Interval.open(0, 1), "a = σ(z) = 1 / (1 + e^−z)", "a(1 − a)"),
  /** Row-wise {@code a_k = e^{z_k} / Σ_j e^{z_j}}, range (0, 1), Jacobian {@code diag(a) − a aᵀ}. */
  SOFTMAX("softmax", Interval.open(0, 1), "a_k = e^{z_k} / Σ_j e^{z_j} (per row)", "diag(a) − a aᵀ"),
  /** {@code tanh(z)}, range (−1, 1), {@code f'(z) = 1 − a²}. */
  TANH("tanh", Interval.open(-1, 1), "a = tanh(z)", "1 − a²"),
  /** {@code e^z}, range (0, ∞), {@code f'(z) = a}. */
  EXP("exp", Interval.open(0, Double.POSITIVE_INFINITY), "a = e^z", "a"),
  /** {@code max(0, z)}, range [0, ∞), {@code f'(z) = 1} for {@code z > 0}, else 0. */
  RELU("relu", Interval.closedOpen(0, Double.POSITIVE_INFINITY), "a = max(0, z)", "1 if z > 0, else 0"),
  /** {@code log(1 + e^z)}, range (0, ∞), {@code f'(z) = σ(z)}. */
  SOFTPLUS("softplus", Interval.open(0, Double.POSITIVE_INFINITY), "a = log(1 + e^z)", "σ(z)");

  /** The largest {@code z} whose {@code e^z} is finite in float64: {@code log(Double.MAX_VALUE)} ≈ 709.78. */
  public static final double MAX_EXP_ARGUMENT = Math.log(Double.MAX_VALUE);

  private final String id;
  private final Interval range;
  private final String formula;
  private final String derivativeFormula;

  Activation(String id, Interval range, String formula, String derivativeFormula) {
    this.id = id;
    this.range = range;
    this.formula = formula;
    this.derivativeFormula = derivativeFormula;
  }

  /** The kebab-case name used by the command line, logs and reports, e.g. {@code "sigmoid"}. */
  public String id() {
    return id;
  }

  /** The set of values {@code a} this activation can produce (mathematically). */
  public Interval range() {
    return range;
  }

  /** Whether {@code a_ij} depends only on {@code z_ij}; false only for softmax. */
  public boolean isElementwise() {
    return this != SOFTMAX;
  }

  /** The definition, for example {@code "a = σ(z) = 1 / (1 + e^−z)"}. */
  public String formula() {
    return formula;
  }

  /** The derivative {@code f'(z)} written in terms of {@code a} or {@code z}. */
  public String derivativeFormula() {
    return derivativeFormula;
  }

  /**
   * {@code f(z)} for an element-wise activation, in float64 and stable for every finite {@code z}
   * (sigmoid and softplus never overflow; exp overflows to ∞ above {@link #MAX_EXP_ARGUMENT}).
   *
   * @throws UnsupportedOperationException for {@link #SOFTMAX}, which needs a whole row
   */
  public double apply(double z) {
    return switch (this) {
      case IDENTITY -> z;
      case SIGMOID -> sigmoid(z);
      case TANH -> Math.tanh(z);
      case EXP -> Math.exp(z);
      case RELU -> z > 0 ? z : 0.0;
      case SOFTPLUS -> Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
      case SOFTMAX -> throw rowWise();
    };
  }

  /**
   * {@code f'(z)} for an element-wise activation, in float64 (relu: 0 at {@code z = 0}).
   *
   * @throws UnsupportedOperationException for {@link #SOFTMAX}, whose derivative is a Jacobian
   */
  public double derivative(double z) {
    return switch (this) {
      case IDENTITY -> 1.0;
      // σ'(z) = σ(z)·σ(−z): accurate in both tails, where a(1 − a) loses 1 − a to rounding
      case SIGMOID -> sigmoid(z) * sigmoid(-z);
      // tanh'(z) = 1/cosh²(z): accurate where a is near ±1 and 1 − a² cancels
      case TANH -> {
        double c = Math.cosh(z);
        yield 1.0 / (c * c);
      }
      case EXP -> Math.exp(z);
      case RELU -> z > 0 ? 1.0 : 0.0;
      case SOFTPLUS -> sigmoid(z);
      case SOFTMAX -> throw rowWise();
    };
  }

  /**
   * Writes {@code f(z)} into {@code out}, row-wise for softmax (max subtracted before
   * exponentiating, so no row overflows). {@code out} may be {@code z} itself.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public void forward(Batch z, Batch out) {
    Objects.requireNonNull(z, "z");
    Objects.requireNonNull(out, "out");
    if (z.rows() != out.rows() || z.cols() != out.cols()) {
      throw new IllegalArgumentException(
          "out is " + out.shape() + " but z is " + z.shape() + ": they must have the same shape");
    }
    double[] in = z.array();
    double[] res = out.array();
    if (this != SOFTMAX) {
      for (int k = 0; k < in.length; k++) {
        res[k] = apply(in[k]);
      }
      return;
    }
    int n = z.cols();
    for (int row = 0; row < z.rows(); row++) {
      int base = row * n;
      // a_k = e^{z_k − max} / Σ_j e^{z_j − max}
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        max = Math.max(max, in[base + j]);
      }
      double sum = 0.0;
      for (int j = 0; j < n; j++) {
        double e = Math.exp(in[base + j] - max);
        res[base + j] = e;
        sum += e;
      }
      for (int j = 0; j < n; j++) {
        res[base + j] /= sum;
      }
    }
  }

  /**
   * The activation with this kebab-case name.
   *
   * @throws IllegalArgumentException naming the known activations if there is none
   */
  public static Activation fromId(String id) {
    Objects.requireNonNull(id, "id");
    for (Activation activation : values()) {
      if (activation.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return activation;
      }
    }
    throw new IllegalArgumentException(
        "Unknown activation '" + id + "'; the activations are: "
            + Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", ")));
  }

  private static double sigmoid(double z) {
    // σ(z) = 1/(1+e^−z) for z ≥ 0, e^z/(1+e^z) otherwise: no overflow either way
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  private UnsupportedOperationException rowWise() {
    return new UnsupportedOperationException(
        "softmax acts on whole rows: use forward(Batch, Batch), not a scalar method");
  }
}

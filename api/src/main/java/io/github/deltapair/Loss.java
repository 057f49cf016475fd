package io.github.deltapair;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The losses of the catalog (DESIGN §3). Each is a negative log-likelihood summed over the
 * {@code n} outputs of one example, with constants that do not depend on {@code z} dropped.
 */
public enum Loss {
  /** {@code ℓ = ½ Σ_j (a_j − y_j)²}; any real targets; canonical with {@link Activation#IDENTITY}. */
  SQUARED_ERROR(
      "squared-error",
      Interval.REAL,
      Interval.REAL,
      false,
      Activation.IDENTITY,
      "ℓ = ½ Σ_j (a_j − y_j)²",
      "a − y"),
  /**
   * {@code ℓ = −Σ_j [y_j log a_j + (1 − y_j) log(1 − a_j)]}; targets in [0, 1] (multi-label
   * allowed); canonical with {@link Activation#SIGMOID}.
   */
  BINARY_CROSS_ENTROPY(
      "binary-cross-entropy",
      Interval.open(0, 1),
      Interval.closed(0, 1),
      false,
      Activation.SIGMOID,
      "ℓ = −Σ_j [y_j log a_j + (1 − y_j) log(1 − a_j)]",
      "(a − y) / (a(1 − a))"),
  /**
   * {@code ℓ = −Σ_j y_j log a_j}; each row of targets on the simplex ({@code y ≥ 0}, {@code Σ_j y_j
   * = 1} within {@link #SIMPLEX_TOLERANCE}); canonical with {@link Activation#SOFTMAX}.
   */
  CROSS_ENTROPY(
      "cross-entropy",
      Interval.open(0, Double.POSITIVE_INFINITY),
      Interval.closedOpen(0, Double.POSITIVE_INFINITY),
      true,
      Activation.SOFTMAX,
      "ℓ = −Σ_j y_j log a_j",
      "−y / a"),
  /** {@code ℓ = Σ_j (a_j − y_j log a_j)}; targets {@code y ≥ 0}; canonical with {@link Activation#EXP}. */
  POISSON(
      "poisson",
      Interval.open(0, Double.POSITIVE_INFINITY),
      Interval.closedOpen(0, Double.POSITIVE_INFINITY),
      false,
      Activation.EXP,
      "ℓ = Σ_j (a_j − y_j log a_j)",
      "1 − y / a"),
  /**
   * {@code ℓ = −Σ_j [((1 + y_j)/2) log((1 + a_j)/2) + ((1 − y_j)/2) log((1 − a_j)/2)]}, the
   * Bernoulli likelihood on {@code (1 + y)/2}; targets in [−1, 1]; canonical with {@link
   * Activation#TANH}.
   */
  BIPOLAR_CROSS_ENTROPY(
      "bipolar-cross-entropy",
      Interval.open(-1, 1),
      Interval.closed(-1, 1),
      false,
      Activation.TANH,
      "ℓ = −Σ_j [((1 + y_j)/2) log((1 + a_j)/2) + ((1 − y_j)/2) log((1 − a_j)/2)]",
      "(a − y) / (1 − a²)");

  /** How far a cross-entropy target row's sum may be from 1: {@code |Σ_j y_j − 1| ≤ 1e-9}. */
  public static final double SIMPLEX_TOLERANCE = 1e-9;

  private final String id;
  private final Interval predictionDomain;
  private final Interval targetDomain;
  private final boolean targetRowsOnSimplex;
  private final Activation canonicalActivation;
  private final String formula;
  private final String gradientFormula;

  Loss(
      String id,
      Interval predictionDomain,
      Interval targetDomain,
      boolean targetRowsOnSimplex,
      Activation canonicalActivation,
      String formula,
      String gradientFormula) {
    this.id = id;
    this.predictionDomain = predictionDomain;
    this.targetDomain = targetDomain;
    this.targetRowsOnSimplex = targetRowsOnSimplex;
    this.canonicalActivation = canonicalActivation;
    this.formula = formula;
    this.gradientFormula = gradientFormula;
  }

  /** The kebab-case name used by the command line, logs and reports, e.g. {@code "poisson"}. */
  public String id() {
    return id;
  }

  /** Where the predictions {@code a} must lie for the loss to be finite. */
  public Interval predictionDomain() {
    return predictionDomain;
  }

  /** Where each target {@code y_ij} must lie. */
  public Interval targetDomain() {
    return targetDomain;
  }

  /** Whether each row of targets must also sum to 1 (cross-entropy). */
  public boolean targetRowsOnSimplex() {
    return targetRowsOnSimplex;
  }

  /** The activation that is this loss's canonical link: with it, {@code δ = a − y}. */
  public Activation canonicalActivation() {
    return canonicalActivation;
  }

  /** The per-example loss, for example {@code "ℓ = −Σ_j y_j log a_j"}. */
  public String formula() {
    return formula;
  }

  /** The per-output gradient {@code ∂ℓ/∂a_j}, for example {@code "−y / a"}. */
  public String gradientFormula() {
    return gradientFormula;
  }

  /** The rule on targets in words, for error messages and explanations. */
  public String targetRule() {
    String rule = "targets must lie in " + targetDomain;
    return targetRowsOnSimplex
        ? rule + " and each row must sum to 1 (within " + SIMPLEX_TOLERANCE + ")"
        : rule;
  }

  /**
   * The loss with this kebab-case name.
   *
   * @throws IllegalArgumentException naming the known losses if there is none
   */
  public static Loss fromId(String id) {
    Objects.requireNonNull(id, "id");
    for (Loss loss : values()) {
      if (loss.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return loss;
      }
    }
    throw new IllegalArgumentException(
        "Unknown loss '" + id + "'; the losses are: "
            + Arrays.stream(values()).map(Loss::id).collect(Collectors.joining(", ")));
  }
}

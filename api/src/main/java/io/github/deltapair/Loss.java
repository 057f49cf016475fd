package io.github.deltapair;

import io.github.deltapair.builtin.BinaryCrossEntropyLoss;
import io.github.deltapair.builtin.BipolarCrossEntropyLoss;
import io.github.deltapair.builtin.CrossEntropyLoss;
import io.github.deltapair.builtin.FocalLoss;
import io.github.deltapair.builtin.HuberLoss;
import io.github.deltapair.builtin.KlDivergenceLoss;
import io.github.deltapair.builtin.PoissonLoss;
import io.github.deltapair.builtin.SquaredErrorLoss;
import java.util.Map;
import java.util.Optional;

/**
 * A loss {@code ℓ(a, y)}: a definition that carries its own math. The per-example loss is the sum
 * of {@link #value per-output terms} over the {@code n} outputs of a row; constants that do not
 * depend on {@code z} are dropped.
 *
 * <p>A loss states its prediction and target domains (including the row constraint of
 * cross-entropy), its value and gradient {@code ∂ℓ/∂a}, its canonical activation if it has one,
 * and optionally a {@link LogitsForm} per activation. A loss that exists only from the logits (a
 * Fenchel–Young loss such as sparsemax's) says so with {@link #isDefinedOnPredictions()} and pairs
 * with its canonical activation only. A parameterised loss is named with its parameters, e.g.
 * {@code huber(delta=1.5)}; {@link #name()} parses back to an equal loss. Losses are immutable;
 * equal losses have equal names.
 *
 * <p>The catalog is open: the built-ins are the constants and factories below, and third parties
 * add their own through {@link io.github.deltapair.spi.CatalogProvider}.
 */
public interface Loss {

  /** How far a target row's sum may be from 1 where rows must lie on the simplex: {@code 1e-9}. */
  double SIMPLEX_TOLERANCE = 1e-9;

  /**
   * {@link #SIMPLEX_TOLERANCE} for float32 targets, {@code 1e-6}: rounding each entry of a row on
   * the simplex to float32 moves its sum by up to {@code 2^−24 ≈ 6e-8}, and float32 code that
   * normalises a row leaves a few ulps more.
   */
  double FLOAT32_SIMPLEX_TOLERANCE = 1e-6;

  /** How far a target row's sum may be from 1 in {@code precision}. */
  static double simplexTolerance(Precision precision) {
    return precision == Precision.FLOAT64 ? SIMPLEX_TOLERANCE : FLOAT32_SIMPLEX_TOLERANCE;
  }

  /** {@code ℓ = ½ Σ_j (a_j − y_j)²}; any real targets; canonical with {@link Activation#IDENTITY}. */
  Loss SQUARED_ERROR = SquaredErrorLoss.INSTANCE;
  /** {@code ℓ = −Σ_j [y_j log a_j + (1 − y_j) log(1 − a_j)]}; {@code y ∈ [0, 1]}; canonical with sigmoid. */
  Loss BINARY_CROSS_ENTROPY = BinaryCrossEntropyLoss.INSTANCE;
  /** {@code ℓ = −Σ_j y_j log a_j}; target rows on the simplex; canonical with softmax. */
  Loss CROSS_ENTROPY = CrossEntropyLoss.INSTANCE;
  /** {@code ℓ = Σ_j (a_j − y_j log a_j)}; {@code y ≥ 0}; canonical with exp. */
  Loss POISSON = PoissonLoss.INSTANCE;
  /** The Bernoulli likelihood on {@code (1 + y)/2}; {@code y ∈ [−1, 1]}; canonical with tanh. */
  Loss BIPOLAR_CROSS_ENTROPY = BipolarCrossEntropyLoss.INSTANCE;
  /** {@code huber(delta=1.0)}: see {@link #huber(double)}. */
  Loss HUBER = HuberLoss.DEFAULT;
  /** {@code focal(gamma=2.0)} without alpha: see {@link #focal(double, double)}. */
  Loss FOCAL = FocalLoss.DEFAULT;
  /** {@code ℓ = Σ_j y_j (log y_j − log a_j)}, {@code 0·log 0 = 0}; target rows on the simplex; canonical with softmax. */
  Loss KL_DIVERGENCE = KlDivergenceLoss.INSTANCE;

  /**
   * The Huber loss {@code ½r²} for {@code |r| ≤ d}, else {@code d(|r| − ½d)}, with {@code r = a −
   * y}; no canonical activation (with identity {@code δ = clip(a − y, −d, d)}).
   *
   * @throws IllegalArgumentException unless {@code delta} is finite and positive
   */
  static Loss huber(double delta) {
    return new HuberLoss(delta);
  }

  /**
   * The focal loss {@code (1 − p_t)^γ · BCE(a, y)} with {@code p_t = a y + (1 − a)(1 − y)},
   * sigmoid only; {@code focal(0)} equals binary cross-entropy.
   *
   * @throws IllegalArgumentException unless {@code gamma} is finite and {@code ≥ 0}
   */
  static Loss focal(double gamma) {
    return FocalLoss.of(gamma);
  }

  /**
   * The focal loss weighted by {@code α_t = α y + (1 − α)(1 − y)}.
   *
   * @throws IllegalArgumentException unless {@code gamma ≥ 0} and {@code alpha ∈ [0, 1]}
   */
  static Loss focal(double gamma, double alpha) {
    return FocalLoss.of(gamma, alpha);
  }

  /** The loss's family name, unique in the catalog, e.g. {@code "huber"}. */
  String id();

  /** The parameter values, in the order the name writes them; empty for unparameterised losses. */
  default Map<String, Double> parameters() {
    return Map.of();
  }

  /**
   * This loss with the named parameters changed (the others keep their defaults), as parsed from
   * {@code id(name=value, …)}.
   *
   * @throws IllegalArgumentException naming the parameter if it is unknown or out of range
   */
  default Loss withParameters(Map<String, Double> values) {
    if (!values.isEmpty()) {
      throw new IllegalArgumentException(
          "parameter '" + values.keySet().iterator().next() + "': " + id()
              + " takes no parameters");
    }
    return this;
  }

  /** The canonical spelling: the id, then the parameters if any, e.g. {@code huber(delta=1.5)}. */
  default String name() {
    return LossNames.format(id(), parameters());
  }

  /** Where the predictions {@code a} must lie for the loss to be finite. */
  Interval predictionDomain();

  /** Where each target {@code y_ij} must lie. */
  Interval targetDomain();

  /** Whether each row of targets must also sum to 1 within {@link #SIMPLEX_TOLERANCE}. */
  default boolean targetRowsOnSimplex() {
    return false;
  }

  /** The activation that is this loss's canonical link ({@code δ = a − y}), if it has one. */
  default Optional<Activation> canonicalActivation() {
    return Optional.empty();
  }

  /** The per-example loss as a formula, for example {@code "ℓ = −Σ_j y_j log a_j"}. */
  String formula();

  /** The per-output gradient {@code ∂ℓ/∂a_j} as a formula, for example {@code "−y / a"}. */
  String gradientFormula();

  /**
   * One output's term {@code ℓ(a, y)}, in float64, for {@code a} in the prediction domain.
   *
   * @throws UnsupportedOperationException if the loss is not defined on predictions
   */
  double value(double a, double y);

  /**
   * One output's gradient {@code ∂ℓ/∂a}, in float64, for {@code a} in the prediction domain.
   *
   * @throws UnsupportedOperationException if the loss is not defined on predictions
   */
  double gradient(double a, double y);

  /**
   * Whether {@link #value} and {@link #gradient} exist; false for a loss defined only from the
   * logits, which then pairs only with its canonical activation through its {@link #logitsForm}.
   */
  default boolean isDefinedOnPredictions() {
    return true;
  }

  /** The stable loss-and-delta from the logits for activation {@code f}, if this loss has one. */
  default Optional<LogitsForm> logitsForm(Activation f) {
    return Optional.empty();
  }

  /**
   * Why {@code f} cannot be paired with this loss, or empty if it can. By default a pair fits when
   * {@code f}'s range lies inside the prediction domain (and, for a loss not defined on
   * predictions, only with its canonical activation).
   */
  default Optional<String> misfit(Activation f) {
    if (!isDefinedOnPredictions()) {
      return canonicalActivation().filter(f::equals).isPresent()
          ? Optional.empty()
          : Optional.of(name() + " is defined only from the logits of its canonical activation "
              + canonicalActivation().map(Activation::id).orElse("(none)"));
    }
    if (predictionDomain().encloses(f.range())) {
      return Optional.empty();
    }
    return Optional.of(f.id() + " produces values in " + f.range() + " but " + name()
        + " needs predictions in " + predictionDomain()
        + (predictionDomain().lower() == 0 && f.range().contains(0) ? " (its log is −∞ at a = 0)"
            : ""));
  }

  /**
   * Why {@code ∂ℓ/∂a} and the canonical activation's derivative cancel to {@code a − y}, in a
   * sentence for {@link Pair#explanation()}.
   */
  default String cancellation() {
    return "the loss is the negative log-likelihood whose natural parameter is z, so ∂ℓ/∂z = a − y";
  }

  /**
   * Whether this loss takes {@code option} (docs/contract.md §2b). By default: {@link
   * LossOption#LABELS} and {@link LossOption#IGNORE_INDEX} when target rows lie on the simplex;
   * {@link LossOption#EXAMPLE_WEIGHTS} and {@link LossOption#MASK} always; {@link
   * LossOption#CLASS_WEIGHTS} when the loss is defined on predictions or its logits forms
   * implement {@link LogitsForm#weightedRow}; {@link LossOption#POS_WEIGHT} and {@link
   * LossOption#LABEL_SMOOTHING} never. A loss that supports pos_weight is a Bernoulli likelihood:
   * its pos-weighted term is {@code c·ℓ(a, p y / c)} with {@code c = 1 + (p − 1) y}.
   */
  default boolean supports(LossOption option) {
    return switch (option) {
      case LABELS, IGNORE_INDEX -> targetRowsOnSimplex();
      case EXAMPLE_WEIGHTS, MASK -> true;
      case CLASS_WEIGHTS -> isDefinedOnPredictions();
      case POS_WEIGHT, LABEL_SMOOTHING -> false;
    };
  }

  /**
   * The smoothed target {@code y' = (1 − ε) y + ε / K} of one output of a row of {@code n}, for a
   * loss that {@link #supports supports} {@link LossOption#LABEL_SMOOTHING}.
   *
   * @throws UnsupportedOperationException for a loss that takes no smoothing
   */
  default double smoothedTarget(double y, double epsilon, int n) {
    throw new UnsupportedOperationException(name() + " does not support label_smoothing");
  }

  /** The rule on targets in words, for error messages and explanations. */
  default String targetRule() {
    String rule = "targets must lie in " + targetDomain();
    return targetRowsOnSimplex()
        ? rule + " and each row must sum to 1 (within " + SIMPLEX_TOLERANCE + ")"
        : rule;
  }

  /**
   * The loss of the catalog with this name (built-in or discovered), with parameters if given:
   * {@code "poisson"}, {@code "huber(delta=1.5)"}, {@code "focal(gamma=2.0, alpha=0.25)"}.
   *
   * @throws IllegalArgumentException for an unknown loss, an unknown or out-of-range parameter, or
   *     a malformed name, naming what is wrong
   */
  static Loss fromId(String name) {
    return Catalog.discovered().loss(name);
  }
}

package io.github.deltapair;

import java.util.Locale;
import java.util.Objects;

/**
 * How per-example losses {@code ℓ_i} combine into {@code J} (docs/contract.md §2). The delta is always
 * {@code ∂J/∂z} for the chosen reduction.
 */
public enum Reduction {
  /** {@code J = Σ_i ℓ_i}; row {@code i} of the delta is the per-example {@code δ_i = ∂ℓ_i/∂z_i}. */
  SUM("sum"),
  /** {@code J = (1/m) Σ_i ℓ_i}, the mean over examples (never over outputs); delta divided by m. */
  MEAN("mean"),
  /**
   * {@code J = Σ_i ℓ_i / Σ_i W_i} with {@code W_i} the weight of example {@code i} ({@link
   * Options#rowWeight}): PyTorch's weighted {@code mean} for class-index targets. When {@code Σ W =
   * 0}, {@code J = 0} and {@code δ = 0}, never NaN.
   */
  MEAN_BY_WEIGHT("mean-by-weight"),
  /**
   * The per-example losses are the result ({@link LossResult#exampleLosses()}); {@code J} is their
   * sum and the delta that of {@link #SUM}.
   */
  NONE("none");

  private final String id;

  Reduction(String id) {
    this.id = id;
  }

  /** The lower-case name used by the command line: {@code "sum"}, {@code "mean"}, {@code "mean-by-weight"}, {@code "none"}. */
  public String id() {
    return id;
  }

  /**
   * The factor applied to {@code Σ_i ℓ_i} and to every per-example delta without options: 1, or
   * {@code 1/m} for {@link #MEAN}.
   *
   * @throws IllegalStateException for {@link #MEAN_BY_WEIGHT}, whose factor depends on the
   *     weights: use {@link #scale(Targets, Options)}
   */
  public double scale(int rows) {
    return switch (this) {
      case SUM, NONE -> 1.0;
      case MEAN -> 1.0 / rows;
      case MEAN_BY_WEIGHT -> throw new IllegalStateException(
          "mean-by-weight divides by the total weight Σ W, not by the row count:"
              + " use scale(Targets, Options)");
    };
  }

  /**
   * The factor applied to {@code Σ_i ℓ_i} and to every per-example delta: 1 for {@link #SUM} and
   * {@link #NONE}, {@code 1/m} for {@link #MEAN}, {@code 1/Σ W} for {@link #MEAN_BY_WEIGHT} (0
   * when {@code Σ W = 0}, so that {@code J = 0} and {@code δ = 0}).
   */
  public double scale(Targets targets, Options options) {
    if (this != MEAN_BY_WEIGHT) {
      return scale(targets.rows());
    }
    double total = options.totalWeight(targets);
    return total == 0.0 ? 0.0 : 1.0 / total;
  }

  /**
   * The reduction with this name ({@link #id()}, any case).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Reduction fromId(String id) {
    Objects.requireNonNull(id, "id");
    return switch (id.trim().toLowerCase(Locale.ROOT)) {
      case "sum" -> SUM;
      case "mean" -> MEAN;
      case "mean-by-weight" -> MEAN_BY_WEIGHT;
      case "none" -> NONE;
      default -> throw new IllegalArgumentException(
          "Unknown reduction '" + id + "'; the reductions are: sum, mean, mean-by-weight, none");
    };
  }
}

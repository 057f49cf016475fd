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
  MEAN("mean");

  private final String id;

  Reduction(String id) {
    this.id = id;
  }

  /** The lower-case name used by the command line, {@code "sum"} or {@code "mean"}. */
  public String id() {
    return id;
  }

  /** The factor applied to {@code Σ_i ℓ_i} and to every per-example delta: 1, or {@code 1/m}. */
  public double scale(int rows) {
    return this == SUM ? 1.0 : 1.0 / rows;
  }

  /**
   * The reduction with this name ({@code "sum"} or {@code "mean"}, any case).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Reduction fromId(String id) {
    Objects.requireNonNull(id, "id");
    return switch (id.trim().toLowerCase(Locale.ROOT)) {
      case "sum" -> SUM;
      case "mean" -> MEAN;
      default -> throw new IllegalArgumentException(
          "Unknown reduction '" + id + "'; the reductions are: sum, mean");
    };
  }
}

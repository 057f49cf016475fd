package io.github.deltapair.reference;

import io.github.deltapair.GradientCheck;
import io.github.deltapair.Precision;

/**
 * The tolerances the conformance kit ({@code BackendCompatibilityKit}) and the command-line tool's
 * {@code compare} apply; every comparison in either goes through one of these, so no test carries
 * its own literal. There is one set per {@link io.github.deltapair.Precision} ({@link
 * #defaults(Precision)}).
 *
 * @param delta relative tolerance on a delta (and activation) element: {@code |actual − expected|
 *     ≤ delta·max(1, |expected|)} (C1, C2, C3, C6, C9)
 * @param loss relative tolerance on a loss value: {@code |actual − expected| ≤ loss·max(1,
 *     |expected|)} (C2, C5, C6)
 * @param finiteDifferenceStep relative step {@code ε} of the central differences (C4), in (0, 0.1]
 * @param finiteDifferenceRelative the largest relative error between delta and central difference
 *     that passes (C4)
 * @param finiteDifferenceAbsolute differences below this always pass (C4)
 */
public record Tolerances(
    double delta,
    double loss,
    double finiteDifferenceStep,
    double finiteDifferenceRelative,
    double finiteDifferenceAbsolute) {

  /**
   * The contract's tolerances (the contract, §5): delta {@code 1e-12}, loss {@code 1e-10}, finite
   * differences with step {@code 1e-6}, relative error {@code 1e-5} and absolute floor {@code
   * 1e-8}.
   */
  public static final Tolerances DEFAULTS = new Tolerances(1e-12, 1e-10, 1e-6, 1e-5, 1e-8);

  /**
   * The contract's tolerances for float32 batches (its §2c), against the float64 oracle on the
   * widened float32 inputs: delta and loss {@code 1e-6} relative to {@code max(1, |expected|)};
   * finite differences (of the float64 oracle's loss, which the kit uses for float32: a float32
   * loss is too coarse to difference) with step {@code 1e-6}, relative error {@code 1e-5} and an
   * absolute floor of {@code 1e-6}, the delta tolerance itself, since a float32 delta may be that
   * far from the true gradient.
   */
  public static final Tolerances FLOAT32 = new Tolerances(1e-6, 1e-6, 1e-6, 1e-5, 1e-6);

  /** The contract's tolerances for batches of {@code precision}: {@link #DEFAULTS} or {@link #FLOAT32}. */
  public static Tolerances defaults(Precision precision) {
    return precision == Precision.FLOAT64 ? DEFAULTS : FLOAT32;
  }

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a tolerance is not a positive finite number (the absolute
   *     floor may be 0), or the step is outside (0, 0.1]
   */
  public Tolerances {
    requirePositive("delta", delta);
    requirePositive("loss", loss);
    requirePositive("finiteDifferenceStep", finiteDifferenceStep);
    requirePositive("finiteDifferenceRelative", finiteDifferenceRelative);
    if (!(finiteDifferenceAbsolute >= 0 && Double.isFinite(finiteDifferenceAbsolute))) {
      throw new IllegalArgumentException(
          "finiteDifferenceAbsolute = " + finiteDifferenceAbsolute + ": it must be finite and ≥ 0");
    }
    if (finiteDifferenceStep > 0.1) {
      throw new IllegalArgumentException(
          "finiteDifferenceStep = " + finiteDifferenceStep + ": it must lie in (0, 0.1]");
    }
  }

  /** The largest difference allowed from an expected delta element: {@code delta·max(1, |e|)}. */
  public double deltaBound(double expected) {
    return delta * Math.max(1.0, Math.abs(expected));
  }

  /** The largest difference allowed from an expected loss value: {@code loss·max(1, |e|)}. */
  public double lossBound(double expected) {
    return loss * Math.max(1.0, Math.abs(expected));
  }

  /**
   * The error the bounds scale: {@code actual} agrees with {@code expected} within tolerance
   * {@code t} when {@code scaledError(actual, expected) ≤ t}, the rule of {@link
   * #deltaBound(double)} and {@link #lossBound(double)}.
   *
   * @param actual the value computed
   * @param expected the value it should be
   * @return {@code |actual − expected| / max(1, |expected|)}, or +∞ if that is NaN (never agrees)
   */
  public static double scaledError(double actual, double expected) {
    double error = Math.abs(actual - expected) / Math.max(1.0, Math.abs(expected));
    return Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
  }

  /** The finite-difference settings as the api's {@link GradientCheck.Options}. */
  public GradientCheck.Options gradientCheck() {
    return new GradientCheck.Options(
        finiteDifferenceStep, finiteDifferenceRelative, finiteDifferenceAbsolute);
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(
          name + " = " + value + ": a tolerance must be a positive finite number");
    }
  }
}

package io.github.deltapair.cli.compare;

/**
 * When two results agree: the conformance kit's rule (DESIGN §5, C1 and C5), {@code |actual −
 * expected| ≤ tolerance · max(1, |expected|)} for each δ element and for the loss.
 *
 * @param delta the tolerance on δ elements
 * @param loss the tolerance on the loss value
 */
public record CompareTolerances(double delta, double loss) {

  /** The kit's: δ {@code 1e-12}, loss {@code 1e-10} ({@code conformance.Tolerances.DEFAULTS}). */
  public static final CompareTolerances CONFORMANCE =
      new CompareTolerances(
          io.github.deltapair.conformance.Tolerances.DEFAULTS.delta(),
          io.github.deltapair.conformance.Tolerances.DEFAULTS.loss());

  /**
   * The error {@code |actual − expected| / max(1, |expected|)}: the values agree when it is at most
   * the tolerance. NaN anywhere gives +∞, which never agrees.
   */
  public static double scaledError(double actual, double expected) {
    double error = Math.abs(actual - expected) / Math.max(1.0, Math.abs(expected));
    return Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
  }
}

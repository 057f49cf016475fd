package io.github.deltapair;

import java.util.Objects;

/**
 * Checks a backend's delta against central finite differences of the same backend's loss value,
 * in float64, element by element.
 *
 * <p>For each element the numeric gradient is {@code (J(z + h) − J(z − h)) / 2h} with {@code h =
 * ε·max(1, |z_ij|)}. The element passes when {@code |analytic − numeric| < minAbsoluteError}, or
 * when the relative error {@code |analytic − numeric| / (|analytic| + |numeric|)} is at most
 * {@code maxRelativeError}. Costs two loss evaluations per element: use small batches.
 */
public final class GradientCheck {

  private GradientCheck() {}

  /**
   * Step and tolerances.
   *
   * @param epsilon relative step {@code ε}, in (0, 0.1]
   * @param maxRelativeError the largest relative error that passes
   * @param minAbsoluteError absolute differences below this always pass
   */
  public record Options(double epsilon, double maxRelativeError, double minAbsoluteError) {

    /** {@code ε = 1e-6}, relative error ≤ 1e-5, absolute floor 1e-8. */
    public static final Options DEFAULTS = new Options(1e-6, 1e-5, 1e-8);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Options {
      if (!(epsilon > 0 && epsilon <= 0.1)) {
        throw new IllegalArgumentException("epsilon = " + epsilon + ": it must lie in (0, 0.1]");
      }
      if (!(maxRelativeError > 0) || !(minAbsoluteError >= 0)) {
        throw new IllegalArgumentException(
            "maxRelativeError = " + maxRelativeError + ", minAbsoluteError = " + minAbsoluteError
                + ": the first must be positive and the second non-negative");
      }
    }
  }

  /**
   * The outcome of one check.
   *
   * @param passed whether every element passed
   * @param checked how many elements were checked
   * @param maxRelativeError the largest relative error among elements above the absolute floor
   *     (0 if none)
   * @param worstRow row of that element (−1 if none)
   * @param worstColumn column of that element (−1 if none)
   * @param analytic the backend's delta there (NaN if none)
   * @param numeric the central difference there (NaN if none)
   */
  public record Result(
      boolean passed,
      int checked,
      double maxRelativeError,
      int worstRow,
      int worstColumn,
      double analytic,
      double numeric) {}

  /** {@link #run(Evaluator, Pair, Batch, Batch, Reduction, Options)} with {@link Options#DEFAULTS}. */
  public static Result run(Evaluator backend, Pair pair, Batch z, Batch y, Reduction reduction) {
    return run(backend, pair, z, y, reduction, Options.DEFAULTS);
  }

  /**
   * Compares {@code backend}'s delta with central differences of its own loss. Does not modify
   * {@code z} or {@code y}.
   *
   * @throws IllegalArgumentException if the backend rejects the inputs (or a perturbed copy)
   */
  public static Result run(
      Evaluator backend, Pair pair, Batch z, Batch y, Reduction reduction, Options options) {
    Objects.requireNonNull(backend, "evaluator");
    Objects.requireNonNull(options, "options");
    Batch delta = backend.evaluate(pair, z, y, reduction).delta();
    Batch probe = z.copy();
    Batch scratch = Batch.zeros(z.rows(), z.cols());
    double[] p = probe.array();
    double worstError = 0.0;
    int worst = -1;
    double worstNumeric = Double.NaN;
    boolean passed = true;
    for (int k = 0; k < p.length; k++) {
      double original = p[k];
      double step = options.epsilon() * Math.max(1.0, Math.abs(original));
      p[k] = original + step;
      double up = backend.evaluate(pair, probe, y, reduction, scratch);
      double upStep = p[k] - original;
      p[k] = original - step;
      double down = backend.evaluate(pair, probe, y, reduction, scratch);
      double downStep = original - p[k];
      p[k] = original;
      // numeric ∂J/∂z_k = (J(z + h) − J(z − h)) / (h₊ + h₋), with the steps as actually represented
      double numeric = (up - down) / (upStep + downStep);
      double analytic = delta.array()[k];
      double difference = Math.abs(analytic - numeric);
      if (difference < options.minAbsoluteError()) {
        continue;
      }
      double relative = difference / (Math.abs(analytic) + Math.abs(numeric));
      if (relative > options.maxRelativeError()) {
        passed = false;
      }
      if (relative > worstError || worst < 0) {
        worstError = relative;
        worst = k;
        worstNumeric = numeric;
      }
    }
    int n = z.cols();
    return worst < 0
        ? new Result(passed, p.length, 0.0, -1, -1, Double.NaN, Double.NaN)
        : new Result(passed, p.length, worstError, worst / n, worst % n, delta.array()[worst],
            worstNumeric);
  }
}

package io.github.deltapair.nativebackend;

import io.github.deltapair.Loss;

/** Whether a row of targets sums to 1 (the simplex rule), decided exactly as {@code Validation} does. */
final class Simplex {

  private Simplex() {}

  /**
   * Whether {@code |Σ_j y_j − 1| ≤ Loss.SIMPLEX_TOLERANCE} for the row at {@code base}, given
   * {@code fastSum}, the row's sum added in any order. Only a sum within rounding of the bound is
   * added again, left to right like {@code Validation}, so the verdict always matches it.
   */
  static boolean holds(double[] y, int base, int cols, double fastSum) {
    if (decided(fastSum, 4.0 * cols * Math.ulp(1.0), Loss.SIMPLEX_TOLERANCE)) {
      return within(fastSum, Loss.SIMPLEX_TOLERANCE);
    }
    double sum = 0.0;
    for (int j = base; j < base + cols; j++) {
      sum += y[j];
    }
    return within(sum, Loss.SIMPLEX_TOLERANCE);
  }

  /**
   * The same for a float32 row, its values widened to double as {@code Validation} widens them,
   * given a {@code fastSum} within {@code error} of the row's exact sum.
   */
  static boolean holds(float[] y, int base, int cols, double fastSum, double error) {
    double tolerance = Loss.FLOAT32_SIMPLEX_TOLERANCE;
    // the left-to-right sum is within cols·2^−52 of the exact one too
    if (decided(fastSum, error + 4.0 * cols * Math.ulp(1.0), tolerance)) {
      return within(fastSum, tolerance);
    }
    double sum = 0.0;
    for (int j = base; j < base + cols; j++) {
      sum += y[j];
    }
    return within(sum, tolerance);
  }

  /**
   * Whether a sum within {@code slack} of the exact one (reordering n terms near 1 moves a float64
   * sum by less than n·2^−52) is clear of the bound {@code tolerance}.
   */
  private static boolean decided(double fastSum, double slack, double tolerance) {
    double distance = Math.abs(fastSum - 1.0);
    return distance <= tolerance - slack || distance > tolerance + slack;
  }

  private static boolean within(double sum, double tolerance) {
    return Math.abs(sum - 1.0) <= tolerance;
  }
}

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
    // reordering a sum of n terms near 1 moves it by less than n·2^−52
    double slack = 4.0 * cols * Math.ulp(1.0);
    double distance = Math.abs(fastSum - 1.0);
    if (distance <= Loss.SIMPLEX_TOLERANCE - slack) {
      return true;
    }
    if (distance > Loss.SIMPLEX_TOLERANCE + slack) {
      return false;
    }
    double sum = 0.0;
    for (int j = base; j < base + cols; j++) {
      sum += y[j];
    }
    return Math.abs(sum - 1.0) <= Loss.SIMPLEX_TOLERANCE;
  }
}

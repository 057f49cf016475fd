package io.github.deltapair.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.deltapair.Batch;
import java.util.function.DoubleUnaryOperator;

/** Element-wise comparisons that name the worst element when they fail. */
final class Agreement {

  private Agreement() {}

  /**
   * Fails unless {@code actual} has {@code expected}'s shape and {@code |actual − expected| ≤
   * bound(expected)} in every element (NaN never agrees).
   */
  static void assertBatchesAgree(
      String what, Batch actual, Batch expected, DoubleUnaryOperator bound, String context) {
    assertThat(actual.shape()).as("%s: shape of %s", context, what).isEqualTo(expected.shape());
    double[] a = actual.array();
    double[] e = expected.array();
    int worst = -1;
    double worstExcess = 0.0;
    for (int k = 0; k < a.length; k++) {
      double difference = Math.abs(a[k] - e[k]);
      double allowed = bound.applyAsDouble(e[k]);
      if (!(difference <= allowed)) {
        double excess = Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference / allowed;
        if (worst < 0 || excess > worstExcess) {
          worst = k;
          worstExcess = excess;
        }
      }
    }
    if (worst >= 0) {
      int n = expected.cols();
      fail("%s: %s at row %d, column %d is %s but should be %s (difference %s, allowed %s)",
          context, what, worst / n, worst % n, a[worst], e[worst], Math.abs(a[worst] - e[worst]),
          bound.applyAsDouble(e[worst]));
    }
  }

  /** Fails unless {@code actual} is finite and {@code |actual − expected| ≤ allowed}. */
  static void assertValuesAgree(
      String what, double actual, double expected, double allowed, String context) {
    if (!Double.isFinite(actual) || !(Math.abs(actual - expected) <= allowed)) {
      fail("%s: %s is %s but should be %s (difference %s, allowed %s)",
          context, what, actual, expected, Math.abs(actual - expected), allowed);
    }
  }

  /** Fails unless both batches hold the same bits. */
  static void assertSameBits(String what, Batch actual, Batch expected, String context) {
    if (!actual.sameBits(expected)) {
      double[] a = actual.array();
      double[] e = expected.array();
      int n = expected.cols();
      for (int k = 0; k < Math.min(a.length, e.length); k++) {
        if (Double.doubleToRawLongBits(a[k]) != Double.doubleToRawLongBits(e[k])) {
          fail("%s: %s changed at row %d, column %d: %s became %s",
              context, what, k / n, k % n, e[k], a[k]);
        }
      }
      fail("%s: %s is %s but should be %s", context, what, actual.shape(), expected.shape());
    }
  }
}

package io.github.deltapair.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.deltapair.Batch;
import java.util.function.DoubleUnaryOperator;

/**
 * Element-wise comparisons that name the worst element when they fail. Batches of either
 * precision are read widened to doubles ({@link Batch#at}).
 */
final class Agreement {

  private Agreement() {}

  /**
   * Fails unless {@code actual} has {@code expected}'s shape and {@code |actual − expected| ≤
   * bound(expected)} in every element (NaN never agrees).
   */
  static void assertBatchesAgree(
      String what, Batch actual, Batch expected, DoubleUnaryOperator bound, String context) {
    assertThat(actual.shape()).as("%s: shape of %s", context, what).isEqualTo(expected.shape());
    int worst = -1;
    double worstExcess = 0.0;
    for (int k = 0; k < actual.size(); k++) {
      double difference = Math.abs(actual.at(k) - expected.at(k));
      double allowed = bound.applyAsDouble(expected.at(k));
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
      double a = actual.at(worst);
      double e = expected.at(worst);
      fail("%s: %s at row %d, column %d is %s but should be %s (difference %s, allowed %s)",
          context, what, worst / n, worst % n, a, e, Math.abs(a - e), bound.applyAsDouble(e));
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

  /** Fails unless both batches have the same precision and shape and hold the same bits. */
  static void assertSameBits(String what, Batch actual, Batch expected, String context) {
    if (actual.sameBits(expected)) {
      return;
    }
    if (actual.precision() != expected.precision()) {
      fail("%s: %s is %s but should be %s", context, what, actual.precision(), expected.precision());
    }
    int n = expected.cols();
    for (int k = 0; k < Math.min(actual.size(), expected.size()); k++) {
      if (Double.doubleToRawLongBits(actual.at(k)) != Double.doubleToRawLongBits(expected.at(k))) {
        fail("%s: %s changed at row %d, column %d: %s became %s",
            context, what, k / n, k % n, expected.at(k), actual.at(k));
      }
    }
    fail("%s: %s is %s but should be %s", context, what, actual.shape(), expected.shape());
  }
}

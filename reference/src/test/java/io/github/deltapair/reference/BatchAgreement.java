package io.github.deltapair.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.deltapair.Batch;
import java.util.function.DoubleUnaryOperator;

/** The oracle's tests' element-wise comparison, naming the worst element when it fails. */
final class BatchAgreement {

  private BatchAgreement() {}

  /** Fails unless the shapes match and {@code |actual − expected| ≤ bound(expected)} everywhere (NaN never agrees). */
  static void assertBatchesAgree(
      String what, Batch actual, Batch expected, DoubleUnaryOperator bound, String context) {
    assertThat(actual.shape()).as("%s: shape of %s", context, what).isEqualTo(expected.shape());
    double[] a = actual.array();
    double[] e = expected.array();
    for (int k = 0; k < a.length; k++) {
      double allowed = bound.applyAsDouble(e[k]);
      if (!(Math.abs(a[k] - e[k]) <= allowed)) {
        fail("%s: %s at row %d, column %d is %s but should be %s (allowed %s)",
            context, what, k / expected.cols(), k % expected.cols(), a[k], e[k], allowed);
      }
    }
  }
}

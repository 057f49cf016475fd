package io.github.deltapair.nativebackend;

/**
 * A running sum with Neumaier's compensation: the rounding error of every addition is carried in
 * a second term, so the result is as if summed in about twice the precision (independent of the
 * number of terms, and of cancellation between them). One instance per kernel call; not shared.
 */
final class NeumaierSum {

  private double sum;
  private double compensation;

  /** Adds {@code x}, keeping the low-order bits the addition loses. */
  void add(double x) {
    double t = sum + x;
    // the bits of the smaller operand that did not fit into t
    if (Math.abs(sum) >= Math.abs(x)) {
      compensation += (sum - t) + x;
    } else {
      compensation += (x - t) + sum;
    }
    sum = t;
  }

  /**
   * {@code terms[0] + … + terms[count − 1]} added in that order exactly as by {@link #add}, in
   * locals: no instance to allocate where escape analysis gives up.
   */
  static double of(double[] terms, int count) {
    double sum = 0.0;
    double compensation = 0.0;
    for (int i = 0; i < count; i++) {
      double x = terms[i];
      double t = sum + x;
      compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
      sum = t;
    }
    return sum + compensation;
  }

  /** The compensated total. */
  double value() {
    return sum + compensation;
  }
}

package io.github.deltapair.nativebackend;

/**
 * A running sum with Neumaier's compensation: the rounding error of every addition is carried in
 * a second term, so the result is as if summed in about twice the precision (independent of the
 * number of terms, and of cancellation between them). One instance per kernel call; not shared.
 */
final class CompensatedSum {

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

  /** The compensated total. */
  double value() {
    return sum + compensation;
  }
}

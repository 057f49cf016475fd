package io.github.deltapair.reference;

/**
 * Neumaier's compensated sum: the rounding error of each addition is carried in a second term, so
 * the total of many values is accurate to about one rounding regardless of how many there are.
 * Mutable and not thread-safe; use one per sum.
 */
public final class CompensatedSum {

  private double sum;
  private double compensation;

  /** Adds {@code value}. */
  public CompensatedSum add(double value) {
    double t = sum + value;
    // whichever operand is larger in magnitude keeps its bits; recover what the other lost
    if (Math.abs(sum) >= Math.abs(value)) {
      compensation += (sum - t) + value;
    } else {
      compensation += (value - t) + sum;
    }
    sum = t;
    return this;
  }

  /** The sum of every value added so far. */
  public double value() {
    return sum + compensation;
  }

  /** The compensated sum of {@code values}. */
  public static double of(double... values) {
    CompensatedSum total = new CompensatedSum();
    for (double v : values) {
      total.add(v);
    }
    return total.value();
  }
}

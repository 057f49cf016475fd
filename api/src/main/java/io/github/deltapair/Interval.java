package io.github.deltapair;

/**
 * An interval of the real line, each end open or closed; infinite ends are always open.
 *
 * <p>Used for the range of an {@link Activation} and for the values of {@code a} a {@link Loss}
 * accepts. A pair fits when the activation's range lies inside the loss's domain.
 *
 * @param lower the lower end, possibly {@link Double#NEGATIVE_INFINITY}
 * @param lowerClosed whether {@code lower} itself belongs to the interval
 * @param upper the upper end, possibly {@link Double#POSITIVE_INFINITY}
 * @param upperClosed whether {@code upper} itself belongs to the interval
 */
public record Interval(double lower, boolean lowerClosed, double upper, boolean upperClosed) {

  /** The whole real line, {@code (−∞, ∞)}. */
  public static final Interval REAL = open(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

  /**
   * Checks the ends.
   *
   * @throws IllegalArgumentException if an end is NaN, {@code lower > upper}, or an infinite end
   *     is closed
   */
  public Interval {
    if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
      throw new IllegalArgumentException(
          "Interval ends must be ordered numbers, got lower=" + lower + ", upper=" + upper);
    }
    if ((lowerClosed && Double.isInfinite(lower)) || (upperClosed && Double.isInfinite(upper))) {
      throw new IllegalArgumentException("An infinite end of an Interval cannot be closed");
    }
  }

  /** The open interval {@code (lower, upper)}. */
  public static Interval open(double lower, double upper) {
    return new Interval(lower, false, upper, false);
  }

  /** The interval {@code [lower, upper)}. */
  public static Interval closedOpen(double lower, double upper) {
    return new Interval(lower, true, upper, false);
  }

  /** The closed interval {@code [lower, upper]}. */
  public static Interval closed(double lower, double upper) {
    return new Interval(lower, true, upper, true);
  }

  /** Whether {@code x} lies in this interval; false for NaN. */
  public boolean contains(double x) {
    boolean aboveLower = lowerClosed ? x >= lower : x > lower;
    boolean belowUpper = upperClosed ? x <= upper : x < upper;
    return aboveLower && belowUpper;
  }

  /** Whether every point of {@code other} lies in this interval. */
  public boolean encloses(Interval other) {
    boolean lowerOk =
        other.lower > lower || (other.lower == lower && (lowerClosed || !other.lowerClosed));
    boolean upperOk =
        other.upper < upper || (other.upper == upper && (upperClosed || !other.upperClosed));
    return lowerOk && upperOk;
  }

  /** Mathematical notation, for example {@code (0, 1)}, {@code [0, ∞)} or {@code ℝ}. */
  @Override
  public String toString() {
    if (this.equals(REAL)) {
      return "ℝ";
    }
    return (lowerClosed ? "[" : "(") + format(lower) + ", " + format(upper) + (upperClosed ? "]" : ")");
  }

  private static String format(double x) {
    if (x == Double.POSITIVE_INFINITY) {
      return "∞";
    }
    if (x == Double.NEGATIVE_INFINITY) {
      return "−∞";
    }
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}

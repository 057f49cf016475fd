package io.github.deltapair;

/**
 * The floating-point format of a {@link Batch}: {@code float64} ({@code double[]}) or {@code
 * float32} ({@code float[]}). A call's logits, dense targets and delta share one precision. float32
 * batches are computed in float32 or wider, their loss summed in float64, and their delta returned
 * in float32 (docs/contract.md §2c); a result outside float32's range is rejected as an overflow.
 */
public enum Precision {
  /** IEEE 754 binary64, Java's {@code double}. */
  FLOAT64("float64", "a double", Double.MAX_VALUE),
  /** IEEE 754 binary32, Java's {@code float}. */
  FLOAT32("float32", "a float32", Float.MAX_VALUE);

  private final String id;
  private final String noun;
  private final double largest;

  Precision(String id, String noun, double largest) {
    this.id = id;
    this.noun = noun;
    this.largest = largest;
  }

  /** The name used by the command line and reports: {@code "float64"} or {@code "float32"}. */
  public String id() {
    return id;
  }

  /** The largest finite value of this format. */
  public double largest() {
    return largest;
  }

  /** Whether {@code value} is finite and within this format's range once rounded to it. */
  public boolean holds(double value) {
    return this == FLOAT64 ? Double.isFinite(value) : Float.isFinite((float) value);
  }

  /**
   * {@code value} as a message shows it: the shortest double form for float64, the shortest float
   * form for float32 (a float32 input {@code 3e38f} reads {@code 3.0E38}, not its widening).
   */
  public String format(double value) {
    return this == FLOAT64 ? Double.toString(value) : Float.toString((float) value);
  }

  /** "a double" or "a float32", for messages. */
  String noun() {
    return noun;
  }

  /**
   * The precision named {@code id} ({@code "float64"} or {@code "float32"}).
   *
   * @throws IllegalArgumentException naming the accepted names for any other
   */
  public static Precision of(String id) {
    for (Precision p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "dtype \"" + id + "\" is not a precision: use \"float64\" or \"float32\"");
  }

  @Override
  public String toString() {
    return id;
  }
}

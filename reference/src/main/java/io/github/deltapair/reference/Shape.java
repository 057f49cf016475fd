package io.github.deltapair.reference;

/**
 * A batch shape {@code rows × cols}, used to name the kit's test cases.
 *
 * @param rows examples, at least 1
 * @param cols outputs per example, at least 1
 */
public record Shape(int rows, int cols) {

  /**
   * Checks the dimensions.
   *
   * @throws IllegalArgumentException if a dimension is below 1
   */
  public Shape {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("rows = " + rows + ", cols = " + cols + ": both must be ≥ 1");
    }
  }

  /** Same as {@code new Shape(rows, cols)}. */
  public static Shape of(int rows, int cols) {
    return new Shape(rows, cols);
  }

  /** {@code rows × cols} elements. */
  public int size() {
    return rows * cols;
  }

  /** For example {@code "7×3"}. */
  @Override
  public String toString() {
    return rows + "×" + cols;
  }
}

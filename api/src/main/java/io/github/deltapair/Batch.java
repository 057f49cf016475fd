package io.github.deltapair;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense {@code m × n} matrix of float64 or float32 values ({@link Precision}), stored row-major
 * in one {@code double[]} or {@code float[]}: row {@code i} holds the {@code n} outputs of example
 * {@code i}.
 *
 * <p>A batch is a view on its array: {@link #wrap(double[], int, int)} and {@link #wrap(float[],
 * int, int)} do not copy, and {@link #array()} / {@link #floatArray()} return the live array.
 * Backends never write to the batches they read; they write only to output batches the caller
 * hands them. Shapes are at least {@code 1 × 1}.
 */
public final class Batch implements Targets {

  // exactly one of the two is non-null
  private final double[] data;
  private final float[] floats;
  private final int rows;
  private final int cols;

  private Batch(double[] data, int rows, int cols) {
    this.data = data;
    this.floats = null;
    this.rows = rows;
    this.cols = cols;
  }

  private Batch(float[] floats, int rows, int cols) {
    this.data = null;
    this.floats = floats;
    this.rows = rows;
    this.cols = cols;
  }

  /**
   * A batch viewing {@code data} as {@code rows × cols}, row-major, without copying.
   *
   * @throws IllegalArgumentException if a dimension is below 1, {@code rows × cols} exceeds the
   *     largest Java array, or {@code data.length != rows × cols}
   */
  public static Batch wrap(double[] data, int rows, int cols) {
    checkLength(Objects.requireNonNull(data, "data").length, rows, cols);
    return new Batch(data, rows, cols);
  }

  /**
   * A float32 batch viewing {@code data} as {@code rows × cols}, row-major, without copying.
   *
   * @throws IllegalArgumentException if a dimension is below 1, {@code rows × cols} exceeds the
   *     largest Java array, or {@code data.length != rows × cols}
   */
  public static Batch wrap(float[] data, int rows, int cols) {
    checkLength(Objects.requireNonNull(data, "data").length, rows, cols);
    return new Batch(data, rows, cols);
  }

  private static void checkLength(int length, int rows, int cols) {
    int size = checkedSize(rows, cols);
    if (length != size) {
      throw new IllegalArgumentException(
          "data has " + length + " elements but rows × cols = " + rows + " × " + cols + " = "
              + size);
    }
  }

  /**
   * A new batch of zeros in {@code precision}.
   *
   * @throws IllegalArgumentException if a dimension is below 1 or {@code rows × cols} exceeds the
   *     largest Java array
   */
  public static Batch zeros(int rows, int cols, Precision precision) {
    int size = checkedSize(rows, cols);
    return Objects.requireNonNull(precision, "precision") == Precision.FLOAT64
        ? new Batch(new double[size], rows, cols) : new Batch(new float[size], rows, cols);
  }

  /**
   * A new float64 batch of zeros.
   *
   * @throws IllegalArgumentException if a dimension is below 1 or {@code rows × cols} exceeds the
   *     largest Java array
   */
  public static Batch zeros(int rows, int cols) {
    return new Batch(new double[checkedSize(rows, cols)], rows, cols);
  }

  /**
   * A new batch holding a copy of {@code values}, one inner array per row.
   *
   * @throws IllegalArgumentException if there are no rows, a row is empty or null, or the rows
   *     have different lengths (the message names the row)
   */
  public static Batch of(double[][] values) {
    Objects.requireNonNull(values, "values");
    if (values.length == 0) {
      throw new IllegalArgumentException("values has no rows: a batch needs at least one row");
    }
    if (values[0] == null || values[0].length == 0) {
      throw new IllegalArgumentException("values row 0 is empty: a batch needs at least one column");
    }
    int cols = values[0].length;
    Batch batch = zeros(values.length, cols);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null || values[i].length != cols) {
        throw new IllegalArgumentException(
            "values row " + i + " has " + (values[i] == null ? "no" : values[i].length)
                + " columns but row 0 has " + cols + ": a batch must be rectangular");
      }
      System.arraycopy(values[i], 0, batch.data, i * cols, cols);
    }
    return batch;
  }

  /** The number of examples, {@code m ≥ 1}. */
  public int rows() {
    return rows;
  }

  /** The number of outputs per example, {@code n ≥ 1}. */
  public int cols() {
    return cols;
  }

  /** {@code rows × cols}. */
  public int size() {
    return rows * cols;
  }

  /** {@link Precision#FLOAT64} for a {@code double[]} batch, {@link Precision#FLOAT32} for a {@code float[]} one. */
  public Precision precision() {
    return data != null ? Precision.FLOAT64 : Precision.FLOAT32;
  }

  /** The element at row {@code row}, column {@code col} (both from 0), widened to a double. */
  public double get(int row, int col) {
    return at(index(row, col));
  }

  /**
   * Sets the element at row {@code row}, column {@code col} (both from 0); a float32 batch stores
   * {@code value} rounded to the nearest float.
   */
  public void set(int row, int col, double value) {
    int k = index(row, col);
    if (data != null) {
      data[k] = value;
    } else {
      floats[k] = (float) value;
    }
  }

  /** The element at row-major index {@code k} ({@code i·n + j}), widened to a double. */
  public double at(int k) {
    return data != null ? data[k] : floats[k];
  }

  /**
   * The live row-major backing array of a float64 batch (not a copy): element {@code (i, j)} is at
   * {@code i·n + j}.
   *
   * @throws IllegalStateException if this batch is float32 (read it with {@link #floatArray()})
   */
  public double[] array() {
    if (data == null) {
      throw new IllegalStateException(
          "this " + shape() + " batch is float32: its array is floatArray(), not array()");
    }
    return data;
  }

  /**
   * The live row-major backing array of a float32 batch (not a copy).
   *
   * @throws IllegalStateException if this batch is float64 (read it with {@link #array()})
   */
  public float[] floatArray() {
    if (floats == null) {
      throw new IllegalStateException(
          "this " + shape() + " batch is float64: its array is array(), not floatArray()");
    }
    return floats;
  }

  /** A deep copy, in the same precision. */
  public Batch copy() {
    return data != null ? new Batch(data.clone(), rows, cols) : new Batch(floats.clone(), rows, cols);
  }

  /** A float64 copy (a float32 batch widened exactly). */
  public Batch toFloat64() {
    if (data != null) {
      return copy();
    }
    double[] wide = new double[floats.length];
    for (int k = 0; k < wide.length; k++) {
      wide[k] = floats[k];
    }
    return new Batch(wide, rows, cols);
  }

  /** A float32 copy (a float64 batch rounded to the nearest float, overflowing to ±∞). */
  public Batch toFloat32() {
    if (floats != null) {
      return copy();
    }
    float[] narrow = new float[data.length];
    for (int k = 0; k < narrow.length; k++) {
      narrow[k] = (float) data[k];
    }
    return new Batch(narrow, rows, cols);
  }

  /** A copy as one array per row, widened to doubles. */
  public double[][] toArray() {
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i][j] = at(i * cols + j);
      }
    }
    return out;
  }

  /** Whether {@code other} has the same precision, the same shape and the same bits in every element. */
  public boolean sameBits(Batch other) {
    if (other.rows != rows || other.cols != cols || other.precision() != precision()) {
      return false;
    }
    return data != null ? rawEqual(data, other.data)
        : rawEqual(floats, other.floats);
  }

  private static boolean rawEqual(double[] a, double[] b) {
    for (int k = 0; k < a.length; k++) {
      if (Double.doubleToRawLongBits(a[k]) != Double.doubleToRawLongBits(b[k])) {
        return false;
      }
    }
    return true;
  }

  private static boolean rawEqual(float[] a, float[] b) {
    for (int k = 0; k < a.length; k++) {
      if (Float.floatToRawIntBits(a[k]) != Float.floatToRawIntBits(b[k])) {
        return false;
      }
    }
    return true;
  }

  /** Whether this batch and {@code other} view the same array. */
  public boolean sharesArrayWith(Batch other) {
    return data != null ? data == other.data : floats == other.floats;
  }

  /** The shape as {@code "m × n"}. */
  public String shape() {
    return rows + " × " + cols;
  }

  /** The shape (with the precision if float32) and, for small batches, the values. */
  @Override
  public String toString() {
    return "Batch " + shape() + (floats != null ? " float32" : "")
        + (size() <= 16 ? " " + Arrays.deepToString(toArray()) : "");
  }

  private int index(int row, int col) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException(
          "(" + row + ", " + col + ") is outside a " + shape() + " batch");
    }
    return row * cols + col;
  }

  private static int checkedSize(int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(
          "rows = " + rows + ", cols = " + cols + ": a batch needs at least one row and one column");
    }
    long size = (long) rows * cols;
    // the JVM's largest array is a few elements short of Integer.MAX_VALUE
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "rows × cols = " + rows + " × " + cols + " = " + size
              + " exceeds the largest Java array (" + (Integer.MAX_VALUE - 8) + " elements)");
    }
    return (int) size;
  }
}

package io.github.deltapair;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense {@code m × n} matrix of float64 values, stored row-major in one {@code double[]}: row
 * {@code i} holds the {@code n} outputs of example {@code i}.
 *
 * <p>A batch is a view on its array: {@link #wrap} does not copy, and {@link #array()} returns the
 * live array. Backends never write to the batches they read; they write only to output batches the
 * caller hands them. Shapes are at least {@code 1 × 1}.
 */
public final class Batch implements Targets {

  private final double[] data;
  private final int rows;
  private final int cols;

  private Batch(double[] data, int rows, int cols) {
    this.data = data;
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
    Objects.requireNonNull(data, "data");
    int size = checkedSize(rows, cols);
    if (data.length != size) {
      throw new IllegalArgumentException(
          "data has " + data.length + " elements but rows × cols = " + rows + " × " + cols + " = "
              + size);
    }
    return new Batch(data, rows, cols);
  }

  /**
   * A new batch of zeros.
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
    return data.length;
  }

  /** The element at row {@code row}, column {@code col} (both from 0). */
  public double get(int row, int col) {
    return data[index(row, col)];
  }

  /** Sets the element at row {@code row}, column {@code col} (both from 0). */
  public void set(int row, int col, double value) {
    data[index(row, col)] = value;
  }

  /** The live row-major backing array (not a copy): element {@code (i, j)} is at {@code i·n + j}. */
  public double[] array() {
    return data;
  }

  /** A deep copy. */
  public Batch copy() {
    return new Batch(data.clone(), rows, cols);
  }

  /** A copy as one array per row. */
  public double[][] toArray() {
    double[][] out = new double[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }
    return out;
  }

  /** Whether {@code other} has the same shape and the same bits in every element. */
  public boolean sameBits(Batch other) {
    if (other.rows != rows || other.cols != cols) {
      return false;
    }
    for (int k = 0; k < data.length; k++) {
      if (Double.doubleToRawLongBits(data[k]) != Double.doubleToRawLongBits(other.data[k])) {
        return false;
      }
    }
    return true;
  }

  /** Whether this batch and {@code other} view the same array. */
  public boolean sharesArrayWith(Batch other) {
    return data == other.data;
  }

  /** The shape as {@code "m × n"}. */
  public String shape() {
    return rows + " × " + cols;
  }

  /** The shape and, for small batches, the values. */
  @Override
  public String toString() {
    return "Batch " + shape() + (data.length <= 16 ? " " + Arrays.deepToString(toArray()) : "");
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

package io.github.deltapair.dl4j.interop;

import io.github.deltapair.Batch;
import io.github.deltapair.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between DL4J's {@code m × n} INDArrays (any floating type) and row-major {@link Batch}es
 * or doubles.
 */
final class LayerArrays {

  private LayerArrays() {}

  /**
   * A row-major float64 copy of {@code array}, which must be {@code rows × cols}.
   *
   * @throws IllegalArgumentException naming {@code what} if the array is not that shape
   */
  static double[] copyToDoubles(String what, INDArray array, long rows, long cols) {
    checkShape(what, array, rows, cols);
    // dup('c') is contiguous, row-major and unshared; asDouble() converts FLOAT/HALF too
    double[] flat = array.dup('c').data().asDouble();
    if (flat.length != rows * cols) {
      throw new IllegalStateException(
          what + ": ND4J returned a buffer of " + flat.length + " elements for " + rows + " × "
              + cols);
    }
    return flat;
  }

  /**
   * {@code array}, which must be {@code rows × cols}, as a new batch in {@code precision}. A
   * float32 batch of a contiguous row-major FLOAT array is one copy of its buffer, out of ND4J's
   * off-heap memory into the {@code float[]} the batch views, nothing widened; other layouts are
   * made contiguous first, other types rounded to float32.
   *
   * @throws IllegalArgumentException naming {@code what} if the array is not that shape
   */
  static Batch batch(String what, INDArray array, long rows, long cols, Precision precision) {
    if (precision == Precision.FLOAT64) {
      return Batch.wrap(copyToDoubles(what, array, rows, cols), (int) rows, (int) cols);
    }
    checkShape(what, array, rows, cols);
    INDArray floats = array.dataType() == DataType.FLOAT ? array : array.castTo(DataType.FLOAT);
    if (!isDense(floats)) {
      floats = floats.dup('c');
    }
    return Batch.wrap(floats.data().asFloat(), (int) rows, (int) cols);
  }

  /** Whether the buffer of {@code array} holds exactly its elements, row-major. */
  static boolean isDense(INDArray array) {
    return !array.isView() && array.ordering() == 'c' && array.data().length() == array.length();
  }

  /** A new {@code rows × cols} array of {@code type} holding the row-major {@code values}. */
  static INDArray create(double[] values, long rows, long cols, DataType type) {
    INDArray doubles = Nd4j.create(values, new long[] {rows, cols}, 'c');
    return doubles.dataType() == type ? doubles : doubles.castTo(type);
  }

  /** A new array of {@code type} holding {@code values}: a float32 batch into FLOAT is one copy. */
  static INDArray create(Batch values, DataType type) {
    if (values.precision() == Precision.FLOAT64) {
      return create(values.array(), values.rows(), values.cols(), type);
    }
    return Nd4j.create(values.floatArray(), new long[] {values.rows(), values.cols()}, 'c')
        .castTo(type);
  }

  private static void checkShape(String what, INDArray array, long rows, long cols) {
    if (array.rank() != 2 || array.size(0) != rows || array.size(1) != cols) {
      throw new IllegalArgumentException(
          what + " has shape " + java.util.Arrays.toString(array.shape()) + " but must be ["
              + rows + ", " + cols + "]");
    }
  }
}

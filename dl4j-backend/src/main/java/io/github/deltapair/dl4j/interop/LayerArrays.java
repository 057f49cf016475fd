package io.github.deltapair.dl4j.interop;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Copies between DL4J's {@code m × n} INDArrays (any floating type) and row-major doubles. */
final class LayerArrays {

  private LayerArrays() {}

  /**
   * A row-major float64 copy of {@code array}, which must be {@code rows × cols}.
   *
   * @throws IllegalArgumentException naming {@code what} if the array is not that shape
   */
  static double[] copyToDoubles(String what, INDArray array, long rows, long cols) {
    if (array.rank() != 2 || array.size(0) != rows || array.size(1) != cols) {
      throw new IllegalArgumentException(
          what + " has shape " + java.util.Arrays.toString(array.shape()) + " but must be ["
              + rows + ", " + cols + "]");
    }
    // dup('c') is contiguous, row-major and unshared; asDouble() converts FLOAT/HALF too
    double[] flat = array.dup('c').data().asDouble();
    if (flat.length != rows * cols) {
      throw new IllegalStateException(
          what + ": ND4J returned a buffer of " + flat.length + " elements for " + rows + " × "
              + cols);
    }
    return flat;
  }

  /** A new {@code rows × cols} array of {@code type} holding the row-major {@code values}. */
  static INDArray create(double[] values, long rows, long cols, DataType type) {
    INDArray doubles = Nd4j.create(values, new long[] {rows, cols}, 'c');
    return doubles.dataType() == type ? doubles : doubles.castTo(type);
  }
}

package io.github.deltapair.dl4j;

import io.github.deltapair.Batch;
import io.github.deltapair.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between {@link Batch}es and {@link INDArray}s, and sums example losses. ND4J's global
 * default data type is left alone (a user's network may run in FLOAT): every array made here has
 * an explicit type, DOUBLE for a float64 batch and FLOAT or DOUBLE for a float32 one, and every op
 * on it keeps that type.
 */
final class NdArrays {

  private NdArrays() {}

  /** A new {@code m × n} array holding a copy of the batch: DOUBLE or FLOAT as the batch is (ND4J copies off-heap). */
  static INDArray of(Batch batch) {
    long[] shape = {batch.rows(), batch.cols()};
    return batch.precision() == Precision.FLOAT64
        ? Nd4j.create(batch.array(), shape, 'c')
        : Nd4j.create(batch.floatArray(), shape, 'c');
  }

  /** {@link #of(Batch)} in {@code type}: a float32 batch in DOUBLE is widened exactly. */
  static INDArray of(Batch batch, DataType type) {
    return of(batch).castTo(type);
  }

  /** The ND4J type of a batch's precision: DOUBLE or FLOAT. */
  static DataType typeOf(Precision precision) {
    return precision == Precision.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT;
  }

  /**
   * Copies {@code array}, row-major, into {@code out}'s backing array: a float64 batch takes DOUBLE
   * only; a float32 batch takes FLOAT, or DOUBLE rounded once to FLOAT.
   */
  static void copyInto(INDArray array, Batch out) {
    INDArray dense = array;
    boolean float32 = out.precision() == Precision.FLOAT32;
    if (float32 && dense.dataType() == DataType.DOUBLE) {
      dense = dense.castTo(DataType.FLOAT);
    }
    DataType expected = typeOf(out.precision());
    if (dense.dataType() != expected) {
      throw new IllegalStateException("ND4J returned " + dense.dataType() + ", expected " + expected);
    }
    if (dense.isView() || dense.ordering() != 'c' || dense.data().length() != out.size()) {
      dense = dense.dup('c');
    }
    if (dense.length() != out.size()) {
      throw new IllegalStateException(
          "ND4J returned " + dense.length() + " values for a " + out.shape() + " batch");
    }
    if (float32) {
      dense.data().asNioFloat().get(out.floatArray());
    } else {
      dense.data().asNioDouble().get(out.array());
    }
  }

  /**
   * {@code Σ_i ℓ_i} of an {@code m × 1} column of example losses. ND4J summed each row's {@code n}
   * terms; the {@code m} row sums are added here with Neumaier's compensation, so large batches
   * lose no accuracy to a long running sum.
   */
  static double compensatedSum(INDArray exampleLosses) {
    return compensatedSum(exampleLosses.dup('c').data().asDouble());
  }

  /** {@code Σ_i ℓ_i} of the example losses, with Neumaier's compensation. */
  static double compensatedSum(double[] rows) {
    double sum = 0.0;
    double compensation = 0.0;
    for (double x : rows) {
      double t = sum + x;
      // the low-order bits of the smaller operand that t could not hold
      compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
      sum = t;
    }
    return sum + compensation;
  }
}

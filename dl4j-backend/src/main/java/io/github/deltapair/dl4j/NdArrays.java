package io.github.deltapair.dl4j;

import io.github.deltapair.Batch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between {@link Batch}es and float64 {@link INDArray}s, and sums example losses. ND4J's
 * global default data type is left alone (a user's network may run in FLOAT): every array made
 * here is explicitly DOUBLE, and every op on it keeps that type.
 */
final class NdArrays {

  private NdArrays() {}

  /** A new DOUBLE {@code m × n} array holding a copy of the batch (ND4J copies off-heap). */
  static INDArray of(Batch batch) {
    return Nd4j.create(batch.array(), new long[] {batch.rows(), batch.cols()}, 'c');
  }

  /** Copies {@code array}, row-major, into {@code out}'s backing array. */
  static void copyInto(INDArray array, Batch out) {
    double[] target = out.array();
    INDArray dense = array;
    if (dense.dataType() != DataType.DOUBLE) {
      throw new IllegalStateException("ND4J returned " + dense.dataType() + ", expected DOUBLE");
    }
    if (dense.isView() || dense.ordering() != 'c' || dense.data().length() != target.length) {
      dense = dense.dup('c');
    }
    if (dense.length() != target.length) {
      throw new IllegalStateException(
          "ND4J returned " + dense.length() + " values for a " + out.shape() + " batch");
    }
    dense.data().asNioDouble().get(target);
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

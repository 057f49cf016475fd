package io.github.deltapair.nativebackend;

import io.github.deltapair.Batch;
import io.github.deltapair.Interval;
import io.github.deltapair.Loss;
import java.util.Random;

/** Random targets inside a loss's domain, read from its definition; simplex rows where it asks. */
final class RandomTargets {

  private RandomTargets() {}

  /**
   * {@code rows × cols} targets: uniform in the target domain (clipped to [−2, 5] where it is
   * unbounded), each row normalised to sum 1 if the loss needs simplex rows.
   */
  static Batch soft(Loss loss, int rows, int cols, Random random) {
    Batch y = Batch.zeros(rows, cols);
    Interval domain = loss.targetDomain();
    double lower = Math.max(domain.lower(), -2.0);
    double upper = Math.min(domain.upper(), 5.0);
    double[] ys = y.array();
    for (int k = 0; k < ys.length; k++) {
      ys[k] = lower + (upper - lower) * random.nextDouble();
    }
    if (loss.targetRowsOnSimplex()) {
      for (int i = 0; i < rows; i++) {
        double sum = 0;
        for (int j = 0; j < cols; j++) {
          sum += ys[i * cols + j];
        }
        for (int j = 0; j < cols; j++) {
          ys[i * cols + j] /= sum;
        }
      }
    }
    return y;
  }

  /** Like {@link #soft}, but simplex rows are one-hot, the 1 in column {@code row mod cols}. */
  static Batch hardWhereSimplex(Loss loss, int rows, int cols, Random random) {
    if (!loss.targetRowsOnSimplex()) {
      return soft(loss, rows, cols, random);
    }
    Batch y = Batch.zeros(rows, cols);
    for (int i = 0; i < rows; i++) {
      y.set(i, i % cols, 1.0);
    }
    return y;
  }
}

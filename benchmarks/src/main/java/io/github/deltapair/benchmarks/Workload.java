package io.github.deltapair.benchmarks;

import io.github.deltapair.Batch;
import io.github.deltapair.Interval;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Precision;
import java.util.Random;

/**
 * Seeded logits and valid targets for one pair and shape, identical in every fork and backend.
 *
 * @param rows examples
 * @param cols outputs per example
 * @param z logits, row-major, standard normal times 2
 * @param y targets in the loss's domain: one-hot rows for cross-entropy, 0/1 labels for binary
 *     cross-entropy, standard normal values for squared error
 */
record Workload(int rows, int cols, double[] z, double[] y) {

  /** The workload for {@code loss} at a shape written {@code "rowsxcols"}, e.g. {@code "256x100"}. */
  static Workload of(Loss loss, String shape) {
    String[] parts = shape.split("x");
    int rows = Integer.parseInt(parts[0]);
    int cols = Integer.parseInt(parts[1]);
    Random random = new Random(20_26_11_27L);
    double[] z = new double[rows * cols];
    double[] y = new double[rows * cols];
    for (int k = 0; k < z.length; k++) {
      z[k] = 2.0 * random.nextGaussian();
      // targets from the loss's domain: any real → Gaussian, [0, 1] → hard 0/1, rows → one-hot below
      y[k] = loss.targetDomain().equals(Interval.REAL) ? random.nextGaussian()
          : loss.targetDomain().equals(Interval.closed(0, 1)) ? (random.nextBoolean() ? 1.0 : 0.0)
          : 0.0;
    }
    if (loss.targetRowsOnSimplex()) {
      for (int i = 0; i < rows; i++) {
        y[i * cols + random.nextInt(cols)] = 1.0;
      }
    }
    return new Workload(rows, cols, z, y);
  }

  /** The class of each row of one-hot targets (cross-entropy's workload): the labels of {@link #y()}. */
  Labels labels() {
    int[] classes = new int[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (y[i * cols + j] == 1.0) {
          classes[i] = j;
        }
      }
    }
    return Labels.of(classes);
  }

  /** Seeded per-column weights in [0.5, 2.5), one per output: class weights or pos_weight. */
  double[] perColumnWeights() {
    Random random = new Random(11);
    double[] weights = new double[cols];
    for (int j = 0; j < cols; j++) {
      weights[j] = 0.5 + 2 * random.nextDouble();
    }
    return weights;
  }

  /** The logits as a batch: float64 viewing {@link #z()}, or float32 rounding it. */
  Batch z(Precision precision) {
    return batch(z, precision);
  }

  /** The targets as a batch: float64 viewing {@link #y()}, or float32 rounding it (exact here). */
  Batch y(Precision precision) {
    return batch(y, precision);
  }

  private Batch batch(double[] values, Precision precision) {
    Batch wide = Batch.wrap(values, rows, cols);
    return precision == Precision.FLOAT32 ? wide.toFloat32() : wide;
  }
}

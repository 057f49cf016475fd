package io.github.deltapair.nativebackend;

import io.github.deltapair.Pair;

/**
 * A third party's pair on dense targets without options: its own {@link Pair#lossOfRows(double[],
 * double[], int, int, int, double, double[])}. With per-example losses, the same call row by row:
 * each returns its row's term exactly, and the terms are added with the same compensation as
 * inside one call, so the sum has the same bits either way.
 */
final class DefinitionKernel implements BlockKernel {

  private final Pair pair;

  DefinitionKernel(Pair pair) {
    this.pair = pair;
  }

  @Override
  public double rows(double[] z, double[] y, int cols, int from, int to, double scale,
      double[] delta, double[] losses) {
    if (losses == null) {
      return pair.lossOfRows(z, y, cols, from, to, scale, delta);
    }
    double sum = 0.0;
    double compensation = 0.0;
    // Neumaier summation of the row terms, as Pair.lossOfRows does it
    for (int i = from; i < to; i++) {
      double term = pair.lossOfRows(z, y, cols, i, i + 1, scale, delta);
      losses[i] = term;
      double t = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
      sum = t;
    }
    return sum + compensation;
  }
}

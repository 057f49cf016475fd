package io.github.deltapair.dl4j.interop;

import io.github.deltapair.Pair;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Learnable targets: the expected value of a fixed random linear teacher through the pair's
 * activation, made to fit the loss's domain (hard labels for the cross-entropies, rounded counts
 * for Poisson).
 */
final class Teacher {

  private Teacher() {}

  static INDArray labels(Pair pair, INDArray inputs) {
    Random random = new Random(99);
    int m = (int) inputs.size(0);
    double[] x = inputs.dup('c').data().asDouble();
    double[] y = new double[m * Networks.OUTPUTS];
    double[][] w = new double[Networks.INPUTS][Networks.OUTPUTS];
    for (double[] row : w) {
      for (int j = 0; j < row.length; j++) {
        row[j] = 1.5 * random.nextGaussian();
      }
    }
    for (int i = 0; i < m; i++) {
      double[] z = new double[Networks.OUTPUTS];
      for (int j = 0; j < Networks.OUTPUTS; j++) {
        for (int k = 0; k < Networks.INPUTS; k++) {
          z[j] += x[i * Networks.INPUTS + k] * w[k][j];
        }
      }
      int best = 0;
      for (int j = 1; j < z.length; j++) {
        best = z[j] > z[best] ? j : best;
      }
      for (int j = 0; j < Networks.OUTPUTS; j++) {
        y[i * Networks.OUTPUTS + j] = switch (pair.loss()) {
          case BINARY_CROSS_ENTROPY -> z[j] > 0 ? 1.0 : 0.0;
          case CROSS_ENTROPY -> j == best ? 1.0 : 0.0;
          case BIPOLAR_CROSS_ENTROPY -> z[j] > 0 ? 1.0 : -1.0;
          case POISSON -> Math.rint(Math.exp(0.5 * z[j]));
          case SQUARED_ERROR -> Math.tanh(z[j]);
        };
      }
    }
    return Nd4j.create(y, new long[] {m, Networks.OUTPUTS}, 'c').castTo(inputs.dataType());
  }
}

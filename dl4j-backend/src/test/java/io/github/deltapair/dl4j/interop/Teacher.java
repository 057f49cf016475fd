package io.github.deltapair.dl4j.interop;

import io.github.deltapair.Interval;
import io.github.deltapair.Pair;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Learnable targets: the expected value of a fixed random linear teacher through the pair's
 * activation, made to fit the loss's target domain (one-hot rows where rows lie on the simplex,
 * the two ends of a finite interval, rounded counts on a half-line, {@code tanh} on ℝ).
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
    Interval domain = pair.loss().targetDomain();
    boolean simplex = pair.loss().targetRowsOnSimplex();
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
        y[i * Networks.OUTPUTS + j] = simplex ? (j == best ? 1.0 : 0.0)
            : Double.isFinite(domain.upper()) ? (z[j] > 0 ? domain.upper() : domain.lower())
            : Double.isFinite(domain.lower()) ? domain.lower() + Math.rint(Math.exp(0.5 * z[j]))
            : Math.tanh(z[j]);
      }
    }
    return Nd4j.create(y, new long[] {m, Networks.OUTPUTS}, 'c').castTo(inputs.dataType());
  }
}

package io.github.deltapair.nativebackend;

import io.github.deltapair.Loss;

/**
 * The matched pairs, {@code δ = a − y}: one fused pass per element (per row for softmax) from the
 * logits, in the stable forms of DESIGN §3, exact for every finite logit the activation carries.
 *
 * <p>Each kernel reads {@code z} and {@code y} (row-major, {@code cols} per row), writes {@code
 * scale · δ} into {@code delta} and returns {@code scale · Σ ℓ}, summed with compensation.
 */
final class CanonicalKernels {

  private CanonicalKernels() {}

  /** The kernel of the matched pair of {@code loss}. */
  static double compute(Loss loss, double[] z, double[] y, int cols, double scale, double[] delta) {
    return switch (loss) {
      case SQUARED_ERROR -> identitySquaredError(z, y, scale, delta);
      case BINARY_CROSS_ENTROPY -> sigmoidBinaryCrossEntropy(z, y, scale, delta);
      case CROSS_ENTROPY -> softmaxCrossEntropy(z, y, cols, scale, delta);
      case POISSON -> expPoisson(z, y, scale, delta);
      case BIPOLAR_CROSS_ENTROPY -> tanhBipolarCrossEntropy(z, y, scale, delta);
    };
  }

  static double identitySquaredError(double[] z, double[] y, double scale, double[] delta) {
    CompensatedSum loss = new CompensatedSum();
    // ℓ = ½(z − y)², δ = z − y
    for (int k = 0; k < z.length; k++) {
      double r = z[k] - y[k];
      loss.add(0.5 * r * r);
      delta[k] = scale * r;
    }
    return scale * loss.value();
  }

  static double sigmoidBinaryCrossEntropy(double[] z, double[] y, double scale, double[] delta) {
    CompensatedSum loss = new CompensatedSum();
    // ℓ = max(z, 0) − z·y + log1p(e^−|z|), written z(1 − y) or −z·y; δ = σ(z) − y from e = e^−|z|
    for (int k = 0; k < z.length; k++) {
      double zk = z[k];
      double e = Math.exp(-Math.abs(zk));
      double sigma = zk >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      loss.add((zk >= 0 ? zk * (1.0 - y[k]) : -zk * y[k]) + Math.log1p(e));
      delta[k] = scale * (sigma - y[k]);
    }
    return scale * loss.value();
  }

  static double softmaxCrossEntropy(
      double[] z, double[] y, int cols, double scale, double[] delta) {
    CompensatedSum loss = new CompensatedSum();
    for (int base = 0; base < z.length; base += cols) {
      // the row's e_j = e^{z_j − max} go into delta, then a_j = e_j / s
      double max = NativeActivations.rowMax(z, base, cols);
      double s = NativeActivations.softmaxRow(z, delta, base, cols, max);
      // ℓ = logsumexp(z) − Σ_j y_j z_j = max + log Σ_j e^{z_j − max} − Σ_j y_j z_j
      loss.add(max);
      loss.add(Math.log(s));
      // δ_j = a_j − y_j
      for (int j = base; j < base + cols; j++) {
        loss.add(-y[j] * z[j]);
        delta[j] = scale * (delta[j] - y[j]);
      }
    }
    return scale * loss.value();
  }

  static double expPoisson(double[] z, double[] y, double scale, double[] delta) {
    CompensatedSum loss = new CompensatedSum();
    // ℓ = e^z − y·z, δ = e^z − y
    for (int k = 0; k < z.length; k++) {
      double a = Math.exp(z[k]);
      loss.add(a);
      loss.add(-y[k] * z[k]);
      delta[k] = scale * (a - y[k]);
    }
    return scale * loss.value();
  }

  static double tanhBipolarCrossEntropy(double[] z, double[] y, double scale, double[] delta) {
    CompensatedSum loss = new CompensatedSum();
    // ℓ = ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z)
    //   = (z ≥ 0 ? (1 − y)·z : −(1 + y)·z) + log1p(e^−2|z|);  δ = tanh(z) − y
    for (int k = 0; k < z.length; k++) {
      double zk = z[k];
      loss.add((zk >= 0 ? (1.0 - y[k]) * zk : -(1.0 + y[k]) * zk)
          + Math.log1p(Math.exp(-2.0 * Math.abs(zk))));
      delta[k] = scale * (Math.tanh(zk) - y[k]);
    }
    return scale * loss.value();
  }
}

package io.github.deltapair.nativebackend;

import io.github.deltapair.Activation;
import io.github.deltapair.Loss;

/**
 * The matched pairs, {@code δ = a − y}, in plain scalar Java: one fused pass per row from the
 * logits, in the stable forms of DESIGN §3, exact for every finite logit the activation carries.
 *
 * <p>Each kernel is a {@link BlockKernel}: it also checks the input rules inline (finite values,
 * target domain, simplex rows, exp overflow) and returns NaN where one is broken. Loss terms are
 * added plainly within a block of rows (every term but Poisson's is ≥ 0, so the relative error
 * stays near n·2^−53); blocks are combined with compensation by {@link RowBlocks}.
 */
final class CanonicalKernels {

  private CanonicalKernels() {}

  /** The scalar kernel of the matched pair of {@code loss}. */
  static BlockKernel of(Loss loss) {
    return switch (loss) {
      case SQUARED_ERROR -> CanonicalKernels::identitySquaredError;
      case BINARY_CROSS_ENTROPY -> CanonicalKernels::sigmoidBinaryCrossEntropy;
      case CROSS_ENTROPY -> CanonicalKernels::softmaxCrossEntropy;
      case POISSON -> CanonicalKernels::expPoisson;
      case BIPOLAR_CROSS_ENTROPY -> CanonicalKernels::tanhBipolarCrossEntropy;
    };
  }

  static double identitySquaredError(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    // four partial sums, so additions do not wait on each other
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int end = to * cols;
    int k = from * cols;
    // ℓ = ½(z − y)², δ = z − y  (a non-finite input or square makes the sum non-finite)
    for (; k + 3 < end; k += 4) {
      double r0 = z[k] - y[k];
      double r1 = z[k + 1] - y[k + 1];
      double r2 = z[k + 2] - y[k + 2];
      double r3 = z[k + 3] - y[k + 3];
      delta[k] = scale * r0;
      delta[k + 1] = scale * r1;
      delta[k + 2] = scale * r2;
      delta[k + 3] = scale * r3;
      s0 += r0 * r0;
      s1 += r1 * r1;
      s2 += r2 * r2;
      s3 += r3 * r3;
    }
    for (; k < end; k++) {
      double r = z[k] - y[k];
      delta[k] = scale * r;
      s0 += r * r;
    }
    double sum = 0.5 * ((s0 + s1) + (s2 + s3));
    return Double.isFinite(sum) ? sum : Double.NaN;
  }

  static double sigmoidBinaryCrossEntropy(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    double sum = 0.0;
    boolean ok = true;
    // e = e^−|z|: ℓ = max(z, 0) − z·y + log1p(e), δ = σ(z) − y with σ = 1/(1 + e) (z ≥ 0), e/(1 + e)
    for (int k = from * cols; k < to * cols; k++) {
      double zk = z[k];
      double yk = y[k];
      double e = Math.exp(-Math.abs(zk));
      double inverse = 1.0 / (1.0 + e);
      sum += (zk > 0 ? zk : 0.0) - zk * yk + NativeActivations.log1pOfSmall(e);
      delta[k] = scale * ((zk >= 0 ? inverse : e * inverse) - yk);
      ok &= yk >= 0.0 & yk <= 1.0;
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  static double softmaxCrossEntropy(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    double sum = 0.0;
    boolean ok = true;
    for (int base = from * cols; base < to * cols; base += cols) {
      int end = base + cols;
      // max = max_j z_j, t = Σ_j y_j, yz = Σ_j y_j z_j; targets must be ≥ 0
      double max = Double.NEGATIVE_INFINITY;
      double t = 0.0;
      double yz = 0.0;
      for (int j = base; j < end; j++) {
        // a plain comparison, not Math.max: a NaN in z still poisons yz (0·NaN is NaN)
        max = z[j] > max ? z[j] : max;
        t += y[j];
        yz += y[j] * z[j];
        ok &= y[j] >= 0.0;
      }
      // e_j = e^{z_j − max} into delta, s = Σ_j e_j
      double s = 0.0;
      for (int j = base; j < end; j++) {
        double e = Math.exp(z[j] - max);
        delta[j] = e;
        s += e;
      }
      // δ_j = a_j − y_j, a_j = e_j / s (one division per row, a multiplication per element)
      double perSum = scale / s;
      for (int j = base; j < end; j++) {
        delta[j] = delta[j] * perSum - scale * y[j];
      }
      // ℓ = logsumexp(z) − Σ_j y_j z_j = (max − Σ_j y_j z_j) + log s
      sum += (max - yz) + Math.log(s);
      ok &= Simplex.holds(y, base, cols, t);
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  static double expPoisson(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    double sum = 0.0;
    boolean ok = true;
    // ℓ = e^z − y·z, δ = e^z − y  (z ≤ log(Double.MAX_VALUE), y ≥ 0)
    for (int k = from * cols; k < to * cols; k++) {
      double zk = z[k];
      double yk = y[k];
      double a = Math.exp(zk);
      sum += a - yk * zk;
      delta[k] = scale * (a - yk);
      ok &= zk <= Activation.MAX_EXP_ARGUMENT & yk >= 0.0;
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }

  static double tanhBipolarCrossEntropy(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    double sum = 0.0;
    boolean ok = true;
    // e = e^−2|z|: tanh(z) = sign(z)·(1 − e)/(1 + e),
    // ℓ = ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z) = (1+y)·max(−z,0) + (1−y)·max(z,0) + log1p(e)
    for (int k = from * cols; k < to * cols; k++) {
      double zk = z[k];
      double yk = y[k];
      double e = Math.exp(-2.0 * Math.abs(zk));
      double magnitude = (1.0 - e) / (1.0 + e);
      sum += (1.0 + yk) * Math.max(-zk, 0.0) + (1.0 - yk) * Math.max(zk, 0.0)
          + NativeActivations.log1pOfSmall(e);
      delta[k] = scale * ((zk >= 0 ? magnitude : -magnitude) - yk);
      ok &= yk >= -1.0 & yk <= 1.0;
    }
    return ok && Double.isFinite(sum) ? sum : Double.NaN;
  }
}

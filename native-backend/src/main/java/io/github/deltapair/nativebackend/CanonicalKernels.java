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

  /** Elements per chunk of identity + squared error: z, y and δ of a chunk (24 KB) stay in L1. */
  static final int CHUNK = 1 << 10;

  static double identitySquaredError(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    // eight partial sums, so additions do not wait on each other
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    double s4 = 0.0;
    double s5 = 0.0;
    double s6 = 0.0;
    double s7 = 0.0;
    int end = to * cols;
    for (int chunk = from * cols; chunk < end; chunk += CHUNK) {
      int stop = Math.min(end, chunk + CHUNK);
      // δ = scale·(z − y)  (no reduction in this loop, so the JIT vectorises it)
      for (int k = chunk; k < stop; k++) {
        delta[k] = scale * (z[k] - y[k]);
      }
      // Σ (z − y)², the chunk read again from L1  (a non-finite input or square makes it non-finite)
      int k = chunk;
      for (; k + 7 < stop; k += 8) {
        double r0 = z[k] - y[k];
        double r1 = z[k + 1] - y[k + 1];
        double r2 = z[k + 2] - y[k + 2];
        double r3 = z[k + 3] - y[k + 3];
        double r4 = z[k + 4] - y[k + 4];
        double r5 = z[k + 5] - y[k + 5];
        double r6 = z[k + 6] - y[k + 6];
        double r7 = z[k + 7] - y[k + 7];
        s0 += r0 * r0;
        s1 += r1 * r1;
        s2 += r2 * r2;
        s3 += r3 * r3;
        s4 += r4 * r4;
        s5 += r5 * r5;
        s6 += r6 * r6;
        s7 += r7 * r7;
      }
      for (; k < stop; k++) {
        double r = z[k] - y[k];
        s0 += r * r;
      }
    }
    // ℓ = ½(z − y)²
    double sum = 0.5 * (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
    return Double.isFinite(sum) ? sum : Double.NaN;
  }

  static double sigmoidBinaryCrossEntropy(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    return sigmoidBinaryCrossEntropyElements(z, y, from * cols, to * cols, scale, delta);
  }

  /** {@link #sigmoidBinaryCrossEntropy} over the elements {@code [start, end)}, which need not be whole rows. */
  static double sigmoidBinaryCrossEntropyElements(
      double[] z, double[] y, int start, int end, double scale, double[] delta) {
    double sum = 0.0;
    boolean ok = true;
    // e = e^−|z|: ℓ = max(z, 0) − z·y + log1p(e), δ = σ(z) − y with σ = 1/(1 + e) (z ≥ 0), e/(1 + e)
    for (int k = start; k < end; k++) {
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
      double max = rowMax(z, base, end);
      // e_j = e^{z_j − max} into delta, s = Σ_j e_j; t = Σ_j y_j, yz = Σ_j y_j z_j, y_j ≥ 0
      // (the sums ride along with exp, whose latency hides them; 0·NaN = NaN still poisons yz)
      double s = 0.0;
      double t = 0.0;
      double yz = 0.0;
      for (int j = base; j < end; j++) {
        double e = Math.exp(z[j] - max);
        delta[j] = e;
        s += e;
        t += y[j];
        yz += y[j] * z[j];
        ok &= y[j] >= 0.0;
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

  /**
   * {@code max_j z_j} over {@code [base, end)}, in four independent running maxima. Plain
   * comparisons, not {@code Math.max}: a NaN is skipped here but poisons {@code Σ y_j z_j} and
   * {@code e^{z_j − max}}, so the kernel still reports it.
   */
  static double rowMax(double[] z, int base, int end) {
    double m0 = Double.NEGATIVE_INFINITY;
    double m1 = Double.NEGATIVE_INFINITY;
    double m2 = Double.NEGATIVE_INFINITY;
    double m3 = Double.NEGATIVE_INFINITY;
    int j = base;
    // m_r = max over j ≡ r (mod 4)
    for (; j + 3 < end; j += 4) {
      m0 = z[j] > m0 ? z[j] : m0;
      m1 = z[j + 1] > m1 ? z[j + 1] : m1;
      m2 = z[j + 2] > m2 ? z[j + 2] : m2;
      m3 = z[j + 3] > m3 ? z[j + 3] : m3;
    }
    for (; j < end; j++) {
      m0 = z[j] > m0 ? z[j] : m0;
    }
    m0 = m1 > m0 ? m1 : m0;
    m2 = m3 > m2 ? m3 : m2;
    return m2 > m0 ? m2 : m0;
  }

  static double expPoisson(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    return expPoissonElements(z, y, from * cols, to * cols, scale, delta);
  }

  /** {@link #expPoisson} over the elements {@code [start, end)}, which need not be whole rows. */
  static double expPoissonElements(
      double[] z, double[] y, int start, int end, double scale, double[] delta) {
    double sum = 0.0;
    boolean ok = true;
    // ℓ = e^z − y·z, δ = e^z − y  (z ≤ log(Double.MAX_VALUE), y ≥ 0)
    for (int k = start; k < end; k++) {
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
    return tanhBipolarCrossEntropyElements(z, y, from * cols, to * cols, scale, delta);
  }

  /** {@link #tanhBipolarCrossEntropy} over the elements {@code [start, end)}, which need not be whole rows. */
  static double tanhBipolarCrossEntropyElements(
      double[] z, double[] y, int start, int end, double scale, double[] delta) {
    double sum = 0.0;
    boolean ok = true;
    // e = e^−2|z|: tanh(z) = sign(z)·(1 − e)/(1 + e),
    // ℓ = ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z) = (1+y)·max(−z,0) + (1−y)·max(z,0) + log1p(e)
    for (int k = start; k < end; k++) {
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

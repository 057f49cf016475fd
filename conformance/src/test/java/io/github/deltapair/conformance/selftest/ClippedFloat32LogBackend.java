package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;

/**
 * Broken on purpose, the way naive float32 code is: for float32 batches of sigmoid +
 * binary-cross-entropy and softmax + cross-entropy (dense targets, no options) it computes the
 * probabilities {@code p} in float, the loss as {@code −[y log(max(p, 1e-7)) + (1 − y) log(max(1 −
 * p, 1e-7))]} (cross-entropy: {@code −Σ y log(max(p, 1e-7))}) with each log taken in float32, summed
 * in float64, and the delta {@code p − y}, which is right. It declares {@link #computesFloat32};
 * everything else goes to the reference. In float32 {@code 1 + e^−17} rounds to 1, so from {@code z
 * = 17} on {@code 1 − p} is 0, below the clip (as {@code p} is from {@code z = −17} down), and a
 * target 0 there costs {@code −log(1e-7) ≈ 16.1} instead of 17, 30 or 1000. Must fail C11 only.
 */
public final class ClippedFloat32LogBackend extends ReferenceDelegate {

  private static final float EPS = 1e-7f;
  private static final Pair SIGMOID_BCE = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
  private static final Pair SOFTMAX_CE = Pair.canonical(Loss.CROSS_ENTROPY);

  public ClippedFloat32LogBackend() {
    super("broken-clipped-float32-log");
  }

  @Override
  public boolean computesFloat32(Pair pair, Targets targets, Options options) {
    return true;
  }

  @Override
  public double compute(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch deltaOut, double[] exampleLosses) {
    boolean naive = pair.equals(SIGMOID_BCE) || pair.equals(SOFTMAX_CE);
    if (z.precision() != Precision.FLOAT32 || !naive || !options.isNone() || !(targets instanceof Batch y)) {
      return reference.compute(pair, z, targets, options, reduction, deltaOut, exampleLosses);
    }
    float[] zs = z.floatArray();
    float[] ys = y.floatArray();
    float[] d = deltaOut.floatArray();
    int n = z.cols();
    double scale = reduction.scale(targets, options);
    double total = 0.0;
    float[] p = new float[n];
    for (int i = 0; i < z.rows(); i++) {
      int base = i * n;
      probabilities(pair, zs, base, n, p);
      double row = 0.0;
      for (int j = 0; j < n; j++) {
        float yj = ys[base + j];
        // the mistake: ℓ = −[y log(max(p, ε)) + (1 − y) log(max(1 − p, ε))], logs in float32
        float term = -yj * (float) Math.log(Math.max(p[j], EPS));
        if (pair.equals(SIGMOID_BCE)) {
          term -= (1f - yj) * (float) Math.log(Math.max(1f - p[j], EPS));
        }
        row += term;
        d[base + j] = (float) (scale * (p[j] - yj));
      }
      if (exampleLosses != null) {
        exampleLosses[i] = row;
      }
      total += row;
    }
    return scale * total;
  }

  /** {@code p = σ(z)} element-wise, or the row's softmax {@code e^(z − max) / Σ e^(z − max)}, in float. */
  private static void probabilities(Pair pair, float[] zs, int base, int n, float[] p) {
    if (pair.equals(SIGMOID_BCE)) {
      for (int j = 0; j < n; j++) {
        p[j] = 1f / (1f + (float) Math.exp(-zs[base + j]));
      }
      return;
    }
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, zs[base + j]);
    }
    float sum = 0f;
    for (int j = 0; j < n; j++) {
      p[j] = (float) Math.exp(zs[base + j] - max);
      sum += p[j];
    }
    for (int j = 0; j < n; j++) {
      p[j] /= sum;
    }
  }
}

package io.github.deltapair.nativebackend;

import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Targets;

/**
 * The float32 kernel of a pair without a fused one, on dense targets: each block of rows is widened
 * exactly into this thread's float64 scratch, the pair's float64 {@link BlockKernel} runs on it,
 * and its delta is rounded to float32. NaN where the float64 kernel returns NaN, where a rounded
 * delta element overflows float32, or where a logit lies above the activation's float32 limit
 * ({@code Activation.maxFiniteLogit(Precision.FLOAT32)}: 88.72 for exp), so that the evaluator
 * names the cause. Allocates nothing once a thread's scratch has grown to the block size.
 *
 * <p>float32 target rows on the simplex are held to {@link Loss#FLOAT32_SIMPLEX_TOLERANCE}, the
 * float64 kernel's own check to {@link Loss#SIMPLEX_TOLERANCE}: a widened row within the float32
 * bound is divided by its sum before the float64 kernel sees it (rounding to float32 moves a sum
 * by about 6e-8, which moves {@code ℓ_i} by as much, relative, well within contract §2c).
 */
final class WideningKernel implements Float32Kernel {

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final BlockKernel kernel;
  private final boolean simplex;
  /** The float32 logit limit, +∞ where it is no lower than the float64 one the kernel checks. */
  private final double maxLogit;

  WideningKernel(Pair pair, BlockKernel kernel) {
    this.kernel = kernel;
    this.simplex = pair.loss().targetRowsOnSimplex();
    double limit = pair.activation().maxFiniteLogit(Precision.FLOAT32);
    this.maxLogit = limit < pair.activation().maxFiniteLogit() ? limit : Double.POSITIVE_INFINITY;
  }

  @Override
  public double rows(float[] z, Targets targets, int cols, int from, int to, double scale,
      float[] delta, double[] losses) {
    float[] y = ((Batch) targets).floatArray();
    Scratch scratch = SCRATCH.get();
    if (scratch.busy) {
      // a definition that calls back into a backend from inside its kernel
      scratch = new Scratch();
    }
    scratch.busy = true;
    try {
      int start = from * cols;
      int size = (to - from) * cols;
      scratch.ensure(size, to - from);
      double[] zs = scratch.z;
      double[] ys = scratch.y;
      double[] ds = scratch.delta;
      boolean ok = true;
      // the block widened exactly; every logit at most the float32 limit
      for (int k = 0; k < size; k++) {
        float zk = z[start + k];
        zs[k] = zk;
        ys[k] = y[start + k];
        ok &= !(zk > maxLogit);
      }
      if (simplex) {
        onSimplex(ys, size, cols);
      }
      double sum = kernel.rows(zs, ys, cols, 0, to - from, scale, ds,
          losses == null ? null : scratch.losses);
      // δ rounded to float32, each element finite there (d − d is 0 exactly for finite d)
      for (int k = 0; k < size; k++) {
        float d = (float) ds[k];
        delta[start + k] = d;
        ok &= d - d == 0f;
      }
      if (losses != null) {
        System.arraycopy(scratch.losses, 0, losses, from, to - from);
      }
      return ok ? sum : Double.NaN;
    } finally {
      scratch.busy = false;
    }
  }

  /** Each row within the float32 simplex bound divided by its sum (others left for the kernel to reject). */
  private static void onSimplex(double[] ys, int size, int cols) {
    for (int base = 0; base < size; base += cols) {
      double sum = 0.0;
      for (int j = base; j < base + cols; j++) {
        sum += ys[j];
      }
      if (Math.abs(sum - 1.0) <= Loss.FLOAT32_SIMPLEX_TOLERANCE && sum != 1.0) {
        for (int j = base; j < base + cols; j++) {
          ys[j] /= sum;
        }
      }
    }
  }

  /** One thread's float64 copies of a block, grown to the largest block seen and kept. */
  private static final class Scratch {

    double[] z = new double[0];
    double[] y = new double[0];
    double[] delta = new double[0];
    double[] losses = new double[0];
    boolean busy;

    void ensure(int size, int rows) {
      if (z.length < size) {
        z = new double[size];
        y = new double[size];
        delta = new double[size];
      }
      if (losses.length < rows) {
        losses = new double[rows];
      }
    }
  }
}

package io.github.deltapair.nativebackend;

/**
 * The exponentials of softmax rows too short for the JIT's vector loop: a row of ten elements
 * never reaches the vectorised body of {@link StraightMath#expShiftedInto} (C2 unrolls it to
 * sixteen or more), so each {@code e^x} ran as a chain of 26 dependent operations (at 32x10 they
 * were most of the call). Here a block of such rows is shifted by each row's maximum into this
 * thread's {@link Scratch} and exponentiated in one loop over the whole block, which is
 * vectorised. The values are those of the per-row path to the bit: {@code e^{(z_j − max) − 0}} is
 * {@code e^{z_j − max}}, and each row's sum is {@link StraightMath#sum} over its own elements.
 */
final class ShortRows {

  /** Rows narrower than this take the block path. */
  static final int NARROWER_THAN = 64;

  private ShortRows() {}

  /** Whether rows of {@code cols} take the block path. */
  static boolean apply(int cols) {
    return cols < NARROWER_THAN;
  }

  /** Rows of {@code cols} in one block ({@code cols < }{@link #NARROWER_THAN}). */
  static int perBlock(int cols) {
    return Scratch.CHUNK / cols;
  }

  /**
   * Row {@code i}'s place {@code r} in its block of the rows {@code [from, to)}; when {@code i}
   * starts a block, that block's values ({@link #exps}) are computed into {@code s} first.
   */
  static int enter(double[] z, int cols, int from, int to, int i, Scratch s) {
    int block = perBlock(cols);
    int r = (i - from) % block;
    if (r == 0) {
      exps(z, cols, i, Math.min(to, i + block), s);
    }
    return r;
  }

  /** {@link #enter(double[], int, int, int, int, Scratch)} for float32 logits. */
  static int enter(float[] z, int cols, int from, int to, int i, Scratch s) {
    int block = perBlock(cols);
    int r = (i - from) % block;
    if (r == 0) {
      exps(z, cols, i, Math.min(to, i + block), s);
    }
    return r;
  }

  /**
   * For the rows {@code [i0, i1)} of {@code z} ({@code i1 − i0 ≤} {@link #perBlock}): row {@code
   * r = i − i0}'s maximum into {@code s.rowMax[r]}, {@code e^{z_j − max}} into {@code s.e} from
   * {@code r·cols}, their sum into {@code s.rowSum[r]}.
   */
  static void exps(double[] z, int cols, int i0, int i1, Scratch s) {
    double[] shifted = s.z;
    for (int i = i0; i < i1; i++) {
      int base = i * cols;
      int at = (i - i0) * cols;
      double max = CanonicalKernels.rowMax(z, base, base + cols);
      s.rowMax[i - i0] = max;
      for (int j = 0; j < cols; j++) {
        shifted[at + j] = z[base + j] - max;
      }
    }
    finish(cols, i1 - i0, s);
  }

  /** {@link #exps(double[], int, int, int, Scratch)} for float32 logits, in float64. */
  static void exps(float[] z, int cols, int i0, int i1, Scratch s) {
    double[] shifted = s.z;
    for (int i = i0; i < i1; i++) {
      int base = i * cols;
      int at = (i - i0) * cols;
      float max = Float32Kernels.rowMax(z, base, base + cols);
      s.rowMax[i - i0] = max;
      for (int j = 0; j < cols; j++) {
        shifted[at + j] = (double) z[base + j] - max;
      }
    }
    finish(cols, i1 - i0, s);
  }

  private static void finish(int cols, int rows, Scratch s) {
    StraightMath.expShiftedInto(s.z, 0.0, 0, rows * cols, s.e);
    for (int r = 0; r < rows; r++) {
      s.rowSum[r] = StraightMath.sum(s.e, r * cols, (r + 1) * cols);
    }
  }
}

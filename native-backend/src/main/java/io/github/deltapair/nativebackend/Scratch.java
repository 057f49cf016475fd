package io.github.deltapair.nativebackend;

/**
 * This thread's float64 scratch rows for the kernels built on {@link StraightMath}: JDK 17's C2
 * vectorises a loop only when all its arrays are indexed alike, so a chunk of the inputs is copied
 * (or widened from float32) here and computed at offset 0. Grown, never shrunk, on a call that
 * needs longer rows (a softmax row longer than {@link #CHUNK}); no call allocates after that.
 */
final class Scratch {

  /** Elements per chunk of the element-wise kernels: four rows of it (32 KB) stay in L1 and L2. */
  static final int CHUNK = 1 << 10;

  private static final ThreadLocal<Scratch> MINE = ThreadLocal.withInitial(Scratch::new);

  /** The logits. */
  double[] z = new double[CHUNK];
  /** The targets. */
  double[] y = new double[CHUNK];
  /** Exponentials, then deltas. */
  double[] e = new double[CHUNK];
  /** Loss terms. */
  double[] t = new double[CHUNK];
  /** Per-column weights (pos_weight). */
  double[] p = new double[CHUNK];
  /** Per-column weights (class weights). */
  double[] w = new double[CHUNK];
  /** Per-row values of a block of short rows (their maxima; {@link ShortRows}). */
  final double[] rowMax = new double[CHUNK];
  /** Per-row values of a block of short rows (their sums of exponentials). */
  final double[] rowSum = new double[CHUNK];

  /** One per-row sum a kernel hands from a helper to its caller ({@code OptionKernels}). */
  double dot;

  private Scratch() {}

  /** This thread's scratch, with rows of at least {@code length} elements. */
  static Scratch of(int length) {
    Scratch s = MINE.get();
    if (s.z.length < length) {
      s.z = new double[length];
      s.y = new double[length];
      s.e = new double[length];
      s.t = new double[length];
      s.p = new double[length];
      s.w = new double[length];
    }
    return s;
  }
}

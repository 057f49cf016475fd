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
  /**
   * Elements per chunk of the scalar float32 kernels ({@link Float32Kernels}): four times {@link
   * #CHUNK}, so that the loops that fold a chunk to {@code FLOAT_CHUNK/8} partial sums run long
   * enough for C2's vector loop (at 1024 most of a 128-long loop ran in its scalar remainder: 0.13
   * against 0.03 ns an element).
   */
  static final int FLOAT_CHUNK = 4 * CHUNK;

  /**
   * float32 rows of {@link #FLOAT_CHUNK} for the scalar float32 kernels: C2 does not vectorise
   * float32 ↔ float64 conversions, so those kernels compute float32 chunks in float32 ({@link
   * Float32Math#expInto}) and need the chunk at offset 0 as the float64 ones do.
   */
  final float[] fz = new float[FLOAT_CHUNK];
  /** float32 targets. */
  final float[] fy = new float[FLOAT_CHUNK];
  /** float32 exponentials, then deltas. */
  final float[] fe = new float[FLOAT_CHUNK];
  /** float32 loss terms. */
  final float[] ft = new float[FLOAT_CHUNK];
  /** {@link Float32Math#expInto}'s scratch. */
  final float[] fd = new float[FLOAT_CHUNK];
  /** {@link Float32Math#expInto}'s scratch. */
  final float[] fp = new float[FLOAT_CHUNK];
  /** Per-row values of a block of short rows (their maxima; {@link ShortRows}). */
  final double[] rowMax = new double[CHUNK];
  /** Per-row values of a block of short rows (their sums of exponentials). */
  final double[] rowSum = new double[CHUNK];

  /**
   * A block's float32 logits and targets, copied in one stream before its rows are computed
   * ({@link Float32Kernels#softmaxLongRows}): grown to the longest block this thread has seen.
   */
  float[] blockZ = new float[0];
  float[] blockY = new float[0];

  /** One per-row sum a kernel hands from a helper to its caller ({@code OptionKernels}). */
  double dot;
  /** The sums {@code Float32Kernels.segmentSums} hands back besides the one it returns. */
  double targetSum;
  double shiftedSum;

  private Scratch() {}

  /** Grows {@link #blockZ} and {@link #blockY} to at least {@code length} elements. */
  void holdBlock(int length) {
    if (blockZ.length < length) {
      blockZ = new float[length];
      blockY = new float[length];
    }
  }

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

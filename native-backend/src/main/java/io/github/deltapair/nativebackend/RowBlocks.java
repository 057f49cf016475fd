package io.github.deltapair.nativebackend;

import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Options;
import io.github.deltapair.Targets;

/**
 * Runs a kernel ({@link BlockKernel}, {@link LabelKernel}, {@link OptionsKernel} or {@link
 * Float32Kernel}) over a batch
 * in blocks of whole rows, one after another or in parallel. Blocks depend only on the shape, and
 * their sums are combined in block order with compensation, so the result has the same bits
 * whether the blocks ran on one thread or many.
 *
 * <p>Neither path allocates per call: each calling thread keeps its own {@link
 * RowSplit} (reusable tasks and a block-sum array), see there.
 */
final class RowBlocks {

  /** About 8192 elements per block: z, y and delta of a block (192 KB) stay in the L2 cache. */
  static final int BLOCK_ELEMENTS = 1 << 13;

  private static final ThreadLocal<RowSplit> SPLITS = ThreadLocal.withInitial(RowSplit::new);

  private RowBlocks() {}

  /**
   * Rows per block for a batch of {@code rows} rows of {@code cols}: the batch in about {@link
   * #BLOCK_ELEMENTS}-element blocks, an even number of them when more than one, of equal rows (the
   * last perhaps shorter), so that two threads get halves of one size. (With a fixed 8192/cols rows
   * a block, 256x100 was blocks of 81, 81, 81 and 13 rows: one thread did 162 rows, the other 94.)
   */
  static int rowsPerBlock(int rows, int cols) {
    long elements = (long) rows * cols;
    long blocks = Math.max(1, (elements + BLOCK_ELEMENTS - 1) / BLOCK_ELEMENTS);
    if (blocks > 1 && blocks % 2 == 1) {
      blocks++;
    }
    return (int) Math.max(1, (rows + blocks - 1) / blocks);
  }

  /**
   * {@code scale · Σ ℓ} over all rows, writing {@code scale · δ} (and each {@code ℓ_i} into {@code
   * losses} if it is not null); NaN if a block reported an anomaly. Runs blocks in parallel when
   * the batch has at least {@code parallelThreshold} elements and more than one block, and the
   * machine a second processor ({@link Helpers}); otherwise on this thread, through the same {@link
   * RowSplit} (so the sums are added in the same order either way).
   */
  static double run(BlockKernel kernel, double[] z, double[] y, int rows, int cols, double scale,
      double[] delta, double[] losses, long parallelThreshold) {
    int perBlock = rowsPerBlock(rows, cols);
    int blocks = (rows + perBlock - 1) / perBlock;
    return scale * split().run(kernel, z, y, rows, cols, perBlock, blocks,
        threads(blocks, rows, cols, parallelThreshold), scale, delta, losses);
  }

  /** {@link #run(BlockKernel, double[], double[], int, int, double, double[], double[], long)} for a {@link LabelKernel}. */
  static double run(LabelKernel kernel, double[] z, Labels labels, int rows, int cols,
      double scale, double[] delta, double[] losses, long parallelThreshold) {
    int perBlock = rowsPerBlock(rows, cols);
    int blocks = (rows + perBlock - 1) / perBlock;
    return scale * split().run(kernel, z, labels, rows, cols, perBlock, blocks,
        threads(blocks, rows, cols, parallelThreshold), scale, delta, losses);
  }

  /** The same for an {@link OptionsKernel}: the same blocks, the same order of sums. */
  static double run(OptionsKernel kernel, Batch z, Targets targets, Options options,
      double scale, double[] delta, double[] losses, long parallelThreshold) {
    int rows = z.rows();
    int cols = z.cols();
    int perBlock = rowsPerBlock(rows, cols);
    int blocks = (rows + perBlock - 1) / perBlock;
    return scale * split().run(kernel, z, targets, options, perBlock, blocks,
        threads(blocks, rows, cols, parallelThreshold), scale, delta, losses);
  }

  /** The same for a {@link Float32Kernel}: the same blocks and order of sums. */
  static double run(Float32Kernel kernel, float[] z, Targets targets, int rows, int cols,
      double scale, float[] delta, double[] losses, long parallelThreshold) {
    int perBlock = rowsPerBlock(rows, cols);
    int blocks = (rows + perBlock - 1) / perBlock;
    return scale * split().run(kernel, z, targets, rows, cols, perBlock, blocks,
        threads(blocks, rows, cols, parallelThreshold), scale, delta, losses);
  }

  /** 1 for a batch below the threshold (or a single block, or no helper), else one per helper and this one. */
  private static int threads(int blocks, int rows, int cols, long parallelThreshold) {
    int threads = threads(blocks);
    return threads < 2 || (long) rows * cols < parallelThreshold ? 1 : threads;
  }

  private static int threads(int blocks) {
    return Math.min(blocks, Helpers.count() + 1);
  }

  /**
   * This thread's split, or a fresh one should this thread start a call while its own is under
   * way.
   */
  private static RowSplit split() {
    RowSplit split = SPLITS.get();
    return split.busy() ? new RowSplit() : split;
  }
}

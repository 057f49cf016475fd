package io.github.deltapair.nativebackend;

import io.github.deltapair.Labels;
import java.util.concurrent.ForkJoinPool;

/**
 * Runs a {@link BlockKernel} over a batch in blocks of whole rows, one after another or in
 * parallel. Blocks depend only on the shape, and their sums are combined in block order with
 * compensation, so the result has the same bits whether the blocks ran on one thread or many.
 *
 * <p>The parallel path allocates nothing per call: each calling thread keeps its own {@link
 * RowSplit} (reusable tasks and a block-sum array), see there.
 */
final class RowBlocks {

  /** About 8192 elements per block: z, y and delta of a block (192 KB) stay in the L2 cache. */
  static final int BLOCK_ELEMENTS = 1 << 13;

  private static final ThreadLocal<RowSplit> SPLITS = ThreadLocal.withInitial(RowSplit::new);

  private RowBlocks() {}

  /** Rows per block for a row of {@code cols} elements. */
  static int rowsPerBlock(int cols) {
    return Math.max(1, BLOCK_ELEMENTS / cols);
  }

  /**
   * {@code scale · Σ ℓ} over all rows, writing {@code scale · δ}; NaN if a block reported an
   * anomaly. Runs blocks in parallel when the batch has at least {@code parallelThreshold}
   * elements, more than one block, and the common pool has a worker.
   */
  static double run(BlockKernel kernel, double[] z, double[] y, int rows, int cols, double scale,
      double[] delta, long parallelThreshold) {
    int perBlock = rowsPerBlock(cols);
    int blocks = (rows + perBlock - 1) / perBlock;
    int threads = Math.min(blocks, ForkJoinPool.getCommonPoolParallelism() + 1);
    if (threads < 2 || (long) rows * cols < parallelThreshold) {
      // Σ over blocks in order, each block's rows in order, compensated exactly as NeumaierSum
      // does it, in locals (no instance to allocate before the JIT's escape analysis removes it)
      double sum = 0.0;
      double compensation = 0.0;
      for (int b = 0; b < blocks; b++) {
        int from = b * perBlock;
        double x = kernel.rows(z, y, cols, from, Math.min(rows, from + perBlock), scale, delta);
        double t = sum + x;
        compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
      }
      return scale * (sum + compensation);
    }
    RowSplit split = SPLITS.get();
    if (split.busy()) {
      // this thread is helping a fork/join pool while its own call waits: a split of its own
      split = new RowSplit();
    }
    return scale * split.run(kernel, z, y, rows, cols, perBlock, blocks, threads, scale, delta);
  }

  /**
   * {@link #run(BlockKernel, double[], double[], int, int, double, double[], long)} for a {@link
   * LabelKernel}: the same blocks, the same order of sums, the same bits on one thread or many.
   */
  static double run(LabelKernel kernel, double[] z, Labels labels, int rows, int cols,
      double scale, double[] delta, long parallelThreshold) {
    int perBlock = rowsPerBlock(cols);
    int blocks = (rows + perBlock - 1) / perBlock;
    int threads = Math.min(blocks, ForkJoinPool.getCommonPoolParallelism() + 1);
    if (threads < 2 || (long) rows * cols < parallelThreshold) {
      // Σ over blocks in order, compensated as in the dense loop above
      double sum = 0.0;
      double compensation = 0.0;
      for (int b = 0; b < blocks; b++) {
        int from = b * perBlock;
        double x = kernel.rows(z, labels, cols, from, Math.min(rows, from + perBlock), scale,
            delta);
        double t = sum + x;
        compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
      }
      return scale * (sum + compensation);
    }
    RowSplit split = SPLITS.get();
    if (split.busy()) {
      split = new RowSplit();
    }
    return scale * split.run(kernel, z, labels, rows, cols, perBlock, blocks, threads, scale,
        delta);
  }
}

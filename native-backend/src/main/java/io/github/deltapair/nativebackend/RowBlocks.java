package io.github.deltapair.nativebackend;

import java.util.stream.IntStream;

/**
 * Runs a {@link BlockKernel} over a batch in blocks of whole rows, one after another or in
 * parallel. Blocks depend only on the shape, and their sums are combined in block order with
 * compensation, so the result has the same bits whether the blocks ran on one thread or many.
 */
final class RowBlocks {

  /** About 8192 elements per block: z, y and delta of a block (192 KB) stay in the L2 cache. */
  static final int BLOCK_ELEMENTS = 1 << 13;

  private RowBlocks() {}

  /**
   * {@code scale · Σ ℓ} over all rows, writing {@code scale · δ}; NaN if a block reported an
   * anomaly. Runs blocks in parallel when the batch has at least {@code parallelThreshold}
   * elements and more than one block.
   */
  static double run(BlockKernel kernel, double[] z, double[] y, int rows, int cols, double scale,
      double[] delta, long parallelThreshold) {
    int perBlock = Math.max(1, BLOCK_ELEMENTS / cols);
    int blocks = (rows + perBlock - 1) / perBlock;
    CompensatedSum total = new CompensatedSum();
    if (blocks == 1 || (long) rows * cols < parallelThreshold) {
      // Σ over blocks in order, each block's rows in order
      for (int b = 0; b < blocks; b++) {
        int from = b * perBlock;
        total.add(kernel.rows(z, y, cols, from, Math.min(rows, from + perBlock), scale, delta));
      }
      return scale * total.value();
    }
    double[] sums = new double[blocks];
    IntStream.range(0, blocks).parallel().forEach(b -> {
      int from = b * perBlock;
      sums[b] = kernel.rows(z, y, cols, from, Math.min(rows, from + perBlock), scale, delta);
    });
    // the same additions in the same order as the sequential loop
    for (double sum : sums) {
      total.add(sum);
    }
    return scale * total.value();
  }
}

package io.github.deltapair.nativebackend;

import java.util.Arrays;
import java.util.concurrent.RecursiveAction;

/**
 * One calling thread's reusable state for running row blocks in parallel without allocating:
 * {@code threads − 1} tasks, re-armed with {@link RecursiveAction#reinitialize()} and forked to
 * the pool, while the caller runs the first range of blocks itself; each block's sum goes into
 * {@code sums[block]}, and the sums are then combined in block order, so the bits never depend on
 * which thread ran which block. The arrays grow to the largest batch seen and are kept.
 *
 * <p>Used by one thread at a time (held in a {@link ThreadLocal} by {@link RowBlocks}); a thread
 * that re-enters while its call waits (a pool worker helping other tasks) gets a fresh one.
 */
final class RowSplit {

  /** How long a caller spins for a forked range to finish before it parks (allocating a node). */
  private static final long SPIN_NANOS = 2_000_000L;

  private double[] sums = new double[0];
  private Range[] ranges = new Range[0];
  private boolean busy;

  boolean busy() {
    return busy;
  }

  /** {@code Σ ℓ} over all blocks (unscaled); {@code threads ≥ 2} contiguous ranges of blocks. */
  double run(BlockKernel kernel, double[] z, double[] y, int rows, int cols, int perBlock,
      int blocks, int threads, double scale, double[] delta) {
    busy = true;
    try {
      if (sums.length < blocks) {
        sums = new double[blocks];
      }
      if (ranges.length < threads) {
        ranges = Arrays.copyOf(ranges, threads);
        for (int p = 0; p < threads; p++) {
          ranges[p] = ranges[p] == null ? new Range(this) : ranges[p];
        }
      }
      // range p holds blocks [p·blocks/threads, (p+1)·blocks/threads)
      for (int p = 1; p < threads; p++) {
        Range range = ranges[p];
        range.reinitialize();
        range.arm(kernel, z, y, rows, cols, perBlock, scale, delta,
            (int) ((long) p * blocks / threads), (int) ((long) (p + 1) * blocks / threads));
        range.fork();
      }
      runBlocks(kernel, z, y, rows, cols, perBlock, scale, delta, 0, blocks / threads);
      for (int p = threads - 1; p >= 1; p--) {
        await(ranges[p]);
      }
      // the same additions in the same order as the sequential loop of RowBlocks
      return NeumaierSum.of(sums, blocks);
    } finally {
      for (int p = 1; p < threads; p++) {
        if (ranges.length > p && ranges[p] != null) {
          ranges[p].disarm();
        }
      }
      busy = false;
    }
  }

  /** sums[b] = Σ ℓ over block b, for blocks [first, end). */
  private void runBlocks(BlockKernel kernel, double[] z, double[] y, int rows, int cols,
      int perBlock, double scale, double[] delta, int first, int end) {
    for (int b = first; b < end; b++) {
      int from = b * perBlock;
      sums[b] = kernel.rows(z, y, cols, from, Math.min(rows, from + perBlock), scale, delta);
    }
  }

  /**
   * Runs the range here if no worker took it yet; otherwise spins briefly (the ranges are the same
   * size, so it is usually close to done) before joining, which may park.
   */
  private static void await(Range range) {
    if (range.tryUnfork()) {
      range.invoke();
      return;
    }
    long start = System.nanoTime();
    while (!range.isDone() && System.nanoTime() - start < SPIN_NANOS) {
      Thread.onSpinWait();
    }
    range.join();
  }

  /** A contiguous range of blocks, forked to the pool. */
  private static final class Range extends RecursiveAction {

    private static final long serialVersionUID = 1L;

    private final transient RowSplit owner;
    private transient BlockKernel kernel;
    private transient double[] z;
    private transient double[] y;
    private transient double[] delta;
    private int rows;
    private int cols;
    private int perBlock;
    private double scale;
    private int first;
    private int end;

    Range(RowSplit owner) {
      this.owner = owner;
    }

    void arm(BlockKernel kernel, double[] z, double[] y, int rows, int cols, int perBlock,
        double scale, double[] delta, int first, int end) {
      this.kernel = kernel;
      this.z = z;
      this.y = y;
      this.rows = rows;
      this.cols = cols;
      this.perBlock = perBlock;
      this.scale = scale;
      this.delta = delta;
      this.first = first;
      this.end = end;
    }

    /** Drops the references to the caller's arrays once the call is over. */
    void disarm() {
      kernel = null;
      z = null;
      y = null;
      delta = null;
    }

    @Override
    protected void compute() {
      owner.runBlocks(kernel, z, y, rows, cols, perBlock, scale, delta, first, end);
    }
  }
}

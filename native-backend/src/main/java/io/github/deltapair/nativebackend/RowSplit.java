package io.github.deltapair.nativebackend;

import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Options;
import io.github.deltapair.Targets;
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

  // the call under way (set before the ranges fork, which publishes them to the workers)
  private BlockKernel kernel;
  private LabelKernel labelKernel;
  private OptionsKernel optionsKernel;
  private Float32Kernel float32Kernel;
  private float[] floatZ;
  private float[] floatDelta;
  private double[] z;
  private double[] y;
  private Labels labels;
  private Batch batch;
  private Targets targets;
  private Options options;
  private double[] delta;
  private double[] losses;
  private int rows;
  private int cols;
  private int perBlock;
  private double scale;

  boolean busy() {
    return busy;
  }

  /** {@code Σ ℓ} over all blocks (unscaled); {@code threads ≥ 2} contiguous ranges of blocks. */
  double run(BlockKernel kernel, double[] z, double[] y, int rows, int cols, int perBlock,
      int blocks, int threads, double scale, double[] delta, double[] losses) {
    this.kernel = kernel;
    this.y = y;
    return run(z, rows, cols, perBlock, blocks, threads, scale, delta, losses);
  }

  /** The same for a {@link LabelKernel} and class-index labels. */
  double run(LabelKernel kernel, double[] z, Labels labels, int rows, int cols, int perBlock,
      int blocks, int threads, double scale, double[] delta, double[] losses) {
    this.labelKernel = kernel;
    this.labels = labels;
    return run(z, rows, cols, perBlock, blocks, threads, scale, delta, losses);
  }

  /** The same for an {@link OptionsKernel}. */
  double run(OptionsKernel kernel, Batch z, Targets targets, Options options, int perBlock,
      int blocks, int threads, double scale, double[] delta, double[] losses) {
    this.optionsKernel = kernel;
    this.batch = z;
    this.targets = targets;
    this.options = options;
    return run(z.array(), z.rows(), z.cols(), perBlock, blocks, threads, scale, delta, losses);
  }

  /**
   * The same for a {@link Float32Kernel} and float32 batches; with {@code threads = 1} it runs every
   * block on this thread, in the same order.
   */
  double run(Float32Kernel kernel, float[] z, Targets targets, int rows, int cols, int perBlock,
      int blocks, int threads, double scale, float[] delta, double[] losses) {
    this.float32Kernel = kernel;
    this.floatZ = z;
    this.targets = targets;
    this.floatDelta = delta;
    return run((double[]) null, rows, cols, perBlock, blocks, threads, scale, null, losses);
  }

  private double run(double[] z, int rows, int cols, int perBlock, int blocks, int threads,
      double scale, double[] delta, double[] losses) {
    busy = true;
    this.losses = losses;
    this.z = z;
    this.rows = rows;
    this.cols = cols;
    this.perBlock = perBlock;
    this.scale = scale;
    this.delta = delta;
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
        range.arm((int) ((long) p * blocks / threads), (int) ((long) (p + 1) * blocks / threads));
        range.fork();
      }
      runBlocks(0, blocks / threads);
      for (int p = threads - 1; p >= 1; p--) {
        await(ranges[p]);
      }
      // the block sums added in block order, however many threads ran them
      return NeumaierSum.of(sums, blocks);
    } finally {
      // drop the references to the caller's arrays once the call is over
      kernel = null;
      labelKernel = null;
      optionsKernel = null;
      float32Kernel = null;
      floatZ = null;
      floatDelta = null;
      this.z = null;
      y = null;
      labels = null;
      batch = null;
      targets = null;
      options = null;
      this.delta = null;
      this.losses = null;
      busy = false;
    }
  }

  /** sums[b] = Σ ℓ over block b, for blocks [first, end). */
  private void runBlocks(int first, int end) {
    for (int b = first; b < end; b++) {
      int from = b * perBlock;
      int to = Math.min(rows, from + perBlock);
      sums[b] = float32Kernel != null
          ? float32Kernel.rows(floatZ, targets, cols, from, to, scale, floatDelta, losses)
          : optionsKernel != null
          ? optionsKernel.rows(batch, targets, options, from, to, scale, delta, losses)
          : labelKernel != null
              ? labelKernel.rows(z, labels, cols, from, to, scale, delta, losses)
              : kernel.rows(z, y, cols, from, to, scale, delta, losses);
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

  /** A contiguous range of blocks of the owner's call, forked to the pool. */
  private static final class Range extends RecursiveAction {

    private static final long serialVersionUID = 1L;

    private final transient RowSplit owner;
    private int first;
    private int end;

    Range(RowSplit owner) {
      this.owner = owner;
    }

    void arm(int first, int end) {
      this.first = first;
      this.end = end;
    }

    @Override
    protected void compute() {
      owner.runBlocks(first, end);
    }
  }
}

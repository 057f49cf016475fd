package io.github.deltapair.nativebackend;

import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Options;
import io.github.deltapair.Targets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One calling thread's reusable state for running row blocks in parallel without allocating: the
 * call is offered to up to {@code threads − 1} idle {@link Helpers} while the caller starts on the
 * blocks at once. Every participant claims the next unclaimed block from one counter until none is
 * left, so a helper that starts late (a parked thread took about 20 µs to wake on a 2-core VM, as
 * long as half of a 256x100 softmax call) takes fewer blocks instead of leaving the caller waiting
 * for a fixed half. Each block's sum goes into {@code sums[block]}, and the sums are then combined
 * in block order, so the bits never depend on which thread ran which block. The arrays grow to the
 * largest batch seen and are kept.
 *
 * <p>Used by one thread at a time (held in a {@link ThreadLocal} by {@link RowBlocks}).
 */
final class RowSplit {

  private double[] sums = new double[0];
  /** The helpers that took this call's offer. */
  private Helpers.Helper[] offered = new Helpers.Helper[0];
  private boolean busy;
  /** What a helper's block threw, rethrown by the caller. */
  private volatile Throwable failure;
  /** The next block no participant has claimed yet. */
  private final AtomicInteger next = new AtomicInteger();
  private int blocks;

  // the call under way (set before the offer, which publishes them to the helpers)
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

  /** {@code Σ ℓ} over all blocks (unscaled), on this thread and up to {@code threads − 1} helpers. */
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
      if (offered.length < threads - 1) {
        offered = new Helpers.Helper[threads - 1];
      }
      this.blocks = blocks;
      failure = null;
      next.set(0);
      // the counter and the call's fields are set before the offer, which publishes them
      int helping = threads > 1 ? Helpers.offer(this, threads - 1, offered) : 0;
      try {
        runBlocks();
      } finally {
        // should a block throw here, no helper claims another, and none is left running when the
        // call returns (the fields below are cleared)
        next.set(blocks);
        Helpers.retract(this, offered, helping);
      }
      Throwable failed = failure;
      if (failed != null) {
        failure = null;
        if (failed instanceof RuntimeException e) {
          throw e;
        }
        if (failed instanceof Error e) {
          throw e;
        }
        throw new IllegalStateException("a helper's block failed", failed);
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

  /** Records what a helper's block threw, for the caller to rethrow. */
  void fail(Throwable t) {
    failure = t;
  }

  /** sums[b] = Σ ℓ over block b, for each block b this thread claims, until none is left. */
  void runBlocks() {
    for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
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
}

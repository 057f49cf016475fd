package io.github.deltapair.nativebackend;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Validation;
import io.github.deltapair.spi.Backend;
import java.util.Objects;

/**
 * The {@code native} backend: plain-Java float64 kernels for every pair of the catalog.
 *
 * <p>Matched pairs run {@link CanonicalKernels}, fused and stable from the logits, or their Vector
 * API twins when {@code jdk.incubator.vector} is present (see {@link KernelPath}); chain-rule
 * pairs run {@link ChainRuleKernels}. Large batches split into blocks of rows that run in parallel
 * with the same bits as on one thread, allocating nothing per call (each calling thread keeps
 * reusable tasks: {@link RowSplit}). Stateless and thread-safe; reads {@code z} and {@code y},
 * writes only the output batch it is given.
 *
 * <p>{@code evaluate} checks the rules of {@link Validation} inside the kernels' one pass instead
 * of in passes of their own; on any anomaly it runs {@link Validation}'s checks, so every message
 * is the shared one. On rejection the contents of {@code deltaOut} are unspecified.
 */
public final class NativeBackend implements Backend {

  /** This backend's id: {@value}. */
  public static final String ID = "native";

  private final boolean vector;
  /** Parallel thresholds of the kernels, indexed like the kernels. */
  private final long[] canonicalThreshold;
  private final long chainRuleThreshold;
  /** Matched-pair kernels by loss ordinal; chain-rule kernels by activation and loss ordinals. */
  private final BlockKernel[] canonical;
  private final BlockKernel[][] chainRule;

  /**
   * Creates the backend with the kernels chosen at start-up ({@link java.util.ServiceLoader}
   * calls this): vector ones when {@code jdk.incubator.vector} is present, unless {@code
   * -Ddeltapair.native.vector=false}.
   */
  public NativeBackend() {
    this(KernelPath.VECTOR, -1);
  }

  /**
   * A backend on a given kernel path (tests and benchmarks).
   *
   * @param vector whether matched pairs use the Vector API kernels
   * @param parallelThreshold batches of at least this many elements run row blocks in parallel,
   *     for every kernel; negative for each kernel's default ({@link
   *     KernelPath#defaultParallelThreshold})
   * @throws IllegalStateException if {@code vector} and the module is not present
   */
  NativeBackend(boolean vector, long parallelThreshold) {
    this.vector = vector;
    this.canonicalThreshold = new long[Loss.values().length];
    for (Loss loss : Loss.values()) {
      canonicalThreshold[loss.ordinal()] = parallelThreshold >= 0 ? parallelThreshold
          : KernelPath.defaultParallelThreshold(vector, loss == Loss.SQUARED_ERROR);
    }
    this.chainRuleThreshold = parallelThreshold >= 0 ? parallelThreshold
        : KernelPath.defaultParallelThreshold(false, false);
    this.canonical = KernelPath.canonicalKernels(vector);
    this.chainRule = new BlockKernel[Activation.values().length][Loss.values().length];
    for (Pair pair : Pair.all()) {
      if (!pair.isCanonical()) {
        chainRule[pair.activation().ordinal()][pair.loss().ordinal()] =
            ChainRuleKernels.of(pair.activation(), pair.loss());
      }
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "plain-Java float64 kernels: fused stable matched pairs, chain rule otherwise ("
        + (vector ? "Vector API" : "scalar") + ")";
  }

  /** Whether the matched pairs run the Vector API kernels. */
  boolean usesVectorKernels() {
    return vector;
  }

  @Override
  public LossResult evaluate(Pair pair, Batch z, Batch y, Reduction reduction) {
    checkStructure(pair, z, y, reduction);
    Batch delta = Batch.zeros(z.rows(), z.cols());
    double loss = checkedLoss(pair, z, y, reduction, delta);
    Batch activations = Batch.zeros(z.rows(), z.cols());
    activate(pair.activation(), z, activations);
    return new LossResult(loss, activations, delta);
  }

  @Override
  public double evaluate(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    checkStructure(pair, z, y, reduction);
    try {
      Validation.checkOutput("deltaOut", deltaOut, z, y);
    } catch (IllegalArgumentException | NullPointerException e) {
      // a broken input is reported before a broken buffer, as by the SPI's default
      Validation.checkInputs(pair, z, y);
      throw e;
    }
    return checkedLoss(pair, z, y, reduction, deltaOut);
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(reduction, "reduction");
    return run(pair, z, y, reduction, deltaOut);
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    Objects.requireNonNull(activation, "activation");
    NativeActivations.forward(activation, z.array(), out.array(), z.cols());
  }

  @Override
  public String toString() {
    return "NativeBackend[" + ID + ", " + (vector ? "vector" : "scalar") + "]";
  }

  /** The kernel's loss; where it reports an anomaly, {@link Validation} names it and throws. */
  private double checkedLoss(Pair pair, Batch z, Batch y, Reduction reduction, Batch delta) {
    double loss = run(pair, z, y, reduction, delta);
    if (!Double.isFinite(loss)) {
      // a rule is broken somewhere: the shared checks find the first one and say which
      Validation.checkInputs(pair, z, y);
      Validation.checkResult(pair, z, y, loss, delta);
    }
    return loss;
  }

  private double run(Pair pair, Batch z, Batch y, Reduction reduction, Batch delta) {
    BlockKernel kernel = pair.isCanonical()
        ? canonical[pair.loss().ordinal()]
        : chainRule[pair.activation().ordinal()][pair.loss().ordinal()];
    long threshold =
        pair.isCanonical() ? canonicalThreshold[pair.loss().ordinal()] : chainRuleThreshold;
    return RowBlocks.run(kernel, z.array(), y.array(), z.rows(), z.cols(),
        reduction.scale(z.rows()), delta.array(), threshold);
  }

  /** Nulls, shapes and softmax's columns: the checks no kernel can make. */
  private static void checkStructure(Pair pair, Batch z, Batch y, Reduction reduction) {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(z, "z");
    Objects.requireNonNull(y, "y");
    if (z.rows() != y.rows() || z.cols() != y.cols()
        || (pair.activation() == Activation.SOFTMAX && z.cols() < 2)) {
      Validation.checkInputs(pair, z, y);
    }
    Objects.requireNonNull(reduction, "reduction");
  }
}

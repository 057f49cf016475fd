package io.github.deltapair.benchmarks;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What loss options cost over the plain call (issue 11: at most 10 %), through the evaluator users
 * get, with a caller's delta buffer:
 *
 * <ul>
 *   <li>{@code case = ce-labels}: softmax + cross-entropy on class-index labels, plain;
 *   <li>{@code case = ce-labels-weighted-smoothed}: the same with class weights and label smoothing
 *       0.1 ({@code mean-by-weight}, PyTorch's weighted mean);
 *   <li>{@code case = bce}: sigmoid + binary cross-entropy on 0/1 targets, plain;
 *   <li>{@code case = bce-pos-weight}: the same with a pos_weight per column.
 * </ul>
 *
 * <p>The plain cases use {@code mean}, the optioned ones the reduction PyTorch users pair them
 * with; the evaluator validates the inputs in both (inline in the plain kernels, a separate pass
 * under options). {@code backend} is {@code native} (scalar) or {@code native-vector}; one fork per
 * backend, since the kernel path is chosen once per JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OptionsBenchmark {

  @Param({"native", "native-vector"})
  public String backend;

  @Param({"ce-labels", "ce-labels-weighted-smoothed", "bce", "bce-pos-weight"})
  public String which;

  @Param({"256x100", "4096x1000"})
  public String shape;

  private Pair pair;
  private Evaluator deltapair;
  private Batch z;
  private Targets targets;
  private Options options;
  private Reduction reduction;
  private Batch delta;

  @Setup(Level.Trial)
  public void setUp() {
    boolean crossEntropy = which.startsWith("ce");
    pair = crossEntropy ? Pair.of("softmax", "cross-entropy")
        : Pair.of("sigmoid", "binary-cross-entropy");
    Workload work = Workload.of(pair.loss(), shape);
    z = Batch.wrap(work.z(), work.rows(), work.cols());
    delta = Batch.zeros(work.rows(), work.cols());
    double[] perColumn = work.perColumnWeights();
    targets = crossEntropy ? work.labels() : Batch.wrap(work.y(), work.rows(), work.cols());
    switch (which) {
      case "ce-labels", "bce" -> {
        options = Options.NONE;
        reduction = Reduction.MEAN;
      }
      case "ce-labels-weighted-smoothed" -> {
        options = Options.NONE.withClassWeights(perColumn).withLabelSmoothing(0.1);
        reduction = Reduction.MEAN_BY_WEIGHT;
      }
      case "bce-pos-weight" -> {
        options = Options.NONE.withPosWeight(perColumn);
        reduction = Reduction.MEAN;
      }
      default -> throw new IllegalArgumentException("unknown case " + which);
    }
    deltapair = Evaluator.of(NativeForks.create(backend, "OptionsBenchmark"));
  }

  /** The loss; the delta lands in the caller's buffer. */
  @Benchmark
  public double lossAndDelta() {
    return deltapair.evaluate(pair, z, targets, options, reduction, delta);
  }
}

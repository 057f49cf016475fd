package io.github.deltapair.benchmarks;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
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
 * Softmax + cross-entropy with class-index labels against the same targets as dense one-hot rows
 * (issue 11: labels at least 1.3× faster at 4096x1000, since the kernel reads one array fewer).
 *
 * <ul>
 *   <li>{@code targets = dense}: {@code evaluate(pair, z, y, SUM, delta)} with one-hot {@code y};
 *   <li>{@code targets = labels}: {@code evaluate(pair, z, labels, SUM, delta)} with the class
 *       indices of the same rows.
 * </ul>
 *
 * <p>{@code backend} is {@code native} (scalar kernels, both calls sharing the straight-line exp
 * of {@code StraightMath}) or {@code native-vector} (the Vector API kernels, dense and labels). One fork per
 * backend, since the kernel path is chosen once per JVM. For one-thread runs on a loaded machine:
 * {@code -jvmArgsAppend "--add-modules=jdk.incubator.vector
 * -Ddeltapair.native.parallelThreshold=9000000000000000000"} (the option replaces the fork's own
 * arguments, hence the module flag again).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LabelsBenchmark {

  @Param({"native", "native-vector"})
  public String backend;

  @Param({"dense", "labels"})
  public String targets;

  @Param({"256x100", "4096x1000"})
  public String shape;

  private final Pair pair = Pair.of("softmax", "cross-entropy");
  private Evaluator deltapair;
  private Batch z;
  private Batch y;
  private Labels labels;
  private Batch delta;
  private boolean useLabels;

  @Setup(Level.Trial)
  public void setUp() {
    Workload work = Workload.of(pair.loss(), shape);
    z = Batch.wrap(work.z(), work.rows(), work.cols());
    y = Batch.wrap(work.y(), work.rows(), work.cols());
    delta = Batch.zeros(work.rows(), work.cols());
    labels = work.labels();
    useLabels = targets.equals("labels");
    if (!targets.equals("dense") && !targets.equals("labels")) {
      throw new IllegalArgumentException("targets is dense or labels, not " + targets);
    }
    deltapair = Evaluator.of(NativeForks.create(backend, "LabelsBenchmark"));
  }

  /** The loss; the delta lands in the caller's buffer. */
  @Benchmark
  public double lossAndDelta() {
    return useLabels
        ? deltapair.evaluate(pair, z, labels, Reduction.SUM, delta)
        : deltapair.evaluate(pair, z, y, Reduction.SUM, delta);
  }
}

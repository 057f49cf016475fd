package io.github.deltapair.benchmarks;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.nativebackend.NativeBackend;
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
 * The sweep behind the native backend's parallel thresholds: one call on the caller's thread
 * ({@code split=off}) against the same call split with the backend's helper threads ({@code
 * split=on}), for an exp-bound and a memory-bound pair, at batch sizes around the thresholds (1 to
 * 16 row blocks of 8192 elements). Each fork sets {@code -Ddeltapair.native.parallelThreshold}
 * before its first backend is created, as {@link OutputDeltaBenchmark} does for the kernel path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ParallelThresholdBenchmark {

  @Param({"native", "native-vector"})
  public String backend;

  @Param({"softmax+cross-entropy", "identity+squared-error"})
  public String pair;

  @Param({"82x100", "164x100", "328x100", "655x100", "1311x100"})
  public String shape;

  @Param({"off", "on"})
  public String split;

  private Pair subject;
  private Evaluator deltapair;
  private Batch z;
  private Batch y;
  private Batch delta;

  @Setup(Level.Trial)
  public void setUp() {
    subject = Pair.parse(pair);
    Workload work = Workload.of(subject.loss(), shape);
    z = Batch.wrap(work.z(), work.rows(), work.cols());
    y = Batch.wrap(work.y(), work.rows(), work.cols());
    delta = Batch.zeros(work.rows(), work.cols());
    // read once per JVM, by the first NativeBackend: set before any is created in this fork
    System.setProperty("deltapair.native.parallelThreshold",
        split.equals("on") ? "0" : Long.toString(Long.MAX_VALUE));
    System.setProperty("deltapair.native.vector", Boolean.toString(backend.equals("native-vector")));
    deltapair = Evaluator.of(new NativeBackend());
  }

  /** The loss; the delta lands in the caller's buffer. */
  @Benchmark
  public double lossAndDelta() {
    return deltapair.evaluate(subject, z, y, Reduction.SUM, delta);
  }
}

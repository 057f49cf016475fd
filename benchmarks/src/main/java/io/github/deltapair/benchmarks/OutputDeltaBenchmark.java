package io.github.deltapair.benchmarks;

import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.spi.Backend;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The time of one output-layer step: the loss value and the full delta {@code ∂J/∂z} of a batch,
 * per backend, pair, shape and precision ({@code dtype}: float64 or float32, the same seeded
 * values rounded).
 *
 * <ul>
 *   <li>{@code native}: the native backend's scalar kernels ({@code -Ddeltapair.native.vector=false}),
 *       writing a caller-supplied delta buffer;
 *   <li>{@code native-vector}: the same with the Vector API kernels;
 *   <li>{@code dl4j}: the deltapair DL4J backend, the same buffer overload;
 *   <li>{@code nd4j-raw}: ND4J's own loss on pre-built {@code INDArray}s (DOUBLE or FLOAT), no
 *       conversion ({@link Nd4jRaw}).
 * </ul>
 *
 * <p>{@link #lossAndDelta} is the buffer overload; {@link #allocating} the overload that returns a
 * new {@link LossResult} (delta, per-example losses), measured beside it. nd4j-raw has one form,
 * which both methods time.
 *
 * <p>Each backend runs in its own fork (JMH's default), since the kernel path is chosen once per
 * JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OutputDeltaBenchmark {

  @Param({"native", "native-vector", "dl4j", "nd4j-raw"})
  public String backend;

  @Param({"softmax+cross-entropy", "sigmoid+binary-cross-entropy", "identity+squared-error",
      "sigmoid+squared-error"})
  public String pair;

  @Param({"32x10", "256x100", "4096x1000"})
  public String shape;

  @Param({"float64", "float32"})
  public String dtype;

  private Pair subject;
  private Evaluator deltapair;
  private Batch z;
  private Batch y;
  private Batch delta;
  private Nd4jRaw nd4j;

  @Setup(Level.Trial)
  public void setUp() {
    subject = Pair.parse(pair);
    Precision precision = Precision.of(dtype);
    Workload work = Workload.of(subject.loss(), shape);
    z = work.z(precision);
    y = work.y(precision);
    delta = Batch.zeros(work.rows(), work.cols(), precision);
    switch (backend) {
      case "native", "native-vector" -> deltapair = Evaluator.of(nativeBackend(backend.equals("native-vector")));
      case "dl4j" -> deltapair = Backends.evaluator("dl4j");
      case "nd4j-raw" -> nd4j = new Nd4jRaw(subject, work, precision);
      default -> throw new IllegalArgumentException("unknown backend " + backend);
    }
  }

  /**
   * The loss; the delta lands in the caller's buffer (native, dl4j) or in ND4J's returned gradient
   * (nd4j-raw, handed to the blackhole).
   */
  @Benchmark
  public double lossAndDelta(Blackhole blackhole) {
    if (nd4j != null) {
      blackhole.consume(nd4j.lossAndDelta());
      return 0.0;
    }
    return deltapair.evaluate(subject, z, y, Reduction.SUM, delta);
  }

  /** The allocating overload: a new result with its delta and per-example losses (nd4j-raw: as above). */
  @Benchmark
  public Object allocating() {
    if (nd4j != null) {
      return nd4j.lossAndDelta();
    }
    return deltapair.evaluate(subject, z, y, Reduction.SUM);
  }

  private static Backend nativeBackend(boolean vector) {
    return NativeForks.create(vector ? "native-vector" : "native", "OutputDeltaBenchmark");
  }
}

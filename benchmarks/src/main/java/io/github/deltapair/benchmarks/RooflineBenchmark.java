package io.github.deltapair.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * The machine's limits for the same shapes, on one thread: {@code stream-add} ({@code c = a + b},
 * the memory traffic of {@code δ = z − y}), {@code exp} (a bare {@code Math.exp} loop) and {@code
 * exp-vector} (the Vector API's lanewise {@code EXP}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RooflineBenchmark {

  private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;

  @Param({"stream-add", "exp", "exp-vector"})
  public String kernel;

  @Param({"32x10", "256x100", "4096x1000"})
  public String shape;

  private double[] a;
  private double[] b;
  private double[] c;

  @Setup(Level.Trial)
  public void setUp() {
    String[] parts = shape.split("x");
    int size = Integer.parseInt(parts[0]) * Integer.parseInt(parts[1]);
    Random random = new Random(20_26_11_27L);
    a = new double[size];
    b = new double[size];
    c = new double[size];
    for (int k = 0; k < size; k++) {
      a[k] = 2.0 * random.nextGaussian();
      b[k] = random.nextGaussian();
    }
  }

  @Benchmark
  public double[] run() {
    switch (kernel) {
      case "stream-add" -> streamAdd();
      case "exp" -> exp();
      case "exp-vector" -> expVector();
      default -> throw new IllegalArgumentException("unknown kernel " + kernel);
    }
    return c;
  }

  private void streamAdd() {
    // c = a + b
    for (int k = 0; k < c.length; k++) {
      c[k] = a[k] + b[k];
    }
  }

  private void exp() {
    // c = e^a
    for (int k = 0; k < c.length; k++) {
      c[k] = Math.exp(a[k]);
    }
  }

  private void expVector() {
    // c = e^a, LANES at a time
    int bound = LANES.loopBound(c.length);
    for (int k = 0; k < bound; k += LANES.length()) {
      DoubleVector.fromArray(LANES, a, k).lanewise(VectorOperators.EXP).intoArray(c, k);
    }
    for (int k = bound; k < c.length; k++) {
      c[k] = Math.exp(a[k]);
    }
  }
}

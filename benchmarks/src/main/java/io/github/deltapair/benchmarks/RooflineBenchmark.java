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
 * The machine's limits for the same shapes: {@code stream-add} ({@code c = a + b}, the memory
 * traffic of {@code δ = z − y}) on one thread and, {@code stream-add-2threads}, split in two halves
 * run by the caller and one common-pool worker (as the native backend splits a large batch), each
 * also on {@code float[]} ({@code stream-add-float32…}); {@code exp} (a bare {@code Math.exp} loop)
 * and {@code exp-vector} (the Vector API's lanewise {@code EXP}), on one thread; {@code allocate}
 * and {@code allocate-float32}, a fresh array of the batch's size (the JVM zeroes it on the
 * allocating thread): what the allocating {@code evaluate} adds to the buffer overload at least,
 * since it must return a new delta.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RooflineBenchmark {

  private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;

  @Param({"stream-add", "stream-add-2threads", "stream-add-float32", "stream-add-float32-2threads",
      "exp", "exp-vector", "allocate", "allocate-float32"})
  public String kernel;

  @Param({"32x10", "256x100", "4096x1000"})
  public String shape;

  private double[] a;
  private double[] b;
  private double[] c;
  private float[] af;
  private float[] bf;
  private float[] cf;

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
    af = new float[size];
    bf = new float[size];
    cf = new float[size];
    for (int k = 0; k < size; k++) {
      af[k] = (float) a[k];
      bf[k] = (float) b[k];
    }
  }

  @Benchmark
  public Object run() {
    switch (kernel) {
      case "stream-add" -> streamAdd(0, c.length);
      case "stream-add-2threads" -> twoThreads(this::streamAdd, c.length);
      case "stream-add-float32" -> streamAddFloat(0, cf.length);
      case "stream-add-float32-2threads" -> {
        twoThreads(this::streamAddFloat, cf.length);
        return cf;
      }
      case "exp" -> exp();
      case "exp-vector" -> expVector();
      case "allocate" -> {
        return new double[c.length];
      }
      case "allocate-float32" -> {
        return new float[cf.length];
      }
      default -> throw new IllegalArgumentException("unknown kernel " + kernel);
    }
    return c;
  }

  private void streamAdd(int from, int to) {
    // c = a + b
    for (int k = from; k < to; k++) {
      c[k] = a[k] + b[k];
    }
  }

  private void streamAddFloat(int from, int to) {
    for (int k = from; k < to; k++) {
      cf[k] = af[k] + bf[k];
    }
  }

  /** The upper half on a common-pool worker while this thread does the lower half. */
  private static void twoThreads(java.util.function.BiConsumer<Integer, Integer> add, int size) {
    int half = size / 2;
    java.util.concurrent.ForkJoinTask<?> upper =
        java.util.concurrent.ForkJoinPool.commonPool().submit(() -> add.accept(half, size));
    add.accept(0, half);
    upper.join();
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

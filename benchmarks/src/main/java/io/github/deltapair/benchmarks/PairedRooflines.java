package io.github.deltapair.benchmarks;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Two ratio targets of issue 12 at 4096x1000 measured in pairs, as {@link PairedRatios} measures
 * issue 11's: identity + squared error against a two-thread stream-add over the same bytes
 * ({@link RooflineBenchmark}'s {@code stream-add-2threads} and {@code
 * stream-add-float32-2threads}; the target is that the kernel reach 85 % of the stream-add's
 * speed, a second / first of at most 1.18), and the allocating {@code evaluate} against the buffer
 * overload for softmax + cross-entropy, sigmoid + binary cross-entropy and identity + squared error
 * ({@link OutputDeltaBenchmark}'s two methods; target: at most 1.3). On this 2-core VM the
 * two-thread stream-add alone drifts between about 330 and 600 µs (float32) from one JMH
 * iteration to the next, so JMH's means, taken in forks minutes apart, cannot decide the first.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -Xms2g -Xmx2g -XX:+AlwaysPreTouch \
 *     -cp benchmarks/target/benchmarks.jar \
 *     io.github.deltapair.benchmarks.PairedRooflines native|native-vector [rounds [dtype]]
 * </pre>
 *
 * One JVM per backend (the kernel path is chosen once per JVM; the module is needed by the
 * stream-add's class either way), and for {@code native-vector} one per dtype ({@code float64},
 * {@code float32}; both, float64 first, if none is given): after the float64 Vector API kernels,
 * C2 sometimes compiles the float32 ones boxing their vectors (README), which here made a float32
 * sigmoid + BCE call 5 880 µs instead of 2 600. The fixed, pre-touched heap keeps the allocating calls to what
 * the JVM's zeroing costs: with the default heap, 2 of 4 JVMs here let G1 grow the heap from 0.9
 * to 5.4 GB instead of collecting the 16 MB results, and each allocating float32 call then took
 * 10 to 48 ms (fresh pages from the OS) instead of 4 to 5.
 */
public final class PairedRooflines {

  private static final String SHAPE = "4096x1000";

  private PairedRooflines() {}

  /**
   * Runs every comparison on one backend.
   *
   * @param args {@code native} or {@code native-vector}, then optionally the number of rounds
   *     (default 40) and one dtype, {@code float64} or {@code float32} (default both)
   */
  public static void main(String[] args) {
    if (args.length < 1 || args.length > 3) {
      throw new IllegalArgumentException(
          "usage: PairedRooflines native|native-vector [rounds [float64|float32]]");
    }
    String backend = args[0];
    int rounds = args.length >= 2 ? PairedRatios.rounds(args[1]) : 40;
    List<String> dtypes = args.length == 3 ? List.of(args[2]) : List.of("float64", "float32");
    if (!List.of("float64", "float32").containsAll(dtypes)) {
      throw new IllegalArgumentException("dtype must be float64 or float32, not " + args[2]);
    }
    for (String dtype : dtypes) {
      for (String pair : List.of("softmax+cross-entropy", "sigmoid+binary-cross-entropy",
          "identity+squared-error")) {
        OutputDeltaBenchmark benchmark = subject(backend, pair, dtype);
        // the Blackhole is used only by the nd4j-raw backend
        DoubleSupplier buffer = () -> benchmark.lossAndDelta(null);
        if (pair.equals("identity+squared-error")) {
          String stream = dtype.equals("float64") ? "stream-add-2threads"
              : "stream-add-float32-2threads";
          PairedRatios.compare(backend, SHAPE + " " + dtype, stream, roofline(stream),
              "identity + SE", buffer, rounds);
        }
        PairedRatios.compare(backend, SHAPE + " " + dtype, pair + " buffer", buffer,
            "allocating", () -> benchmark.allocating() == null ? 1.0 : 0.0, rounds);
      }
    }
  }

  private static DoubleSupplier roofline(String kernel) {
    RooflineBenchmark benchmark = new RooflineBenchmark();
    benchmark.kernel = kernel;
    benchmark.shape = SHAPE;
    benchmark.setUp();
    return () -> benchmark.run() == null ? 1.0 : 0.0;
  }

  private static OutputDeltaBenchmark subject(String backend, String pair, String dtype) {
    OutputDeltaBenchmark benchmark = new OutputDeltaBenchmark();
    benchmark.backend = backend;
    benchmark.pair = pair;
    benchmark.shape = SHAPE;
    benchmark.dtype = dtype;
    benchmark.setUp();
    return benchmark;
  }
}

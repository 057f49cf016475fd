package io.github.deltapair.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * The ratio targets of issue 11 (labels against one-hot targets, options against the plain call)
 * measured in pairs: the two calls of each comparison, exactly {@link LabelsBenchmark}'s and
 * {@link OptionsBenchmark}'s, run alternately in one JVM, a batch of calls each, so that both see
 * the same state of a shared machine; the ratio is taken within each round and its median and
 * quartiles reported. JMH measures each configuration in a fork of its own, minutes apart, and on
 * a host whose speed drifts by 1.5× within minutes its means cannot resolve a 10 % difference.
 *
 * <pre>
 * java -Ddeltapair.native.vector=false -cp benchmarks/target/benchmarks.jar \
 *     io.github.deltapair.benchmarks.PairedRatios native [rounds]
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     io.github.deltapair.benchmarks.PairedRatios native-vector [rounds]
 * </pre>
 *
 * One JVM per backend (the kernel path is chosen once per JVM). Prints one line per comparison:
 * each call's median and fastest µs per call and the second over the first.
 *
 * <p>An optional third argument, a gap in µs, keeps the calling thread busy (spinning) that long
 * before every call, outside the timed region, as a training loop's forward and backward passes
 * would. A thread that helps with a parallel call and has parked during the gap must be woken,
 * which on a 2-core VM took about as long as half of a 256x100 softmax call (the native backend's
 * helpers now watch for the next call for a while before they park).
 */
public final class PairedRatios {

  private static double sink;
  /** Busy time before each call, not timed (0: calls back to back). */
  private static long gapNanos;

  private PairedRatios() {}

  /**
   * Runs every comparison on one backend.
   *
   * @param args {@code native} or {@code native-vector}, then optionally the number of rounds
   *     (default 40) and the gap before each call in µs (default 0)
   */
  public static void main(String[] args) {
    if (args.length < 1 || args.length > 3) {
      throw new IllegalArgumentException(
          "usage: PairedRatios native|native-vector [rounds] [gap-µs]");
    }
    String backend = args[0];
    int rounds = args.length >= 2 ? rounds(args[1]) : 40;
    gapNanos = args.length == 3 ? Math.round(Double.parseDouble(args[2]) * 1e3) : 0;
    if (gapNanos < 0) {
      throw new IllegalArgumentException("gap-µs must be at least 0, not " + args[2]);
    }
    for (String shape : List.of("256x100", "4096x1000")) {
      compare(backend, shape, "CE one-hot", labels(backend, shape, "dense"), "CE labels",
          labels(backend, shape, "labels"), rounds);
      compare(backend, shape, "CE labels", options(backend, shape, "ce-labels"),
          "+ class weights + smoothing", options(backend, shape, "ce-labels-weighted-smoothed"),
          rounds);
      compare(backend, shape, "BCE", options(backend, shape, "bce"), "+ pos_weight",
          options(backend, shape, "bce-pos-weight"), rounds);
    }
  }

  /** The number of rounds given on the command line: at least 4, for the quartiles. */
  static int rounds(String text) {
    int rounds = Integer.parseInt(text);
    if (rounds < 4) {
      throw new IllegalArgumentException("rounds must be at least 4, not " + rounds);
    }
    return rounds;
  }

  private static DoubleSupplier labels(String backend, String shape, String targets) {
    LabelsBenchmark benchmark = new LabelsBenchmark();
    benchmark.backend = backend;
    benchmark.shape = shape;
    benchmark.targets = targets;
    benchmark.setUp();
    return benchmark::lossAndDelta;
  }

  private static DoubleSupplier options(String backend, String shape, String which) {
    OptionsBenchmark benchmark = new OptionsBenchmark();
    benchmark.backend = backend;
    benchmark.shape = shape;
    benchmark.which = which;
    benchmark.setUp();
    return benchmark::lossAndDelta;
  }

  /**
   * Warms both calls up, then times {@code rounds} rounds of a batch of each, alternating which
   * goes first, and prints the line described above ({@link PairedRooflines} uses it too).
   */
  static void compare(String backend, String shape, String firstName, DoubleSupplier first,
      String secondName, DoubleSupplier second, int rounds) {
    // about 30 ms a batch at either shape
    int calls = shape.equals("256x100") ? 200 : 2;
    for (int k = 0; k < 40; k++) {
      time(first, calls);
      time(second, calls);
    }
    double[] a = new double[rounds];
    double[] b = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      if (r % 2 == 0) {
        a[r] = time(first, calls);
        b[r] = time(second, calls);
      } else {
        b[r] = time(second, calls);
        a[r] = time(first, calls);
      }
      ratio[r] = b[r] / a[r];
    }
    Arrays.sort(a);
    Arrays.sort(b);
    Arrays.sort(ratio);
    System.out.printf(Locale.ROOT,
        "%s %s: %s median %.1f (fastest %.1f) µs, %s median %.1f (fastest %.1f) µs;"
            + " second / first %.3f (quartiles %.3f, %.3f)%n",
        backend, shape, firstName, a[rounds / 2], a[0], secondName, b[rounds / 2], b[0],
        ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
    if (sink == 42) {
      System.out.println();
    }
  }

  /** µs per call over {@code calls} calls, each after the gap if there is one. */
  private static double time(DoubleSupplier call, int calls) {
    if (gapNanos > 0) {
      long timed = 0;
      for (int k = 0; k < calls; k++) {
        long idle = System.nanoTime();
        while (System.nanoTime() - idle < gapNanos) {
          Thread.onSpinWait();
        }
        long start = System.nanoTime();
        sink += call.getAsDouble();
        timed += System.nanoTime() - start;
      }
      return timed / 1e3 / calls;
    }
    long start = System.nanoTime();
    for (int k = 0; k < calls; k++) {
      sink += call.getAsDouble();
    }
    return (System.nanoTime() - start) / 1e3 / calls;
  }
}

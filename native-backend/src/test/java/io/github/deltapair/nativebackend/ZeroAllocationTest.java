package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scalar path of a built-in pair allocates nothing per call once compiled, given a delta buffer,
 * through the evaluator users call: without options, with labels, and with options and example
 * losses on the fused option kernels (the evaluator's validation of options included); and the
 * float64 Vector API kernels of the canonical pairs. float32 batches: {@link
 * Float32ZeroAllocationTest}, in a JVM of its own.
 */
@DisplayName("Allocation per call")
class ZeroAllocationTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"identity+squared-error", "sigmoid+binary-cross-entropy",
      "softmax+cross-entropy", "softmax+kl-divergence", "exp+poisson", "tanh+bipolar-cross-entropy",
      "sigmoid+squared-error", "softmax+squared-error", "sigmoid+focal", "identity+huber",
      "identity+huber(delta=0.5)", "sigmoid+focal(gamma=0.5, alpha=0.25)"})
  @DisplayName("a warmed-up built-in pair, with default or other parameters, on the scalar kernels allocates nothing per call with a caller's buffer")
  void noAllocation(String name) {
    Pair pair = Pair.parse(name);
    Evaluator evaluator = Evaluator.of(new NativeBackend(false, Long.MAX_VALUE));
    Random random = new Random(1);
    Batch z = logits(random);
    Batch y = RandomTargets.soft(pair.loss(), 8, 10, random);
    Batch delta = Batch.zeros(8, 10);
    assertAllocatesNothing(() -> evaluator.evaluate(pair, z, y, Reduction.MEAN, delta));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"softmax+cross-entropy", "softmax+kl-divergence"})
  @DisplayName("a warmed-up label pair on class-index labels (with ignored rows) allocates nothing per call with a caller's buffer")
  void noAllocationWithLabels(String name) {
    Pair pair = Pair.parse(name);
    Evaluator evaluator = Evaluator.of(new NativeBackend(false, Long.MAX_VALUE));
    Batch z = logits(new Random(1));
    Labels labels = Labels.of(new int[] {3, -100, 0, 9, 5, -100, 1, 2}, -100);
    Batch delta = Batch.zeros(8, 10);
    assertAllocatesNothing(() -> evaluator.evaluate(pair, z, labels, Reduction.MEAN, delta));
  }

  /** The option sets of the tests below, by name. */
  private static Options options(String name, Batch mask) {
    double[] classWeights = {1, 2, 0.5, 1, 3, 1, 1, 0, 1, 2};
    double[] exampleWeights = {1, 0.5, 2, 1, 0, 1, 3, 1};
    return switch (name) {
      case "class-weights+example-weights" ->
          Options.NONE.withClassWeights(classWeights).withExampleWeights(exampleWeights);
      case "class-weights+smoothing" ->
          Options.NONE.withClassWeights(classWeights).withLabelSmoothing(0.1);
      case "pos-weight" -> Options.NONE.withPosWeight(2, 2, 0.5, 1, 3, 1, 1, 4, 1, 2);
      case "pos-weight+mask+smoothing" ->
          Options.NONE.withPosWeight(1, 2, 0.5, 1, 3, 1, 1, 4, 1, 2).withMask(mask).withLabelSmoothing(0.05);
      case "mask" -> Options.NONE.withMask(mask);
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @CsvSource(delimiter = '|', value = {
      "softmax+cross-entropy|class-weights+example-weights|mean",
      "softmax+cross-entropy|class-weights+smoothing|mean-by-weight",
      "sigmoid+binary-cross-entropy|pos-weight|sum",
      "sigmoid+binary-cross-entropy|pos-weight+mask+smoothing|mean"})
  @DisplayName("a warmed-up fused pair under options computes without allocating into a caller's delta and example-loss buffers")
  void noAllocationWithOptions(String name, String options, String reduction) {
    Pair pair = Pair.parse(name);
    NativeBackend backend = new NativeBackend(false, Long.MAX_VALUE);
    Evaluator evaluator = Evaluator.of(backend);
    Random random = new Random(2);
    Batch z = logits(random);
    Batch y = RandomTargets.soft(pair.loss(), 8, 10, random);
    Batch mask = Batch.zeros(8, 10);
    for (int k = 0; k < mask.size(); k++) {
      // element-wise pairs: about one entry in four masked out
      mask.array()[k] = random.nextInt(4) == 0 ? 0.0 : 1.0;
    }
    Options chosen = options(options, mask);
    Reduction r = Reduction.fromId(reduction);
    Batch delta = Batch.zeros(8, 10);
    double[] losses = new double[8];
    assertAllocatesNothing(() -> backend.compute(pair, z, y, chosen, r, delta, null));
    assertAllocatesNothing(() -> backend.compute(pair, z, y, chosen, r, delta, losses));
    // and through the evaluator, validation of the options included
    assertAllocatesNothing(() -> evaluator.evaluate(pair, z, y, chosen, r, delta));
    assertAllocatesNothing(() -> evaluator.evaluate(pair, z, y, chosen, r, delta, losses));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"none", "class-weights+smoothing", "class-weights+example-weights"})
  @DisplayName("softmax + cross-entropy on labels (with ignored rows), with and without options, computes without allocating into caller's delta and example-loss buffers")
  void noAllocationWithLabelsAndOptions(String options) {
    Pair pair = Pair.parse("softmax+cross-entropy");
    NativeBackend backend = new NativeBackend(false, Long.MAX_VALUE);
    Batch z = logits(new Random(1));
    Labels labels = Labels.of(new int[] {3, -100, 0, 9, 5, -100, 1, 2}, -100);
    Options chosen = options.equals("none") ? Options.NONE : options(options, null);
    Batch delta = Batch.zeros(8, 10);
    double[] losses = new double[8];
    Evaluator evaluator = Evaluator.of(backend);
    for (Reduction r : Reduction.values()) {
      assertAllocatesNothing(() -> backend.compute(pair, z, labels, chosen, r, delta, losses));
      assertAllocatesNothing(() -> evaluator.evaluate(pair, z, labels, chosen, r, delta, losses));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"identity+squared-error", "sigmoid+binary-cross-entropy",
      "softmax+cross-entropy", "softmax+kl-divergence", "exp+poisson", "tanh+bipolar-cross-entropy",
      "sigmoid+squared-error", "softmax+squared-error", "sigmoid+focal"})
  @DisplayName("a warmed-up built-in pair without options computes without allocating when it also writes the example losses")
  void noAllocationWithExampleLosses(String name) {
    Pair pair = Pair.parse(name);
    NativeBackend backend = new NativeBackend(false, Long.MAX_VALUE);
    Random random = new Random(1);
    Batch z = logits(random);
    Batch y = RandomTargets.soft(pair.loss(), 8, 10, random);
    Batch delta = Batch.zeros(8, 10);
    double[] losses = new double[8];
    assertAllocatesNothing(
        () -> backend.compute(pair, z, y, Options.NONE, Reduction.MEAN, delta, losses));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource(delimiter = '|', value = {
      "identity+squared-error|none", "sigmoid+binary-cross-entropy|none", "softmax+cross-entropy|none",
      "softmax+kl-divergence|none", "exp+poisson|none", "tanh+bipolar-cross-entropy|none",
      "softmax+cross-entropy|labels", "softmax+cross-entropy|labels+class-weights+smoothing",
      "softmax+cross-entropy|labels+class-weights+example-weights",
      "sigmoid+binary-cross-entropy|pos-weight", "sigmoid+binary-cross-entropy|pos-weight+example-weights"})
  @DisplayName("the Vector API kernels, warmed up, allocate nothing per call with caller's buffers, rows of whole vectors or not (no vector boxed for a lane sum)")
  void noAllocationOnTheVectorPath(String name, String targets) {
    Assumptions.assumeTrue(KernelPath.vectorModulePresent(), "needs jdk.incubator.vector");
    Pair pair = Pair.parse(name);
    NativeBackend backend = new NativeBackend(true, Long.MAX_VALUE);
    Evaluator evaluator = Evaluator.of(backend);
    for (int cols : new int[] {40, 43}) {
      Random random = new Random(cols);
      Batch z = Batch.zeros(8, cols);
      for (int k = 0; k < z.size(); k++) {
        z.array()[k] = 2 * random.nextDouble() - 1;
      }
      Batch delta = Batch.zeros(8, cols);
      double[] losses = new double[8];
      double[] perColumn = new double[cols];
      java.util.Arrays.fill(perColumn, 1.5);
      double[] perRow = {1, 0.5, 2, 1, 0, 1, 3, 1};
      Labels labels = Labels.of(new int[] {3, -100, 0, 9, 5, -100, 1, 2}, -100);
      Batch y = RandomTargets.soft(pair.loss(), 8, cols, random);
      switch (targets) {
        case "none" -> {
          assertAllocatesNothing(() -> evaluator.evaluate(pair, z, y, Reduction.MEAN, delta));
          assertAllocatesNothing(() -> backend.compute(pair, z, y, Options.NONE, Reduction.MEAN, delta, losses));
        }
        case "labels" -> assertAllocatesNothing(() -> evaluator.evaluate(pair, z, labels, Reduction.MEAN, delta));
        default -> {
          Options options = switch (targets) {
            case "labels+class-weights+smoothing" -> Options.NONE.withClassWeights(perColumn).withLabelSmoothing(0.1);
            case "labels+class-weights+example-weights" -> Options.NONE.withClassWeights(perColumn).withExampleWeights(perRow);
            case "pos-weight" -> Options.NONE.withPosWeight(perColumn);
            default -> Options.NONE.withPosWeight(perColumn).withExampleWeights(perRow);
          };
          Targets t = targets.startsWith("labels") ? labels : y;
          assertAllocatesNothing(() -> evaluator.evaluate(pair, z, t, options, Reduction.MEAN, delta));
          assertAllocatesNothing(() -> evaluator.evaluate(pair, z, t, options, Reduction.MEAN, delta, losses));
        }
      }
    }
  }

  /** {@code rows × cols} logits uniform in [−1, 1). */
  static Batch logits(Random random, int rows, int cols) {
    Batch z = Batch.zeros(rows, cols);
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = 2 * random.nextDouble() - 1;
    }
    return z;
  }

  /** 8 × 10 logits uniform in [−1, 1). */
  private static Batch logits(Random random) {
    return logits(random, 8, 10);
  }

  /** Warms {@code call} up, then asserts that 10 000 calls allocate under 1 KB in the best round (20 rounds, or more for up to 20 s). */
  static void assertAllocatesNothing(DoubleSupplier call) {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
        "needs com.sun.management.ThreadMXBean to count allocated bytes");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    double sink = 0;
    for (int k = 0; k < 30_000; k++) {
      sink += call.getAsDouble();
    }
    long thread = Thread.currentThread().getId();
    // the JIT may still be compiling (2 cores, a queue of other tests' methods): the fewest bytes
    // of at least 20 rounds, and of more for up to 20 s while every round still allocates
    long fewest = Long.MAX_VALUE;
    long deadline = System.nanoTime() + 20_000_000_000L;
    for (int round = 0; fewest >= 1024 && (round < 20 || System.nanoTime() < deadline); round++) {
      long before = threads.getThreadAllocatedBytes(thread);
      for (int k = 0; k < 10_000; k++) {
        sink += call.getAsDouble();
      }
      fewest = Math.min(fewest, threads.getThreadAllocatedBytes(thread) - before);
    }
    assertThat(sink).isFinite();
    // a few hundred bytes of slack for the measurement itself
    assertThat(fewest).as("bytes allocated by 10 000 calls, in the best round").isLessThan(1024);
  }
}

package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scalar path of a built-in pair allocates nothing per call once compiled, given a delta buffer. */
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

  /** 8 × 10 logits uniform in [−1, 1). */
  private static Batch logits(Random random) {
    Batch z = Batch.zeros(8, 10);
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = 2 * random.nextDouble() - 1;
    }
    return z;
  }

  /** Warms {@code call} up, then asserts that 10 000 calls allocate under 1 KB in the best of up to 20 rounds. */
  private static void assertAllocatesNothing(DoubleSupplier call) {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
        "needs com.sun.management.ThreadMXBean to count allocated bytes");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    double sink = 0;
    for (int k = 0; k < 30_000; k++) {
      sink += call.getAsDouble();
    }
    long thread = Thread.currentThread().getId();
    // the JIT may still be compiling (2 cores, other tests): the fewest bytes of up to 20 rounds
    long fewest = Long.MAX_VALUE;
    for (int round = 0; round < 20 && fewest >= 1024; round++) {
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

package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;


/** Row blocks in parallel give the bits of the same blocks on one thread. */
@DisplayName("Row-parallel evaluation")
class RowBlocksTest {

  static Stream<Arguments> cases() {
    return Pair.all().stream().flatMap(pair -> Stream.of(false, true).map(v -> Arguments.of(pair, v)));
  }

  @ParameterizedTest(name = "vector kernels {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("calls of growing and shrinking sizes, many at once from pool workers, keep the sequential bits")
  void reusedSplitsKeepTheBits(boolean vector) {
    Pair pair = Pair.of("softmax", "cross-entropy");
    Evaluator sequential = Evaluator.of(new NativeBackend(vector, Long.MAX_VALUE));
    Evaluator parallel = Evaluator.of(new NativeBackend(vector, 0));
    int[] rows = {40, 300, 90, 600, 300, 40};
    Batch[] z = new Batch[rows.length];
    Batch[] y = new Batch[rows.length];
    double[] expected = new double[rows.length];
    Batch[] expectedDelta = new Batch[rows.length];
    for (int c = 0; c < rows.length; c++) {
      z[c] = Batch.zeros(rows[c], 97);
      y[c] = Batch.zeros(rows[c], 97);
      Random random = new Random(c);
      for (int i = 0; i < rows[c]; i++) {
        for (int j = 0; j < 97; j++) {
          z[c].set(i, j, 2.0 * random.nextGaussian());
        }
        y[c].set(i, random.nextInt(97), 1.0);
      }
      expectedDelta[c] = Batch.zeros(rows[c], 97);
      expected[c] = sequential.evaluate(pair, z[c], y[c], Reduction.SUM, expectedDelta[c]);
    }
    // each call forks while others (on pool workers) wait in theirs: a worker may re-enter
    IntStream.range(0, 200).parallel().forEach(n -> {
      int c = n % rows.length;
      Batch delta = Batch.zeros(rows[c], 97);
      double loss = parallel.evaluate(pair, z[c], y[c], Reduction.SUM, delta);
      assertThat(Double.doubleToRawLongBits(loss)).isEqualTo(Double.doubleToRawLongBits(expected[c]));
      assertThat(delta.sameBits(expectedDelta[c])).as("delta bits").isTrue();
    });
  }

  @ParameterizedTest(name = "{0}, vector kernels {1}")
  @MethodSource("cases")
  @DisplayName("a batch of many row blocks gives the same loss and delta bits in parallel as on one thread")
  void parallelMatchesSequentialBitForBit(Pair pair, boolean vector) {
    int rows = 300;
    int cols = 97;
    Batch z = Batch.zeros(rows, cols);
    Random random = new Random(pair.name().hashCode());
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = 2.0 * random.nextGaussian();
    }
    Batch y = RandomTargets.hardWhereSimplex(pair.loss(), rows, cols, random);
    Evaluator oneThread = Evaluator.of(new NativeBackend(vector, Long.MAX_VALUE));
    Evaluator manyThreads = Evaluator.of(new NativeBackend(vector, 0));
    Batch sequentialDelta = Batch.zeros(rows, cols);
    Batch parallelDelta = Batch.zeros(rows, cols);
    double sequential = oneThread.evaluate(pair, z, y, Reduction.MEAN, sequentialDelta);
    double parallel = manyThreads.evaluate(pair, z, y, Reduction.MEAN, parallelDelta);
    assertThat(Double.doubleToRawLongBits(parallel)).isEqualTo(Double.doubleToRawLongBits(sequential));
    assertThat(parallelDelta.sameBits(sequentialDelta)).as("delta bits").isTrue();
  }

  @ParameterizedTest(name = "{0}x{1}")
  @org.junit.jupiter.params.provider.CsvSource({"256, 100", "200, 100", "4096, 1000", "32, 10",
      "300, 97", "1000, 17", "3, 100000", "81, 101", "8193, 1"})
  @DisplayName("blocks hold about 8192 elements, an even number of them, and split into halves of equal rows")
  void blocksSplitEvenly(int rows, int cols) {
    int perBlock = RowBlocks.rowsPerBlock(rows, cols);
    int blocks = (rows + perBlock - 1) / perBlock;
    long elements = (long) rows * cols;
    assertThat((long) perBlock * cols).as("elements a block")
        .isLessThanOrEqualTo(Math.max(cols, 2L * RowBlocks.BLOCK_ELEMENTS));
    if (elements > RowBlocks.BLOCK_ELEMENTS) {
      assertThat(blocks).as("blocks").isGreaterThan(1);
      // the two threads' halves, as RowSplit assigns them: blocks [0, b/2) and [b/2, b)
      int lower = Math.min(rows, blocks / 2 * perBlock);
      int upper = rows - lower;
      // within 2 % of the rows (or one row): 8192/cols rows a block left 256x100 at 162 and 94
      assertThat(Math.abs(lower - upper)).as("rows of the halves %d and %d", lower, upper)
          .isLessThanOrEqualTo(Math.max(1, rows / 50));
    } else {
      assertThat(blocks).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a helper thread takes blocks of a slow call, and every block is computed exactly once")
  void helpersTakeBlocks() {
    assumeTrue(Helpers.count() >= 1, "one processor: no helper threads");
    int rows = 64;
    int cols = 1;
    Set<String> threads = ConcurrentHashMap.newKeySet();
    int[] visits = new int[rows];
    // each block sleeps, so that the caller cannot claim them all before a helper wakes
    BlockKernel slow = (z, y, n, from, to, scale, delta, losses) -> {
      threads.add(Thread.currentThread().getName());
      double sum = 0.0;
      for (int i = from; i < to; i++) {
        synchronized (visits) {
          visits[i]++;
        }
        delta[i] = scale * z[i];
        sum += z[i];
      }
      pause(2);
      return sum;
    };
    double[] z = new double[rows];
    for (int i = 0; i < rows; i++) {
      z[i] = i + 1;
    }
    double[] delta = new double[rows];
    // 64 rows of 1 column in blocks of 1 row (rowsPerBlock for 64 elements is 64: force blocks of
    // one row through the split itself)
    RowSplit split = new RowSplit();
    double sum = split.run(slow, z, z, rows, cols, 1, rows, 2, 1.0, delta, null);
    assertThat(sum).isEqualTo(rows * (rows + 1) / 2.0);
    assertThat(visits).as("visits per row").containsOnly(1);
    assertThat(delta).isEqualTo(z);
    assertThat(threads).as("threads that ran blocks")
        .anyMatch(name -> name.startsWith("deltapair-native-helper-"));
  }

  @Test
  @DisplayName("a block that throws on a helper is rethrown by the caller, and the helpers go on")
  void helperFailureReachesTheCaller() {
    assumeTrue(Helpers.count() >= 1, "one processor: no helper threads");
    int rows = 64;
    BlockKernel failing = (z, y, n, from, to, scale, delta, losses) -> {
      if (Thread.currentThread().getName().startsWith("deltapair-native-helper-")) {
        throw new IllegalStateException("block " + from + " failed on purpose");
      }
      pause(2);
      return 1.0;
    };
    double[] z = new double[rows];
    double[] delta = new double[rows];
    RowSplit split = new RowSplit();
    assertThatThrownBy(() -> split.run(failing, z, z, rows, 1, 1, rows, 2, 1.0, delta, null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed on purpose");
    // the same split and the helpers still work afterwards
    BlockKernel ones = (zz, y, n, from, to, scale, d, losses) -> to - from;
    assertThat(split.run(ones, z, z, rows, 1, 1, rows, 2, 1.0, delta, null)).isEqualTo(rows);
  }

  @Test
  @DisplayName("a block that throws on the caller ends the call only once no helper is still in it")
  void callerFailureWaitsForTheHelpers() {
    assumeTrue(Helpers.count() >= 1, "one processor: no helper threads");
    int rows = 64;
    String caller = Thread.currentThread().getName();
    int[] afterReturn = new int[1];
    boolean[] returned = new boolean[1];
    BlockKernel failing = (z, y, n, from, to, scale, delta, losses) -> {
      pause(2);
      synchronized (afterReturn) {
        if (returned[0]) {
          afterReturn[0]++;
        }
      }
      if (Thread.currentThread().getName().equals(caller) && from >= 8) {
        throw new IllegalStateException("caller's block " + from + " failed on purpose");
      }
      return 1.0;
    };
    double[] z = new double[rows];
    double[] delta = new double[rows];
    RowSplit split = new RowSplit();
    assertThatThrownBy(() -> split.run(failing, z, z, rows, 1, 1, rows, 2, 1.0, delta, null))
        .hasMessageContaining("failed on purpose");
    synchronized (afterReturn) {
      returned[0] = true;
    }
    pause(20);
    synchronized (afterReturn) {
      assertThat(afterReturn[0]).as("blocks run after the call returned").isZero();
    }
    BlockKernel ones = (zz, y, n, from, to, scale, d, losses) -> to - from;
    assertThat(split.run(ones, z, z, rows, 1, 1, rows, 2, 1.0, delta, null)).isEqualTo(rows);
  }

  /** Sleeps {@code millis}, keeping an interrupt for the caller to see. */
  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Row blocks in parallel give the bits of the same blocks on one thread. */
@DisplayName("Row-parallel evaluation")
class RowBlocksTest {

  static Stream<Arguments> cases() {
    return Pair.all().stream().flatMap(pair -> Stream.of(false, true).map(v -> Arguments.of(pair, v)));
  }

  @ParameterizedTest(name = "{0}, vector kernels {1}")
  @MethodSource("cases")
  @DisplayName("a batch of many row blocks gives the same loss and delta bits in parallel as on one thread")
  void parallelMatchesSequentialBitForBit(Pair pair, boolean vector) {
    int rows = 300;
    int cols = 97;
    Batch z = Batch.zeros(rows, cols);
    Batch y = Batch.zeros(rows, cols);
    Random random = new Random(pair.name().hashCode());
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        z.set(i, j, 2.0 * random.nextGaussian());
        y.set(i, j, pair.loss() == Loss.SQUARED_ERROR ? random.nextGaussian()
            : pair.loss() == Loss.BIPOLAR_CROSS_ENTROPY ? 2.0 * random.nextDouble() - 1.0
            : pair.loss() == Loss.CROSS_ENTROPY ? (j == i % cols ? 1.0 : 0.0)
            : random.nextDouble());
      }
    }
    Batch sequentialDelta = Batch.zeros(rows, cols);
    Batch parallelDelta = Batch.zeros(rows, cols);
    double sequential = new NativeBackend(vector, Long.MAX_VALUE)
        .evaluate(pair, z, y, Reduction.MEAN, sequentialDelta);
    double parallel = new NativeBackend(vector, 0).evaluate(pair, z, y, Reduction.MEAN, parallelDelta);
    assertThat(Double.doubleToRawLongBits(parallel)).isEqualTo(Double.doubleToRawLongBits(sequential));
    assertThat(parallelDelta.sameBits(sequentialDelta)).as("delta bits").isTrue();
  }
}

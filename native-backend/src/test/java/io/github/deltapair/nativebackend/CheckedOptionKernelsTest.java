package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Loss;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sigmoid + binary cross-entropy under options on dense targets: the fused option kernels check the
 * inputs themselves (the evaluator skips its pass over z and y), so every bad value must still be
 * rejected with the message the shared rules give, and masked-out entries must not be read.
 */
@DisplayName("Fused option kernels that check their inputs")
class CheckedOptionKernelsTest {

  private static final Pair BCE = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);

  /** 3 × 9 batches: wide enough for whole vectors on the vector path, with a scalar tail. */
  private static Batch logits() {
    Batch z = Batch.zeros(3, 9);
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = (k % 7) - 3.0;
    }
    return z;
  }

  private static Batch targets() {
    Batch y = Batch.zeros(3, 9);
    for (int k = 0; k < y.size(); k++) {
      y.array()[k] = (k % 3) / 2.0;
    }
    return y;
  }

  @ParameterizedTest(name = "vector = {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("a NaN or infinite logit, or a target outside [0, 1], anywhere in the row, is rejected by name")
  void badValuesRejected(boolean vector) {
    NativeBackend backend = new NativeBackend(vector, Long.MAX_VALUE);
    Evaluator evaluator = Evaluator.of(backend);
    Options options = Options.NONE.withPosWeight(2, 1, 1, 3, 1, 1, 1, 1, 0.5);
    assertThat(backend.checksInputs(BCE, targets(), options)).isTrue();
    for (int col : new int[] {0, 5, 8}) {
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        Batch z = logits();
        z.set(1, col, bad);
        assertThatThrownBy(() -> evaluator.evaluate(BCE, z, targets(), options, Reduction.SUM, Batch.zeros(3, 9)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("z has " + bad + " at row 1, column " + col);
      }
      for (double bad : new double[] {-0.5, 1.5, Double.NaN}) {
        Batch y = targets();
        y.set(2, col, bad);
        assertThatThrownBy(() -> evaluator.evaluate(BCE, logits(), y, options, Reduction.MEAN, Batch.zeros(3, 9)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("y has " + bad + " at row 2, column " + col);
      }
    }
  }

  @ParameterizedTest(name = "vector = {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("masked-out entries may hold anything; a class weight of 0 does not exempt an entry from the rules")
  void maskAndZeroWeights(boolean vector) {
    Evaluator evaluator = Evaluator.of(new NativeBackend(vector, Long.MAX_VALUE));
    Batch z = logits();
    Batch y = targets();
    z.set(0, 4, Double.NaN);
    y.set(0, 4, 7.0);
    Batch mask = Batch.zeros(3, 9);
    java.util.Arrays.fill(mask.array(), 1.0);
    mask.set(0, 4, 0.0);
    double loss = evaluator.evaluate(BCE, z, y, Options.NONE.withMask(mask).withPosWeight(
        2, 1, 1, 3, 1, 1, 1, 1, 0.5), Reduction.SUM, Batch.zeros(3, 9));
    assertThat(loss).isFinite();
    Batch zBad = logits();
    zBad.set(2, 3, Double.NaN);
    double[] w = {1, 1, 1, 0, 1, 1, 1, 1, 1};
    assertThatThrownBy(() -> evaluator.evaluate(BCE, zBad, targets(), Options.NONE.withClassWeights(w),
        Reduction.SUM, Batch.zeros(3, 9)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("z has NaN at row 2, column 3");
  }
}

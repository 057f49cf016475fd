package io.github.deltapair.nativebackend;

import static io.github.deltapair.nativebackend.ZeroAllocationTest.assertAllocatesNothing;
import static io.github.deltapair.nativebackend.ZeroAllocationTest.logits;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * float32 batches allocate nothing per call once compiled, given a delta buffer, on the float32
 * kernels, fused and widening, scalar and vector, through the evaluator users call.
 *
 * <p>In a JVM of its own (the {@code zero-allocation-float32} execution): after the float64
 * Vector API kernels had run in the same JVM, C2 sometimes compiled the float32 ones with a type
 * speculation that left a vector store unintrinsified, boxing about 13 KB a call for good (1 run
 * in 5 to 8 of {@link ZeroAllocationTest} with both; 0 in 10 of these alone). See the README on
 * JVMs that run both precisions on the Vector API.
 */
@DisplayName("Allocation per call, float32")
class Float32ZeroAllocationTest {

  @ParameterizedTest(name = "{0}, vector kernels {1}")
  @CsvSource({"identity+squared-error, false", "sigmoid+binary-cross-entropy, false",
      "softmax+cross-entropy, false", "identity+squared-error, true",
      "sigmoid+binary-cross-entropy, true", "softmax+cross-entropy, true",
      "exp+poisson, false", "tanh+bipolar-cross-entropy, false", "softmax+kl-divergence, false",
      "sigmoid+squared-error, false", "softmax+squared-error, false", "identity+huber, false",
      "sigmoid+focal, false", "sigmoid+squared-error, true", "softmax+squared-error, true"})
  @DisplayName("a warmed-up pair on float32 batches, fused or widened, allocates nothing per call with a caller's buffers, with and without example losses")
  void noAllocationFloat32(String name, boolean vector) {
    Pair pair = Pair.parse(name);
    NativeBackend backend = new NativeBackend(vector, Long.MAX_VALUE);
    Evaluator evaluator = Evaluator.of(backend);
    Random random = new Random(3);
    // 8 × 100: whole float32 vectors and a tail, softmax rows long enough for the vector kernels
    Batch z = logits(random, 8, 100).toFloat32();
    Batch y = RandomTargets.hardWhereSimplex(pair.loss(), 8, 100, random).toFloat32();
    Batch delta = Batch.zeros(8, 100, Precision.FLOAT32);
    double[] losses = new double[8];
    assertAllocatesNothing(() -> evaluator.evaluate(pair, z, y, Reduction.MEAN, delta));
    assertAllocatesNothing(() -> evaluator.evaluate(pair, z, y, Options.NONE, Reduction.SUM, delta,
        losses));
  }

  @ParameterizedTest(name = "{0}, vector kernels {1}")
  @CsvSource({"softmax+cross-entropy, false", "softmax+kl-divergence, false",
      "softmax+cross-entropy, true", "softmax+kl-divergence, true"})
  @DisplayName("a warmed-up float32 label kernel (with ignored rows) allocates nothing per call with a caller's buffers")
  void noAllocationFloat32Labels(String name, boolean vector) {
    Pair pair = Pair.parse(name);
    Evaluator evaluator = Evaluator.of(new NativeBackend(vector, Long.MAX_VALUE));
    Batch z = logits(new Random(1), 8, 100).toFloat32();
    Labels labels = Labels.of(new int[] {3, -100, 0, 99, 5, -100, 1, 2}, -100);
    Batch delta = Batch.zeros(8, 100, Precision.FLOAT32);
    double[] losses = new double[8];
    for (Reduction r : Reduction.values()) {
      assertAllocatesNothing(() -> evaluator.evaluate(pair, z, labels, Options.NONE, r, delta,
          losses));
    }
  }
}

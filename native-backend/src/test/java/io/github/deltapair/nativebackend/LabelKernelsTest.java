package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.spi.Backend;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Class-index labels on the native backend: softmax + cross-entropy and softmax + kl-divergence
 * read the labels directly ({@link LabelKernels}); they must equal the dense kernel on the one-hot
 * rows, have the same bits on one thread or many, and honour ignored rows and the reductions.
 */
@DisplayName("Class-index labels on the native backend")
class LabelKernelsTest {

  private static final Pair CE = Pair.of("softmax", "cross-entropy");
  private static final Pair KL = Pair.of("softmax", "kl-divergence");

  /** Every pair whose loss takes labels, on both kernel paths, with and without ignored rows. */
  static Stream<Arguments> labelPairs() {
    return Pair.all().stream()
        .filter(p -> p.loss().targetRowsOnSimplex())
        .flatMap(p -> Stream.of(false, true)
            .flatMap(v -> Stream.of(false, true).map(ignore -> Arguments.of(p, v, ignore))));
  }

  /** A backend with only native's dense kernel: labels go through the SPI default (one-hot rows). */
  private static Backend denseOnly(NativeBackend nativeBackend) {
    return new Backend() {
      @Override
      public String id() {
        return "dense-only";
      }

      @Override
      public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
        return nativeBackend.compute(pair, z, y, reduction, deltaOut);
      }

      @Override
      public void activate(Activation activation, Batch z, Batch out) {
        nativeBackend.activate(activation, z, out);
      }
    };
  }

  private static Batch logits(int rows, int cols, Random random) {
    Batch z = Batch.zeros(rows, cols);
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = 3.0 * random.nextGaussian();
    }
    return z;
  }

  /** Random labels; with {@code ignore}, about one row in five is −100 and its logits NaN. */
  private static Labels labels(Batch z, boolean ignore, Random random) {
    int[] classes = new int[z.rows()];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = random.nextInt(z.cols());
      if (ignore && random.nextInt(5) == 0) {
        classes[i] = -100;
        Arrays.fill(z.array(), i * z.cols(), (i + 1) * z.cols(), Double.NaN);
      }
    }
    return ignore ? Labels.of(classes, -100) : Labels.of(classes);
  }

  @ParameterizedTest(name = "{0}, vector kernels {1}, ignored rows {2}")
  @MethodSource("labelPairs")
  @DisplayName("equal the dense kernel on the one-hot rows of the kept examples, for SUM and MEAN")
  void equalTheDenseOneHotPath(Pair pair, boolean vector, boolean ignore) {
    int rows = 300;
    int cols = 97;
    Random random = new Random(pair.name().hashCode() + (vector ? 1 : 0) + (ignore ? 2 : 0));
    Batch z = logits(rows, cols, random);
    Labels labels = labels(z, ignore, random);
    NativeBackend backend = new NativeBackend(vector, Long.MAX_VALUE);
    Backend dense = denseOnly(backend);
    for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.MEAN}) {
      Batch delta = Batch.zeros(rows, cols);
      Batch expectedDelta = Batch.zeros(rows, cols);
      Arrays.fill(delta.array(), 7.0);
      double loss = backend.compute(pair, z, labels, Options.NONE, reduction, delta, null);
      double expected = dense.compute(pair, z, labels, Options.NONE, reduction, expectedDelta, null);
      assertThat(loss).as("%s %s", pair, reduction)
          .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
      for (int k = 0; k < delta.size(); k++) {
        assertThat(delta.array()[k]).as("%s %s, element %d", pair, reduction, k)
            .isCloseTo(expectedDelta.array()[k],
                within(1e-12 * Math.max(1, Math.abs(expectedDelta.array()[k]))));
      }
    }
  }

  @ParameterizedTest(name = "{0} columns")
  @ValueSource(ints = {97, 257, 1000, 4096, 4097})
  @DisplayName("the scalar label kernel gives the dense kernel's bits on the one-hot rows: J, every ℓ_i and every δ")
  void scalarLabelKernelHasTheDenseBits(int cols) {
    int rows = 24;
    Random random = new Random(cols);
    double[] z = logits(rows, cols, random).array();
    Labels labels = labels(Batch.wrap(z, rows, cols), false, random);
    double[] y = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      y[i * cols + labels.get(i)] = 1.0;
    }
    double[] dense = new double[y.length];
    double[] byLabel = new double[y.length];
    double[] denseLosses = new double[rows];
    double[] labelLosses = new double[rows];
    double scale = 1.0 / rows;
    double j1 = CanonicalKernels.softmaxCrossEntropy(z, y, cols, 0, rows, scale, dense, denseLosses);
    double j2 = LabelKernels.softmaxCrossEntropy(z, labels, cols, 0, rows, scale, byLabel, labelLosses);
    assertThat(j1).isFinite();
    assertThat(Double.doubleToRawLongBits(j2)).isEqualTo(Double.doubleToRawLongBits(j1));
    for (int i = 0; i < rows; i++) {
      assertThat(Double.doubleToRawLongBits(labelLosses[i])).as("ℓ_%d", i)
          .isEqualTo(Double.doubleToRawLongBits(denseLosses[i]));
    }
    for (int k = 0; k < y.length; k++) {
      assertThat(Double.doubleToRawLongBits(byLabel[k])).as("δ at %d", k)
          .isEqualTo(Double.doubleToRawLongBits(dense[k]));
    }
  }

  @ParameterizedTest(name = "vector kernels {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("give the same loss and delta bits on many row blocks in parallel as on one thread")
  void parallelMatchesSequentialBitForBit(boolean vector) {
    for (Pair pair : new Pair[] {CE, KL}) {
      for (boolean ignore : new boolean[] {false, true}) {
        Random random = new Random(11);
        Batch z = logits(700, 97, random);
        Labels labels = labels(z, ignore, random);
        Evaluator oneThread = Evaluator.of(new NativeBackend(vector, Long.MAX_VALUE));
        Evaluator manyThreads = Evaluator.of(new NativeBackend(vector, 0));
        Batch sequentialDelta = Batch.zeros(700, 97);
        Batch parallelDelta = Batch.zeros(700, 97);
        double sequential = oneThread.evaluate(pair, z, labels, Reduction.MEAN, sequentialDelta);
        double parallel = manyThreads.evaluate(pair, z, labels, Reduction.MEAN, parallelDelta);
        assertThat(Double.doubleToRawLongBits(parallel)).as("%s, ignore %s", pair, ignore)
            .isEqualTo(Double.doubleToRawLongBits(sequential));
        assertThat(parallelDelta.sameBits(sequentialDelta)).as("delta bits").isTrue();
      }
    }
  }

  @ParameterizedTest(name = "vector kernels {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("give the textbook values ℓ = logsumexp(z) − z_c and δ = softmax(z) − e_c, stable at |z| = 1000")
  void textbookValues(boolean vector) {
    Evaluator evaluator = Evaluator.of(new NativeBackend(vector, Long.MAX_VALUE));
    for (Pair pair : new Pair[] {CE, KL}) {
      // z = [1000, 0, −1000], c = 2: logsumexp = 1000, ℓ = 1000 − (−1000) = 2000, δ = [1, 0, 0] − [0, 0, 1]
      Batch z = Batch.of(new double[][] {{1000, 0, -1000}});
      Batch delta = Batch.zeros(1, 3);
      double loss = evaluator.evaluate(pair, z, Labels.of(new int[] {2}), Reduction.SUM, delta);
      assertThat(loss).as("%s", pair).isEqualTo(2000.0);
      assertThat(delta.get(0, 0)).isEqualTo(1.0);
      assertThat(delta.get(0, 1)).isCloseTo(0.0, within(1e-300));
      assertThat(delta.get(0, 2)).isEqualTo(-1.0);
      // z = [1, 2, 3], c = 0: ℓ = log(e + e² + e³) − 1, δ = softmax(1, 2, 3) − [1, 0, 0]
      z = Batch.of(new double[][] {{1, 2, 3}});
      loss = evaluator.evaluate(pair, z, Labels.of(new int[] {0}), Reduction.SUM, delta);
      // within C1's 1e-12: the scalar kernels' e^x (StraightMath) is within 4e-13 relative
      assertThat(loss).isCloseTo(2.40760596444438, within(1e-12));
      assertThat(delta.get(0, 0)).isCloseTo(0.09003057317038046 - 1.0, within(1e-12));
      assertThat(delta.get(0, 1)).isCloseTo(0.24472847105479767, within(1e-12));
      assertThat(delta.get(0, 2)).isCloseTo(0.6652409557748219, within(1e-12));
    }
  }

  @ParameterizedTest(name = "vector kernels {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("accept NaN logits in ignored rows, which get ℓ = 0 and δ = 0, and MEAN divides by all m rows")
  void ignoredRowsAndMean(boolean vector) {
    Evaluator evaluator = Evaluator.of(new NativeBackend(vector, Long.MAX_VALUE));
    double nan = Double.NaN;
    Batch z = Batch.of(new double[][] {{1, 2, 3}, {nan, nan, nan}, {1000, 0, -1000}});
    Labels labels = Labels.of(new int[] {0, -100, 2}, -100);
    for (Pair pair : new Pair[] {CE, KL}) {
      Batch delta = Batch.zeros(3, 3);
      Arrays.fill(delta.array(), 5.0);
      double sum = evaluator.evaluate(pair, z, labels, Reduction.SUM, delta);
      // ℓ_0 + ℓ_1 + ℓ_2 = 2.40760596444438 + 0 + 2000
      assertThat(sum).as("%s", pair).isCloseTo(2002.40760596444438, within(1e-12));
      assertThat(delta.get(1, 0)).isEqualTo(0.0);
      assertThat(delta.get(1, 1)).isEqualTo(0.0);
      assertThat(delta.get(1, 2)).isEqualTo(0.0);
      assertThat(delta.get(2, 2)).isEqualTo(-1.0);
      double mean = evaluator.evaluate(pair, z, labels, Reduction.MEAN, delta);
      // J = Σ ℓ_i / m with m = 3, the ignored row counted
      assertThat(mean).isCloseTo(2002.40760596444438 / 3, within(1e-12));
      assertThat(delta.get(2, 0)).isCloseTo(1.0 / 3, within(1e-15));
      assertThat(delta.get(2, 2)).isCloseTo(-1.0 / 3, within(1e-15));
      assertThat(delta.get(1, 1)).isEqualTo(0.0);
      // every row ignored: J = 0, δ = 0
      Batch allNan = Batch.of(new double[][] {{nan, nan}, {nan, nan}});
      Batch d = Batch.zeros(2, 2);
      Arrays.fill(d.array(), 5.0);
      assertThat(evaluator.evaluate(pair, allNan, Labels.of(new int[] {-1, -1}, -1), Reduction.MEAN, d))
          .isEqualTo(0.0);
      assertThat(d.sameBits(Batch.zeros(2, 2))).isTrue();
    }
  }

  @ParameterizedTest(name = "vector kernels {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("reject a NaN or infinite logit in a kept row through the Evaluator, naming row and column")
  void nonFiniteLogitInAKeptRowIsRejected(boolean vector) {
    NativeBackend backend = new NativeBackend(vector, Long.MAX_VALUE);
    Evaluator evaluator = Evaluator.of(backend);
    Labels labels = Labels.of(new int[] {0, 1, -100}, -100);
    for (Pair pair : new Pair[] {CE, KL}) {
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        Batch z = Batch.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        z.set(1, 2, bad);
        Batch delta = Batch.zeros(3, 3);
        // the kernel itself reports it with a NaN loss
        assertThat(backend.compute(pair, z, labels, Options.NONE, Reduction.SUM, delta, null)).as("%s, %s", pair, bad).isNaN();
        assertThatThrownBy(() -> evaluator.evaluate(pair, z, labels, Reduction.SUM, delta))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("z has " + bad + " at row 1, column 2: every logit must be a finite number");
      }
      // rows of 97 logits: the vector kernel's whole vectors (column 2) and its scalar tail (column 96)
      for (int col : new int[] {2, 96}) {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
          Random random = new Random(3);
          Batch z = logits(3, 97, random);
          z.set(1, col, bad);
          Batch delta = Batch.zeros(3, 97);
          assertThat(backend.compute(pair, z, labels, Options.NONE, Reduction.SUM, delta, null))
              .as("%s, %s at column %d", pair, bad, col).isNaN();
          assertThatThrownBy(() -> evaluator.evaluate(pair, z, labels, Reduction.SUM, delta))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessage("z has " + bad + " at row 1, column " + col
                  + ": every logit must be a finite number");
        }
      }
    }
  }

  @ParameterizedTest(name = "vector kernels {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("reject a NaN or infinite logit in a kept row under options too (the evaluator checks only the options and labels), naming row and column")
  void nonFiniteLogitUnderOptionsIsRejected(boolean vector) {
    NativeBackend backend = new NativeBackend(vector, Long.MAX_VALUE);
    Evaluator evaluator = Evaluator.of(backend);
    Labels labels = Labels.of(new int[] {0, 1, -100}, -100);
    // rows of 97 logits: the vector kernel's whole vectors (column 2) and its scalar tail (column 96)
    double[] w = new double[97];
    Arrays.fill(w, 1.5);
    w[2] = 0;
    Options[] optionSets = {Options.NONE.withClassWeights(w), Options.NONE.withExampleWeights(2, 0.5, 1),
        Options.NONE.withClassWeights(w).withLabelSmoothing(0.1), Options.NONE.withLabelSmoothing(0.2)};
    for (Options options : optionSets) {
      for (int col : new int[] {2, 96}) {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
          Batch z = logits(3, 97, new Random(3));
          z.set(1, col, bad);
          Batch delta = Batch.zeros(3, 97);
          assertThat(Double.isFinite(backend.compute(CE, z, labels, options, Reduction.SUM, delta, null)))
              .as("%s, %s at column %d", options, bad, col).isFalse();
          assertThatThrownBy(() -> evaluator.evaluate(CE, z, labels, options, Reduction.MEAN, delta))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessage("z has " + bad + " at row 1, column " + col
                  + ": every logit must be a finite number");
        }
      }
    }
  }

  @Test
  @DisplayName("labels out of range are rejected by the shared check before the kernel runs")
  void outOfRangeLabel() {
    Evaluator evaluator = Evaluator.of(new NativeBackend(false, Long.MAX_VALUE));
    Batch z = Batch.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertThatThrownBy(() -> evaluator.evaluate(CE, z, Labels.of(new int[] {0, 3}, -100), Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels has 3 at row 1: a class index must lie in [0, 3) (z has 3 columns)"
            + " or be the ignore_index -100");
  }
}

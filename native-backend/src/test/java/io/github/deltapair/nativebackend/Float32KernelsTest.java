package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Interval;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.LossResult;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.Validation;
import io.github.deltapair.reference.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * float32 batches on the native backend's own float32 kernels (docs/contract.md §2c): the fused
 * ones and the widening adapter, scalar and vector, against the float64 reference oracle on the
 * widened inputs, at extreme logits, on many threads, and on bad input.
 */
@DisplayName("float32 kernels")
class Float32KernelsTest {

  /** The §2c tolerance: |δ − δ_ref| ≤ 1e-6·max(1, |δ_ref|), the same for J and each ℓ_i. */
  private static final double TOLERANCE = 1e-6;

  /** Shapes: the smallest softmax row, vector tails, rows of many vectors, many blocks, a row longer than a block. */
  private static final int[][] SHAPES = {{1, 2}, {3, 17}, {5, 37}, {50, 100}, {17, 256}, {3, 1000},
      {40, 300}, {2, 3000}, {1, 9000}};

  private static final Evaluator REFERENCE = Evaluator.of(new ReferenceBackend());

  static Stream<Arguments> pairsAndPaths() {
    return Pair.all().stream().flatMap(p -> Stream.of(false, true).map(v -> Arguments.of(p, v)));
  }

  @ParameterizedTest(name = "{0}, vector kernels {1}")
  @MethodSource("pairsAndPaths")
  @DisplayName("every pair computes float32 itself, within 1e-6 of the float64 reference on the widened inputs, leaving the inputs as they were")
  void matchesTheReference(Pair pair, boolean vector) {
    NativeBackend backend = new NativeBackend(vector, Long.MAX_VALUE);
    Evaluator evaluator = Evaluator.of(backend);
    Random random = new Random(pair.name().hashCode());
    for (int[] shape : SHAPES) {
      Batch z = logits(pair, shape[0], shape[1], random);
      Batch y = targets(pair.loss(), shape[0], shape[1], random);
      assertThat(backend.computesFloat32(pair, y, Options.NONE)).isTrue();
      Batch zBefore = z.copy();
      Batch yBefore = y.copy();
      for (Reduction reduction : List.of(Reduction.SUM, Reduction.MEAN)) {
        String what = pair + " " + z.shape() + " " + reduction;
        LossResult expected = REFERENCE.evaluate(pair, z.toFloat64(), y.toFloat64(), reduction);
        LossResult actual = evaluator.evaluate(pair, z, y, reduction);
        assertClose(actual, expected, what);
        // the buffer overload: the same loss, the same bits of delta
        Batch delta = Batch.zeros(shape[0], shape[1], Precision.FLOAT32);
        assertThat(evaluator.evaluate(pair, z, y, reduction, delta)).as(what)
            .isEqualTo(actual.loss());
        assertThat(delta.sameBits(actual.delta())).as(what + " delta bits").isTrue();
      }
      assertThat(z.sameBits(zBefore) && y.sameBits(yBefore)).as("inputs untouched").isTrue();
    }
  }

  @ParameterizedTest(name = "vector kernels {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("a third party's pair computes float32 through the widening adapter, within 1e-6 of its own definitions on the widened inputs")
  void thirdPartyPairs(boolean vector) {
    Evaluator evaluator = Evaluator.of(new NativeBackend(vector, Long.MAX_VALUE));
    Random random = new Random(11);
    for (Pair pair : List.of(Pair.of(TestPlugins.SOFTSIGN, TestPlugins.LOG_COSH),
        Pair.of(Activation.SOFTMAX, TestPlugins.LOG_COSH))) {
      for (int[] shape : SHAPES) {
        Batch z = logits(pair, shape[0], shape[1], random);
        Batch y = targets(pair.loss(), shape[0], shape[1], random);
        Batch wideZ = z.toFloat64();
        double[] expectedDelta = new double[z.size()];
        // the definitions, in float64 (Pair.lossOfRows), MEAN
        double expected = pair.lossOfRows(wideZ.array(), y.toFloat64().array(), shape[1], 0,
            shape[0], 1.0 / shape[0], expectedDelta) / shape[0];
        LossResult actual = evaluator.evaluate(pair, z, y, Reduction.MEAN);
        assertThat(actual.loss()).isCloseTo(expected, within(TOLERANCE * Math.max(1, Math.abs(expected))));
        for (int k = 0; k < z.size(); k++) {
          assertThat(actual.delta().at(k)).isEqualTo((double) (float) expectedDelta[k]);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}, vector kernels {1}")
  @MethodSource("labelPairsAndPaths")
  @DisplayName("softmax pairs on class-index labels (with ignored rows) compute float32 themselves, within 1e-6 of the reference, in every reduction")
  void labelsMatchTheReference(Pair pair, boolean vector) {
    NativeBackend backend = new NativeBackend(vector, Long.MAX_VALUE);
    Evaluator evaluator = Evaluator.of(backend);
    Random random = new Random(7);
    for (int[] shape : SHAPES) {
      int rows = shape[0];
      int cols = shape[1];
      Batch z = logits(pair, rows, cols, random);
      int[] classes = new int[rows];
      for (int i = 0; i < rows; i++) {
        classes[i] = i % 4 == 1 ? -100 : random.nextInt(cols);
      }
      Labels labels = Labels.of(classes, -100);
      // an ignored row may hold anything, even NaN: it is not read
      if (rows > 1) {
        z.set(1, 0, Double.NaN);
      }
      assertThat(backend.computesFloat32(pair, labels, Options.NONE)).isTrue();
      for (Reduction reduction : Reduction.values()) {
        String what = pair + " " + z.shape() + " " + reduction;
        Batch wide = z.toFloat64();
        LossResult expected = REFERENCE.evaluate(pair, wide, labels, reduction);
        assertClose(evaluator.evaluate(pair, z, labels, reduction), expected, what);
      }
    }
  }

  static Stream<Arguments> labelPairsAndPaths() {
    return Stream.of(Loss.CROSS_ENTROPY, Loss.KL_DIVERGENCE).flatMap(
        loss -> Stream.of(false, true).map(v -> Arguments.of(Pair.canonical(loss), v)));
  }

  @ParameterizedTest(name = "vector kernels {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("options, and labels for pairs without a float32 label kernel, are left to the evaluator's widening")
  void widenedByTheEvaluator(boolean vector) {
    NativeBackend backend = new NativeBackend(vector, Long.MAX_VALUE);
    Pair bce = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
    Batch y = Batch.zeros(2, 3, Precision.FLOAT32);
    assertThat(backend.computesFloat32(bce, y, Options.NONE.withPosWeight(1, 2, 3))).isFalse();
    assertThat(backend.computesFloat32(Pair.of("softmax", "squared-error"), Labels.of(new int[] {0, 1}),
        Options.NONE)).isFalse();
    Batch z = Batch.wrap(new float[] {0.5f, -2f, 30f, 1f, 0f, -1000f}, 2, 3);
    Batch yb = Batch.wrap(new float[] {1f, 0f, 0.5f, 0f, 1f, 0.25f}, 2, 3);
    Options options = Options.NONE.withPosWeight(1, 2, 3);
    LossResult expected = REFERENCE.evaluate(bce, z.toFloat64(), yb.toFloat64(), options, Reduction.SUM);
    assertClose(Evaluator.of(backend).evaluate(bce, z, yb, options, Reduction.SUM), expected, "pos_weight");
  }

  @ParameterizedTest(name = "vector kernels {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("logits of ±1000 (and exp's largest float32 ones) give the exact delta a − y and the true loss")
  void extremeLogits(boolean vector) {
    Evaluator evaluator = Evaluator.of(new NativeBackend(vector, Long.MAX_VALUE));
    // sigmoid + binary cross-entropy, 20 columns (a vector and a tail): z = ±1000 in turn, y = 0, 1, ¼
    Pair bce = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
    float[] z = new float[20];
    float[] y = new float[20];
    double loss = 0;
    for (int k = 0; k < 20; k++) {
      z[k] = k % 2 == 0 ? 1000f : -1000f;
      y[k] = k % 3 == 0 ? 0f : k % 3 == 1 ? 1f : 0.25f;
      // ℓ = max(z, 0) − z·y (the log1p term is 0 there)
      loss += Math.max(z[k], 0) - (double) z[k] * y[k];
    }
    LossResult r = evaluator.evaluate(bce, Batch.wrap(z, 1, 20), Batch.wrap(y, 1, 20), Reduction.SUM);
    assertThat(r.loss()).isEqualTo(loss);
    for (int k = 0; k < 20; k++) {
      assertThat(r.delta().at(k)).isEqualTo((z[k] > 0 ? 1.0 : 0.0) - y[k]);
    }
    // softmax + cross-entropy, a row of 70 (vectors and a tail): 1000 at column 3, −1000 elsewhere
    Pair ce = Pair.canonical(Loss.CROSS_ENTROPY);
    float[] zs = new float[140];
    float[] ys = new float[140];
    java.util.Arrays.fill(zs, -1000f);
    zs[3] = 1000f;
    zs[70 + 69] = 1000f;
    ys[5] = 1f;
    ys[70 + 69] = 1f;
    LossResult s = evaluator.evaluate(ce, Batch.wrap(zs, 2, 70), Batch.wrap(ys, 2, 70), Reduction.SUM);
    // row 0: logsumexp = 1000, ℓ = 1000 − (−1000); row 1: ℓ = 0
    assertThat(s.loss()).isEqualTo(2000.0);
    for (int k = 0; k < 140; k++) {
      double a = k == 3 || k == 139 ? 1.0 : 0.0;
      assertThat(s.delta().at(k)).as("element %d", k).isEqualTo(a - ys[k]);
    }
    // identity + squared error: residuals beyond 1e19 (squares beyond float32, the sum in float64)
    Pair se = Pair.canonical(Loss.SQUARED_ERROR);
    Batch big = Batch.wrap(new float[] {1e19f, -3e19f, 0f}, 1, 3);
    Batch zero = Batch.zeros(1, 3, Precision.FLOAT32);
    assertThatThrownBy(() -> evaluator.evaluate(se, big, zero, Reduction.SUM))
        .hasMessageContaining("loss value of identity+squared-error overflows a float32");
    LossResult q = evaluator.evaluate(se, Batch.wrap(new float[] {1e18f, -3e18f, 0f}, 1, 3), zero,
        Reduction.SUM);
    assertThat(q.loss()).isCloseTo(0.5 * (1e36 + 9e36), within(1e-6 * 5e36));
    assertThat(q.delta().at(1)).isEqualTo((double) -3e18f);
    // Σ r² beyond float32 although ½ Σ r² is not: a valid loss of 2.25e38, in whole vectors
    float[] wide = new float[32];
    wide[3] = 1.5e19f;
    wide[20] = -1.5e19f;
    LossResult w = evaluator.evaluate(se, Batch.wrap(wide, 1, 32),
        Batch.zeros(1, 32, Precision.FLOAT32), Reduction.SUM);
    assertThat(w.loss()).isCloseTo((double) 1.5e19f * 1.5e19f, within(1e-6 * 2.25e38));
  }

  @ParameterizedTest(name = "vector kernels {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("exp overflows float32 above 88.72: such a logit, and a result beyond float32's range, is rejected by name")
  void overflowRejected(boolean vector) {
    Evaluator evaluator = Evaluator.of(new NativeBackend(vector, Long.MAX_VALUE));
    double limit = Activation.EXP.maxFiniteLogit(Precision.FLOAT32);
    for (Pair pair : List.of(Pair.canonical(Loss.POISSON), Pair.of("exp", "squared-error"),
        Pair.of("exp", "cross-entropy"))) {
      Batch z = Batch.wrap(new float[] {1f, 2f, 89f, 0.5f}, 2, 2);
      Batch y = Batch.wrap(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 2, 2);
      assertThatThrownBy(() -> evaluator.evaluate(pair, z, y, Reduction.SUM))
          .as(pair.name()).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("z has 89.0 at row 1, column 0: exp(z) overflows a float32 for z > " + limit);
    }
    // e^88.5 is a float32, twice it is not: the loss value overflows
    Pair poisson = Pair.canonical(Loss.POISSON);
    Batch y = Batch.zeros(1, 2, Precision.FLOAT32);
    assertThat(evaluator.evaluate(poisson, Batch.wrap(new float[] {88.5f, 1f}, 1, 2), y,
        Reduction.SUM).delta().at(0)).isEqualTo((double) (float) Math.exp(88.5));
    assertThatThrownBy(() -> evaluator.evaluate(poisson, Batch.wrap(new float[] {88.5f, 88.5f}, 1, 2),
        y, Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the loss value of exp+poisson overflows a float32");
    // a delta beyond float32 on valid input, in the fused kernel
    Batch z = Batch.wrap(new float[] {0f, 3e38f}, 1, 2);
    Batch t = Batch.wrap(new float[] {0f, -3e38f}, 1, 2);
    assertThatThrownBy(() -> evaluator.evaluate(Pair.canonical(Loss.SQUARED_ERROR), z, t, Reduction.MEAN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overflows a float32");
  }

  @ParameterizedTest(name = "vector kernels {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("float32 soft target rows are held to the simplex within 1e-6, as Validation holds them")
  void float32SimplexTolerance(boolean vector) {
    Evaluator evaluator = Evaluator.of(new NativeBackend(vector, Long.MAX_VALUE));
    Batch z = Batch.wrap(new float[] {0.2f, -1f, 2f, 0.5f, 0.5f, -3f}, 2, 3);
    // 0.3f + 0.1f + 0.6f widens to a sum 3.7e-8 above 1: far outside 1e-9, well inside 1e-6
    Batch soft = Batch.wrap(new float[] {0.3f, 0.1f, 0.6f, 0.1f, 0.2f, 0.7f}, 2, 3);
    for (Pair pair : List.of(Pair.canonical(Loss.CROSS_ENTROPY), Pair.of("softmax", "kl-divergence"))) {
      LossResult r = evaluator.evaluate(pair, z, soft, Reduction.SUM);
      // textbook, in float64 on the widened values: ℓ_i = Σ_j y_j (lse_i − z_j) (+ Σ y log y for
      // kl-divergence), δ = a − y
      double loss = 0.0;
      for (int i = 0; i < 2; i++) {
        double lse = Math.log(Math.exp(z.get(i, 0)) + Math.exp(z.get(i, 1)) + Math.exp(z.get(i, 2)));
        for (int j = 0; j < 3; j++) {
          double y = soft.get(i, j);
          loss += y * (lse - z.get(i, j)) + (pair.loss() == Loss.CROSS_ENTROPY ? 0 : y * Math.log(y));
          double delta = Math.exp(z.get(i, j) - lse) - y;
          assertThat(r.delta().at(i * 3 + j)).as(pair.name()).isCloseTo(delta, within(TOLERANCE));
        }
      }
      assertThat(r.loss()).as(pair.name()).isCloseTo(loss, within(TOLERANCE));
      Batch off = Batch.wrap(new float[] {0.3f, 0.1f, 0.6f, 0.1f, 0.2f, 0.7001f}, 2, 3);
      assertThatThrownBy(() -> evaluator.evaluate(pair, z, off, Reduction.SUM))
          .as(pair.name()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("y row 1 sums to 1.0001")
          .hasMessageEndingWith("(within 1.0E-6 for float32)");
    }
  }

  @ParameterizedTest(name = "{0}, vector kernels {1}")
  @MethodSource("pairsAndPaths")
  @DisplayName("a float32 kernel returns a non-finite loss for every input Validation rejects, and never a finite one beside a non-finite delta")
  void inlineChecksMatchValidation(Pair pair, boolean vector) {
    NativeBackend backend = new NativeBackend(vector, Long.MAX_VALUE);
    // rows widened to float64, blocks of rows in float32, and rows computed in float32 folded
    // from 1024 and from 4096
    for (int cols : new int[] {40, 100, 300, 1500}) {
      checkInline(backend, pair, cols);
    }
  }

  private static void checkInline(NativeBackend backend, Pair pair, int cols) {
    int rows = 3;
    Random random = new Random(5);
    Batch z = Batch.zeros(rows, cols, Precision.FLOAT32);
    for (int k = 0; k < z.size(); k++) {
      z.floatArray()[k] = (float) (4 * random.nextDouble() - 2);
    }
    // row 0 one-hot, rows 1 and 2 soft with float32 shares summing to 1 exactly (40 columns:
    // 24 of 1/32 and 16 of 1/64; 100: the first 64 of 1/64; wider rows: the first 256 of 1/256)
    Batch y = Batch.zeros(rows, cols, Precision.FLOAT32);
    y.set(0, 3, 1.0);
    int soft = cols >= 256 ? 256 : cols >= 64 ? 64 : cols;
    for (int j = 0; j < soft; j++) {
      double share = cols >= 256 ? 1.0 / 256 : cols >= 64 ? 1.0 / 64 : j < 24 ? 1.0 / 32 : 1.0 / 64;
      y.set(1, j, share);
      y.set(2, j, share);
    }
    Validation.checkInputs(pair, z, y);
    int rejected = 0;
    for (int k : new int[] {0, cols + 17, 2 * cols + 33, rows * cols - 1}) {
      for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
          89, 88.7, 1000, -1000, 40, -40, 3e38, -3e38}) {
        Batch bad = z.copy();
        bad.set(k / cols, k % cols, v);
        rejected += check(backend, pair, bad, y, "z[" + k + "] = " + v);
      }
      for (double v : targets(pair.loss())) {
        Batch bad = y.copy();
        bad.set(k / cols, k % cols, v);
        rejected += check(backend, pair, z, bad, "y[" + k + "] = " + v);
      }
    }
    assertThat(rejected).as("inputs Validation rejected").isPositive();
  }

  /** 1 if Validation rejects the input (and the kernel then returned a non-finite loss), else 0. */
  private static int check(NativeBackend backend, Pair pair, Batch z, Batch y, String what) {
    boolean valid;
    try {
      Validation.checkInputs(pair, z, y);
      valid = true;
    } catch (IllegalArgumentException e) {
      valid = false;
    }
    Batch delta = Batch.zeros(z.rows(), z.cols(), Precision.FLOAT32);
    double loss = backend.compute(pair, z, y, Options.NONE, Reduction.SUM, delta, null);
    if (!valid) {
      assertThat(loss).as("%s: %s, which Validation rejects", pair, what).isNaN();
      return 1;
    }
    if (Double.isFinite(loss)) {
      for (int k = 0; k < delta.size(); k++) {
        assertThat(delta.at(k)).as("%s: %s, delta beside a finite loss", pair, what).isFinite();
      }
    }
    return 0;
  }

  /** Targets that break, or sit at the edge of, the loss's domain, and float32's range. */
  private static double[] targets(Loss loss) {
    Interval d = loss.targetDomain();
    List<Double> values = new ArrayList<>(List.of(Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1.5, -0.5, 0.5, 3e38));
    if (Double.isFinite(d.lower())) {
      values.add(d.lower());
      values.add((double) Math.nextDown((float) d.lower()));
    }
    if (Double.isFinite(d.upper())) {
      values.add(d.upper());
      values.add((double) Math.nextUp((float) d.upper()));
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @ParameterizedTest(name = "{0}, vector kernels {1}")
  @MethodSource("pairsAndPaths")
  @DisplayName("a float32 batch of many row blocks gives the same bits in parallel as on one thread, call after call")
  void sameBitsOnAnyThreads(Pair pair, boolean vector) {
    int rows = 300;
    int cols = 97;
    Random random = new Random(pair.name().hashCode());
    Batch z = logits(pair, rows, cols, random);
    Batch y = targets(pair.loss(), rows, cols, random);
    NativeBackend oneThread = new NativeBackend(vector, Long.MAX_VALUE);
    NativeBackend manyThreads = new NativeBackend(vector, 0);
    List<Targets> kinds = new ArrayList<>(List.of(y));
    if (oneThread.computesFloat32(pair, Labels.of(new int[rows]), Options.NONE)) {
      int[] classes = new int[rows];
      for (int i = 0; i < rows; i++) {
        classes[i] = i % 5 == 0 ? -1 : random.nextInt(cols);
      }
      kinds.add(Labels.of(classes, -1));
    }
    for (Targets targets : kinds) {
      Batch sequentialDelta = Batch.zeros(rows, cols, Precision.FLOAT32);
      double[] sequentialLosses = new double[rows];
      double sequential = oneThread.compute(pair, z, targets, Options.NONE, Reduction.MEAN,
          sequentialDelta, sequentialLosses);
      assertThat(sequential).isFinite();
      for (int call = 0; call < 3; call++) {
        Batch parallelDelta = Batch.zeros(rows, cols, Precision.FLOAT32);
        double[] parallelLosses = new double[rows];
        double parallel = manyThreads.compute(pair, z, targets, Options.NONE, Reduction.MEAN,
            parallelDelta, parallelLosses);
        assertThat(Double.doubleToRawLongBits(parallel))
            .isEqualTo(Double.doubleToRawLongBits(sequential));
        assertThat(parallelDelta.sameBits(sequentialDelta)).as("delta bits").isTrue();
        assertThat(parallelLosses).containsExactly(sequentialLosses);
      }
    }
  }

  private static void assertClose(LossResult actual, LossResult expected, String what) {
    assertThat(actual.delta().precision()).isEqualTo(Precision.FLOAT32);
    assertThat(actual.loss()).as(what + " loss").isCloseTo(expected.loss(),
        within(TOLERANCE * Math.max(1, Math.abs(expected.loss()))));
    for (int k = 0; k < expected.delta().size(); k++) {
      double d = expected.delta().at(k);
      assertThat(actual.delta().at(k)).as("%s delta[%d]", what, k)
          .isCloseTo(d, within(TOLERANCE * Math.max(1, Math.abs(d))));
    }
    for (int i = 0; i < expected.exampleLosses().length; i++) {
      double l = expected.exampleLosses()[i];
      assertThat(actual.exampleLosses()[i]).as("%s ℓ_%d", what, i)
          .isCloseTo(l, within(TOLERANCE * Math.max(1, Math.abs(l))));
    }
  }

  /** float32 logits uniform in ±8 (canonical pairs and logits forms) or ±3 (the chain rule). */
  static Batch logits(Pair pair, int rows, int cols, Random random) {
    double bound = pair.isCanonical() || pair.logitsForm().isPresent() ? 8 : 3;
    Batch z = Batch.zeros(rows, cols, Precision.FLOAT32);
    float[] zs = z.floatArray();
    for (int k = 0; k < zs.length; k++) {
      zs[k] = (float) (bound * (2 * random.nextDouble() - 1));
    }
    return z;
  }

  /**
   * float32 targets in the loss's domain; simplex rows are one-hot or multiples of 2^−22 that sum
   * to 1 exactly (rounding soft rows to float32 would move their sums by more than 1e-9).
   */
  static Batch targets(Loss loss, int rows, int cols, Random random) {
    if (!loss.targetRowsOnSimplex()) {
      return RandomTargets.soft(loss, rows, cols, random).toFloat32();
    }
    Batch y = Batch.zeros(rows, cols, Precision.FLOAT32);
    int unit = 1 << 22;
    for (int i = 0; i < rows; i++) {
      if (i % 2 == 0) {
        y.set(i, random.nextInt(cols), 1.0);
        continue;
      }
      double[] w = new double[cols];
      double total = 0;
      for (int j = 0; j < cols; j++) {
        w[j] = random.nextDouble();
        total += w[j];
      }
      long left = unit;
      for (int j = 0; j < cols - 1; j++) {
        long share = (long) Math.floor(w[j] / total * unit);
        y.set(i, j, (double) share / unit);
        left -= share;
      }
      y.set(i, cols - 1, (double) left / unit);
    }
    return y;
  }
}

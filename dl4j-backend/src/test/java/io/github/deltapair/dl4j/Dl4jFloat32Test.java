package io.github.deltapair.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.LossResult;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * float32 batches on the dl4j backend (docs/contract.md §2c): which ND4J type each call computes
 * in, and the cases float32 makes hard (|z| = 1000, logsumexp cancelling against z, long rows,
 * saturating chain-rule pairs, large weights), each against the pair's float64 definitions on the
 * widened values within 1e-6; and the float32 overflows the evaluator rejects.
 */
@DisplayName("The dl4j backend computes float32 batches in ND4J FLOAT, within 1e-6 of float64")
class Dl4jFloat32Test {

  private static final Logger LOG = LoggerFactory.getLogger(Dl4jFloat32Test.class);

  private static final double TOLERANCE = 1e-6;

  private final Evaluator dl4j = Evaluator.of(new Dl4jBackend());

  @ParameterizedTest(name = "{0} + {1}: {2}")
  @CsvSource({
      "identity, squared-error, FLOAT",
      "sigmoid, binary-cross-entropy, FLOAT",
      "softmax, cross-entropy, FLOAT",
      "tanh, bipolar-cross-entropy, FLOAT",
      "sigmoid, squared-error, FLOAT",
      "softmax, squared-error, FLOAT",
      "relu, huber, FLOAT",
      "sigmoid, focal, FLOAT",
      "exp, poisson, DOUBLE",
      "softmax, kl-divergence, DOUBLE",
      "exp, squared-error, DOUBLE",
      "softplus, huber, DOUBLE",
      "sigmoid, cross-entropy, DOUBLE",
      "softmax, binary-cross-entropy, DOUBLE",
      "sigmoid, bipolar-cross-entropy, DOUBLE"
  })
  @DisplayName("A float32 call computes in FLOAT exactly for the pairs whose FLOAT formulas keep 1e-6, else in DOUBLE; float64 always in DOUBLE")
  void typeByPair(String activation, String loss, DataType expected) {
    Pair pair = Pair.of(activation, loss);
    Batch z32 = Batch.zeros(2, 3, Precision.FLOAT32);
    assertThat(Dl4jKernels.typeFor(pair, z32, z32, Options.NONE, 1.0)).isEqualTo(expected);
    assertThat(Dl4jKernels.typeFor(pair, Batch.zeros(2, 3), Batch.zeros(2, 3), Options.NONE, 1.0))
        .isEqualTo(DataType.DOUBLE);
  }

  @Test
  @DisplayName("Weights keep FLOAT while scale × the largest weight is at most 1, and switch to DOUBLE above")
  void typeByWeights() {
    Pair bce = Pair.of("sigmoid", "binary-cross-entropy");
    Batch z = Batch.zeros(4, 2, Precision.FLOAT32);
    Options small = Options.NONE.withExampleWeights(1, 0.5, 0, 1).withClassWeights(1, 0.25)
        .withMask(Batch.wrap(new double[] {1, 0, 1, 1, 0, 0, 1, 1}, 4, 2));
    assertThat(Dl4jKernels.typeFor(bce, z, z, small, 1.0)).isEqualTo(DataType.FLOAT);
    Options heavy = Options.NONE.withExampleWeights(1, 3, 0, 1);
    assertThat(Dl4jKernels.typeFor(bce, z, z, heavy, 1.0)).isEqualTo(DataType.DOUBLE);
    assertThat(Dl4jKernels.typeFor(bce, z, z, heavy, 0.25)).isEqualTo(DataType.FLOAT);
    Options positive = Options.NONE.withPosWeight(0.5, 2);
    assertThat(Dl4jKernels.typeFor(bce, z, z, positive, 1.0)).isEqualTo(DataType.DOUBLE);
    assertThat(Dl4jKernels.typeFor(bce, z, z, positive, 0.5)).isEqualTo(DataType.FLOAT);
    assertThat(Dl4jKernels.typeFor(bce, z, z, Options.NONE.withPosWeight(0.5, 0.25), 1.0))
        .isEqualTo(DataType.FLOAT);
  }

  @Test
  @DisplayName("Softmax + cross-entropy with class weights keeps FLOAT for one-hot labels only (LossMCXENT sums w ⊙ t along the row in FLOAT)")
  void typeWithClassWeights() {
    Pair ce = Pair.of("softmax", "cross-entropy");
    Batch z = Batch.zeros(2, 2, Precision.FLOAT32);
    Labels labels = Labels.of(new int[] {0, 1});
    Options weights = Options.NONE.withClassWeights(0.5, 1);
    assertThat(Dl4jKernels.typeFor(ce, z, labels, weights, 1.0)).isEqualTo(DataType.FLOAT);
    assertThat(Dl4jKernels.typeFor(ce, z, labels, weights.withLabelSmoothing(0.1), 1.0))
        .isEqualTo(DataType.DOUBLE);
    assertThat(Dl4jKernels.typeFor(ce, z, z, weights, 1.0)).isEqualTo(DataType.DOUBLE);
    assertThat(Dl4jKernels.typeFor(ce, z, z, Options.NONE.withLabelSmoothing(0.1), 1.0))
        .isEqualTo(DataType.FLOAT);
  }

  @ParameterizedTest(name = "{0} + {1}")
  @CsvSource({
      "sigmoid, binary-cross-entropy", "softmax, cross-entropy", "tanh, bipolar-cross-entropy",
      "identity, squared-error", "sigmoid, squared-error", "tanh, squared-error",
      "softmax, squared-error", "sigmoid, focal", "tanh, huber"
  })
  @DisplayName("Extreme logits |z| = 1000 (and 0, ±17, ±30, ±100) in FLOAT: a finite delta and loss within 1e-6 of float64")
  void extremeLogits(String activation, String loss) {
    Pair pair = Pair.of(activation, loss);
    float[] z = {1000f, -1000f, 0f, 17f, -30f, 100f, -1000f, 1000f, 30f, -17f, -100f, 0.5f};
    boolean simplex = pair.loss().targetRowsOnSimplex();
    float[] y = simplex ? new float[] {0, 1, 0, 0, 0, 0, 0.25f, 0.5f, 0, 0.25f, 0, 0}
        : new float[] {0, 1, 0.5f, 1, 0, 0.25f, 1, 0, 1, 0, 0.75f, 1};
    if (activation.equals("tanh")) {
      for (int k = 0; k < y.length; k++) {
        y[k] = 2 * y[k] - 1;
      }
    }
    for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.MEAN}) {
      assertMatchesFloat64(pair, Batch.wrap(z, 2, 6), Batch.wrap(y, 2, 6), Options.NONE,
          reduction);
    }
  }

  @Test
  @DisplayName("Sigmoid + binary-cross-entropy at z = ±1000 in float32: δ = σ(z) − y exactly and the loss 1000, not a clipped 11.5")
  void sigmoidAtThousand() {
    Pair pair = Pair.of("sigmoid", "binary-cross-entropy");
    LossResult result = dl4j.evaluate(pair, Batch.wrap(new float[] {1000f, -1000f}, 1, 2),
        Batch.wrap(new float[] {0f, 0f}, 1, 2), Reduction.SUM);
    assertThat(result.loss()).isEqualTo(1000.0);
    assertThat(result.delta().floatArray()).containsExactly(1f, 0f);
  }

  @Test
  @DisplayName("Softmax + cross-entropy where logsumexp(z) − z_y would cancel in FLOAT (z = [1000, 999.5]): the loss within 1e-6, dense and with labels")
  void crossEntropyWithoutCancellation() {
    Pair pair = Pair.of("softmax", "cross-entropy");
    Batch z = Batch.wrap(new float[] {1000f, 999.5f, -999.25f, -999.75f}, 2, 2);
    // ℓ = log(1 + e^−0.5) + 0.5 per row; logsumexp rounded to float32 near 1000 is off by 3e-5
    double expected = 2 * (Math.log1p(Math.exp(-0.5)) + 0.5);
    LossResult dense = dl4j.evaluate(pair, z, Batch.wrap(new float[] {0, 1, 0, 1}, 2, 2),
        Reduction.SUM);
    assertThat(Math.abs(dense.loss() - expected)).isLessThanOrEqualTo(TOLERANCE);
    LossResult labels = dl4j.evaluate(pair, z, Labels.of(new int[] {1, 1}), Options.NONE,
        Reduction.SUM);
    assertThat(Math.abs(labels.loss() - expected)).isLessThanOrEqualTo(TOLERANCE);
    assertMatchesFloat64(pair, z, Labels.of(new int[] {1, 0}),
        Options.NONE.withLabelSmoothing(0.1), Reduction.MEAN);
  }

  @ParameterizedTest(name = "{0} + {1}")
  @CsvSource({"identity, squared-error", "sigmoid, binary-cross-entropy", "softmax, cross-entropy",
      "softmax, squared-error"})
  @DisplayName("Rows of 20000 outputs: softmax's and the loss's sums along a row are taken in DOUBLE, so δ, ℓ_i and J stay within 1e-6 (FLOAT sums drift by about 1e-6)")
  void longRows(String activation, String loss) {
    Pair pair = Pair.of(activation, loss);
    int m = 3;
    int n = 20000;
    Random random = new Random(11);
    float[] z = new float[m * n];
    float[] y = new float[m * n];
    for (int k = 0; k < z.length; k++) {
      z[k] = (float) (3 * random.nextGaussian());
      // soft targets on the simplex: 1/16 on 16 columns
      y[k] = pair.loss().targetRowsOnSimplex() ? (k % n % 1250 == 7 ? 0.0625f : 0f)
          : random.nextFloat();
    }
    // one logit far above the others, so that a ≈ 1 there and softmax's sum is at its largest
    z[5] = 40f;
    assertMatchesFloat64(pair, Batch.wrap(z, m, n), Batch.wrap(y, m, n), Options.NONE,
        Reduction.SUM);
    if (pair.loss().targetRowsOnSimplex()) {
      int[] classes = {5, 7, 19999};
      assertMatchesFloat64(pair, Batch.wrap(z, m, n), Labels.of(classes),
          Options.NONE.withLabelSmoothing(0.2), Reduction.MEAN);
    }
  }

  @ParameterizedTest(name = "{0} + {1} at z = {2}, y = {3}")
  @CsvSource({
      "softmax, binary-cross-entropy, 20 0 -20, 0.25 1 0, 1",
      "sigmoid, cross-entropy, -95 2 40, 0.5 0.25 0.25, 1",
      "sigmoid, bipolar-cross-entropy, 18 -3 0.5, 0.25 1 0, 1",
      "exp, poisson, 4.61 3.1 0, 100.7 22 1, 1",
      "exp, squared-error, 3.02 1 0, 20.5 2.5 1, 1",
      "softmax, kl-divergence, 0 -0.6931472 -1.3862944, 0.5714286 0.2857143 0.1428571, 64"
  })
  @DisplayName("Pairs whose FLOAT kernel loses 1e-6 (a saturating to 0 or 1, exp's rounding against y, kl's cancellation, measured here) compute in DOUBLE and stay within 1e-6")
  void widenedPairs(String activation, String loss, String zRow, String yRow, int m) {
    Pair pair = Pair.of(activation, loss);
    float[] row = floats(zRow);
    float[] targets = floats(yRow);
    if (pair.loss().targetRowsOnSimplex()) {
      // the last target takes the rest, so that each row sums to 1 within the simplex tolerance
      targets[2] = (float) (1.0 - targets[0] - targets[1]);
    }
    int n = row.length;
    float[] z = new float[m * n];
    float[] y = new float[m * n];
    for (int i = 0; i < m; i++) {
      System.arraycopy(row, 0, z, i * n, n);
      System.arraycopy(targets, 0, y, i * n, n);
    }
    Batch z32 = Batch.wrap(z, m, n);
    Batch y32 = Batch.wrap(y, m, n);
    assertThat(Dl4jKernels.typeFor(pair, z32, z32, Options.NONE, 1.0)).isEqualTo(DataType.DOUBLE);
    assertMatchesFloat64(pair, z32, y32, Options.NONE, Reduction.SUM);

    // the same kernel in FLOAT: off by more than 1e-6 somewhere, or not finite
    Evaluated inFloat = pair.isCanonical()
        ? MatchedPairs.compute(pair.loss(), NdArrays.of(z32), NdArrays.of(y32))
        : ChainRulePairs.compute(pair.activation(), pair.loss(), NdArrays.of(z32), NdArrays.of(y32));
    double[] delta = new double[m * n];
    double[] losses = new double[m];
    double expected =
        pair.lossOfRows(z32.toFloat64(), y32.toFloat64(), Options.NONE, 0, m, 1.0, delta, losses);
    double[] floatDelta = inFloat.delta().dup('c').data().asDouble();
    double worst = Math.abs(NdArrays.compensatedSum(inFloat.exampleLosses()) - expected)
        / Math.max(1.0, Math.abs(expected));
    for (int k = 0; k < delta.length; k++) {
      worst = Math.max(worst, Math.abs(floatDelta[k] - delta[k]) / Math.max(1.0, Math.abs(delta[k])));
    }
    LOG.info("{} at z = [{}], y = [{}] × {} rows: the FLOAT kernel's worst relative error is {}",
        pair, zRow, yRow, m, worst);
    assertThat(Double.isNaN(worst) || worst > TOLERANCE)
        .as("FLOAT's worst relative error %s for %s", worst, pair).isTrue();
  }

  private static float[] floats(String values) {
    String[] parts = values.trim().split("\\s+");
    float[] out = new float[parts.length];
    for (int k = 0; k < parts.length; k++) {
      out[k] = Float.parseFloat(parts[k]);
    }
    return out;
  }

  @Test
  @DisplayName("Large class weights and pos_weight compute in DOUBLE and stay within 1e-6")
  void heavyWeights() {
    Batch z = Batch.wrap(new float[] {0.3f, 5f, -2f, 1f, 0.01f, -0.02f}, 2, 3);
    assertMatchesFloat64(Pair.of("softmax", "cross-entropy"), z, Labels.of(new int[] {1, 2}),
        Options.NONE.withClassWeights(50, 200, 3), Reduction.SUM);
    assertMatchesFloat64(Pair.of("sigmoid", "binary-cross-entropy"), z,
        Batch.wrap(new float[] {1f, 0.5f, 0f, 0.75f, 1f, 0.25f}, 2, 3),
        Options.NONE.withPosWeight(100, 40, 0.5), Reduction.SUM);
  }

  @Test
  @DisplayName("exp overflows float32 above z ≈ 88.72: rejected naming the row, column and float32; 88.5 computes")
  void expOverflow() {
    Pair pair = Pair.of("exp", "poisson");
    Batch y = Batch.wrap(new float[] {1f, 2f}, 1, 2);
    assertThatThrownBy(() -> dl4j.evaluate(pair, Batch.wrap(new float[] {1f, 89f}, 1, 2), y,
        Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0, column 1").hasMessageContaining("float32");
    assertMatchesFloat64(pair, Batch.wrap(new float[] {1f, 88.5f}, 1, 2), y, Options.NONE,
        Reduction.SUM);
  }

  @Test
  @DisplayName("A delta that overflows float32 (identity + squared-error, z = 3e38, y = −3e38) is the caller's overflow, not the backend's defect")
  void resultOverflow() {
    Pair pair = Pair.of("identity", "squared-error");
    assertThatThrownBy(() -> dl4j.evaluate(pair, Batch.wrap(new float[] {3e38f, 1f}, 1, 2),
        Batch.wrap(new float[] {-3e38f, 0f}, 1, 2), Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0, column 0").hasMessageContaining("float32");
  }

  /**
   * The dl4j backend's float32 result for {@code z} against the pair's float64 definitions on the
   * widened values: δ (returned in float32), every ℓ_i and J within 1e-6·max(1, |expected|).
   */
  private void assertMatchesFloat64(Pair pair, Batch z, Targets targets, Options options,
      Reduction reduction) {
    float[] before = z.floatArray().clone();
    LossResult result = dl4j.evaluate(pair, z, targets, options, reduction);
    assertThat(result.delta().precision()).isEqualTo(Precision.FLOAT32);
    assertThat(z.floatArray()).as("z untouched").containsExactly(before);
    Batch wide = z.toFloat64();
    Targets wideTargets = targets instanceof Batch y ? y.toFloat64() : targets;
    int m = z.rows();
    int n = z.cols();
    double scale = reduction.scale(wideTargets, options);
    double[] delta = new double[m * n];
    double[] losses = new double[m];
    double expected =
        scale * pair.lossOfRows(wide, wideTargets, options, 0, m, scale, delta, losses);
    String name = pair.name() + " " + reduction;
    assertClose(name + ": J", result.loss(), expected);
    for (int i = 0; i < m; i++) {
      assertClose(name + ": ℓ_" + i, result.exampleLosses()[i], losses[i]);
    }
    for (int k = 0; k < m * n; k++) {
      assertClose(name + ": δ at row " + k / n + ", column " + k % n, result.delta().at(k),
          delta[k]);
    }
  }

  private static void assertClose(String what, double actual, double expected) {
    assertThat(Math.abs(actual - expected))
        .as("%s: %s, expected %s", what, actual, expected)
        .isLessThanOrEqualTo(TOLERANCE * Math.max(1.0, Math.abs(expected)));
  }
}

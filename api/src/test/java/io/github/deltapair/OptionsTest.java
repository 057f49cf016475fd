package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Options through the SPI default (the definitions' path of the api) against formulas written out
 * here by hand from docs/contract.md §2b, and against central differences of the evaluator's own
 * loss.
 */
class OptionsTest {

  private final Evaluator evaluator = Evaluator.of(new DefinitionBackend());
  private final Pair ce = Pair.canonical(Loss.CROSS_ENTROPY);
  private final Pair bce = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
  private final Batch z = Batch.of(new double[][] {{1.0, 2.0, 3.0}, {0.5, -1.0, 0.0}, {2.0, 2.0, -2.0}});

  private static double[] softmax(double[] row) {
    double s = 0;
    for (double v : row) {
      s += Math.exp(v);
    }
    double[] a = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      a[j] = Math.exp(row[j]) / s;
    }
    return a;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  @Test
  @DisplayName("labels × class weights × smoothing × ignore_index, each reduction: ℓ_i, J and δ by hand")
  void crossEntropyComposition() {
    double[] w = {0.5, 2.0, 1.0};
    double eps = 0.2;
    Labels labels = Labels.of(new int[] {2, -100, 1}, -100);
    Options options = Options.NONE.withClassWeights(w).withLabelSmoothing(eps);
    double[][] expectedDelta = new double[3][3];
    double[] expectedLoss = new double[3];
    double weightSum = 0;
    for (int i : new int[] {0, 2}) {
      double[] a = softmax(z.toArray()[i]);
      double[] y = new double[3];
      for (int j = 0; j < 3; j++) {
        y[j] = (1 - eps) * (labels.get(i) == j ? 1 : 0) + eps / 3;
      }
      double wy = 0;
      for (int j = 0; j < 3; j++) {
        expectedLoss[i] -= w[j] * y[j] * Math.log(a[j]);
        wy += w[j] * y[j];
      }
      for (int j = 0; j < 3; j++) {
        expectedDelta[i][j] = a[j] * wy - w[j] * y[j];
      }
      weightSum += w[labels.get(i)];
    }
    double total = expectedLoss[0] + expectedLoss[2];
    for (Reduction reduction : Reduction.values()) {
      double s = switch (reduction) {
        case SUM, NONE -> 1;
        case MEAN -> 1.0 / 3;
        case MEAN_BY_WEIGHT -> 1 / weightSum;
      };
      LossResult r = evaluator.evaluate(ce, z, labels, options, reduction);
      assertThat(r.loss()).as("%s", reduction).isCloseTo(s * total, within(1e-12));
      for (int i = 0; i < 3; i++) {
        assertThat(r.exampleLosses()[i]).isCloseTo(expectedLoss[i], within(1e-12));
        for (int j = 0; j < 3; j++) {
          assertThat(r.delta().get(i, j)).as("%s δ[%d][%d]", reduction, i, j)
              .isCloseTo(s * expectedDelta[i][j], within(1e-12));
        }
      }
    }
  }

  @Test
  @DisplayName("pos_weight: δ = (1 + (p − 1)y) ⊙ σ(z) − p ⊙ y and the textbook loss")
  void posWeight() {
    double[] p = {3.0, 0.5, 1.0};
    Batch y = Batch.of(new double[][] {{1, 0, 0.3}, {0, 1, 1}, {0.5, 0.5, 0}});
    LossResult r = evaluator.evaluate(bce, z, y, Options.NONE.withPosWeight(p), Reduction.SUM);
    double total = 0;
    for (int i = 0; i < 3; i++) {
      double rowLoss = 0;
      for (int j = 0; j < 3; j++) {
        double a = sigmoid(z.get(i, j));
        double t = y.get(i, j);
        rowLoss -= p[j] * t * Math.log(a) + (1 - t) * Math.log(1 - a);
        assertThat(r.delta().get(i, j)).isCloseTo((1 + (p[j] - 1) * t) * a - p[j] * t, within(1e-12));
      }
      assertThat(r.exampleLosses()[i]).isCloseTo(rowLoss, within(1e-12));
      total += rowLoss;
    }
    assertThat(r.loss()).isCloseTo(total, within(1e-12));
  }

  @Test
  @DisplayName("example weights × mask on an element-wise pair agree with central differences")
  void centralDifferences() {
    Batch y = Batch.of(new double[][] {{1, 0, 0.3}, {0, 1, 1}, {0.5, 0.5, 0}});
    Batch mask = Batch.of(new double[][] {{1, 0, 1}, {1, 1, 1}, {0, 1, 1}});
    Options options = Options.NONE.withExampleWeights(2.0, 0.0, 0.5).withMask(mask)
        .withClassWeights(1, 3, 0.25).withLabelSmoothing(0.1).withPosWeight(2, 1, 0.5);
    for (Reduction reduction : Reduction.values()) {
      LossResult r = evaluator.evaluate(bce, z, y, options, reduction);
      double h = 1e-6;
      for (int k = 0; k < z.size(); k++) {
        Batch up = z.copy();
        Batch down = z.copy();
        up.array()[k] += h;
        down.array()[k] -= h;
        double numeric = (evaluator.evaluate(bce, up, y, options, reduction).loss()
            - evaluator.evaluate(bce, down, y, options, reduction).loss()) / (2 * h);
        assertThat(r.delta().array()[k]).as("%s δ at %d", reduction, k).isCloseTo(numeric, within(1e-7));
      }
      // masked-out entries give exactly 0
      assertThat(r.delta().get(0, 1)).isZero();
      assertThat(r.delta().get(2, 0)).isZero();
    }
  }

  @Test
  @DisplayName("Σ W = 0 under mean-by-weight: J = 0 and δ = 0, never NaN")
  void zeroTotalWeight() {
    Labels labels = Labels.of(new int[] {1, 1, 7}, 7);
    Options options = Options.NONE.withClassWeights(1, 0, 1);
    Batch delta = Batch.zeros(3, 3);
    double loss = evaluator.evaluate(ce, z, labels, options, Reduction.MEAN_BY_WEIGHT, delta);
    assertThat(loss).isEqualTo(0.0);
    for (double d : delta.array()) {
      assertThat(Double.doubleToRawLongBits(d)).isEqualTo(0L);
    }
  }

  @Test
  @DisplayName("ignored rows and masked-out entries may hold NaN: neither validated nor read")
  void notValidatedWhereNotCounted() {
    Batch zNaN = z.copy();
    zNaN.set(1, 0, Double.NaN);
    zNaN.set(2, 2, Double.POSITIVE_INFINITY);
    Labels labels = Labels.of(new int[] {0, 9, 2}, 9);
    Batch mask = Batch.of(new double[][] {{1, 1, 1}, {1, 1, 1}, {0, 0, 0}});
    LossResult r = evaluator.evaluate(ce, zNaN, labels, Options.NONE.withMask(mask), Reduction.SUM);
    assertThat(r.exampleLosses()[1]).isZero();
    assertThat(r.exampleLosses()[2]).isZero();
    assertThat(r.loss()).isCloseTo(-Math.log(softmax(z.toArray()[0])[0]), within(1e-12));
    Batch y = Batch.of(new double[][] {{1, Double.NaN, 0}, {0, 1, 1}, {0.5, 0.5, 0}});
    Batch bceMask = Batch.of(new double[][] {{1, 0, 1}, {1, 1, 1}, {1, 1, 1}});
    assertThat(evaluator.evaluate(bce, z, y, Options.NONE.withMask(bceMask), Reduction.SUM).loss())
        .isFinite();
    // with pos_weight and smoothing too: the masked-out NaN target never enters a weight
    Batch zMasked = Batch.of(new double[][] {{0.5, Double.NaN}});
    Batch yMasked = Batch.of(new double[][] {{1.0, Double.NaN}});
    LossResult r2 = evaluator.evaluate(bce, zMasked, yMasked, Options.NONE.withPosWeight(2.0, 2.0)
        .withLabelSmoothing(0.1).withMask(Batch.of(new double[][] {{1.0, 0.0}})), Reduction.SUM);
    double t = 0.95;
    double a = sigmoid(0.5);
    assertThat(r2.loss()).isCloseTo(-(2 * t * Math.log(a) + (1 - t) * Math.log(1 - a)), within(1e-12));
    assertThat(r2.delta().get(0, 0)).isCloseTo((1 + t) * a - 2 * t, within(1e-12));
    assertThat(r2.delta().get(0, 1)).isZero();
  }

  @Test
  @DisplayName("bad options: one IllegalArgumentException naming the option, the position and the rule")
  void badOptions() {
    Batch y = Batch.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    Labels labels = Labels.of(new int[] {0, 1, 2});
    assertRejected(ce, y, Options.NONE.withClassWeights(1, 2), "class_weights has 2 entries but z has 3 columns");
    assertRejected(ce, y, Options.NONE.withClassWeights(1, -2, 1), "class_weights has -2.0 at column 1");
    assertRejected(ce, y, Options.NONE.withClassWeights(1, Double.NaN, 1), "class_weights has NaN at column 1");
    assertRejected(bce, y, Options.NONE.withPosWeight(1, 0, 1), "pos_weight has 0.0 at column 1: pos_weight must be finite and > 0");
    assertRejected(ce, y, Options.NONE.withPosWeight(1, 1, 1), "pos_weight: cross-entropy does not support pos_weight; it applies to binary-cross-entropy");
    assertRejected(Pair.canonical(Loss.SQUARED_ERROR), y, Options.NONE.withLabelSmoothing(0.1), "label_smoothing: squared-error does not support label_smoothing");
    assertRejected(ce, y, Options.NONE.withExampleWeights(1, Double.POSITIVE_INFINITY, 1), "example_weights has Infinity at row 1");
    assertRejected(ce, y, Options.NONE.withExampleWeights(1, 1), "example_weights has 2 entries but z has 3 rows");
    assertRejected(bce, y, Options.NONE.withMask(Batch.of(new double[][] {{1, 0.5, 1}, {1, 1, 1}, {1, 1, 1}})), "mask has 0.5 at row 0, column 1: mask entries must be 0 or 1");
    assertRejected(ce, y, Options.NONE.withMask(Batch.of(new double[][] {{1, 1, 1}, {1, 0, 1}, {1, 1, 1}})), "mask row 1 has 1.0 at column 0 but 0.0 at column 1: softmax couples the outputs of a row");
    assertRejected(ce, y, Options.NONE.withMask(Batch.zeros(2, 3)), "mask is 2 × 3 but z is 3 × 3: they must have the same shape");
    assertThatThrownBy(() -> Options.NONE.withLabelSmoothing(1.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label_smoothing is 1.0: it must lie in [0, 1)");
    assertThatThrownBy(() -> evaluator.evaluate(Pair.canonical(Loss.POISSON), z, labels, Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("labels: poisson takes dense targets y");
    assertThatThrownBy(() -> evaluator.evaluate(ce, z, Labels.of(new int[] {0, 3, 1}), Options.NONE.withClassWeights(1, 1, 1), Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("labels has 3 at row 1");
  }

  private void assertRejected(Pair pair, Batch y, Options options, String message) {
    Batch zCopy = z.copy();
    Batch yCopy = y.copy();
    assertThatThrownBy(() -> evaluator.evaluate(pair, z, y, options, Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    assertThat(z.sameBits(zCopy) && y.sameBits(yCopy)).isTrue();
  }

  @Test
  @DisplayName("the buffer overloads give the allocating overload's bits; none is the sum with ℓ_i")
  void overloadsAgree() {
    Labels labels = Labels.of(new int[] {2, 0, 1});
    Options options = Options.NONE.withClassWeights(0.5, 2.0, 1.0).withExampleWeights(1, 2, 3);
    LossResult r = evaluator.evaluate(ce, z, labels, options, Reduction.NONE);
    Batch delta = Batch.zeros(3, 3);
    double[] losses = new double[3];
    double loss = evaluator.evaluate(ce, z, labels, options, Reduction.NONE, delta, losses);
    assertThat(loss).isEqualTo(r.loss());
    assertThat(delta.sameBits(r.delta())).isTrue();
    assertThat(losses).containsExactly(r.exampleLosses());
    assertThat(loss).isCloseTo(Arrays.stream(losses).sum(), within(1e-12));
    LossResult sum = evaluator.evaluate(ce, z, labels, options, Reduction.SUM);
    assertThat(sum.delta().sameBits(r.delta())).isTrue();
  }

  @Test
  @DisplayName("explain states the closed form under options")
  void explainUnderOptions() {
    assertThat(bce.deltaFormula(Options.NONE.withPosWeight(2, 1, 1)))
        .isEqualTo("δ_i = s·((1 + (p − 1) ⊙ y) ⊙ a − p ⊙ y)");
    assertThat(ce.deltaFormula(Options.NONE.withClassWeights(1, 2, 3).withLabelSmoothing(0.1)))
        .isEqualTo("δ_i = s·(a Σ_j w_j y'_j − w ⊙ y')");
    assertThat(ce.explanation(Options.NONE.withClassWeights(1, 2, 3))).contains("class_weights w = [1.0, 2.0, 3.0]");
  }
}

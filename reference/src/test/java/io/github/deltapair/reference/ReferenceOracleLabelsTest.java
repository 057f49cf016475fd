package io.github.deltapair.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The oracle with class-index labels against textbook values and its own dense path. */
class ReferenceOracleLabelsTest {

  private static final Pair SOFTMAX_CE = Pair.of(Activation.SOFTMAX, Loss.CROSS_ENTROPY);

  static Stream<Pair> labelPairs() {
    return DefaultPairs.all().stream().filter(p -> p.loss().targetRowsOnSimplex());
  }

  @Test
  @DisplayName("softmax + cross-entropy with label c: ℓ = logsumexp(z) − z_c and δ = softmax(z) − e_c, by hand")
  void textbookSoftmaxCrossEntropy() {
    double[] z = {1.0, 2.0, -0.5};
    Batch batch = Batch.of(new double[][] {z});
    Labels labels = Labels.of(new int[] {1});
    double lse = Math.log(Math.exp(1.0) + Math.exp(2.0) + Math.exp(-0.5));
    assertThat(ReferenceOracle.loss(SOFTMAX_CE, batch, labels, Reduction.SUM)).isCloseTo(lse - 2.0, within(1e-15));
    Batch delta = ReferenceOracle.delta(SOFTMAX_CE, batch, labels, Reduction.SUM);
    for (int j = 0; j < 3; j++) {
      double expected = Math.exp(z[j] - lse) - (j == 1 ? 1.0 : 0.0);
      assertThat(delta.get(0, j)).as("column %d", j).isCloseTo(expected, within(1e-15));
    }
  }

  @Test
  @DisplayName("Ignored rows give ℓ_i = 0 and δ_i = 0 even when their logits are NaN, and MEAN divides by all m rows")
  void ignoredRowsAreZeroAndMeanCountsThem() {
    Batch z = Batch.of(new double[][] {{0.0, 0.0}, {Double.NaN, Double.NaN}, {0.0, 0.0}, {Double.NaN, 1.0}});
    Labels labels = Labels.of(new int[] {0, -100, 1, -100}, -100);
    double[] losses = ReferenceOracle.exampleLosses(SOFTMAX_CE, z, labels);
    assertThat(losses).containsExactly(Math.log(2.0), 0.0, Math.log(2.0), 0.0);
    // J = 2 log 2 / 4, not / 2 (the kept rows)
    assertThat(ReferenceOracle.loss(SOFTMAX_CE, z, labels, Reduction.MEAN)).isCloseTo(Math.log(2.0) / 2.0, within(1e-16));
    Batch delta = ReferenceOracle.delta(SOFTMAX_CE, z, labels, Reduction.MEAN);
    assertThat(delta.toArray()).isDeepEqualTo(new double[][] {{-0.125, 0.125}, {0.0, 0.0}, {0.125, -0.125}, {0.0, 0.0}});
    // mean-by-weight divides by Σ W, the 2 kept rows; none is the sum
    assertThat(ReferenceOracle.loss(SOFTMAX_CE, z, labels, Reduction.MEAN_BY_WEIGHT)).isCloseTo(Math.log(2.0), within(1e-16));
    assertThat(ReferenceOracle.delta(SOFTMAX_CE, z, labels, Reduction.MEAN_BY_WEIGHT).toArray())
        .isDeepEqualTo(new double[][] {{-0.25, 0.25}, {0.0, 0.0}, {0.25, -0.25}, {0.0, 0.0}});
    assertThat(ReferenceOracle.loss(SOFTMAX_CE, z, labels, Reduction.NONE)).isCloseTo(2 * Math.log(2.0), within(1e-16));
  }

  @Test
  @DisplayName("Every label pair of the catalog is exercised: softmax with cross-entropy and kl-divergence at least")
  void labelPairsExist() {
    assertThat(labelPairs()).contains(SOFTMAX_CE, Pair.of(Activation.SOFTMAX, Loss.KL_DIVERGENCE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labelPairs")
  @DisplayName("Without ignored rows the labels' loss and delta are the dense oracle's on the one-hot targets, for every reduction")
  void labelsAgreeWithDenseOneHot(Pair pair) {
    Shape shape = Shape.of(9, 4);
    Inputs inputs = Inputs.seeded("labels " + pair);
    Batch z = inputs.logits(shape, 3.0);
    Labels labels = inputs.labels(shape, false);
    Batch y = Batch.zeros(9, 4);
    for (int i = 0; i < 9; i++) {
      y.set(i, labels.get(i), 1.0);
    }
    for (Reduction r : Reduction.values()) {
      assertThat(ReferenceOracle.loss(pair, z, labels, r)).isCloseTo(ReferenceOracle.loss(pair, z, y, r), within(1e-13));
      BatchAgreement.assertBatchesAgree("delta", ReferenceOracle.delta(pair, z, labels, r), ReferenceOracle.delta(pair, z, y, r), e -> 1e-15 * Math.max(1.0, Math.abs(e)), r.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labelPairs")
  @DisplayName("With ignored rows each kept row equals the dense oracle on that row alone, and ignored rows are exactly 0")
  void keptRowsAgreeWithDenseRows(Pair pair) {
    LabelSample sample = LabelSample.draw("ignored " + pair, pair, Shape.of(16, 5), 3.0, true, Double.NaN);
    assertThat(sample.ignoredRows()).isBetween(1, 15);
    Batch delta = ReferenceOracle.delta(pair, sample.z(), sample.labels(), Reduction.SUM);
    double[] losses = ReferenceOracle.exampleLosses(pair, sample.z(), sample.labels());
    for (int i = 0; i < 16; i++) {
      if (sample.labels().isIgnored(i)) {
        assertThat(losses[i]).isZero();
        assertThat(delta.toArray()[i]).containsOnly(0.0);
        continue;
      }
      Batch zi = Batch.zeros(1, 5);
      Batch yi = Batch.zeros(1, 5);
      System.arraycopy(sample.z().array(), i * 5, zi.array(), 0, 5);
      yi.set(0, sample.labels().get(i), 1.0);
      assertThat(losses[i]).isEqualTo(ReferenceOracle.loss(pair, zi, yi, Reduction.SUM));
      assertThat(delta.toArray()[i]).containsExactly(ReferenceOracle.delta(pair, zi, yi, Reduction.SUM).toArray()[0]);
    }
  }

  @Test
  @DisplayName("Generated labels are reproducible, in range, and ignore about a quarter of the rows with ignore_index −100")
  void generatedLabels() {
    Shape shape = Shape.of(400, 7);
    Labels a = Inputs.seeded("gen").labels(shape, true);
    Labels b = Inputs.seeded("gen").labels(shape, true);
    assertThat(a.array()).containsExactly(b.array());
    assertThat(a.ignoreIndex()).hasValue(-100);
    int ignored = 0;
    for (int i = 0; i < 400; i++) {
      if (a.isIgnored(i)) {
        ignored++;
      } else {
        assertThat(a.get(i)).isBetween(0, 6);
      }
    }
    assertThat(ignored).isBetween(60, 140);
    assertThat(Inputs.seeded("gen").labels(shape, false).ignoreIndex()).isEmpty();
    assertThat(Inputs.seeded("two").labels(Shape.of(2, 3), true).isIgnored(1)).isTrue();
  }
}

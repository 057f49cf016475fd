package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LabelsTest {

  private final Evaluator evaluator = Evaluator.of(new DefinitionBackend());
  private final Pair ce = Pair.canonical(Loss.CROSS_ENTROPY);
  private final Batch z = Batch.of(new double[][] {{1.0, 2.0, 3.0}, {0.5, -1.0, 0.0}, {2.0, 2.0, -2.0}});

  @Test
  @DisplayName("labels give exactly what their one-hot rows give, for both reductions and both overloads")
  void sameAsOneHot() {
    Labels labels = Labels.of(new int[] {2, 0, 1});
    for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.MEAN}) {
      LossResult dense = evaluator.evaluate(ce, z, labels.toOneHot(3), reduction);
      LossResult sparse = evaluator.evaluate(ce, z, labels, reduction);
      assertThat(sparse.loss()).isEqualTo(dense.loss());
      assertThat(sparse.delta().sameBits(dense.delta())).isTrue();
      Batch buffer = Batch.zeros(3, 3);
      assertThat(evaluator.evaluate(ce, z, labels, reduction, buffer)).isEqualTo(dense.loss());
      assertThat(buffer.sameBits(dense.delta())).isTrue();
    }
    // textbook: ℓ_0 = logsumexp(1, 2, 3) − 3
    double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    LossResult one = evaluator.evaluate(ce, Batch.of(new double[][] {{1.0, 2.0, 3.0}}),
        Labels.of(new int[] {2}), Reduction.SUM);
    assertThat(one.loss()).isCloseTo(lse - 3, within(1e-15));
    assertThat(one.delta().get(0, 2)).isCloseTo(Math.exp(3 - lse) - 1, within(1e-15));
  }

  @Test
  @DisplayName("an ignored example has loss 0 and delta 0, is not validated, and mean still divides by m")
  void ignoreIndex() {
    Batch withGarbage = z.copy();
    withGarbage.set(1, 0, Double.NaN);
    Labels labels = Labels.of(new int[] {2, -100, 1}, -100);
    LossResult sum = evaluator.evaluate(ce, withGarbage, labels, Reduction.SUM);
    LossResult mean = evaluator.evaluate(ce, withGarbage, labels, Reduction.MEAN);
    Batch kept = Batch.of(new double[][] {{1.0, 2.0, 3.0}, {2.0, 2.0, -2.0}});
    LossResult expected = evaluator.evaluate(ce, kept, Labels.of(new int[] {2, 1}), Reduction.SUM);
    assertThat(sum.loss()).isEqualTo(expected.loss());
    assertThat(mean.loss()).isCloseTo(expected.loss() / 3, within(1e-15));
    for (int j = 0; j < 3; j++) {
      assertThat(sum.delta().get(1, j)).isEqualTo(0.0);
      assertThat(sum.delta().get(0, j)).isEqualTo(expected.delta().get(0, j));
      assertThat(mean.delta().get(2, j)).isCloseTo(expected.delta().get(1, j) / 3, within(1e-16));
    }
    assertThat(evaluator.evaluate(ce, z, Labels.of(new int[] {7, 7, 7}, 7), Reduction.MEAN).loss())
        .isEqualTo(0.0);
  }

  @Test
  @DisplayName("bad labels are rejected naming the argument, the row and the rule")
  void badLabels() {
    assertThatThrownBy(() -> evaluator.evaluate(ce, z, Labels.of(new int[] {0, 3, 1}), Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels has 3 at row 1").hasMessageContaining("[0, 3)");
    assertThatThrownBy(() -> evaluator.evaluate(ce, z, Labels.of(new int[] {0, -1, 1}, -100), Reduction.SUM))
        .hasMessageContaining("labels has -1 at row 1").hasMessageContaining("ignore_index -100");
    assertThatThrownBy(() -> evaluator.evaluate(ce, z, Labels.of(new int[] {0, 1}), Reduction.SUM))
        .hasMessageContaining("labels has 2 entries but z has 3 rows");
    assertThatThrownBy(() -> evaluator.evaluate(Pair.canonical(Loss.POISSON), z,
        Labels.of(new int[] {0, 1, 2}), Reduction.SUM))
        .hasMessageContaining("poisson takes dense targets y");
    assertThatThrownBy(() -> Labels.of(new int[0])).hasMessageContaining("labels is empty");
    Batch bad = z.copy();
    bad.set(2, 1, Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> evaluator.evaluate(ce, bad, Labels.of(new int[] {0, 1, 2}), Reduction.SUM))
        .hasMessageContaining("z has Infinity at row 2, column 1");
    assertThatThrownBy(() -> evaluator.evaluate(ce, z, (Labels) null, Reduction.SUM)).hasMessage("targets (y or labels)");
  }
}

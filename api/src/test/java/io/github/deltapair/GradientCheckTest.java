package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

  private final Pair pair = Pair.of(Activation.IDENTITY, Loss.SQUARED_ERROR);
  private final Batch z = Batch.of(new double[][] {{0.5, -1.25, 3.0}, {2.0, 0.1, -0.7}});
  private final Batch y = Batch.of(new double[][] {{1.0, 0.0, -2.0}, {0.5, 0.5, 0.5}});

  @Test
  @DisplayName("a delta that matches the loss passes for both reductions")
  void correctDeltaPasses() {
    Evaluator correct = Evaluator.of(new SquaredErrorOnlyBackend("ok", 1.0));
    for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.MEAN}) {
      GradientCheck.Result result = GradientCheck.run(correct, pair, z, y, reduction);
      assertThat(result.passed()).as(reduction.id()).isTrue();
      assertThat(result.checked()).isEqualTo(6);
      assertThat(result.maxRelativeError()).isLessThan(1e-8);
    }
  }

  @Test
  @DisplayName("a delta scaled by 2 (DL4J's LossL2 convention) fails and names the worst element")
  void wrongDeltaFails() {
    Evaluator doubled = Evaluator.of(new SquaredErrorOnlyBackend("x2", 2.0));
    GradientCheck.Result result = GradientCheck.run(doubled, pair, z, y, Reduction.SUM);
    assertThat(result.passed()).isFalse();
    // relative error |2r − r| / (|2r| + |r|) = 1/3 wherever r ≠ 0
    assertThat(result.maxRelativeError()).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(result.analytic()).isCloseTo(2 * result.numeric(), org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  @DisplayName("the check leaves z and y unchanged")
  void inputsUnchanged() {
    Batch zCopy = z.copy();
    Batch yCopy = y.copy();
    GradientCheck.run(Evaluator.of(new SquaredErrorOnlyBackend("ok", 1.0)), pair, z, y, Reduction.MEAN);
    assertThat(z.sameBits(zCopy)).isTrue();
    assertThat(y.sameBits(yCopy)).isTrue();
  }
}

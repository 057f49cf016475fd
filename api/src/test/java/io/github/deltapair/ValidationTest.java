package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ValidationTest {

  private static Batch row(double... values) {
    return Batch.of(new double[][] {values});
  }

  @Test
  @DisplayName("shape mismatch names both shapes")
  void shapes() {
    assertThatThrownBy(() -> Validation.checkInputs(
            Pair.canonical(Loss.SQUARED_ERROR), row(1, 2), row(1, 2, 3)))
        .hasMessage("y is 1 × 3 but z is 1 × 2: z and y must have the same shape");
  }

  @Test
  @DisplayName("a non-finite logit or target names its row and column")
  void nonFinite() {
    Batch z = Batch.of(new double[][] {{0, 0}, {0, Double.NaN}});
    assertThatThrownBy(() -> Validation.checkInputs(
            Pair.canonical(Loss.SQUARED_ERROR), z, Batch.zeros(2, 2)))
        .hasMessageStartingWith("z has NaN at row 1, column 1");
    assertThatThrownBy(() -> Validation.checkInputs(
            Pair.canonical(Loss.SQUARED_ERROR), row(0, 0), row(Double.NEGATIVE_INFINITY, 0)))
        .hasMessageStartingWith("y has -Infinity at row 0, column 0");
  }

  @Test
  @DisplayName("targets outside each loss's domain are rejected with the rule")
  void targetDomains() {
    assertThatThrownBy(() -> Validation.checkInputs(
            Pair.canonical(Loss.BINARY_CROSS_ENTROPY), row(0, 0), row(0, 1.5)))
        .hasMessage("y has 1.5 at row 0, column 1: binary-cross-entropy targets must lie in [0, 1]");
    assertThatThrownBy(() -> Validation.checkInputs(
            Pair.canonical(Loss.POISSON), row(0, 0), row(-1, 0)))
        .hasMessageContaining("y has -1.0 at row 0, column 0: poisson");
    assertThatThrownBy(() -> Validation.checkInputs(
            Pair.canonical(Loss.BIPOLAR_CROSS_ENTROPY), row(0), row(1.01)))
        .hasMessageContaining("[-1, 1]");
    assertThatThrownBy(() -> Validation.checkInputs(
            Pair.canonical(Loss.CROSS_ENTROPY), row(0, 0), row(0.5, 0.6)))
        .hasMessageContaining("y row 0 sums to 1.1")
        .hasMessageContaining("each row must sum to 1");
    // within the 1e-9 tolerance is accepted
    Validation.checkInputs(Pair.canonical(Loss.CROSS_ENTROPY), row(0, 0), row(0.5, 0.5 + 1e-12));
  }

  @Test
  @DisplayName("softmax needs two columns; exp must not overflow")
  void activationRules() {
    assertThatThrownBy(() -> Validation.checkInputs(Pair.canonical(Loss.CROSS_ENTROPY), row(3), row(1)))
        .hasMessageContaining("z has 1 column");
    Validation.checkInputs(Pair.canonical(Loss.POISSON), row(709.78), row(0));
    assertThatThrownBy(() -> Validation.checkInputs(Pair.canonical(Loss.POISSON), row(0, 709.79), row(0, 0)))
        .hasMessageContaining("z has 709.79 at row 0, column 1: exp(z) overflows");
  }

  @Test
  @DisplayName("a saturated chain-rule pair is rejected, suggesting the matched pair")
  void saturation() {
    Pair pair = Pair.of(Activation.SOFTMAX, Loss.BINARY_CROSS_ENTROPY);
    assertThatThrownBy(() -> Validation.checkInputs(pair, row(800, 0), row(1, 0)))
        .hasMessageContaining("row 0, column 0")
        .hasMessageContaining("softmax gives a = 1.0")
        .hasMessageContaining("use the matched pair sigmoid+binary-cross-entropy");
    // the canonical pair at the same logits is fine
    Validation.checkInputs(Pair.canonical(Loss.BINARY_CROSS_ENTROPY), row(800, 0), row(1, 0));
  }

  @Test
  @DisplayName("an output buffer must match z and share no array with the inputs")
  void outputBuffer() {
    Batch z = row(1, 2);
    Batch y = row(0, 0);
    assertThatThrownBy(() -> Validation.checkOutput("deltaOut", Batch.zeros(2, 1), z, y))
        .hasMessageContaining("deltaOut is 2 × 1 but z is 1 × 2");
    assertThatThrownBy(() -> Validation.checkOutput("deltaOut", z, z, y))
        .hasMessageContaining("deltaOut shares its array with z");
  }

  @Test
  @DisplayName("an overflowing result is named by row and column, and nothing is modified")
  void overflowingResult() {
    Batch z = Batch.of(new double[][] {{1, 2e200}});
    Batch y = Batch.of(new double[][] {{0, 0}});
    Batch zCopy = z.copy();
    Evaluator backend = Evaluator.of(new SquaredErrorOnlyBackend("t", 1));
    assertThatThrownBy(() -> backend.evaluate(Pair.canonical(Loss.SQUARED_ERROR), z, y, Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0, column 1")
        .hasMessageContaining("loss value of identity+squared-error overflows");
    assertThat(z.sameBits(zCopy)).isTrue();
  }

  @Test
  @DisplayName("an overflow caused by a target is named where the target is, not at the largest z")
  void overflowFromTarget() {
    Batch z = Batch.of(new double[][] {{5, 0}, {0, 0}});
    Batch y = Batch.of(new double[][] {{0, 0}, {0, 1e300}});
    Evaluator backend = Evaluator.of(new SquaredErrorOnlyBackend("t", 1));
    assertThatThrownBy(() -> backend.evaluate(Pair.canonical(Loss.SQUARED_ERROR), z, y, Reduction.SUM))
        .hasMessageContaining("row 1, column 1 (y = 1.0E300)");
  }
}

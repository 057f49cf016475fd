package io.github.deltapair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code deltapair explain} with loss options: {@link Pair#explanation(Options)}. */
@DisplayName("deltapair explain with loss options")
class ExplainOptionsCommandTest {

  @Test
  @DisplayName("--pos-weight 2,1 on sigmoid + BCE states δ = (1 + (p − 1) ⊙ y) ⊙ a − p ⊙ y with p's values")
  void posWeight() {
    CliRun run = CliRun.run("explain", "sigmoid", "binary-cross-entropy", "--pos-weight", "2,1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Pair pair = Pair.of("sigmoid", "binary-cross-entropy");
    assertThat(run.out())
        .isEqualTo(pair.explanation(Options.NONE.withPosWeight(2, 1)))
        .startsWith("sigmoid + binary-cross-entropy: canonical")
        .contains("pos_weight p = [2.0, 1.0]")
        .contains("(1 + (p − 1) ⊙ y) ⊙ a − p ⊙ y");
  }

  @Test
  @DisplayName("--class-weights 1,2,3 --label-smoothing 0.1 on softmax + CE: δ_i = s·(a Σ_j w_j y'_j − w ⊙ y')")
  void classWeightsAndSmoothing() {
    CliRun run = CliRun.run("explain", "softmax", "cross-entropy", "--class-weights", "1,2,3",
        "--label-smoothing", "0.1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(Pair.of("softmax", "cross-entropy")
            .explanation(Options.NONE.withClassWeights(1, 2, 3).withLabelSmoothing(0.1)))
        .contains("class_weights w = [1.0, 2.0, 3.0]")
        .contains("label_smoothing ε = 0.1")
        .contains("a Σ_j w_j y'_j − w ⊙ y'");
  }

  @Test
  @DisplayName("--example-weights and --mask are flags: e_i and μ enter the formula, their values do not")
  void exampleWeightsAndMask() {
    CliRun run = CliRun.run("explain", "sigmoid", "squared-error", "--example-weights", "--mask");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(Pair.of("sigmoid", "squared-error").explanation(Options.NONE
            .withExampleWeights(1.0).withMask(Batch.of(new double[][] {{1.0}}))))
        .contains("example_weights e_i")
        .contains("mask μ")
        .contains("δ_i = s·e_i·J_f(z)ᵀ");
  }

  @Test
  @DisplayName("without option flags the output is the plain explanation")
  void noOptions() {
    CliRun run = CliRun.run("explain", "softmax", "cross-entropy");

    assertThat(run.out()).isEqualTo(Pair.of("softmax", "cross-entropy").explanation())
        .doesNotContain("options");
  }

  @Test
  @DisplayName("an option the loss does not take is rejected naming the option and the loss (exit 2)")
  void unsupportedOption() {
    CliRun run = CliRun.run("explain", "softmax", "cross-entropy", "--pos-weight", "2,1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("cross-entropy does not support pos_weight");
    assertThat(run.out()).isEmpty();
  }

  @Test
  @DisplayName("bad option values are rejected naming the option and rule: negative weight, smoothing 1, lengths")
  void badValues() {
    CliRun negative = CliRun.run("explain", "sigmoid", "binary-cross-entropy", "--class-weights", "1,-2");
    CliRun smoothing = CliRun.run("explain", "sigmoid", "binary-cross-entropy", "--label-smoothing", "1");
    CliRun lengths = CliRun.run("explain", "sigmoid", "binary-cross-entropy", "--class-weights",
        "1,2,3", "--pos-weight", "2,1");
    CliRun narrow = CliRun.run("explain", "softmax", "cross-entropy", "--class-weights", "1");

    assertThat(negative.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(negative.err()).contains("class_weights has -2.0 at column 1");
    assertThat(smoothing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(smoothing.err()).contains("label_smoothing is 1.0");
    assertThat(lengths.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(lengths.err()).contains("--class-weights has 3 entries but --pos-weight has 2");
    assertThat(narrow.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(narrow.err()).contains("--class-weights has 1 entry but softmax needs at least 2 outputs");
  }
}

package io.github.deltapair.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Validation;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The kit's inputs are valid, reproducible, and its bad inputs really are bad. */
class InputsTest {

  static Stream<Arguments> pairsAndKinds() {
    return DefaultPairs.all().stream().flatMap(p -> Stream.of(TargetKind.values()).map(k -> Arguments.of(p, k)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("pairsAndKinds")
  @DisplayName("Random inputs pass the api's validation for every pair and target kind, even over 1000 columns")
  void randomInputsAreValid(Pair pair, TargetKind kind) {
    Sample sample = Sample.draw("inputs " + pair, pair, Shape.of(16, 1000), kind, pair.isCanonical() ? 8.0 : 3.0);
    assertThatNoException().isThrownBy(() -> Validation.checkInputs(pair, sample.z(), sample.y()));
  }

  static Stream<Pair> everyPair() {
    return DefaultPairs.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyPair")
  @DisplayName("Cycling labels pass the api's validation, for every pair including non-default parameters")
  void cyclingLabelsAreValid(Pair pair) {
    Batch y = Inputs.cyclingLabels(pair.loss(), Shape.of(3, 3));
    assertThatNoException().isThrownBy(() -> Validation.checkInputs(pair, Batch.zeros(3, 3), y));
  }

  @Test
  @DisplayName("Targets come from the loss's domain alone: ends of [0, 1] and [−1, 1], counts 0..4 on [0, ∞), one-hot rows on the simplex, and soft ones within")
  void targetsFollowTheDomain() {
    Shape shape = Shape.of(40, 5);
    assertThat(Inputs.seeded("t").targets(Loss.FOCAL, TargetKind.HARD, shape).array()).containsOnly(0.0, 1.0);
    assertThat(Inputs.seeded("t").targets(Loss.BIPOLAR_CROSS_ENTROPY, TargetKind.HARD, shape).array()).containsOnly(-1.0, 1.0);
    assertThat(Inputs.seeded("t").targets(Loss.POISSON, TargetKind.HARD, shape).array()).containsOnly(0.0, 1.0, 2.0, 3.0, 4.0);
    assertThat(Inputs.seeded("t").targets(Loss.HUBER, TargetKind.HARD, shape).array()).containsOnly(0.0, 1.0);
    assertThat(java.util.Arrays.stream(Inputs.seeded("t").targets(Loss.huber(0.5), TargetKind.SOFT, shape).array()).boxed().toList())
        .allSatisfy(v -> assertThat(v).isBetween(-2.0, 2.0));
    assertThat(java.util.Arrays.stream(Inputs.seeded("t").targets(Loss.POISSON, TargetKind.SOFT, shape).array()).boxed().toList())
        .allSatisfy(v -> assertThat(v).isBetween(0.0, 5.0));
    Batch kl = Inputs.seeded("t").targets(Loss.KL_DIVERGENCE, TargetKind.HARD, shape);
    for (int i = 0; i < shape.rows(); i++) {
      double sum = 0;
      for (int j = 0; j < shape.cols(); j++) {
        assertThat(kl.get(i, j)).isIn(0.0, 1.0);
        sum += kl.get(i, j);
      }
      assertThat(sum).isEqualTo(1.0);
    }
  }

  @Test
  @DisplayName("The same seed gives the same bits")
  void seedsReplay() {
    Shape shape = Shape.of(5, 7);
    assertThat(Inputs.seeded("x").logits(shape, 3).sameBits(Inputs.seeded("x").logits(shape, 3))).isTrue();
    assertThat(Inputs.seeded("x").logits(shape, 3).sameBits(Inputs.seeded("y").logits(shape, 3))).isFalse();
  }

  @Test
  @DisplayName("Every bad input of C7 is rejected by the reference backend (the api's validation or result check)")
  void badInputsAreBad() {
    Evaluator reference = Evaluator.of(new ReferenceBackend());
    for (BadInput bad : BadInputs.all()) {
      assertThatThrownBy(() -> reference.evaluate(bad.pair(), bad.z(), bad.y(), Reduction.SUM))
          .as(bad.toString())
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  static Stream<Arguments> pairsAndOptionSets() {
    return DefaultPairs.all().stream().flatMap(p -> OptionSample.combinationsFor(p.loss()).stream()
        .map(set -> Arguments.of(p, set)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("pairsAndOptionSets")
  @DisplayName("Option samples pass the api's validation for every pair and option set, NaN in what is not read included, and hold what was asked")
  void optionSamplesAreValid(Pair pair, java.util.Set<io.github.deltapair.LossOption> set) {
    OptionSample sample = OptionSample.draw("inputs options " + pair + set, pair, Shape.of(16, 6), pair.isCanonical() ? 8.0 : 3.0, set);
    assertThatNoException().isThrownBy(() -> Validation.checkInputs(pair, sample.z(), sample.targets(), sample.options()));
    java.util.Set<io.github.deltapair.LossOption> given = java.util.EnumSet.copyOf(sample.options().given());
    if (sample.targets() instanceof io.github.deltapair.Labels labels) {
      given.add(io.github.deltapair.LossOption.LABELS);
      labels.ignoreIndex().ifPresent(v -> given.add(io.github.deltapair.LossOption.IGNORE_INDEX));
    }
    assertThat(given).isEqualTo(set);
    assertThat(sample.copy().sameBits(sample)).isTrue();
  }

  @Test
  @DisplayName("Every bad option of C7 is rejected by the api's validation, naming the option or argument")
  void badOptionsAreBad() {
    assertThat(BadInputs.options()).hasSizeGreaterThan(20);
    for (BadOption bad : BadInputs.options()) {
      assertThatThrownBy(() -> Validation.checkInputs(bad.pair(), bad.z(), bad.targets(), bad.options()))
          .as(bad.toString())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad.argument());
    }
  }

  @Test
  @DisplayName("Tolerances reject non-positive values and a step above 0.1")
  void tolerancesAreChecked() {
    assertThatThrownBy(() -> new Tolerances(0, 1e-10, 1e-6, 1e-5, 1e-8)).hasMessageContaining("delta");
    assertThatThrownBy(() -> new Tolerances(1e-12, 1e-10, 0.5, 1e-5, 1e-8)).hasMessageContaining("finiteDifferenceStep");
    assertThat(Tolerances.DEFAULTS.deltaBound(-50)).isEqualTo(5e-11);
  }
}

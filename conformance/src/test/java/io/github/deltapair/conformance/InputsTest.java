package io.github.deltapair.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Validation;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The kit's inputs are valid, reproducible, and its bad inputs really are bad. */
class InputsTest {

  static Stream<Arguments> pairsAndKinds() {
    return Pair.all().stream().flatMap(p -> Stream.of(TargetKind.values()).map(k -> Arguments.of(p, k)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("pairsAndKinds")
  @DisplayName("Random inputs pass the api's validation for every pair and target kind, even over 1000 columns")
  void randomInputsAreValid(Pair pair, TargetKind kind) {
    Sample sample = Sample.draw("inputs " + pair, pair, Shape.of(16, 1000), kind, pair.isCanonical() ? 8.0 : 3.0);
    assertThatNoException().isThrownBy(() -> Validation.checkInputs(pair, sample.z(), sample.y()));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Loss.class)
  @DisplayName("Cycling labels pass the api's validation")
  void cyclingLabelsAreValid(Loss loss) {
    Batch y = Inputs.cyclingLabels(loss, Shape.of(3, 3));
    assertThatNoException().isThrownBy(() -> Validation.checkInputs(Pair.canonical(loss), Batch.zeros(3, 3), y));
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
    for (BadInput bad : BadInputs.all()) {
      assertThatThrownBy(() -> new ReferenceBackend().evaluate(bad.pair(), bad.z(), bad.y(), Reduction.SUM))
          .as(bad.toString())
          .isInstanceOf(IllegalArgumentException.class);
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

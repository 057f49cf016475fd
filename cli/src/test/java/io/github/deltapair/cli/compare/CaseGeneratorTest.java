package io.github.deltapair.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("compare's cases, planned and drawn from the definitions")
class CaseGeneratorTest {

  @Test
  @DisplayName("extreme logits are the contract's C2: ±1000 where the activation never overflows, ±700 for exp")
  void extremes() {
    assertThat(CaseGenerator.extremes(Activation.SIGMOID))
        .containsExactlyInAnyOrder(0, 17, -17, 30, -30, 100, -100, 1000, -1000);
    assertThat(CaseGenerator.extremes(Activation.EXP))
        .containsExactlyInAnyOrder(0, 17, -17, 30, -30, 100, -100, 700, -700);
  }

  @Test
  @DisplayName("a one-column shape is widened to the activation's minColumns (softmax, sparsemax: 2)")
  void widensShapes() {
    List<BatchShape> shapes = List.of(new BatchShape(3, 1));
    for (String name : List.of("softmax+cross-entropy", "sparsemax+sparsemax-loss")) {
      assertThat(CaseGenerator.plan(List.of(Pair.parse(name)), shapes, 1))
          .allSatisfy(s -> assertThat(s.shape()).isEqualTo(new BatchShape(3, 2)));
    }
    assertThat(CaseGenerator.plan(List.of(Pair.parse("identity+huber(delta=0.5)")), shapes, 1))
        .hasSize(8).allSatisfy(s -> assertThat(s.shape()).isEqualTo(new BatchShape(3, 1)));
  }

  @Test
  @DisplayName("targets follow each loss's definition: simplex rows for kl-divergence and the plugin's loss, [0, 1] for focal")
  void targetsFromDefinitions() {
    List<BatchShape> shapes = List.of(new BatchShape(16, 5));
    for (String name : List.of("softmax+kl-divergence", "sparsemax+sparsemax-loss", "sigmoid+focal")) {
      for (Scenario scenario : CaseGenerator.plan(List.of(Pair.parse(name)), shapes, 7)) {
        Batch y = CaseGenerator.generate(scenario).y();
        boolean simplex = scenario.pair().loss().targetRowsOnSimplex();
        for (int i = 0; i < y.rows(); i++) {
          double sum = 0;
          for (int j = 0; j < y.cols(); j++) {
            assertThat(y.get(i, j)).as(scenario.label()).isBetween(0.0, 1.0);
            sum += y.get(i, j);
          }
          if (simplex) {
            assertThat(sum).as(scenario.label()).isCloseTo(1.0, within(1e-12));
          }
        }
      }
    }
  }

  @Test
  @DisplayName("the same scenario always gives the same inputs")
  void reproducible() {
    Scenario scenario = CaseGenerator.plan(
        List.of(Pair.parse("tanh+huber")), List.of(new BatchShape(4, 3)), 42).get(5);
    CaseGenerator.CaseInputs first = CaseGenerator.generate(scenario);
    CaseGenerator.CaseInputs second = CaseGenerator.generate(scenario);
    assertThat(first.z().sameBits(second.z())).isTrue();
    assertThat(first.y().sameBits(second.y())).isTrue();
  }
}

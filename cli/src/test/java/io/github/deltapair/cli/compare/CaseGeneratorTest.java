package io.github.deltapair.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.LossOption;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.OptionSample;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("compare's cases, planned and drawn from the definitions")
class CaseGeneratorTest {

  @Test
  @DisplayName("extreme logits are the contract's C2: ±1000 where the activation never overflows, ±700 for exp; in float32 exp goes to ±80 (below 88.72)")
  void extremes() {
    assertThat(CaseGenerator.extremes(Activation.SIGMOID, Precision.FLOAT64))
        .containsExactlyInAnyOrder(0, 17, -17, 30, -30, 100, -100, 1000, -1000);
    assertThat(CaseGenerator.extremes(Activation.SIGMOID, Precision.FLOAT32))
        .containsExactlyInAnyOrder(0, 17, -17, 30, -30, 100, -100, 1000, -1000);
    assertThat(CaseGenerator.extremes(Activation.EXP, Precision.FLOAT64))
        .containsExactlyInAnyOrder(0, 17, -17, 30, -30, 100, -100, 700, -700);
    assertThat(CaseGenerator.extremes(Activation.EXP, Precision.FLOAT32))
        .containsExactlyInAnyOrder(0, 17, -17, 30, -30, -100, 80, -80);
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
        .filteredOn(s -> s.options().isEmpty())
        .hasSize(8 + 2).allSatisfy(s -> assertThat(s.shape()).isEqualTo(new BatchShape(3, 1)));
  }

  @Test
  @DisplayName("targets follow each loss's definition: simplex rows for kl-divergence and the plugin's loss, [0, 1] for focal")
  void targetsFromDefinitions() {
    List<BatchShape> shapes = List.of(new BatchShape(16, 5));
    for (String name : List.of("softmax+kl-divergence", "sparsemax+sparsemax-loss", "sigmoid+focal")) {
      for (Scenario scenario : CaseGenerator.plan(List.of(Pair.parse(name)), shapes, 7)) {
        if (!scenario.options().isEmpty()) {
          // masked-out entries hold NaN: they are not read
          continue;
        }
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
  @DisplayName("option cases: each option set the loss supports under mean-by-weight and one other reduction (the widest under all four), every shape in turn, random logits")
  void optionCases() {
    List<BatchShape> shapes = List.of(new BatchShape(1, 1), new BatchShape(4, 3), new BatchShape(8, 5));
    List<Scenario> bce = optionCases("sigmoid+binary-cross-entropy", shapes, Precision.FLOAT64);
    List<Scenario> huber = optionCases("identity+huber", shapes, Precision.FLOAT64);
    List<Scenario> ce = optionCases("softmax+cross-entropy", shapes, Precision.FLOAT64);

    // BCE: class weights, pos_weight, example weights, mask, smoothing alone; class weights with
    // example weights and smoothing, the same with a mask; all five (the kit's C10 sets it takes):
    // 7 sets × 2 reductions, the widest × 4
    assertThat(bce).hasSize(7 * 2 + 4);
    assertThat(bce.stream().map(Scenario::options).distinct()).hasSize(8);
    assertThat(bce).anySatisfy(s -> assertThat(s.options()).contains(LossOption.POS_WEIGHT));
    assertThat(bce.stream().map(Scenario::reduction).distinct()).containsExactlyInAnyOrder(Reduction.values());
    assertThat(bce.stream().map(Scenario::options).distinct()).allSatisfy(set -> assertThat(bce)
        .anySatisfy(s -> assertThat(s).extracting(Scenario::options, Scenario::reduction)
            .containsExactly(set, Reduction.MEAN_BY_WEIGHT)));
    assertThat(bce.stream().map(Scenario::shape).distinct()).hasSize(3);
    assertThat(bce).allSatisfy(s -> assertThat(s.logits()).isEqualTo(Scenario.Logits.RANDOM));
    // huber takes neither pos_weight, smoothing nor labels
    assertThat(huber).isNotEmpty().allSatisfy(s -> assertThat(s.options())
        .doesNotContain(LossOption.POS_WEIGHT, LossOption.LABEL_SMOOTHING, LossOption.LABELS));
    // cross-entropy: labels with ignore_index, never pos_weight; a label case has labels as targets
    assertThat(ce).noneSatisfy(s -> assertThat(s.options()).contains(LossOption.POS_WEIGHT));
    Scenario labelled = ce.stream().filter(s -> s.options().contains(LossOption.IGNORE_INDEX))
        .findFirst().orElseThrow();
    assertThat(CaseGenerator.generate(labelled).targets()).isInstanceOf(Labels.class);
    assertThat(labelled.label()).contains("options [").contains("ignore_index").contains("labels");
  }

  private static List<Scenario> optionCases(String pair, List<BatchShape> shapes, Precision precision) {
    return CaseGenerator.plan(List.of(Pair.parse(pair)), shapes, 3).stream()
        .filter(s -> !s.options().isEmpty() && s.precision() == precision).toList();
  }

  @Test
  @DisplayName("float32 cases: per shape a random sum and an extreme mean case, and two option sets (the widest under mean-by-weight)")
  void float32Cases() {
    List<BatchShape> shapes = List.of(new BatchShape(1, 1), new BatchShape(4, 3), new BatchShape(8, 5));
    List<Scenario> plan = CaseGenerator.plan(List.of(Pair.parse("sigmoid+binary-cross-entropy")), shapes, 3);
    List<Scenario> plain = plan.stream()
        .filter(s -> s.precision() == Precision.FLOAT32 && s.options().isEmpty()).toList();
    List<Scenario> options = optionCases("sigmoid+binary-cross-entropy", shapes, Precision.FLOAT32);

    assertThat(plain).hasSize(2 * 3);
    assertThat(plain).filteredOn(s -> s.logits() == Scenario.Logits.EXTREME).hasSize(3)
        .allSatisfy(s -> assertThat(s.reduction()).isEqualTo(Reduction.MEAN));
    assertThat(plain.stream().map(Scenario::targets).distinct()).hasSize(2);
    assertThat(options).hasSize(2);
    assertThat(options.get(0).options()).isEqualTo(OptionSample.widestFor(Loss.BINARY_CROSS_ENTROPY));
    assertThat(options.get(0).reduction()).isEqualTo(Reduction.MEAN_BY_WEIGHT);
    assertThat(options.get(1).options()).isNotEqualTo(options.get(0).options());
    assertThat(plan.stream().map(Scenario::seed).distinct()).hasSize(plan.size());
    assertThat(plain.get(0).label()).contains(" float32 seed ");
  }

  @Test
  @DisplayName("a float32 case's inputs are its float64 inputs rounded: z, y and mask in float32, simplex rows kept summing to exactly 1")
  void float32Inputs() {
    for (String name : List.of("softmax+cross-entropy", "sigmoid+binary-cross-entropy", "softmax+kl-divergence")) {
      Pair pair = Pair.parse(name);
      for (Scenario scenario : CaseGenerator.plan(List.of(pair), List.of(new BatchShape(6, 5)), 11)) {
        if (scenario.precision() != Precision.FLOAT32) {
          continue;
        }
        Scenario wide = new Scenario(scenario.pair(), scenario.reduction(), scenario.logits(),
            scenario.targets(), scenario.shape(), scenario.seed(), scenario.options());
        CaseGenerator.CaseInputs f32 = CaseGenerator.generate(scenario);
        CaseGenerator.CaseInputs f64 = CaseGenerator.generate(wide);
        assertThat(f32.z().sameBits(f64.z().toFloat32())).as(scenario.label()).isTrue();
        if (f32.options().mask() != null) {
          assertThat(f32.options().mask().sameBits(f64.options().mask())).isTrue();
        }
        if (!(f32.targets() instanceof Batch y)) {
          continue;
        }
        assertThat(y.precision()).isEqualTo(Precision.FLOAT32);
        for (int k = 0; k < y.size(); k++) {
          // a simplex entry moves by a float32 spacing or so (the largest takes the others' errors)
          assertThat(y.at(k)).as(scenario.label()).isCloseTo(f64.y().at(k), within(y.cols() * 0x1p-21));
        }
        for (int i = 0; i < y.rows() && pair.loss().targetRowsOnSimplex(); i++) {
          double sum = 0;
          for (int j = 0; j < y.cols(); j++) {
            sum += y.get(i, j);
          }
          assertThat(Double.isNaN(sum) || sum == 1.0).as("%s row %d sums to %s", scenario.label(), i, sum).isTrue();
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
    Scenario withOptions = CaseGenerator.plan(List.of(Pair.parse("softmax+cross-entropy")),
            List.of(new BatchShape(6, 4)), 42).stream()
        .filter(s -> s.options().contains(LossOption.MASK)).findFirst().orElseThrow();
    assertThat(CaseGenerator.generate(withOptions).sameBits(CaseGenerator.generate(withOptions)))
        .isTrue();
  }
}

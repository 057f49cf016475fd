package io.github.deltapair.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.LossOption;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The oracle under options (the contract's §2b) against hand-worked values, itself and finite differences. */
class ReferenceOracleOptionsTest {

  private static final double LN2 = Math.log(2.0);
  private static final Pair SIGMOID_BCE = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
  private static final Pair SOFTMAX_CE = Pair.canonical(Loss.CROSS_ENTROPY);

  private static Batch rows(double[]... values) {
    return Batch.of(values);
  }

  static Stream<Arguments> pairsAndSets() {
    return DefaultPairs.all().stream().flatMap(p -> OptionSample.combinationsFor(p.loss()).stream()
        .map(set -> Arguments.of(p, set)));
  }

  @Test
  @DisplayName("pos_weight p = 3 with sigmoid + binary-cross-entropy at z = 0: y = 1 costs 3 log 2 with δ = (1 + 2)·½ − 3 = −1.5, y = 0 costs log 2 with δ = ½")
  void posWeightByHand() {
    Options options = Options.NONE.withPosWeight(3.0, 3.0);
    Batch z = rows(new double[] {0.0, 0.0});
    Batch y = rows(new double[] {1.0, 0.0});
    assertThat(ReferenceOracle.exampleLosses(SIGMOID_BCE, z, y, options)[0]).isCloseTo(4 * LN2, within(1e-15));
    assertThat(ReferenceOracle.delta(SIGMOID_BCE, z, y, options, Reduction.SUM).array()).containsExactly(-1.5, 0.5);
    // at z = 1000, y = 1 the positive term is 0 and δ = (1 + 2)·1 − 3 = 0; at z = −1000 it is p·1000
    Batch far = rows(new double[] {1000.0, -1000.0});
    assertThat(ReferenceOracle.loss(SIGMOID_BCE, far, rows(new double[] {1.0, 1.0}), options, Reduction.SUM)).isEqualTo(3000.0);
    assertThat(ReferenceOracle.delta(SIGMOID_BCE, far, rows(new double[] {1.0, 1.0}), options, Reduction.SUM).array())
        .containsExactly(0.0, -3.0);
  }

  @Test
  @DisplayName("softmax + cross-entropy with labels [0, 1] and class weights [1, 3] at z = 0: ℓ = [log 2, 3 log 2], mean-by-weight divides by 1 + 3, δ = (a Σ w y − w ⊙ y)/4")
  void classWeightedLabelsByHand() {
    Batch z = rows(new double[] {0.0, 0.0}, new double[] {0.0, 0.0});
    Labels labels = Labels.of(new int[] {0, 1});
    Options options = Options.NONE.withClassWeights(1.0, 3.0);
    assertThat(ReferenceOracle.exampleLosses(SOFTMAX_CE, z, labels, options)).containsExactly(LN2, 3 * LN2);
    assertThat(ReferenceOracle.totalWeight(labels, options, 2)).isEqualTo(4.0);
    assertThat(ReferenceOracle.loss(SOFTMAX_CE, z, labels, options, Reduction.MEAN_BY_WEIGHT)).isCloseTo(LN2, within(1e-16));
    assertThat(ReferenceOracle.loss(SOFTMAX_CE, z, labels, options, Reduction.MEAN)).isCloseTo(2 * LN2, within(1e-16));
    assertThat(ReferenceOracle.delta(SOFTMAX_CE, z, labels, options, Reduction.MEAN_BY_WEIGHT).toArray())
        .isDeepEqualTo(new double[][] {{-0.125, 0.125}, {0.375, -0.375}});
  }

  @Test
  @DisplayName("Label smoothing with labels and class weights is (1 − ε)·w_c·(−log a_c) + (ε/n)·Σ_j w_j·(−log a_j), as the contract writes it")
  void smoothingWithClassWeightsByHand() {
    double[] zr = {1.0, -0.5, 2.0};
    Batch z = rows(zr);
    double[] w = {0.5, 2.0, 1.5};
    double epsilon = 0.2;
    Options options = Options.NONE.withClassWeights(w).withLabelSmoothing(epsilon);
    double lse = Math.log(Math.exp(1.0) + Math.exp(-0.5) + Math.exp(2.0));
    double expected = (1 - epsilon) * w[1] * (lse - zr[1]);
    for (int j = 0; j < 3; j++) {
      expected += epsilon / 3 * w[j] * (lse - zr[j]);
    }
    assertThat(ReferenceOracle.exampleLosses(SOFTMAX_CE, z, Labels.of(new int[] {1}), options)[0])
        .isCloseTo(expected, within(1e-14));
    // binary cross-entropy smooths towards ½: y = 1 becomes 1 − ε/2
    Options bce = Options.NONE.withLabelSmoothing(0.2);
    double a = 1 / (1 + Math.exp(-0.7));
    assertThat(ReferenceOracle.exampleLosses(SIGMOID_BCE, rows(new double[] {0.7}), rows(new double[] {1.0}), bce)[0])
        .isCloseTo(-(0.9 * Math.log(a) + 0.1 * Math.log(1 - a)), within(1e-15));
  }

  @Test
  @DisplayName("Ignored rows, rows masked out whole and masked-out entries may hold NaN: ℓ = 0 and δ = 0 there, and mean-by-weight with Σ W = 0 gives J = 0 and δ = 0")
  void droppedEntriesAreNeverRead() {
    Batch z = rows(new double[] {Double.NaN, 0.0}, new double[] {0.0, Double.NaN});
    Batch y = rows(new double[] {Double.NaN, 1.0}, new double[] {0.0, Double.NaN});
    Batch mask = rows(new double[] {0.0, 1.0}, new double[] {1.0, 0.0});
    Options options = Options.NONE.withMask(mask);
    assertThat(ReferenceOracle.exampleLosses(SIGMOID_BCE, z, y, options)).containsExactly(LN2, LN2);
    assertThat(ReferenceOracle.delta(SIGMOID_BCE, z, y, options, Reduction.SUM).array()).containsExactly(0.0, -0.5, 0.5, 0.0);
    Batch softmaxZ = rows(new double[] {Double.NaN, Double.NaN}, new double[] {0.0, 0.0});
    Labels labels = Labels.of(new int[] {0, -100}, -100);
    Options zeroWeights = Options.NONE.withClassWeights(1.0, 1.0).withMask(rows(new double[] {0, 0}, new double[] {1, 1}));
    assertThat(ReferenceOracle.totalWeight(labels, zeroWeights, 2)).isZero();
    assertThat(ReferenceOracle.loss(SOFTMAX_CE, softmaxZ, labels, zeroWeights, Reduction.MEAN_BY_WEIGHT)).isZero();
    assertThat(ReferenceOracle.delta(SOFTMAX_CE, softmaxZ, labels, zeroWeights, Reduction.MEAN_BY_WEIGHT).array()).containsOnly(0.0);
    Options noWeight = Options.NONE.withExampleWeights(0.0, 0.0);
    assertThat(ReferenceOracle.loss(SIGMOID_BCE, rows(new double[] {1, 2}, new double[] {3, 4}),
        rows(new double[] {1, 0}, new double[] {0, 1}), noWeight, Reduction.MEAN_BY_WEIGHT)).isZero();
  }

  static Stream<Pair> pairs() {
    return DefaultPairs.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  @DisplayName("With no options the options oracle equals the plain one for every pair: SUM and NONE the sum, MEAN and mean-by-weight the mean")
  void noOptionsIsThePlainOracle(Pair pair) {
    Sample sample = Sample.draw("oracle options none " + pair, pair, Shape.of(5, 4), TargetKind.SOFT, 3.0);
    for (Reduction r : Reduction.values()) {
      Reduction plain = r == Reduction.NONE ? Reduction.SUM : r == Reduction.MEAN_BY_WEIGHT ? Reduction.MEAN : r;
      double expected = ReferenceOracle.loss(pair, sample.z(), sample.y(), plain);
      assertThat(ReferenceOracle.loss(pair, sample.z(), sample.y(), Options.NONE, r)).as(r.id())
          .isCloseTo(expected, within(1e-13 * Math.max(1, Math.abs(expected))));
      BatchAgreement.assertBatchesAgree("delta", ReferenceOracle.delta(pair, sample.z(), sample.y(), Options.NONE, r),
          ReferenceOracle.delta(pair, sample.z(), sample.y(), plain), e -> 1e-14 * Math.max(1, Math.abs(e)), pair + " " + r.id());
    }
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("pairsAndSets")
  @DisplayName("Under every option set a loss supports, the oracle's delta is the central difference of its own loss (NaN entries, never read, have δ = 0), for sum and mean-by-weight")
  void optionDeltaIsTheGradientOfOptionLoss(Pair pair, Set<LossOption> set) {
    OptionSample sample = OptionSample.draw("oracle options gradient " + pair + set, pair, Shape.of(4, 3), 2.0, set);
    for (Reduction r : new Reduction[] {Reduction.SUM, Reduction.MEAN_BY_WEIGHT}) {
      Batch delta = ReferenceOracle.delta(pair, sample.z(), sample.targets(), sample.options(), r);
      Batch probe = sample.z().copy();
      for (int k = 0; k < probe.size(); k++) {
        double z = probe.array()[k];
        if (Double.isNaN(z)) {
          assertThat(delta.array()[k]).as("δ at NaN entry %d", k).isEqualTo(0.0);
          continue;
        }
        double h = 1e-6 * Math.max(1.0, Math.abs(z));
        probe.array()[k] = z + h;
        double up = ReferenceOracle.loss(pair, probe, sample.targets(), sample.options(), r);
        probe.array()[k] = z - h;
        double down = ReferenceOracle.loss(pair, probe, sample.targets(), sample.options(), r);
        probe.array()[k] = z;
        assertThat(delta.array()[k]).as("%s element %d", r.id(), k).isCloseTo((up - down) / (2 * h), within(1e-6));
      }
    }
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("pairsAndSets")
  @DisplayName("Under every option set the oracle's example losses sum to J under NONE and SUM, mean-by-weight divides them by the oracle's Σ W, and every value is finite")
  void exampleLossesAndReductions(Pair pair, Set<LossOption> set) {
    OptionSample sample = OptionSample.draw("oracle options reductions " + pair + set, pair, Shape.of(12, 5), 3.0, set);
    double[] losses = ReferenceOracle.exampleLosses(pair, sample.z(), sample.targets(), sample.options());
    double sum = CompensatedSum.of(losses);
    assertThat(sum).isFinite();
    assertThat(ReferenceOracle.loss(pair, sample.z(), sample.targets(), sample.options(), Reduction.NONE)).isEqualTo(sum);
    double w = ReferenceOracle.totalWeight(sample.targets(), sample.options(), 5);
    assertThat(ReferenceOracle.loss(pair, sample.z(), sample.targets(), sample.options(), Reduction.MEAN_BY_WEIGHT))
        .isCloseTo(w == 0 ? 0.0 : sum / w, within(1e-14 * Math.max(1, Math.abs(sum))));
    assertThat(java.util.Arrays.stream(ReferenceOracle.delta(pair, sample.z(), sample.targets(), sample.options(),
        Reduction.MEAN).array()).allMatch(Double::isFinite)).isTrue();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("pairsAndSets")
  @DisplayName("A cross-check, not a source of truth: the oracle agrees with the api's generic options path (Pair.lossOfRows) on every option set, which it never calls")
  void oracleAgreesWithTheApisGenericPath(Pair pair, Set<LossOption> set) {
    OptionSample sample = OptionSample.draw("oracle vs api options " + pair + set, pair, Shape.of(12, 5), 3.0, set);
    Targets targets = sample.targets();
    double[] apiDelta = new double[sample.z().size()];
    double[] apiLosses = new double[12];
    double apiSum = pair.lossOfRows(sample.z(), targets, sample.options(), 0, 12, 1.0, apiDelta, apiLosses);
    double[] losses = ReferenceOracle.exampleLosses(pair, sample.z(), targets, sample.options());
    for (int i = 0; i < 12; i++) {
      assertThat(apiLosses[i]).as("ℓ_%d", i).isCloseTo(losses[i], within(1e-10 * Math.max(1, Math.abs(losses[i]))));
    }
    assertThat(apiSum).isCloseTo(CompensatedSum.of(losses), within(1e-10 * Math.max(1, Math.abs(apiSum))));
    BatchAgreement.assertBatchesAgree("delta", Batch.wrap(apiDelta, 12, 5),
        ReferenceOracle.delta(pair, sample.z(), targets, sample.options(), Reduction.SUM),
        e -> 1e-12 * Math.max(1, Math.abs(e)), pair + " " + set);
  }

  @Test
  @DisplayName("Every pair of the catalog gets its loss's options only: pos_weight only for binary-cross-entropy, smoothing for it and cross-entropy, labels for simplex losses")
  void combinationsFollowSupports() {
    assertThat(OptionSample.combinationsFor(Loss.CROSS_ENTROPY)).noneMatch(s -> s.contains(LossOption.POS_WEIGHT))
        .anyMatch(s -> s.contains(LossOption.IGNORE_INDEX) && s.contains(LossOption.LABEL_SMOOTHING));
    assertThat(OptionSample.widestFor(Loss.BINARY_CROSS_ENTROPY)).containsExactlyInAnyOrder(LossOption.CLASS_WEIGHTS,
        LossOption.POS_WEIGHT, LossOption.EXAMPLE_WEIGHTS, LossOption.MASK, LossOption.LABEL_SMOOTHING);
    assertThat(OptionSample.combinationsFor(Loss.POISSON)).allMatch(s -> !s.contains(LossOption.LABELS)
        && !s.contains(LossOption.LABEL_SMOOTHING));
    assertThat(Activation.SOFTMAX.isElementwise()).isFalse();
  }
}

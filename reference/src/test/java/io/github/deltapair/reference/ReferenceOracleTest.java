package io.github.deltapair.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Catalog;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the checker: the oracle against hand-worked values, itself and finite differences. */
class ReferenceOracleTest {

  private static final double LN2 = Math.log(2.0);

  static Stream<Pair> pairs() {
    return DefaultPairs.all().stream();
  }

  static Stream<Pair> canonicalPairs() {
    return Pair.all().stream().filter(Pair::isCanonical);
  }

  private static Batch row(double... values) {
    return Batch.of(new double[][] {values});
  }

  private static double loss(Activation f, Loss l, double z, double y) {
    return ReferenceOracle.loss(Pair.of(f, l), row(z), row(y), Reduction.SUM);
  }

  private static double delta(Activation f, Loss l, double z, double y) {
    return ReferenceOracle.delta(Pair.of(f, l), row(z), row(y), Reduction.SUM).get(0, 0);
  }

  @Test
  @DisplayName("Sigmoid + binary-cross-entropy has the true loss at extreme logits: 1000 at z = 1000, y = 0")
  void sigmoidBinaryCrossEntropyAtExtremes() {
    assertThat(loss(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 1000, 0)).isEqualTo(1000.0);
    assertThat(loss(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, -1000, 1)).isEqualTo(1000.0);
    assertThat(loss(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 1000, 1)).isEqualTo(0.0);
    assertThat(loss(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 0, 0.3)).isCloseTo(LN2, within(1e-16));
    assertThat(delta(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 30, 0)).isEqualTo(1.0 / (1.0 + Math.exp(-30)));
  }

  @Test
  @DisplayName("Hand-worked deltas: sigmoid + squared-error at z = 0, y = 1 is (a − y)·a(1 − a) = −0.125, and so on")
  void handWorkedDeltas() {
    assertThat(delta(Activation.SIGMOID, Loss.SQUARED_ERROR, 0, 1)).isEqualTo(-0.125);
    assertThat(delta(Activation.TANH, Loss.SQUARED_ERROR, 0, 1)).isEqualTo(-1.0);
    assertThat(delta(Activation.IDENTITY, Loss.SQUARED_ERROR, 3, 1)).isEqualTo(2.0);
    assertThat(loss(Activation.IDENTITY, Loss.SQUARED_ERROR, 3, 1)).isEqualTo(2.0);
    assertThat(delta(Activation.EXP, Loss.POISSON, 0, 2)).isEqualTo(-1.0);
    assertThat(loss(Activation.EXP, Loss.POISSON, 0, 2)).isEqualTo(1.0);
    assertThat(delta(Activation.TANH, Loss.BIPOLAR_CROSS_ENTROPY, 0, 1)).isEqualTo(-1.0);
    assertThat(loss(Activation.TANH, Loss.BIPOLAR_CROSS_ENTROPY, 0, 1)).isCloseTo(LN2, within(1e-16));
    assertThat(delta(Activation.RELU, Loss.SQUARED_ERROR, -1, 1)).isEqualTo(0.0);
    // softplus + poisson: (1 − y/a)·σ(z) with a = log 2 at z = 0
    assertThat(delta(Activation.SOFTPLUS, Loss.POISSON, 0, 1)).isCloseTo((1 - 1 / LN2) * 0.5, within(1e-16));
  }

  @Test
  @DisplayName("Softmax + cross-entropy over [0, 0] with y = [1, 0] has loss log 2 and delta [−½, ½]; at [1000, 0, −1000] it stays exact")
  void softmaxCrossEntropy() {
    Pair pair = Pair.canonical(Loss.CROSS_ENTROPY);
    assertThat(ReferenceOracle.loss(pair, row(0, 0), row(1, 0), Reduction.SUM)).isCloseTo(LN2, within(1e-16));
    assertThat(ReferenceOracle.delta(pair, row(0, 0), row(1, 0), Reduction.SUM).array()).containsExactly(-0.5, 0.5);
    assertThat(ReferenceOracle.loss(pair, row(1000, 0, -1000), row(0, 0, 1), Reduction.SUM)).isEqualTo(2000.0);
    assertThat(ReferenceOracle.delta(pair, row(1000, 0, -1000), row(0, 0, 1), Reduction.SUM).array())
        .containsExactly(1.0, 0.0, -1.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("canonicalPairs")
  @DisplayName("A canonical pair's stable loss equals ℓ(f(z), y) evaluated directly, at moderate logits")
  void stableFormsMatchDirectForms(Pair pair) {
    Sample sample = Sample.draw("oracle forms " + pair, pair, Shape.of(6, 4), TargetKind.SOFT, 4.0);
    Batch a = ReferenceOracle.activate(pair.activation(), sample.z());
    CompensatedSum direct = new CompensatedSum();
    for (int k = 0; k < a.size(); k++) {
      direct.add(ReferenceOracle.outputLoss(pair.loss(), a.array()[k], sample.y().array()[k]));
    }
    double stable = ReferenceOracle.loss(pair, sample.z(), sample.y(), Reduction.SUM);
    assertThat(stable).isCloseTo(direct.value(), within(1e-12 * Math.abs(stable)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  @DisplayName("The oracle's delta is the central difference of the oracle's own loss, for every pair")
  void oracleDeltaIsTheGradientOfOracleLoss(Pair pair) {
    Sample sample = Sample.draw("oracle gradient " + pair, pair, Shape.of(3, 4), TargetKind.SOFT, 2.0);
    Batch delta = ReferenceOracle.delta(pair, sample.z(), sample.y(), Reduction.MEAN);
    Batch probe = sample.z().copy();
    for (int k = 0; k < probe.size(); k++) {
      double z = probe.array()[k];
      double h = 1e-6 * Math.max(1.0, Math.abs(z));
      probe.array()[k] = z + h;
      double up = ReferenceOracle.loss(pair, probe, sample.y(), Reduction.MEAN);
      probe.array()[k] = z - h;
      double down = ReferenceOracle.loss(pair, probe, sample.y(), Reduction.MEAN);
      probe.array()[k] = z;
      assertThat(delta.array()[k]).as("element %d", k).isCloseTo((up - down) / (2 * h), within(1e-7));
    }
  }

  static Stream<Activation> activations() {
    return Catalog.discovered().activations().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activations")
  @DisplayName("The oracle's activations agree with the api's reference definitions to a few ulps, over |z| ≤ 30")
  void activationsAgreeWithTheApi(Activation f) {
    Batch z = new Inputs(7).logits(Shape.of(20, 50), 30.0);
    Batch api = Batch.zeros(20, 50);
    f.forward(z, api);
    BatchAgreement.assertBatchesAgree("a", ReferenceOracle.activate(f, z), api, e -> 4 * Math.ulp(e), f.id());
  }

  @Test
  @DisplayName("Every built-in pair, with default and other parameters, is computed by the oracle's own formulas, never by the definitions it judges")
  void builtInsUseTheOraclesOwnFormulas() {
    assertThat(DefaultPairs.all()).allSatisfy(p -> assertThat(ReferenceOracle.hasOwnFormulas(p)).as(p.name()).isTrue());
  }

  @Test
  @DisplayName("Huber: ½r² inside |r| ≤ d, d(|r| − ½d) outside, delta clip(r, −d, d) with identity")
  void huberByHand() {
    assertThat(loss(Activation.IDENTITY, Loss.HUBER, 0.5, 0)).isEqualTo(0.125);
    assertThat(loss(Activation.IDENTITY, Loss.HUBER, 3, 0)).isEqualTo(2.5);
    assertThat(loss(Activation.IDENTITY, Loss.huber(0.5), -3, 0)).isEqualTo(1.375);
    assertThat(delta(Activation.IDENTITY, Loss.huber(0.5), -3, 0)).isEqualTo(-0.5);
    assertThat(delta(Activation.IDENTITY, Loss.HUBER, 0.25, 1)).isEqualTo(-0.75);
    assertThat(loss(Activation.IDENTITY, Loss.HUBER, 1000, 0)).isEqualTo(999.5);
  }

  @Test
  @DisplayName("Focal from sigmoid logits: gamma = 0 is binary cross-entropy, and |z| = 1000 gives a finite, true loss and delta")
  void focalByHand() {
    Pair bce = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
    Pair focal0 = Pair.of(Activation.SIGMOID, Loss.focal(0.0));
    Batch z = row(-3, -0.5, 0, 0.7, 4);
    Batch y = row(0, 1, 0.3, 1, 0.8);
    assertThat(ReferenceOracle.loss(focal0, z, y, Reduction.SUM))
        .isCloseTo(ReferenceOracle.loss(bce, z, y, Reduction.SUM), within(1e-14));
    BatchAgreement.assertBatchesAgree("focal(0) delta", ReferenceOracle.delta(focal0, z, y, Reduction.SUM),
        ReferenceOracle.delta(bce, z, y, Reduction.SUM), e -> 1e-15, "focal(gamma=0.0)");
    // at z = 0: a = ½, q = ½, BCE = log 2, so ℓ = ½^γ log 2, and alpha weighs y = 1 by α
    assertThat(loss(Activation.SIGMOID, Loss.FOCAL, 0, 1)).isCloseTo(0.25 * LN2, within(1e-16));
    assertThat(loss(Activation.SIGMOID, Loss.focal(2.0, 0.25), 0, 1)).isCloseTo(0.0625 * LN2, within(1e-16));
    assertThat(loss(Activation.SIGMOID, Loss.focal(2.0, 0.25), 0, 0)).isCloseTo(0.1875 * LN2, within(1e-16));
    // z = 1000, y = 0: q = 1, BCE = 1000, δ = 1; y = 1: ℓ = 0, δ = 0
    assertThat(loss(Activation.SIGMOID, Loss.FOCAL, 1000, 0)).isEqualTo(1000.0);
    assertThat(delta(Activation.SIGMOID, Loss.FOCAL, 1000, 0)).isEqualTo(1.0);
    assertThat(loss(Activation.SIGMOID, Loss.focal(0.5), -1000, 1)).isEqualTo(1000.0);
    assertThat(delta(Activation.SIGMOID, Loss.focal(0.5), -1000, 1)).isEqualTo(-1.0);
    assertThat(loss(Activation.SIGMOID, Loss.focal(0.5), 1000, 1)).isEqualTo(0.0);
    assertThat(delta(Activation.SIGMOID, Loss.focal(0.5), 1000, 1)).isEqualTo(0.0);
    assertThat(loss(Activation.SIGMOID, Loss.FOCAL, 1000, 0.3)).isFinite().isCloseTo(0.49 * 700, within(1e-9));
  }

  @Test
  @DisplayName("Kl-divergence is cross-entropy minus the targets' entropy, 0·log 0 = 0, exact at [800, 0, −800]")
  void klDivergenceByHand() {
    Pair kl = Pair.canonical(Loss.KL_DIVERGENCE);
    Pair ce = Pair.canonical(Loss.CROSS_ENTROPY);
    Batch z = row(1, -2, 0.5);
    Batch y = row(0.2, 0.8, 0);
    double entropy = 0.2 * Math.log(0.2) + 0.8 * Math.log(0.8);
    assertThat(ReferenceOracle.loss(kl, z, y, Reduction.SUM))
        .isCloseTo(ReferenceOracle.loss(ce, z, y, Reduction.SUM) + entropy, within(1e-15));
    assertThat(ReferenceOracle.loss(kl, row(0, 0), row(0.5, 0.5), Reduction.SUM)).isCloseTo(0.0, within(1e-16));
    assertThat(ReferenceOracle.loss(kl, row(800, 0, -800), row(1, 0, 0), Reduction.SUM)).isEqualTo(0.0);
    assertThat(ReferenceOracle.loss(kl, row(800, 0, -800), row(0, 0, 1), Reduction.SUM)).isEqualTo(1600.0);
    Pair sigmoidKl = Pair.of(Activation.SIGMOID, Loss.KL_DIVERGENCE);
    // chain rule: −y/a · σ'(z) = −y(1 − a) at z = 0: −½·½
    assertThat(ReferenceOracle.delta(sigmoidKl, row(0, 0), row(0.5, 0.5), Reduction.SUM).array())
        .containsExactly(-0.25, -0.25);
  }

  @Test
  @DisplayName("Softmax + squared-error at z = [800, 0, −800] has loss ≈ 1 and a finite delta in the oracle")
  void softmaxSquaredErrorAtLargeLogits() {
    Pair pair = Pair.of(Activation.SOFTMAX, Loss.SQUARED_ERROR);
    assertThat(ReferenceOracle.loss(pair, row(800, 0, -800), row(0, 1, 0), Reduction.SUM)).isEqualTo(1.0);
    assertThat(java.util.Arrays.stream(ReferenceOracle.delta(pair, row(800, 0, -800), row(0, 1, 0), Reduction.SUM).array()).boxed().toList())
        .allSatisfy(d -> assertThat(d).isFinite());
  }

  static Stream<Pair> predictionPairs() {
    return DefaultPairs.all().stream().filter(p -> p.loss().isDefinedOnPredictions());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("predictionPairs")
  @DisplayName("The oracle's own per-output loss and gradient agree with the api's definitions at moderate points (a cross-check: the oracle never calls them)")
  void ownFormulasAgreeWithDefinitions(Pair pair) {
    Sample sample = Sample.draw("oracle vs definitions " + pair, pair, Shape.of(4, 3), TargetKind.SOFT, 2.0);
    Batch a = ReferenceOracle.activate(pair.activation(), sample.z());
    for (int k = 0; k < a.size(); k++) {
      double ak = a.array()[k];
      double yk = sample.y().array()[k];
      assertThat(ReferenceOracle.outputLoss(pair.loss(), ak, yk)).as("ℓ(%s, %s)", ak, yk)
          .isCloseTo(pair.loss().value(ak, yk), within(1e-12 * Math.max(1, Math.abs(pair.loss().value(ak, yk)))));
      assertThat(ReferenceOracle.lossGradient(pair.loss(), ak, yk)).as("∂ℓ/∂a(%s, %s)", ak, yk)
          .isCloseTo(pair.loss().gradient(ak, yk), within(1e-12 * Math.max(1, Math.abs(pair.loss().gradient(ak, yk)))));
    }
  }

  @Test
  @DisplayName("The compensated sum recovers what naive summation loses")
  void compensatedSum() {
    assertThat(CompensatedSum.of(1e100, 1.0, -1e100)).isEqualTo(1.0);
    assertThat(CompensatedSum.of(1.0, 1e100, 1.0, -1e100)).isEqualTo(2.0);
    CompensatedSum tenths = new CompensatedSum();
    for (int k = 0; k < 1_000_000; k++) {
      tenths.add(0.1);
    }
    assertThat(tenths.value()).isEqualTo(100_000.0);
  }
}

package io.github.deltapair.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the checker: the oracle against hand-worked values, itself and finite differences. */
class ReferenceOracleTest {

  private static final double LN2 = Math.log(2.0);

  static Stream<Pair> pairs() {
    return Pair.all().stream();
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

  @ParameterizedTest(name = "{0}")
  @EnumSource(Activation.class)
  @DisplayName("The oracle's activations agree with the api's reference definitions to a few ulps, over |z| ≤ 30")
  void activationsAgreeWithTheApi(Activation f) {
    Batch z = new Inputs(7).logits(Shape.of(20, 50), 30.0);
    Batch api = Batch.zeros(20, 50);
    f.forward(z, api);
    Agreement.assertBatchesAgree("a", ReferenceOracle.activate(f, z), api, e -> 4 * Math.ulp(e), f.id());
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

package com.example.softsign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Loss;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.conformance.BackendCompatibilityKit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The plugin is found by name and computed by the default backend, native. */
class SoftsignByNameTest {

  @Test
  @DisplayName("Activation.fromId and Pair.of find softsign, and Pair.all forms its pairs")
  void foundByName() {
    assertThat(Activation.fromId("softsign")).isSameAs(Softsign.INSTANCE);
    Pair pair = Pair.of("softsign", "squared-error");
    assertThat(pair.activation()).isSameAs(Softsign.INSTANCE);
    assertThat(pair.loss()).isEqualTo(Loss.fromId("squared-error"));
    assertThat(pair.isCanonical()).isFalse();
    assertThat(Pair.all()).contains(pair, Pair.of("softsign", "bipolar-cross-entropy"));
  }

  @Test
  @DisplayName("The kit's pairs include softsign's, so SoftsignNativeCompatibilityTest runs every clause on them")
  void theKitRunsIt() {
    assertThat(BackendCompatibilityKit.defaultPairs())
        .contains(Pair.of("softsign", "squared-error"), Pair.of("softsign", "bipolar-cross-entropy"));
  }

  @Test
  @DisplayName("native computes softsign + squared-error: δ = (a − y) · 1/(1 + |z|)²")
  void nativeComputesIt() {
    Evaluator deltapair = Backends.evaluator();
    Batch z = Batch.of(new double[][] {{1.0, -3.0}});
    Batch y = Batch.of(new double[][] {{0.0, 0.5}});
    LossResult r = deltapair.evaluate(Pair.of("softsign", "squared-error"), z, y, Reduction.SUM);

    assertThat(deltapair.backendId()).isEqualTo("native");
    // a = (1/2, −3/4): J = ½(1/4 + 25/16) = 29/32, δ = (1/2 · 1/4, −5/4 · 1/16)
    assertThat(r.loss()).isCloseTo(29.0 / 32.0, within(1e-15));
    assertThat(r.delta().get(0, 0)).isCloseTo(0.125, within(1e-15));
    assertThat(r.delta().get(0, 1)).isCloseTo(-5.0 / 64.0, within(1e-15));
  }
}

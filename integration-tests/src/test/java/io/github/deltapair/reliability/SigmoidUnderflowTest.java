package io.github.deltapair.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.Tolerances;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where {@code e^{−z}} overflows (z below −709.78) ND4J's own sigmoid returns 0, and the chain
 * rule's {@code −y/a} made the dl4j backend reject valid input as an overflow; its sigmoid is now
 * {@code e^{min(z,0)}/(1 + e^{−|z|})}, which stays positive down to z ≈ −745.
 */
@DisplayName("sigmoid chain-rule pairs at −745 < z < −709.78: both backends compute the same finite result")
class SigmoidUnderflowTest {

  @ParameterizedTest(name = "{0} + {1} at z = {2}")
  @CsvSource({
      "sigmoid, cross-entropy, -710", "sigmoid, cross-entropy, -745",
      "sigmoid, poisson, -710", "sigmoid, poisson, -730"})
  @DisplayName("dl4j computes what native computes, within the conformance tolerances")
  void bothBackendsCompute(String activation, String loss, double logit) {
    Pair pair = Pair.of(activation, loss);
    // cross-entropy rows on the simplex, Poisson counts; the tiny a sits where y = 0
    Batch z = Batch.of(new double[][] {{logit, 0.5}});
    Batch y = Batch.of(new double[][] {{0.0, 1.0}});

    Outcome nat = Outcome.of(TwoBackends.nativeBackend(), pair, z, y, Reduction.SUM);
    Outcome dl4j = Outcome.of(TwoBackends.dl4j(), pair, z, y, Reduction.SUM);

    assertThat(nat.rejected()).as("native: %s", nat).isFalse();
    assertThat(dl4j.rejected()).as("dl4j: %s", dl4j).isFalse();
    assertThat(dl4j.finite()).isTrue();
    Tolerances tolerances = Tolerances.DEFAULTS;
    double expectedLoss = nat.result().loss();
    assertThat(Math.abs(dl4j.result().loss() - expectedLoss))
        .isLessThanOrEqualTo(tolerances.lossBound(expectedLoss));
    for (int j = 0; j < 2; j++) {
      double expected = nat.result().delta().get(0, j);
      assertThat(Math.abs(dl4j.result().delta().get(0, j) - expected))
          .as("delta column %d", j).isLessThanOrEqualTo(tolerances.deltaBound(expected));
      // a = σ(z) > 0 in both, not ND4J's 0
      assertThat(dl4j.result().activations().get(0, j)).isPositive();
    }
  }
}

package io.github.deltapair.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins each bug of {@link KnownDeviations}: these tests assert the bug is still there, so the
 * properties' tolerance of it cannot outlive it. When one fails, the bug is fixed: delete the
 * test and the matching method of {@link KnownDeviations} and its use in {@link
 * CatalogPropertyTest}.
 */
@DisplayName("Known deviations between the backends, pinned until fixed")
class KnownDeviationsTest {

  @ParameterizedTest(name = "{0} + {1} at z = {2}")
  @CsvSource({
      "sigmoid, cross-entropy, -710", "sigmoid, cross-entropy, -745",
      "sigmoid, poisson, -710", "sigmoid, poisson, -730"})
  @DisplayName("dl4j bug: sigmoid + cross-entropy/Poisson at −745.14 < z < −709.78 is rejected as an overflow (ND4J's sigmoid is 0 there), native computes the finite result; fix: a stable sigmoid in MatchingActivations")
  void dl4jSigmoidUnderflow(String activation, String loss, double logit) {
    Pair pair = Pair.of(activation, loss);
    // cross-entropy rows on the simplex, Poisson counts; the tiny a sits where y = 0
    Batch z = Batch.of(new double[][] {{logit, 0.5}});
    Batch y = Batch.of(new double[][] {{0.0, 1.0}});

    Outcome nat = Outcome.of(TwoBackends.nativeBackend(), pair, z, y, Reduction.SUM);
    Outcome dl4j = Outcome.of(TwoBackends.dl4j(), pair, z, y, Reduction.SUM);

    assertThat(nat.rejected()).as("native computes: %s", nat).isFalse();
    assertThat(nat.finite()).isTrue();
    assertThat(dl4j.rejection())
        .as("if dl4j now computes this, the bug is fixed: remove KnownDeviations.dl4jSigmoidUnderflow")
        .isNotNull()
        .contains("row 0, column 0")
        .contains("overflows a double");
    assertThat(KnownDeviations.dl4jSigmoidUnderflow(pair, z.array(), nat, dl4j)).isTrue();
  }
}

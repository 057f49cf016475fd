package io.github.deltapair.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.ReferenceOracle;
import io.github.deltapair.reference.Tolerances;
import io.github.deltapair.spi.Backend;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("compare judges with the conformance kit's tolerances")
class ComparisonToleranceTest {

  /** The oracle as a backend, its loss scaled by {@code 1 + lossError}. */
  private record ScaledLossBackend(String id, double lossError) implements Backend {

    @Override
    public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
      Batch delta = ReferenceOracle.delta(pair, z, y, reduction);
      System.arraycopy(delta.array(), 0, deltaOut.array(), 0, delta.size());
      return ReferenceOracle.loss(pair, z, y, reduction) * (1 + lossError);
    }

    @Override
    public void activate(Activation activation, Batch z, Batch out) {
      Batch a = ReferenceOracle.activate(activation, z);
      System.arraycopy(a.array(), 0, out.array(), 0, a.size());
    }
  }

  private static ComparisonResult compare(Backend first, Backend second) {
    List<Scenario> plan = CaseGenerator.plan(
        List.of(Pair.parse("sigmoid+binary-cross-entropy")), List.of(new BatchShape(4, 3)), 1);
    return new Comparison(List.of(Evaluator.of(first), Evaluator.of(second)),
        new ReferenceOracleAdapter(), Tolerances.DEFAULTS, Tolerances.FLOAT32, 0).run(plan, Progress.NONE);
  }

  @Test
  @DisplayName("losses 1e-11 apart agree with the oracle (1e-10) but not with each other: C9's 1e-12")
  void crossBackendLossesUseTheDeltaTolerance() {
    ComparisonResult result = compare(new ScaledLossBackend("a", 0), new ScaledLossBackend("b", 1e-11));

    assertThat(result.agrees()).isFalse();
    assertThat(result.rows().get(0).failures())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains("a and b disagree").contains("tolerance 1e-12"))
        .noneSatisfy(line -> assertThat(line).contains("disagrees with the oracle"));
  }

  @Test
  @DisplayName("losses 1e-13 apart agree everywhere")
  void closeLossesAgree() {
    ComparisonResult result = compare(new ScaledLossBackend("a", 0), new ScaledLossBackend("b", 1e-13));

    assertThat(result.agrees()).as("%s", result.rows().get(0).failures()).isTrue();
  }
}

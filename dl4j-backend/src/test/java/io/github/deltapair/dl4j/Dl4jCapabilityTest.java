package io.github.deltapair.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.deltapair.Activation;
import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.dl4j.interop.DeltaPairLoss;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The capability hook: dl4j computes exactly the built-in catalog, whatever its parameters. */
@DisplayName("The dl4j backend declares exactly the built-in pairs through supports(Pair)")
class Dl4jCapabilityTest {

  private final Dl4jBackend backend = new Dl4jBackend();

  @Test
  @DisplayName("All 32 built-in pairs are supported, and so are parameterised ones; inputs are left to the evaluator")
  void builtInPairsAreSupported() {
    List<Pair> all = Pair.all();
    assertThat(all).hasSize(32);
    assertThat(all).allSatisfy(pair -> {
      assertThat(backend.supports(pair)).as(pair.name()).isTrue();
      assertThat(backend.checksInputs(pair)).as(pair.name()).isFalse();
    });
    assertThat(backend.supports(Pair.of(Activation.RELU, Loss.huber(0.25)))).isTrue();
    assertThat(backend.supports(Pair.of(Activation.SIGMOID, Loss.focal(0.5, 0.75)))).isTrue();
  }

  @Test
  @DisplayName("A third-party loss is declined, and the evaluator rejects it naming a backend that computes it")
  void pluginPairIsDeclined() {
    Pair plugin = Pair.of(Activation.IDENTITY, PluginLoss.LOG_COSH);
    assertThat(backend.supports(plugin)).isFalse();

    Batch z = Batch.of(new double[][] {{0.5}});
    assertThatThrownBy(() -> Evaluator.of(backend).evaluate(plugin, z, z, Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'dl4j' does not compute identity+log-cosh")
        .hasMessageContaining("supports(Pair)")
        .hasMessageContaining("native");
  }

  @Test
  @DisplayName("DeltaPairLoss.of(pair, \"dl4j\") with a pair dl4j cannot compute is rejected naming a backend that can")
  void deltaPairLossRejectsUnsupportedBackend() {
    Pair plugin = Pair.of(Activation.TANH, PluginLoss.LOG_COSH);
    assertThat(Backends.get("native").supports(plugin)).isTrue();

    assertThatThrownBy(() -> DeltaPairLoss.of(plugin, "dl4j"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'dl4j' does not compute tanh+log-cosh")
        .hasMessageContaining("DeltaPairLoss.of(pair, \"native\")");
  }
}

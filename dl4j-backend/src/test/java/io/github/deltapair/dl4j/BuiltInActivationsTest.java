package io.github.deltapair.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.deltapair.Activation;
import io.github.deltapair.Catalog;
import io.github.deltapair.Interval;
import io.github.deltapair.Pair;
import io.github.deltapair.dl4j.interop.DeltaPairLoss;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The backend's ND4J activations are the ones the DL4J adapter puts on the output layer. */
class BuiltInActivationsTest {

  @Test
  @DisplayName("For every built-in activation the backend uses the activation DeltaPairLoss asks the layer for")
  void sameTableAsTheAdapter() {
    List<Activation> builtIns = Catalog.of(List.of()).activations();

    assertThat(builtIns).hasSize(7);
    for (Activation activation : builtIns) {
      Pair pair = Pair.of(activation.id(), "squared-error");
      assertThat(BuiltInActivations.of(activation))
          .as(activation.id())
          .isEqualTo(DeltaPairLoss.of(pair).activation())
          .hasSameClassAs(DeltaPairLoss.of(pair).activation());
    }
  }

  @Test
  @DisplayName("An activation that is not a built-in is refused, naming it")
  void pluginActivationRefused() {
    Activation square = new Activation() {
      @Override public String id() { return "square"; }
      @Override public Interval range() { return Interval.REAL; }
      @Override public String formula() { return "a = z²"; }
      @Override public String derivativeFormula() { return "2z"; }
      @Override public double apply(double z) { return z * z; }
      @Override public double derivative(double z) { return 2 * z; }
    };

    assertThatThrownBy(() -> BuiltInActivations.of(square))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'square'")
        .hasMessageContaining("not a built-in");
  }
}

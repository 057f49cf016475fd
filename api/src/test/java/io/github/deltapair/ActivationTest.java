package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ActivationTest {

  @Property
  @Label("f'(z) matches central differences of f for every element-wise activation")
  void derivativeMatchesFiniteDifferences(@ForAll @DoubleRange(min = -20, max = 20) double z) {
    for (Activation f : Catalog.discovered().activations()) {
      if (!f.isElementwise() || (f == Activation.RELU && Math.abs(z) < 1e-3)) {
        continue;
      }
      double h = 1e-5;
      double numeric = (f.apply(z + h) - f.apply(z - h)) / (2 * h);
      assertThat(f.derivative(z)).as(f.id() + " at " + z)
          .isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(numeric))));
    }
  }

  @Test
  @DisplayName("sigmoid and softplus stay finite and exact far out")
  void extremes() {
    assertThat(Activation.SIGMOID.apply(1000)).isEqualTo(1.0);
    assertThat(Activation.SIGMOID.apply(-1000)).isEqualTo(0.0);
    assertThat(Activation.SIGMOID.apply(-30)).isCloseTo(9.357622968840175e-14, within(1e-26));
    assertThat(Activation.SOFTPLUS.apply(1000)).isEqualTo(1000.0);
    assertThat(Activation.SOFTPLUS.apply(-40)).isCloseTo(Math.exp(-40), within(1e-30));
  }

  @Test
  @DisplayName("softmax rows are stable at |z| = 1000 and sum to 1")
  void softmaxRows() {
    Batch z = Batch.of(new double[][] {{1000, 0, -1000}, {1, 2, 3}});
    Batch a = Batch.zeros(2, 3);
    Activation.SOFTMAX.forward(z, a);
    assertThat(a.get(0, 0)).isEqualTo(1.0);
    assertThat(a.get(0, 2)).isEqualTo(0.0);
    double e1 = Math.exp(1), e2 = Math.exp(2), e3 = Math.exp(3);
    assertThat(a.get(1, 2)).isCloseTo(e3 / (e1 + e2 + e3), within(1e-15));
    assertThat(a.get(1, 0) + a.get(1, 1) + a.get(1, 2)).isCloseTo(1.0, within(1e-15));
  }
}

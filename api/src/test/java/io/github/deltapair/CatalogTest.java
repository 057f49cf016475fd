package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.deltapair.spi.CatalogProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CatalogTest {

  @Test
  @DisplayName("parameterised losses are named with their parameters, and every name parses back to an equal loss")
  void namesRoundTrip() {
    assertThat(Loss.fromId("huber")).isEqualTo(Loss.HUBER).isEqualTo(Loss.huber(1.0));
    assertThat(Loss.HUBER.name()).isEqualTo("huber(delta=1.0)");
    assertThat(Loss.fromId("huber(delta=1.5)").name()).isEqualTo("huber(delta=1.5)");
    assertThat(Loss.fromId(" Huber( delta = 0.5 ) ")).isEqualTo(Loss.huber(0.5));
    assertThat(Loss.fromId("focal")).isEqualTo(Loss.FOCAL).isEqualTo(Loss.focal(2.0));
    assertThat(Loss.FOCAL.name()).isEqualTo("focal(gamma=2.0)");
    assertThat(Loss.fromId("focal(alpha=0.25)")).isEqualTo(Loss.focal(2.0, 0.25));
    assertThat(Loss.focal(2.0, 0.25).name()).isEqualTo("focal(gamma=2.0, alpha=0.25)");
    assertThat(Loss.fromId("poisson").name()).isEqualTo("poisson");
    for (Pair pair : Pair.all()) {
      assertThat(Loss.fromId(pair.loss().name())).isEqualTo(pair.loss());
    }
    for (Loss loss : List.of(Loss.huber(0.25), Loss.focal(0.0), Loss.focal(3.5, 0.75))) {
      assertThat(Loss.fromId(loss.name())).isEqualTo(loss);
      assertThat(Pair.parse("sigmoid+" + loss.name()).loss()).isEqualTo(loss);
    }
  }

  @Test
  @DisplayName("unknown or out-of-range parameters and malformed names are rejected, naming the parameter")
  void badParameters() {
    assertThatThrownBy(() -> Loss.fromId("huber(width=2)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown parameter 'width' of huber").hasMessageContaining("delta");
    assertThatThrownBy(() -> Loss.fromId("huber(delta=0)")).hasMessageContaining("'delta'")
        .hasMessageContaining("> 0");
    assertThatThrownBy(() -> Loss.fromId("focal(gamma=-1)")).hasMessageContaining("'gamma'");
    assertThatThrownBy(() -> Loss.fromId("focal(alpha=1.5)")).hasMessageContaining("'alpha'")
        .hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> Loss.fromId("huber(delta=x)")).hasMessageContaining("'delta'")
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> Loss.fromId("huber(delta=1, delta=2)")).hasMessageContaining("twice");
    assertThatThrownBy(() -> Loss.fromId("huber(delta=Infinity)")).hasMessageContaining("finite");
    assertThatThrownBy(() -> Loss.fromId("poisson(rate=1)")).hasMessageContaining("'rate'")
        .hasMessageContaining("takes no parameters");
    assertThatThrownBy(() -> Loss.fromId("huber(delta")).hasMessageContaining("not a loss name");
    assertThatThrownBy(() -> Loss.huber(Double.NaN)).hasMessageContaining("'delta'");
  }

  @Test
  @DisplayName("the built-ins are 7 activations and 8 losses with unique ids; softmax + focal and identity + focal do not exist")
  void builtIns() {
    assertThat(Catalog.discovered().activations()).hasSize(7);
    assertThat(Catalog.discovered().losses()).extracting(Loss::id).containsExactly(
        "squared-error", "binary-cross-entropy", "cross-entropy", "poisson",
        "bipolar-cross-entropy", "huber", "focal", "kl-divergence");
    assertThatThrownBy(() -> Pair.of("softmax", "focal")).hasMessageContaining("element-wise");
    assertThatThrownBy(() -> Pair.of("identity", "focal")).hasMessageContaining("(0, 1)");
    assertThat(Pair.of("softmax", "kl-divergence").isCanonical()).isTrue();
    assertThat(Pair.of("identity", "huber").isCanonical()).isFalse();
    assertThat(Pair.of("identity", "huber").deltaFormula()).isEqualTo("δ = (clip(a − y, −d, d)) ⊙ 1");
  }

  @Test
  @DisplayName("a provider's definitions are usable by name, and two definitions with one id fail naming both origins")
  void providers() {
    Activation square = new TestSquare();
    CatalogProvider provider = new CatalogProvider() {
      @Override public List<Activation> activations() { return List.of(square); }
    };
    Catalog catalog = Catalog.of(List.of(provider));
    assertThat(catalog.activation("square")).isSameAs(square);
    assertThat(Catalog.isBuiltIn(square)).isFalse();
    assertThat(Catalog.isBuiltIn(Activation.SOFTPLUS)).isTrue();
    assertThat(Catalog.isBuiltIn(Loss.huber(0.5))).isTrue();
    assertThat(Catalog.isBuiltIn(new RenamedPoisson())).isFalse();
    assertThat(Catalog.isBuiltIn(new Pair(square, Loss.HUBER))).isFalse();
    assertThat(Catalog.builtIns().pairs()).hasSize(32).allMatch(Catalog::isBuiltIn);
    assertThat(catalog.pairs()).contains(new Pair(square, Loss.SQUARED_ERROR),
        new Pair(square, Loss.HUBER));
    // z² reaches 0, where the logs of the (0, ·) losses are −∞: no such pair is enumerated
    assertThat(catalog.pairs()).filteredOn(p -> p.activation() == square)
        .extracting(p -> p.loss().id()).containsExactlyInAnyOrder("squared-error", "huber");
    assertThat(Catalog.discovered().pairs()).noneMatch(p -> p.activation() == square);
    assertThatThrownBy(() -> Catalog.of(List.of(provider, provider)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("share the id 'square'")
        .hasMessageContaining(provider.getClass().getName());
    CatalogProvider clash = new CatalogProvider() {
      @Override public List<Loss> losses() { return List.of(new RenamedPoisson()); }
    };
    assertThatThrownBy(() -> Catalog.of(List.of(clash)))
        .hasMessageContaining("share the id 'poisson'")
        .hasMessageContaining(Catalog.BUILT_IN)
        .hasMessageContaining(clash.getClass().getName());
  }

  /** {@code a = z²}, a plugin activation for the tests; range [0, ∞). */
  private static final class TestSquare implements Activation {
    @Override public String id() { return "square"; }
    @Override public Interval range() { return Interval.closedOpen(0, Double.POSITIVE_INFINITY); }
    @Override public String formula() { return "a = z²"; }
    @Override public String derivativeFormula() { return "2z"; }
    @Override public double apply(double z) { return z * z; }
    @Override public double derivative(double z) { return 2 * z; }
  }

  /** A loss that takes a built-in's id. */
  private static final class RenamedPoisson implements Loss {
    @Override public String id() { return "poisson"; }
    @Override public Interval predictionDomain() { return Interval.REAL; }
    @Override public Interval targetDomain() { return Interval.REAL; }
    @Override public Optional<Activation> canonicalActivation() { return Optional.empty(); }
    @Override public String formula() { return "ℓ = 0"; }
    @Override public String gradientFormula() { return "0"; }
    @Override public double value(double a, double y) { return 0; }
    @Override public double gradient(double a, double y) { return 0; }
    @Override public Map<String, Double> parameters() { return Map.of(); }
  }
}

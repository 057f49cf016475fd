package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PairTest {

  /** The contract's chain-rule table, written out by hand: the activations each loss accepts. */
  private static final Map<Loss, Set<Activation>> ALLOWED =
      Map.of(
          Loss.SQUARED_ERROR, Set.copyOf(Catalog.discovered().activations()),
          Loss.BINARY_CROSS_ENTROPY, Set.of(Activation.SIGMOID, Activation.SOFTMAX),
          Loss.CROSS_ENTROPY,
              Set.of(Activation.SOFTMAX, Activation.SIGMOID, Activation.EXP, Activation.SOFTPLUS),
          Loss.POISSON,
              Set.of(Activation.EXP, Activation.SOFTPLUS, Activation.SIGMOID, Activation.SOFTMAX),
          Loss.BIPOLAR_CROSS_ENTROPY, Set.of(Activation.TANH, Activation.SIGMOID, Activation.SOFTMAX),
          Loss.HUBER, Set.copyOf(Catalog.discovered().activations()),
          Loss.FOCAL, Set.of(Activation.SIGMOID),
          Loss.KL_DIVERGENCE,
              Set.of(Activation.SOFTMAX, Activation.SIGMOID, Activation.EXP, Activation.SOFTPLUS));

  @Test
  @DisplayName("the catalog holds exactly the pairs the contract's table allows, canonical ones first")
  void catalogMatchesDesignTable() {
    for (Loss loss : Catalog.discovered().losses()) {
      Set<Activation> inCatalog =
          Pair.all().stream()
              .filter(p -> p.loss().equals(loss))
              .map(Pair::activation)
              .collect(Collectors.toSet());
      assertThat(inCatalog).as(loss.id()).isEqualTo(ALLOWED.get(loss));
    }
    assertThat(Catalog.discovered().losses()).hasSize(ALLOWED.size());
    assertThat(Pair.all()).hasSize(32);
    assertThat(Pair.all().subList(0, 6)).allMatch(Pair::isCanonical);
    assertThat(Pair.all().subList(6, 32)).noneMatch(Pair::isCanonical);
  }

  @Test
  @DisplayName("the five matched pairs are canonical with δ = a − y")
  void canonicalPairs() {
    assertThat(Pair.of("identity", "squared-error").contract()).isEqualTo(GradientContract.CANONICAL);
    assertThat(Pair.of("sigmoid", "binary-cross-entropy").isCanonical()).isTrue();
    assertThat(Pair.of("softmax", "cross-entropy").isCanonical()).isTrue();
    assertThat(Pair.of("exp", "poisson").isCanonical()).isTrue();
    assertThat(Pair.of("tanh", "bipolar-cross-entropy").deltaFormula()).isEqualTo("δ = a − y");
  }

  @Test
  @DisplayName("a chain-rule pair keeps f'(z) in its formula")
  void chainRuleFormula() {
    Pair pair = Pair.of(Activation.SIGMOID, Loss.SQUARED_ERROR);
    assertThat(pair.contract()).isEqualTo(GradientContract.CHAIN_RULE);
    assertThat(pair.deltaFormula()).isEqualTo("δ = (a − y) ⊙ a(1 − a)");
    assertThat(Pair.of(Activation.SOFTMAX, Loss.BINARY_CROSS_ENTROPY).deltaFormula())
        .startsWith("δ_k = a_k (g_k − Σ_j g_j a_j)");
  }

  @Test
  @DisplayName("pairs whose activation range leaves the loss domain are rejected, saying why")
  void misfitsRejected() {
    assertThatThrownBy(() -> Pair.of(Activation.IDENTITY, Loss.BINARY_CROSS_ENTROPY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("identity produces values in ℝ")
        .hasMessageContaining("needs predictions in (0, 1)");
    assertThatThrownBy(() -> Pair.of(Activation.RELU, Loss.POISSON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, ∞)")
        .hasMessageContaining("−∞ at a = 0");
    assertThatThrownBy(() -> Pair.of(Activation.TANH, Loss.CROSS_ENTROPY))
        .hasMessageContaining("canonical activation for cross-entropy is softmax");
  }

  @Test
  @DisplayName("parse reads back every pair's name and rejects anything but ACTIVATION+LOSS")
  void parseIsTheInverseOfName() {
    for (Pair pair : Pair.all()) {
      assertThat(Pair.parse(pair.name())).isEqualTo(pair);
    }
    assertThatThrownBy(() -> Pair.parse("sigmoid")).hasMessageContaining("must be ACTIVATION+LOSS");
    assertThatThrownBy(() -> Pair.parse("a+b+c")).hasMessageContaining("must be ACTIVATION+LOSS");
    assertThatThrownBy(() -> Pair.parse("relu+poisson")).hasMessageContaining("not a valid pair");
  }

  @Test
  @DisplayName("unknown names list the known ones")
  void unknownNames() {
    assertThatThrownBy(() -> Pair.of("sigmod", "poisson"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown activation 'sigmod'")
        .hasMessageContaining("sigmoid");
    assertThatThrownBy(() -> Loss.fromId("mse")).hasMessageContaining("squared-error");
    assertThatThrownBy(() -> Reduction.fromId("avg")).hasMessageContaining("sum, mean");
  }

  @Test
  @DisplayName("every pair explains whether f'(z) cancels")
  void explanations() {
    for (Pair pair : Pair.all()) {
      String text = pair.explanation();
      assertThat(text).contains(pair.loss().formula()).contains(pair.activation().derivativeFormula());
      if (pair.isCanonical()) {
        assertThat(text).contains("canonical link").contains("a − y");
      } else {
        assertThat(text).contains("does not cancel");
      }
    }
  }
}

package io.github.deltapair.examples.sparsemax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Catalog;
import io.github.deltapair.Evaluator;
import io.github.deltapair.GradientContract;
import io.github.deltapair.Loss;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The sparsemax plugin, found through its service file and computed by native")
class SparsemaxTest {

  private static final Pair PAIR = Pair.of("sparsemax", "sparsemax-loss");

  private final Evaluator nativeBackend = Backends.evaluator("native");

  private static double[] sparsemax(double... z) {
    double[] a = new double[z.length];
    SparsemaxActivation.INSTANCE.forwardRow(z.clone(), a, 0, z.length);
    return a;
  }

  @Nested
  @DisplayName("sparsemax(z), against values computed by hand")
  class Values {

    @Test
    @DisplayName("z = [1, 0.5, −1]: τ = −0.25, p = [0.75, 0.25, 0]")
    void threeOutputs() {
      assertThat(sparsemax(1, 0.5, -1)).containsExactly(0.75, 0.25, 0.0);
    }

    @Test
    @DisplayName("z = [0.3, 0.1]: τ = −0.3, p = [0.6, 0.4]; z = [2, 0]: p = [1, 0] (an exact zero, unlike softmax)")
    void twoOutputs() {
      assertThat(sparsemax(0.3, 0.1)).containsExactly(new double[] {0.6, 0.4}, within(1e-15));
      assertThat(sparsemax(2, 0)).containsExactly(1.0, 0.0);
    }

    @Test
    @DisplayName("equal logits give the uniform distribution; adding a constant changes nothing, even 1000")
    void uniformAndShiftInvariant() {
      assertThat(sparsemax(0, 0, 0, 0)).containsExactly(0.25, 0.25, 0.25, 0.25);
      assertThat(sparsemax(1001, 1000.5, 999)).containsExactly(0.75, 0.25, 0.0);
      assertThat(sparsemax(1000, -1000, 0)).containsExactly(1.0, 0.0, 0.0);
    }

    @Test
    @DisplayName("the native backend's activations are these values")
    void throughTheBackend() {
      Batch z = Batch.of(new double[][] {{1, 0.5, -1}, {0.3, 0.1, -5}});
      Batch y = Batch.of(new double[][] {{0, 1, 0}, {1, 0, 0}});
      LossResult result = nativeBackend.evaluate(PAIR, z, y, Reduction.SUM);
      assertThat(result.activations().get(0, 0)).isEqualTo(0.75);
      assertThat(result.activations().get(0, 1)).isEqualTo(0.25);
      assertThat(result.activations().get(0, 2)).isEqualTo(0.0);
      assertThat(result.activations().get(1, 0)).isCloseTo(0.6, within(1e-15));
      assertThat(result.activations().get(1, 1)).isCloseTo(0.4, within(1e-15));
      assertThat(result.activations().get(1, 2)).isEqualTo(0.0);
    }
  }

  @Nested
  @DisplayName("the Fenchel–Young loss ℓ = ⟨z, p⟩ − ½‖p‖² + ½‖y‖² − ⟨z, y⟩ and δ = p − y")
  class FenchelYoung {

    @Test
    @DisplayName("z = [1, 0.5, −1], y = [0, 1, 0]: ℓ = 0.875 − 0.3125 + 0.5 − 0.5 = 0.5625, δ = [0.75, −0.75, 0]")
    void byHand() {
      Batch z = Batch.of(new double[][] {{1, 0.5, -1}});
      Batch y = Batch.of(new double[][] {{0, 1, 0}});
      LossResult result = nativeBackend.evaluate(PAIR, z, y, Reduction.SUM);
      assertThat(result.loss()).isCloseTo(0.5625, within(1e-15));
      assertThat(result.delta().array()).containsExactly(0.75, -0.75, 0.0);
    }

    @Test
    @DisplayName("a confidently wrong row at |z| = 1000 has the finite loss 2000 and δ = [1, −1]")
    void extremeLogits() {
      Batch z = Batch.of(new double[][] {{1000, -1000}});
      Batch y = Batch.of(new double[][] {{0, 1}});
      LossResult result = nativeBackend.evaluate(PAIR, z, y, Reduction.MEAN);
      // ⟨z, p⟩ = 1000, ½‖p‖² = ½, ½‖y‖² = ½, ⟨z, y⟩ = −1000
      assertThat(result.loss()).isEqualTo(2000.0);
      assertThat(result.delta().array()).containsExactly(1.0, -1.0);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    @DisplayName("δ agrees with central differences of ℓ (soft targets, random logits)")
    void finiteDifferences(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      int m = 3;
      int n = 5;
      Batch z = Batch.zeros(m, n);
      Batch y = Batch.zeros(m, n);
      for (int i = 0; i < m; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          z.set(i, j, random.nextDouble(-1.5, 1.5));
          y.set(i, j, random.nextDouble(0.01, 1));
          sum += y.get(i, j);
        }
        for (int j = 0; j < n; j++) {
          y.set(i, j, y.get(i, j) / sum);
        }
      }
      checkAgainstFiniteDifferences(PAIR, z, y);
    }

    @Test
    @DisplayName("value and gradient of a alone do not exist: they throw UnsupportedOperationException")
    void notDefinedOnPredictions() {
      Loss loss = Loss.fromId("sparsemax-loss");
      assertThat(loss.isDefinedOnPredictions()).isFalse();
      assertThatThrownBy(() -> loss.value(0.5, 1.0)).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> loss.gradient(0.5, 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("targets must be rows on the simplex: a row summing to 0.9 is rejected, naming it")
    void simplexTargets() {
      Batch z = Batch.of(new double[][] {{1, 0.5}, {0, 0}});
      Batch y = Batch.of(new double[][] {{0.5, 0.5}, {0.5, 0.4}});
      assertThatThrownBy(() -> nativeBackend.evaluate(PAIR, z, y, Reduction.SUM))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    }
  }

  @Nested
  @DisplayName("sparsemax in a chain-rule pair: δ = J_f(z)ᵀ g with out_k = s_k (g_k − mean_S g)")
  class ChainRule {

    @Test
    @DisplayName("sparsemax + squared-error: δ agrees with central differences of the loss")
    void squaredError() {
      Batch z = Batch.of(new double[][] {{0.2, 0.1, -0.3, 0.05}, {1, 0.5, -1, 0.6}});
      Batch y = Batch.of(new double[][] {{1, 0, 0, 0}, {0.5, -0.5, 2, 0}});
      checkAgainstFiniteDifferences(Pair.of("sparsemax", "squared-error"), z, y);
    }

    @Test
    @DisplayName("by hand: z = [1, 0.5, −1], y = 0, g = p = [0.75, 0.25, 0]: δ = [0.25, −0.25, 0]")
    void byHand() {
      LossResult result = nativeBackend.evaluate(Pair.of("sparsemax", "squared-error"),
          Batch.of(new double[][] {{1, 0.5, -1}}), Batch.zeros(1, 3), Reduction.SUM);
      assertThat(result.loss()).isEqualTo(0.5 * (0.75 * 0.75 + 0.25 * 0.25));
      assertThat(result.delta().array()).containsExactly(0.25, -0.25, 0.0);
    }
  }

  @Nested
  @DisplayName("the catalog")
  class InTheCatalog {

    @Test
    @DisplayName("discovery finds both definitions through META-INF/services, and the pair is canonical")
    void discovered() {
      assertThat(Catalog.discovered().activation("sparsemax")).isSameAs(SparsemaxActivation.INSTANCE);
      assertThat(Catalog.discovered().loss("sparsemax-loss")).isSameAs(SparsemaxLoss.INSTANCE);
      assertThat(Pair.all()).contains(PAIR);
      assertThat(PAIR.contract()).isEqualTo(GradientContract.CANONICAL);
      assertThat(PAIR.deltaFormula()).isEqualTo("δ = a − y");
      assertThat(Activation.fromId("sparsemax").minColumns()).isEqualTo(2);
    }

    @Test
    @DisplayName("sparsemax-loss pairs with sparsemax only: softmax + sparsemax-loss is not a pair")
    void canonicalOnly() {
      assertThatThrownBy(() -> Pair.of("softmax", "sparsemax-loss"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("defined only from the logits");
    }

    @Test
    @DisplayName("dl4j does not compute the plugin's pair: rejected naming native, which does")
    void dl4jRejects() {
      Evaluator dl4j = Backends.evaluator("dl4j");
      assertThat(dl4j.supports(PAIR)).isFalse();
      assertThatThrownBy(() -> dl4j.evaluate(PAIR, Batch.of(new double[][] {{1, 0}}),
              Batch.of(new double[][] {{1, 0}}), Reduction.SUM))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("native");
    }
  }

  /** Central differences of the native backend's loss, step 1e-6, within 1e-7 of δ. */
  private void checkAgainstFiniteDifferences(Pair pair, Batch z, Batch y) {
    LossResult result = nativeBackend.evaluate(pair, z, y, Reduction.SUM);
    double h = 1e-6;
    for (int k = 0; k < z.size(); k++) {
      Batch up = z.copy();
      Batch down = z.copy();
      up.array()[k] += h;
      down.array()[k] -= h;
      // (ℓ(z + h e_k) − ℓ(z − h e_k)) / 2h
      double numeric = (nativeBackend.evaluate(pair, up, y, Reduction.SUM).loss()
          - nativeBackend.evaluate(pair, down, y, Reduction.SUM).loss()) / (2 * h);
      assertThat(result.delta().array()[k]).as("δ element %d of %s", k, pair.name())
          .isCloseTo(numeric, within(1e-7));
    }
  }
}

package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Loss;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Huber, focal and kl-divergence on both kernel paths, against textbook formulas written here
 * from their definitions (docs/contract.md §3.3), independently of the api's.
 */
@DisplayName("The new losses agree with textbook formulas")
class NewLossesTest {

  private static final double TOL = 1e-13;
  private static final double[] EXTREME = {0, 17, -17, 30, -30, 100, -100, 1000, -1000};

  static Stream<Named<Evaluator>> paths() {
    return Stream.of(
        Named.of("scalar", Evaluator.of(new NativeBackend(false, Long.MAX_VALUE))),
        Named.of("vector", Evaluator.of(new NativeBackend(true, Long.MAX_VALUE))));
  }

  private static LossResult eval(Evaluator e, Pair pair, double[][] z, double[][] y) {
    return e.evaluate(pair, Batch.of(z), Batch.of(y), Reduction.SUM);
  }

  private static double clip(double r, double d) {
    return Math.max(-d, Math.min(d, r));
  }

  private static double huber(double r, double d) {
    return Math.abs(r) <= d ? 0.5 * r * r : d * (Math.abs(r) - 0.5 * d);
  }

  /** σ(z) without overflow. */
  private static double sigma(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** log(1 + e^x) without overflow. */
  private static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  @Nested
  @DisplayName("huber")
  class Huber {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.deltapair.nativebackend.NewLossesTest#paths")
    @DisplayName("identity + huber(delta=d): ℓ = ½r² or d(|r| − ½d), δ = clip(z − y, −d, d), for d = 1 and 0.5")
    void identity(Evaluator e) {
      double[] z = {-3, -0.4, 0, 0.7, 2.5, 1.2};
      double[] y = {0, 0.1, 0, -0.5, 0.5, 0.2};
      for (double d : new double[] {1.0, 0.5}) {
        LossResult r = eval(e, Pair.of(io.github.deltapair.Activation.IDENTITY, Loss.huber(d)),
            new double[][] {z}, new double[][] {y});
        double loss = 0;
        for (int j = 0; j < z.length; j++) {
          loss += huber(z[j] - y[j], d);
          assertThat(r.delta().get(0, j)).as("d = %s, column %d", d, j).isEqualTo(clip(z[j] - y[j], d));
        }
        assertThat(r.loss()).as("d = %s", d).isCloseTo(loss, within(TOL));
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.deltapair.nativebackend.NewLossesTest#paths")
    @DisplayName("tanh + huber: δ = clip(tanh z − y, −d, d)·(1 − tanh² z)")
    void tanh(Evaluator e) {
      double[] z = {-2, -0.3, 0.1, 0.9, 3};
      double[] y = {1, 0.2, -0.4, -0.8, 0.9};
      for (double d : new double[] {1.0, 0.25}) {
        LossResult r = eval(e, Pair.of("tanh", "huber(delta=" + d + ")"),
            new double[][] {z}, new double[][] {y});
        double loss = 0;
        for (int j = 0; j < z.length; j++) {
          double a = Math.tanh(z[j]);
          loss += huber(a - y[j], d);
          assertThat(r.delta().get(0, j)).as("d = %s, column %d", d, j)
              .isCloseTo(clip(a - y[j], d) * (1 - a * a), within(TOL));
        }
        assertThat(r.loss()).isCloseTo(loss, within(TOL));
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.deltapair.nativebackend.NewLossesTest#paths")
    @DisplayName("softmax + huber: δ = Jᵀ clip(a − y, −1, 1) with J = diag(a) − a aᵀ")
    void softmax(Evaluator e) {
      double[] z = {2.0, -1.0, 0.5, 4.0};
      double[] y = {3.0, -2.0, 0.1, 0.0};
      LossResult r = eval(e, Pair.of("softmax", "huber"), new double[][] {z}, new double[][] {y});
      double s = 0;
      for (double v : z) {
        s += Math.exp(v);
      }
      double[] a = new double[z.length];
      double loss = 0;
      for (int j = 0; j < z.length; j++) {
        a[j] = Math.exp(z[j]) / s;
        loss += huber(a[j] - y[j], 1.0);
      }
      for (int k = 0; k < z.length; k++) {
        double expected = 0;
        // δ_k = Σ_j a_j([j = k] − a_k) g_j
        for (int j = 0; j < z.length; j++) {
          expected += a[j] * ((j == k ? 1 : 0) - a[k]) * clip(a[j] - y[j], 1.0);
        }
        assertThat(r.delta().get(0, k)).isCloseTo(expected, within(TOL));
      }
      assertThat(r.loss()).isCloseTo(loss, within(TOL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.deltapair.nativebackend.NewLossesTest#paths")
    @DisplayName("sigmoid + huber stays finite where sigmoid saturates: δ = +0 at z = ±1000")
    void saturatedSigmoid(Evaluator e) {
      LossResult r = eval(e, Pair.of("sigmoid", "huber"), new double[][] {{1000, -1000}},
          new double[][] {{-2, 0.25}});
      assertThat(r.delta().toArray()[0]).containsExactly(0.0, 0.0);
      assertThat(r.loss()).isEqualTo(huber(3, 1) + huber(-0.25, 1));
    }
  }

  @Nested
  @DisplayName("focal")
  class Focal {

    /** ℓ and dℓ/dz of focal(γ, α) at one output, α NaN for none, in the stable logits form. */
    private double[] focal(double z, double y, double gamma, double alpha) {
      double p = sigma(z);
      double notP = sigma(-z);
      // BCE = −y log p − (1 − y) log(1 − p) = y·softplus(−z) + (1 − y)·softplus(z)
      double bce = y * softplus(-z) + (1 - y) * softplus(z);
      // q = 1 − p_t, p_t = p y + (1 − p)(1 − y)
      double q = y * notP + (1 - y) * p;
      double at = Double.isNaN(alpha) ? 1 : alpha * y + (1 - alpha) * (1 - y);
      double dq = (1 - 2 * y) * p * notP;
      double loss = at * Math.pow(q, gamma) * bce;
      double delta = at * (gamma * Math.pow(q, gamma - 1) * dq * bce + Math.pow(q, gamma) * (p - y));
      return new double[] {loss, delta};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.deltapair.nativebackend.NewLossesTest#paths")
    @DisplayName("sigmoid + focal at z ∈ {0, ±17, ±30, ±100, ±1000} is finite and equals the textbook form, with and without alpha")
    void extremeLogits(Evaluator e) {
      double[] targets = {0, 1, 0.25};
      double[][] parameters = {{2.0, Double.NaN}, {2.0, 0.25}, {3.0, 0.6}};
      for (double[] gammaAlpha : parameters) {
        Loss loss = Double.isNaN(gammaAlpha[1]) ? Loss.focal(gammaAlpha[0])
            : Loss.focal(gammaAlpha[0], gammaAlpha[1]);
        for (double y : targets) {
          double[][] z = {EXTREME};
          double[][] ys = {new double[EXTREME.length]};
          java.util.Arrays.fill(ys[0], y);
          LossResult r = eval(e, Pair.of(io.github.deltapair.Activation.SIGMOID, loss), z, ys);
          double expected = 0;
          for (int j = 0; j < EXTREME.length; j++) {
            double[] f = focal(EXTREME[j], y, gammaAlpha[0], gammaAlpha[1]);
            expected += f[0];
            assertThat(r.delta().get(0, j)).as("%s at z = %s, y = %s", loss, EXTREME[j], y)
                .isFinite().isCloseTo(f[1], within(TOL * Math.max(1, Math.abs(f[1]))));
          }
          assertThat(r.loss()).as("%s, y = %s", loss, y).isFinite()
              .isCloseTo(expected, within(1e-12 * Math.max(1, expected)));
        }
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.deltapair.nativebackend.NewLossesTest#paths")
    @DisplayName("focal(gamma=2.0) at z = 1000, y = 0 has loss 1000 and δ = 1; at z = −1000, y = 1 loss 1000 and δ = −1")
    void thousand(Evaluator e) {
      LossResult r = eval(e, Pair.of("sigmoid", "focal"), new double[][] {{1000, -1000}},
          new double[][] {{0, 1}});
      assertThat(r.loss()).isEqualTo(2000.0);
      assertThat(r.delta().toArray()[0]).containsExactly(1.0, -1.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.deltapair.nativebackend.NewLossesTest#paths")
    @DisplayName("focal(gamma=0.0) equals binary cross-entropy with sigmoid")
    void gammaZeroIsBinaryCrossEntropy(Evaluator e) {
      double[][] z = {{-3, -0.2, 0, 1.5, 40}};
      double[][] y = {{0, 1, 0.5, 0.3, 1}};
      LossResult focal = eval(e, Pair.of("sigmoid", "focal(gamma=0.0)"), z, y);
      LossResult bce = eval(e, Pair.of("sigmoid", "binary-cross-entropy"), z, y);
      assertThat(focal.loss()).isCloseTo(bce.loss(), within(TOL));
      for (int j = 0; j < 5; j++) {
        assertThat(focal.delta().get(0, j)).isCloseTo(bce.delta().get(0, j), within(TOL));
      }
    }
  }

  @Nested
  @DisplayName("kl-divergence")
  class KlDivergence {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.deltapair.nativebackend.NewLossesTest#paths")
    @DisplayName("softmax + kl-divergence at z = (1000, 0, −1000), y = (0, 0, 1) has loss 2000 and δ = (1, 0, −1)")
    void thousand(Evaluator e) {
      LossResult r = eval(e, Pair.of("softmax", "kl-divergence"), new double[][] {{1000, 0, -1000}},
          new double[][] {{0, 0, 1}});
      assertThat(r.loss()).isEqualTo(2000.0);
      assertThat(r.delta().toArray()[0]).containsExactly(1.0, 0.0, -1.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.deltapair.nativebackend.NewLossesTest#paths")
    @DisplayName("softmax + kl-divergence over 64 columns (the vector kernel's rows) at ±1000 has loss 2000 and δ = a − y")
    void thousandWide(Evaluator e) {
      double[][] z = new double[1][64];
      double[][] y = new double[1][64];
      z[0][0] = 1000;
      z[0][63] = -1000;
      y[0][63] = 1;
      LossResult r = eval(e, Pair.of("softmax", "kl-divergence"), z, y);
      assertThat(r.loss()).isEqualTo(2000.0);
      double[] expected = new double[64];
      expected[0] = 1;
      expected[63] = -1;
      assertThat(r.delta().toArray()[0]).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.deltapair.nativebackend.NewLossesTest#paths")
    @DisplayName("softmax + kl-divergence: ℓ = Σ y (log y − log a) with 0·log 0 = 0, δ = a − y")
    void moderate(Evaluator e) {
      double[][] z = {{1, 2, 3}, {0.5, -0.5, 0}};
      double[][] y = {{0.2, 0.3, 0.5}, {0, 0.4, 0.6}};
      LossResult r = eval(e, Pair.of("softmax", "kl-divergence"), z, y);
      double loss = 0;
      for (int i = 0; i < 2; i++) {
        double s = 0;
        for (double v : z[i]) {
          s += Math.exp(v);
        }
        for (int j = 0; j < 3; j++) {
          double a = Math.exp(z[i][j]) / s;
          loss += y[i][j] == 0 ? 0 : y[i][j] * (Math.log(y[i][j]) - Math.log(a));
          assertThat(r.delta().get(i, j)).isCloseTo(a - y[i][j], within(TOL));
        }
      }
      assertThat(r.loss()).isCloseTo(loss, within(TOL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.deltapair.nativebackend.NewLossesTest#paths")
    @DisplayName("sigmoid + kl-divergence has δ = −y(1 − σ(z)) and exp + kl-divergence δ = −y")
    void chainRule(Evaluator e) {
      double[][] z = {{-1.5, 0.2, 2.5}};
      double[][] y = {{0.1, 0.0, 0.9}};
      LossResult sigmoid = eval(e, Pair.of("sigmoid", "kl-divergence"), z, y);
      LossResult exp = eval(e, Pair.of("exp", "kl-divergence"), z, y);
      double sigmoidLoss = 0;
      double expLoss = 0;
      for (int j = 0; j < 3; j++) {
        double yj = y[0][j];
        double a = 1 / (1 + Math.exp(-z[0][j]));
        sigmoidLoss += yj == 0 ? 0 : yj * (Math.log(yj) - Math.log(a));
        expLoss += yj == 0 ? 0 : yj * (Math.log(yj) - z[0][j]);
        assertThat(sigmoid.delta().get(0, j)).isCloseTo(-yj * (1 - a), within(TOL));
        assertThat(exp.delta().get(0, j)).isCloseTo(-yj, within(TOL));
      }
      assertThat(sigmoid.loss()).isCloseTo(sigmoidLoss, within(TOL));
      assertThat(exp.loss()).isCloseTo(expLoss, within(TOL));
    }
  }
}

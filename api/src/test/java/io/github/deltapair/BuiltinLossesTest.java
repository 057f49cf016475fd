package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The built-in definitions' generic path against textbook values and central differences. */
class BuiltinLossesTest {

  private static double rows(Pair pair, double[] z, double[] y, double[] delta) {
    return pair.lossOfRows(z, y, z.length, 0, 1, 1.0, delta);
  }

  @Test
  @DisplayName("huber: ½r² inside delta, d(|r| − ½d) outside, δ = clip(r, −d, d) with identity")
  void huber() {
    Pair pair = Pair.of(Activation.IDENTITY, Loss.huber(0.5));
    double[] z = {0.2, 3.0, -4.0};
    double[] y = {0.0, 1.0, 0.0};
    double[] d = new double[3];
    double loss = rows(pair, z, y, d);
    assertThat(loss).isCloseTo(0.5 * 0.04 + 0.5 * (2.0 - 0.25) + 0.5 * (4.0 - 0.25), within(1e-15));
    assertThat(d).containsExactly(0.2, 0.5, -0.5);
  }

  @Test
  @DisplayName("focal from the logits: finite and true at |z| = 1000, and focal(gamma=0) is binary cross-entropy")
  void focalExtremes() {
    double[] d = new double[1];
    Pair focal = Pair.of(Activation.SIGMOID, Loss.FOCAL);
    // z = 1000, y = 0: p = 1, 1 − p_t = 1, BCE = 1000
    assertThat(rows(focal, new double[] {1000}, new double[] {0}, d)).isEqualTo(1000.0);
    assertThat(d[0]).isEqualTo(1.0);
    assertThat(rows(focal, new double[] {-1000}, new double[] {0}, d)).isEqualTo(0.0);
    assertThat(d[0]).isEqualTo(0.0);
    Pair alpha = Pair.of(Activation.SIGMOID, Loss.focal(2.0, 0.25));
    assertThat(rows(alpha, new double[] {-1000}, new double[] {1}, d)).isEqualTo(250.0);
    assertThat(d[0]).isEqualTo(-0.25);
    Pair gamma0 = Pair.of(Activation.SIGMOID, Loss.focal(0.0));
    Pair bce = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
    double[] d2 = new double[1];
    for (double zv : new double[] {-30, -2.5, 0, 0.7, 17, 100}) {
      for (double yv : new double[] {0, 0.3, 1}) {
        assertThat(rows(gamma0, new double[] {zv}, new double[] {yv}, d))
            .isCloseTo(rows(bce, new double[] {zv}, new double[] {yv}, d2), within(1e-12));
        assertThat(d[0]).isCloseTo(d2[0], within(1e-15));
      }
    }
  }

  @Test
  @DisplayName("kl-divergence with softmax: Σ y log y + logsumexp(z) − Σ y z, δ = a − y, at [1000, 0, −1000]")
  void klDivergence() {
    Pair kl = Pair.canonical(Loss.KL_DIVERGENCE);
    double[] d = new double[3];
    assertThat(rows(kl, new double[] {1000, 0, -1000}, new double[] {0, 0, 1}, d)).isEqualTo(2000.0);
    assertThat(d).containsExactly(1.0, 0.0, -1.0);
    double loss = rows(kl, new double[] {1000, 0, -1000}, new double[] {0.5, 0, 0.5}, d);
    assertThat(loss).isCloseTo(0.5 * Math.log(0.5) * 2 + 1000 - 0.5 * 1000 + 0.5 * 1000, within(1e-9));
  }

  @Test
  @DisplayName("every built-in pair's generic delta agrees with central differences of its own loss")
  void finiteDifferences() {
    for (Pair pair : Pair.all()) {
      int n = 3;
      double[] z = {0.3, -0.8, 1.1};
      double[] y = targets(pair.loss(), n);
      double[] d = new double[n];
      rows(pair, z, y, d);
      for (int k = 0; k < n; k++) {
        double h = 1e-6;
        double[] up = z.clone();
        double[] down = z.clone();
        up[k] += h;
        down[k] -= h;
        double[] scratch = new double[n];
        double numeric = (rows(pair, up, y, scratch) - rows(pair, down, y, scratch)) / (2 * h);
        assertThat(d[k]).as(pair.name() + " element " + k)
            .isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(numeric))));
      }
    }
  }

  private static double[] targets(Loss loss, int n) {
    if (loss.targetRowsOnSimplex()) {
      return new double[] {0.2, 0.5, 0.3};
    }
    List<Double> candidates = List.of(0.4, 0.9, 0.1);
    double[] y = new double[n];
    for (int k = 0; k < n; k++) {
      y[k] = candidates.get(k);
    }
    return y;
  }
}

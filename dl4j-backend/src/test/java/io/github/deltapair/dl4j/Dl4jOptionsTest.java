package io.github.deltapair.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Interval;
import io.github.deltapair.Labels;
import io.github.deltapair.LossOption;
import io.github.deltapair.LossResult;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dl4j backend under every option of docs/contract.md §2b, alone and combined, for every
 * built-in pair and reduction, on float64 and float32 batches: against the pair's definitions
 * computed by the api in float64 ({@link Pair#lossOfRows(Batch, Targets, Options, int, int,
 * double, double[], double[])}, on the widened values of a float32 case), against the native
 * backend, against central differences of its own loss, and against textbook formulas written
 * here for softmax + cross-entropy and sigmoid + binary-cross-entropy.
 */
@DisplayName("The dl4j backend computes every loss option through ND4J")
class Dl4jOptionsTest {

  private static final double DELTA_TOLERANCE = 1e-12;
  private static final double LOSS_TOLERANCE = 1e-10;
  /** docs/contract.md §2c: δ and J of a float32 batch against float64 on its widened values. */
  private static final double FLOAT32_TOLERANCE = 1e-6;

  private final Evaluator dl4j = Evaluator.of(new Dl4jBackend());

  /** Which options a case sets. */
  enum Combo { CLASS_WEIGHTS, EXAMPLE_WEIGHTS, MASK, SMOOTHING, POS_WEIGHT, ALL, LABELS_ALL }

  /** One drawn case: logits, targets and options (garbage where nothing is read). */
  record Case(String name, Batch z, Targets targets, Options options) {}

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (Pair pair : Pair.all()) {
      for (Combo combo : Combo.values()) {
        if (!applies(pair, combo)) {
          continue;
        }
        for (Reduction reduction : Reduction.values()) {
          for (Precision precision : Precision.values()) {
            all.add(Arguments.of(pair, combo, reduction, precision));
          }
        }
      }
    }
    return all.stream();
  }

  private static boolean applies(Pair pair, Combo combo) {
    return switch (combo) {
      case SMOOTHING -> pair.loss().supports(LossOption.LABEL_SMOOTHING);
      case POS_WEIGHT -> pair.loss().supports(LossOption.POS_WEIGHT);
      case LABELS_ALL -> pair.loss().supports(LossOption.LABELS);
      default -> true;
    };
  }

  @ParameterizedTest(name = "{0}, {1}, {2}, {3}")
  @MethodSource("cases")
  @DisplayName("Loss, delta and per-example losses equal the definitions' (float64: 1e-12 on δ, 1e-10 on J; float32: 1e-6 against float64 on the widened values) and the native backend's; inputs untouched; NaN where nothing is read is ignored")
  void matchesDefinitions(Pair pair, Combo combo, Reduction reduction, Precision precision) {
    long seed = pair.name().hashCode() * 31L + combo.ordinal();
    Case c = in(precision, draw(pair, combo, new Random(seed), true));
    // the oracles see valid values where the dl4j backend sees NaN: those entries must not matter
    Case clean = in(precision, draw(pair, combo, new Random(seed), false));
    Batch zBefore = c.z().copy();

    LossResult result = dl4j.evaluate(pair, c.z(), c.targets(), c.options(), reduction);

    assertThat(result.delta().precision()).isEqualTo(precision);
    assertMatchesDefinitions(c.name() + " " + reduction, pair, clean, reduction, result,
        precision);
    assertThat(c.z().sameBits(zBefore)).as("z untouched").isTrue();

    LossResult other = Backends.evaluator("native")
        .evaluate(pair, clean.z(), clean.targets(), clean.options(), reduction);
    double deltaTolerance = precision == Precision.FLOAT64 ? DELTA_TOLERANCE : 2 * FLOAT32_TOLERANCE;
    double lossTolerance = precision == Precision.FLOAT64 ? LOSS_TOLERANCE : 2 * FLOAT32_TOLERANCE;
    assertClose(c.name() + ": J against native", result.loss(), other.loss(), lossTolerance);
    for (int k = 0; k < c.z().size(); k++) {
      assertClose(c.name() + ": δ against native at " + k, result.delta().at(k),
          other.delta().at(k), deltaTolerance);
    }
  }

  /**
   * {@code result} against the definitions in float64 on the widened values of {@code clean}: J,
   * every δ and every ℓ_i, within the tolerances of {@code precision}.
   */
  private static void assertMatchesDefinitions(String name, Pair pair, Case clean,
      Reduction reduction, LossResult result, Precision precision) {
    Batch z = clean.z().toFloat64();
    Targets targets = clean.targets() instanceof Batch y ? y.toFloat64() : clean.targets();
    int m = z.rows();
    int n = z.cols();
    double scale = reduction.scale(targets, clean.options());
    double[] expectedDelta = new double[m * n];
    double[] expectedLosses = new double[m];
    double expected = scale * pair.lossOfRows(
        z, targets, clean.options(), 0, m, scale, expectedDelta, expectedLosses);
    boolean wide = precision == Precision.FLOAT64;
    double deltaTolerance = wide ? DELTA_TOLERANCE : FLOAT32_TOLERANCE;
    double lossTolerance = wide ? LOSS_TOLERANCE : FLOAT32_TOLERANCE;
    assertClose(name + ": J", result.loss(), expected, lossTolerance);
    for (int k = 0; k < m * n; k++) {
      assertClose(name + ": δ at row " + k / n + ", column " + k % n, result.delta().at(k),
          expectedDelta[k], deltaTolerance);
    }
    for (int i = 0; i < m; i++) {
      assertClose(name + ": ℓ_" + i, result.exampleLosses()[i], expectedLosses[i], lossTolerance);
    }
  }

  /** {@code c} in {@code precision}: a float32 case rounds its logits and dense targets. */
  static Case in(Precision precision, Case c) {
    if (precision == Precision.FLOAT64) {
      return c;
    }
    Targets targets = c.targets() instanceof Batch y ? y.toFloat32() : c.targets();
    return new Case(c.name() + " float32", c.z().toFloat32(), targets, c.options());
  }

  static Stream<Arguments> oneRowCases() {
    return Pair.all().stream().flatMap(pair -> Stream.of(Combo.ALL, Combo.LABELS_ALL)
        .filter(combo -> applies(pair, combo))
        .flatMap(combo -> Stream.of(Precision.values()).map(p -> Arguments.of(pair, combo, p))));
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("oneRowCases")
  @DisplayName("A one-row batch with every option the pair takes (DL4J mistakes a [1, 1] mask for a per-output one) gives the definitions' results")
  void oneRow(Pair pair, Combo combo, Precision precision) {
    Case c = in(precision, draw(pair, combo, new Random(5 + pair.name().hashCode()), false, 1));
    LossResult result = dl4j.evaluate(pair, c.z(), c.targets(), c.options(), Reduction.SUM);
    assertMatchesDefinitions(c.name(), pair, c, Reduction.SUM, result, precision);
  }

  static Stream<Arguments> gradientCases() {
    return Pair.all().stream().flatMap(pair -> Stream.of(Combo.ALL, Combo.LABELS_ALL)
        .filter(combo -> applies(pair, combo)).map(combo -> Arguments.of(pair, combo)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("gradientCases")
  @DisplayName("With every option the pair takes, δ agrees with central differences of the backend's own loss (mean-by-weight)")
  void deltaIsTheNumericGradient(Pair pair, Combo combo) {
    Case c = draw(pair, combo, new Random(17 + pair.name().hashCode()), true);
    Reduction reduction = Reduction.MEAN_BY_WEIGHT;
    LossResult result = dl4j.evaluate(pair, c.z(), c.targets(), c.options(), reduction);
    int m = c.z().rows();
    int n = c.z().cols();
    double h = 1e-5;
    for (int k = 0; k < m * n; k++) {
      double v = c.z().array()[k];
      if (!Double.isFinite(v)) {
        assertThat(result.delta().array()[k]).as("δ where z is never read").isEqualTo(0.0);
        continue;
      }
      double[] up = c.z().array().clone();
      double[] down = c.z().array().clone();
      up[k] = v + h;
      down[k] = v - h;
      double numeric = (dl4j.evaluate(pair, Batch.wrap(up, m, n), c.targets(), c.options(),
          reduction).loss()
          - dl4j.evaluate(pair, Batch.wrap(down, m, n), c.targets(), c.options(), reduction)
              .loss()) / (2 * h);
      double analytic = result.delta().array()[k];
      assertThat(Math.abs(analytic - numeric))
          .as("%s: δ at row %d, column %d: %s, central difference %s", c.name(), k / n, k % n,
              analytic, numeric)
          .isLessThanOrEqualTo(1e-6 * Math.max(1.0, Math.abs(numeric)));
    }
  }

  @Test
  @DisplayName("Softmax + cross-entropy, labels with ignore_index, class weights and smoothing, mean-by-weight: the textbook formula")
  void softmaxCrossEntropyTextbook() {
    Pair pair = Pair.of("softmax", "cross-entropy");
    double[][] z = {{0.5, -1.0, 2.0, 0.0}, {3.0, 3.0, -2.0, 1.0}, {Double.NaN, 0, 0, 0},
        {-40.0, 60.0, 1.0, 0.25}};
    int[] labels = {2, 0, -100, 3};
    double[] w = {1.0, 2.5, 0.5, 4.0};
    double eps = 0.2;
    int n = 4;
    LossResult result = dl4j.evaluate(pair, Batch.of(z), Labels.of(labels, -100),
        Options.NONE.withClassWeights(w).withLabelSmoothing(eps), Reduction.MEAN_BY_WEIGHT);

    double total = w[2] + w[0] + w[3];
    double sum = 0;
    double[][] delta = new double[4][n];
    for (int i = 0; i < 4; i++) {
      if (labels[i] == -100) {
        continue;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z[i]) {
        max = Math.max(max, v);
      }
      double s = 0;
      for (double v : z[i]) {
        s += Math.exp(v - max);
      }
      double lse = max + Math.log(s);
      // ℓ_i = (1 − ε) w_c (−log a_c) + (ε/n) Σ_j w_j (−log a_j)
      double li = (1 - eps) * w[labels[i]] * (lse - z[i][labels[i]]);
      double weightedTargets = 0;
      double[] wy = new double[n];
      for (int j = 0; j < n; j++) {
        li += eps / n * w[j] * (lse - z[i][j]);
        double y = (1 - eps) * (j == labels[i] ? 1 : 0) + eps / n;
        wy[j] = w[j] * y;
        weightedTargets += wy[j];
      }
      sum += li;
      for (int j = 0; j < n; j++) {
        // δ = (a Σ_j w_j y'_j − w ⊙ y') / Σ W
        delta[i][j] = (Math.exp(z[i][j] - lse) * weightedTargets - wy[j]) / total;
      }
    }
    assertClose("J", result.loss(), sum / total, 1e-14);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < n; j++) {
        assertClose("δ " + i + "," + j, result.delta().get(i, j), delta[i][j], 1e-14);
      }
    }
  }

  @Test
  @DisplayName("Sigmoid + binary-cross-entropy with pos_weight: δ = (1 + (p − 1)y)σ − p y and the textbook loss, also at |z| = 1000")
  void posWeightTextbook() {
    Pair pair = Pair.of("sigmoid", "binary-cross-entropy");
    double[][] z = {{0.5, -3.0, 1000.0}, {-1000.0, 2.0, 0.0}};
    double[][] y = {{1.0, 0.25, 0.0}, {1.0, 0.0, 0.75}};
    double[] p = {3.0, 0.5, 2.0};
    LossResult result = dl4j.evaluate(pair, Batch.of(z), Batch.of(y),
        Options.NONE.withPosWeight(p), Reduction.SUM);
    double sum = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        double v = z[i][j];
        // log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z)
        double logA = -softplus(-v);
        double logNotA = -softplus(v);
        sum += -(p[j] * y[i][j] * logA + (1 - y[i][j]) * logNotA);
        double a = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
        assertClose("δ " + i + "," + j, result.delta().get(i, j),
            (1 + (p[j] - 1) * y[i][j]) * a - p[j] * y[i][j], 1e-14);
      }
    }
    assertClose("J", result.loss(), sum, 1e-13);
  }

  @Test
  @DisplayName("Σ W = 0 gives J = 0 and δ = 0, never NaN: every row ignored, masked or weighted 0")
  void zeroTotalWeight() {
    Pair pair = Pair.of("softmax", "cross-entropy");
    Batch z = Batch.of(new double[][] {{Double.NaN, 1, 2}, {0.5, 0.25, 1}});
    LossResult ignored = dl4j.evaluate(pair, z, Labels.of(new int[] {-1, -1}, -1),
        Options.NONE, Reduction.MEAN_BY_WEIGHT);
    assertThat(ignored.loss()).isEqualTo(0.0);
    assertThat(ignored.delta().array()).containsOnly(0.0);
    Batch finite = Batch.of(new double[][] {{0.0, 1, 2}, {0.5, 0.25, 1}});
    LossResult weighted = dl4j.evaluate(pair, finite, Labels.of(new int[] {0, 2}),
        Options.NONE.withExampleWeights(0.0, 0.0), Reduction.MEAN_BY_WEIGHT);
    assertThat(weighted.loss()).isEqualTo(0.0);
    assertThat(weighted.delta().array()).containsOnly(0.0);
    assertThat(weighted.exampleLosses()).containsOnly(0.0);
  }

  private static double softplus(double v) {
    return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
  }

  private static void assertClose(String what, double actual, double expected, double tolerance) {
    assertThat(Math.abs(actual - expected))
        .as("%s: %s, expected %s", what, actual, expected)
        .isLessThanOrEqualTo(tolerance * Math.max(1.0, Math.abs(expected)));
  }

  /**
   * A 6 × 4 case with the options of {@code combo}; with {@code garbage}, NaN in the logits and
   * targets that are never read (masked out, ignored), else the valid values drawn there.
   */
  static Case draw(Pair pair, Combo combo, Random random, boolean garbage) {
    return draw(pair, combo, random, garbage, 6);
  }

  static Case draw(Pair pair, Combo combo, Random random, boolean garbage, int m) {
    int n = 4;
    boolean rowWise = !pair.activation().isElementwise();
    double[] z = new double[m * n];
    for (int k = 0; k < z.length; k++) {
      z[k] = 1.5 * random.nextGaussian();
    }
    double[] y = targets(pair, m, n, random);
    Options options = Options.NONE;
    boolean all = combo == Combo.ALL || combo == Combo.LABELS_ALL;
    if (combo == Combo.CLASS_WEIGHTS || all) {
      options = options.withClassWeights(0.5, 2.0, 0.0, 1.25);
    }
    if (combo == Combo.EXAMPLE_WEIGHTS || all) {
      options = options.withExampleWeights(
          m == 1 ? new double[] {2.5} : java.util.Arrays.copyOf(new double[] {1.0, 0.25, 3.0, 0.0, 1.5, 2.0}, m));
    }
    if ((combo == Combo.SMOOTHING || all) && pair.loss().supports(LossOption.LABEL_SMOOTHING)) {
      options = options.withLabelSmoothing(0.15);
    }
    if ((combo == Combo.POS_WEIGHT || all) && pair.loss().supports(LossOption.POS_WEIGHT)) {
      options = options.withPosWeight(3.0, 0.5, 1.0, 7.0);
    }
    double[] mask = null;
    if (combo == Combo.MASK || all) {
      mask = new double[m * n];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          // row 1 masked whole; element-wise pairs also lose single entries
          boolean out = (i == 1 && m > 1) || (!rowWise && (i + 2 * j) % 5 == 0);
          mask[i * n + j] = out ? 0.0 : 1.0;
          if (out && garbage) {
            z[i * n + j] = Double.NaN;
            y[i * n + j] = Double.NaN;
          }
        }
      }
      options = options.withMask(Batch.wrap(mask, m, n));
    }
    Targets targets = Batch.wrap(y, m, n);
    if (combo == Combo.LABELS_ALL) {
      int[] classes = new int[m];
      for (int i = 0; i < m; i++) {
        classes[i] = random.nextInt(n);
      }
      if (m > 4) {
        classes[4] = -100;
        for (int j = 0; garbage && j < n; j++) {
          z[4 * n + j] = Double.NaN;
        }
      }
      targets = Labels.of(classes, -100);
    }
    return new Case(pair.name() + " " + combo, Batch.wrap(z, m, n), targets, options);
  }

  private static double[] targets(Pair pair, int m, int n, Random random) {
    double[] y = new double[m * n];
    Interval domain = pair.loss().targetDomain();
    for (int i = 0; i < m; i++) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        int k = i * n + j;
        if (pair.loss().targetRowsOnSimplex()) {
          y[k] = random.nextDouble() + (j == 0 ? 0.0 : 0.1);
          sum += y[k];
        } else if (Double.isFinite(domain.lower()) && Double.isFinite(domain.upper())) {
          y[k] = domain.lower() + (domain.upper() - domain.lower()) * random.nextDouble();
        } else if (Double.isFinite(domain.lower())) {
          y[k] = random.nextInt(4);
        } else {
          y[k] = random.nextGaussian();
        }
      }
      if (pair.loss().targetRowsOnSimplex()) {
        onSimplex(y, i * n, n, sum);
      }
    }
    return y;
  }

  /**
   * Divides row {@code y[offset, offset + n)} by {@code sum}, rounded to multiples of 2⁻²⁰ with the
   * rest on its largest entry: it then sums to exactly 1 in float64 and in float32, whose 24 bits
   * hold each entry exactly.
   */
  private static void onSimplex(double[] y, int offset, int n, double sum) {
    int largest = offset;
    for (int k = offset; k < offset + n; k++) {
      y[k] = Math.rint(y[k] / sum * 0x1p20) / 0x1p20;
      largest = y[k] > y[largest] ? k : largest;
    }
    double rest = 1.0;
    for (int k = offset; k < offset + n; k++) {
      rest -= k == largest ? 0.0 : y[k];
    }
    y[largest] = rest;
  }
}

package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Batch;
import io.github.deltapair.Catalog;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused kernels under options ({@link OptionKernels}) and the per-example losses of every
 * kernel, against textbook formulas written out here (naive {@code Math.exp}/{@code Math.log} at
 * moderate logits, hand-computed values at extreme ones), central differences of the backend's own
 * loss, and the definitions' generic path; and the bits: the same with or without example losses,
 * on one thread or many.
 */
@DisplayName("Options and per-example losses on the native backend")
class OptionKernelsTest {

  private static final Pair CE = Pair.of("softmax", "cross-entropy");
  private static final Pair BCE = Pair.of("sigmoid", "binary-cross-entropy");
  private static final int ROWS = 61;
  private static final int COLS = 23;

  /** An option set drawn for a batch; bits say which options are on. */
  private record Drawn(Targets targets, Options options, Batch z) {}

  /**
   * {@code z} in N(0, 2²), and per bit of {@code which}: 1 class weights (one of them 0), 2 example
   * weights (some 0), 4 smoothing 0.1, 8 ignore_index (labels only) or mask (whole rows for softmax,
   * entries for sigmoid; what is dropped holds NaN), 16 pos_weight (sigmoid only), 32 labels.
   */
  private static Drawn draw(Pair pair, int which, long seed) {
    Random random = new Random(seed);
    Batch z = Batch.zeros(ROWS, COLS);
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = 2 * random.nextGaussian();
    }
    Options options = Options.NONE;
    if ((which & 1) != 0) {
      double[] w = new double[COLS];
      for (int j = 0; j < COLS; j++) {
        w[j] = 3 * random.nextDouble();
      }
      w[3] = 0;
      options = options.withClassWeights(w);
    }
    if ((which & 2) != 0) {
      double[] e = new double[ROWS];
      for (int i = 0; i < ROWS; i++) {
        e[i] = random.nextInt(7) == 0 ? 0 : 2 * random.nextDouble();
      }
      options = options.withExampleWeights(e);
    }
    if ((which & 4) != 0) {
      options = options.withLabelSmoothing(0.1);
    }
    if ((which & 16) != 0) {
      double[] p = new double[COLS];
      for (int j = 0; j < COLS; j++) {
        p[j] = 0.2 + 4 * random.nextDouble();
      }
      options = options.withPosWeight(p);
    }
    boolean labels = (which & 32) != 0;
    Targets targets;
    if (labels) {
      int[] classes = new int[ROWS];
      for (int i = 0; i < ROWS; i++) {
        classes[i] = random.nextInt(COLS);
        if ((which & 8) != 0 && random.nextInt(5) == 0) {
          classes[i] = -100;
          Arrays.fill(z.array(), i * COLS, (i + 1) * COLS, Double.NaN);
        }
      }
      targets = (which & 8) != 0 ? Labels.of(classes, -100) : Labels.of(classes);
    } else {
      targets = RandomTargets.soft(pair.loss(), ROWS, COLS, random);
      if ((which & 8) != 0) {
        Batch mask = Batch.zeros(ROWS, COLS);
        boolean rowwise = !pair.activation().isElementwise();
        for (int i = 0; i < ROWS; i++) {
          boolean rowKept = random.nextInt(5) != 0;
          for (int j = 0; j < COLS; j++) {
            boolean kept = rowwise ? rowKept : random.nextInt(4) != 0;
            mask.set(i, j, kept ? 1 : 0);
            if (!kept) {
              z.set(i, j, Double.NaN);
              ((Batch) targets).set(i, j, Double.NaN);
            }
          }
        }
        options = options.withMask(mask);
      }
    }
    return new Drawn(targets, options, z);
  }

  /** The textbook result: J, δ and ℓ_i, naive formulas in float64. */
  private record Expected(double loss, double[] delta, double[] losses) {}

  /**
   * softmax + cross-entropy from its definition: {@code a = e^{z − lse}}, {@code y' = (1 − ε)t +
   * ε/n}, {@code ℓ_i = e_i Σ_j w_j y'_j (−log a_j)}, {@code δ_i = s·e_i (a Σ_j w_j y'_j − w ⊙ y')}.
   */
  private static Expected textbookSoftmax(Drawn d, Reduction reduction) {
    double[] z = d.z().array();
    Options o = d.options();
    double eps = o.labelSmoothing();
    double[] delta = new double[ROWS * COLS];
    double[] losses = new double[ROWS];
    double[] weights = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      boolean dropped = d.targets() instanceof Labels l ? l.isIgnored(i)
          : o.mask() != null && o.mask().get(i, 0) == 0;
      if (dropped) {
        continue;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < COLS; j++) {
        max = Math.max(max, z[i * COLS + j]);
      }
      double s = 0;
      for (int j = 0; j < COLS; j++) {
        s += Math.exp(z[i * COLS + j] - max);
      }
      double lse = max + Math.log(s);
      double e = o.exampleWeights() == null ? 1 : o.exampleWeights()[i];
      double[] wy = new double[COLS];
      double total = 0;
      double loss = 0;
      for (int j = 0; j < COLS; j++) {
        double t = d.targets() instanceof Labels l ? (l.get(i) == j ? 1 : 0) : ((Batch) d.targets()).get(i, j);
        double w = o.classWeights() == null ? 1 : o.classWeights()[j];
        wy[j] = w * ((1 - eps) * t + eps / COLS);
        total += wy[j];
        loss += wy[j] * (lse - z[i * COLS + j]);
      }
      losses[i] = e * loss;
      for (int j = 0; j < COLS; j++) {
        delta[i * COLS + j] = e * (Math.exp(z[i * COLS + j] - lse) * total - wy[j]);
      }
      weights[i] = e * (d.targets() instanceof Labels l && o.classWeights() != null
          ? o.classWeights()[l.get(i)] : 1);
    }
    return reduce(reduction, delta, losses, weights);
  }

  /**
   * sigmoid + binary cross-entropy from its definition: {@code σ = 1/(1 + e^−z)}, {@code y' = (1 −
   * ε)y + ε/2}, {@code ℓ_ij = −c[p y' log σ + (1 − y') log(1 − σ)]} with {@code c = w_j·mask}, and
   * {@code ∂ℓ/∂z = c[−p y' (1 − σ) + (1 − y') σ]}.
   */
  private static Expected textbookSigmoid(Drawn d, Reduction reduction) {
    double[] z = d.z().array();
    double[] y = ((Batch) d.targets()).array();
    Options o = d.options();
    double eps = o.labelSmoothing();
    double[] delta = new double[ROWS * COLS];
    double[] losses = new double[ROWS];
    double[] weights = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      double e = o.exampleWeights() == null ? 1 : o.exampleWeights()[i];
      double loss = 0;
      boolean any = false;
      for (int j = 0; j < COLS; j++) {
        int k = i * COLS + j;
        double c = (o.classWeights() == null ? 1 : o.classWeights()[j])
            * (o.mask() == null ? 1 : o.mask().array()[k]);
        any |= o.mask() == null || o.mask().array()[k] != 0;
        if (c == 0) {
          continue;
        }
        double p = o.posWeight() == null ? 1 : o.posWeight()[j];
        double t = (1 - eps) * y[k] + eps / 2;
        double sigma = 1 / (1 + Math.exp(-z[k]));
        loss += -c * (p * t * Math.log(sigma) + (1 - t) * Math.log(1 - sigma));
        delta[k] = e * c * (-p * t * (1 - sigma) + (1 - t) * sigma);
      }
      losses[i] = e * loss;
      weights[i] = any ? e : 0;
    }
    return reduce(reduction, delta, losses, weights);
  }

  /** J and the scaled delta for a reduction, from the rows' losses, deltas and weights W_i. */
  private static Expected reduce(Reduction reduction, double[] delta, double[] losses,
      double[] weights) {
    double total = Arrays.stream(weights).sum();
    double scale = switch (reduction) {
      case SUM, NONE -> 1;
      case MEAN -> 1.0 / ROWS;
      case MEAN_BY_WEIGHT -> total == 0 ? 0 : 1 / total;
    };
    double[] scaled = Arrays.stream(delta).map(x -> scale * x).toArray();
    return new Expected(scale * Arrays.stream(losses).sum(), scaled, losses);
  }

  static Stream<Arguments> softmaxCases() {
    // every combination of class weights, example weights, smoothing, ignore_index/mask, labels
    return Stream.of(false, true).flatMap(vector -> Stream.of(Reduction.values()).flatMap(r ->
        Stream.iterate(0, w -> w < 16, w -> w + 1).flatMap(w -> Stream.of(w, w | 32))
            .map(w -> Arguments.of(vector, r, w))));
  }

  static Stream<Arguments> sigmoidCases() {
    return Stream.of(false, true).flatMap(vector -> Stream.of(Reduction.values()).flatMap(r ->
        Stream.iterate(0, w -> w < 32, w -> w + 1).map(w -> Arguments.of(vector, r, w))));
  }

  @ParameterizedTest(name = "vector {0}, {1}, options {2}")
  @MethodSource("softmaxCases")
  @DisplayName("softmax + cross-entropy under every combination of options equals the textbook loss, delta and example losses")
  void softmaxMatchesTheTextbook(boolean vector, Reduction reduction, int which) {
    Drawn d = draw(CE, which, 100 + which);
    assertAgrees(vector, CE, d, reduction, textbookSoftmax(d, reduction));
  }

  @ParameterizedTest(name = "vector {0}, {1}, options {2}")
  @MethodSource("sigmoidCases")
  @DisplayName("sigmoid + binary cross-entropy under every combination of options (pos_weight too) equals the textbook loss, delta and example losses")
  void sigmoidMatchesTheTextbook(boolean vector, Reduction reduction, int which) {
    Drawn d = draw(BCE, which, 200 + which);
    assertAgrees(vector, BCE, d, reduction, textbookSigmoid(d, reduction));
  }

  private static void assertAgrees(boolean vector, Pair pair, Drawn d, Reduction reduction,
      Expected expected) {
    Evaluator evaluator = Evaluator.of(new NativeBackend(vector, Long.MAX_VALUE));
    Batch delta = Batch.zeros(ROWS, COLS);
    double[] losses = new double[ROWS];
    double loss = evaluator.evaluate(pair, d.z(), d.targets(), d.options(), reduction, delta, losses);
    assertThat(loss).as("J").isCloseTo(expected.loss(), within(1e-10 * Math.max(1, Math.abs(expected.loss()))));
    for (int k = 0; k < delta.size(); k++) {
      double x = expected.delta()[k];
      assertThat(delta.array()[k]).as("δ at row %d, column %d", k / COLS, k % COLS)
          .isCloseTo(x, within(1e-12 * Math.max(1, Math.abs(x))));
    }
    for (int i = 0; i < ROWS; i++) {
      double x = expected.losses()[i];
      assertThat(losses[i]).as("ℓ_%d", i).isCloseTo(x, within(1e-10 * Math.max(1, Math.abs(x))));
    }
  }

  @Test
  @DisplayName("sigmoid + binary cross-entropy with pos_weight is stable at |z| = 30 and 1000: the true loss and delta, no cancellation")
  void posWeightAtExtremeLogits() {
    Evaluator evaluator = Evaluator.of(new NativeBackend(false, Long.MAX_VALUE));
    // ℓ = p y softplus(−z) + (1 − y) softplus(z), δ = (1 + (p − 1)y)σ(z) − p y
    Batch z = Batch.of(new double[][] {{1000, -1000, 30, -30}});
    Batch y = Batch.of(new double[][] {{0, 1, 1, 0}});
    Options options = Options.NONE.withPosWeight(2, 3, 2, 5);
    Batch delta = Batch.zeros(1, 4);
    double[] losses = new double[1];
    double loss = evaluator.evaluate(BCE, z, y, options, Reduction.SUM, delta, losses);
    // softplus(−30) = log1p(e^−30) = 9.357622968840175e-14
    double tiny = Math.log1p(Math.exp(-30));
    double expected = 1000 + 3 * 1000 + 2 * tiny + tiny;
    assertThat(loss).isCloseTo(expected, within(1e-12 * expected));
    assertThat(losses[0]).isCloseTo(expected, within(1e-12 * expected));
    // a loss of well-classified outputs only: relative accuracy where J is tiny
    Batch zSmall = Batch.of(new double[][] {{30, -30}});
    Batch ySmall = Batch.of(new double[][] {{1, 0}});
    double small = evaluator.evaluate(BCE, zSmall, ySmall, Options.NONE.withPosWeight(2, 5), Reduction.SUM, Batch.zeros(1, 2));
    assertThat(small).isCloseTo(3 * tiny, within(1e-12 * 3 * tiny));
    assertThat(delta.get(0, 0)).isEqualTo(1.0);
    assertThat(delta.get(0, 1)).isEqualTo(-3.0);
    // δ = 2σ(30) − 2 = −2(1 − σ(30)) and σ(−30) − 0
    assertThat(delta.get(0, 2)).isCloseTo(-2 / (1 + Math.exp(30)), within(1e-15));
    assertThat(delta.get(0, 3)).isCloseTo(1 / (1 + Math.exp(30)), within(1e-15));
  }

  static Stream<Arguments> differenceCases() {
    return Stream.of(Arguments.of(CE, 1 | 2 | 4 | 32), Arguments.of(CE, 1 | 4 | 8),
        Arguments.of(BCE, 1 | 2 | 4 | 8 | 16), Arguments.of(BCE, 16));
  }

  @ParameterizedTest(name = "{0}, options {1}")
  @MethodSource("differenceCases")
  @DisplayName("the delta under options equals central differences of the backend's own loss")
  void deltaIsTheGradientOfTheLoss(Pair pair, int which) {
    Drawn d = draw(pair, which, 300 + which);
    Evaluator evaluator = Evaluator.of(new NativeBackend(false, Long.MAX_VALUE));
    Batch delta = Batch.zeros(ROWS, COLS);
    Batch scratch = Batch.zeros(ROWS, COLS);
    evaluator.evaluate(pair, d.z(), d.targets(), d.options(), Reduction.MEAN, delta);
    Random random = new Random(9);
    for (int probe = 0; probe < 60; probe++) {
      int k = random.nextInt(d.z().size());
      double zk = d.z().array()[k];
      if (Double.isNaN(zk)) {
        assertThat(delta.array()[k]).isEqualTo(0.0);
        continue;
      }
      double h = 1e-5;
      Batch plus = d.z().copy();
      plus.array()[k] = zk + h;
      Batch minus = d.z().copy();
      minus.array()[k] = zk - h;
      double difference = (evaluator.evaluate(pair, plus, d.targets(), d.options(), Reduction.MEAN, scratch)
          - evaluator.evaluate(pair, minus, d.targets(), d.options(), Reduction.MEAN, scratch)) / (2 * h);
      assertThat(delta.array()[k]).as("element %d", k).isCloseTo(difference, within(1e-7));
    }
  }

  @ParameterizedTest(name = "vector {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("the fused kernels under options equal the definitions' generic path, for every reduction and both target kinds")
  void fusedEqualsGeneric(boolean vector) {
    NativeBackend backend = new NativeBackend(vector, Long.MAX_VALUE);
    for (Pair pair : new Pair[] {CE, BCE}) {
      for (int which = 1; which < 64; which++) {
        if (pair == CE && (which & 16) != 0 || pair == BCE && (which & 32) != 0) {
          continue;
        }
        Drawn d = withFiniteTargets(draw(pair, which, 400 + which));
        for (Reduction reduction : Reduction.values()) {
          double scale = reduction.scale(d.targets(), d.options());
          double[] expectedDelta = new double[ROWS * COLS];
          double[] expectedLosses = new double[ROWS];
          double expected = scale * pair.lossOfRows(d.z(), d.targets(), d.options(), 0, ROWS, scale,
              expectedDelta, expectedLosses);
          Batch delta = Batch.zeros(ROWS, COLS);
          double[] losses = new double[ROWS];
          double loss = backend.compute(pair, d.z(), d.targets(), d.options(), reduction, delta, losses);
          String context = pair + ", options " + which + ", " + reduction;
          assertThat(expected).as("generic path: %s", context).isNotNaN();
          assertThat(loss).as(context).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
          for (int k = 0; k < delta.size(); k++) {
            assertThat(delta.array()[k]).as("%s, element %d", context, k)
                .isCloseTo(expectedDelta[k], within(1e-12 * Math.max(1, Math.abs(expectedDelta[k]))));
          }
          for (int i = 0; i < ROWS; i++) {
            assertThat(losses[i]).as("%s, ℓ_%d", context, i)
                .isCloseTo(expectedLosses[i], within(1e-12 * Math.max(1, Math.abs(expectedLosses[i]))));
          }
        }
      }
    }
  }

  /**
   * The same draw with 0.5 for the NaN targets of masked-out entries: the api's generic path reads
   * them under pos_weight (its weight {@code 0·(1 + (p − 1)·NaN)} is NaN), the fused kernel never
   * does; the textbook tests above keep the NaN.
   */
  private static Drawn withFiniteTargets(Drawn d) {
    if (!(d.targets() instanceof Batch y)) {
      return d;
    }
    Batch finite = y.copy();
    for (int k = 0; k < finite.size(); k++) {
      finite.array()[k] = Double.isNaN(finite.array()[k]) ? 0.5 : finite.array()[k];
    }
    return new Drawn(finite, d.options(), d.z());
  }

  @Test
  @DisplayName("mean-by-weight with Σ W = 0 gives J = 0 and δ = +0.0 everywhere, never NaN")
  void zeroTotalWeight() {
    Evaluator evaluator = Evaluator.of(new NativeBackend(false, Long.MAX_VALUE));
    Batch z = Batch.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    double[] zeros = {0, 0};
    Batch delta = Batch.zeros(2, 3);
    Arrays.fill(delta.array(), 7);
    double[] losses = new double[2];
    assertThat(evaluator.evaluate(CE, z, Labels.of(new int[] {0, 2}),
        Options.NONE.withExampleWeights(zeros).withClassWeights(1, 1, 1).withLabelSmoothing(0.2),
        Reduction.MEAN_BY_WEIGHT, delta, losses)).isEqualTo(0.0);
    assertThat(delta.sameBits(Batch.zeros(2, 3))).as("δ is +0.0").isTrue();
    Batch y = Batch.of(new double[][] {{1, 0, 0.5}, {0, 1, 1}});
    Arrays.fill(delta.array(), 7);
    assertThat(evaluator.evaluate(BCE, z, y, Options.NONE.withExampleWeights(zeros).withPosWeight(2, 2, 2),
        Reduction.MEAN_BY_WEIGHT, delta, losses)).isEqualTo(0.0);
    assertThat(delta.sameBits(Batch.zeros(2, 3))).as("δ is +0.0").isTrue();
  }

  static Stream<Arguments> builtInPairs() {
    return Catalog.builtIns().pairs().stream()
        .flatMap(p -> Stream.of(false, true).map(v -> Arguments.of(p, v)));
  }

  @ParameterizedTest(name = "{0}, vector {1}")
  @MethodSource("builtInPairs")
  @DisplayName("every built-in pair gives the same J and δ bits with or without example losses, on one thread or many, and its example losses sum to J")
  void exampleLossesKeepTheBits(Pair pair, boolean vector) {
    int rows = 300;
    int cols = 37;
    Random random = new Random(pair.name().hashCode());
    Batch z = Batch.zeros(rows, cols);
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = 2 * random.nextGaussian();
    }
    Batch y = RandomTargets.soft(pair.loss(), rows, cols, random);
    NativeBackend one = new NativeBackend(vector, Long.MAX_VALUE);
    NativeBackend many = new NativeBackend(vector, 0);
    Batch plainDelta = Batch.zeros(rows, cols);
    double plain = one.compute(pair, z, y, Options.NONE, Reduction.MEAN, plainDelta, null);
    for (NativeBackend backend : new NativeBackend[] {one, many}) {
      Batch delta = Batch.zeros(rows, cols);
      double[] losses = new double[rows];
      double loss = backend.compute(pair, z, y, Options.NONE, Reduction.MEAN, delta, losses);
      assertThat(Double.doubleToRawLongBits(loss)).as("%s: J bits", backend)
          .isEqualTo(Double.doubleToRawLongBits(plain));
      assertThat(delta.sameBits(plainDelta)).as("%s: δ bits", backend).isTrue();
      // ℓ_i from the definitions, one row at a time
      for (int i = 0; i < rows; i++) {
        double expected = pair.lossOfRows(Arrays.copyOfRange(z.array(), i * cols, (i + 1) * cols),
            Arrays.copyOfRange(y.array(), i * cols, (i + 1) * cols), cols, 0, 1, 1.0, new double[cols]);
        assertThat(losses[i]).as("%s: ℓ_%d", backend, i)
            .isCloseTo(expected, within(1e-10 * Math.max(1, Math.abs(expected))));
      }
      double sum = Arrays.stream(losses).sum() / rows;
      assertThat(loss).isCloseTo(sum, within(1e-10 * Math.max(1, Math.abs(sum))));
    }
  }

  @ParameterizedTest(name = "vector {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("labels and options give the same bits on many row blocks in parallel as on one thread, with or without example losses")
  void parallelMatchesSequential(boolean vector) {
    NativeBackend one = new NativeBackend(vector, Long.MAX_VALUE);
    NativeBackend many = new NativeBackend(vector, 0);
    int[][] cases = {{0, 32}, {0, 32 | 8}, {1, 1 | 2 | 4 | 8 | 32}, {1, 1 | 2 | 4 | 8}, {2, 31},
        {3, 1 | 2 | 8}};
    Pair[] pairs = {CE, CE, CE, CE, BCE, Pair.of("softmax", "squared-error")};
    for (int c = 0; c < cases.length; c++) {
      Pair pair = pairs[c];
      Drawn small = draw(pair, cases[c][1], 500 + c);
      // 61 × 23 is one block: tile it to 20 blocks
      int rows = ROWS * 40;
      Batch z = Batch.zeros(rows, COLS);
      for (int t = 0; t < 40; t++) {
        System.arraycopy(small.z().array(), 0, z.array(), t * ROWS * COLS, ROWS * COLS);
      }
      Drawn d = tile(small, z, 40);
      for (double[] losses : new double[][] {null, new double[rows], new double[rows]}) {
        Batch first = Batch.zeros(rows, COLS);
        Batch second = Batch.zeros(rows, COLS);
        double a = one.compute(pair, d.z(), d.targets(), d.options(), Reduction.MEAN, first, losses);
        double[] copy = losses == null ? null : losses.clone();
        double b = many.compute(pair, d.z(), d.targets(), d.options(), Reduction.MEAN, second, losses);
        assertThat(Double.doubleToRawLongBits(b)).as("%s, case %d", pair, c).isEqualTo(Double.doubleToRawLongBits(a));
        assertThat(second.sameBits(first)).isTrue();
        if (losses != null) {
          assertThat(Arrays.equals(losses, copy)).isTrue();
        }
      }
    }
  }

  @ParameterizedTest(name = "vector {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("under options J and δ have the same bits with or without example losses, for rows that are whole vectors and rows that are not, the example losses sum to J, and both paths agree")
  void optionsKeepTheBitsWithExampleLosses(boolean vector) {
    NativeBackend backend = new NativeBackend(vector, Long.MAX_VALUE);
    NativeBackend scalar = new NativeBackend(false, Long.MAX_VALUE);
    int rows = 300;
    // 23 and 97: vectors that run from one row into the next; 24 and 1000: rows of whole vectors
    for (int cols : new int[] {23, 24, 97, 1000}) {
      Random random = new Random(cols);
      Batch z = Batch.zeros(rows, cols);
      for (int k = 0; k < z.size(); k++) {
        z.array()[k] = 2 * random.nextGaussian();
      }
      double[] perColumn = new double[cols];
      for (int j = 0; j < cols; j++) {
        perColumn[j] = 0.2 + 3 * random.nextDouble();
      }
      double[] perRow = new double[rows];
      for (int i = 0; i < rows; i++) {
        perRow[i] = 2 * random.nextDouble();
      }
      int[] classes = new int[rows];
      for (int i = 0; i < rows; i++) {
        classes[i] = random.nextInt(cols);
      }
      Batch y = RandomTargets.soft(BCE.loss(), rows, cols, random);
      Options[] optionSets = {Options.NONE.withPosWeight(perColumn),
          Options.NONE.withPosWeight(perColumn).withClassWeights(perColumn).withLabelSmoothing(0.1),
          Options.NONE.withPosWeight(perColumn).withExampleWeights(perRow),
          Options.NONE.withClassWeights(perColumn), Options.NONE.withClassWeights(perColumn).withLabelSmoothing(0.1),
          Options.NONE.withExampleWeights(perRow).withLabelSmoothing(0.2)};
      for (Options options : optionSets) {
        Pair pair = options.posWeight() != null ? BCE : CE;
        Targets targets = pair == BCE ? y : Labels.of(classes);
        String context = pair + ", " + cols + " columns, " + options;
        Batch plainDelta = Batch.zeros(rows, cols);
        double plain = backend.compute(pair, z, targets, options, Reduction.MEAN, plainDelta, null);
        Batch delta = Batch.zeros(rows, cols);
        double[] losses = new double[rows];
        double loss = backend.compute(pair, z, targets, options, Reduction.MEAN, delta, losses);
        assertThat(Double.doubleToRawLongBits(loss)).as("%s: J bits", context)
            .isEqualTo(Double.doubleToRawLongBits(plain));
        assertThat(delta.sameBits(plainDelta)).as("%s: δ bits", context).isTrue();
        double sum = Arrays.stream(losses).sum() / rows;
        assertThat(loss).as(context).isCloseTo(sum, within(1e-10 * Math.max(1, Math.abs(sum))));
        Batch scalarDelta = Batch.zeros(rows, cols);
        double expected = scalar.compute(pair, z, targets, options, Reduction.MEAN, scalarDelta, null);
        assertThat(loss).as("%s: J against the scalar path", context)
            .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
        for (int k = 0; k < delta.size(); k++) {
          double x = scalarDelta.array()[k];
          assertThat(delta.array()[k]).as("%s: δ at %d against the scalar path", context, k)
              .isCloseTo(x, within(1e-12 * Math.max(1, Math.abs(x))));
        }
      }
    }
  }

  /** {@code small}'s targets and options repeated {@code times} over the rows of {@code z}. */
  private static Drawn tile(Drawn small, Batch z, int times) {
    Options o = small.options();
    Options tiled = Options.NONE;
    if (o.classWeights() != null) {
      tiled = tiled.withClassWeights(o.classWeights());
    }
    if (o.posWeight() != null) {
      tiled = tiled.withPosWeight(o.posWeight());
    }
    if (o.labelSmoothing() != 0) {
      tiled = tiled.withLabelSmoothing(o.labelSmoothing());
    }
    if (o.exampleWeights() != null) {
      tiled = tiled.withExampleWeights(repeat(o.exampleWeights(), times));
    }
    if (o.mask() != null) {
      tiled = tiled.withMask(Batch.wrap(repeat(o.mask().array(), times), ROWS * times, COLS));
    }
    Targets targets;
    if (small.targets() instanceof Labels l) {
      int[] classes = new int[ROWS * times];
      for (int t = 0; t < times; t++) {
        System.arraycopy(l.array(), 0, classes, t * ROWS, ROWS);
      }
      targets = l.ignoreIndex().isPresent() ? Labels.of(classes, l.ignoreIndex().getAsInt()) : Labels.of(classes);
    } else {
      targets = Batch.wrap(repeat(((Batch) small.targets()).array(), times), ROWS * times, COLS);
    }
    return new Drawn(targets, tiled, z);
  }

  private static double[] repeat(double[] values, int times) {
    double[] out = new double[values.length * times];
    for (int t = 0; t < times; t++) {
      System.arraycopy(values, 0, out, t * values.length, values.length);
    }
    return out;
  }
}

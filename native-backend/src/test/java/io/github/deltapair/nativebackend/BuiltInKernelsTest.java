package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Catalog;
import io.github.deltapair.Interval;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Validation;
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
 * The kernels chosen for the built-in pairs: they claim to check inputs, they do so exactly where
 * {@link Validation} rejects, and they agree with the pair's generic definition ({@link
 * Pair#lossOfRows}).
 */
@DisplayName("The built-in pairs' kernels")
class BuiltInKernelsTest {

  static Stream<Arguments> pairsAndPaths() {
    return Pair.all().stream().flatMap(p -> Stream.of(false, true).map(v -> Arguments.of(p, v)));
  }

  @Test
  @DisplayName("every built-in pair, parameterised ones included, is supported and checks its inputs inline")
  void builtInsCheckInputs() {
    NativeBackend backend = new NativeBackend();
    List<Pair> pairs = new ArrayList<>(Pair.all());
    for (Activation f : Catalog.discovered().activations()) {
      pairs.add(Pair.of(f, Loss.huber(0.5)));
    }
    pairs.add(Pair.of(Activation.SIGMOID, Loss.focal(1.0, 0.25)));
    pairs.add(Pair.of(Activation.SIGMOID, Loss.focal(0.0)));
    assertThat(Pair.all()).hasSize(32);
    for (Pair pair : pairs) {
      assertThat(backend.supports(pair)).as(pair.name()).isTrue();
      assertThat(backend.checksInputs(pair)).as(pair.name()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}, vector kernels {1}")
  @MethodSource("pairsAndPaths")
  @DisplayName("agree with the pair's own definition computed generically (Pair.lossOfRows)")
  void agreeWithTheDefinitions(Pair pair, boolean vector) {
    int rows = 5;
    int cols = 37;
    Random random = new Random(pair.name().hashCode());
    Batch z = Batch.zeros(rows, cols);
    double bound = pair.isCanonical() || pair.logitsForm().isPresent() ? 8 : 3;
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = bound * (2 * random.nextDouble() - 1);
    }
    Batch y = RandomTargets.soft(pair.loss(), rows, cols, random);
    Validation.checkInputs(pair, z, y);
    Batch delta = Batch.zeros(rows, cols);
    double loss = new NativeBackend(vector, Long.MAX_VALUE).compute(pair, z, y, Reduction.MEAN, delta);
    double[] expectedDelta = new double[z.size()];
    double expected =
        pair.lossOfRows(z.array(), y.array(), cols, 0, rows, 1.0 / rows, expectedDelta) / rows;

    assertThat(loss).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12 * Math.max(1, Math.abs(expected))));
    for (int k = 0; k < z.size(); k++) {
      assertThat(delta.array()[k]).as("element %d", k).isCloseTo(expectedDelta[k],
          org.assertj.core.api.Assertions.within(1e-12 * Math.max(1, Math.abs(expectedDelta[k]))));
    }
  }

  /** Values that break, or sit at the edge of, some rule for some pair. */
  private static final double[] LOGITS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      710, 709.7, 800, -800, 40, -40, 1e200, -1e200};

  private static double[] targets(Loss loss) {
    Interval d = loss.targetDomain();
    List<Double> values = new ArrayList<>(List.of(Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1.5, -0.5, 0.5, 1e300));
    if (Double.isFinite(d.lower())) {
      values.add(d.lower());
      values.add(Math.nextDown(d.lower()));
    }
    if (Double.isFinite(d.upper())) {
      values.add(d.upper());
      values.add(Math.nextUp(d.upper()));
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @ParameterizedTest(name = "{0}, vector kernels {1}")
  @MethodSource("pairsAndPaths")
  @DisplayName("return a non-finite loss for every input Validation rejects, and a finite one wherever the definition is finite")
  void inlineChecksMatchValidation(Pair pair, boolean vector) {
    NativeBackend backend = new NativeBackend(vector, Long.MAX_VALUE);
    int rows = 3;
    int cols = 40;
    Batch z = Batch.zeros(rows, cols);
    Batch y = Batch.zeros(rows, cols);
    Random random = new Random(5);
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = 4 * random.nextDouble() - 2;
    }
    // row 0 one-hot, rows 1 and 2 uniform: in every built-in loss's domain, on the simplex
    y.set(0, 3, 1.0);
    for (int j = 0; j < cols; j++) {
      y.set(1, j, 1.0 / cols);
      y.set(2, j, 1.0 / cols);
    }
    Validation.checkInputs(pair, z, y);
    int[] positions = {0, cols + 17, rows * cols - 1};
    int rejected = 0;
    for (int k : positions) {
      for (double v : LOGITS) {
        Batch bad = z.copy();
        bad.array()[k] = v;
        rejected += check(backend, pair, bad, y, "z[" + k + "] = " + v);
      }
      for (double v : targets(pair.loss())) {
        Batch bad = y.copy();
        bad.array()[k] = v;
        rejected += check(backend, pair, z, bad, "y[" + k + "] = " + v);
      }
    }
    assertThat(rejected).as("inputs Validation rejected").isPositive();
  }

  /** 1 if Validation rejects the input (and the kernel then returned a non-finite loss), else 0. */
  private static int check(NativeBackend backend, Pair pair, Batch z, Batch y, String what) {
    boolean valid;
    try {
      Validation.checkInputs(pair, z, y);
      valid = true;
    } catch (IllegalArgumentException e) {
      valid = false;
    }
    Batch delta = Batch.zeros(z.rows(), z.cols());
    double loss = backend.compute(pair, z, y, Reduction.SUM, delta);
    if (!valid) {
      assertThat(loss).as("%s: %s, which Validation rejects", pair, what).isNaN();
      return 1;
    }
    double[] reference = new double[z.size()];
    double expected = pair.lossOfRows(z.array(), y.array(), z.cols(), 0, z.rows(), 1.0, reference);
    boolean definitionFinite = Double.isFinite(expected);
    for (double d : reference) {
      definitionFinite &= Double.isFinite(d);
    }
    if (definitionFinite) {
      assertThat(loss).as("%s: %s, valid and finite by the definition", pair, what).isFinite();
      for (double d : delta.array()) {
        assertThat(d).as("%s: %s, delta", pair, what).isFinite();
      }
    }
    return 0;
  }
}

package io.github.deltapair.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.LossOption;
import io.github.deltapair.LossResult;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Validation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The float32 side of the reference: rounded inputs, extremes, bad inputs, tolerances, the oracle and backend on float32 batches. */
class Float32InputsTest {

  private static final Pair SOFTMAX_CE = Pair.canonical(Loss.CROSS_ENTROPY);

  static Stream<Arguments> simplexShapes() {
    return Stream.of(Shape.of(1, 2), Shape.of(7, 3), Shape.of(64, 10), Shape.of(16, 1000))
        .flatMap(s -> Stream.of(TargetKind.values()).map(k -> Arguments.of(s, k)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("simplexShapes")
  @DisplayName("Rounded to float32, rows on the simplex sum to exactly 1 (an exact decimal sum), stay ≥ 0 and within n float32 spacings of the float64 values")
  void simplexRowsStayOnTheSimplex(Shape shape, TargetKind kind) {
    Batch y = Inputs.seeded("simplex " + shape + kind).targets(Loss.CROSS_ENTROPY, kind, shape);
    Batch rounded = Inputs.toFloat32(y);
    assertThat(rounded.precision()).isEqualTo(Precision.FLOAT32);
    int n = shape.cols();
    for (int i = 0; i < shape.rows(); i++) {
      BigDecimal sum = BigDecimal.ZERO;
      double largest = 0.0;
      for (int j = 0; j < n; j++) {
        sum = sum.add(new BigDecimal(rounded.get(i, j)));
        largest = Math.max(largest, y.get(i, j));
      }
      assertThat(sum.compareTo(BigDecimal.ONE)).as("row %d sums to %s", i, sum).isZero();
      for (int j = 0; j < n; j++) {
        assertThat(rounded.get(i, j)).isGreaterThanOrEqualTo(0.0)
            .isCloseTo(y.get(i, j), within(n * 2.0 * (double) Math.ulp((float) largest)));
      }
    }
    assertThatNoException().isThrownBy(() -> Validation.checkInputs(SOFTMAX_CE, Inputs.filled(shape, 0.0).toFloat32(), rounded));
  }

  @Test
  @DisplayName("Rows off the simplex, and rows holding NaN, are rounded entry by entry to the nearest float")
  void otherRowsRoundToNearest() {
    Batch y = Batch.of(new double[][] {{0.1, 0.2, 0.3}, {Double.NaN, 0.25, 0.75}, {1.0 / 3, 1.0 / 3, 1.0 / 3}});
    Batch rounded = Inputs.toFloat32(y);
    for (int k = 0; k < 6; k++) {
      assertThat(Double.doubleToLongBits(rounded.at(k))).isEqualTo(Double.doubleToLongBits((float) y.at(k)));
    }
    // (float)(1/3) three times sums to 1 + 3e-8: this row is moved back onto the simplex
    assertThat((double) (float) (1.0 / 3) * 3).isNotEqualTo(1.0);
    assertThat(rounded.get(2, 0) + rounded.get(2, 1) + rounded.get(2, 2)).isEqualTo(1.0);
  }

  @Test
  @DisplayName("A sample in float32 is its float64 sample rounded; in float64 again it is the exact widening; in its own precision it is itself")
  void samplesChangePrecision() {
    Sample drawn = Sample.draw("precision", SOFTMAX_CE, Shape.of(5, 4), TargetKind.SOFT, 8.0);
    Sample narrow = drawn.in(Precision.FLOAT32);
    assertThat(narrow.precision()).isEqualTo(Precision.FLOAT32);
    assertThat(narrow.y().precision()).isEqualTo(Precision.FLOAT32);
    for (int k = 0; k < 20; k++) {
      assertThat(narrow.z().at(k)).isEqualTo((double) (float) drawn.z().at(k));
    }
    assertThat(drawn.in(Precision.FLOAT64)).isSameAs(drawn);
    assertThat(narrow.in(Precision.FLOAT32)).isSameAs(narrow);
    assertThat(narrow.in(Precision.FLOAT64).z().sameBits(narrow.z().toFloat64())).isTrue();
    OptionSample options = OptionSample.draw("precision", SOFTMAX_CE, Shape.of(6, 3), 8.0,
        Set.of(LossOption.LABELS, LossOption.IGNORE_INDEX)).in(Precision.FLOAT32);
    assertThat(options.z().precision()).isEqualTo(Precision.FLOAT32);
    assertThat(options.targets()).isInstanceOf(Labels.class);
    assertThat(LabelSample.draw("precision", SOFTMAX_CE, Shape.of(3, 3), 2.0, false, null).in(Precision.FLOAT32)
        .z().precision()).isEqualTo(Precision.FLOAT32);
  }

  @Test
  @DisplayName("Extremes in float32: exp goes to 80 (e^z overflows float32 above 88.72) and drops ±100's +100, sigmoid, softmax and tanh keep ±1000; float64 is unchanged")
  void float32Extremes() {
    assertThat(ExtremeSamples.far(Activation.EXP, Precision.FLOAT32)).isEqualTo(80.0);
    assertThat(ExtremeSamples.far(Activation.EXP)).isEqualTo(700.0);
    assertThat(ExtremeSamples.logits(Activation.EXP, Precision.FLOAT32))
        .containsExactly(0.0, 17.0, -17.0, 30.0, -30.0, -100.0, 80.0, -80.0);
    assertThat(ExtremeSamples.logits(Activation.EXP))
        .containsExactly(0.0, 17.0, -17.0, 30.0, -30.0, 100.0, -100.0, 700.0, -700.0);
    for (Activation f : List.of(Activation.SIGMOID, Activation.SOFTMAX, Activation.TANH)) {
      assertThat(ExtremeSamples.logits(f, Precision.FLOAT32)).contains(1000.0, -1000.0);
    }
    Pair poisson = Pair.canonical(Loss.POISSON);
    Pair expSquared = Pair.of(Activation.EXP, Loss.SQUARED_ERROR);
    // e^80 ≈ 5.5e34 fits float32; exp + squared-error's delta (a − y)·a ≈ 3e69 does not
    assertThat(ExtremeSamples.valid(poisson, ExtremeSamples.c2(poisson, 80.0, TargetKind.SOFT).in(Precision.FLOAT32))).isTrue();
    Sample far = ExtremeSamples.c3(expSquared, 80.0, TargetKind.SOFT).toList().get(1);
    assertThat(ExtremeSamples.valid(expSquared, far)).isTrue();
    assertThat(ExtremeSamples.valid(expSquared, far.in(Precision.FLOAT32))).isFalse();
    assertThat(ExtremeSamples.valid(poisson, ExtremeSamples.c2(poisson, 100.0, TargetKind.SOFT).in(Precision.FLOAT32))).isFalse();
  }

  @Test
  @DisplayName("The float32 tolerances are the contract's §2c: 1e-6 relative on delta and loss")
  void float32Tolerances() {
    assertThat(Tolerances.defaults(Precision.FLOAT64)).isSameAs(Tolerances.DEFAULTS);
    assertThat(Tolerances.defaults(Precision.FLOAT32)).isSameAs(Tolerances.FLOAT32);
    assertThat(Tolerances.FLOAT32.deltaBound(0.5)).isEqualTo(1e-6);
    assertThat(Tolerances.FLOAT32.lossBound(2e6)).isEqualTo(2.0);
  }

  @Test
  @DisplayName("The oracle reads a float32 batch as its exact float64 widening, bit for bit, dense, with labels and with options")
  void oracleWidens() {
    Sample narrow = Sample.draw("oracle", SOFTMAX_CE, Shape.of(6, 4), TargetKind.SOFT, 8.0).in(Precision.FLOAT32);
    Batch z = narrow.z().toFloat64();
    Batch y = narrow.y().toFloat64();
    assertThat(ReferenceOracle.loss(SOFTMAX_CE, narrow.z(), narrow.y(), Reduction.MEAN))
        .isEqualTo(ReferenceOracle.loss(SOFTMAX_CE, z, y, Reduction.MEAN));
    assertThat(ReferenceOracle.delta(SOFTMAX_CE, narrow.z(), narrow.y(), Reduction.SUM)
        .sameBits(ReferenceOracle.delta(SOFTMAX_CE, z, y, Reduction.SUM))).isTrue();
    assertThat(ReferenceOracle.activate(Activation.SOFTMAX, narrow.z()).sameBits(ReferenceOracle.activate(Activation.SOFTMAX, z))).isTrue();
    Labels labels = Labels.of(new int[] {0, 1, 2, 3, 0, 1});
    assertThat(ReferenceOracle.delta(SOFTMAX_CE, narrow.z(), labels, Reduction.MEAN)
        .sameBits(ReferenceOracle.delta(SOFTMAX_CE, z, labels, Reduction.MEAN))).isTrue();
    Options options = Options.NONE.withClassWeights(1, 2, 0, 0.5).withLabelSmoothing(0.1);
    assertThat(ReferenceOracle.exampleLosses(SOFTMAX_CE, narrow.z(), narrow.y(), options))
        .containsExactly(ReferenceOracle.exampleLosses(SOFTMAX_CE, z, y, options));
    assertThat(ReferenceOracle.delta(SOFTMAX_CE, narrow.z(), narrow.y(), options, Reduction.MEAN_BY_WEIGHT)
        .sameBits(ReferenceOracle.delta(SOFTMAX_CE, z, y, options, Reduction.MEAN_BY_WEIGHT))).isTrue();
  }

  static Stream<Pair> somePairs() {
    return Stream.of(SOFTMAX_CE, Pair.canonical(Loss.BINARY_CROSS_ENTROPY), Pair.of(Activation.SIGMOID, Loss.SQUARED_ERROR),
        Pair.of(Activation.SOFTPLUS, Loss.POISSON));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("somePairs")
  @DisplayName("The reference backend computes float32 batches itself: the loss is the oracle's on the widened inputs, the delta that rounded to float32, with and without options")
  void referenceBackendTakesFloat32(Pair pair) {
    ReferenceBackend backend = new ReferenceBackend();
    assertThat(backend.computesFloat32(pair, Batch.zeros(1, 1), Options.NONE)).isTrue();
    Evaluator evaluator = Evaluator.of(backend);
    Sample plain = Sample.draw("backend " + pair, pair, Shape.of(9, 4), TargetKind.SOFT, 3.0).in(Precision.FLOAT32);
    OptionSample optioned = OptionSample.draw("backend " + pair, pair, Shape.of(9, 4), 3.0,
        OptionSample.widestFor(pair.loss())).in(Precision.FLOAT32);
    for (OptionSample sample : List.of(new OptionSample("plain", plain.z(), plain.y(), Options.NONE), optioned)) {
      Options options = sample.options();
      for (Reduction reduction : Reduction.values()) {
        LossResult result = evaluator.evaluate(pair, sample.z(), sample.targets(), options, reduction);
        assertThat(result.delta().precision()).isEqualTo(Precision.FLOAT32);
        assertThat(result.loss()).isCloseTo(ReferenceOracle.loss(pair, sample.z(), sample.targets(), options, reduction),
            within(1e-12 * Math.max(1.0, Math.abs(result.loss()))));
        Batch expected = ReferenceOracle.delta(pair, sample.z(), sample.targets(), options, reduction);
        for (int k = 0; k < expected.size(); k++) {
          if (Double.isNaN(sample.z().at(k))) {
            // a masked-out entry: not computed, δ = 0
            assertThat(result.delta().at(k)).isZero();
            continue;
          }
          double want = (float) expected.at(k);
          assertThat(result.delta().at(k)).as("delta %d, %s, %s", k, options, reduction)
              .isCloseTo(want, within(2.0 * Math.ulp((double) (float) want)));
        }
        assertThat(result.exampleLosses()).hasSize(9);
      }
    }
  }

  @Test
  @DisplayName("The float32 catalog keeps the float64 cases rounding leaves broken, drops those it mends (a target of −1e-300 rounds to 0), and adds float32's own rules")
  void float32Catalog() {
    List<BadInput> catalog = BadInputs.float32();
    assertThat(catalog).allSatisfy(bad -> assertThat(bad.z().precision() == Precision.FLOAT32
        || bad.y().precision() == Precision.FLOAT32).isTrue());
    List<String> rules = catalog.stream().map(BadInput::rule).toList();
    assertThat(rules).contains("a logit is NaN, in float32", "exp(710) overflows, in float32",
        "target row 2 sums to 0.9, in float32", "exp(89) overflows float32",
        "the delta z − y = 6e38 overflows float32", "y is float64 but z is float32");
    assertThat(rules).doesNotContain("a target is −1e-300, below 0, in float32", "a target is just below 0, in float32",
        "a target is 1 + 1e-12, in float32", "target row 2 sums to 1 + 1e-7, in float32");
    // what is dropped really is mended by rounding, or at least no longer the same break
    assertThat((float) -1e-300).isEqualTo(-0.0f);
    assertThat((float) (1.0 + 1e-12)).isEqualTo(1.0f);
    assertThat(catalog.stream().filter(bad -> bad.mentions().equals("float32")).count()).isEqualTo(9);
  }

  @Test
  @DisplayName("Every float32 bad input is rejected by the evaluator with an IllegalArgumentException naming its argument, and float32 where it must")
  void float32BadInputsAreRejected() {
    Evaluator evaluator = Evaluator.of(new ReferenceBackend());
    for (BadInput bad : BadInputs.float32()) {
      Throwable thrown = catchThrowable(() -> evaluator.evaluate(bad.pair(), bad.z(), bad.y(), Reduction.SUM));
      assertThat(thrown).as("%s", bad).isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("%s", bad).contains(bad.argument()).contains(bad.mentions());
      if (bad.row() != BadInput.NONE) {
        assertThat(thrown.getMessage()).as("%s", bad).contains("row " + bad.row());
      }
    }
    for (BadOption bad : BadInputs.options()) {
      BadOption narrow = bad.inFloat32();
      assertThat(narrow.z().precision()).isEqualTo(Precision.FLOAT32);
      assertThat(catchThrowable(() -> evaluator.evaluate(narrow.pair(), narrow.z(), narrow.targets(), narrow.options(),
          Reduction.SUM))).as("%s", narrow).isInstanceOf(IllegalArgumentException.class);
    }
  }
}

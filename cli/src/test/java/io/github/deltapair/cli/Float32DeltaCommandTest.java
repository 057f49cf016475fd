package io.github.deltapair.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.LossResult;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.reference.ReferenceOracle;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code deltapair delta} with {@code "dtype": "float32"} (docs/contract.md §2c, §7). The oracle is
 * the float64 {@link ReferenceOracle} on the float32-rounded inputs widened back, within
 * {@code 1e-6·max(1, |ref|)}; numbers are read back as exact decimals to check that they are the
 * shortest form of the backend's own float32 (delta, a) or float64 (losses) values.
 */
@DisplayName("deltapair delta with \"dtype\": \"float32\"")
class Float32DeltaCommandTest {

  /** docs/contract.md §2c. */
  private static final double FLOAT32_TOLERANCE = 1e-6;

  /** Numbers as exact decimals, the text's value unchanged. */
  private final ObjectMapper exact =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /**
   * One case: its JSON, and the same inputs as api objects (float64, to be rounded here).
   *
   * @param labels class indices instead of y, or null
   */
  private record Case(String activation, String loss, Reduction reduction, double[][] z,
      double[][] y, int[] labels, Integer ignoreIndex, Options options, String optionsJson) {

    Pair pair() {
      return Pair.of(activation, loss);
    }

    String json() {
      return "{\"activation\": \"" + activation + "\", \"loss\": \"" + loss + "\", \"reduction\": \""
          + reduction.id() + "\", \"dtype\": \"float32\", \"z\": " + Arrays.deepToString(z)
          + (labels != null ? ", \"labels\": " + Arrays.toString(labels)
              : ", \"y\": " + Arrays.deepToString(y))
          + (ignoreIndex != null ? ", \"ignore_index\": " + ignoreIndex : "")
          + (optionsJson.isEmpty() ? "" : ", " + optionsJson) + "}";
    }

    /** z rounded to float32. */
    Batch z32() {
      return Batch.of(z).toFloat32();
    }

    /** The targets as the command builds them: y rounded to float32, or the labels. */
    Targets targets32() {
      if (labels != null) {
        return ignoreIndex == null ? Labels.of(labels) : Labels.of(labels, ignoreIndex);
      }
      return Batch.of(y).toFloat32();
    }
  }

  private static Case plain(String activation, String loss, Reduction reduction, double[][] z,
      double[][] y) {
    return new Case(activation, loss, reduction, z, y, null, null, Options.NONE, "");
  }

  /**
   * Canonical and chain-rule pairs, every reduction, |z| = 1000 for sigmoid, softmax and tanh, exp
   * up to 80, options; soft cross-entropy rows are dyadic so that float32 holds them exactly.
   */
  private static List<Case> cases() {
    double[][] mask = {{1, 0, 1}, {1, 1, 0}};
    double[][] softmaxMask = {{1, 1, 1}, {0, 0, 0}, {1, 1, 1}};
    return List.of(
        plain("sigmoid", "binary-cross-entropy", Reduction.SUM,
            new double[][] {{0.1, -2.3, 1000, -1000}, {17.5, 0.7, -30, 3.3}},
            new double[][] {{1, 0.1, 0, 1}, {0.3, 1, 0, 0.5}}),
        plain("softmax", "cross-entropy", Reduction.MEAN,
            new double[][] {{1000, 0, -1000}, {0.3, 0.2, 0.1}, {-17.25, 3.1, 2.9}},
            new double[][] {{0.25, 0.25, 0.5}, {0, 1, 0}, {0.125, 0.375, 0.5}}),
        plain("tanh", "bipolar-cross-entropy", Reduction.SUM,
            new double[][] {{1000, -1000, 0.3}}, new double[][] {{-1, 0.2, 1}}),
        plain("exp", "poisson", Reduction.NONE,
            new double[][] {{80, -3.7, 0.01}}, new double[][] {{2, 0, 5}}),
        plain("sigmoid", "squared-error", Reduction.MEAN,
            new double[][] {{0.1, -2.3}, {1.7, 0.45}}, new double[][] {{0.3, 1}, {0, 0.9}}),
        plain("softmax", "binary-cross-entropy", Reduction.SUM,
            new double[][] {{0.5, -1.5, 2.25}}, new double[][] {{0.1, 0.2, 0.7}}),
        // JDK 17's Float.toString writes these 3.3554448E7 and 7.4505806E-9, one digit too many
        plain("identity", "squared-error", Reduction.SUM,
            new double[][] {{3.3554448E7, 7.4505806E-9}}, new double[][] {{0, 0}}),
        plain("identity", "huber(delta=0.5)", Reduction.MEAN_BY_WEIGHT,
            new double[][] {{2.1, 0.3}, {-0.7, 0.05}}, new double[][] {{0.1, 0}, {0.2, 0.3}}),
        new Case("sigmoid", "binary-cross-entropy", Reduction.MEAN_BY_WEIGHT,
            new double[][] {{0.1, -2.3, 5.5}, {1.2, 0.7, -0.4}},
            new double[][] {{1, 0.1, 0}, {0.3, 1, 0.6}}, null, null,
            Options.NONE.withPosWeight(2, 0.5, 1.5).withClassWeights(1, 3, 0.25)
                .withExampleWeights(0.5, 2).withMask(Batch.of(mask)).withLabelSmoothing(0.1),
            "\"pos_weight\": [2, 0.5, 1.5], \"class_weights\": [1, 3, 0.25],"
                + " \"example_weights\": [0.5, 2], \"mask\": " + Arrays.deepToString(mask)
                + ", \"label_smoothing\": 0.1"),
        new Case("softmax", "cross-entropy", Reduction.MEAN_BY_WEIGHT,
            new double[][] {{1.1, 2.2, 0.3}, {0.4, -0.5, 0.6}, {-3.3, 0.7, 1000}}, null,
            new int[] {2, -100, 0}, -100,
            Options.NONE.withClassWeights(1, 2, 0.5).withLabelSmoothing(0.2),
            "\"class_weights\": [1, 2, 0.5], \"label_smoothing\": 0.2"),
        new Case("softmax", "kl-divergence", Reduction.SUM,
            new double[][] {{0.1, 0.2, 0.3}, {9, 9, 9}, {-1.5, 2.5, 0}},
            new double[][] {{0.5, 0.5, 0}, {0.25, 0.5, 0.25}, {1, 0, 0}}, null, null,
            Options.NONE.withMask(Batch.of(softmaxMask)),
            "\"mask\": " + Arrays.deepToString(softmaxMask)));
  }

  private JsonNode run(List<Case> cases, String backend) throws Exception {
    String input = cases.stream().map(Case::json)
        .collect(Collectors.joining(", ", "{\"cases\": [", "]}"));
    CliRun run = CliRun.withInput(input, "delta", "--backend", backend);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    return exact.readTree(run.out()).get("results");
  }

  private static void assertWithin(BigDecimal actual, double expected, String what) {
    double error = Math.abs(actual.doubleValue() - expected) / Math.max(1, Math.abs(expected));
    assertThat(error).as("%s: %s vs the oracle's %s", what, actual, expected)
        .isLessThanOrEqualTo(FLOAT32_TOLERANCE);
  }

  @ParameterizedTest(name = "--backend {0}")
  @ValueSource(strings = {"native", "dl4j"})
  @DisplayName("δ, J, ℓ_i and a agree with the float64 oracle on the float32-rounded inputs within 1e-6·max(1, |ref|)")
  void agreesWithTheOracle(String backend) throws Exception {
    List<Case> cases = cases();
    JsonNode results = run(cases, backend);
    assertThat(results).hasSize(cases.size());
    for (int c = 0; c < cases.size(); c++) {
      Case k = cases.get(c);
      JsonNode result = results.get(c);
      String name = k.pair().name() + " " + k.reduction().id();
      assertThat(result.path("error").asText()).as(name).isEmpty();
      assertThat(result.get("dtype").asText()).isEqualTo("float32");
      // the oracle on the inputs as float32 holds them, widened exactly
      Batch z = k.z32().toFloat64();
      Targets y = k.targets32() instanceof Batch dense ? dense.toFloat64() : k.targets32();
      Batch delta = ReferenceOracle.delta(k.pair(), z, y, k.options(), k.reduction());
      double[] losses = ReferenceOracle.exampleLosses(k.pair(), z, y, k.options());
      assertWithin(result.get("loss_value").decimalValue(),
          ReferenceOracle.loss(k.pair(), z, y, k.options(), k.reduction()), name + " J");
      Batch a = ReferenceOracle.activate(k.pair().activation(), z);
      for (int i = 0; i < z.rows(); i++) {
        assertWithin(result.get("example_losses").get(i).decimalValue(), losses[i], name + " ℓ_" + i);
        for (int j = 0; j < z.cols(); j++) {
          String at = name + " [" + i + "][" + j + "]";
          assertWithin(result.get("delta").get(i).get(j).decimalValue(), delta.get(i, j), at + " δ");
        }
      }
      // with options, entries left out have a = 0: the activations are checked without them
      for (int i = 0; i < z.rows() && k.options().isNone() && k.labels() == null; i++) {
        for (int j = 0; j < z.cols(); j++) {
          assertWithin(result.get("a").get(i).get(j).decimalValue(), a.get(i, j),
              name + " a[" + i + "][" + j + "]");
        }
      }
    }
  }

  @Test
  @DisplayName("δ and a are the backend's float32 values in their shortest form, J and ℓ_i its doubles in theirs")
  void shortestForms() throws Exception {
    List<Case> cases = cases();
    JsonNode results = run(cases, "native");
    var evaluator = Backends.evaluator("native");
    int floats = 0;
    for (int c = 0; c < cases.size(); c++) {
      Case k = cases.get(c);
      LossResult expected =
          evaluator.evaluate(k.pair(), k.z32(), k.targets32(), k.options(), k.reduction());
      JsonNode result = results.get(c);
      for (int i = 0; i < k.z().length; i++) {
        for (int j = 0; j < k.z()[0].length; j++) {
          assertShortestFloat(result.get("delta").get(i).get(j).decimalValue(),
              expected.delta().floatArray()[i * k.z()[0].length + j]);
          assertShortestFloat(result.get("a").get(i).get(j).decimalValue(),
              expected.activations().floatArray()[i * k.z()[0].length + j]);
          floats += 2;
        }
        assertShortestDouble(result.get("example_losses").get(i).decimalValue(),
            expected.exampleLosses()[i]);
      }
      assertShortestDouble(result.get("loss_value").decimalValue(), expected.loss());
    }
    assertThat(floats).isGreaterThan(50);
  }

  /** {@code text} reads back to exactly {@code value}, and no decimal with fewer digits does. */
  private static void assertShortestFloat(BigDecimal text, float value) {
    assertThat(Float.floatToIntBits(text.floatValue())).as("%s reads back to %s", text, value)
        .isEqualTo(Float.floatToIntBits(value));
    for (BigDecimal shorter : shorter(text, new BigDecimal(value))) {
      assertThat(shorter.floatValue()).as("%s is shorter than %s", shorter, text).isNotEqualTo(value);
    }
  }

  private static void assertShortestDouble(BigDecimal text, double value) {
    assertThat(Double.doubleToLongBits(text.doubleValue())).as("%s reads back to %s", text, value)
        .isEqualTo(Double.doubleToLongBits(value));
    for (BigDecimal shorter : shorter(text, new BigDecimal(value))) {
      assertThat(shorter.doubleValue()).as("%s is shorter than %s", shorter, text).isNotEqualTo(value);
    }
  }

  /**
   * The two decimals of one digit fewer than {@code text} nearest {@code exact} (below and above):
   * if any shorter decimal reads back to the same value, one of these does.
   */
  private static List<BigDecimal> shorter(BigDecimal text, BigDecimal exact) {
    int digits = text.stripTrailingZeros().precision();
    if (digits <= 1 || exact.signum() == 0) {
      return List.of();
    }
    return List.of(exact.round(new MathContext(digits - 1, RoundingMode.FLOOR)),
        exact.round(new MathContext(digits - 1, RoundingMode.CEILING)));
  }

  @Test
  @DisplayName("0.1 in float32 is written 0.1 (not 0.10000000149011612), the loss ½·0.1f² as a double; float64 cases echo \"dtype\": \"float64\"")
  void floatText() {
    String input = "{\"cases\": ["
        + "{\"activation\": \"identity\", \"loss\": \"squared-error\", \"dtype\": \"float32\","
        + " \"z\": [[0.1]], \"y\": [[0]]},"
        + "{\"activation\": \"identity\", \"loss\": \"squared-error\", \"z\": [[0.1]], \"y\": [[0]]}]}";
    CliRun run = CliRun.withInput(input, "delta", "--compact");

    assertThat(run.exitCode()).as(run.err()).isZero();
    double wide = (double) 0.1f;
    assertThat(run.out()).contains("\"reduction\":\"sum\",\"dtype\":\"float32\",\"contract\":\"canonical\","
        + "\"loss_value\":" + 0.5 * wide * wide + ",\"a\":[[0.1]],\"delta\":[[0.1]]");
    assertThat(run.out()).contains("\"dtype\":\"float64\",\"contract\":\"canonical\","
        + "\"loss_value\":" + 0.5 * 0.1 * 0.1 + ",\"a\":[[0.1]],\"delta\":[[0.1]]");
  }

  @Test
  @DisplayName("a dtype other than float64 or float32 is an error naming the field and both; float32 errors name float32")
  void errors() throws Exception {
    String input = "{\"cases\": ["
        + "{\"activation\": \"exp\", \"loss\": \"poisson\", \"dtype\": \"float16\", \"z\": [[1]], \"y\": [[1]]},"
        + "{\"activation\": \"exp\", \"loss\": \"poisson\", \"dtype\": 32, \"z\": [[1]], \"y\": [[1]]},"
        + "{\"activation\": \"exp\", \"loss\": \"poisson\", \"dtype\": \"float32\", \"z\": [[1, 89]], \"y\": [[1, 1]]},"
        + "{\"activation\": \"exp\", \"loss\": \"poisson\", \"z\": [[1, 89]], \"y\": [[1, 1]]},"
        + "{\"activation\": \"identity\", \"loss\": \"squared-error\", \"dtype\": \"float32\", \"z\": [[0.5], [1e39]], \"y\": [[0], [0]]},"
        + "{\"activation\": \"sigmoid\", \"loss\": \"binary-cross-entropy\", \"dtype\": \"float32\", \"z\": [[0.5]], \"y\": [[0]], \"mask\": [[-1e40]]}"
        + "]}";
    CliRun run = CliRun.withInput(input, "delta");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    JsonNode results = exact.readTree(run.out()).get("results");
    assertThat(results.get(0).get("error").asText()).isEqualTo(
        "field \"dtype\" is \"float16\": it must be \"float64\" (the default) or \"float32\"");
    assertThat(results.get(1).get("error").asText()).startsWith("field \"dtype\" is 32:");
    // exp(89) overflows float32 (above log(Float.MAX_VALUE) ≈ 88.72), not float64
    assertThat(results.get(2).get("error").asText())
        .contains("row 0, column 1").contains("float32").contains("88.72");
    assertThat(results.get(3).get("loss_value").doubleValue())
        .isEqualTo(Math.exp(1) - 1 + Math.exp(89) - 89);
    assertThat(results.get(4).get("error").asText()).isEqualTo("field \"z\" has 1.0E39 at row 1,"
        + " column 0: it overflows a float32 (largest 3.4028235E38) and the case's dtype is float32");
    assertThat(results.get(5).get("error").asText()).startsWith("field \"mask\" has -1.0E40 at row 0");
  }

  @Test
  @DisplayName("float32 activations of the sigmoid at ±1000 are exactly 1 and 0, and δ = a − y stays exact")
  void extremeLogits() throws Exception {
    String input = "{\"cases\": [{\"activation\": \"sigmoid\", \"loss\": \"binary-cross-entropy\","
        + " \"dtype\": \"float32\", \"z\": [[1000, -1000]], \"y\": [[0, 0]]}]}";
    JsonNode result = exact.readTree(CliRun.withInput(input, "delta").out()).get("results").get(0);
    assertThat(result.get("a").get(0).get(0).decimalValue()).isEqualByComparingTo("1");
    assertThat(result.get("a").get(0).get(1).decimalValue()).isEqualByComparingTo("0");
    assertThat(result.get("delta").get(0).get(0).decimalValue()).isEqualByComparingTo("1");
    // ℓ = max(z, 0) − z·y + log1p(e^−|z|): 1000 at z = 1000 (the true value, not a clip), 0 at −1000
    assertThat(result.get("loss_value").doubleValue()).isCloseTo(1000.0, within(1e-12));
  }
}

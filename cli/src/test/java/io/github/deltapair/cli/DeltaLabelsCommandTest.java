package io.github.deltapair.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code deltapair delta} with class-index {@code labels} and {@code ignore_index} (docs/contract.md §2b, §7). */
@DisplayName("deltapair delta with labels and ignore_index")
class DeltaLabelsCommandTest {

  /**
   * C1's bound, for values of the native scalar softmax and sigmoid kernels (their e^x is within
   * 4e-13 relative) against textbook formulas.
   */
  private static final double C1 = 1e-12;

  private static final String Z = "[[1.0, 2.0, 0.5], [-0.25, 3.0, 1.5], [0.0, -1.0, 4.0]]";

  private final ObjectMapper json = new ObjectMapper();

  private static String softmaxCase(String loss, String reduction, String z, String targets) {
    return "{\"activation\": \"softmax\", \"loss\": \"" + loss + "\", \"reduction\": \""
        + reduction + "\", \"z\": " + z + ", " + targets + "}";
  }

  private JsonNode results(CliRun run) throws Exception {
    return json.readTree(run.out()).get("results");
  }

  /** Row-wise softmax, computed here (the oracle: it does not go through any backend). */
  private static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double[] a = new double[z.length];
    double sum = 0;
    // sum = Σ_j exp(z_j − max z)
    for (int j = 0; j < z.length; j++) {
      a[j] = Math.exp(z[j] - max);
      sum += a[j];
    }
    // a_j = exp(z_j − max z) / sum
    for (int j = 0; j < z.length; j++) {
      a[j] /= sum;
    }
    return a;
  }

  @ParameterizedTest(name = "--backend {0}")
  @ValueSource(strings = {"native", "dl4j"})
  @DisplayName("labels [2, 0, 1] give the same loss, a and δ as one-hot y, and −Σ log a_{i,c_i}, δ = a − onehot(c)")
  void labelsEqualOneHot(String backend) throws Exception {
    String oneHot = "\"y\": [[0, 0, 1], [1, 0, 0], [0, 1, 0]]";
    String labels = "\"labels\": [2, 0, 1]";
    StringBuilder input = new StringBuilder("{\"cases\": [");
    String[][] variants = {{"cross-entropy", "sum"}, {"cross-entropy", "mean"},
        {"kl-divergence", "sum"}, {"kl-divergence", "mean"}};
    for (String[] v : variants) {
      input.append(softmaxCase(v[0], v[1], Z, oneHot)).append(", ")
          .append(softmaxCase(v[0], v[1], Z, labels)).append(", ");
    }
    input.setLength(input.length() - 2);
    input.append("]}");

    CliRun run = CliRun.withInput(input.toString(), "delta", "--backend", backend);

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode results = results(run);
    assertThat(results).hasSize(2 * variants.length);
    double[][] z = {{1.0, 2.0, 0.5}, {-0.25, 3.0, 1.5}, {0.0, -1.0, 4.0}};
    int[] c = {2, 0, 1};
    for (int k = 0; k < variants.length; k++) {
      JsonNode dense = results.get(2 * k);
      JsonNode indexed = results.get(2 * k + 1);
      String name = backend + " " + variants[k][0] + " " + variants[k][1];
      assertThat(indexed.has("error")).as("%s: %s", name, indexed.path("error").asText()).isFalse();
      // the same fields, in the same order, as a dense case
      assertThat(iterable(indexed.fieldNames())).as(name).containsExactlyElementsOf(iterable(dense.fieldNames()));
      assertThat(indexed.get("loss_value").asDouble()).as(name)
          .isCloseTo(dense.get("loss_value").asDouble(), within(1e-13));
      double scale = "mean".equals(variants[k][1]) ? 1.0 / 3 : 1.0;
      double loss = 0;
      for (int i = 0; i < 3; i++) {
        double[] a = softmax(z[i]);
        loss -= Math.log(a[c[i]]);
        for (int j = 0; j < 3; j++) {
          assertThat(indexed.get("a").get(i).get(j).asDouble()).as(name)
              .isCloseTo(dense.get("a").get(i).get(j).asDouble(), within(1e-15))
              .isCloseTo(a[j], within(1e-15));
          assertThat(indexed.get("delta").get(i).get(j).asDouble()).as(name + " δ[%d][%d]", i, j)
              .isCloseTo(dense.get("delta").get(i).get(j).asDouble(), within(1e-15))
              .isCloseTo(scale * (a[j] - (j == c[i] ? 1 : 0)), within(C1));
        }
      }
      assertThat(indexed.get("loss_value").asDouble()).as(name).isCloseTo(scale * loss, within(C1));
    }
  }

  @ParameterizedTest(name = "--backend {0}")
  @ValueSource(strings = {"native", "dl4j"})
  @DisplayName("ignore_index rows get δ = 0 and ℓ = 0, are not validated (±1e300), and mean still divides by every row")
  void ignoredRows(String backend) throws Exception {
    String z = "[[1.0, 2.0, 0.5], [1e300, -1e300, 5.0], [0.0, -1.0, 4.0], [0.5, 0.5, 0.5]]";
    String input = "{\"cases\": ["
        + softmaxCase("cross-entropy", "mean", z, "\"labels\": [2, -100, 1, -100], \"ignore_index\": -100") + ", "
        + softmaxCase("kl-divergence", "sum", z, "\"labels\": [2, -100, 1, -100], \"ignore_index\": -100") + ", "
        + softmaxCase("cross-entropy", "sum", "[[1.0, 2.0, 0.5], [0.0, -1.0, 4.0]]", "\"labels\": [0, 0], \"ignore_index\": 0")
        + "]}";

    CliRun run = CliRun.withInput(input, "delta", "--backend", backend);

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode results = results(run);
    double[] a0 = softmax(new double[] {1.0, 2.0, 0.5});
    double[] a2 = softmax(new double[] {0.0, -1.0, 4.0});
    double kept = -Math.log(a0[2]) - Math.log(a2[1]);
    JsonNode mean = results.get(0);
    assertThat(mean.has("error")).as(mean.path("error").asText()).isFalse();
    assertThat(mean.get("loss_value").asDouble()).isCloseTo(kept / 4, within(C1));
    JsonNode sum = results.get(1);
    assertThat(sum.has("error")).as(sum.path("error").asText()).isFalse();
    assertThat(sum.get("loss_value").asDouble()).isCloseTo(kept, within(C1));
    for (int j = 0; j < 3; j++) {
      for (int row : new int[] {1, 3}) {
        assertThat(mean.get("delta").get(row).get(j).asDouble()).as("mean δ[%d][%d]", row, j).isZero();
        assertThat(sum.get("delta").get(row).get(j).asDouble()).as("sum δ[%d][%d]", row, j).isZero();
      }
      assertThat(mean.get("delta").get(0).get(j).asDouble())
          .isCloseTo((a0[j] - (j == 2 ? 1 : 0)) / 4, within(C1));
      assertThat(sum.get("delta").get(2).get(j).asDouble())
          .isCloseTo(a2[j] - (j == 1 ? 1 : 0), within(C1));
    }
    // every row ignored (ignore_index 0, a valid class): J = 0, δ = 0
    JsonNode none = results.get(2);
    assertThat(none.has("error")).as(none.path("error").asText()).isFalse();
    assertThat(none.get("loss_value").asDouble()).isZero();
    none.get("delta").forEach(row -> row.forEach(v -> assertThat(v.asDouble()).isZero()));
  }

  @Test
  @DisplayName("each bad labels case gets an error naming the field and row; the other cases are still computed (exit 2)")
  void badLabels() throws Exception {
    String z = "[[1.0, 2.0, 0.5], [-0.25, 3.0, 1.5]]";
    String good = softmaxCase("cross-entropy", "sum", z, "\"labels\": [1, 2]");
    String[] bad = {
      softmaxCase("cross-entropy", "sum", z, "\"labels\": [1, 2.5]"),
      softmaxCase("cross-entropy", "sum", z, "\"labels\": [\"1\", 2]"),
      softmaxCase("cross-entropy", "sum", z, "\"labels\": [1, 2], \"y\": [[0, 1, 0], [0, 0, 1]]"),
      "{\"activation\": \"softmax\", \"loss\": \"cross-entropy\", \"z\": " + z + "}",
      softmaxCase("cross-entropy", "sum", z, "\"y\": [[0, 1, 0], [0, 0, 1]], \"ignore_index\": -100"),
      softmaxCase("cross-entropy", "sum", z, "\"labels\": [1, 3]"),
      softmaxCase("cross-entropy", "sum", z, "\"labels\": [1, 2, 0]"),
      softmaxCase("cross-entropy", "sum", z, "\"labels\": []"),
      softmaxCase("cross-entropy", "sum", z, "\"labels\": [1, 2], \"ignore_index\": -0.5"),
      "{\"activation\": \"exp\", \"loss\": \"poisson\", \"z\": " + z + ", \"labels\": [1, 2]}",
      softmaxCase("cross-entropy", "sum", z, "\"labels\": [[1], [2]]"),
      softmaxCase("cross-entropy", "sum", z, "\"labels\": 1"),
    };
    StringBuilder input = new StringBuilder("{\"cases\": [").append(good);
    for (String b : bad) {
      input.append(", ").append(b);
    }
    input.append(", ").append(good).append("]}");

    CliRun run = CliRun.withInput(input.toString(), "delta");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    JsonNode results = results(run);
    assertThat(results).hasSize(bad.length + 2);
    double[] a0 = softmax(new double[] {1.0, 2.0, 0.5});
    double[] a1 = softmax(new double[] {-0.25, 3.0, 1.5});
    for (int k : new int[] {0, bad.length + 1}) {
      assertThat(results.get(k).has("error")).as(results.get(k).toString()).isFalse();
      assertThat(results.get(k).get("loss_value").asDouble())
          .isCloseTo(-Math.log(a0[1]) - Math.log(a1[2]), within(C1));
    }
    for (int k = 1; k <= bad.length; k++) {
      assertThat(results.get(k).size()).as(bad[k - 1]).isEqualTo(1);
      assertThat(results.get(k).has("error")).as(bad[k - 1]).isTrue();
    }
    assertThat(error(results, 1)).contains("\"labels\"").contains("2.5").contains("row 1").contains("integer");
    assertThat(error(results, 2)).contains("\"labels\"").contains("row 0").contains("integer");
    assertThat(error(results, 3)).contains("both").contains("\"y\"").contains("\"labels\"");
    assertThat(error(results, 4)).contains("missing").contains("\"y\"").contains("\"labels\"");
    assertThat(error(results, 5)).contains("ignore_index").contains("labels");
    assertThat(error(results, 6)).contains("labels has 3 at row 1").contains("[0, 3)");
    assertThat(error(results, 7)).contains("labels has 3 entries but z has 2 rows");
    assertThat(error(results, 8)).contains("\"labels\"").contains("non-empty");
    assertThat(error(results, 9)).contains("ignore_index").contains("-0.5").contains("integer");
    assertThat(error(results, 10)).contains("labels").contains("poisson");
    assertThat(error(results, 11)).contains("\"labels\"").contains("row 0");
    assertThat(error(results, 12)).contains("\"labels\"").contains("array");
  }

  private static String error(JsonNode results, int k) {
    return results.get(k).get("error").asText();
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    java.util.List<T> list = new java.util.ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }
}

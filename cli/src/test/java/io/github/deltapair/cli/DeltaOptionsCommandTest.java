package io.github.deltapair.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code deltapair delta} with the options of docs/contract.md §2b under their JSON names, the
 * reductions {@code mean-by-weight} and {@code none}, and {@code example_losses} (§7). Expected
 * values are textbook formulas written out here, never a backend's.
 */
@DisplayName("deltapair delta with options, the four reductions and example_losses")
class DeltaOptionsCommandTest {

  private static final double TIGHT = 1e-12;

  private final ObjectMapper json = new ObjectMapper();

  private JsonNode results(CliRun run) throws Exception {
    return json.readTree(run.out()).get("results");
  }

  private static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /** log σ(z) without overflow for the moderate z used here. */
  private static double logSigmoid(double z) {
    return -Math.log1p(Math.exp(-z));
  }

  @ParameterizedTest(name = "--backend {0}")
  @ValueSource(strings = {"native", "dl4j"})
  @DisplayName("sigmoid + BCE with pos_weight, class_weights, example_weights and smoothing:"
      + " ℓ_i = e_i Σ_j w_j·−[p_j y' log a + (1 − y') log(1 − a)], δ = e_i w ⊙ ((1 + (p − 1)y') a − p y')")
  void binaryCrossEntropyWithEveryWeight(String backend) throws Exception {
    double[][] z = {{0.5, -2.0}, {1.5, 0.25}};
    double[][] y = {{1.0, 0.0}, {0.25, 1.0}};
    double[] p = {2.0, 0.5};
    double[] w = {1.0, 3.0};
    double[] e = {0.5, 2.0};
    double eps = 0.1;
    String input = "{\"cases\": [{\"activation\": \"sigmoid\", \"loss\": \"binary-cross-entropy\","
        + " \"reduction\": \"mean\", \"z\": [[0.5, -2.0], [1.5, 0.25]], \"y\": [[1, 0], [0.25, 1]],"
        + " \"pos_weight\": [2, 0.5], \"class_weights\": [1, 3], \"example_weights\": [0.5, 2],"
        + " \"label_smoothing\": 0.1}]}";

    CliRun run = CliRun.withInput(input, "delta", "--backend", backend);

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = results(run).get(0);
    assertThat(result.has("error")).as(result.path("error").asText()).isFalse();
    double total = 0;
    for (int i = 0; i < 2; i++) {
      double li = 0;
      for (int j = 0; j < 2; j++) {
        double t = (1 - eps) * y[i][j] + eps / 2;
        double a = sigmoid(z[i][j]);
        li += w[j] * -(p[j] * t * logSigmoid(z[i][j]) + (1 - t) * logSigmoid(-z[i][j]));
        // mean: s = 1/m
        double delta = 0.5 * e[i] * w[j] * ((1 + (p[j] - 1) * t) * a - p[j] * t);
        assertThat(result.get("delta").get(i).get(j).asDouble()).as("δ[%d][%d]", i, j)
            .isCloseTo(delta, within(TIGHT));
      }
      li *= e[i];
      assertThat(result.get("example_losses").get(i).asDouble()).as("ℓ_%d", i)
          .isCloseTo(li, within(TIGHT));
      total += li;
    }
    assertThat(result.get("loss_value").asDouble()).isCloseTo(total / 2, within(TIGHT));
    assertThat(result.get("reduction").asText()).isEqualTo("mean");
  }

  @ParameterizedTest(name = "--backend {0}")
  @ValueSource(strings = {"native", "dl4j"})
  @DisplayName("labels + class_weights + ignore_index, mean-by-weight: J = Σ w_{c_i}(−log a_{i,c_i}) / Σ_{kept} w_{c_i}")
  void meanByWeightWithLabels(String backend) throws Exception {
    double[][] z = {{1.0, 2.0, 0.5}, {-0.25, 3.0, 1.5}, {0.0, -1.0, 4.0}};
    int[] c = {2, -100, 1};
    double[] w = {1.0, 4.0, 0.5};
    String input = "{\"cases\": [{\"activation\": \"softmax\", \"loss\": \"cross-entropy\","
        + " \"reduction\": \"mean-by-weight\", \"z\": [[1.0, 2.0, 0.5], [-0.25, 3.0, 1.5],"
        + " [0.0, -1.0, 4.0]], \"labels\": [2, -100, 1], \"ignore_index\": -100,"
        + " \"class_weights\": [1, 4, 0.5]}]}";

    CliRun run = CliRun.withInput(input, "delta", "--backend", backend);

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = results(run).get(0);
    double sum = 0;
    double weight = 0;
    double[] losses = new double[3];
    for (int i : new int[] {0, 2}) {
      double lse = Math.log(Math.exp(z[i][0]) + Math.exp(z[i][1]) + Math.exp(z[i][2]));
      losses[i] = w[c[i]] * (lse - z[i][c[i]]);
      sum += losses[i];
      weight += w[c[i]];
    }
    assertThat(result.get("loss_value").asDouble()).isCloseTo(sum / weight, within(TIGHT));
    for (int i = 0; i < 3; i++) {
      assertThat(result.get("example_losses").get(i).asDouble()).as("ℓ_%d", i)
          .isCloseTo(losses[i], within(TIGHT));
    }
    for (int j = 0; j < 3; j++) {
      assertThat(result.get("delta").get(1).get(j).asDouble()).as("ignored row").isZero();
    }
  }

  @Test
  @DisplayName("none: loss_value is Σ example_losses and δ is that of sum; every result has m example_losses")
  void reductionNone() throws Exception {
    String body = "\"activation\": \"identity\", \"loss\": \"squared-error\", \"z\": [[1, 2],"
        + " [0.5, -1], [3, 0]], \"y\": [[0, 0], [1, 1], [2, 0]]";
    String input = "{\"cases\": [{" + body + ", \"reduction\": \"none\"}, {" + body
        + ", \"reduction\": \"sum\"}, {" + body + "}]}";

    CliRun run = CliRun.withInput(input, "delta");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode none = results(run).get(0);
    JsonNode sum = results(run).get(1);
    // ½Σ(a − y)² per row: ½(1 + 4), ½(0.25 + 4), ½(1 + 0)
    assertThat(none.get("example_losses").toString()).isEqualTo("[2.5,2.125,0.5]");
    assertThat(none.get("loss_value").asDouble()).isEqualTo(5.125);
    assertThat(none.get("delta")).isEqualTo(sum.get("delta"));
    assertThat(none.get("reduction").asText()).isEqualTo("none");
    assertThat(results(run).get(2).get("example_losses")).isEqualTo(none.get("example_losses"));
  }

  @Test
  @DisplayName("mask: masked-out entries count 0 and are not read (y = 7.5 there is accepted), δ there is 0")
  void maskedEntriesAreNotRead() throws Exception {
    String input = "{\"cases\": [{\"activation\": \"sigmoid\", \"loss\": \"binary-cross-entropy\","
        + " \"z\": [[0.0, 1e300]], \"y\": [[1.0, 7.5]], \"mask\": [[1, 0]]}]}";

    CliRun run = CliRun.withInput(input, "delta");

    assertThat(run.exitCode()).as(run.out()).isZero();
    JsonNode result = results(run).get(0);
    // −log σ(0) = log 2; δ = σ(0) − 1 = −0.5
    assertThat(result.get("loss_value").asDouble()).isCloseTo(Math.log(2), within(TIGHT));
    assertThat(result.get("delta").toString()).isEqualTo("[[-0.5,0.0]]");
  }

  @Test
  @DisplayName("bad options get {\"error\"} with the api's message naming the option; the other cases are still computed (exit 2)")
  void badOptionsAreErrorsPerCase() throws Exception {
    String ce = "\"activation\": \"softmax\", \"loss\": \"cross-entropy\", \"z\": [[1, 2], [0, 1]]";
    String bce = "\"activation\": \"sigmoid\", \"loss\": \"binary-cross-entropy\", \"z\": [[1, 2]],"
        + " \"y\": [[1, 0]]";
    String[] cases = {
        "{" + ce + ", \"y\": [[1, 0], [0, 1]], \"pos_weight\": [1, 2]}",
        "{" + ce + ", \"labels\": [0, 1], \"class_weights\": [1, 2, 3]}",
        "{" + bce + ", \"example_weights\": [-1]}",
        "{" + bce + ", \"mask\": [[1, 0.5]]}",
        "{" + bce + ", \"label_smoothing\": 1.0}",
        "{\"activation\": \"identity\", \"loss\": \"squared-error\", \"z\": [[1]], \"y\": [[0]],"
            + " \"label_smoothing\": 0.1}",
        "{" + ce + ", \"y\": [[1, 0], [0, 1]], \"labels\": [0, 1]}",
        "{" + bce + ", \"ignore_index\": -100}",
        "{" + bce + ", \"class_weights\": \"1, 2\"}",
        "{" + bce + ", \"pos_weight\": [2, 0]}",
        "{" + ce + ", \"labels\": [0, 1], \"mask\": [[1, 0], [1, 1]]}",
        "{" + bce + ", \"reduction\": \"mean-by-weight\", \"pos_weight\": [2, 1]}"};
    String input = "{\"cases\": [" + String.join(", ", cases) + "]}";

    CliRun run = CliRun.withInput(input, "delta");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
    JsonNode results = results(run);
    assertThat(results).hasSize(cases.length);
    String[] mentions = {"pos_weight", "class_weights has 3 entries", "example_weights has -1.0 at row 0",
        "mask has 0.5 at row 0, column 1", "label_smoothing is 1.0", "label_smoothing",
        "both \"y\" and \"labels\"", "ignore_index", "class_weights", "pos_weight has 0.0 at column 1",
        "mask row 0", null};
    for (int k = 0; k < mentions.length; k++) {
      if (mentions[k] == null) {
        assertThat(results.get(k).has("error")).as("case %d: %s", k, results.get(k)).isFalse();
        assertThat(results.get(k).get("example_losses")).hasSize(1);
      } else {
        assertThat(results.get(k).path("error").asText()).as("case %d", k).contains(mentions[k]);
      }
    }
    assertThat(results.get(0).get("error").asText()).contains("cross-entropy does not support pos_weight");
    assertThat(results.get(5).get("error").asText()).contains("squared-error does not support label_smoothing");
  }

  @Test
  @DisplayName("an unknown field names the fields a case may have, options included")
  void unknownFieldListsOptions() throws Exception {
    String input = "{\"cases\": [{\"activation\": \"sigmoid\", \"loss\": \"binary-cross-entropy\","
        + " \"z\": [[1]], \"y\": [[1]], \"weights\": [1]}]}";

    CliRun run = CliRun.withInput(input, "delta");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(results(run).get(0).get("error").asText()).contains("[weights]")
        .contains("class_weights").contains("pos_weight").contains("example_weights")
        .contains("mask").contains("label_smoothing");
  }
}

package io.github.deltapair.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("deltapair delta")
class DeltaCommandTest {

  /**
   * C1's bound, for values of the native scalar softmax and sigmoid kernels (their e^x is within
   * 4e-13 relative) against textbook formulas.
   */
  private static final double C1 = 1e-12;

  private static final String CONTRACT_EXAMPLE =
      "{\"cases\": [{\"activation\": \"sigmoid\", \"loss\": \"binary-cross-entropy\",\n"
          + "            \"reduction\": \"sum\", \"z\": [[0.5, -2.0]], \"y\": [[1.0, 0.0]]}]}";

  private final ObjectMapper json = new ObjectMapper();

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  @Test
  @DisplayName("computes the contract's §7 example: BCE loss −log σ(0.5) − log(1 − σ(−2)), a = σ(z), δ = a − y")
  void designExample() throws Exception {
    CliRun run = CliRun.withInput(CONTRACT_EXAMPLE, "delta", "--input", "-");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode out = json.readTree(run.out());
    assertThat(out.get("backend").asText()).isEqualTo("native");
    JsonNode result = out.get("results").get(0);
    assertThat(result.get("activation").asText()).isEqualTo("sigmoid");
    assertThat(result.get("loss").asText()).isEqualTo("binary-cross-entropy");
    assertThat(result.get("reduction").asText()).isEqualTo("sum");
    assertThat(result.get("contract").asText()).isEqualTo("canonical");
    double a0 = sigmoid(0.5);
    double a1 = sigmoid(-2.0);
    double loss = -Math.log(a0) - Math.log(1 - a1);
    assertThat(result.get("loss_value").asDouble()).isCloseTo(loss, within(C1));
    assertThat(result.get("loss_value").asDouble()).isCloseTo(0.6010, within(1e-4));
    assertThat(result.get("a").get(0).get(0).asDouble()).isCloseTo(a0, within(1e-15));
    assertThat(result.get("a").get(0).get(1).asDouble()).isCloseTo(a1, within(1e-15));
    assertThat(result.get("delta").get(0).get(0).asDouble()).isCloseTo(a0 - 1, within(C1));
    assertThat(result.get("delta").get(0).get(1).asDouble()).isCloseTo(a1 - 0, within(C1));
  }

  @Test
  @DisplayName("writes numbers that read back to the backend's exact doubles (shortest round-trip form)")
  void numbersRoundTrip() throws Exception {
    String input = "{\"cases\": [{\"activation\": \"softmax\", \"loss\": \"squared-error\","
        + " \"reduction\": \"mean\", \"z\": [[0.1, 0.2, 0.3], [3.7, -1e-7, 12.25]],"
        + " \"y\": [[0.3, 0.1, 0.6], [1, 0, 0]]}]}";
    CliRun run = CliRun.withInput(input, "delta", "--compact");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().strip()).doesNotContain("\n");
    LossResult expected = Backends.evaluator("native").evaluate(Pair.of("softmax", "squared-error"),
        Batch.of(new double[][] {{0.1, 0.2, 0.3}, {3.7, -1e-7, 12.25}}),
        Batch.of(new double[][] {{0.3, 0.1, 0.6}, {1, 0, 0}}), Reduction.MEAN);
    JsonNode result = json.readTree(run.out()).get("results").get(0);
    assertThat(Double.doubleToRawLongBits(result.get("loss_value").asDouble()))
        .isEqualTo(Double.doubleToRawLongBits(expected.loss()));
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(Double.doubleToRawLongBits(result.get("delta").get(i).get(j).asDouble()))
            .isEqualTo(Double.doubleToRawLongBits(expected.delta().get(i, j)));
        assertThat(Double.doubleToRawLongBits(result.get("a").get(i).get(j).asDouble()))
            .isEqualTo(Double.doubleToRawLongBits(expected.activations().get(i, j)));
      }
    }
  }

  @Test
  @DisplayName("computes a chain-rule pair with mean reduction: δ = (a − y)·a(1 − a) / m")
  void chainRuleMean() throws Exception {
    String input = "{\"cases\": [{\"activation\": \"sigmoid\", \"loss\": \"squared-error\","
        + " \"reduction\": \"mean\", \"z\": [[1.5], [-0.25]], \"y\": [[0.0], [1.0]]}]}";
    CliRun run = CliRun.withInput(input, "delta");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = json.readTree(run.out()).get("results").get(0);
    assertThat(result.get("contract").asText()).isEqualTo("chain-rule");
    double[] z = {1.5, -0.25};
    double[] y = {0.0, 1.0};
    double loss = 0;
    for (int i = 0; i < 2; i++) {
      double a = sigmoid(z[i]);
      loss += 0.5 * (a - y[i]) * (a - y[i]) / 2;
      assertThat(result.get("delta").get(i).get(0).asDouble())
          .isCloseTo((a - y[i]) * a * (1 - a) / 2, within(1e-15));
    }
    assertThat(result.get("loss_value").asDouble()).isCloseTo(loss, within(1e-15));
  }

  @Test
  @DisplayName("puts {\"error\": ...} in place of each case that fails validation and still computes the others (exit 2)")
  void errorInPlace() throws Exception {
    String input = "{\"cases\": ["
        + "{\"activation\": \"identity\", \"loss\": \"squared-error\", \"reduction\": \"sum\", \"z\": [[2.0]], \"y\": [[0.5]]},"
        + "{\"activation\": \"sigmoid\", \"loss\": \"binary-cross-entropy\", \"reduction\": \"sum\", \"z\": [[0.0]], \"y\": [[2.0]]},"
        + "{\"activation\": \"identity\", \"loss\": \"binary-cross-entropy\", \"z\": [[0.0]], \"y\": [[1.0]]},"
        + "{\"activation\": \"tanh\", \"loss\": \"squared-error\", \"z\": [[1.0, 2.0], [3.0]], \"y\": [[0, 0], [0]]},"
        + "{\"activation\": \"exp\", \"loss\": \"poisson\", \"reduciton\": \"sum\", \"z\": [[0.0]], \"y\": [[1.0]]},"
        + "{\"activation\": \"exp\", \"loss\": \"poisson\", \"reduction\": \"mean\", \"z\": [[0.0, 1.0]], \"y\": [[1.0, 2.0]]}"
        + "]}";
    CliRun run = CliRun.withInput(input, "delta");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    JsonNode results = json.readTree(run.out()).get("results");
    assertThat(results).hasSize(6);
    assertThat(results.get(0).get("loss_value").asDouble()).isEqualTo(0.5 * 1.5 * 1.5);
    assertThat(results.get(1).size()).isEqualTo(1);
    assertThat(results.get(1).get("error").asText())
        .contains("y has 2.0 at row 0, column 0").contains("[0, 1]");
    assertThat(results.get(2).get("error").asText()).contains("is not a valid pair");
    assertThat(results.get(3).get("error").asText()).contains("row 1 has 1 numbers but row 0 has 2");
    assertThat(results.get(4).get("error").asText()).contains("unknown field(s) [reduciton]");
    // exp + poisson, mean over one row: J = Σ (e^z − y z), δ = e^z − y
    assertThat(results.get(5).get("loss_value").asDouble())
        .isCloseTo(1 + (Math.exp(1) - 2), within(1e-15));
    assertThat(results.get(5).get("delta").get(0).get(1).asDouble())
        .isCloseTo(Math.exp(1) - 2, within(1e-15));
  }

  @Test
  @DisplayName("computes parameterised losses and writes each loss's canonical spelling: huber(delta=0.5), bare huber = huber(delta=1.0), focal with alpha")
  void parameterisedLosses() throws Exception {
    String input = "{\"cases\": ["
        + "{\"activation\": \"identity\", \"loss\": \"huber(delta=0.5)\", \"z\": [[2.0, 0.25]], \"y\": [[0.5, 0.0]]},"
        + "{\"activation\": \"identity\", \"loss\": \"huber\", \"z\": [[2.0, 0.25]], \"y\": [[0.5, 0.0]]},"
        + "{\"activation\": \"sigmoid\", \"loss\": \"focal(gamma=2.0, alpha=0.25)\", \"z\": [[0.5]], \"y\": [[1.0]]},"
        + "{\"activation\": \"sigmoid\", \"loss\": \"focal( gamma = 0 )\", \"z\": [[0.5, -2.0]], \"y\": [[1.0, 0.0]]},"
        + "{\"activation\": \"identity\", \"loss\": \"huber(delta=-1)\", \"z\": [[0.0]], \"y\": [[0.0]]},"
        + "{\"activation\": \"identity\", \"loss\": \"huber(gamma=2)\", \"z\": [[0.0]], \"y\": [[0.0]]}"
        + "]}";
    CliRun run = CliRun.withInput(input, "delta");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    JsonNode results = json.readTree(run.out()).get("results");
    // huber(delta=0.5): r = 1.5 is linear, 0.5·(1.5 − 0.25); r = 0.25 quadratic, ½·0.0625; δ = clip(r, ±0.5)
    JsonNode half = results.get(0);
    assertThat(half.get("loss").asText()).isEqualTo("huber(delta=0.5)");
    assertThat(half.get("contract").asText()).isEqualTo("chain-rule");
    assertThat(half.get("loss_value").asDouble()).isCloseTo(0.5 * 1.25 + 0.03125, within(1e-15));
    assertThat(half.get("delta").get(0).get(0).asDouble()).isEqualTo(0.5);
    assertThat(half.get("delta").get(0).get(1).asDouble()).isEqualTo(0.25);
    // huber(delta=1.0): 1.0·(1.5 − 0.5) + ½·0.0625, δ = [1, 0.25]
    JsonNode bare = results.get(1);
    assertThat(bare.get("loss").asText()).isEqualTo("huber(delta=1.0)");
    assertThat(bare.get("loss_value").asDouble()).isCloseTo(1.0 + 0.03125, within(1e-15));
    assertThat(bare.get("delta").get(0).get(0).asDouble()).isEqualTo(1.0);
    // focal, y = 1: ℓ = α (1 − a)^γ (−log a)
    JsonNode focal = results.get(2);
    double a = sigmoid(0.5);
    assertThat(focal.get("loss").asText()).isEqualTo("focal(gamma=2.0, alpha=0.25)");
    assertThat(focal.get("loss_value").asDouble())
        .isCloseTo(0.25 * (1 - a) * (1 - a) * -Math.log(a), within(1e-15));
    // focal(gamma=0) without alpha is binary cross-entropy: δ = a − y
    JsonNode bce = results.get(3);
    assertThat(bce.get("loss").asText()).isEqualTo("focal(gamma=0.0)");
    assertThat(bce.get("loss_value").asDouble())
        .isCloseTo(-Math.log(sigmoid(0.5)) - Math.log(1 - sigmoid(-2.0)), within(C1));
    assertThat(bce.get("delta").get(0).get(0).asDouble()).isCloseTo(sigmoid(0.5) - 1, within(C1));
    assertThat(results.get(4).get("error").asText()).contains("delta").contains("-1");
    assertThat(results.get(5).get("error").asText()).contains("gamma").contains("huber");
  }

  @Test
  @DisplayName("computes the sparsemax plugin by name on native; dl4j, which does not compute it, puts an error naming native in its place")
  void pluginPair() throws Exception {
    String input = "{\"cases\": [{\"activation\": \"sparsemax\", \"loss\": \"sparsemax-loss\","
        + " \"z\": [[1.0, 0.5, -1.0]], \"y\": [[0.0, 1.0, 0.0]]}]}";
    CliRun run = CliRun.withInput(input, "delta", "--backend", "native");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = json.readTree(run.out()).get("results").get(0);
    assertThat(result.get("activation").asText()).isEqualTo("sparsemax");
    assertThat(result.get("loss").asText()).isEqualTo("sparsemax-loss");
    assertThat(result.get("contract").asText()).isEqualTo("canonical");
    // p = [0.75, 0.25, 0]; ℓ = ⟨z, p⟩ − ½‖p‖² + ½‖y‖² − ⟨z, y⟩ = 0.875 − 0.3125 + 0.5 − 0.5
    assertThat(result.get("loss_value").asDouble()).isCloseTo(0.5625, within(1e-15));
    assertThat(result.get("a").get(0).get(0).asDouble()).isEqualTo(0.75);
    assertThat(result.get("a").get(0).get(2).asDouble()).isEqualTo(0.0);
    assertThat(result.get("delta").get(0).get(1).asDouble()).isEqualTo(-0.75);

    CliRun dl4j = CliRun.withInput(input, "delta", "--backend", "dl4j");
    assertThat(dl4j.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(json.readTree(dl4j.out()).get("results").get(0).get("error").asText())
        .contains("does not compute sparsemax+sparsemax-loss").contains("native");
  }

  @Test
  @DisplayName("rejects malformed JSON with its line and column, and writes nothing to stdout")
  void malformedJson() {
    CliRun run = CliRun.withInput("{\"cases\": [\n  {\"activation\": \"sigmoid\",, }]}", "delta");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("deltapair: malformed JSON in standard input at line 2, column 28:");
    assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("at com.fasterxml");
  }

  @Test
  @DisplayName("rejects a document without a cases array, and trailing garbage")
  void wrongDocument() {
    assertThat(CliRun.withInput("[1, 2]", "delta").err()).contains("{\"cases\": [...]}");
    CliRun trailing = CliRun.withInput("{\"cases\": []} x", "delta");
    assertThat(trailing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(trailing.err()).contains("malformed JSON").contains("line 1, column");
  }

  @Test
  @DisplayName("reads --input FILE, and names a missing file")
  void inputFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("cases.json"), CONTRACT_EXAMPLE);
    CliRun run = CliRun.run("delta", "--input", file.toString(), "--backend", "native");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(json.readTree(run.out()).get("results").get(0).has("delta")).isTrue();

    CliRun missing = CliRun.run("delta", "--input", dir.resolve("nope.json").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.err()).contains("nope.json: no such file");
  }

  @Test
  @DisplayName("an empty input, an unreadable file and an unknown pair name each give one clear line")
  void failureModes(@TempDir Path dir) throws Exception {
    CliRun empty = CliRun.withInput("", "delta");
    assertThat(empty.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(empty.out()).isEmpty();
    assertThat(empty.err().strip()).startsWith("deltapair: ").doesNotContain("\n").containsIgnoringCase("empty");

    Path emptyFile = Files.writeString(dir.resolve("empty.json"), "");
    CliRun emptyFromFile = CliRun.run("delta", "--input", emptyFile.toString());
    assertThat(emptyFromFile.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(emptyFromFile.err()).contains("empty.json").containsIgnoringCase("empty");

    // a directory cannot be read as a file, even by root
    CliRun unreadable = CliRun.run("delta", "--input", dir.toString());
    assertThat(unreadable.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unreadable.err().strip()).startsWith("deltapair: ").contains(dir.toString())
        .doesNotContain("\n").doesNotContain("Exception");

    String unknownPair = "{\"cases\": ["
        + "{\"activation\": \"sigmod\", \"loss\": \"squared-error\", \"z\": [[0.0]], \"y\": [[0.0]]},"
        + "{\"activation\": \"identity\", \"loss\": \"hinge\", \"z\": [[0.0]], \"y\": [[0.0]]},"
        + "{\"activation\": \"identity\", \"loss\": \"squared-error\", \"z\": [[3.0]], \"y\": [[1.0]]}]}";
    CliRun unknown = CliRun.withInput(unknownPair, "delta");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    JsonNode results = json.readTree(unknown.out()).get("results");
    assertThat(results.get(0).get("error").asText()).contains("Unknown activation 'sigmod'").contains("sigmoid");
    assertThat(results.get(1).get("error").asText()).contains("Unknown loss 'hinge'").contains("squared-error");
    assertThat(results.get(2).get("loss_value").asDouble()).isEqualTo(0.5 * 2.0 * 2.0);
  }

  @Test
  @DisplayName("rejects an unknown backend id, naming the ids found (exit 2, no stack trace)")
  void unknownBackend() {
    CliRun run = CliRun.withInput(CONTRACT_EXAMPLE, "delta", "--backend", "nope");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("deltapair: No deltapair backend with id 'nope'; found: native");
    assertThat(run.err()).doesNotContain("Exception");
  }

  @Test
  @DisplayName("prints the stack trace only with --verbose")
  void verbose() {
    CliRun run = CliRun.withInput(CONTRACT_EXAMPLE, "delta", "--backend", "nope", "--verbose");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("IllegalArgumentException").contains("\tat ");
  }
}

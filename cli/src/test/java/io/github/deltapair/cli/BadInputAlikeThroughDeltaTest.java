package io.github.deltapair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.deltapair.reference.Tolerances;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract's §6 (bad input) through {@code delta}: one request mixing every kind of bad case
 * with valid ones, sent to {@code --backend native} and {@code --backend dl4j}. Each bad case's
 * {@code {"error": ...}} must be the same text from both backends and point at the argument (and
 * the row and column where one applies); the valid cases around them are still computed, and agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("deltapair delta: bad input rejected alike by --backend native and --backend dl4j")
class BadInputAlikeThroughDeltaTest {

  /** Decimals as written (1e400 stays 1E+400 instead of becoming ∞, which JSON cannot carry). */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** A case of the request and what its error must contain (nothing for a valid case). */
  private record Case(String name, ObjectNode json, List<String> mustContain) {
    boolean valid() {
      return mustContain.isEmpty();
    }
  }

  private final List<Case> cases = new ArrayList<>();
  private JsonNode nativeResults;
  private JsonNode dl4jResults;

  @BeforeAll
  void runBothBackends() throws Exception {
    valid("sigmoid + binary-cross-entropy (the contract's §7 example)", "sigmoid", "binary-cross-entropy",
        "[[0.5, -2.0]]", "[[1.0, 0.0]]");
    bad("z/y shape mismatch", "identity", "squared-error", "[[1, 2], [3, 4]]", "[[1, 2, 3], [4, 5, 6]]",
        "y is 2 × 3 but z is 2 × 2", "must have the same shape");
    bad("ragged rows", "tanh", "squared-error", "[[1.0, 2.0], [3.0]]", "[[0, 0], [0, 0]]",
        "field \"z\" row 1 has 1 numbers but row 0 has 2");
    bad("binary-cross-entropy target 1.5", "sigmoid", "binary-cross-entropy", "[[0.1, 0.2], [0.3, 0.4]]",
        "[[0, 1], [1.5, 0]]", "y has 1.5 at row 1, column 0", "[0, 1]");
    bad("poisson target −1", "exp", "poisson", "[[0.1, 0.2]]", "[[1, -1]]", "y has -1.0 at row 0, column 1");
    bad("bipolar target 1.5", "tanh", "bipolar-cross-entropy", "[[0.1, 0.2]]", "[[1.5, 0]]",
        "y has 1.5 at row 0, column 0", "[-1, 1]");
    valid("exp + poisson, mean", "exp", "poisson", "[[0.0, 1.0], [700.0, -700.0]]", "[[1.0, 2.0], [0.0, 4.0]]");
    bad("cross-entropy row summing to 0.9", "softmax", "cross-entropy", "[[1, 2], [3, 4]]",
        "[[0.5, 0.5], [0.5, 0.4]]", "y row 1 sums to 0.9", "sum to 1");
    bad("cross-entropy row with a negative entry", "softmax", "cross-entropy", "[[1, 2]]", "[[1.25, -0.25]]",
        "y has -0.25 at row 0, column 1");
    bad("exp overflow at z = 710", "exp", "poisson", "[[0, 710]]", "[[1, 1]]",
        "z has 710.0 at row 0, column 1", "overflows");
    bad("softmax with one column", "softmax", "cross-entropy", "[[1.0], [2.0]]", "[[1.0], [1.0]]",
        "z has 1 column", "at least 2 columns");
    bad("softmax + binary-cross-entropy saturating at row [800, 0]", "softmax", "binary-cross-entropy",
        "[[0.5, 0.25], [800, 0]]", "[[1, 0], [1, 0]]", "z has 800.0 at row 1, column 0",
        "use the matched pair sigmoid+binary-cross-entropy");
    bad("identity + squared-error overflowing at z = 1e300", "identity", "squared-error", "[[1.0], [1e300]]",
        "[[0.0], [0.0]]", "z has 1.0E300 at row 1, column 0", "overflows");
    valid("softmax + cross-entropy at ±1000", "softmax", "cross-entropy", "[[1000, -1000, 0]]", "[[0, 1, 0]]");
    bad("an invalid pair", "identity", "binary-cross-entropy", "[[0.0]]", "[[1.0]]",
        "identity + binary-cross-entropy is not a valid pair");
    bad("an unknown activation", "sigmod", "squared-error", "[[0.0]]", "[[0.0]]",
        "Unknown activation 'sigmod'", "sigmoid");
    bad("an unknown loss", "identity", "hinge", "[[0.0]]", "[[0.0]]", "Unknown loss 'hinge'", "squared-error");
    bad("a number too large for a double (1e400 reads as ∞)", "identity", "squared-error", "[[1e400]]", "[[0]]",
        "z has Infinity at row 0, column 0", "finite");
    bad("\"NaN\" as a string", "identity", "squared-error", "[[0.0, \"NaN\"]]", "[[0, 0]]",
        "field \"z\" has \"NaN\" at row 0, column 1", "JSON number");
    valid("sigmoid + squared-error, mean", "sigmoid", "squared-error", "[[1.5], [-0.25]]", "[[0.0], [1.0]]");

    ArrayNode array = JSON.createArrayNode();
    cases.forEach(c -> array.add(c.json()));
    String request = JSON.createObjectNode().set("cases", array).toString();
    nativeResults = results(request, "native");
    dl4jResults = results(request, "dl4j");
  }

  @Test
  @DisplayName("Each bad case's {\"error\": ...} is the same text from native and dl4j, naming the argument and the row and column")
  void errorsAreIdentical() {
    for (int k = 0; k < cases.size(); k++) {
      Case c = cases.get(k);
      if (c.valid()) {
        continue;
      }
      JsonNode mine = nativeResults.get(k);
      assertThat(mine.size()).as("%s: only an error", c.name()).isEqualTo(1);
      String error = mine.path("error").asText();
      assertThat(dl4jResults.get(k).path("error").asText()).as("%s: dl4j's error", c.name()).isEqualTo(error);
      assertThat(error).as(c.name()).doesNotContain("\n").doesNotContain("Exception");
      for (String fragment : c.mustContain()) {
        assertThat(error).as(c.name()).contains(fragment);
      }
    }
  }

  @Test
  @DisplayName("The valid cases between them are computed by both backends, finite and in agreement")
  void validCasesStillComputed() {
    for (int k = 0; k < cases.size(); k++) {
      Case c = cases.get(k);
      if (!c.valid()) {
        continue;
      }
      JsonNode mine = nativeResults.get(k);
      JsonNode theirs = dl4jResults.get(k);
      assertThat(mine.has("loss_value")).as("%s: native computed it: %s", c.name(), mine).isTrue();
      assertThat(theirs.has("loss_value")).as("%s: dl4j computed it: %s", c.name(), theirs).isTrue();
      assertClose(c.name() + " loss", theirs.get("loss_value").asDouble(), mine.get("loss_value").asDouble());
      for (int i = 0; i < mine.get("delta").size(); i++) {
        for (int j = 0; j < mine.get("delta").get(i).size(); j++) {
          assertClose(c.name() + " delta", theirs.get("delta").get(i).get(j).asDouble(),
              mine.get("delta").get(i).get(j).asDouble());
        }
      }
    }
  }

  @ParameterizedTest(name = "--backend {0}")
  @ValueSource(strings = {"native", "dl4j"})
  @DisplayName("A bare NaN (not JSON) rejects the whole request with one line naming line and column, exit 2, nothing on stdout")
  void bareNanIsMalformedJson(String backend) {
    String request = "{\"cases\": [{\"activation\": \"identity\", \"loss\": \"squared-error\",\n"
        + "  \"z\": [[NaN]], \"y\": [[0.0]]}]}";
    CliRun run = CliRun.withInput(request, "delta", "--backend", backend);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip()).doesNotContain("\n")
        .startsWith("deltapair: malformed JSON in standard input at line 2, column ")
        .contains("NaN");
  }

  @ParameterizedTest(name = "--backend {0}")
  @ValueSource(strings = {"native", "dl4j"})
  @DisplayName("A file whose bytes are not UTF-8 is malformed JSON: one line naming the file, exit 2")
  void invalidUtf8(String backend, @TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("latin1.json"),
        "{\"cases\": [{\"activation\": \"\u00e9\"}]}".getBytes(StandardCharsets.ISO_8859_1));
    CliRun run = CliRun.run("delta", "--input", file.toString(), "--backend", backend);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip()).doesNotContain("\n").startsWith("deltapair: malformed JSON in " + file)
        .containsIgnoringCase("UTF-8");
  }

  private static JsonNode results(String request, String backend) throws Exception {
    CliRun run = CliRun.withInput(request, "delta", "--backend", backend, "--compact");
    assertThat(run.exitCode()).as("--backend %s: %s", backend, run.err()).isEqualTo(ExitCodes.BAD_INPUT);
    JsonNode out = JSON.readTree(run.out());
    assertThat(out.get("backend").asText()).isEqualTo(backend);
    return out.get("results");
  }

  private static void assertClose(String what, double actual, double expected) {
    assertThat(Double.isFinite(actual)).as(what).isTrue();
    assertThat(Math.abs(actual - expected)).as("%s: %s vs %s", what, actual, expected)
        .isLessThanOrEqualTo(Tolerances.DEFAULTS.deltaBound(expected));
  }

  private void valid(String name, String activation, String loss, String z, String y) throws Exception {
    cases.add(new Case(name, caseJson(activation, loss, z, y), List.of()));
  }

  private void bad(String name, String activation, String loss, String z, String y, String... mustContain)
      throws Exception {
    cases.add(new Case(name, caseJson(activation, loss, z, y), List.of(mustContain)));
  }

  private static ObjectNode caseJson(String activation, String loss, String z, String y) throws Exception {
    ObjectNode node = JSON.createObjectNode();
    node.put("activation", activation);
    node.put("loss", loss);
    node.put("reduction", "mean");
    node.set("z", JSON.readTree(z));
    node.set("y", JSON.readTree(y));
    return node;
  }
}

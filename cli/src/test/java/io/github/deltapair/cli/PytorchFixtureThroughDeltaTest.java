package io.github.deltapair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code delta} command against PyTorch. Each fixture holds the cases of a {@code delta}
 * request and, aligned by index, what torch computed (autograd for δ); every case goes through the
 * command on each backend and must match to {@code 1e-9·max(1, |expected|)}:
 *
 * <ul>
 *   <li>{@code pytorch/new-losses.json}, from {@code scripts/pytorch/new_losses_fixtures.py}:
 *       F.huber_loss, torchvision's sigmoid_focal_loss, F.kl_div of log_softmax or log a (torch's
 *       focal loss is off by up to 1e-14 at saturated logits, inside the tolerance);
 *   <li>{@code pytorch/labels.json}, from {@code scripts/pytorch/labels_fixtures.py}: F.cross_entropy
 *       with class-index labels and ignore_index, F.kl_div of log_softmax against one-hot labels
 *       ("mean" is torch's reduction='sum' divided by every row m); these cases carry {@code
 *       labels}, never {@code y};
 *   <li>{@code pytorch/options.json}, from {@code scripts/pytorch/options_fixtures.py}: the options
 *       of docs/contract.md §2b, every combination the contract allows × the four reductions,
 *       F.cross_entropy (class-index targets with weight, ignore_index, label_smoothing;
 *       probability targets with weight and smoothing) and F.binary_cross_entropy_with_logits
 *       (weight = example × class weights × mask, pos_weight, smoothing by hand), example weights
 *       and masks multiplying torch's 'none'; ignored and masked-out entries hold garbage in some
 *       cases (deltapair never reads them).
 * </ul>
 *
 * All were written with Debian's python3-torch 1.13. Where a fixture has {@code example_losses}
 * (labels, options), every per-example loss must match too.
 */
@DisplayName("deltapair delta reproduces PyTorch: huber, focal, kl-divergence, cross_entropy/kl_div with class-index labels, and every loss option")
class PytorchFixtureThroughDeltaTest {

  private static final double TOLERANCE = 1e-9;

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} --backend {2}")
  @CsvSource({
      "new-losses.json, 200, native", "new-losses.json, 200, dl4j",
      "labels.json, 100, native", "labels.json, 100, dl4j",
      "options.json, 600, native", "options.json, 600, dl4j"})
  @DisplayName("Every fixture case: loss_value, each δ element and each example loss within 1e-9·max(1, |torch|)")
  void matchesTorch(String file, int fewestCases, String backend) throws IOException {
    JsonNode fixture = fixture(file);
    JsonNode cases = fixture.get("cases");
    JsonNode expected = fixture.get("expected");
    assertThat(cases.size()).isEqualTo(expected.size()).isGreaterThan(fewestCases);
    boolean labelled = file.startsWith("labels");
    ObjectNode request = JSON.createObjectNode();
    request.set("cases", cases);

    CliRun run = CliRun.withInput(request.toString(), "delta", "--backend", backend, "--compact");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode results = JSON.readTree(run.out()).get("results");
    assertThat(results.size()).isEqualTo(cases.size());
    int passed = 0;
    for (int k = 0; k < cases.size(); k++) {
      JsonNode c = cases.get(k);
      String name = "case " + k + " " + c.get("activation").asText() + " + " + c.get("loss").asText()
          + " " + c.get("reduction").asText()
          + (c.has("labels") ? " labels " + c.get("labels") : "")
          + (c.has("ignore_index") ? " ignore_index " + c.get("ignore_index") : "")
          + options(c);
      if (labelled) {
        assertThat(c.has("y")).as(name).isFalse();
      }
      JsonNode mine = results.get(k);
      JsonNode theirs = expected.get(k);
      assertThat(mine.has("error")).as("%s: %s", name, mine.path("error").asText()).isFalse();
      assertClose(name + " loss_value", mine.get("loss_value").asDouble(),
          theirs.get("loss_value").asDouble());
      JsonNode delta = theirs.get("delta");
      assertThat(mine.get("delta").size()).as(name).isEqualTo(delta.size());
      for (int i = 0; i < delta.size(); i++) {
        assertThat(mine.get("delta").get(i).size()).as(name).isEqualTo(delta.get(i).size());
        for (int j = 0; j < delta.get(i).size(); j++) {
          assertClose(name + " δ[" + i + "][" + j + "]", mine.get("delta").get(i).get(j).asDouble(),
              delta.get(i).get(j).asDouble());
        }
      }
      if (theirs.has("example_losses")) {
        JsonNode losses = theirs.get("example_losses");
        assertThat(mine.get("example_losses").size()).as(name).isEqualTo(losses.size());
        for (int i = 0; i < losses.size(); i++) {
          assertClose(name + " ℓ[" + i + "]", mine.get("example_losses").get(i).asDouble(),
              losses.get(i).asDouble());
        }
      }
      passed++;
    }
    assertThat(passed).isEqualTo(cases.size());
  }

  /** The options a case gives, by name, for a failure message. */
  private static String options(JsonNode c) {
    StringBuilder s = new StringBuilder();
    for (String option : new String[] {"class_weights", "pos_weight", "example_weights", "mask",
        "label_smoothing"}) {
      if (c.has(option)) {
        s.append(' ').append(option).append(option.equals("label_smoothing") ? " " + c.get(option) : "");
      }
    }
    return s.toString();
  }

  private static JsonNode fixture(String file) throws IOException {
    try (InputStream in = PytorchFixtureThroughDeltaTest.class.getResourceAsStream("/pytorch/" + file)) {
      assertThat(in).as("pytorch/" + file + " on the test class path").isNotNull();
      return JSON.readTree(in);
    }
  }

  private static void assertClose(String what, double actual, double expected) {
    assertThat(Double.isFinite(actual)).as(what).isTrue();
    assertThat(Math.abs(actual - expected)).as("%s: %s vs torch %s", what, actual, expected)
        .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(expected)));
  }
}

package io.github.deltapair.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.deltapair.BackendRegistry;
import io.github.deltapair.Evaluator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code deltapair delta}: the JSON of the contract's §7 (docs/contract.md). */
@Command(
    name = "delta",
    mixinStandardHelpOptions = true,
    description = {
      "Compute loss, activations and delta for a batch of cases given as JSON:",
      "  {\"cases\": [{\"activation\": \"sigmoid\", \"loss\": \"binary-cross-entropy\",",
      "              \"reduction\": \"sum\", \"z\": [[0.5, -2.0]], \"y\": [[1.0, 0.0]]}]}",
      "Pairs whose loss takes target rows on the simplex (cross-entropy, kl-divergence) may"
          + " give class indices instead of y: \"labels\": [2, 0, 1], with an optional"
          + " \"ignore_index\": -100 (those rows get loss 0 and delta 0).",
      "Options (docs/contract.md §2b), where the loss takes them: \"class_weights\" (one per"
          + " column), \"pos_weight\" (one per column, binary-cross-entropy), \"example_weights\""
          + " (one per row), \"mask\" (0/1 rows like z; softmax rows whole), \"label_smoothing\""
          + " (ε in [0, 1), cross-entropy and binary-cross-entropy).",
      "Reductions: sum (default), mean (divides by every row m), mean-by-weight (divides by"
          + " Σ W_i, PyTorch's weighted mean), none (loss_value is the sum). Every result carries"
          + " \"example_losses\", the m per-example losses after options.",
      "A parameterised loss is named with its parameters, e.g. \"huber(delta=0.5)\" or"
          + " \"focal(gamma=2.0, alpha=0.25)\" (the bare name takes the defaults); any activation"
          + " or loss of the catalog works, including those of discovered plugins.",
      "\"dtype\": \"float32\" (default \"float64\") rounds z, y and the mask to float32 and"
          + " evaluates float32 batches: delta and a are written as float32 values, loss_value"
          + " and example_losses (summed in float64) as doubles; weights stay float64.",
      "A case that fails validation gets {\"error\": \"...\"} in its place; the others are still"
          + " computed (exit code 2 then). Numbers are written in shortest round-trip form."
    })
final class DeltaCommand implements Callable<Integer> {

  @Option(
      names = {"-b", "--backend"},
      paramLabel = "ID",
      description = "Backend id (default: the discovered default, see 'deltapair backends').")
  String backendId;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "FILE",
      defaultValue = "-",
      description = "JSON request file, or - for standard input (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(names = "--compact", description = "Write the JSON on one line.")
  boolean compact;

  @ParentCommand DeltapairCli cli;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    BackendRegistry registry = cli.registry();
    Evaluator backend =
        Evaluator.of(backendId == null ? registry.defaultBackend() : registry.get(backendId));
    // a broken catalog plugin is a discovery failure (exit 3), not a failure of each case
    cli.catalog();
    String source = "-".equals(input) ? "standard input" : input;
    List<JsonNode> cases = DeltaJson.readCases(read(), source);
    List<ObjectNode> results = new ArrayList<>(cases.size());
    int rejected = 0;
    int crashed = 0;
    for (JsonNode node : cases) {
      try {
        DeltaJson.DeltaCase request = DeltaJson.parseCase(node);
        var result = request.evaluate(backend);
        results.add(DeltaJson.result(request, result));
      } catch (IllegalArgumentException e) {
        results.add(DeltaJson.error(e.getMessage()));
        rejected++;
      } catch (RuntimeException e) {
        results.add(DeltaJson.error("backend '" + backend.backendId() + "' failed: " + e));
        crashed++;
      }
    }
    DeltaJson.write(DeltaJson.response(backend.backendId(), results), compact, spec.commandLine().getOut());
    if (crashed > 0) {
      return ExitCodes.BACKEND_FAILURE;
    }
    return rejected > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
  }

  private byte[] read() {
    try {
      return "-".equals(input) ? cli.stdin().readAllBytes() : Files.readAllBytes(Path.of(input));
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "--input " + input + ": no such file", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "--input " + input + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "--input " + input + ": " + e.getMessage(), e);
    }
  }
}

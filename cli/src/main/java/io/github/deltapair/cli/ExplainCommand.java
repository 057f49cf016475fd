package io.github.deltapair.cli;

import io.github.deltapair.Activation;
import io.github.deltapair.Catalog;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code deltapair explain ACTIVATION LOSS}: the pair's gradient contract and its derivation. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explain a pair's gradient contract: what ∂ℓ/∂a and f'(z) are, and whether they cancel.",
      "A parameterised loss is named with its parameters, e.g. 'huber(delta=0.5)' or"
          + " 'focal(gamma=2.0, alpha=0.25)'; the bare name takes the defaults.",
      "Activations: @ACTIVATIONS@.",
      "Losses: @LOSSES@."
    })
final class ExplainCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ACTIVATION", description = "e.g. sigmoid")
  String activation;

  @Parameters(index = "1", paramLabel = "LOSS", description = "e.g. binary-cross-entropy or 'huber(delta=0.5)'")
  String loss;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // Pair.of throws IllegalArgumentException with the api's message: exit code 2
    Pair pair = Pair.of(activation, loss);
    PrintWriter out = spec.commandLine().getOut();
    out.print(pair.explanation());
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Writes the discovered catalog's activations and losses into the help text (the placeholders
   * ACTIVATIONS and LOSSES between at-signs in the description), so plugins are listed too; the
   * built-ins' names if discovery fails (the command itself then reports the failure).
   */
  static void describeCatalog(CommandSpec explain) {
    String activations;
    String losses;
    try {
      Catalog catalog = Catalog.discovered();
      activations = catalog.activations().stream().map(Activation::id).collect(Collectors.joining(", "));
      losses = catalog.losses().stream().map(Loss::name).collect(Collectors.joining(", "));
    } catch (IllegalStateException e) {
      activations = "identity, sigmoid, softmax, tanh, exp, relu, softplus";
      losses = "squared-error, binary-cross-entropy, cross-entropy, poisson, bipolar-cross-entropy,"
          + " huber, focal, kl-divergence";
    }
    String[] lines = explain.usageMessage().description();
    String[] filled = new String[lines.length];
    for (int k = 0; k < lines.length; k++) {
      filled[k] = lines[k].replace("@ACTIVATIONS@", activations).replace("@LOSSES@", losses);
    }
    explain.usageMessage().description(filled);
  }
}

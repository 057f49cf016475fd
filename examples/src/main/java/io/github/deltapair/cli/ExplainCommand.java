package io.github.deltapair.cli;

import io.github.deltapair.Pair;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
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
      "Activations: identity, sigmoid, softmax, tanh, exp, relu, softplus.",
      "Losses: squared-error, binary-cross-entropy, cross-entropy, poisson, bipolar-cross-entropy."
    })
final class ExplainCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ACTIVATION", description = "e.g. sigmoid")
  String activation;

  @Parameters(index = "1", paramLabel = "LOSS", description = "e.g. binary-cross-entropy")
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
}

package io.github.deltapair.cli;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Catalog;
import io.github.deltapair.Loss;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Validation;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deltapair explain ACTIVATION LOSS [options]}: the pair's gradient contract and its
 * derivation, and with loss options the closed-form delta under them ({@link
 * Pair#explanation(Options)}).
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explain a pair's gradient contract: what ∂ℓ/∂a and f'(z) are, and whether they cancel.",
      "A parameterised loss is named with its parameters, e.g. 'huber(delta=0.5)' or"
          + " 'focal(gamma=2.0, alpha=0.25)'; the bare name takes the defaults.",
      "With loss options (docs/contract.md §2b) it adds the delta under them, e.g."
          + " 'explain sigmoid binary-cross-entropy --pos-weight 2,1' or"
          + " 'explain softmax cross-entropy --class-weights 1,2,3 --label-smoothing 0.1'.",
      "Activations: @ACTIVATIONS@.",
      "Losses: @LOSSES@."
    })
final class ExplainCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ACTIVATION", description = "e.g. sigmoid")
  String activation;

  @Parameters(index = "1", paramLabel = "LOSS", description = "e.g. binary-cross-entropy or 'huber(delta=0.5)'")
  String loss;

  @Option(names = "--class-weights", split = ",", paramLabel = "W",
      description = "Class weights w_j, one per output, e.g. 1,2,3.")
  double[] classWeights;

  @Option(names = "--pos-weight", split = ",", paramLabel = "P",
      description = "pos_weight p_j (binary-cross-entropy), one per output, e.g. 2,1.")
  double[] posWeight;

  @Option(names = "--label-smoothing", paramLabel = "EPS",
      description = "Label smoothing ε in [0, 1) (cross-entropy, binary-cross-entropy).")
  Double labelSmoothing;

  @Option(names = "--example-weights",
      description = "With example weights e_i (their values do not enter the formula).")
  boolean exampleWeights;

  @Option(names = "--mask",
      description = "With a 0/1 mask μ (its values do not enter the formula).")
  boolean mask;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // Pair.of and the option checks throw IllegalArgumentException with the api's message: exit 2
    Pair pair = Pair.of(activation, loss);
    Options options = options(pair);
    PrintWriter out = spec.commandLine().getOut();
    out.print(options.isNone() ? pair.explanation() : pair.explanation(options));
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The options of the flags, checked by the api's rules ({@link Validation#checkOptions}) on a
   * one-row batch as wide as the weights given: whether the loss takes each, and their values.
   */
  private Options options(Pair pair) {
    if (classWeights != null && posWeight != null && classWeights.length != posWeight.length) {
      throw new IllegalArgumentException(
          "--class-weights has " + classWeights.length + " entries but --pos-weight has "
              + posWeight.length + ": both give one weight per output column");
    }
    Options options = Options.NONE;
    if (classWeights != null) {
      options = options.withClassWeights(classWeights);
    }
    if (posWeight != null) {
      options = options.withPosWeight(posWeight);
    }
    if (labelSmoothing != null) {
      options = options.withLabelSmoothing(labelSmoothing);
    }
    if (exampleWeights) {
      options = options.withExampleWeights(1.0);
    }
    int n = classWeights != null ? classWeights.length
        : posWeight != null ? posWeight.length : pair.activation().minColumns();
    if (n < pair.activation().minColumns()) {
      throw new IllegalArgumentException(
          (classWeights != null ? "--class-weights" : "--pos-weight") + " has " + n + " entry but "
              + pair.activation().id() + " needs at least " + pair.activation().minColumns()
              + " outputs: give one weight per output");
    }
    if (mask) {
      double[] ones = new double[n];
      java.util.Arrays.fill(ones, 1.0);
      options = options.withMask(Batch.wrap(ones, 1, n));
    }
    Validation.checkOptions(pair, Batch.zeros(1, n), Batch.zeros(1, n), options);
    return options;
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

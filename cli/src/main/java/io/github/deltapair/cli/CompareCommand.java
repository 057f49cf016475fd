package io.github.deltapair.cli;

import io.github.deltapair.BackendRegistry;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Pair;
import io.github.deltapair.cli.compare.BatchShape;
import io.github.deltapair.cli.compare.CaseGenerator;
import io.github.deltapair.cli.compare.Comparison;
import io.github.deltapair.cli.compare.ComparisonResult;
import io.github.deltapair.cli.compare.ComparisonTable;
import io.github.deltapair.cli.compare.HtmlReport;
import io.github.deltapair.cli.compare.Progress;
import io.github.deltapair.cli.compare.ProgressBar;
import io.github.deltapair.cli.compare.ReferenceOracleAdapter;
import io.github.deltapair.cli.compare.Scenario;
import io.github.deltapair.reference.Tolerances;
import io.github.deltapair.spi.Backend;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code deltapair compare}: every backend over the whole catalog, against the oracle and each other. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Run every discovered backend over every pair of the catalog (canonical and chain-rule),"
          + " both reductions, random and extreme logits, hard and soft targets and several"
          + " shapes; check each against the conformance kit's ReferenceOracle (deltapair-reference)"
          + " and against each other, with the kit's tolerances.",
      "Each pair also runs with loss options (docs/contract.md §2b): class weights, example"
          + " weights, a mask, label smoothing, pos_weight, labels with ignore_index, each option"
          + " alone and combined where its loss supports it, under mean-by-weight and one of sum,"
          + " mean and none in turn (the widest set under all four), drawn by the kit's clause C10"
          + " generators; per-example losses are compared too.",
      "Each pair also runs in float32 (docs/contract.md §2c): per shape a random and an extreme"
          + " case, and two option sets, the inputs rounded to float32 and judged against the"
          + " oracle on them widened to float64 within 1e-6·max(1, |ref|) (δ and J).",
      "The catalog includes parameterised losses at their defaults (huber, focal) and the pairs"
          + " of discovered plugins; a backend that does not compute a pair (its supports(Pair)"
          + " says no) is reported as skipped for it.",
      "Prints a table on stdout; exits 1 if anything disagrees."
    })
final class CompareCommand implements Callable<Integer> {

  /** The shapes of a full run. */
  static final String DEFAULT_SHAPES = "1x1,4x3,32x10,256x16,1024x32";

  /** The shapes of {@code --quick}. */
  static final String QUICK_SHAPES = "1x1,3x4";

  enum ProgressMode { AUTO, ALWAYS, NEVER }

  @Option(
      names = {"-b", "--backend"},
      paramLabel = "ID",
      split = ",",
      description = "Compare only these backends (repeatable or comma-separated; default: all).")
  List<String> backendIds = new ArrayList<>();

  @Option(
      names = {"-p", "--pair"},
      paramLabel = "ACTIVATION+LOSS",
      // commas inside a loss's parameters, focal(gamma=2.0, alpha=0.25), do not split
      split = ",(?![^()]*\\))",
      splitSynopsisLabel = ",",
      description = "Only these pairs, e.g. sigmoid+squared-error or 'identity+huber(delta=0.5)'"
          + " (default: all of the catalog).")
  List<String> pairNames = new ArrayList<>();

  @Option(
      names = "--shapes",
      paramLabel = "RxC[,RxC...]",
      split = ",",
      description = "Batch shapes (default: " + DEFAULT_SHAPES + ").")
  List<String> shapes = new ArrayList<>();

  @Option(
      names = "--quick",
      description = "A fast run: shapes " + QUICK_SHAPES + " and no extra timed calls.")
  boolean quick;

  @Option(
      names = "--repeats",
      paramLabel = "N",
      defaultValue = "3",
      description = "Extra timed calls per case without options and backend (default:"
          + " ${DEFAULT-VALUE}); cases with options are timed by their checked call.")
  int repeats;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "20261127",
      description = "Seed of the generated inputs (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Also write DIR/index.html with the table and PNG charts.")
  Path report;

  @Option(
      names = "--progress",
      paramLabel = "WHEN",
      defaultValue = "AUTO",
      description = "Progress bar on stderr: ${COMPLETION-CANDIDATES} (auto: when a terminal).",
      converter = ProgressModeConverter.class)
  ProgressMode progress;

  @ParentCommand DeltapairCli cli;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    BackendRegistry registry = cli.registry();
    List<Backend> backends = backendIds.isEmpty()
        ? registry.all()
        : backendIds.stream().map(id -> registry.get(id.trim())).distinct().toList();
    // a broken catalog plugin is a discovery failure (exit 3)
    cli.catalog();
    List<Pair> pairs = pairNames.isEmpty() ? Pair.all() : pairNames.stream().map(CompareCommand::pair).toList();
    List<BatchShape> parsedShapes = (shapes.isEmpty()
            ? List.of((quick ? QUICK_SHAPES : DEFAULT_SHAPES).split(","))
            : shapes).stream().map(BatchShape::parse).toList();
    if (repeats < 0) {
      throw new IllegalArgumentException("--repeats " + repeats + ": it must be at least 0");
    }
    List<Scenario> plan = CaseGenerator.plan(pairs, parsedShapes, seed);
    List<Evaluator> evaluators = backends.stream().map(Evaluator::of).toList();
    PrintWriter err = spec.commandLine().getErr();
    boolean bar = progress == ProgressMode.ALWAYS || (progress == ProgressMode.AUTO && cli.interactive());
    ComparisonResult result =
        new Comparison(evaluators, new ReferenceOracleAdapter(), Tolerances.DEFAULTS,
            Tolerances.FLOAT32, quick ? 0 : repeats)
            .run(plan, bar ? new ProgressBar(err) : Progress.NONE);
    List<String> backendLines = backends.stream()
        .map(b -> b.id() + " " + b.version() + " from " + BackendRegistry.origin(b)).toList();
    PrintWriter out = spec.commandLine().getOut();
    out.print(ComparisonTable.render(result, backendLines));
    out.flush();
    if (report != null) {
      try {
        Path index = HtmlReport.write(result, backendLines, evaluators.get(0), report);
        err.println("deltapair: report written to " + index);
        err.flush();
      } catch (IOException e) {
        throw new CliException(ExitCodes.INTERNAL_ERROR,
            "cannot write the report to " + report + ": " + e.getMessage(), e);
      }
    }
    return result.agrees() ? ExitCodes.OK : ExitCodes.DISAGREEMENT;
  }

  private static Pair pair(String name) {
    try {
      return Pair.parse(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--pair " + e.getMessage(), e);
    }
  }
}

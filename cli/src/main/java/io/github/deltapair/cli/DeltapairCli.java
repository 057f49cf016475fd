package io.github.deltapair.cli;

import io.github.deltapair.BackendRegistry;
import io.github.deltapair.Backends;
import io.github.deltapair.Catalog;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code deltapair} command: {@code compare}, {@code delta}, {@code explain}, {@code backends}.
 *
 * <p>Errors are one line on stderr (with the stack trace only under {@code --verbose}); the exit
 * codes are those of {@link ExitCodes}. Logs go to stderr, so stdout holds only the output.
 */
@Command(
    name = "deltapair",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "The output-layer gradient δ = ∂J/∂z of a neural network as a tested contract.",
    subcommands = {
      CompareCommand.class,
      DeltaCommand.class,
      ExplainCommand.class,
      BackendsCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (compare: every backend agrees)",
      "1:compare found a disagreement",
      "2:usage error or bad input (delta: some case failed validation)",
      "3:discovery failure: no backend, a duplicate id (backend, activation or loss), a plugin"
          + " that fails to load",
      "4:internal error, or a file that cannot be written"
    })
public final class DeltapairCli implements Callable<Integer> {

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log discovery at info level and print stack traces with errors.")
  boolean verbose;

  @Spec CommandSpec spec;

  private final Supplier<BackendRegistry> registry;
  private final InputStream stdin;
  private final boolean interactive;

  /**
   * A tool that uses these backends and reads standard input from {@code stdin}.
   *
   * @param registry called when a command first needs the backends
   * @param stdin what {@code delta --input -} reads
   * @param interactive whether stderr is a terminal (enables {@code compare}'s progress bar)
   */
  public DeltapairCli(Supplier<BackendRegistry> registry, InputStream stdin, boolean interactive) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.stdin = Objects.requireNonNull(stdin, "stdin");
    this.interactive = interactive;
  }

  /** Runs the tool and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    if (Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v")) {
      // before the first logger is created: slf4j-simple reads its level once
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    }
    DeltapairCli cli = new DeltapairCli(Backends::registry, System.in, stderrIsTerminal());
    CommandLine line = cli.commandLine();
    // UTF-8 whatever the locale: explanations and tables use δ, σ, ∂, ⊙
    line.setOut(utf8(new FileOutputStream(FileDescriptor.out)));
    line.setErr(utf8(new FileOutputStream(FileDescriptor.err)));
    System.exit(line.execute(args));
  }

  /**
   * Whether stderr is a terminal: on Linux, whether file descriptor 2 links to a tty (so the
   * progress bar shows even when stdout is redirected); elsewhere, whether there is a console.
   */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  private static PrintWriter utf8(OutputStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  /** The picocli command line for this tool, with its error handling and exit codes. */
  public CommandLine commandLine() {
    CommandLine line = new CommandLine(this);
    line.setParameterExceptionHandler(DeltapairCli::usageError);
    line.setExecutionExceptionHandler(DeltapairCli::executionError);
    ExplainCommand.describeCatalog(line.getSubcommands().get("explain").getCommandSpec());
    return line;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }

  BackendRegistry registry() {
    try {
      return registry.get();
    } catch (IllegalStateException e) {
      throw new CliException(ExitCodes.BACKEND_FAILURE, e.getMessage(), e);
    }
  }

  /**
   * The discovered catalog (built-ins and plugins).
   *
   * @throws CliException (backend failure) if discovery fails: two definitions with one id, or a
   *     provider that fails to load
   */
  Catalog catalog() {
    try {
      return Catalog.discovered();
    } catch (IllegalStateException e) {
      throw new CliException(ExitCodes.BACKEND_FAILURE, e.getMessage(), e);
    }
  }

  InputStream stdin() {
    return stdin;
  }

  boolean interactive() {
    return interactive;
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    PrintWriter err = failed.getErr();
    err.println("deltapair: " + e.getMessage() + " (see '" + failed.getCommandSpec().qualifiedName()
        + " --help')");
    err.flush();
    return ExitCodes.BAD_INPUT;
  }

  private static int executionError(Exception e, CommandLine line, ParseResult parsed) {
    PrintWriter err = line.getErr();
    int code;
    String message;
    if (e instanceof CliException cli) {
      code = cli.exitCode();
      message = cli.getMessage();
    } else if (e instanceof IllegalArgumentException) {
      code = ExitCodes.BAD_INPUT;
      message = e.getMessage();
    } else if (e instanceof IllegalStateException) {
      code = ExitCodes.BACKEND_FAILURE;
      message = e.getMessage();
    } else {
      code = ExitCodes.INTERNAL_ERROR;
      message = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    err.println("deltapair: " + oneLine(message));
    if (verbose(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  static String oneLine(String message) {
    return message == null ? "(no message)" : message.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}

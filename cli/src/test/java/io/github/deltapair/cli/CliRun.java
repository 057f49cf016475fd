package io.github.deltapair.cli;

import io.github.deltapair.BackendRegistry;
import io.github.deltapair.Backends;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The tool run in-process with captured stdout and stderr.
 *
 * @param exitCode what {@code main} would exit with
 * @param out everything written to stdout
 * @param err everything written to stderr
 */
record CliRun(int exitCode, String out, String err) {

  /** Runs with the discovered backends and empty standard input. */
  static CliRun run(String... args) {
    return run(Backends::registry, "", args);
  }

  /** Runs with the discovered backends and this standard input. */
  static CliRun withInput(String stdin, String... args) {
    return run(Backends::registry, stdin, args);
  }

  static CliRun run(Supplier<BackendRegistry> registry, String stdin, String... args) {
    DeltapairCli cli = new DeltapairCli(
        registry, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false);
    CommandLine line = cli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}

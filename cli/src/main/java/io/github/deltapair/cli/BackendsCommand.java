package io.github.deltapair.cli;

import io.github.deltapair.BackendRegistry;
import io.github.deltapair.spi.Backend;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code deltapair backends}: what discovery found, with ids, versions and origins. */
@Command(
    name = "backends",
    mixinStandardHelpOptions = true,
    description = "List the discovered backends: id, version, description and the jar each came from.")
final class BackendsCommand implements Callable<Integer> {

  @ParentCommand DeltapairCli cli;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    BackendRegistry registry = cli.registry();
    String defaultId = defaultId(registry);
    PrintWriter out = spec.commandLine().getOut();
    for (Backend backend : registry.all()) {
      out.println(backend.id() + (backend.id().equals(defaultId) ? " (default)" : ""));
      out.println("  version      " + backend.version());
      out.println("  description  " + backend.description());
      out.println("  class        " + backend.getClass().getName());
      out.println("  origin       " + BackendRegistry.origin(backend));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String defaultId(BackendRegistry registry) {
    try {
      return registry.defaultBackend().id();
    } catch (RuntimeException e) {
      // no default (several backends, none preferred): list them all the same
      return "";
    }
  }
}

package io.github.deltapair.cli;

import picocli.CommandLine.IVersionProvider;

/** The tool's version: its jar's {@code Implementation-Version}. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = DeltapairCli.class.getPackage().getImplementationVersion();
    return new String[] {"deltapair " + (version == null ? "(development build)" : version)};
  }
}

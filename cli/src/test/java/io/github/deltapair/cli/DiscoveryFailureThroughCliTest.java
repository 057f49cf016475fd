package io.github.deltapair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.BackendRegistry;
import io.github.deltapair.spi.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Discovery failures as a user of the tool meets them: the real service loader over the test
 * class path (native and dl4j) plus one extra service file. Every command that needs backends
 * ends with exit 3 and one line on stderr naming the fix, and writes nothing to stdout.
 */
@DisplayName("deltapair backends / delta when discovery fails: one line, exit 3")
class DiscoveryFailureThroughCliTest {

  private static final String REQUEST = "{\"cases\": [{\"activation\": \"sigmoid\", \"loss\":"
      + " \"binary-cross-entropy\", \"z\": [[0.5]], \"y\": [[1.0]]}]}";

  @TempDir Path extra;

  @ParameterizedTest(name = "deltapair {0}")
  @ValueSource(strings = {"backends", "delta", "delta --backend dl4j"})
  @DisplayName("A second backend with the id 'native' on the class path: both classes named, 'remove one of these jars'")
  void duplicateId(String command) {
    CliRun run = CliRun.run(declaring(ImpostorBackend.class.getName()), REQUEST, command.split(" "));

    assertOneLine(run, "deltapair: Two deltapair backends share the id 'native': ");
    assertThat(run.err()).contains("io.github.deltapair.nativebackend.NativeBackend")
        .contains(ImpostorBackend.class.getName()).contains("remove one of these jars");
  }

  @ParameterizedTest(name = "deltapair {0}")
  @ValueSource(strings = {"backends", "delta"})
  @DisplayName("A service file naming a missing class: the file and 'fix or remove that jar'")
  void brokenServiceFile(String command) {
    CliRun run = CliRun.run(declaring("com.example.MissingBackend"), REQUEST, command);

    assertOneLine(run, "deltapair: A deltapair backend declared in META-INF/services/");
    assertThat(run.err()).contains("com.example.MissingBackend").contains("fix or remove that jar");
  }

  @ParameterizedTest(name = "deltapair {0}")
  @ValueSource(strings = {"delta", "delta --backend native"})
  @DisplayName("No backend on the class path: the jars to add")
  void noBackend(String command) {
    CliRun run = CliRun.run(() -> BackendRegistry.load(new URLClassLoader(new URL[0], null)), REQUEST,
        command.split(" "));

    assertOneLine(run, "deltapair: No deltapair backend found on the class path");
    assertThat(run.err()).contains("deltapair-native");
  }

  private static void assertOneLine(CliRun run, String start) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BACKEND_FAILURE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(start);
    assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("\tat ");
  }

  /** Discovery over this class path plus a service file declaring {@code className}. */
  private Supplier<BackendRegistry> declaring(String className) {
    try {
      Path services = Files.createDirectories(extra.resolve("META-INF/services"));
      Files.writeString(services.resolve(Backend.class.getName()), className + "\n");
      URLClassLoader loader = new URLClassLoader(new URL[] {extra.toUri().toURL()}, getClass().getClassLoader());
      return () -> BackendRegistry.load(loader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

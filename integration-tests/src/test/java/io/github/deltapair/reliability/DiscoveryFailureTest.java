package io.github.deltapair.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.deltapair.BackendRegistry;
import io.github.deltapair.Backends;
import io.github.deltapair.spi.Backend;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery failures through the real {@link java.util.ServiceLoader}, with both real backends on
 * the class path: each is one exception with one line that names the fix. (The api module checks
 * the same rules on hand-made registries.)
 */
@DisplayName("Discovery failures with both backends on the class path: one clear line each")
class DiscoveryFailureTest {

  @TempDir Path extra;

  @Test
  @DisplayName("A second jar declaring a backend with the id 'native' is refused, naming both classes, both origins and the fix")
  void duplicateIdThroughServiceLoader() throws IOException {
    Throwable thrown = catchThrowable(() -> BackendRegistry.load(loaderDeclaring(ImpostorBackend.class.getName())));

    assertThat(thrown).isInstanceOf(IllegalStateException.class);
    assertThat(thrown.getMessage())
        .doesNotContain("\n")
        .contains("Two deltapair backends share the id 'native'")
        .contains("io.github.deltapair.nativebackend.NativeBackend")
        .contains(ImpostorBackend.class.getName())
        .contains("deltapair-native")
        .contains("remove one of these jars");
  }

  @Test
  @DisplayName("A service file naming a class that does not exist is one error naming the file and the fix")
  void brokenServiceEntry() throws IOException {
    Throwable thrown = catchThrowable(() -> BackendRegistry.load(loaderDeclaring("com.example.MissingBackend")));

    assertThat(thrown).isInstanceOf(IllegalStateException.class);
    assertThat(thrown.getMessage())
        .doesNotContain("\n")
        .contains("META-INF/services/" + Backend.class.getName())
        .contains("com.example.MissingBackend")
        .contains("fix or remove that jar");
  }

  @Test
  @DisplayName("No backend visible: one error naming the jars to add")
  void noBackend() {
    Throwable thrown = catchThrowable(() -> BackendRegistry.load(new URLClassLoader(new URL[0], null)));

    assertThat(thrown).isInstanceOf(IllegalStateException.class);
    assertThat(thrown.getMessage()).doesNotContain("\n")
        .contains("No deltapair backend found on the class path").contains("deltapair-native").contains("deltapair-dl4j");
  }

  @Test
  @DisplayName("An unknown id lists both discovered ids")
  void unknownId() {
    Throwable thrown = catchThrowable(() -> Backends.get("nd4j"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    assertThat(thrown.getMessage()).doesNotContain("\n")
        .startsWith("No deltapair backend with id 'nd4j'; found: ")
        .contains("native").contains("dl4j")
        .contains("Use one of these ids");
  }

  /** This test class path plus a directory whose service file declares {@code className}. */
  private URLClassLoader loaderDeclaring(String className) throws IOException {
    Path services = Files.createDirectories(extra.resolve("META-INF/services"));
    Files.writeString(services.resolve(Backend.class.getName()), className + "\n");
    return new URLClassLoader(new URL[] {extra.toUri().toURL()}, getClass().getClassLoader());
  }
}

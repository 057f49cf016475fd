package io.github.deltapair.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.BackendRegistry;
import io.github.deltapair.Backends;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The dl4j backend is found through META-INF/services")
class ServiceLoaderRegistrationTest {

  @Test
  @DisplayName("Backends.get(\"dl4j\") returns a Dl4jBackend loaded by the service loader")
  void backendsFindsDl4jById() {
    assertThat(Backends.get("dl4j")).isInstanceOf(Dl4jBackend.class);
    assertThat(Backends.get("dl4j").id()).isEqualTo(Dl4jBackend.ID);
  }

  @Test
  @DisplayName("With native on the class path too, discovery lists both and native stays the default")
  void bothBackendsAreDiscovered() {
    BackendRegistry registry = BackendRegistry.load(getClass().getClassLoader());

    assertThat(registry.ids()).containsExactlyInAnyOrder("dl4j", "native");
    assertThat(registry.get("dl4j")).isInstanceOf(Dl4jBackend.class);
    assertThat(registry.defaultBackend().id()).isEqualTo("native");
  }

  @Test
  @DisplayName("-Ddeltapair.backend=dl4j makes dl4j the default")
  void propertySelectsDl4j() {
    String before = System.getProperty(BackendRegistry.DEFAULT_PROPERTY);
    System.setProperty(BackendRegistry.DEFAULT_PROPERTY, "dl4j");
    try {
      assertThat(BackendRegistry.load(getClass().getClassLoader()).defaultBackend())
          .isInstanceOf(Dl4jBackend.class);
    } finally {
      if (before == null) {
        System.clearProperty(BackendRegistry.DEFAULT_PROPERTY);
      } else {
        System.setProperty(BackendRegistry.DEFAULT_PROPERTY, before);
      }
    }
  }

  @Test
  @DisplayName("The description names ND4J's version without starting ND4J")
  void descriptionNamesTheNd4jVersion() {
    assertThat(new Dl4jBackend().description()).contains("ND4J/DL4J " + Dl4jBackend.ND4J_VERSION);
  }
}

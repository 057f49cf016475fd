package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackendRegistryTest {

  @AfterEach
  void clearProperty() {
    System.clearProperty(BackendRegistry.DEFAULT_PROPERTY);
  }

  @Test
  @DisplayName("no backend on the class path is an error that says which jar to add")
  void noBackend() {
    ClassLoader empty = new URLClassLoader(new URL[0], null);
    assertThatThrownBy(() -> BackendRegistry.load(empty))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No deltapair backend found")
        .hasMessageContaining("deltapair-native");
  }

  @Test
  @DisplayName("two backends with one id are refused, naming both classes")
  void duplicateId() {
    assertThatThrownBy(
            () -> BackendRegistry.of(List.of(
                new SquaredErrorOnlyBackend("same", 1), new SquaredErrorOnlyBackend("same", 2))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("share the id 'same'")
        .hasMessageContaining(SquaredErrorOnlyBackend.class.getName())
        .hasMessageContaining("remove one");
  }

  @Test
  @DisplayName("an unknown id lists the ids found")
  void unknownId() {
    BackendRegistry registry = BackendRegistry.of(List.of(new SquaredErrorOnlyBackend("a", 1)));
    assertThatThrownBy(() -> registry.get("b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No deltapair backend with id 'b'; found: a");
  }

  @Test
  @DisplayName("the default is the property's choice, else the only backend, else native")
  void defaultChoice() {
    SquaredErrorOnlyBackend a = new SquaredErrorOnlyBackend("a", 1);
    SquaredErrorOnlyBackend nat = new SquaredErrorOnlyBackend("native", 1);
    assertThat(BackendRegistry.of(List.of(a)).defaultBackend()).isSameAs(a);
    assertThat(BackendRegistry.of(List.of(a, nat)).defaultBackend()).isSameAs(nat);
    System.setProperty(BackendRegistry.DEFAULT_PROPERTY, "a");
    assertThat(BackendRegistry.of(List.of(a, nat)).defaultBackend()).isSameAs(a);
    System.setProperty(BackendRegistry.DEFAULT_PROPERTY, "zzz");
    assertThatThrownBy(() -> BackendRegistry.of(List.of(a, nat)).defaultBackend())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Ddeltapair.backend=zzz names no backend; found: a, native");
  }

  @Test
  @DisplayName("several backends and no native nor property: an error naming the property")
  void ambiguousDefault() {
    BackendRegistry registry = BackendRegistry.of(List.of(
        new SquaredErrorOnlyBackend("a", 1), new SquaredErrorOnlyBackend("b", 1)));
    assertThatThrownBy(registry::defaultBackend)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("-Ddeltapair.backend=ID");
  }
}

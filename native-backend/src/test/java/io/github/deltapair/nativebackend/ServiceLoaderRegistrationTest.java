package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.BackendRegistry;
import io.github.deltapair.Backends;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The native backend is found through META-INF/services")
class ServiceLoaderRegistrationTest {

  @Test
  @DisplayName("Backends.get(\"native\") returns a NativeBackend loaded by the service loader")
  void backendsFindsNativeById() {
    assertThat(Backends.get("native")).isInstanceOf(NativeBackend.class);
    assertThat(Backends.get("native").id()).isEqualTo(NativeBackend.ID);
  }

  @Test
  @DisplayName("BackendRegistry.load lists the native backend among the discovered ids")
  void registryListsNative() {
    BackendRegistry registry = BackendRegistry.load(getClass().getClassLoader());

    assertThat(registry.ids()).contains("native");
    assertThat(registry.get("native")).isInstanceOf(NativeBackend.class);
  }

  @Test
  @DisplayName("With only the native backend on the class path it is the default")
  void nativeIsTheDefault() {
    assertThat(Backends.defaultBackend()).isInstanceOf(NativeBackend.class);
  }
}

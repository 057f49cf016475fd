package io.github.deltapair.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Discovery must stay cheap: constructing the backend and listing backends load no ND4J or DL4J
 * class (loading {@code org.nd4j.linalg.factory.Nd4j} starts the native libraries, ~0.5 s warm and
 * seconds cold). Checked in a fresh class loader that records every class it is asked for, so
 * what earlier tests in this JVM loaded does not matter.
 */
@DisplayName("ND4J starts on first use, not when the backend is constructed or discovered")
class LazyStartTest {

  @Test
  @DisplayName("new Dl4jBackend(), id(), description() and version() load no org.nd4j or org.deeplearning4j class")
  void constructingLoadsNoNd4jClass() throws Exception {
    try (RecordingLoader loader = new RecordingLoader()) {
      Class<?> type = Class.forName(Dl4jBackend.class.getName(), true, loader);
      Object backend = type.getConstructor().newInstance();
      Object id = type.getMethod("id").invoke(backend);
      type.getMethod("description").invoke(backend);
      type.getMethod("version").invoke(backend);

      assertThat(id).isEqualTo("dl4j");
      assertThat(loader.requested).contains(Dl4jBackend.class.getName());
      assertThat(loader.requested).noneMatch(LazyStartTest::isNd4jOrDl4j);
    }
  }

  @Test
  @DisplayName("Backends.all() discovers dl4j and native through the service loader without loading ND4J")
  void discoveryLoadsNoNd4jClass() throws Exception {
    try (RecordingLoader loader = new RecordingLoader()) {
      Class<?> backends = Class.forName("io.github.deltapair.Backends", true, loader);
      List<?> all = (List<?>) backends.getMethod("all").invoke(null);
      List<Object> ids = all.stream().map(LazyStartTest::idOf).toList();

      assertThat(ids).containsExactlyInAnyOrder("dl4j", "native");
      assertThat(loader.requested).noneMatch(LazyStartTest::isNd4jOrDl4j);
    }
  }

  private static Object idOf(Object backend) {
    try {
      return backend.getClass().getMethod("id").invoke(backend);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isNd4jOrDl4j(String className) {
    return className.startsWith("org.nd4j.") || className.startsWith("org.deeplearning4j.");
  }

  /** The test class path, seen through a loader whose parent knows only the JDK's classes. */
  private static final class RecordingLoader extends URLClassLoader {

    final Set<String> requested = ConcurrentHashMap.newKeySet();

    RecordingLoader() {
      super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      return super.loadClass(name, resolve);
    }

    private static URL[] classPath() {
      String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
      URL[] urls = new URL[entries.length];
      for (int i = 0; i < entries.length; i++) {
        try {
          urls[i] = Path.of(entries[i]).toUri().toURL();
        } catch (MalformedURLException e) {
          throw new IllegalStateException(e);
        }
      }
      return urls;
    }
  }
}

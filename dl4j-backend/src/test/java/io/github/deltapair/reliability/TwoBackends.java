package io.github.deltapair.reliability;

import io.github.deltapair.Backends;
import io.github.deltapair.spi.Backend;
import java.util.List;

/** The two backends of this project, found through discovery as users find them. */
final class TwoBackends {

  private TwoBackends() {}

  static Backend nativeBackend() {
    return Backends.get("native");
  }

  static Backend dl4j() {
    return Backends.get("dl4j");
  }

  /** native, then dl4j. */
  static List<Backend> both() {
    return List.of(nativeBackend(), dl4j());
  }
}

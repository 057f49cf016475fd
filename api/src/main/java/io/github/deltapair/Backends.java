package io.github.deltapair;

import io.github.deltapair.spi.Backend;
import java.util.List;

/**
 * The backends on the class path, discovered once through {@link java.util.ServiceLoader} with
 * this class's class loader. See {@link BackendRegistry} for the rules.
 */
public final class Backends {

  private Backends() {}

  private static volatile BackendRegistry registry;

  /**
   * The registry of discovered backends, loaded on first use. A failed discovery is not cached: the
   * next call tries again and throws the same clear message.
   *
   * @throws IllegalStateException if no backend is found, two share an id, or one fails to load
   */
  public static BackendRegistry registry() {
    BackendRegistry loaded = registry;
    if (loaded == null) {
      synchronized (Backends.class) {
        loaded = registry;
        if (loaded == null) {
          loaded = BackendRegistry.load(Backends.class.getClassLoader());
          registry = loaded;
        }
      }
    }
    return loaded;
  }

  /** Every discovered backend. */
  public static List<Backend> all() {
    return registry().all();
  }

  /** The discovered backend with this id; see {@link BackendRegistry#get(String)}. */
  public static Backend get(String id) {
    return registry().get(id);
  }

  /** The default backend; see {@link BackendRegistry#defaultBackend()}. */
  public static Backend defaultBackend() {
    return registry().defaultBackend();
  }

  /**
   * An {@link Evaluator} over the default backend: what users call.
   *
   * @throws IllegalStateException if discovery fails (see {@link #registry()})
   */
  public static Evaluator evaluator() {
    return Evaluator.of(defaultBackend());
  }

  /**
   * An {@link Evaluator} over the discovered backend with this id.
   *
   * @throws IllegalArgumentException naming the ids found if there is none
   */
  public static Evaluator evaluator(String id) {
    return Evaluator.of(get(id));
  }
}

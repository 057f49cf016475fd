package io.github.deltapair;

import io.github.deltapair.spi.Backend;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of backends with unique ids, usually found by {@link #load(ClassLoader)}.
 *
 * <p>Nothing here falls back silently: no backend, an unknown id or two backends with one id is an
 * exception whose message names the fix.
 */
public final class BackendRegistry {

  /** The system property that selects the default backend by id: {@value}. */
  public static final String DEFAULT_PROPERTY = "deltapair.backend";

  /** The backend chosen by default when several are found and the property is not set. */
  public static final String PREFERRED_DEFAULT = "native";

  private static final Logger LOG = LoggerFactory.getLogger(BackendRegistry.class);

  private final Map<String, Backend> byId;

  private BackendRegistry(Map<String, Backend> byId) {
    this.byId = byId;
  }

  /**
   * The backends declared in {@code META-INF/services/io.github.deltapair.spi.Backend} visible to
   * {@code loader}. Logs, at INFO, each backend found and the jar it came from.
   *
   * @throws IllegalStateException if none is found, two share an id, or one fails to load
   */
  public static BackendRegistry load(ClassLoader loader) {
    List<Backend> found = new ArrayList<>();
    try {
      for (Backend backend : ServiceLoader.load(Backend.class, loader)) {
        found.add(backend);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "A deltapair backend declared in META-INF/services/" + Backend.class.getName()
              + " could not be loaded (" + e.getMessage() + "); fix or remove that jar", e);
    }
    if (found.isEmpty()) {
      throw new IllegalStateException(
          "No deltapair backend found on the class path: add a backend jar such as"
              + " io.github.deltapair:deltapair-native (or deltapair-dl4j) as a dependency");
    }
    BackendRegistry registry = of(found);
    for (Backend backend : registry.all()) {
      LOG.info("deltapair found backend '{}' ({}) from {}", backend.id(),
          backend.getClass().getName(), origin(backend));
    }
    return registry;
  }

  /**
   * A registry of exactly these backends, in this order.
   *
   * @throws IllegalStateException if the collection is empty or two backends share an id
   */
  public static BackendRegistry of(Collection<? extends Backend> backends) {
    Objects.requireNonNull(backends, "backends");
    if (backends.isEmpty()) {
      throw new IllegalStateException("A backend registry needs at least one backend");
    }
    Map<String, Backend> byId = new LinkedHashMap<>();
    for (Backend backend : backends) {
      Backend previous = byId.putIfAbsent(Objects.requireNonNull(backend.id(), "id"), backend);
      if (previous != null) {
        throw new IllegalStateException(
            "Two deltapair backends share the id '" + backend.id() + "': "
                + previous.getClass().getName() + " from " + origin(previous) + " and "
                + backend.getClass().getName() + " from " + origin(backend)
                + "; remove one of these jars from the class path");
      }
    }
    return new BackendRegistry(Collections.unmodifiableMap(byId));
  }

  /** Every backend, in discovery order, unmodifiable. */
  public List<Backend> all() {
    return List.copyOf(byId.values());
  }

  /** Every id, in discovery order. */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  /**
   * The backend with this id.
   *
   * @throws IllegalArgumentException naming the ids found if there is none
   */
  public Backend get(String id) {
    Objects.requireNonNull(id, "id");
    Backend backend = byId.get(id);
    if (backend == null) {
      throw new IllegalArgumentException(
          "No deltapair backend with id '" + id + "'; found: " + String.join(", ", byId.keySet())
              + ". Use one of these ids, or add the jar of the backend you meant");
    }
    return backend;
  }

  /**
   * The default backend: the one named by the system property {@value #DEFAULT_PROPERTY} if set;
   * otherwise the only backend; otherwise {@value #PREFERRED_DEFAULT} if present.
   *
   * @throws IllegalArgumentException if the property names an unknown id
   * @throws IllegalStateException if several backends are found, none is {@value
   *     #PREFERRED_DEFAULT}, and the property is not set
   */
  public Backend defaultBackend() {
    String chosen = System.getProperty(DEFAULT_PROPERTY);
    if (chosen != null && !chosen.isBlank()) {
      if (!byId.containsKey(chosen.trim())) {
        throw new IllegalArgumentException(
            "-D" + DEFAULT_PROPERTY + "=" + chosen + " names no backend; found: "
                + String.join(", ", byId.keySet()));
      }
      return byId.get(chosen.trim());
    }
    if (byId.size() == 1) {
      return byId.values().iterator().next();
    }
    if (byId.containsKey(PREFERRED_DEFAULT)) {
      return byId.get(PREFERRED_DEFAULT);
    }
    throw new IllegalStateException(
        "Several deltapair backends were found (" + String.join(", ", byId.keySet())
            + ") and none is the default; choose one with -D" + DEFAULT_PROPERTY + "=ID");
  }

  /** Where a backend's class was loaded from (its jar or directory), or "unknown". */
  public static String origin(Backend backend) {
    CodeSource source = backend.getClass().getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    return location == null ? "unknown" : location.toString();
  }
}

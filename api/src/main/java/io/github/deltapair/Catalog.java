package io.github.deltapair;

import io.github.deltapair.spi.CatalogProvider;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog: the built-in activations and losses and those found through {@link
 * CatalogProvider}s, with unique ids, and every valid pair of them.
 *
 * <p>{@link #discovered()} is the catalog that {@link Activation#fromId}, {@link Loss#fromId} and
 * {@link Pair#all()} use, loaded once with this class's class loader. Nothing falls back silently:
 * two definitions with one id, or a provider that fails to load, is an exception naming both
 * origins or the failing jar.
 */
public final class Catalog {

  private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

  /** The origin reported for the built-in definitions. */
  static final String BUILT_IN = "deltapair-api (built-in)";

  private static final List<Activation> BUILT_IN_ACTIVATIONS = List.of(
      Activation.IDENTITY, Activation.SIGMOID, Activation.SOFTMAX, Activation.TANH,
      Activation.EXP, Activation.RELU, Activation.SOFTPLUS);

  private static final List<Loss> BUILT_IN_LOSSES = List.of(
      Loss.SQUARED_ERROR, Loss.BINARY_CROSS_ENTROPY, Loss.CROSS_ENTROPY, Loss.POISSON,
      Loss.BIPOLAR_CROSS_ENTROPY, Loss.HUBER, Loss.FOCAL, Loss.KL_DIVERGENCE);

  private static volatile Catalog discovered;

  /** The built-in catalog, built on first use (not in a static initialiser of this class). */
  private static final class BuiltIns {
    static final Catalog CATALOG = of(List.of());
    static final Set<Class<?>> LOSS_FAMILIES = BUILT_IN_LOSSES.stream()
        .map(Object::getClass).collect(Collectors.toUnmodifiableSet());
  }

  private final Map<String, Activation> activations;
  private final Map<String, Loss> losses;
  private final List<Pair> pairs;

  private Catalog(Map<String, Activation> activations, Map<String, Loss> losses) {
    this.activations = Collections.unmodifiableMap(activations);
    this.losses = Collections.unmodifiableMap(losses);
    this.pairs = enumerate(activations.values(), losses.values());
  }

  /**
   * The catalog of the built-ins and of every {@link CatalogProvider} visible to this class's
   * class loader, loaded on first use (a failed load is not cached).
   *
   * @throws IllegalStateException if two definitions share an id or a provider fails to load
   */
  public static Catalog discovered() {
    Catalog loaded = discovered;
    if (loaded == null) {
      synchronized (Catalog.class) {
        loaded = discovered;
        if (loaded == null) {
          loaded = load(Catalog.class.getClassLoader());
          discovered = loaded;
        }
      }
    }
    return loaded;
  }

  /**
   * The built-ins and the providers declared in {@code
   * META-INF/services/io.github.deltapair.spi.CatalogProvider} visible to {@code loader}; logs,
   * at INFO, each definition a provider adds and where it came from.
   *
   * @throws IllegalStateException if two definitions share an id or a provider fails to load
   */
  public static Catalog load(ClassLoader loader) {
    List<CatalogProvider> providers = new ArrayList<>();
    try {
      for (CatalogProvider provider : ServiceLoader.load(CatalogProvider.class, loader)) {
        providers.add(provider);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "A deltapair catalog provider declared in META-INF/services/"
              + CatalogProvider.class.getName() + " could not be loaded (" + e.getMessage()
              + "); fix or remove that jar", e);
    }
    Catalog catalog = of(providers);
    for (CatalogProvider provider : providers) {
      LOG.info("deltapair catalog: {} adds activations {} and losses {} from {}",
          provider.getClass().getName(),
          provider.activations().stream().map(Activation::id).toList(),
          provider.losses().stream().map(Loss::name).toList(), origin(provider));
    }
    return catalog;
  }

  /** The catalog of the built-in definitions alone, without any provider's. */
  public static Catalog builtIns() {
    return BuiltIns.CATALOG;
  }

  /** Whether {@code f} is one of the seven built-in activations. */
  public static boolean isBuiltIn(Activation f) {
    return BUILT_IN_ACTIVATIONS.contains(Objects.requireNonNull(f, "activation"));
  }

  /**
   * Whether {@code loss} is a built-in definition, with any parameters ({@code huber(delta=0.5)}
   * is built in: same definition, other parameter).
   */
  public static boolean isBuiltIn(Loss loss) {
    return BuiltIns.LOSS_FAMILIES.contains(Objects.requireNonNull(loss, "loss").getClass());
  }

  /** Whether both halves of {@code pair} are built-in definitions. */
  public static boolean isBuiltIn(Pair pair) {
    return isBuiltIn(pair.activation()) && isBuiltIn(pair.loss());
  }

  /**
   * The built-ins and these providers' definitions, in this order.
   *
   * @throws IllegalStateException if two definitions share an id
   */
  public static Catalog of(List<? extends CatalogProvider> providers) {
    Objects.requireNonNull(providers, "providers");
    Map<String, Activation> activations = new LinkedHashMap<>();
    Map<String, String> activationOrigins = new LinkedHashMap<>();
    Map<String, Loss> losses = new LinkedHashMap<>();
    Map<String, String> lossOrigins = new LinkedHashMap<>();
    for (Activation f : BUILT_IN_ACTIVATIONS) {
      add(activations, activationOrigins, "activation", f.id(), f, BUILT_IN);
    }
    for (Loss loss : BUILT_IN_LOSSES) {
      add(losses, lossOrigins, "loss", loss.id(), loss, BUILT_IN);
    }
    for (CatalogProvider provider : providers) {
      Objects.requireNonNull(provider, "provider");
      String origin = provider.getClass().getName() + " from " + origin(provider);
      for (Activation f : Objects.requireNonNull(provider.activations(), "activations")) {
        add(activations, activationOrigins, "activation", Objects.requireNonNull(f, "activation").id(), f, origin);
      }
      for (Loss loss : Objects.requireNonNull(provider.losses(), "losses")) {
        add(losses, lossOrigins, "loss", Objects.requireNonNull(loss, "loss").id(), loss, origin);
      }
    }
    return new Catalog(activations, losses);
  }

  private static <T> void add(Map<String, T> byId, Map<String, String> origins, String kind,
      String id, T definition, String origin) {
    Objects.requireNonNull(id, kind + " id");
    String key = id.toLowerCase(Locale.ROOT);
    if (byId.containsKey(key)) {
      throw new IllegalStateException(
          "Two deltapair " + kind + "s share the id '" + id + "': one from " + origins.get(key)
              + " and one from " + origin + "; ids must be unique, so rename one or remove its jar");
    }
    byId.put(key, definition);
    origins.put(key, origin);
  }

  /** Every activation, built-ins first, unmodifiable. */
  public List<Activation> activations() {
    return List.copyOf(activations.values());
  }

  /** Every loss with its default parameters, built-ins first, unmodifiable. */
  public List<Loss> losses() {
    return List.copyOf(losses.values());
  }

  /**
   * Every valid pair of an activation and a loss (default parameters), canonical ones first,
   * unmodifiable.
   */
  public List<Pair> pairs() {
    return pairs;
  }

  /**
   * The activation with this id, any case.
   *
   * @throws IllegalArgumentException naming the known activations if there is none
   */
  public Activation activation(String id) {
    Objects.requireNonNull(id, "id");
    Activation f = activations.get(id.trim().toLowerCase(Locale.ROOT));
    if (f == null) {
      throw new IllegalArgumentException(
          "Unknown activation '" + id + "'; the activations are: "
              + String.join(", ", activations.keySet()));
    }
    return f;
  }

  /**
   * The loss with this name: its id, optionally with parameters, e.g. {@code huber(delta=1.5)};
   * parameters not given keep their defaults.
   *
   * @throws IllegalArgumentException for an unknown id, a malformed name, or an unknown or
   *     out-of-range parameter, naming it
   */
  public Loss loss(String name) {
    Objects.requireNonNull(name, "name");
    LossNames.Parsed parsed = LossNames.parse(name);
    Loss loss = losses.get(parsed.id());
    if (loss == null) {
      throw new IllegalArgumentException(
          "Unknown loss '" + name.trim() + "'; the losses are: " + String.join(", ", losses.keySet()));
    }
    try {
      return loss.withParameters(parsed.parameters());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("loss '" + name.trim() + "': " + e.getMessage(), e);
    }
  }

  private static List<Pair> enumerate(Iterable<Activation> activations, Iterable<Loss> losses) {
    List<Pair> canonical = new ArrayList<>();
    List<Pair> chain = new ArrayList<>();
    for (Loss loss : losses) {
      for (Activation f : activations) {
        if (Pair.fits(f, loss)) {
          Pair pair = new Pair(f, loss);
          (pair.isCanonical() ? canonical : chain).add(pair);
        }
      }
    }
    canonical.addAll(chain);
    return Collections.unmodifiableList(canonical);
  }

  /** Where a class was loaded from (its jar or directory), or "unknown". */
  static String origin(Object o) {
    CodeSource source = o.getClass().getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    return location == null ? "unknown" : location.toString();
  }
}

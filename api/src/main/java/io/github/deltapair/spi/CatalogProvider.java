package io.github.deltapair.spi;

import io.github.deltapair.Activation;
import io.github.deltapair.Loss;
import java.util.List;

/**
 * A provider of third-party activations and losses. Declare it in {@code
 * META-INF/services/io.github.deltapair.spi.CatalogProvider} (and {@code provides … with} in a
 * module descriptor); {@link io.github.deltapair.Catalog} finds it and makes every definition
 * usable by name wherever a built-in is. Ids must be unique across the catalog: two definitions
 * with one id stop discovery with a message naming both origins.
 *
 * <p>A loss is registered with its default parameters; its other parameterisations come from
 * {@link Loss#withParameters}. A pair this provider declares canonical (a loss whose {@link
 * Loss#canonicalActivation()} is given) is a claim: the conformance kit's clauses C1, C2 and C4
 * run for every discovered pair and prove or refute it.
 */
public interface CatalogProvider {

  /** The activations this provider adds; none by default. */
  default List<Activation> activations() {
    return List.of();
  }

  /** The losses this provider adds, with their default parameters; none by default. */
  default List<Loss> losses() {
    return List.of();
  }
}

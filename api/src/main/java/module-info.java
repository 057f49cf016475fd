/**
 * deltapair's API: the open catalog of activations, losses and pairs with their gradient
 * contracts, the batch types, the user-facing {@link io.github.deltapair.Evaluator}, and the two
 * service-provider interfaces it discovers through {@link java.util.ServiceLoader}: backends
 * ({@link io.github.deltapair.spi.Backend}) and third-party catalog entries ({@link
 * io.github.deltapair.spi.CatalogProvider}).
 *
 * <p>{@code org.slf4j} is required transitively: discovery logs through it, so a module that
 * requires this one reads SLF4J without {@code --add-modules}.
 *
 * @uses io.github.deltapair.spi.Backend
 * @uses io.github.deltapair.spi.CatalogProvider
 */
module io.github.deltapair {
  requires transitive org.slf4j;

  exports io.github.deltapair;
  exports io.github.deltapair.builtin;
  exports io.github.deltapair.spi;

  uses io.github.deltapair.spi.Backend;
  uses io.github.deltapair.spi.CatalogProvider;
}

package io.github.deltapair.examples.sparsemax;

import io.github.deltapair.Activation;
import io.github.deltapair.Loss;
import io.github.deltapair.spi.CatalogProvider;
import java.util.List;

/**
 * Registers {@link SparsemaxActivation sparsemax} and its {@link SparsemaxLoss Fenchel–Young loss}
 * with deltapair's catalog, through {@code
 * META-INF/services/io.github.deltapair.spi.CatalogProvider}. With this jar on the class path
 * {@code Pair.of("sparsemax", "sparsemax-loss")} and the command line's {@code delta}, {@code
 * explain} and {@code compare} know the pair by name.
 */
public final class SparsemaxCatalog implements CatalogProvider {

  /** The service loader's constructor. */
  public SparsemaxCatalog() {}

  @Override
  public List<Activation> activations() {
    return List.of(SparsemaxActivation.INSTANCE);
  }

  @Override
  public List<Loss> losses() {
    return List.of(SparsemaxLoss.INSTANCE);
  }
}

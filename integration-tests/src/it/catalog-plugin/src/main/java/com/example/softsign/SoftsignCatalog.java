package com.example.softsign;

import io.github.deltapair.Activation;
import io.github.deltapair.spi.CatalogProvider;
import java.util.List;

/**
 * Registers {@link Softsign} with deltapair's catalog through {@code
 * META-INF/services/io.github.deltapair.spi.CatalogProvider}: with this jar on the class path,
 * {@code Activation.fromId("softsign")} and {@code Pair.of("softsign", "squared-error")} work.
 */
public final class SoftsignCatalog implements CatalogProvider {

  /** The service loader's constructor. */
  public SoftsignCatalog() {}

  @Override
  public List<Activation> activations() {
    return List.of(Softsign.INSTANCE);
  }
}

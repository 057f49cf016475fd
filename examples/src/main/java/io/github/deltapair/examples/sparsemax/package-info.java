/**
 * A third-party plugin written through deltapair's public SPIs only: the sparsemax activation and
 * its Fenchel–Young loss ({@code δ = sparsemax(z) − y}), registered by a {@link
 * io.github.deltapair.spi.CatalogProvider} service file and computed by any backend that computes
 * pairs generically from their definitions (the native backend).
 */
package io.github.deltapair.examples.sparsemax;

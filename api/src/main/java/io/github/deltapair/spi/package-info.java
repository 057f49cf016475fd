/**
 * The service-provider interfaces. {@link io.github.deltapair.spi.Backend}: kernels, identity and
 * a capability hook, declared in {@code META-INF/services/io.github.deltapair.spi.Backend} and
 * proven by the conformance kit. {@link io.github.deltapair.spi.CatalogProvider}: third-party
 * activations and losses, declared in {@code
 * META-INF/services/io.github.deltapair.spi.CatalogProvider}. Users never need this package to
 * evaluate a pair: they call {@link io.github.deltapair.Evaluator}.
 */
package io.github.deltapair.spi;

/**
 * The built-in definitions of the catalog: seven activations and eight losses, each one small
 * class carrying its own math (range or domains, value, derivative or vector-Jacobian product,
 * {@code ∂ℓ/∂a}, canonical activation, and the stable {@link io.github.deltapair.LogitsForm}s that
 * replace the naive chain rule). Use them through the constants of {@link
 * io.github.deltapair.Activation} and {@link io.github.deltapair.Loss}; a third-party definition
 * is written the same way and registered through {@link io.github.deltapair.spi.CatalogProvider}.
 */
package io.github.deltapair.builtin;

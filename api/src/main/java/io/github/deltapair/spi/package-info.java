/**
 * The service-provider interface: implement {@link io.github.deltapair.spi.Backend}, declare it in
 * {@code META-INF/services/io.github.deltapair.spi.Backend}, and run the conformance kit against it.
 */
package io.github.deltapair.spi;

package io.github.deltapair.conformance.selftest;

import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.spi.Backend;

/** The kit against {@link ClippingBackend}; run only through EngineTestKit by {@link BrokenBackendsTest}. */
public class ClippingBackendKit extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new ClippingBackend();
  }
}

package io.github.deltapair.conformance.selftest;

import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.spi.Backend;

/** The kit against {@link KeptRowsMeanBackend}; run only through EngineTestKit by {@link BrokenBackendsTest}. */
public class KeptRowsMeanBackendKit extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new KeptRowsMeanBackend();
  }
}

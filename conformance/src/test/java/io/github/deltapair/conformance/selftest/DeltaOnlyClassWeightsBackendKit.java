package io.github.deltapair.conformance.selftest;

import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.spi.Backend;

/** The kit against {@link DeltaOnlyClassWeightsBackend}; run only through EngineTestKit by {@link BrokenBackendsTest}. */
public class DeltaOnlyClassWeightsBackendKit extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new DeltaOnlyClassWeightsBackend();
  }
}

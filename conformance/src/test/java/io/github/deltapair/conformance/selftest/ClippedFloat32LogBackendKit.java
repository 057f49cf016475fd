package io.github.deltapair.conformance.selftest;

import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.spi.Backend;

/** The kit against {@link ClippedFloat32LogBackend}; run only through EngineTestKit by {@link BrokenBackendsTest}. */
public class ClippedFloat32LogBackendKit extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new ClippedFloat32LogBackend();
  }
}

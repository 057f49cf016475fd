package io.github.deltapair.conformance;

import io.github.deltapair.reference.ReferenceBackend;
import io.github.deltapair.spi.Backend;

/** The kit run against its own oracle, as every backend runs it: it must pass entirely. */
class ReferenceBackendCompatibilityTest extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new ReferenceBackend();
  }
}

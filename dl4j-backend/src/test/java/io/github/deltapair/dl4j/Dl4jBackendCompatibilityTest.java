package io.github.deltapair.dl4j;

import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.spi.Backend;
import org.junit.jupiter.api.DisplayName;

/** Runs the whole conformance kit (docs/contract.md §5, C1–C11) against the dl4j backend; C9 compares it with native. */
@DisplayName("The dl4j backend honours the conformance kit")
class Dl4jBackendCompatibilityTest extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new Dl4jBackend();
  }
}

package io.github.deltapair.conformance.selftest;

import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.spi.Backend;

/**
 * The kit against the api's generic path, every pair computed from its definitions ({@link
 * DefinitionBackend}): the built-in definitions, judged by the kit's independent oracle, must pass
 * entirely.
 */
class DefinitionBackendCompatibilityTest extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new DefinitionBackend();
  }
}

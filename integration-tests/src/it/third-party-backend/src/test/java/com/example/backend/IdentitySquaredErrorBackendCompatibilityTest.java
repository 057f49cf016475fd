package com.example.backend;

import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.spi.Backend;

/** The whole kit on a backend that computes one pair: the others are skipped, none fails. */
class IdentitySquaredErrorBackendCompatibilityTest extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new IdentitySquaredErrorBackend();
  }
}

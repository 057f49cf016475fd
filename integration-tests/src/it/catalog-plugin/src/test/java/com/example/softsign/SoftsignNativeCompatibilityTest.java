package com.example.softsign;

import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.nativebackend.NativeBackend;
import io.github.deltapair.spi.Backend;

/** The kit on native with the softsign plugin on the class path: it runs every pair softsign forms. */
class SoftsignNativeCompatibilityTest extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new NativeBackend();
  }
}

package io.github.deltapair.examples.sparsemax;

import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.nativebackend.NativeBackend;
import io.github.deltapair.spi.Backend;
import org.junit.jupiter.api.DisplayName;

/**
 * The conformance kit on the native backend with the sparsemax plugin on the class path: the kit
 * runs every discovered pair, so C1, C2 and C4 prove the plugin's claim that sparsemax +
 * sparsemax-loss is canonical ({@code δ = sparsemax(z) − y}), and C3/C4 its chain-rule pairs
 * (sparsemax + squared-error, + huber), all computed by native generically from the definitions.
 */
@DisplayName("Conformance kit: native with the sparsemax plugin")
class SparsemaxNativeCompatibilityTest extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new NativeBackend();
  }
}

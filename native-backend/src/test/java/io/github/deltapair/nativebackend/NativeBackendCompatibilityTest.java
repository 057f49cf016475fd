package io.github.deltapair.nativebackend;

import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.spi.Backend;
import org.junit.jupiter.api.DisplayName;

/** Runs the whole conformance kit (docs/contract.md §5, C1–C10) against the native backend's scalar kernels. */
@DisplayName("The native backend's scalar kernels honour the conformance kit")
class NativeBackendCompatibilityTest extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new NativeBackend(false, KernelPath.PARALLEL_THRESHOLD);
  }
}

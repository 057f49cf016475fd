package io.github.deltapair.nativebackend;

import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.spi.Backend;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/**
 * Runs the whole conformance kit against the native backend's Vector API kernels (surefire adds
 * {@code jdk.incubator.vector}); C9 compares them with the scalar kernels.
 */
@DisplayName("The native backend's Vector API kernels honour the conformance kit")
class NativeBackendVectorCompatibilityTest extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new NativeBackend(true, KernelPath.PARALLEL_THRESHOLD);
  }

  @Override
  protected List<Backend> peers() {
    return List.of(new NativeBackend(false, KernelPath.PARALLEL_THRESHOLD));
  }
}

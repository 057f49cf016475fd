package io.github.deltapair.conformance.selftest;

import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.reference.ReferenceBackend;
import io.github.deltapair.spi.Backend;
import java.util.List;

/**
 * The kit against the correct reference backend with no peer to compare with, as on a class path
 * holding one backend: C9 must be skipped, not passed. Run only through EngineTestKit.
 */
public class LonelyReferenceKit extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return new ReferenceBackend();
  }

  @Override
  protected List<Backend> peers() {
    return List.of();
  }
}

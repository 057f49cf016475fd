package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Pair;
import io.github.deltapair.conformance.BackendCompatibilityKit;
import io.github.deltapair.spi.Backend;
import java.util.List;

/**
 * The kit against {@link DefinitionBackend} over one plugin pair whose claim to be canonical is
 * false (sigmoid + {@link ClaimedCanonicalSquaredError}), added through the {@code pairs()} hook so
 * that no other test of this module sees it. Run only through EngineTestKit.
 */
public class FalseCanonicalClaimKit extends BackendCompatibilityKit {

  /** sigmoid + claimed-canonical-squared-error, declared canonical. */
  static final Pair FALSE_CLAIM = Pair.of(Activation.SIGMOID, new ClaimedCanonicalSquaredError());

  @Override
  protected Backend backend() {
    return new DefinitionBackend();
  }

  @Override
  protected List<Pair> pairs() {
    return List.of(FALSE_CLAIM);
  }
}

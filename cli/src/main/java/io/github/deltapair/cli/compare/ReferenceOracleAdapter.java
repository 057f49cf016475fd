package io.github.deltapair.cli.compare;

import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.reference.ReferenceOracle;

/**
 * The {@link ReferenceOracle} of deltapair-reference, the one the conformance kit judges backends
 * with: independent textbook float64 formulas.
 */
public final class ReferenceOracleAdapter implements Oracle {

  @Override
  public String description() {
    String version = ReferenceOracle.class.getPackage().getImplementationVersion();
    return "deltapair-reference ReferenceOracle " + (version == null ? "" : version + " ")
        + "(textbook float64 formulas, stable canonical losses, compensated sums)";
  }

  @Override
  public boolean hasOwnFormulas(Pair pair) {
    return ReferenceOracle.hasOwnFormulas(pair);
  }

  @Override
  public Expected expect(Pair pair, Batch z, Targets targets, Options options, Reduction reduction) {
    if (options.isNone() && targets instanceof Batch y
        && (reduction == Reduction.SUM || reduction == Reduction.MEAN)) {
      return new Expected(ReferenceOracle.loss(pair, z, y, reduction),
          ReferenceOracle.delta(pair, z, y, reduction), null);
    }
    // the options formulas of the kit's clause C10 (docs/contract.md §2b)
    return new Expected(ReferenceOracle.loss(pair, z, targets, options, reduction),
        ReferenceOracle.delta(pair, z, targets, options, reduction),
        ReferenceOracle.exampleLosses(pair, z, targets, options));
  }
}

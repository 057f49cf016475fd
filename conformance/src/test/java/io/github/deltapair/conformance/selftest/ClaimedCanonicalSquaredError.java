package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.Loss;
import java.util.Optional;

/**
 * A plugin loss with a false claim: {@code ℓ = ½ Σ_j (a_j − y_j)²} declared canonical with
 * sigmoid. Its true delta with sigmoid is {@code (a − y)·a(1 − a)}, not the claimed {@code a − y};
 * the kit must refute the claim in C4.
 */
final class ClaimedCanonicalSquaredError implements Loss {

  @Override public String id() { return "claimed-canonical-squared-error"; }
  @Override public Interval predictionDomain() { return Interval.REAL; }
  @Override public Interval targetDomain() { return Interval.closed(0, 1); }
  @Override public Optional<Activation> canonicalActivation() { return Optional.of(Activation.SIGMOID); }
  @Override public String formula() { return "ℓ = ½ Σ_j (a_j − y_j)²"; }
  @Override public String gradientFormula() { return "a − y"; }
  @Override public double value(double a, double y) { return 0.5 * (a - y) * (a - y); }
  @Override public double gradient(double a, double y) { return a - y; }
  @Override public String toString() { return name(); }
}

package io.github.deltapair.conformance;

import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.ReferenceOracle;
import io.github.deltapair.reference.Sample;
import io.github.deltapair.reference.Tolerances;
import java.util.Arrays;
import org.opentest4j.AssertionFailedError;

/**
 * A pair declared canonical claims {@code δ = a − y}; when C1 or C4 refutes that for a backend,
 * this says so and tells whether the claim itself is false (central differences of the pair's own
 * loss, as the {@link ReferenceOracle} computes it, are not {@code a − y}) or the backend is.
 */
final class CanonicalClaim {

  private CanonicalClaim() {}

  /** Runs {@code check}; for a canonical pair, a failure is rethrown saying the declared contract does not hold. */
  static void check(Pair pair, String backendId, String clause, Sample sample,
      Tolerances tolerances, Runnable check) {
    if (!pair.isCanonical()) {
      check.run();
      return;
    }
    try {
      check.run();
    } catch (AssertionError failure) {
      throw new AssertionFailedError(pair + " is declared CANONICAL (δ = a − y: " + pair.loss().name()
          + "'s canonicalActivation() is " + pair.activation().id() + ") but the declared contract does"
          + " not hold for backend '" + backendId + "' in " + clause + ": " + failure.getMessage()
          + "; " + diagnose(pair, sample, tolerances), failure);
    }
  }

  /**
   * Whether the pair's own loss has gradient {@code a − y}: compares the central difference of
   * the oracle's loss with the oracle's {@code a − y} at each element until one disagrees.
   */
  static String diagnose(Pair pair, Sample sample, Tolerances tolerances) {
    // the claim is about each example's δ_i = ∂ℓ_i/∂z_i: the first row is enough
    int n = sample.z().cols();
    Batch z = Batch.wrap(Arrays.copyOf(sample.z().toFloat64().array(), n), 1, n);
    Batch y = Batch.wrap(Arrays.copyOf(sample.y().toFloat64().array(), n), 1, n);
    Batch probe = z.copy();
    Batch contract = ReferenceOracle.delta(pair, z, y, Reduction.SUM);
    double[] p = probe.array();
    int checked = Math.min(n, 16);
    for (int k = 0; k < checked; k++) {
      double original = p[k];
      double h = tolerances.finiteDifferenceStep() * Math.max(1.0, Math.abs(original));
      p[k] = original + h;
      double up = ReferenceOracle.loss(pair, probe, y, Reduction.SUM);
      p[k] = original - h;
      double down = ReferenceOracle.loss(pair, probe, y, Reduction.SUM);
      p[k] = original;
      // ∂J/∂z_k ≈ (J(z + h) − J(z − h)) / 2h
      double numeric = (up - down) / (2.0 * h);
      double expected = contract.array()[k];
      double difference = Math.abs(numeric - expected);
      if (difference > tolerances.finiteDifferenceAbsolute()
          && difference > tolerances.finiteDifferenceRelative() * (Math.abs(numeric) + Math.abs(expected))) {
        return "the claim itself is false: central differences of the pair's own loss"
            + (ReferenceOracle.hasOwnFormulas(pair) ? " (the kit's oracle)" : " (its definition's value())")
            + " give ∂J/∂z = " + numeric + " at column " + k + " of row 0" + ", not a − y = "
            + expected + "; declare no canonical activation (the chain rule then computes δ) or fix the loss";
      }
    }
    return "the pair's own loss does have gradient a − y on this sample"
        + " (central differences of " + (ReferenceOracle.hasOwnFormulas(pair) ? "the kit's oracle" : "its definition")
        + "), so the backend's kernel is at fault, not the claim";
  }
}

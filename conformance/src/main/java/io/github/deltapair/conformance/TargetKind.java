package io.github.deltapair.conformance;

/** Which targets {@link Inputs} draws for a loss. */
public enum TargetKind {
  /**
   * Labels at the ends of the loss's domain: one-hot rows for cross-entropy, {0, 1} for binary
   * cross-entropy and squared error, integer counts 0..4 for Poisson, ±1 for bipolar.
   */
  HARD,
  /**
   * Values spread inside the domain: rows drawn on the simplex for cross-entropy, uniform on [0, 1]
   * for binary cross-entropy, on [−1, 1] for bipolar, on [0, 4] for Poisson, on [−2, 2] for
   * squared error.
   */
  SOFT
}

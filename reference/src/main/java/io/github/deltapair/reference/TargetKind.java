package io.github.deltapair.reference;

/** Which targets {@link Inputs} draws for a loss (see {@link TargetRange}). */
public enum TargetKind {
  /**
   * Labels at the ends of the loss's target domain: one-hot rows where rows lie on the simplex,
   * the two ends of a finite interval ({0, 1}, {−1, 1}), integer counts 0..4 on {@code [0, ∞)},
   * {0, 1} on ℝ.
   */
  HARD,
  /**
   * Values spread inside the domain: rows drawn on the simplex, uniform over a finite interval, on
   * [0, 5] for {@code [0, ∞)}, on [−2, 2] for ℝ.
   */
  SOFT
}

package io.github.deltapair.reference;

import io.github.deltapair.Pair;

/**
 * The bounds {@code b} of random logits, drawn uniformly in {@code [−b, b]} by the conformance kit
 * and by the tool's {@code compare} alike, so the two cannot drift.
 */
public final class LogitBounds {

  /** Canonical pairs: wide, since matched pairs must be exact everywhere. */
  public static final double CANONICAL = 8.0;

  /** Chain-rule pairs: no activation saturates. */
  public static final double CHAIN_RULE = 3.0;

  /** Finite differences: the loss is smooth on the step's scale. */
  public static final double FINITE_DIFFERENCES = 2.0;

  private LogitBounds() {}

  /**
   * The bound of random logits for {@code pair}.
   *
   * @param pair the pair
   * @return {@link #CANONICAL} for a canonical pair, else {@link #CHAIN_RULE}
   */
  public static double of(Pair pair) {
    return pair.isCanonical() ? CANONICAL : CHAIN_RULE;
  }
}

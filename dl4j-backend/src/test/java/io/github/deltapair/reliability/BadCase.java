package io.github.deltapair.reliability;

import io.github.deltapair.Batch;
import io.github.deltapair.Pair;

/**
 * One input DESIGN §6 rejects, and where the message must point.
 *
 * @param rule what is broken, in words
 * @param pair the pair evaluated
 * @param z the logits
 * @param y the targets
 * @param argument the argument the message must name
 * @param row the row the message must name, or {@link #NONE}
 * @param column the column the message must name, or {@link #NONE}
 */
record BadCase(String rule, Pair pair, Batch z, Batch y, String argument, int row, int column) {

  static final int NONE = -1;

  /** Fresh copies of z and y, so a case can be handed out many times. */
  BadCase fresh() {
    return new BadCase(rule, pair, z.copy(), y.copy(), argument, row, column);
  }

  @Override
  public String toString() {
    return pair + ": " + rule;
  }
}

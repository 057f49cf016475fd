package io.github.deltapair.reference;

import io.github.deltapair.Batch;
import io.github.deltapair.Pair;

/**
 * One input the contract rejects (§6 of the design), and where the rejection message must point (see {@link BadInputs}).
 *
 * @param rule what is wrong, in words (the case's display name)
 * @param pair the pair evaluated
 * @param z the logits
 * @param y the targets
 * @param argument the argument the message must name ({@code z} or {@code y})
 * @param row the row the message must name, or −1 if none applies
 * @param column the column the message must name, or −1 if none applies
 */
public record BadInput(
    String rule, Pair pair, Batch z, Batch y, String argument, int row, int column) {

  /** No row or column applies. */
  public static final int NONE = -1;

  /** The same case with fresh copies of {@code z} and {@code y}, so it can be handed out again. */
  public BadInput fresh() {
    return new BadInput(rule, pair, z.copy(), y.copy(), argument, row, column);
  }

  @Override
  public String toString() {
    return pair + ": " + rule;
  }
}

package io.github.deltapair.reference;

import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import java.util.Optional;

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
 * @param mentions a word the message must contain besides ({@code "float32"} for the rules of
 *     float32 itself), or "" for none
 */
public record BadInput(
    String rule, Pair pair, Batch z, Batch y, String argument, int row, int column, String mentions) {

  /** No row or column applies. */
  public static final int NONE = -1;

  /** A case whose message need name only the argument, row and column. */
  public BadInput(String rule, Pair pair, Batch z, Batch y, String argument, int row, int column) {
    this(rule, pair, z, y, argument, row, column, "");
  }

  /** The same case with fresh copies of {@code z} and {@code y}, so it can be handed out again. */
  public BadInput fresh() {
    return new BadInput(rule, pair, z.copy(), y.copy(), argument, row, column, mentions);
  }

  /**
   * This case in float32 batches ({@code z} rounded to the nearest float, {@code y} by {@link
   * Inputs#toFloat32}, so valid simplex rows stay valid), if it is still broken there: the value
   * at the named row and column must round to itself or overflow float32 (a target of {@code
   * −1e-300} rounds to 0, inside the domain), and a target row named without a column must sum,
   * rounded, to further from 1 than float32's spacing allows ({@code n·2⁻²⁴}).
   *
   * @return the float32 case, its rule saying so, or empty if rounding mends it
   */
  public Optional<BadInput> inFloat32() {
    Sample rounded = new Sample(rule, z, y).in(Precision.FLOAT32);
    boolean survives;
    if (row != NONE && column != NONE) {
      double v = (argument.equals("z") ? z : y).get(row, column);
      float f = (float) v;
      survives = f == v || !Float.isFinite(f);
    } else if (row != NONE) {
      double sum = 0.0;
      for (int j = 0; j < y.cols(); j++) {
        sum += rounded.y().get(row, j);
      }
      survives = Math.abs(sum - 1.0) > y.cols() * 0x1p-24;
    } else {
      survives = true;
    }
    return survives ? Optional.of(new BadInput(rule + ", in float32", pair, rounded.z(), rounded.y(),
        argument, row, column, mentions)) : Optional.empty();
  }

  @Override
  public String toString() {
    return pair + ": " + rule;
  }
}

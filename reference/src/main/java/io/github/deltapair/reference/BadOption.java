package io.github.deltapair.reference;

import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Targets;

/**
 * One input with loss options that the contract rejects (its §2b and §6), and where the rejection
 * message must point (see {@link BadInputs#options()}).
 *
 * @param rule what is wrong, in words (the case's display name)
 * @param pair the pair evaluated
 * @param z the logits
 * @param targets dense {@code y} or labels
 * @param options the options, one of them (or the targets) broken
 * @param argument the argument or option the message must name ({@code class_weights}, {@code
 *     mask}, {@code labels}, {@code z}, …)
 * @param row the row the message must name, or {@link BadInput#NONE}
 * @param column the column the message must name, or {@link BadInput#NONE}
 */
public record BadOption(String rule, Pair pair, Batch z, Targets targets, Options options,
    String argument, int row, int column) {

  /** The same case with fresh copies of every array, so it can be handed out again. */
  public BadOption fresh() {
    OptionSample copy = new OptionSample(rule, z, targets, options).copy();
    return new BadOption(rule, pair, copy.z(), copy.targets(), copy.options(), argument, row, column);
  }

  /**
   * This case with {@code z} and dense {@code y} in float32 ({@link OptionSample#in}); what is
   * broken (an option, the labels, a NaN logit) stays broken.
   */
  public BadOption inFloat32() {
    OptionSample rounded = new OptionSample(rule, z, targets, options).in(Precision.FLOAT32);
    return new BadOption(rule + ", in float32", pair, rounded.z(), rounded.targets(), options, argument,
        row, column);
  }

  @Override
  public String toString() {
    return pair + ": " + rule;
  }
}

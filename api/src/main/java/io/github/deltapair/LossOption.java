package io.github.deltapair;

/**
 * The options of docs/contract.md §2b a loss may take, named as the command line and the messages
 * name them. A loss says which it supports through {@link Loss#supports(LossOption)}; an option a
 * loss does not support is rejected naming the option and the loss.
 */
public enum LossOption {
  /** Class-index targets ({@link Labels}) instead of dense one-hot rows. */
  LABELS("labels"),
  /** Examples whose label is the ignored value contribute nothing; only with labels. */
  IGNORE_INDEX("ignore_index"),
  /** One weight {@code w_j ≥ 0} per output (class): {@code ℓ_i = Σ_j w_j ℓ_ij}. */
  CLASS_WEIGHTS("class_weights"),
  /**
   * One weight {@code p_j > 0} per output on the positive term of a Bernoulli loss: {@code ℓ_ij =
   * −[p_j y log a + (1 − y) log(1 − a)]}.
   */
  POS_WEIGHT("pos_weight"),
  /** One weight {@code ≥ 0} per example: {@code ℓ_i ← w_i ℓ_i}. */
  EXAMPLE_WEIGHTS("example_weights"),
  /** A 0/1 entry per output: masked-out terms contribute 0 and are neither validated nor computed. */
  MASK("mask"),
  /** {@code y' = (1 − ε)y + ε/K}: {@code K = n} for cross-entropy, 2 for binary cross-entropy. */
  LABEL_SMOOTHING("label_smoothing");

  private final String id;

  LossOption(String id) {
    this.id = id;
  }

  /** The option's name, as the command line's JSON field: {@code "class_weights"}. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}

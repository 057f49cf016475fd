package io.github.deltapair.cli.compare;

import io.github.deltapair.LossOption;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.TargetKind;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One case of a comparison: a pair, a reduction, and how to generate its inputs.
 *
 * @param pair the activation and loss
 * @param reduction sum, mean, mean-by-weight or none
 * @param logits random or extreme logits
 * @param targets hard or soft targets
 * @param shape the batch shape
 * @param seed the seed of the generated inputs
 * @param options the loss options (docs/contract.md §2b) the case draws, empty for none; {@link
 *     LossOption#LABELS} means class-index targets instead of dense ones
 * @param precision the precision of the batches: float32 cases round the generated float64 inputs
 *     to float32 ({@link CaseGenerator#generate})
 */
public record Scenario(Pair pair, Reduction reduction, Logits logits, Targets targets,
    BatchShape shape, long seed, Set<LossOption> options, Precision precision) {

  /** Copies {@code options}, unmodifiable. */
  public Scenario {
    options = Set.copyOf(options);
    java.util.Objects.requireNonNull(precision, "precision");
  }

  /** A float64 case. */
  public Scenario(Pair pair, Reduction reduction, Logits logits, Targets targets,
      BatchShape shape, long seed, Set<LossOption> options) {
    this(pair, reduction, logits, targets, shape, seed, options, Precision.FLOAT64);
  }

  /** A float64 case without options. */
  public Scenario(
      Pair pair, Reduction reduction, Logits logits, Targets targets, BatchShape shape, long seed) {
    this(pair, reduction, logits, targets, shape, seed, Set.of());
  }

  /** How logits are drawn. */
  public enum Logits {
    /** Uniform in [−8, 8] for canonical pairs, [−3, 3] for chain-rule pairs ({@code LogitBounds}, the kit's). */
    RANDOM,
    /**
     * Each drawn from {0, ±17, ±30, ±100, ±1000} (exp: ±700 instead of ±1000), the contract's C2; for
     * chain-rule pairs only alike acceptance and finite results are checked there.
     */
    EXTREME
  }

  /** How targets are drawn: by the generators of deltapair-reference the kit uses, of the kit's kind. */
  public enum Targets {
    /** Labels at the ends of the loss's target domain: 0/1, one-hot rows, ±1, integer counts. */
    HARD(TargetKind.HARD),
    /** Values inside the loss's target domain, soft rows on the simplex. */
    SOFT(TargetKind.SOFT);

    private final TargetKind kind;

    Targets(TargetKind kind) {
      this.kind = kind;
    }

    /** The conformance kit's kind of targets. */
    public TargetKind kind() {
      return kind;
    }
  }

  /**
   * Whether results are compared with the oracle and between backends: always for canonical pairs
   * (exact for every finite logit, C1/C2), for chain-rule pairs at random (moderate) logits only.
   */
  public boolean judgedNumerically() {
    return pair.isCanonical() || logits == Logits.RANDOM;
  }

  /**
   * A readable name, e.g. {@code sigmoid+squared-error mean extreme/hard 4x3 seed 7}, or with
   * options {@code softmax+cross-entropy mean-by-weight random 4x3 seed 9 options [class_weights,
   * labels]}; a float32 case has {@code float32} after its shape.
   */
  public String label() {
    String shapeAndSeed =
        shape + (precision == Precision.FLOAT32 ? " float32" : "") + " seed " + seed;
    if (!options.isEmpty()) {
      return pair.name() + " " + reduction.id() + " " + logits.name().toLowerCase() + " "
          + shapeAndSeed + " options "
          + options.stream().map(LossOption::id).sorted().collect(Collectors.joining(", ", "[", "]"));
    }
    return pair.name() + " " + reduction.id() + " " + logits.name().toLowerCase() + "/"
        + targets.name().toLowerCase() + " " + shapeAndSeed;
  }
}

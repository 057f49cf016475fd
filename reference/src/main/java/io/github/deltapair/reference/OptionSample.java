package io.github.deltapair.reference;

import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.LossOption;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Targets;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Logits, targets and loss options (the contract's §2b) for one test case, drawn from a seed named
 * after the case. What the contract neither validates nor reads holds NaN: the rows of ignored
 * examples and of rows masked out whole, and masked-out entries of {@code z} and of dense
 * {@code y}.
 *
 * @param name the case, used as the seed and in failure messages
 * @param z the logits
 * @param targets dense {@code y} in the loss's domain, or class-index labels
 * @param options the options drawn
 */
public record OptionSample(String name, Batch z, Targets targets, Options options) {

  /**
   * A sample with those of {@code wanted} that {@code pair}'s loss {@link Loss#supports supports}
   * ({@link #applicable}): labels (with about a quarter ignored, for {@link
   * LossOption#IGNORE_INDEX}) instead of soft dense targets, class weights and example weights with
   * zeros, pos_weight in {@code [0.25, 4)}, a mask (whole rows for a row-wise activation) and a
   * smoothing in {@code [0.05, 0.3)}; logits uniform in {@code [−bound, bound]}.
   */
  public static OptionSample draw(String name, Pair pair, Shape shape, double bound,
      Set<LossOption> wanted) {
    Set<LossOption> given = applicable(pair.loss(), wanted);
    Inputs inputs = Inputs.seeded(name);
    Batch z = inputs.logits(shape, bound);
    Targets targets = given.contains(LossOption.LABELS)
        ? inputs.labels(shape, given.contains(LossOption.IGNORE_INDEX))
        : inputs.targets(pair.loss(), TargetKind.SOFT, shape);
    Options options = Options.NONE;
    if (given.contains(LossOption.CLASS_WEIGHTS)) {
      options = options.withClassWeights(inputs.classWeights(shape.cols()));
    }
    if (given.contains(LossOption.POS_WEIGHT)) {
      options = options.withPosWeight(inputs.posWeights(shape.cols()));
    }
    if (given.contains(LossOption.EXAMPLE_WEIGHTS)) {
      options = options.withExampleWeights(inputs.exampleWeights(shape.rows()));
    }
    if (given.contains(LossOption.LABEL_SMOOTHING)) {
      options = options.withLabelSmoothing(inputs.labelSmoothing());
    }
    if (given.contains(LossOption.MASK)) {
      Batch mask = inputs.mask(shape, !pair.activation().isElementwise());
      options = options.withMask(mask);
      z = Inputs.withMaskedEntries(z, mask, Double.NaN);
      if (targets instanceof Batch y) {
        targets = Inputs.withMaskedEntries(y, mask, Double.NaN);
      }
    }
    if (targets instanceof Labels labels) {
      z = Inputs.withIgnoredRows(z, labels, Double.NaN);
    }
    return new OptionSample(name, z, targets, options);
  }

  /**
   * The option sets the conformance kit's clause C10 runs, each option alone, then combinations:
   * labels with class weights; labels, ignore_index, class weights, example weights and smoothing;
   * the same with a mask; and dense targets with class weights, pos_weight, example weights, mask
   * and smoothing.
   */
  public static final List<Set<LossOption>> COMBINATIONS = List.of(
      EnumSet.of(LossOption.CLASS_WEIGHTS),
      EnumSet.of(LossOption.POS_WEIGHT),
      EnumSet.of(LossOption.EXAMPLE_WEIGHTS),
      EnumSet.of(LossOption.MASK),
      EnumSet.of(LossOption.LABEL_SMOOTHING),
      EnumSet.of(LossOption.LABELS, LossOption.CLASS_WEIGHTS),
      EnumSet.of(LossOption.LABELS, LossOption.IGNORE_INDEX, LossOption.CLASS_WEIGHTS,
          LossOption.EXAMPLE_WEIGHTS, LossOption.LABEL_SMOOTHING),
      EnumSet.of(LossOption.LABELS, LossOption.IGNORE_INDEX, LossOption.CLASS_WEIGHTS,
          LossOption.EXAMPLE_WEIGHTS, LossOption.LABEL_SMOOTHING, LossOption.MASK),
      EnumSet.of(LossOption.CLASS_WEIGHTS, LossOption.POS_WEIGHT, LossOption.EXAMPLE_WEIGHTS,
          LossOption.MASK, LossOption.LABEL_SMOOTHING));

  /**
   * The distinct non-empty sets {@link #applicable} makes of {@link #COMBINATIONS} for {@code loss},
   * in that order: a loss gets only the options it declares.
   */
  public static List<Set<LossOption>> combinationsFor(Loss loss) {
    Set<Set<LossOption>> sets = new LinkedHashSet<>();
    for (Set<LossOption> wanted : COMBINATIONS) {
      Set<LossOption> given = applicable(loss, wanted);
      if (!given.isEmpty() && !given.equals(EnumSet.of(LossOption.LABELS, LossOption.IGNORE_INDEX))) {
        sets.add(given);
      }
    }
    return List.copyOf(sets);
  }

  /** The largest of {@link #combinationsFor}: the set with the most options {@code loss} supports. */
  public static Set<LossOption> widestFor(Loss loss) {
    Set<LossOption> widest = EnumSet.noneOf(LossOption.class);
    for (Set<LossOption> set : combinationsFor(loss)) {
      if (set.size() > widest.size()) {
        widest = set;
      }
    }
    return widest;
  }

  /**
   * The options of {@code wanted} that {@code loss} supports; ignore_index only with labels, and
   * labels only where the loss takes them.
   */
  public static Set<LossOption> applicable(Loss loss, Set<LossOption> wanted) {
    Set<LossOption> given = EnumSet.noneOf(LossOption.class);
    for (LossOption option : wanted) {
      if (loss.supports(option)) {
        given.add(option);
      }
    }
    if (!given.contains(LossOption.LABELS)) {
      given.remove(LossOption.IGNORE_INDEX);
    }
    return given;
  }

  /**
   * This case with {@code z} and dense {@code y} in {@code precision}: rounded to the nearest
   * float for float32 (NaN kept; {@code y} by {@link Inputs#toFloat32}, so rows on the simplex
   * stay on it); labels and options as they are.
   */
  public OptionSample in(Precision precision) {
    if (z.precision() == precision) {
      return this;
    }
    boolean narrow = precision == Precision.FLOAT32;
    Targets t = targets instanceof Batch y ? (narrow ? Inputs.toFloat32(y) : y.toFloat64()) : targets;
    return new OptionSample(name, narrow ? z.toFloat32() : z.toFloat64(), t, options);
  }

  /** Deep copies, to keep a pristine record of what the backend was given. */
  public OptionSample copy() {
    Targets t = targets instanceof Labels labels ? Inputs.copy(labels) : ((Batch) targets).copy();
    return new OptionSample(name, z.copy(), t, copy(options));
  }

  /** A deep copy of {@code options}. */
  public static Options copy(Options options) {
    Options copy = Options.NONE;
    if (options.classWeights() != null) {
      copy = copy.withClassWeights(options.classWeights().clone());
    }
    if (options.posWeight() != null) {
      copy = copy.withPosWeight(options.posWeight().clone());
    }
    if (options.exampleWeights() != null) {
      copy = copy.withExampleWeights(options.exampleWeights().clone());
    }
    if (options.mask() != null) {
      copy = copy.withMask(options.mask().copy());
    }
    return options.labelSmoothing() == 0.0 ? copy : copy.withLabelSmoothing(options.labelSmoothing());
  }

  /** Whether every array of this sample holds the same bits as {@code other}'s (NaN included). */
  public boolean sameBits(OptionSample other) {
    boolean targetsSame = targets instanceof Labels labels
        ? other.targets() instanceof Labels theirs && java.util.Arrays.equals(labels.array(), theirs.array())
        : other.targets() instanceof Batch dense && ((Batch) targets).sameBits(dense);
    return z.sameBits(other.z()) && targetsSame
        && java.util.Arrays.equals(options.classWeights(), other.options().classWeights())
        && java.util.Arrays.equals(options.posWeight(), other.options().posWeight())
        && java.util.Arrays.equals(options.exampleWeights(), other.options().exampleWeights())
        && (options.mask() == null ? other.options().mask() == null
            : other.options().mask() != null && options.mask().sameBits(other.options().mask()))
        && options.labelSmoothing() == other.options().labelSmoothing();
  }

  @Override
  public String toString() {
    return name + " (" + targets + ", " + options + ")";
  }
}

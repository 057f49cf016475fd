package io.github.deltapair;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The loss options of docs/contract.md §2b besides the targets themselves: class weights,
 * pos_weight, example weights, a mask and label smoothing ({@code labels} and {@code ignore_index}
 * are given as {@link Labels}). Immutable; each {@code with…} returns a new value. The arrays are
 * views, never copied: they must not change while a call reads them.
 *
 * <p>Construction checks only what needs no batch (null arrays, the smoothing range); lengths,
 * values and whether the loss supports an option are checked by {@link Validation#checkOptions}
 * on every call, naming the option, the position and the rule.
 *
 * <pre>{@code
 * Options options = Options.NONE.withClassWeights(1.0, 4.0, 1.0).withLabelSmoothing(0.1);
 * }</pre>
 */
public final class Options {

  /** No options: every weight 1, no mask, no smoothing. */
  public static final Options NONE = new Options(null, null, null, null, 0.0);

  private final double[] classWeights;
  private final double[] posWeight;
  private final double[] exampleWeights;
  private final Batch givenMask;
  private final Batch mask;
  private final double labelSmoothing;

  private Options(double[] classWeights, double[] posWeight, double[] exampleWeights,
      Batch givenMask, double labelSmoothing) {
    this.classWeights = classWeights;
    this.posWeight = posWeight;
    this.exampleWeights = exampleWeights;
    this.givenMask = givenMask;
    // a float32 mask is read as its (exact) float64 widening
    this.mask = givenMask == null || givenMask.precision() == Precision.FLOAT64 ? givenMask
        : givenMask.toFloat64();
    this.labelSmoothing = labelSmoothing;
  }

  /** These options with class weights {@code w}, one per output column, finite and {@code ≥ 0}. */
  public Options withClassWeights(double... w) {
    return new Options(Objects.requireNonNull(w, "class_weights"), posWeight, exampleWeights, givenMask,
        labelSmoothing);
  }

  /** These options with pos_weight {@code p}, one per output column, finite and {@code > 0}. */
  public Options withPosWeight(double... p) {
    return new Options(classWeights, Objects.requireNonNull(p, "pos_weight"), exampleWeights, givenMask,
        labelSmoothing);
  }

  /** These options with example weights, one per row, finite and {@code ≥ 0}. */
  public Options withExampleWeights(double... w) {
    return new Options(classWeights, posWeight, Objects.requireNonNull(w, "example_weights"), givenMask,
        labelSmoothing);
  }

  /**
   * These options with a mask of the shape of {@code z}: 1 keeps an output's term, 0 drops it
   * (neither validated nor computed). With a row-wise activation (softmax) a row is all 0 or all 1.
   * The mask may be float64 or float32 whatever the batch's precision; a float32 mask is copied
   * here, widened, and {@link #mask()} returns that copy.
   */
  public Options withMask(Batch mask) {
    return new Options(classWeights, posWeight, exampleWeights, Objects.requireNonNull(mask, "mask"),
        labelSmoothing);
  }

  /**
   * These options with label smoothing {@code ε}: targets {@code y' = (1 − ε)y + ε/K}.
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ ε < 1}
   */
  public Options withLabelSmoothing(double epsilon) {
    if (!(epsilon >= 0.0 && epsilon < 1.0)) {
      throw new IllegalArgumentException(
          "label_smoothing is " + epsilon + ": it must lie in [0, 1)");
    }
    return new Options(classWeights, posWeight, exampleWeights, givenMask, epsilon);
  }

  /** The class weights, or null if none are given. */
  public double[] classWeights() {
    return classWeights;
  }

  /** The pos_weight, or null if none is given. */
  public double[] posWeight() {
    return posWeight;
  }

  /** The example weights, or null if none are given. */
  public double[] exampleWeights() {
    return exampleWeights;
  }

  /** The mask as a float64 batch, or null if none is given. */
  public Batch mask() {
    return mask;
  }

  /** Whether {@code batch} views the array of the mask as the caller gave it. */
  boolean maskSharesArrayWith(Batch batch) {
    return givenMask != null && givenMask.precision() == batch.precision()
        && givenMask.sharesArrayWith(batch);
  }

  /** The label smoothing {@code ε}, 0 if none. */
  public double labelSmoothing() {
    return labelSmoothing;
  }

  /** Whether no option is given (every weight 1, no mask, no smoothing). */
  public boolean isNone() {
    return classWeights == null && posWeight == null && exampleWeights == null && mask == null
        && labelSmoothing == 0.0;
  }

  /** The options given (smoothing only if {@code ε > 0}). */
  public Set<LossOption> given() {
    Set<LossOption> given = EnumSet.noneOf(LossOption.class);
    if (classWeights != null) {
      given.add(LossOption.CLASS_WEIGHTS);
    }
    if (posWeight != null) {
      given.add(LossOption.POS_WEIGHT);
    }
    if (exampleWeights != null) {
      given.add(LossOption.EXAMPLE_WEIGHTS);
    }
    if (mask != null) {
      given.add(LossOption.MASK);
    }
    if (labelSmoothing != 0.0) {
      given.add(LossOption.LABEL_SMOOTHING);
    }
    return given;
  }

  /** The weight of example {@code i}: its example weight, 1 without. */
  public double exampleWeight(int i) {
    return exampleWeights == null ? 1.0 : exampleWeights[i];
  }

  /**
   * Whether row {@code i} contributes nothing whatever its values: its label is ignored, or its
   * mask row is all 0. Such a row is neither validated nor computed.
   */
  public boolean dropsRow(Targets targets, int i) {
    if (targets instanceof Labels labels && labels.isIgnored(i)) {
      return true;
    }
    if (mask == null) {
      return false;
    }
    int n = mask.cols();
    double[] ms = mask.array();
    for (int k = i * n; k < (i + 1) * n; k++) {
      if (ms[k] != 0.0) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code W_i} of docs/contract.md §2b, the weight {@code mean-by-weight} divides by: the example
   * weight, times the class weight of the example's label (with labels and class weights), and 0
   * for an ignored example or a row masked out whole.
   */
  public double rowWeight(Targets targets, int i) {
    if (dropsRow(targets, i)) {
      return 0.0;
    }
    double w = exampleWeight(i);
    if (classWeights != null && targets instanceof Labels labels) {
      w *= classWeights[labels.get(i)];
    }
    return w;
  }

  /** {@code Σ_i W_i} over the {@code m} rows (compensated). */
  public double totalWeight(Targets targets) {
    double sum = 0.0;
    double compensation = 0.0;
    for (int i = 0; i < targets.rows(); i++) {
      double w = rowWeight(targets, i);
      double t = sum + w;
      compensation += Math.abs(sum) >= Math.abs(w) ? (sum - t) + w : (w - t) + sum;
      sum = t;
    }
    return sum + compensation;
  }

  @Override
  public String toString() {
    if (isNone()) {
      return "Options[none]";
    }
    StringJoiner s = new StringJoiner(", ", "Options[", "]");
    if (classWeights != null) {
      s.add("class_weights = " + java.util.Arrays.toString(classWeights));
    }
    if (posWeight != null) {
      s.add("pos_weight = " + java.util.Arrays.toString(posWeight));
    }
    if (exampleWeights != null) {
      s.add("example_weights of " + exampleWeights.length);
    }
    if (mask != null) {
      s.add("mask " + mask.shape());
    }
    if (labelSmoothing != 0.0) {
      s.add("label_smoothing = " + labelSmoothing);
    }
    return s.toString();
  }
}

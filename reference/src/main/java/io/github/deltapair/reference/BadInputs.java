package io.github.deltapair.reference;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of inputs the contract rejects (§6 of the design): each a valid 4 × 3 batch with one
 * thing broken, at row 2, column 1 unless the case says otherwise; plus the activation/loss
 * combinations that cannot form a pair and the loss names that cannot be parsed. The kit's clause
 * C7 runs every case against one backend; a test with several backends can check that they reject
 * each alike. Only built-in definitions appear here, so every backend of the built-ins can run it.
 */
public final class BadInputs {

  /** The shape of every case but the shape mismatches: 4 × 3. */
  public static final Shape SHAPE = Shape.of(4, 3);

  private static final int ROW = 2;
  private static final int COLUMN = 1;

  private static final List<Activation> BUILT_IN_ACTIVATIONS = List.of(
      Activation.IDENTITY, Activation.SIGMOID, Activation.SOFTMAX, Activation.TANH,
      Activation.EXP, Activation.RELU, Activation.SOFTPLUS);
  private static final List<Loss> BUILT_IN_LOSSES = List.of(
      Loss.SQUARED_ERROR, Loss.BINARY_CROSS_ENTROPY, Loss.CROSS_ENTROPY, Loss.POISSON,
      Loss.BIPOLAR_CROSS_ENTROPY, Loss.HUBER, Loss.FOCAL, Loss.KL_DIVERGENCE);

  private BadInputs() {}

  /** Every bad input, with fresh batches on each call. */
  public static List<BadInput> all() {
    List<BadInput> cases = new ArrayList<>();
    cases.addAll(structure());
    cases.addAll(nonFinite());
    cases.addAll(overflow());
    cases.addAll(targetDomains());
    cases.addAll(simplex());
    cases.addAll(saturation());
    return cases;
  }

  /**
   * The catalog for float32 batches (the contract's §2c): every case of {@link #all()} that rounding
   * to float32 leaves broken ({@link BadInput#inFloat32()}), then the rules of float32 itself,
   * whose messages must name float32: exp above {@code log(Float.MAX_VALUE) ≈ 88.72} (89 with
   * poisson, cross-entropy and huber, 88.8 with squared-error); results beyond float32's range on
   * valid input, which are the caller's overflow (identity + squared-error at {@code z = 3e38, y =
   * −3e38}: the delta 6e38; at {@code z = 2e19, y = −2e19}: the loss 8e38, not the delta; exp +
   * squared-error at {@code z = 45}: the delta {@code (a − y)·a ≈ 1.2e39}); and {@code y} of the
   * other precision than {@code z}. Fresh batches on each call.
   */
  public static List<BadInput> float32() {
    List<BadInput> cases = new ArrayList<>();
    for (BadInput bad : all()) {
      bad.inFloat32().ifPresent(cases::add);
    }
    Pair squared = Pair.canonical(Loss.SQUARED_ERROR);
    Pair expSquared = Pair.of(Activation.EXP, Loss.SQUARED_ERROR);
    cases.add(float32(inZ(Pair.canonical(Loss.POISSON), 89.0, "exp(89) overflows float32")));
    cases.add(float32(inZ(expSquared, 88.8, "exp(88.8) overflows float32")));
    cases.add(float32(inZ(Pair.of(Activation.EXP, Loss.CROSS_ENTROPY), 89.0, "exp(89) overflows float32")));
    cases.add(float32(inZ(Pair.of(Activation.EXP, Loss.HUBER), 89.0, "exp(89) overflows float32")));
    BadInput delta = inZ(squared, 3e38, "the delta z − y = 6e38 overflows float32");
    delta.y().set(ROW, COLUMN, -3e38);
    cases.add(float32(delta));
    BadInput loss = inZ(squared, 2e19, "the loss ½(z − y)² = 8e38 overflows float32, its delta 4e19 does not");
    loss.y().set(ROW, COLUMN, -2e19);
    cases.add(float32(loss));
    cases.add(float32(inZ(expSquared, 45.0, "the delta (a − y)·a ≈ 1.2e39 overflows float32")));
    Pair bce = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
    BadInput narrowZ = valid(bce, "y is float64 but z is float32", "y", BadInput.NONE, BadInput.NONE);
    cases.add(new BadInput(narrowZ.rule(), bce, narrowZ.z().toFloat32(), narrowZ.y(), "y", BadInput.NONE,
        BadInput.NONE, "float32"));
    BadInput narrowY = valid(bce, "y is float32 but z is float64", "y", BadInput.NONE, BadInput.NONE);
    cases.add(new BadInput(narrowY.rule(), bce, narrowY.z(), narrowY.y().toFloat32(), "y", BadInput.NONE,
        BadInput.NONE, "float32"));
    return cases;
  }

  /** {@code bad} in float32 batches, its message to name float32. */
  private static BadInput float32(BadInput bad) {
    Sample rounded = new Sample(bad.rule(), bad.z(), bad.y()).in(Precision.FLOAT32);
    return new BadInput(bad.rule(), bad.pair(), rounded.z(), rounded.y(), bad.argument(), bad.row(),
        bad.column(), "float32");
  }

  /**
   * Every bad option (the contract's §2b): weights of the wrong length, negative, NaN or infinite
   * weights, a zero pos_weight, labels out of range beside options, options the loss does not
   * support (pos_weight with cross-entropy, labels with poisson, smoothing with squared-error), a
   * mask of the wrong shape or not 0/1 or splitting a softmax row, and a NaN logit in a kept entry
   * beside masked-out NaN; each on a valid 4 × 3 batch, broken at row 2 or column 1. Fresh arrays
   * on each call.
   */
  public static List<BadOption> options() {
    Pair bce = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
    Pair ce = Pair.canonical(Loss.CROSS_ENTROPY);
    Pair squared = Pair.canonical(Loss.SQUARED_ERROR);
    Pair sigmoidSquared = Pair.of(Activation.SIGMOID, Loss.SQUARED_ERROR);
    Pair poisson = Pair.canonical(Loss.POISSON);
    List<BadOption> cases = new ArrayList<>();
    cases.add(option("class_weights has 2 entries for 3 columns", ce,
        Options.NONE.withClassWeights(1.0, 2.0), "class_weights", BadInput.NONE, BadInput.NONE));
    cases.add(option("class_weights −0.5 at column 1", sigmoidSquared,
        Options.NONE.withClassWeights(1.0, -0.5, 1.0), "class_weights", BadInput.NONE, COLUMN));
    cases.add(option("class_weights NaN at column 1", ce,
        Options.NONE.withClassWeights(1.0, Double.NaN, 1.0), "class_weights", BadInput.NONE, COLUMN));
    cases.add(option("class_weights +∞ at column 1", bce,
        Options.NONE.withClassWeights(1.0, Double.POSITIVE_INFINITY, 1.0), "class_weights", BadInput.NONE, COLUMN));
    cases.add(option("pos_weight has 4 entries for 3 columns", bce,
        Options.NONE.withPosWeight(1.0, 2.0, 3.0, 4.0), "pos_weight", BadInput.NONE, BadInput.NONE));
    cases.add(option("pos_weight 0 at column 1", bce,
        Options.NONE.withPosWeight(1.0, 0.0, 1.0), "pos_weight", BadInput.NONE, COLUMN));
    cases.add(option("pos_weight −2 at column 1", bce,
        Options.NONE.withPosWeight(1.0, -2.0, 1.0), "pos_weight", BadInput.NONE, COLUMN));
    cases.add(option("pos_weight NaN at column 1", bce,
        Options.NONE.withPosWeight(1.0, Double.NaN, 1.0), "pos_weight", BadInput.NONE, COLUMN));
    cases.add(option("example_weights has 3 entries for 4 rows", squared,
        Options.NONE.withExampleWeights(1.0, 1.0, 1.0), "example_weights", BadInput.NONE, BadInput.NONE));
    cases.add(option("example_weights −1 at row 2", bce,
        Options.NONE.withExampleWeights(1.0, 1.0, -1.0, 1.0), "example_weights", ROW, BadInput.NONE));
    cases.add(option("example_weights −∞ at row 2", ce,
        Options.NONE.withExampleWeights(1.0, 1.0, Double.NEGATIVE_INFINITY, 1.0), "example_weights", ROW, BadInput.NONE));
    cases.add(option("example_weights NaN at row 2", poisson,
        Options.NONE.withExampleWeights(1.0, 1.0, Double.NaN, 1.0), "example_weights", ROW, BadInput.NONE));
    cases.add(option("pos_weight with cross-entropy, which does not support it", ce,
        Options.NONE.withPosWeight(1.0, 1.0, 1.0), "pos_weight", BadInput.NONE, BadInput.NONE));
    cases.add(option("label_smoothing with squared-error, which does not support it", squared,
        Options.NONE.withLabelSmoothing(0.1), "label_smoothing", BadInput.NONE, BadInput.NONE));
    cases.add(option("label_smoothing with poisson, which does not support it", poisson,
        Options.NONE.withLabelSmoothing(0.2), "label_smoothing", BadInput.NONE, BadInput.NONE));
    cases.add(option("mask is 3 × 3 for a 4 × 3 batch", bce,
        Options.NONE.withMask(Inputs.filled(Shape.of(3, 3), 1.0)), "mask", BadInput.NONE, BadInput.NONE));
    Batch half = Inputs.filled(SHAPE, 1.0);
    half.set(ROW, COLUMN, 0.5);
    cases.add(option("mask 0.5 at row 2, column 1", sigmoidSquared, Options.NONE.withMask(half),
        "mask", ROW, COLUMN));
    Batch nanMask = Inputs.filled(SHAPE, 1.0);
    nanMask.set(ROW, COLUMN, Double.NaN);
    cases.add(option("mask NaN at row 2, column 1", bce, Options.NONE.withMask(nanMask),
        "mask", ROW, COLUMN));
    Batch split = Inputs.filled(SHAPE, 1.0);
    split.set(ROW, COLUMN, 0.0);
    cases.add(option("mask splits softmax row 2 (0 at column 1 only)", ce, Options.NONE.withMask(split),
        "mask", ROW, COLUMN));
    cases.add(option("mask splits softmax + squared-error row 2", Pair.of(Activation.SOFTMAX, Loss.SQUARED_ERROR),
        Options.NONE.withMask(split.copy()), "mask", ROW, COLUMN));
    // a NaN logit in a kept entry, beside masked-out NaN that must be accepted
    Batch masked = Inputs.filled(SHAPE, 1.0);
    masked.set(0, 0, 0.0);
    BadOption nanKept = option("a NaN logit in a kept entry beside masked-out NaN", bce,
        Options.NONE.withMask(masked), "z", ROW, COLUMN);
    nanKept.z().set(0, 0, Double.NaN);
    nanKept.z().set(ROW, COLUMN, Double.NaN);
    cases.add(nanKept);
    // labels: out of range beside class weights, with a loss that takes dense y, ignore_index beside a mask
    Inputs inputs = Inputs.seeded("bad option labels");
    cases.add(new BadOption("label 3 at row 2 with class weights", ce, inputs.logits(SHAPE, 2.0),
        Labels.of(new int[] {0, 1, 3, 2}), Options.NONE.withClassWeights(1.0, 2.0, 3.0), "labels", ROW, BadInput.NONE));
    cases.add(new BadOption("labels with poisson, which takes dense y", poisson, inputs.logits(SHAPE, 2.0),
        Labels.of(new int[] {0, 1, 2, 0}), Options.NONE.withExampleWeights(1.0, 1.0, 1.0, 1.0), "labels",
        BadInput.NONE, BadInput.NONE));
    cases.add(new BadOption("label −1 at row 2 beside ignore_index −100 and smoothing", ce, inputs.logits(SHAPE, 2.0),
        Labels.of(new int[] {0, -100, -1, 2}, -100), Options.NONE.withLabelSmoothing(0.1), "labels", ROW, BadInput.NONE));
    cases.add(new BadOption("class_weights has 4 entries for 3 columns, with labels", Pair.canonical(Loss.KL_DIVERGENCE),
        inputs.logits(SHAPE, 2.0), Labels.of(new int[] {0, 1, 2, 0}), Options.NONE.withClassWeights(1, 1, 1, 1),
        "class_weights", BadInput.NONE, BadInput.NONE));
    return cases;
  }

  private static BadOption option(String rule, Pair pair, Options options, String argument, int row,
      int column) {
    Inputs inputs = Inputs.seeded(pair + rule);
    return new BadOption(rule, pair, inputs.logits(SHAPE, 2.0),
        inputs.targets(pair.loss(), TargetKind.SOFT, SHAPE), options, argument, row, column);
  }

  /** Activations and losses that must not make a pair: the activation's range misses the loss's domain. */
  public static List<BadPairing> pairings() {
    return List.of(
        new BadPairing(Activation.SOFTMAX, Loss.FOCAL, "focal is element-wise; softmax is row-wise"),
        new BadPairing(Activation.SOFTMAX, Loss.focal(0.5, 0.25), "focal is element-wise; softmax is row-wise"),
        new BadPairing(Activation.IDENTITY, Loss.FOCAL, "identity's range ℝ is not inside (0, 1)"),
        new BadPairing(Activation.TANH, Loss.focal(0.0), "tanh's range (−1, 1) is not inside (0, 1)"),
        new BadPairing(Activation.IDENTITY, Loss.BINARY_CROSS_ENTROPY, "identity's range ℝ is not inside (0, 1)"),
        new BadPairing(Activation.RELU, Loss.POISSON, "relu's range [0, ∞) includes 0, where log a = −∞"),
        new BadPairing(Activation.RELU, Loss.KL_DIVERGENCE, "relu's range [0, ∞) includes 0, where log a = −∞"),
        new BadPairing(Activation.TANH, Loss.KL_DIVERGENCE, "tanh's range (−1, 1) is not inside (0, ∞)"));
  }

  /** Loss names that must be rejected, naming the parameter at fault. */
  public static List<BadLossName> lossNames() {
    return List.of(
        new BadLossName("huber(delta=-1.0)", "delta"),
        new BadLossName("huber(delta=0)", "delta"),
        new BadLossName("huber(beta=1.0)", "beta"),
        new BadLossName("focal(gamma=-0.5)", "gamma"),
        new BadLossName("focal(gamma=2.0, alpha=1.5)", "alpha"),
        new BadLossName("focal(gamma=two)", "gamma"),
        new BadLossName("focal(gamma=2.0, gamma=1.0)", "gamma"),
        new BadLossName("poisson(delta=1.0)", "delta"),
        new BadLossName("huber(delta=1.0", "huber(delta=1.0"),
        new BadLossName("no-such-loss", "no-such-loss"));
  }

  private static List<BadInput> structure() {
    Pair bce = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
    Inputs inputs = Inputs.seeded("structure");
    List<BadInput> cases = new ArrayList<>();
    cases.add(new BadInput("y is 3 × 4 but z is 4 × 3", bce, inputs.logits(SHAPE, 2),
        inputs.targets(Loss.BINARY_CROSS_ENTROPY, TargetKind.SOFT, Shape.of(3, 4)), "y",
        BadInput.NONE, BadInput.NONE));
    cases.add(new BadInput("y is 4 × 2 but z is 4 × 3", Pair.of(Activation.TANH, Loss.SQUARED_ERROR),
        inputs.logits(SHAPE, 2), Batch.zeros(4, 2), "y", BadInput.NONE, BadInput.NONE));
    Shape column = Shape.of(4, 1);
    for (Loss loss : List.of(Loss.CROSS_ENTROPY, Loss.SQUARED_ERROR, Loss.BINARY_CROSS_ENTROPY,
        Loss.KL_DIVERGENCE, Loss.huber(0.5))) {
      Batch y = loss.targetRowsOnSimplex() ? Inputs.filled(column, 1.0) : Inputs.filled(column, 0.5);
      cases.add(new BadInput("softmax over one column", Pair.of(Activation.SOFTMAX, loss),
          inputs.logits(column, 2), y, "z", BadInput.NONE, BadInput.NONE));
    }
    return cases;
  }

  /** Each built-in loss with its canonical activation, or else the first built-in that fits. */
  private static Pair firstPair(Loss loss) {
    return loss.canonicalActivation().map(f -> Pair.of(f, loss)).orElseGet(() ->
        BUILT_IN_ACTIVATIONS.stream().filter(f -> Pair.fits(f, loss)).findFirst()
            .map(f -> Pair.of(f, loss)).orElseThrow());
  }

  private static List<BadInput> nonFinite() {
    List<BadInput> cases = new ArrayList<>();
    List<Pair> pairs = new ArrayList<>();
    for (Loss loss : BUILT_IN_LOSSES) {
      pairs.add(firstPair(loss));
    }
    pairs.add(Pair.of(Activation.SIGMOID, Loss.SQUARED_ERROR));
    pairs.add(Pair.of(Activation.SOFTMAX, Loss.BINARY_CROSS_ENTROPY));
    pairs.add(Pair.of(Activation.SOFTPLUS, Loss.POISSON));
    pairs.add(Pair.of(Activation.TANH, Loss.huber(0.5)));
    pairs.add(Pair.of(Activation.SIGMOID, Loss.focal(0.5, 0.25)));
    pairs.add(Pair.of(Activation.SIGMOID, Loss.KL_DIVERGENCE));
    for (Pair pair : pairs) {
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        cases.add(inZ(pair, bad, "a logit is " + bad));
        cases.add(inY(pair, bad, "a target is " + bad));
      }
    }
    return cases;
  }

  private static List<BadInput> overflow() {
    Pair expSquared = Pair.of(Activation.EXP, Loss.SQUARED_ERROR);
    return List.of(
        inZ(Pair.canonical(Loss.POISSON), 710.0, "exp(710) overflows"),
        inZ(expSquared, 709.79, "exp(709.79) overflows"),
        inZ(Pair.of(Activation.EXP, Loss.CROSS_ENTROPY), 1000.0, "exp(1000) overflows"),
        inZ(Pair.of(Activation.EXP, Loss.HUBER), 710.0, "exp(710) overflows"),
        inZ(Pair.of(Activation.EXP, Loss.KL_DIVERGENCE), 710.0, "exp(710) overflows"),
        inZ(Pair.canonical(Loss.SQUARED_ERROR), 1e300, "the loss ½(z − y)² overflows at z = 1e300"),
        inZ(Pair.canonical(Loss.SQUARED_ERROR), -1e300, "the loss overflows at z = −1e300"),
        inY(Pair.canonical(Loss.SQUARED_ERROR), 1e300, "the loss overflows at y = 1e300"),
        inZ(Pair.of(Activation.RELU, Loss.SQUARED_ERROR), 1e300, "relu + squared-error overflows"),
        inZ(expSquared, 400.0, "the delta (a − y)·a overflows at z = 400"));
  }

  private static List<BadInput> targetDomains() {
    return List.of(
        inY(Pair.canonical(Loss.BINARY_CROSS_ENTROPY), 1.5, "a target is 1.5, outside [0, 1]"),
        inY(Pair.canonical(Loss.BINARY_CROSS_ENTROPY), -Double.MIN_VALUE, "a target is just below 0"),
        inY(Pair.of(Activation.SOFTMAX, Loss.BINARY_CROSS_ENTROPY), -0.25, "a target is −0.25"),
        inY(Pair.canonical(Loss.POISSON), -1.0, "a target is −1, below 0"),
        inY(Pair.of(Activation.SOFTPLUS, Loss.POISSON), -1e-300, "a target is −1e-300, below 0"),
        inY(Pair.of(Activation.SIGMOID, Loss.POISSON), -2.0, "a target is −2, below 0"),
        inY(Pair.canonical(Loss.BIPOLAR_CROSS_ENTROPY), 1.5, "a target is 1.5, outside [−1, 1]"),
        inY(Pair.of(Activation.SIGMOID, Loss.BIPOLAR_CROSS_ENTROPY), -1.0000001, "a target is −1.0000001"),
        inY(Pair.of(Activation.SIGMOID, Loss.FOCAL), 1.5, "a target is 1.5, outside [0, 1]"),
        inY(Pair.of(Activation.SIGMOID, Loss.focal(0.5, 0.25)), -0.1, "a target is −0.1, outside [0, 1]"),
        inY(Pair.of(Activation.SIGMOID, Loss.focal(0.0)), 1.0 + 1e-12, "a target is 1 + 1e-12"));
  }

  private static List<BadInput> simplex() {
    Pair softmaxCe = Pair.canonical(Loss.CROSS_ENTROPY);
    Pair softmaxKl = Pair.canonical(Loss.KL_DIVERGENCE);
    List<BadInput> cases = new ArrayList<>();
    cases.add(scaledRow(softmaxCe, 0.9, "target row 2 sums to 0.9"));
    cases.add(scaledRow(Pair.of(Activation.SIGMOID, Loss.CROSS_ENTROPY), 1.1, "target row 2 sums to 1.1"));
    cases.add(scaledRow(Pair.of(Activation.EXP, Loss.CROSS_ENTROPY), 2.0, "target row 2 sums to 2"));
    cases.add(scaledRow(Pair.of(Activation.SOFTPLUS, Loss.CROSS_ENTROPY), 0.0, "target row 2 is all zeros"));
    cases.add(scaledRow(softmaxCe, 1.0 + 1e-7, "target row 2 sums to 1 + 1e-7"));
    cases.add(scaledRow(softmaxKl, 0.9, "target row 2 sums to 0.9"));
    cases.add(scaledRow(Pair.of(Activation.SIGMOID, Loss.KL_DIVERGENCE), 1.1, "target row 2 sums to 1.1"));
    cases.add(negativeEntry(softmaxCe));
    cases.add(negativeEntry(Pair.of(Activation.EXP, Loss.KL_DIVERGENCE)));
    return cases;
  }

  private static BadInput negativeEntry(Pair pair) {
    BadInput negative = inY(pair, -0.25, "target row 2 sums to 1 with −0.25 in it");
    negative.y().set(ROW, 0, 1.25);
    negative.y().set(ROW, 2, 0.0);
    return negative;
  }

  private static List<BadInput> saturation() {
    List<BadInput> cases = new ArrayList<>();
    cases.add(softmaxRow(Pair.of(Activation.SOFTMAX, Loss.BINARY_CROSS_ENTROPY), new double[] {800, 0, 0},
        "softmax row [800, 0, 0] saturates to a = [1, 0, 0]"));
    cases.add(softmaxRow(Pair.of(Activation.SOFTMAX, Loss.POISSON), new double[] {0, 800, 0},
        "softmax row [0, 800, 0] saturates to a = [0, 1, 0]"));
    cases.add(softmaxRow(Pair.of(Activation.SOFTMAX, Loss.BIPOLAR_CROSS_ENTROPY), new double[] {800, 0, 0},
        "softmax row [800, 0, 0] saturates to a = 1 in column 0"));
    cases.add(inZ(Pair.of(Activation.SIGMOID, Loss.BIPOLAR_CROSS_ENTROPY), 40.0, "sigmoid(40) rounds to 1"));
    cases.add(inZ(Pair.of(Activation.SIGMOID, Loss.CROSS_ENTROPY), -800.0, "sigmoid(−800) rounds to 0"));
    cases.add(inZ(Pair.of(Activation.SIGMOID, Loss.POISSON), -800.0, "sigmoid(−800) rounds to 0"));
    cases.add(inZ(Pair.of(Activation.SOFTPLUS, Loss.POISSON), -800.0, "softplus(−800) rounds to 0"));
    cases.add(inZ(Pair.of(Activation.EXP, Loss.CROSS_ENTROPY), -800.0, "exp(−800) rounds to 0"));
    cases.add(inZ(Pair.of(Activation.SIGMOID, Loss.KL_DIVERGENCE), -800.0, "sigmoid(−800) rounds to 0"));
    cases.add(inZ(Pair.of(Activation.SOFTPLUS, Loss.KL_DIVERGENCE), -800.0, "softplus(−800) rounds to 0"));
    return cases;
  }

  private static BadInput inZ(Pair pair, double value, String rule) {
    BadInput valid = valid(pair, rule, "z", ROW, COLUMN);
    valid.z().set(ROW, COLUMN, value);
    return valid;
  }

  private static BadInput inY(Pair pair, double value, String rule) {
    BadInput valid = valid(pair, rule, "y", ROW, COLUMN);
    valid.y().set(ROW, COLUMN, value);
    return valid;
  }

  private static BadInput scaledRow(Pair pair, double factor, String rule) {
    BadInput valid = valid(pair, rule, "y", ROW, BadInput.NONE);
    for (int j = 0; j < SHAPE.cols(); j++) {
      valid.y().set(ROW, j, valid.y().get(ROW, j) * factor);
    }
    return valid;
  }

  /** The first element outside the loss's domain is column 0. */
  private static BadInput softmaxRow(Pair pair, double[] row, String rule) {
    BadInput valid = valid(pair, rule, "z", ROW, 0);
    for (int j = 0; j < row.length; j++) {
      valid.z().set(ROW, j, row[j]);
    }
    return valid;
  }

  private static BadInput valid(Pair pair, String rule, String argument, int row, int column) {
    Inputs inputs = Inputs.seeded(pair + rule);
    Batch z = inputs.logits(SHAPE, 2.0);
    Batch y = inputs.targets(pair.loss(), TargetKind.SOFT, SHAPE);
    return new BadInput(rule, pair, z, y, argument, row, column);
  }
}

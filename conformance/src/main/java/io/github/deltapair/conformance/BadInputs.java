package io.github.deltapair.conformance;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import java.util.ArrayList;
import java.util.List;

/** The catalog of inputs DESIGN §6 rejects: each a small valid batch with one thing broken. */
final class BadInputs {

  /** Cases are 4 × 3; the broken element sits at row 2, column 1 unless the case says otherwise. */
  static final Shape SHAPE = Shape.of(4, 3);

  private static final int ROW = 2;
  private static final int COLUMN = 1;
  private static final double MODERATE = 2.0;

  private BadInputs() {}

  /** Every case, with fresh batches on each call. */
  static List<BadInput> all() {
    List<BadInput> cases = new ArrayList<>();
    for (Loss loss : Loss.values()) {
      Pair pair = Pair.canonical(loss);
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        cases.add(inZ(pair, bad, "a logit is " + bad));
        cases.add(inY(pair, bad, "a target is " + bad));
      }
    }
    // exp overflows a double above log(Double.MAX_VALUE) ≈ 709.78
    cases.add(inZ(Pair.canonical(Loss.POISSON), 710.0, "exp(710) overflows"));
    cases.add(inZ(Pair.of(Activation.EXP, Loss.SQUARED_ERROR), 709.79, "exp(709.79) overflows"));
    cases.add(inZ(Pair.of(Activation.EXP, Loss.CROSS_ENTROPY), 1000.0, "exp(1000) overflows"));
    // results that overflow although every input is finite
    cases.add(inZ(Pair.canonical(Loss.SQUARED_ERROR), 1e300, "the loss ½(z − y)² overflows at z = 1e300"));
    cases.add(inZ(Pair.of(Activation.EXP, Loss.SQUARED_ERROR), 400.0, "the delta (a − y)·a overflows at z = 400"));
    cases.add(inY(Pair.canonical(Loss.SQUARED_ERROR), 1e300, "the loss ½(z − y)² overflows at y = 1e300"));
    // targets outside the loss's domain
    cases.add(inY(Pair.canonical(Loss.BINARY_CROSS_ENTROPY), 1.5, "a target is 1.5, outside [0, 1]"));
    cases.add(inY(Pair.of(Activation.SOFTMAX, Loss.BINARY_CROSS_ENTROPY), -0.25,
        "a target is −0.25, outside [0, 1]"));
    cases.add(inY(Pair.canonical(Loss.POISSON), -1.0, "a target is −1, below 0"));
    cases.add(inY(Pair.of(Activation.SOFTPLUS, Loss.POISSON), -1e-300, "a target is −1e-300, below 0"));
    cases.add(inY(Pair.canonical(Loss.BIPOLAR_CROSS_ENTROPY), 1.5, "a target is 1.5, outside [−1, 1]"));
    cases.add(inY(Pair.of(Activation.SIGMOID, Loss.BIPOLAR_CROSS_ENTROPY), -1.0000001,
        "a target is −1.0000001, outside [−1, 1]"));
    cases.addAll(simplexCases());
    cases.addAll(saturationCases());
    cases.addAll(structureCases());
    return cases;
  }

  private static List<BadInput> simplexCases() {
    Pair softmaxCe = Pair.canonical(Loss.CROSS_ENTROPY);
    Pair sigmoidCe = Pair.of(Activation.SIGMOID, Loss.CROSS_ENTROPY);
    List<BadInput> cases = new ArrayList<>();
    cases.add(scaledRow(softmaxCe, 0.9, "target row 2 sums to 0.9, not 1"));
    cases.add(scaledRow(sigmoidCe, 1.1, "target row 2 sums to 1.1, not 1"));
    cases.add(scaledRow(softmaxCe, 0.0, "target row 2 is all zeros"));
    cases.add(scaledRow(softmaxCe, 1.0 + 1e-7,
        "target row 2 sums to 1 + 1e-7, beyond the 1e-9 tolerance"));
    BadInput negative = inY(softmaxCe, -0.25, "target row 2 sums to 1 but has −0.25 in it");
    negative.y().set(ROW, 0, 1.25);
    negative.y().set(ROW, 2, 0.0);
    cases.add(negative);
    return cases;
  }

  private static List<BadInput> saturationCases() {
    List<BadInput> cases = new ArrayList<>();
    // a = σ(40) rounds to 1, a = σ(−800) and softplus(−800) round to 0: the loss would be infinite
    cases.add(inZ(Pair.of(Activation.SIGMOID, Loss.BIPOLAR_CROSS_ENTROPY), 40.0,
        "sigmoid saturates to a = 1 at z = 40"));
    cases.add(inZ(Pair.of(Activation.SIGMOID, Loss.CROSS_ENTROPY), -800.0,
        "sigmoid saturates to a = 0 at z = −800"));
    cases.add(inZ(Pair.of(Activation.SOFTPLUS, Loss.POISSON), -800.0,
        "softplus saturates to a = 0 at z = −800"));
    cases.add(saturatedSoftmaxRow(Pair.of(Activation.SOFTMAX, Loss.BINARY_CROSS_ENTROPY),
        new double[] {800, 0, 0}, "softmax row [800, 0, 0] saturates to a = [1, 0, 0]"));
    cases.add(saturatedSoftmaxRow(Pair.of(Activation.SOFTMAX, Loss.POISSON),
        new double[] {0, 800, 0}, "softmax row [0, 800, 0] saturates to a = [0, 1, 0]"));
    return cases;
  }

  private static List<BadInput> structureCases() {
    Pair pair = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
    Inputs inputs = Inputs.seeded("shape mismatch");
    BadInput mismatch = new BadInput("y is 3 × 4 but z is 4 × 3", pair,
        inputs.logits(SHAPE, MODERATE), inputs.targets(Loss.BINARY_CROSS_ENTROPY, TargetKind.SOFT, Shape.of(3, 4)),
        "y", BadInput.NONE, BadInput.NONE);
    Shape column = Shape.of(4, 1);
    BadInput oneColumn = new BadInput("softmax over a single column", Pair.canonical(Loss.CROSS_ENTROPY),
        inputs.logits(column, MODERATE), Inputs.filled(column, 1.0), "z", BadInput.NONE, BadInput.NONE);
    return List.of(mismatch, oneColumn);
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

  private static BadInput saturatedSoftmaxRow(Pair pair, double[] row, String rule) {
    // the first element outside the loss's domain is column 0 (a = 1 or a = 0 there)
    BadInput valid = valid(pair, rule, "z", ROW, 0);
    for (int j = 0; j < row.length; j++) {
      valid.z().set(ROW, j, row[j]);
    }
    return valid;
  }

  private static BadInput valid(Pair pair, String rule, String argument, int row, int column) {
    Inputs inputs = Inputs.seeded(pair + rule);
    Batch z = inputs.logits(SHAPE, MODERATE);
    Batch y = inputs.targets(pair.loss(), TargetKind.SOFT, SHAPE);
    return new BadInput(rule, pair, z, y, argument, row, column);
  }
}

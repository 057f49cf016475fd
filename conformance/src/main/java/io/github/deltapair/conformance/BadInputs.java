package io.github.deltapair.conformance;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of inputs DESIGN §6 rejects: each a valid 4 × 3 batch with one thing broken, at row
 * 2, column 1 unless the case says otherwise. The kit's clause C7 runs every case against one
 * backend; a test with several backends can check that they reject each alike.
 */
public final class BadInputs {

  /** The shape of every case but the shape mismatches: 4 × 3. */
  public static final Shape SHAPE = Shape.of(4, 3);

  private static final int ROW = 2;
  private static final int COLUMN = 1;

  private BadInputs() {}

  /** Every case, with fresh batches on each call. */
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
    for (Loss loss : List.of(Loss.CROSS_ENTROPY, Loss.SQUARED_ERROR, Loss.BINARY_CROSS_ENTROPY)) {
      Batch y = loss == Loss.CROSS_ENTROPY ? Inputs.filled(column, 1.0) : Inputs.filled(column, 0.5);
      cases.add(new BadInput("softmax over one column", Pair.of(Activation.SOFTMAX, loss),
          inputs.logits(column, 2), y, "z", BadInput.NONE, BadInput.NONE));
    }
    return cases;
  }

  private static List<BadInput> nonFinite() {
    List<BadInput> cases = new ArrayList<>();
    List<Pair> pairs = new ArrayList<>();
    for (Loss loss : Loss.values()) {
      pairs.add(Pair.canonical(loss));
    }
    pairs.add(Pair.of(Activation.SIGMOID, Loss.SQUARED_ERROR));
    pairs.add(Pair.of(Activation.SOFTMAX, Loss.BINARY_CROSS_ENTROPY));
    pairs.add(Pair.of(Activation.SOFTPLUS, Loss.POISSON));
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
        inY(Pair.of(Activation.SIGMOID, Loss.BIPOLAR_CROSS_ENTROPY), -1.0000001, "a target is −1.0000001"));
  }

  private static List<BadInput> simplex() {
    Pair softmaxCe = Pair.canonical(Loss.CROSS_ENTROPY);
    List<BadInput> cases = new ArrayList<>();
    cases.add(scaledRow(softmaxCe, 0.9, "target row 2 sums to 0.9"));
    cases.add(scaledRow(Pair.of(Activation.SIGMOID, Loss.CROSS_ENTROPY), 1.1, "target row 2 sums to 1.1"));
    cases.add(scaledRow(Pair.of(Activation.EXP, Loss.CROSS_ENTROPY), 2.0, "target row 2 sums to 2"));
    cases.add(scaledRow(Pair.of(Activation.SOFTPLUS, Loss.CROSS_ENTROPY), 0.0, "target row 2 is all zeros"));
    cases.add(scaledRow(softmaxCe, 1.0 + 1e-7, "target row 2 sums to 1 + 1e-7"));
    BadInput negative = inY(softmaxCe, -0.25, "target row 2 sums to 1 with −0.25 in it");
    negative.y().set(ROW, 0, 1.25);
    negative.y().set(ROW, 2, 0.0);
    cases.add(negative);
    return cases;
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

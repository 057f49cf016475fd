package io.github.deltapair.dl4j.interop;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Evaluates a pair on the unmasked parts of an {@code m × n} batch through an {@link Evaluator}
 * (which validates every call).
 *
 * <p>The batch is split into units: whole rows (no mask, an {@code m × 1} mask, or an {@code m × n}
 * mask that is constant along each row) or single elements (an {@code m × n} mask that varies
 * within a row; only for pairs whose loss is a sum of independent per-element terms). Units with
 * the same non-zero weight {@code w} are gathered into one batch and evaluated in one backend call
 * with {@link Reduction#SUM}; their loss and delta are multiplied by {@code w}. Units of weight 0
 * are neither validated nor computed (padding may hold any targets) and get a delta of 0.
 *
 * <p>Targets are dense ({@code y}, {@code m × n}) or class indices ({@code classes}, {@code m}
 * floating-point values, DL4J's sparse {@code [m, 1]} layout); class indices are converted to
 * {@link Labels} of the unmasked rows only, so padding rows may hold any value.
 */
final class MaskedPairEvaluation {

  private final Evaluator evaluator;
  private final Pair pair;
  private final double[] z;
  private final double[] y;
  private final double[] classes;
  private final int rows;
  private final int cols;
  private final int unitWidth;
  private final double[] unitWeights;

  private MaskedPairEvaluation(
      Evaluator evaluator, Pair pair, double[] z, double[] y, double[] classes, int rows, int cols,
      int unitWidth, double[] unitWeights) {
    this.evaluator = evaluator;
    this.pair = pair;
    this.z = z;
    this.y = y;
    this.classes = classes;
    this.rows = rows;
    this.cols = cols;
    this.unitWidth = unitWidth;
    this.unitWeights = unitWeights;
  }

  /**
   * An evaluation of row-major {@code z} and {@code y} ({@code rows × cols}) under {@code mask}.
   *
   * @param mask null, {@code rows} per-example weights, or {@code rows × cols} per-output weights
   * @throws IllegalArgumentException for a non-finite mask value, or a per-output mask that varies
   *     within a row of a pair whose outputs are coupled (softmax, cross-entropy)
   */
  static MaskedPairEvaluation of(
      Evaluator evaluator, Pair pair, double[] z, double[] y, int rows, int cols, double[] mask) {
    return of(evaluator, pair, z, y, null, rows, cols, mask);
  }

  /**
   * An evaluation of row-major {@code z} ({@code rows × cols}) against class indices {@code
   * classes} ({@code rows} floating-point values, each an integer in {@code [0, cols)}) under
   * {@code mask}, through {@link Evaluator#evaluate(Pair, Batch, Labels, Reduction, Batch)}.
   *
   * @param mask null, {@code rows} per-example weights, or {@code rows × cols} per-output weights
   *     (which must then be constant along each row)
   * @throws IllegalArgumentException as {@link #of(Evaluator, Pair, double[], double[], int, int,
   *     double[])} does
   */
  static MaskedPairEvaluation ofClassIndices(
      Evaluator evaluator, Pair pair, double[] z, double[] classes, int rows, int cols,
      double[] mask) {
    return of(evaluator, pair, z, null, classes, rows, cols, mask);
  }

  private static MaskedPairEvaluation of(
      Evaluator evaluator, Pair pair, double[] z, double[] y, double[] classes, int rows, int cols,
      double[] mask) {
    if (mask != null) {
      for (int k = 0; k < mask.length; k++) {
        if (!Double.isFinite(mask[k])) {
          throw new IllegalArgumentException(
              "mask element " + k + " is " + mask[k] + ": mask values must be finite");
        }
      }
    }
    if (mask == null || mask.length == rows) {
      return new MaskedPairEvaluation(evaluator, pair, z, y, classes, rows, cols, cols, mask);
    }
    double[] perRow = constantRows(mask, rows, cols);
    if (perRow != null) {
      return new MaskedPairEvaluation(evaluator, pair, z, y, classes, rows, cols, cols, perRow);
    }
    if (!pair.activation().isElementwise() || pair.loss().targetRowsOnSimplex()
        || classes != null) {
      throw new IllegalArgumentException(
          "a per-output mask that varies within a row cannot be applied to " + pair.name()
              + ": its outputs are coupled within each example (softmax or cross-entropy rows);"
              + " mask whole examples with an [m, 1] mask instead");
    }
    return new MaskedPairEvaluation(evaluator, pair, z, y, classes, rows, cols, 1, mask);
  }

  /** Writes {@code Σ_units w·∂ℓ/∂z} into {@code deltaOut} (zeros elsewhere), returns {@code Σ w·ℓ}. */
  double evaluate(double[] deltaOut) {
    if (unitWeights == null) {
      Batch delta = Batch.wrap(deltaOut, rows, cols);
      int[] all = classes == null ? null : new int[rows];
      for (int i = 0; all != null && i < rows; i++) {
        all[i] = classIndex(i);
      }
      try {
        if (all != null) {
          return evaluator.evaluate(
              pair, Batch.wrap(z, rows, cols), Labels.of(all), Reduction.SUM, delta);
        }
        return evaluator.evaluate(
            pair, Batch.wrap(z, rows, cols), Batch.wrap(y, rows, cols), Reduction.SUM, delta);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(prefix() + e.getMessage(), e);
      }
    }
    return evaluateUnits(0, rows * cols / unitWidth, deltaOut);
  }

  /** The weighted loss {@code Σ w·ℓ} of each example, {@code rows} values. */
  double[] exampleScores() {
    int unitsPerRow = cols / unitWidth;
    double[] scratch = new double[rows * cols];
    double[] scores = new double[rows];
    for (int i = 0; i < rows; i++) {
      scores[i] = evaluateUnits(i * unitsPerRow, (i + 1) * unitsPerRow, scratch);
    }
    return scores;
  }

  private double evaluateUnits(int from, int to, double[] deltaOut) {
    Map<Double, List<Integer>> groups = new LinkedHashMap<>();
    for (int u = from; u < to; u++) {
      double w = unitWeights == null ? 1.0 : unitWeights[u];
      if (w != 0.0) {
        groups.computeIfAbsent(w, key -> new ArrayList<>()).add(u);
      }
    }
    double total = 0.0;
    for (Map.Entry<Double, List<Integer>> group : groups.entrySet()) {
      total += group.getKey() * evaluateGroup(group.getValue(), group.getKey(), deltaOut);
    }
    return total;
  }

  private double evaluateGroup(List<Integer> units, double weight, double[] deltaOut) {
    int k = units.size();
    double[] gz = new double[k * unitWidth];
    double[] gy = classes == null ? new double[k * unitWidth] : null;
    int[] gc = classes == null ? null : new int[k];
    for (int r = 0; r < k; r++) {
      System.arraycopy(z, units.get(r) * unitWidth, gz, r * unitWidth, unitWidth);
      if (classes == null) {
        System.arraycopy(y, units.get(r) * unitWidth, gy, r * unitWidth, unitWidth);
      } else {
        gc[r] = classIndex(units.get(r));
      }
    }
    Batch delta = Batch.zeros(k, unitWidth);
    double loss;
    try {
      loss = classes == null
          ? evaluator.evaluate(pair, Batch.wrap(gz, k, unitWidth), Batch.wrap(gy, k, unitWidth),
              Reduction.SUM, delta)
          : evaluator.evaluate(pair, Batch.wrap(gz, k, unitWidth), Labels.of(gc), Reduction.SUM,
              delta);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          prefix() + e.getMessage() + " (the rows there are the unmasked " + describe(units) + ")",
          e);
    }
    // δ of a unit of weight w: w·∂ℓ/∂z
    double[] d = delta.array();
    for (int r = 0; r < k; r++) {
      int base = units.get(r) * unitWidth;
      for (int j = 0; j < unitWidth; j++) {
        deltaOut[base + j] = weight * d[r * unitWidth + j];
      }
    }
    return loss;
  }

  /**
   * Row {@code i}'s class index, checked here so that the message names the row of the whole
   * batch (the evaluator's own label checks see only a group's rows): the api's message, with
   * {@code " and be an integer"} for a value that is not one.
   */
  private int classIndex(int i) {
    double c = classes[i];
    boolean integer = c == Math.rint(c);
    if (!integer || c < 0 || c >= cols) {
      String value = integer && Math.abs(c) < 1e15 ? Long.toString((long) c) : Double.toString(c);
      throw new IllegalArgumentException(
          prefix() + "labels has " + value + " at row " + i + ": a class index must lie in [0, "
              + cols + ") (z has " + cols + " columns)" + (integer ? "" : " and be an integer"));
    }
    return (int) c;
  }

  private String prefix() {
    return "DeltaPairLoss(" + pair.name() + ") on backend " + evaluator.backendId()
        + (classes == null ? " (z = preOutput, y = labels): "
            : " (z = preOutput, labels = class indices): ");
  }

  private String describe(List<Integer> units) {
    StringJoiner joiner = new StringJoiner(", ", unitWidth == 1 ? "elements [" : "examples [", "]");
    for (int r = 0; r < Math.min(units.size(), 20); r++) {
      int u = units.get(r);
      joiner.add(unitWidth == 1 ? "(" + u / cols + ", " + u % cols + ")" : Integer.toString(u));
    }
    return units.size() > 20 ? joiner + " and " + (units.size() - 20) + " more" : joiner.toString();
  }

  /** The per-row weight if every row of the {@code rows × cols} mask is constant, else null. */
  private static double[] constantRows(double[] mask, int rows, int cols) {
    double[] perRow = new double[rows];
    for (int i = 0; i < rows; i++) {
      perRow[i] = mask[i * cols];
      for (int j = 1; j < cols; j++) {
        if (mask[i * cols + j] != perRow[i]) {
          return null;
        }
      }
    }
    return perRow;
  }
}

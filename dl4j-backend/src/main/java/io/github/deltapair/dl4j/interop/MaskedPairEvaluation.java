package io.github.deltapair.dl4j.interop;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
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
 */
final class MaskedPairEvaluation {

  private final Evaluator evaluator;
  private final Pair pair;
  private final double[] z;
  private final double[] y;
  private final int rows;
  private final int cols;
  private final int unitWidth;
  private final double[] unitWeights;

  private MaskedPairEvaluation(
      Evaluator evaluator, Pair pair, double[] z, double[] y, int rows, int cols, int unitWidth,
      double[] unitWeights) {
    this.evaluator = evaluator;
    this.pair = pair;
    this.z = z;
    this.y = y;
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
    if (mask != null) {
      for (int k = 0; k < mask.length; k++) {
        if (!Double.isFinite(mask[k])) {
          throw new IllegalArgumentException(
              "mask element " + k + " is " + mask[k] + ": mask values must be finite");
        }
      }
    }
    if (mask == null || mask.length == rows) {
      return new MaskedPairEvaluation(evaluator, pair, z, y, rows, cols, cols, mask);
    }
    double[] perRow = constantRows(mask, rows, cols);
    if (perRow != null) {
      return new MaskedPairEvaluation(evaluator, pair, z, y, rows, cols, cols, perRow);
    }
    if (!pair.activation().isElementwise() || pair.loss().targetRowsOnSimplex()) {
      throw new IllegalArgumentException(
          "a per-output mask that varies within a row cannot be applied to " + pair.name()
              + ": its outputs are coupled within each example (softmax or cross-entropy rows);"
              + " mask whole examples with an [m, 1] mask instead");
    }
    return new MaskedPairEvaluation(evaluator, pair, z, y, rows, cols, 1, mask);
  }

  /** Writes {@code Σ_units w·∂ℓ/∂z} into {@code deltaOut} (zeros elsewhere), returns {@code Σ w·ℓ}. */
  double evaluate(double[] deltaOut) {
    if (unitWeights == null) {
      Batch delta = Batch.wrap(deltaOut, rows, cols);
      try {
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
    double[] gy = new double[k * unitWidth];
    for (int r = 0; r < k; r++) {
      System.arraycopy(z, units.get(r) * unitWidth, gz, r * unitWidth, unitWidth);
      System.arraycopy(y, units.get(r) * unitWidth, gy, r * unitWidth, unitWidth);
    }
    Batch delta = Batch.zeros(k, unitWidth);
    double loss;
    try {
      loss = evaluator.evaluate(
          pair, Batch.wrap(gz, k, unitWidth), Batch.wrap(gy, k, unitWidth), Reduction.SUM, delta);
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

  private String prefix() {
    return "DeltaPairLoss(" + pair.name() + ") on backend " + evaluator.backendId()
        + " (z = preOutput, y = labels): ";
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

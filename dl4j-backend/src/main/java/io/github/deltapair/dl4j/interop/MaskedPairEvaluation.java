package io.github.deltapair.dl4j.interop;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a pair on an {@code m × n} batch under a DL4J mask through an {@link Evaluator}
 * (which validates every call), with the loss's own options ({@link DeltaPairLoss}'s class weights
 * and label smoothing) added.
 *
 * <p>The DL4J mask maps onto the options of docs/contract.md §2b: a per-example mask ({@code [m,
 * 1]}, or {@code [m, n]} constant along each row) becomes example weights, with the rows of weight 0
 * also masked out whole (so they are neither validated nor computed); a per-output 0/1 mask is the
 * {@code mask} option; a per-output mask with other values (element-wise pairs only) is split by
 * value, one {@code mask}-option call per distinct non-zero value {@code v}, whose loss and delta
 * are multiplied by {@code v}. Each mask entry thus multiplies its loss and delta once.
 *
 * <p>Targets are dense ({@code y}, {@code m × n}) or class indices ({@code classes}, {@code m}
 * floating-point values, DL4J's sparse {@code [m, 1]} layout); class indices of masked-out rows
 * are not read. {@code z}, dense {@code y} and the delta share one precision, float64 or float32.
 */
final class MaskedPairEvaluation {

  private final Evaluator evaluator;
  private final Pair pair;
  private final Batch z;
  private final Targets targets;
  private final boolean classIndices;
  private final int rows;
  private final int cols;
  /** One options value per call, and the factor its results are multiplied by. */
  private final List<Options> calls;
  private final double[] factors;

  private MaskedPairEvaluation(Evaluator evaluator, Pair pair, Batch z, Targets targets,
      boolean classIndices, List<Options> calls, double[] factors) {
    this.evaluator = evaluator;
    this.pair = pair;
    this.z = z;
    this.targets = targets;
    this.classIndices = classIndices;
    this.rows = z.rows();
    this.cols = z.cols();
    this.calls = calls;
    this.factors = factors;
  }

  /**
   * An evaluation of {@code z} and {@code y} (both {@code rows × cols}) under {@code mask}.
   *
   * @param mask null, {@code rows} per-example weights, or {@code rows × cols} per-output weights
   * @param options the loss's own options (class weights, label smoothing)
   * @throws IllegalArgumentException for a non-finite mask value, or a per-output mask that varies
   *     within a row of a pair whose outputs are coupled (softmax, cross-entropy)
   */
  static MaskedPairEvaluation of(Evaluator evaluator, Pair pair, Batch z, Batch y, double[] mask,
      Options options) {
    return of(evaluator, pair, z, y, null, mask, options);
  }

  /**
   * An evaluation of {@code z} ({@code rows × cols}) against class indices {@code classes}
   * ({@code rows} floating-point values, each an integer in {@code [0, cols)}) under {@code mask},
   * through {@link Labels}.
   *
   * @param mask null, {@code rows} per-example weights, or {@code rows × cols} per-output weights
   *     (which must then be constant along each row)
   * @throws IllegalArgumentException as {@link #of(Evaluator, Pair, Batch, Batch, double[],
   *     Options)} does, or for a class index that is not an integer in {@code [0, cols)}
   */
  static MaskedPairEvaluation ofClassIndices(Evaluator evaluator, Pair pair, Batch z,
      double[] classes, double[] mask, Options options) {
    return of(evaluator, pair, z, null, classes, mask, options);
  }

  private static MaskedPairEvaluation of(Evaluator evaluator, Pair pair, Batch z, Batch y,
      double[] classes, double[] mask, Options options) {
    int rows = z.rows();
    int cols = z.cols();
    if (mask != null) {
      for (int k = 0; k < mask.length; k++) {
        if (!Double.isFinite(mask[k])) {
          throw new IllegalArgumentException(
              "mask element " + k + " is " + mask[k] + ": mask values must be finite");
        }
      }
    }
    double[] perRow = mask == null || mask.length == rows ? mask : constantRows(mask, rows, cols);
    if (mask != null && perRow == null && (!pair.activation().isElementwise()
        || pair.loss().targetRowsOnSimplex() || classes != null)) {
      throw new IllegalArgumentException(
          "a per-output mask that varies within a row cannot be applied to " + pair.name()
              + ": its outputs are coupled within each example (softmax or cross-entropy rows);"
              + " mask whole examples with an [m, 1] mask instead");
    }
    List<Options> calls = new ArrayList<>();
    double[] factors;
    if (mask == null) {
      calls.add(options);
      factors = new double[] {1.0};
    } else if (perRow != null) {
      calls.add(perExample(options, perRow, rows, cols));
      factors = new double[] {1.0};
    } else {
      // one call per distinct non-zero value v, masking in exactly the entries of value v
      Map<Double, double[]> byValue = new LinkedHashMap<>();
      for (int k = 0; k < mask.length; k++) {
        if (mask[k] != 0.0) {
          byValue.computeIfAbsent(mask[k], v -> new double[mask.length])[k] = 1.0;
        }
      }
      if (byValue.isEmpty()) {
        byValue.put(1.0, new double[mask.length]);
      }
      factors = new double[byValue.size()];
      int g = 0;
      for (Map.Entry<Double, double[]> group : byValue.entrySet()) {
        calls.add(options.withMask(Batch.wrap(group.getValue(), rows, cols)));
        factors[g++] = group.getKey();
      }
    }
    Targets targets;
    if (classes != null) {
      int[] labels = new int[rows];
      for (int i = 0; i < rows; i++) {
        labels[i] = perRow != null && perRow[i] == 0.0 ? 0 : classIndex(pair, evaluator, classes, i, cols);
      }
      targets = Labels.of(labels);
    } else {
      targets = y;
    }
    return new MaskedPairEvaluation(evaluator, pair, z, targets, classes != null, calls, factors);
  }

  /** Example weights {@code w}, and rows of weight 0 masked out whole (never validated). */
  private static Options perExample(Options options, double[] w, int rows, int cols) {
    boolean ones = true;
    double[] rowMask = null;
    for (int i = 0; i < rows; i++) {
      ones &= w[i] == 1.0;
      if (w[i] == 0.0) {
        if (rowMask == null) {
          rowMask = new double[rows * cols];
          java.util.Arrays.fill(rowMask, 1.0);
        }
        java.util.Arrays.fill(rowMask, i * cols, (i + 1) * cols, 0.0);
      }
    }
    Options result = ones ? options : options.withExampleWeights(w);
    return rowMask == null ? result : result.withMask(Batch.wrap(rowMask, rows, cols));
  }

  /** A new zero delta for this evaluation: {@code rows × cols}, in the precision of {@code z}. */
  Batch newDelta() {
    return Batch.zeros(rows, cols, z.precision());
  }

  /**
   * Writes {@code Σ w·∂ℓ/∂z} into {@code deltaOut} (from {@link #newDelta()}), returns {@code Σ
   * w·ℓ} (DL4J's unaveraged score).
   */
  double evaluate(Batch deltaOut) {
    return run(deltaOut, null);
  }

  /** The weighted loss {@code Σ w·ℓ} of each example, {@code rows} values. */
  double[] exampleScores() {
    double[] scores = new double[rows];
    run(newDelta(), scores);
    return scores;
  }

  private double run(Batch deltaOut, double[] scores) {
    if (calls.size() == 1 && factors[0] == 1.0) {
      return call(calls.get(0), deltaOut, scores);
    }
    Batch delta = newDelta();
    double[] losses = scores == null ? null : new double[rows];
    double total = 0.0;
    for (int g = 0; g < calls.size(); g++) {
      double v = factors[g];
      total += v * call(calls.get(g), delta, losses);
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          // each entry is masked in by one call only: the others add 0
          deltaOut.set(i, j, (g == 0 ? 0.0 : deltaOut.get(i, j)) + v * delta.get(i, j));
        }
      }
      for (int i = 0; scores != null && i < rows; i++) {
        scores[i] += v * losses[i];
      }
    }
    return total;
  }

  private double call(Options options, Batch delta, double[] losses) {
    try {
      return evaluator.evaluate(pair, z, targets, options, Reduction.SUM, delta, losses);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix(pair, evaluator, classIndices) + e.getMessage()
          + (options.exampleWeights() == null ? "" : " (example_weights: the DL4J [m, 1] mask)"),
          e);
    }
  }

  /**
   * Row {@code i}'s class index, checked here so that the message names the DL4J layout: the
   * api's message, with {@code " and be an integer"} for a value that is not one.
   */
  private static int classIndex(Pair pair, Evaluator evaluator, double[] classes, int i, int cols) {
    double c = classes[i];
    boolean integer = c == Math.rint(c);
    if (!integer || c < 0 || c >= cols) {
      String value = integer && Math.abs(c) < 1e15 ? Long.toString((long) c) : Double.toString(c);
      throw new IllegalArgumentException(
          prefix(pair, evaluator, true) + "labels has " + value + " at row " + i
              + ": a class index must lie in [0, " + cols + ") (z has " + cols + " columns)"
              + (integer ? "" : " and be an integer"));
    }
    return (int) c;
  }

  private static String prefix(Pair pair, Evaluator evaluator, boolean classIndices) {
    return "DeltaPairLoss(" + pair.name() + ") on backend " + evaluator.backendId()
        + (classIndices ? " (z = preOutput, labels = class indices): "
            : " (z = preOutput, y = labels): ");
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

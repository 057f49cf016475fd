package io.github.deltapair;

import java.util.Objects;

/**
 * The input rules of docs/contract.md §6, shared by every backend so that all reject the same inputs with
 * the same messages. Each check throws {@link IllegalArgumentException} naming the argument, the
 * row and column (from 0) and the rule; none modifies its arguments.
 *
 * <p>{@link Evaluator} calls these before and after every backend's kernel, so every entry point
 * a user can reach rejects the same inputs with the same messages.
 */
public final class Validation {

  private Validation() {}

  /**
   * Checks logits and targets for {@code pair}: same shape; every value finite; softmax has at
   * least two columns; {@code exp} does not overflow; targets in the loss's domain (and, for
   * cross-entropy, each row on the simplex); and, for chain-rule pairs, that {@code a = f(z)} stays
   * inside the loss's prediction domain in float64 (where it saturates the loss would be infinite).
   *
   * @throws IllegalArgumentException naming the first rule broken, the argument, row and column
   */
  public static void checkInputs(Pair pair, Batch z, Batch y) {
    checkInputs(pair, z, y, Options.NONE);
  }

  /**
   * Checks logits, targets and options for {@code pair}: {@link #checkOptions}, then the rules of
   * {@link #checkInputs(Pair, Batch, Batch)} on every entry that counts. Rows of ignored examples
   * and rows masked out whole are not validated, nor are masked-out entries; a row of targets
   * with a masked-out entry is not held to the simplex.
   *
   * @throws IllegalArgumentException naming the first rule broken, the argument, row and column
   */
  public static void checkInputs(Pair pair, Batch z, Targets targets, Options options) {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(z, "z");
    Objects.requireNonNull(targets, targets instanceof Labels ? "labels" : "y");
    Objects.requireNonNull(options, "options");
    if (targets instanceof Batch y && (z.rows() != y.rows() || z.cols() != y.cols())) {
      throw new IllegalArgumentException(
          "y is " + y.shape() + " but z is " + z.shape() + ": z and y must have the same shape");
    }
    if (targets instanceof Batch y && y.precision() != z.precision()) {
      throw new IllegalArgumentException(
          "y is " + y.precision() + " but z is " + z.precision()
              + ": z and y must have the same precision");
    }
    checkOptions(pair, z, targets, options);
    Activation f = pair.activation();
    checkLogits(f, z, targets, options);
    if (targets instanceof Batch y) {
      checkTargets(pair.loss(), y, targets, options);
    }
    if (pair.canSaturate()) {
      checkNotSaturated(pair, z, targets, options);
    }
  }

  /**
   * Checks the options and labels for {@code pair} and a batch of {@code z}'s shape (not the
   * values of {@code z} or {@code y}): the loss supports each option given; class weights and
   * pos_weight have one entry per column, example weights one per row, the mask the shape of
   * {@code z}; weights are finite and {@code ≥ 0} (pos_weight {@code > 0}); mask entries are 0 or
   * 1, and with a row-wise activation whole rows; labels as {@link #checkLabelValues}. Entries of
   * ignored examples and masked-out entries are not checked.
   *
   * @throws IllegalArgumentException naming the option, the position and the rule
   */
  public static void checkOptions(Pair pair, Batch z, Targets targets, Options options) {
    Loss loss = pair.loss();
    checkColumns(pair.activation(), z);
    if (targets instanceof Labels labels) {
      checkLabelValues(pair, z, labels);
    }
    checkSupported(loss, LossOption.CLASS_WEIGHTS, options.classWeights() != null);
    checkSupported(loss, LossOption.POS_WEIGHT, options.posWeight() != null);
    checkSupported(loss, LossOption.EXAMPLE_WEIGHTS, options.exampleWeights() != null);
    checkSupported(loss, LossOption.MASK, options.mask() != null);
    checkSupported(loss, LossOption.LABEL_SMOOTHING, options.labelSmoothing() != 0.0);
    int m = z.rows();
    int n = z.cols();
    if (options.mask() != null) {
      checkMask(pair, z, options.mask());
    }
    checkWeights("class_weights", options.classWeights(), n, "column", false, null, null);
    checkWeights("pos_weight", options.posWeight(), n, "column", true, null, null);
    checkWeights("example_weights", options.exampleWeights(), m, "row", false, targets, options);
  }

  private static void checkSupported(Loss loss, LossOption option, boolean given) {
    if (given && !loss.supports(option)) {
      throw new IllegalArgumentException(
          option.id() + ": " + loss.name() + " does not support " + option.id()
              + supporters(option));
    }
  }

  /** Which built-in losses take {@code option}, for a message. */
  private static String supporters(LossOption option) {
    String able = Catalog.builtIns().losses().stream().filter(l -> l.supports(option))
        .map(Loss::name).collect(java.util.stream.Collectors.joining(", "));
    return able.isEmpty() ? "" : "; it applies to " + able;
  }

  private static void checkWeights(String name, double[] w, int expected, String unit,
      boolean positive, Targets rowsOf, Options options) {
    if (w == null) {
      return;
    }
    if (w.length != expected) {
      throw new IllegalArgumentException(
          name + " has " + w.length + " entries but z has " + expected + " " + unit + "s: give one"
              + " weight per " + unit);
    }
    for (int k = 0; k < w.length; k++) {
      if (rowsOf != null && options.dropsRow(rowsOf, k)) {
        continue;
      }
      double v = w[k];
      if (!Double.isFinite(v) || v < 0 || (positive && v == 0)) {
        throw new IllegalArgumentException(
            name + " has " + v + " at " + unit + " " + k + ": " + name + " must be finite and "
                + (positive ? "> 0" : "≥ 0"));
      }
    }
  }

  private static void checkMask(Pair pair, Batch z, Batch mask) {
    if (mask.rows() != z.rows() || mask.cols() != z.cols()) {
      throw new IllegalArgumentException(
          "mask is " + mask.shape() + " but z is " + z.shape() + ": they must have the same shape");
    }
    double[] ms = mask.array();
    int n = z.cols();
    boolean whole = !pair.activation().isElementwise();
    for (int k = 0; k < ms.length; k++) {
      double v = ms[k];
      if (v != 0.0 && v != 1.0) {
        throw new IllegalArgumentException(
            "mask has " + v + " at row " + k / n + ", column " + k % n
                + ": mask entries must be 0 or 1");
      }
      if (whole && v != ms[k - k % n]) {
        throw new IllegalArgumentException(
            "mask row " + k / n + " has " + ms[k - k % n] + " at column 0 but " + v + " at column "
                + k % n + ": " + pair.activation().id() + " couples the outputs of a row, so a row"
                + " is masked whole (all 0 or all 1)");
      }
    }
  }

  /** Whether entry {@code k} is masked out ({@code mask} may be null: nothing is). */
  private static boolean masked(double[] mask, int k) {
    return mask != null && mask[k] == 0.0;
  }

  /** Whether row {@code i} of an {@code n}-column mask has a masked-out entry. */
  private static boolean partlyMasked(double[] mask, int i, int n) {
    if (mask == null) {
      return false;
    }
    for (int k = i * n; k < (i + 1) * n; k++) {
      if (mask[k] == 0.0) {
        return true;
      }
    }
    return false;
  }


  /**
   * Checks that {@code z} has at least {@link Activation#minColumns()} columns.
   *
   * @throws IllegalArgumentException if it has fewer
   */
  public static void checkColumns(Activation f, Batch z) {
    if (z.cols() < f.minColumns()) {
      throw new IllegalArgumentException(
          "z has " + z.cols() + " column" + (z.cols() == 1 ? "" : "s") + ": " + f.id()
              + " acts on whole rows and needs at least " + f.minColumns() + " columns"
              + (f.minColumns() == 2
                  ? " (over a single output it is the constant 1 and learns nothing);"
                      + " use sigmoid for a single output"
                  : ""));
    }
  }


  /**
   * Checks logits and class-index labels for {@code pair}: the loss takes labels (its target rows
   * lie on the simplex), one label per row, each an index in {@code [0, n)} unless it is the
   * ignored value; then, for the rows that are not ignored only, the rules of {@link #checkInputs}
   * on {@code z} (finite, below the activation's largest finite logit, not saturated). Ignored rows
   * are not validated.
   *
   * @throws IllegalArgumentException naming the first rule broken, the argument, row and column
   */
  public static void checkLabels(Pair pair, Batch z, Labels labels) {
    checkInputs(pair, z, labels, Options.NONE);
  }

  /**
   * The checks of {@link #checkLabels} that read only the labels (and the shape of {@code z}):
   * the loss takes labels, their count, their range, and the activation's fewest columns.
   *
   * @throws IllegalArgumentException naming the first rule broken
   */
  public static void checkLabelValues(Pair pair, Batch z, Labels labels) {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(z, "z");
    Objects.requireNonNull(labels, "labels");
    if (!pair.loss().supports(LossOption.LABELS)) {
      throw new IllegalArgumentException(
          "labels: " + pair.loss().name() + " takes dense targets y; class-index labels apply to"
              + " losses whose target rows lie on the simplex"
              + supporters(LossOption.LABELS).replace("; it applies to", ":"));
    }
    if (labels.size() != z.rows()) {
      throw new IllegalArgumentException(
          "labels has " + labels.size() + " entries but z has " + z.rows()
              + " rows: give one class index per example");
    }
    checkColumns(pair.activation(), z);
    int n = z.cols();
    for (int i = 0; i < labels.size(); i++) {
      int c = labels.get(i);
      if (!labels.isIgnored(i) && (c < 0 || c >= n)) {
        throw new IllegalArgumentException(
            "labels has " + c + " at row " + i + ": a class index must lie in [0, " + n
                + ") (z has " + n + " columns)"
                + labels.ignoreIndex().stream().mapToObj(v -> " or be the ignore_index " + v)
                    .findFirst().orElse(""));
      }
    }
  }

  /**
   * Checks a caller-supplied output buffer: the same shape as {@code z}, and not sharing its array
   * with {@code z} or {@code y} (writing it must never change an input).
   *
   * @param name the argument's name, used in the message
   * @throws IllegalArgumentException if the shape differs or the array is shared
   */
  public static void checkOutput(String name, Batch out, Batch z, Batch y) {
    Objects.requireNonNull(out, name);
    if (out.rows() != z.rows() || out.cols() != z.cols()) {
      throw new IllegalArgumentException(
          name + " is " + out.shape() + " but z is " + z.shape() + ": they must have the same shape");
    }
    if (out.precision() != z.precision()) {
      throw new IllegalArgumentException(
          name + " is " + out.precision() + " but z is " + z.precision()
              + ": the delta is returned in the precision of z");
    }
    if (out.sharesArrayWith(z) || out.sharesArrayWith(y)) {
      throw new IllegalArgumentException(
          name + " shares its array with " + (out.sharesArrayWith(z) ? "z" : "y")
              + ": inputs are never overwritten, so pass a separate output buffer");
    }
  }

  /**
   * Checks that a computed loss and delta are finite. Finite inputs can still overflow (for
   * example {@code ½(z − y)²} for {@code |z| > 1e154}, or {@code exp + squared-error} for {@code z >
   * 354}); this names where.
   *
   * @throws IllegalArgumentException naming the row and column where the result overflows
   */
  public static void checkResult(Pair pair, Batch z, Batch y, double loss, Batch delta) {
    checkResult(pair, z, y, loss, delta, z.precision());
  }

  /**
   * {@link #checkResult(Pair, Batch, Batch, double, Batch)} for results returned in {@code
   * precision} (the inputs may be their float64 widening): the loss and every delta element must
   * lie within its range.
   *
   * @throws IllegalArgumentException naming the row and column where the result overflows
   */
  static void checkResult(
      Pair pair, Batch z, Batch y, double loss, Batch delta, Precision precision) {
    for (int k = 0; k < delta.size(); k++) {
      if (!precision.holds(delta.at(k))) {
        throw overflow(pair, z, y, k / z.cols(), k % z.cols(), "delta", precision);
      }
    }
    if (!precision.holds(loss)) {
      int worst = largestLossTerm(pair, z, y);
      throw overflow(pair, z, y, worst / z.cols(), worst % z.cols(), "loss value", precision);
    }
  }

  /**
   * The element whose loss term is the largest in magnitude, judged by a bound that grows with it:
   * {@code |a − y|} for a loss on all of ℝ (squared error), {@code |a| + |y|·(1 + |z|)} otherwise (every other loss term
   * is at most of that order once {@code a} lies inside the loss's domain).
   */
  private static int largestLossTerm(Pair pair, Batch z, Batch y) {
    Batch a = Batch.zeros(z.rows(), z.cols());
    pair.activation().forward(z.toFloat64(), a);
    double[] as = a.array();
    boolean unbounded = pair.loss().predictionDomain().equals(Interval.REAL);
    int worst = 0;
    double worstSize = -1;
    for (int k = 0; k < as.length; k++) {
      double size =
          unbounded
              ? Math.abs(as[k] - y.at(k))
              : Math.abs(as[k]) + Math.abs(y.at(k)) * (1 + Math.abs(z.at(k)));
      if (size > worstSize) {
        worstSize = size;
        worst = k;
      }
    }
    return worst;
  }

  private static IllegalArgumentException overflow(
      Pair pair, Batch z, Batch y, int row, int col, String what, Precision precision) {
    return new IllegalArgumentException(
        "z has " + precision.format(z.get(row, col)) + " at row " + row + ", column " + col
            + " (y = " + precision.format(y.get(row, col)) + "): the " + what + " of " + pair.name()
            + " overflows " + precision.noun() + " there; every result must be finite, so use smaller logits"
            + " or rescale the targets");
  }

  private static void checkLogits(Activation f, Batch z, Targets targets, Options options) {
    double[] mask = options.mask() == null ? null : options.mask().array();
    double maxLogit = f.maxFiniteLogit(z.precision());
    int n = z.cols();
    for (int i = 0; i < z.rows(); i++) {
      if (options.dropsRow(targets, i)) {
        continue;
      }
      for (int k = i * n; k < (i + 1) * n; k++) {
        if (masked(mask, k)) {
          continue;
        }
        double v = z.at(k);
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              "z has " + z.precision().format(v) + " at row " + k / n + ", column " + k % n
                  + ": every logit must be a finite number");
        }
        if (v > maxLogit) {
          throw new IllegalArgumentException(
              "z has " + z.precision().format(v) + " at row " + k / n + ", column " + k % n
                  + ": " + f.id() + "(z) overflows " + z.precision().noun() + " for z > "
                  + maxLogit);
        }
      }
    }
  }

  private static void checkTargets(Loss loss, Batch y, Targets targets, Options options) {
    double[] mask = options.mask() == null ? null : options.mask().array();
    int n = y.cols();
    Interval domain = loss.targetDomain();
    for (int i = 0; i < y.rows(); i++) {
      if (options.dropsRow(targets, i)) {
        continue;
      }
      for (int k = i * n; k < (i + 1) * n; k++) {
        if (masked(mask, k)) {
          continue;
        }
        double v = y.at(k);
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              "y has " + y.precision().format(v) + " at row " + k / n + ", column " + k % n
                  + ": every target must be a finite number");
        }
        if (!domain.contains(v)) {
          throw new IllegalArgumentException(
              "y has " + y.precision().format(v) + " at row " + k / n + ", column " + k % n + ": " + loss.name() + " "
                  + loss.targetRule());
        }
      }
    }
    if (loss.targetRowsOnSimplex()) {
      for (int i = 0; i < y.rows(); i++) {
        if (options.dropsRow(targets, i) || partlyMasked(mask, i, n)) {
          continue;
        }
        double sum = 0.0;
        for (int j = 0; j < n; j++) {
          sum += y.at(i * n + j);
        }
        if (Math.abs(sum - 1.0) > Loss.simplexTolerance(y.precision())) {
          String rule = y.precision() == Precision.FLOAT64 ? loss.targetRule()
              : loss.targetRule().replace("(within " + Loss.SIMPLEX_TOLERANCE + ")",
                  "(within " + Loss.FLOAT32_SIMPLEX_TOLERANCE + " for float32)");
          throw new IllegalArgumentException(
              "y row " + i + " sums to " + sum + " (columns 0.." + (n - 1) + "): " + loss.name()
                  + " " + rule);
        }
      }
    }
  }

  private static void checkNotSaturated(Pair pair, Batch z, Targets targets, Options options) {
    double[] mask = options.mask() == null ? null : options.mask().array();
    int n = z.cols();
    double[] a = new double[n];
    double[] row = new double[n];
    Interval domain = pair.loss().predictionDomain();
    for (int i = 0; i < z.rows(); i++) {
      if (options.dropsRow(targets, i)) {
        continue;
      }
      for (int j = 0; j < n; j++) {
        row[j] = masked(mask, i * n + j) ? 0.0 : z.at(i * n + j);
      }
      pair.activation().forwardRow(row, a, 0, n);
      for (int j = 0; j < n; j++) {
        if (!masked(mask, i * n + j) && !domain.contains(a[j])) {
          throw new IllegalArgumentException(
              "z has " + z.precision().format(row[j]) + " at row " + i + ", column " + j + ": "
                  + pair.activation().id() + " gives a = " + a[j] + " there in float64, outside "
                  + domain + " where " + pair.loss().name() + " is finite"
                  + pair.loss().canonicalActivation()
                      .map(c -> "; use the matched pair " + c.id() + "+" + pair.loss().name()
                          + ", which is exact for every finite logit")
                      .orElse(""));
        }
      }
    }
  }
}

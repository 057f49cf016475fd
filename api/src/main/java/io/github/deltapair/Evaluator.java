package io.github.deltapair;

import io.github.deltapair.spi.Backend;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What users call: loss, activations and delta of a {@link Pair} for one batch, through one
 * backend, always validated. Get one from {@link Backends#evaluator()} (the default backend) or
 * {@link Backends#evaluator(String)}.
 *
 * <p>Every call checks its inputs by the rules of {@link Validation} before the backend's kernel
 * runs and its results after: bad input is an {@link IllegalArgumentException} naming the
 * argument, row, column and rule, never a NaN. A result that overflows its precision (a double,
 * or a float32 for float32 batches) is the caller's (the pair's own definition overflows there
 * too) and is rejected the same way; a non-finite result where the pair's definition is finite is
 * the backend's defect, reported as an {@link IllegalStateException} naming the backend, pair,
 * row and column. Inputs are never modified. Thread-safe.
 *
 * <p>Batches are float64 or float32 ({@link Precision}); {@code z}, dense {@code y} and {@code
 * deltaOut} of one call share a precision, and the delta comes back in it. A float32 call runs the
 * backend's float32 kernel where it has one ({@link Backend#computesFloat32}), else its float64
 * kernel on widened copies of the inputs (docs/contract.md §2c).
 */
public final class Evaluator {

  private final Backend backend;

  private Evaluator(Backend backend) {
    this.backend = backend;
  }

  /** An evaluator over this backend (tests, or a backend not registered as a service). */
  public static Evaluator of(Backend backend) {
    return new Evaluator(Objects.requireNonNull(backend, "backend"));
  }

  /** The backend's id. */
  public String backendId() {
    return backend.id();
  }

  /** The backend's one-line description. */
  public String description() {
    return backend.description();
  }

  /** The backend's version. */
  public String version() {
    return backend.version();
  }

  /** Whether the backend computes {@code pair}; see {@link Backend#supports(Pair)}. */
  public boolean supports(Pair pair) {
    return backend.supports(Objects.requireNonNull(pair, "pair"));
  }

  /**
   * The loss, activations, delta and per-example losses for one batch, without options.
   *
   * @param pair the activation and loss
   * @param z logits, {@code m × n}
   * @param targets dense targets {@code y} ({@code m × n}, in the loss's domain) or class-index
   *     {@link Labels}
   * @param reduction how example losses combine
   * @return the loss {@code J}, {@code a = f(z)}, {@code δ = ∂J/∂z} and the {@code ℓ_i}, all finite
   * @throws NullPointerException naming the argument that is null
   * @throws IllegalArgumentException for any input the rules reject, a result that would overflow,
   *     or a pair the backend does not compute, naming what is wrong
   * @throws IllegalStateException if the backend returns a non-finite result for valid input
   */
  public LossResult evaluate(Pair pair, Batch z, Targets targets, Reduction reduction) {
    return evaluate(pair, z, targets, Options.NONE, reduction);
  }

  /**
   * The loss for one batch without options, writing the delta into a caller-supplied buffer (no
   * allocation for the result). If the call is rejected the contents of {@code deltaOut} are
   * unspecified; inputs are never written.
   *
   * @param deltaOut receives {@code ∂J/∂z}; the shape of {@code z}, sharing no array with an input
   * @return the loss {@code J}
   * @throws NullPointerException naming the argument that is null
   * @throws IllegalArgumentException as {@link #evaluate(Pair, Batch, Targets, Reduction)}, or for a
   *     {@code deltaOut} of the wrong shape or aliasing an input
   * @throws IllegalStateException if the backend returns a non-finite result for valid input
   */
  public double evaluate(Pair pair, Batch z, Targets targets, Reduction reduction, Batch deltaOut) {
    return evaluate(pair, z, targets, Options.NONE, reduction, deltaOut, null);
  }

  /**
   * The loss, activations, delta and per-example losses under options (docs/contract.md §2b).
   * Activations of ignored rows and masked-out entries are 0: they are not computed.
   *
   * @throws NullPointerException naming the argument that is null
   * @throws IllegalArgumentException for any input or option the rules reject ({@link
   *     Validation#checkInputs(Pair, Batch, Targets, Options)}), an option the loss does not
   *     support, a result that would overflow, or a pair the backend does not compute
   * @throws IllegalStateException if the backend returns a non-finite result for valid input
   */
  public LossResult evaluate(
      Pair pair, Batch z, Targets targets, Options options, Reduction reduction) {
    checkArguments(pair, z, targets, options, reduction);
    Batch delta = Batch.zeros(z.rows(), z.cols(), z.precision());
    double[] losses = new double[z.rows()];
    double loss = run(pair, z, targets, options, reduction, delta, losses);
    // a = f(z) only when the caller asks for it
    return new LossResult(loss, () -> activations(pair, z, targets, options), delta, losses);
  }

  /**
   * The loss under options, writing the delta into a caller-supplied buffer; allocates nothing.
   *
   * @throws IllegalArgumentException as {@link #evaluate(Pair, Batch, Targets, Options,
   *     Reduction)}, or for a {@code deltaOut} of the wrong shape or aliasing an input
   */
  public double evaluate(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch deltaOut) {
    return evaluate(pair, z, targets, options, reduction, deltaOut, null);
  }

  /**
   * The loss under options, writing the delta and the per-example losses {@code ℓ_i} into
   * caller-supplied buffers; allocates nothing.
   *
   * @param exampleLossesOut receives the {@code m} per-example losses, or null if not wanted
   * @throws IllegalArgumentException as {@link #evaluate(Pair, Batch, Targets, Options,
   *     Reduction)}, or for a {@code deltaOut} of the wrong shape or aliasing an input, or an
   *     {@code exampleLossesOut} whose length is not {@code m}
   */
  public double evaluate(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch deltaOut, double[] exampleLossesOut) {
    checkArguments(pair, z, targets, options, reduction);
    Objects.requireNonNull(deltaOut, "deltaOut");
    try {
      Validation.checkOutput("deltaOut", deltaOut, z, targets instanceof Batch y ? y : z);
      if (options.maskSharesArrayWith(deltaOut)) {
        throw new IllegalArgumentException("deltaOut shares its array with mask: inputs are never"
            + " overwritten, so pass a separate output buffer");
      }
      if (exampleLossesOut != null && exampleLossesOut.length != z.rows()) {
        throw new IllegalArgumentException(
            "exampleLossesOut has " + exampleLossesOut.length + " entries but z has " + z.rows()
                + " rows: give one entry per example");
      }
    } catch (IllegalArgumentException e) {
      // a broken input is reported before a broken buffer
      Validation.checkInputs(pair, z, targets, options);
      throw e;
    }
    return run(pair, z, targets, options, reduction, deltaOut, exampleLossesOut);
  }

  @Override
  public String toString() {
    return "Evaluator[" + backend.id() + "]";
  }

  /** Nulls (named), then the capability hook. */
  private void checkArguments(
      Pair pair, Batch z, Targets targets, Options options, Reduction reduction) {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(z, "z");
    Objects.requireNonNull(targets, "targets (y or labels)");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(reduction, "reduction");
    if (!backend.supports(pair)) {
      throw new IllegalArgumentException(
          "backend '" + backend.id() + "' does not compute " + pair.name()
              + " (its supports(Pair) says no); " + others(pair));
    }
  }

  /**
   * {@code a = f(z)} from the backend, in the precision of {@code z} (the backend computes it on
   * the float64 widening of a float32 batch); rows and entries that are not computed are 0.
   */
  private Batch activations(Pair pair, Batch given, Targets targets, Options options) {
    if (given.precision() == Precision.FLOAT32) {
      return activations(pair, given.toFloat64(), targets, options).toFloat32();
    }
    Batch z = given;
    Batch activations = Batch.zeros(z.rows(), z.cols());
    boolean drops = false;
    for (int i = 0; i < z.rows() && !drops; i++) {
      drops = options.dropsRow(targets, i);
    }
    double[] mask = options.mask() == null ? null : options.mask().array();
    if (!drops && mask == null) {
      backend.activate(pair.activation(), z, activations);
      return activations;
    }
    // what is not computed may hold anything: 0 stands in for it, and its activation is 0
    int n = z.cols();
    boolean[] counted = new boolean[z.size()];
    Batch stand = z.copy();
    for (int i = 0; i < z.rows(); i++) {
      boolean dropped = options.dropsRow(targets, i);
      for (int k = i * n; k < (i + 1) * n; k++) {
        counted[k] = !dropped && (mask == null || mask[k] != 0.0);
        if (!counted[k]) {
          stand.array()[k] = 0.0;
        }
      }
    }
    backend.activate(pair.activation(), stand, activations);
    for (int k = 0; k < z.size(); k++) {
      if (!counted[k]) {
        activations.array()[k] = 0.0;
      }
    }
    return activations;
  }

  private String others(Pair pair) {
    try {
      String able = Backends.all().stream().filter(b -> b.supports(pair)).map(Backend::id)
          .collect(Collectors.joining(", "));
      return able.isEmpty() ? "no discovered backend computes it"
          : "use a backend that does: " + able;
    } catch (IllegalStateException e) {
      return "no other backend was discovered";
    }
  }

  private double run(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch delta, double[] losses) {
    if (z.precision() == Precision.FLOAT32) {
      return runFloat32(pair, z, targets, options, reduction, delta, losses);
    }
    boolean plain = options.isNone() && losses == null;
    if (plain && targets instanceof Batch y && reduction != Reduction.MEAN_BY_WEIGHT) {
      // no options: every W_i = 1, and none is the sum
      return run(pair, z, y, reduction == Reduction.NONE ? Reduction.SUM : reduction, delta);
    }
    boolean checked = backend.checksInputs(pair, targets, options);
    validate(pair, z, targets, options, checked);
    double loss = backend.compute(pair, z, targets, options, reduction, delta, losses);
    if (!Double.isFinite(loss) || (!checked && !(allFinite(delta) && allFinite(losses)))) {
      Validation.checkInputs(pair, z, targets, options);
      // valid input: the caller's overflow or the backend's defect
      blame(pair, z, targets, options, reduction.scale(targets, options), loss, delta, losses,
          Precision.FLOAT64);
    }
    return loss;
  }

  /**
   * A float32 batch: through the backend's own float32 kernel where it has one for this call,
   * else through its float64 kernel on widened copies, the delta rounded back to float32. Either
   * way every result must lie within float32's range.
   */
  private double runFloat32(Pair pair, Batch z, Targets targets, Options options,
      Reduction reduction, Batch delta, double[] losses) {
    boolean direct = backend.computesFloat32(pair, targets, options);
    boolean checked = direct && backend.checksInputs(pair, targets, options);
    validate(pair, z, targets, options, checked);
    Targets wideTargets = null;
    Batch wideDelta = null;
    double loss;
    if (direct) {
      loss = backend.compute(pair, z, targets, options, reduction, delta, losses);
    } else {
      wideTargets = targets instanceof Batch y ? y.toFloat64() : targets;
      wideDelta = Batch.zeros(z.rows(), z.cols());
      loss = backend.compute(pair, z.toFloat64(), wideTargets, options, reduction, wideDelta,
          losses);
      narrow(wideDelta, delta);
    }
    if (!Precision.FLOAT32.holds(loss)
        || (!checked && !(allFinite(delta) && allFinite(losses)))) {
      Validation.checkInputs(pair, z, targets, options);
      blame(pair, z.toFloat64(), wideTargets != null ? wideTargets
              : targets instanceof Batch y ? y.toFloat64() : targets,
          options, reduction.scale(targets, options), loss, delta, losses, Precision.FLOAT32);
    }
    return loss;
  }

  /**
   * The evaluator's checks before a kernel: all of {@link Validation#checkInputs} unless the
   * kernel checks the values it reads and the shapes and precisions agree, then only the options
   * and labels.
   */
  private static void validate(
      Pair pair, Batch z, Targets targets, Options options, boolean checked) {
    if (checked && (!(targets instanceof Batch y) || (y.rows() == z.rows()
        && y.cols() == z.cols() && y.precision() == z.precision()))) {
      Validation.checkOptions(pair, z, targets, options);
    } else {
      Validation.checkInputs(pair, z, targets, options);
    }
  }

  /** {@code out = wide}, each element rounded to float32 (overflowing to ±∞). */
  private static void narrow(Batch wide, Batch out) {
    double[] from = wide.array();
    float[] to = out.floatArray();
    for (int k = 0; k < from.length; k++) {
      to[k] = (float) from[k];
    }
  }

  /** Dense targets without options, through the backend's dense kernel. */
  private double run(Pair pair, Batch z, Batch y, Reduction reduction, Batch delta) {
    boolean checked = backend.checksInputs(pair);
    if (!checked || z.rows() != y.rows() || z.cols() != y.cols() || y.precision() != z.precision()
        || z.cols() < pair.activation().minColumns()) {
      Validation.checkInputs(pair, z, y);
    }
    double loss = backend.compute(pair, z, y, reduction, delta);
    if (!Double.isFinite(loss) || (!checked && !allFinite(delta))) {
      // the kernel saw something: the shared checks name it if it is the input
      Validation.checkInputs(pair, z, y);
      blame(pair, z, y, Options.NONE, reduction.scale(z.rows()), loss, delta, null,
          Precision.FLOAT64);
    }
    return loss;
  }

  /**
   * A result outside {@code precision}'s range on valid input: the caller's overflow if the pair's
   * own definition (in float64, on the float64 {@code z} and targets) overflows that precision
   * there too, else the backend's defect. {@code delta} is the backend's, in {@code precision}.
   */
  private void blame(Pair pair, Batch z, Targets targets, Options options, double scale,
      double loss, Batch delta, double[] losses, Precision precision) {
    int m = z.rows();
    int n = z.cols();
    double[] reference = new double[m * n];
    double[] referenceLosses = new double[m];
    double expected =
        scale * pair.lossOfRows(z, targets, options, 0, m, scale, reference, referenceLosses);
    boolean overflows = !precision.holds(expected) || !holdAll(reference, precision)
        || !allFinite(referenceLosses);
    if (overflows && targets instanceof Batch y && options.isNone()) {
      // the shared checks name the element whose term overflows
      Validation.checkResult(pair, z, y, expected, Batch.wrap(reference, m, n), precision);
    }
    for (int k = 0; k < delta.size(); k++) {
      double d = delta.at(k);
      if (!Double.isFinite(d)) {
        if (!precision.holds(reference[k]) || !Double.isFinite(referenceLosses[k / n])) {
          throw overflow(pair, z, targets, k / n, k % n, "delta", precision);
        }
        throw defect(pair, "delta", d, k / n, k % n, reference[k]);
      }
    }
    for (int i = 0; losses != null && i < m; i++) {
      if (!Double.isFinite(losses[i])) {
        if (!Double.isFinite(referenceLosses[i])) {
          throw overflow(pair, z, targets, i, largest(z, i), "loss value", precision);
        }
        throw defect(pair, "example loss", losses[i], i, -1, referenceLosses[i]);
      }
    }
    if (overflows) {
      for (int k = 0; k < reference.length; k++) {
        if (!precision.holds(reference[k])) {
          throw overflow(pair, z, targets, k / n, k % n, "delta", precision);
        }
      }
      int row = 0;
      for (int i = 0; i < m; i++) {
        if (Math.abs(referenceLosses[i]) > Math.abs(referenceLosses[row])
            || !Double.isFinite(referenceLosses[i])) {
          row = i;
          if (!Double.isFinite(referenceLosses[i])) {
            break;
          }
        }
      }
      throw overflow(pair, z, targets, row, largest(z, row), "loss value", precision);
    }
    throw defect(pair, "loss", loss, -1, -1, expected);
  }

  /** The column of row {@code i}'s largest logit in magnitude. */
  private static int largest(Batch z, int i) {
    int n = z.cols();
    int best = 0;
    for (int j = 1; j < n; j++) {
      if (Math.abs(z.get(i, j)) > Math.abs(z.get(i, best))) {
        best = j;
      }
    }
    return best;
  }

  private static IllegalArgumentException overflow(Pair pair, Batch z, Targets targets, int row,
      int col, String what, Precision precision) {
    String target = targets instanceof Batch y ? " (y = " + precision.format(y.get(row, col)) + ")"
        : " (label " + ((Labels) targets).get(row) + ")";
    return new IllegalArgumentException(
        "z has " + precision.format(z.get(row, col)) + " at row " + row + ", column " + col
            + target + ": the "
            + what + " of " + pair.name()
            + " overflows " + precision.noun() + " there; every result must be finite, so use smaller logits"
            + " or rescale the targets");
  }

  private IllegalStateException defect(
      Pair pair, String what, double got, int row, int col, double expected) {
    return new IllegalStateException(
        "backend '" + backend.id() + "' returned " + got + " for the " + what + " of "
            + pair.name() + (row >= 0 ? " at row " + row + ", column " + col : "")
            + " on valid input, where the pair's definition gives " + expected
            + ": this is a defect of that backend, not of the input; report it to its authors"
            + " or choose another backend with -D" + BackendRegistry.DEFAULT_PROPERTY + "=ID");
  }

  private static boolean allFinite(Batch values) {
    if (values.precision() == Precision.FLOAT64) {
      return allFinite(values.array());
    }
    for (float v : values.floatArray()) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean holdAll(double[] values, Precision precision) {
    for (double v : values) {
      if (!precision.holds(v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allFinite(double[] values) {
    if (values == null) {
      return true;
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}

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
 * argument, row, column and rule, never a NaN. A result that overflows a double is the caller's
 * (the pair's own definition overflows there too) and is rejected the same way; a non-finite
 * result where the pair's definition is finite is the backend's defect, reported as an {@link
 * IllegalStateException} naming the backend, pair, row and column. Inputs are never modified.
 * Thread-safe.
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
   * The loss, activations and delta for one batch.
   *
   * @param pair the activation and loss
   * @param z logits, {@code m × n}
   * @param y targets, {@code m × n}, in the loss's domain
   * @param reduction how example losses combine
   * @return the loss {@code J}, {@code a = f(z)} and {@code δ = ∂J/∂z}, all finite
   * @throws NullPointerException naming the argument that is null
   * @throws IllegalArgumentException for any input the rules reject, a result that would overflow,
   *     or a pair the backend does not compute, naming what is wrong
   * @throws IllegalStateException if the backend returns a non-finite result for valid input
   */
  public LossResult evaluate(Pair pair, Batch z, Batch y, Reduction reduction) {
    checkArguments(pair, z, y, "y", reduction);
    Batch delta = Batch.zeros(z.rows(), z.cols());
    return result(pair, z, run(pair, z, y, reduction, delta), delta);
  }

  /**
   * The loss for one batch, writing the delta into a caller-supplied buffer (no allocation for
   * the result). If the call is rejected the contents of {@code deltaOut} are unspecified; {@code
   * z} and {@code y} are never written.
   *
   * @param deltaOut receives {@code ∂J/∂z}; the shape of {@code z}, sharing no array with {@code
   *     z} or {@code y}
   * @return the loss {@code J}
   * @throws NullPointerException naming the argument that is null
   * @throws IllegalArgumentException as {@link #evaluate(Pair, Batch, Batch, Reduction)}, or for a
   *     {@code deltaOut} of the wrong shape or aliasing an input
   * @throws IllegalStateException if the backend returns a non-finite result for valid input
   */
  public double evaluate(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    checkArguments(pair, z, y, "y", reduction);
    Objects.requireNonNull(deltaOut, "deltaOut");
    try {
      Validation.checkOutput("deltaOut", deltaOut, z, y);
    } catch (IllegalArgumentException e) {
      // a broken input is reported before a broken buffer
      Validation.checkInputs(pair, z, y);
      throw e;
    }
    return run(pair, z, y, reduction, deltaOut);
  }

  /**
   * The loss, activations and delta for class-index targets: {@code y} is the one-hot rows of
   * {@code labels}, never materialised by a backend that reads labels directly; ignored examples
   * contribute {@code ℓ_i = 0}, {@code δ_i = 0} and are not validated.
   *
   * @throws NullPointerException naming the argument that is null
   * @throws IllegalArgumentException for a loss that takes no labels (its target rows are not on
   *     the simplex), a wrong number of labels, a label outside {@code [0, n)}, or any rule of
   *     {@link Validation#checkLabels}
   * @throws IllegalStateException if the backend returns a non-finite result for valid input
   */
  public LossResult evaluate(Pair pair, Batch z, Labels labels, Reduction reduction) {
    checkArguments(pair, z, labels, "labels", reduction);
    Batch delta = Batch.zeros(z.rows(), z.cols());
    return result(pair, z, run(pair, z, labels, reduction, delta), delta);
  }

  /**
   * The loss for class-index targets, writing the delta into a caller-supplied buffer.
   *
   * @throws NullPointerException naming the argument that is null
   * @throws IllegalArgumentException as {@link #evaluate(Pair, Batch, Labels, Reduction)}, or for
   *     a {@code deltaOut} of the wrong shape or aliasing {@code z}
   * @throws IllegalStateException if the backend returns a non-finite result for valid input
   */
  public double evaluate(Pair pair, Batch z, Labels labels, Reduction reduction, Batch deltaOut) {
    checkArguments(pair, z, labels, "labels", reduction);
    Objects.requireNonNull(deltaOut, "deltaOut");
    Validation.checkOutput("deltaOut", deltaOut, z, z);
    return run(pair, z, labels, reduction, deltaOut);
  }

  @Override
  public String toString() {
    return "Evaluator[" + backend.id() + "]";
  }

  private double run(Pair pair, Batch z, Labels labels, Reduction reduction, Batch delta) {
    boolean checked = backend.checksInputs(pair);
    if (checked) {
      Validation.checkLabelValues(pair, z, labels);
    } else {
      Validation.checkLabels(pair, z, labels);
    }
    double loss = backend.compute(pair, z, labels, reduction, delta);
    if (!Double.isFinite(loss) || (!checked && !allFinite(delta))) {
      Validation.checkLabels(pair, z, labels);
      // valid input: the caller's overflow or the backend's defect, judged on the kept rows
      blame(pair, z, labels.toOneHot(z.cols()), reduction, loss, delta, labels);
    }
    return loss;
  }

  /** Nulls (named), then the capability hook; {@code targetsName} is "y" or "labels". */
  private void checkArguments(
      Pair pair, Batch z, Object targets, String targetsName, Reduction reduction) {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(z, "z");
    Objects.requireNonNull(targets, targetsName);
    Objects.requireNonNull(reduction, "reduction");
    if (!backend.supports(pair)) {
      throw new IllegalArgumentException(
          "backend '" + backend.id() + "' does not compute " + pair.name()
              + " (its supports(Pair) says no); " + others(pair));
    }
  }

  /** The allocating overloads' result: the loss, {@code a = f(z)} from the backend, the delta. */
  private LossResult result(Pair pair, Batch z, double loss, Batch delta) {
    Batch activations = Batch.zeros(z.rows(), z.cols());
    backend.activate(pair.activation(), z, activations);
    return new LossResult(loss, activations, delta);
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

  private double run(Pair pair, Batch z, Batch y, Reduction reduction, Batch delta) {
    boolean checked = backend.checksInputs(pair);
    if (!checked) {
      Validation.checkInputs(pair, z, y);
    } else if (z.rows() != y.rows() || z.cols() != y.cols() || z.cols() < pair.activation().minColumns()) {
      Validation.checkInputs(pair, z, y);
    }
    double loss = backend.compute(pair, z, y, reduction, delta);
    if (!Double.isFinite(loss) || (!checked && !allFinite(delta))) {
      if (checked) {
        // the kernel saw something: the shared checks name it if it is the input
        Validation.checkInputs(pair, z, y);
      }
      blame(pair, z, y, reduction, loss, delta);
    }
    return loss;
  }

  /**
   * A non-finite result on valid input: the caller's overflow if the pair's own definition
   * overflows at that row too, else the backend's defect.
   */
  private void blame(Pair pair, Batch z, Batch y, Reduction reduction, double loss, Batch delta) {
    blame(pair, z, y, reduction, loss, delta, null);
  }

  /** {@link #blame} where the rows {@code ignored} marks (if any) count as zero. */
  private void blame(Pair pair, Batch z, Batch y, Reduction reduction, double loss, Batch delta,
      Labels ignored) {
    if (ignored != null) {
      // the reference on the kept rows only: ignored rows become z = 0, which is finite for every pair
      Batch zKept = z.copy();
      for (int i = 0; i < z.rows(); i++) {
        if (ignored.isIgnored(i)) {
          java.util.Arrays.fill(zKept.array(), i * z.cols(), (i + 1) * z.cols(), 0.0);
        }
      }
      z = zKept;
    }
    int n = z.cols();
    double scale = reduction.scale(z.rows());
    double[] d = delta.array();
    double[] reference = new double[n * z.rows()];
    for (int k = 0; k < d.length; k++) {
      if (!Double.isFinite(d[k])) {
        int row = k / n;
        double rowLoss = pair.lossOfRows(z.array(), y.array(), n, row, row + 1, scale, reference);
        if (!Double.isFinite(rowLoss) || !Double.isFinite(reference[k])) {
          Validation.checkResult(pair, z, y, loss, delta);
        }
        throw defect(pair, "delta", d[k], row, k % n, reference[k]);
      }
    }
    double expected = pair.lossOfRows(z.array(), y.array(), n, 0, z.rows(), scale, reference);
    if (!Double.isFinite(expected) || !allFinite(Batch.wrap(reference, z.rows(), n))) {
      Validation.checkResult(pair, z, y, loss, delta);
    }
    throw defect(pair, "loss", loss, -1, -1, expected);
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

  private static boolean allFinite(Batch b) {
    for (double v : b.array()) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}

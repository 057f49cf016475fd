package io.github.deltapair.spi;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;

/**
 * What a provider of output-layer kernels implements: an id, the kernels, and a capability hook.
 * Users never call this type directly: they get an {@link io.github.deltapair.Evaluator}, which
 * validates every call before and after these kernels, whatever the backend.
 *
 * <p>A backend declares itself in {@code META-INF/services/io.github.deltapair.spi.Backend} (and
 * {@code provides … with} in a module descriptor) and is found by {@link
 * io.github.deltapair.Backends}. It is stateless and thread-safe, never writes to the arrays it
 * reads, and honours the conformance clauses C1–C11 of the contract, which the {@code
 * deltapair-conformance} kit checks.
 */
public interface Backend {

  /** The unique, stable id users select this backend by, e.g. {@code "native"}. */
  String id();

  /**
   * The backend's version: by default its jar's {@code Implementation-Version} (on the class path)
   * or its module's version (on the module path), else "unknown".
   */
  default String version() {
    String version = getClass().getPackage().getImplementationVersion();
    if (version == null && getClass().getModule().getDescriptor() != null) {
      version = getClass().getModule().getDescriptor().rawVersion().orElse(null);
    }
    return version == null ? "unknown" : version;
  }

  /** One line saying what this backend computes with. */
  default String description() {
    return getClass().getName();
  }

  /**
   * The capability hook: whether this backend computes {@code pair}. By default every pair; a
   * backend that computes only part of the catalog says so here, and the evaluator rejects the
   * others naming a backend that can (the kit skips them with a message naming this method).
   */
  default boolean supports(Pair pair) {
    return true;
  }

  /**
   * Whether {@link #compute} checks the input rules itself for {@code pair}: it then returns a
   * non-finite {@code J} for every input that breaks a rule of {@link
   * io.github.deltapair.Validation#checkInputs} and whenever any delta element is not finite, and
   * the evaluator skips its own pass over the inputs (running it only to name the problem). False
   * by default; the kit's clause C7 checks a backend that claims it.
   */
  default boolean checksInputs(Pair pair) {
    return false;
  }

  /**
   * Whether the general {@link #compute(Pair, Batch, Targets, Options, Reduction, Batch, double[])}
   * checks the input rules of the values of {@code z} and dense {@code y} itself for this call, as
   * {@link #checksInputs(Pair)} says for the dense kernel: the evaluator then checks only the
   * options and labels ({@link io.github.deltapair.Validation#checkOptions}) before it, and the
   * rest only to name a problem after a non-finite {@code J}. By default {@link
   * #checksInputs(Pair)} for labels (a logit breaking a rule makes any true computation
   * non-finite) and for dense targets without options (the dense kernel runs); false otherwise.
   */
  default boolean checksInputs(Pair pair, Targets targets, Options options) {
    return checksInputs(pair) && (targets instanceof Labels || options.isNone());
  }

  /**
   * Whether the general {@link #compute(Pair, Batch, Targets, Options, Reduction, Batch, double[])}
   * takes float32 batches for this call ({@link io.github.deltapair.Precision#FLOAT32} {@code z},
   * dense {@code y} and {@code deltaOut}): it then computes in float32 or wider, sums the loss in
   * float64 (or compensated) and writes the delta in float32 (docs/contract.md §2c). False by
   * default: the evaluator then hands every kernel float64 batches, widening float32 inputs into
   * float64 copies and rounding the delta back, so every backend computes float32 batches, at the
   * cost of those copies.
   */
  default boolean computesFloat32(Pair pair, Targets targets, Options options) {
    return false;
  }

  /**
   * The kernel: writes {@code ∂J/∂z} into {@code deltaOut} and returns {@code J}, for dense
   * float64 targets without options. Called only with {@link Reduction#SUM} or {@link Reduction#MEAN}, for a
   * supported pair, with non-null arguments of one shape, {@code deltaOut} sharing no array with
   * {@code z} or {@code y}, and (unless {@link #checksInputs} is true) inputs that passed {@link
   * io.github.deltapair.Validation#checkInputs}; must not write to {@code z} or {@code y}.
   */
  double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut);

  /**
   * The kernel for every target kind, option and reduction (docs/contract.md §2b): writes {@code
   * ∂J/∂z} into {@code deltaOut} (0 on ignored rows and masked-out entries), the per-example
   * losses {@code ℓ_i} after options into {@code exampleLosses} if it is not null, and returns
   * {@code J = s·Σ_i ℓ_i} with {@code s = reduction.scale(targets, options)} ({@link
   * Reduction#NONE}: the sum). Called only for a supported pair with inputs that passed {@link
   * io.github.deltapair.Validation#checkInputs(Pair, Batch, Targets, Options)}, or, where {@link
   * #checksInputs(Pair, Targets, Options)} is true, only {@link
   * io.github.deltapair.Validation#checkOptions}: the kernel then returns a non-finite {@code J}
   * where a value it reads breaks a rule. Must not write to any input. The batches are float64,
   * or float32 where {@link #computesFloat32} is true for the call.
   *
   * <p>By default: without options, the dense kernel {@link #compute(Pair, Batch, Batch,
   * Reduction, Batch)} (for labels, on the one-hot rows of the kept examples; example losses from
   * one call per row); with options, the pair's definitions ({@link Pair#lossOfRows(Batch,
   * Targets, Options, int, int, double, double[], double[])}), computed by this library in
   * float64 rather than by the backend. A backend overrides this to compute options itself.
   */
  default double compute(Pair pair, Batch z, Targets targets, Options options,
      Reduction reduction, Batch deltaOut, double[] exampleLosses) {
    double scale = reduction.scale(targets, options);
    if (!options.isNone()) {
      return scale * pair.lossOfRows(z, targets, options, 0, z.rows(), scale, deltaOut.array(),
          exampleLosses);
    }
    int m = z.rows();
    int n = z.cols();
    if (targets instanceof Batch y) {
      // no options, dense targets: every W_i = 1, so mean-by-weight is the mean
      Reduction plain = reduction == Reduction.SUM || reduction == Reduction.NONE
          ? Reduction.SUM : Reduction.MEAN;
      if (exampleLosses != null) {
        rowLosses(pair, z, y, exampleLosses);
      }
      return compute(pair, z, y, plain, deltaOut);
    }
    Labels labels = (Labels) targets;
    int kept = 0;
    for (int i = 0; i < m; i++) {
      kept += labels.isIgnored(i) ? 0 : 1;
    }
    if (kept == m) {
      // every row kept: the dense kernel on z itself and the one-hot rows
      Batch y = labels.toOneHot(n);
      if (exampleLosses != null) {
        rowLosses(pair, z, y, exampleLosses);
      }
      return compute(pair, z, y, reduction == Reduction.MEAN ? Reduction.MEAN
          : reduction == Reduction.MEAN_BY_WEIGHT ? Reduction.MEAN : Reduction.SUM, deltaOut);
    }
    java.util.Arrays.fill(deltaOut.array(), 0.0);
    if (exampleLosses != null) {
      java.util.Arrays.fill(exampleLosses, 0.0);
    }
    if (kept == 0) {
      return 0.0;
    }
    // the kept rows, compacted as one-hot rows; their Σ ℓ_i and per-example deltas, scaled
    Batch zKept = Batch.zeros(kept, n);
    Batch yKept = Batch.zeros(kept, n);
    Batch dKept = Batch.zeros(kept, n);
    int[] rows = new int[kept];
    for (int i = 0, r = 0; i < m; i++) {
      if (!labels.isIgnored(i)) {
        rows[r] = i;
        System.arraycopy(z.array(), i * n, zKept.array(), r * n, n);
        yKept.set(r, labels.get(i), 1.0);
        r++;
      }
    }
    double sum = compute(pair, zKept, yKept, Reduction.SUM, dKept);
    if (exampleLosses != null) {
      double[] keptLosses = new double[kept];
      rowLosses(pair, zKept, yKept, keptLosses);
      for (int r = 0; r < kept; r++) {
        exampleLosses[rows[r]] = keptLosses[r];
      }
    }
    for (int r = 0; r < kept; r++) {
      for (int j = 0; j < n; j++) {
        deltaOut.array()[rows[r] * n + j] = scale * dKept.array()[r * n + j] + 0.0;
      }
    }
    return scale * sum;
  }

  /** Each row's {@code ℓ_i} through the dense kernel, one {@code 1 × n} call per row. */
  private void rowLosses(Pair pair, Batch z, Batch y, double[] exampleLosses) {
    int n = z.cols();
    Batch zRow = Batch.zeros(1, n);
    Batch yRow = Batch.zeros(1, n);
    Batch dRow = Batch.zeros(1, n);
    for (int i = 0; i < z.rows(); i++) {
      System.arraycopy(z.array(), i * n, zRow.array(), 0, n);
      System.arraycopy(y.array(), i * n, yRow.array(), 0, n);
      exampleLosses[i] = compute(pair, zRow, yRow, Reduction.SUM, dRow);
    }
  }

  /**
   * The kernel: writes {@code a = f(z)} into {@code out} (row-wise where the activation is).
   * Called only with finite {@code z} and an {@code out} of the same shape that shares no array
   * with {@code z}.
   */
  void activate(Activation activation, Batch z, Batch out);
}

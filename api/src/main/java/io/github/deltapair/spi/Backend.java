package io.github.deltapair.spi;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;

/**
 * What a provider of output-layer kernels implements: an id, the kernels, and a capability hook.
 * Users never call this type directly: they get an {@link io.github.deltapair.Evaluator}, which
 * validates every call before and after these kernels, whatever the backend.
 *
 * <p>A backend declares itself in {@code META-INF/services/io.github.deltapair.spi.Backend} (and
 * {@code provides … with} in a module descriptor) and is found by {@link
 * io.github.deltapair.Backends}. It is stateless and thread-safe, never writes to the arrays it
 * reads, and honours the conformance clauses C1–C9 of the contract, which the {@code
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
   * The kernel: writes {@code ∂J/∂z} into {@code deltaOut} and returns {@code J}. Called only for a
   * supported pair, with non-null arguments of one shape, {@code deltaOut} sharing no array with
   * {@code z} or {@code y}, and (unless {@link #checksInputs} is true) inputs that passed {@link
   * io.github.deltapair.Validation#checkInputs}; must not write to {@code z} or {@code y}.
   */
  double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut);

  /**
   * The kernel for class-index targets: as {@link #compute(Pair, Batch, Batch, Reduction, Batch)}
   * with {@code y} the one-hot rows of {@code labels}; ignored examples have {@code ℓ_i = 0} and
   * {@code δ_i = 0} (their rows of {@code z} may hold anything), and {@link Reduction#MEAN} still
   * divides by all {@code m} rows. Called only with labels that passed {@link
   * io.github.deltapair.Validation#checkLabelValues} and (unless {@link #checksInputs} is true)
   * {@link io.github.deltapair.Validation#checkLabels}.
   *
   * <p>By default the dense kernel runs on the one-hot rows of the examples that are not ignored
   * (copied into new batches); a backend overrides this to read the labels directly.
   */
  default double compute(Pair pair, Batch z, Labels labels, Reduction reduction, Batch deltaOut) {
    int m = z.rows();
    int n = z.cols();
    int kept = 0;
    for (int i = 0; i < m; i++) {
      kept += labels.isIgnored(i) ? 0 : 1;
    }
    if (kept == m) {
      return compute(pair, z, labels.toOneHot(n), reduction, deltaOut);
    }
    java.util.Arrays.fill(deltaOut.array(), 0.0);
    if (kept == 0) {
      return 0.0;
    }
    // the kept rows, compacted; their Σ ℓ_i and per-example deltas, scaled for all m rows
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
    double scale = reduction.scale(m);
    for (int r = 0; r < kept; r++) {
      for (int j = 0; j < n; j++) {
        deltaOut.array()[rows[r] * n + j] = scale * dKept.array()[r * n + j];
      }
    }
    return scale * sum;
  }

  /**
   * The kernel: writes {@code a = f(z)} into {@code out} (row-wise where the activation is).
   * Called only with finite {@code z} and an {@code out} of the same shape that shares no array
   * with {@code z}.
   */
  void activate(Activation activation, Batch z, Batch out);
}

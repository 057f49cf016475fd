package io.github.deltapair.spi;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
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
   * The kernel: writes {@code a = f(z)} into {@code out} (row-wise where the activation is).
   * Called only with finite {@code z} and an {@code out} of the same shape that shares no array
   * with {@code z}.
   */
  void activate(Activation activation, Batch z, Batch out);
}

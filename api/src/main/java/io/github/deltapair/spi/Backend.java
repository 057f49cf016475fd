package io.github.deltapair.spi;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Validation;
import java.util.Objects;

/**
 * A provider of the output-layer loss and delta for every {@link Pair} of the catalog.
 *
 * <p>A backend declares itself in {@code META-INF/services/io.github.deltapair.spi.Backend} and is
 * found by {@link io.github.deltapair.Backends}. It is stateless and thread-safe, never writes to
 * the batches it reads, and honours the conformance clauses C1–C9 of DESIGN §5, which the
 * {@code deltapair-conformance} kit checks.
 *
 * <p>A backend implements two kernels, {@link #compute} and {@link #activate}; users call {@link
 * #evaluate}, whose default implementations validate inputs and results with {@link Validation}
 * around the kernels.
 */
public interface Backend {

  /** The unique, stable id users select this backend by, e.g. {@code "native"}. */
  String id();

  /** The backend's version: by default its jar's {@code Implementation-Version}, or "unknown". */
  default String version() {
    String version = getClass().getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  /** One line saying what this backend computes with. */
  default String description() {
    return getClass().getName();
  }

  /**
   * The kernel: writes {@code ∂J/∂z} into {@code deltaOut} and returns {@code J}. Called only with
   * inputs that passed {@link Validation#checkInputs} and a {@code deltaOut} that passed {@link
   * Validation#checkOutput}; must not write to {@code z} or {@code y}.
   */
  double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut);

  /**
   * The kernel: writes {@code a = f(z)} into {@code out} (row-wise for softmax). Called only with
   * finite {@code z} and an {@code out} of the same shape that shares no array with {@code z}.
   */
  void activate(Activation activation, Batch z, Batch out);

  /**
   * The loss, activations and delta for one batch.
   *
   * @param pair the activation and loss
   * @param z logits, {@code m × n}
   * @param y targets, {@code m × n}, in the loss's domain
   * @param reduction how example losses combine
   * @return the loss {@code J}, {@code a = f(z)} and {@code δ = ∂J/∂z}, all finite
   * @throws IllegalArgumentException for any input DESIGN §6 rejects, or a result that would
   *     overflow, naming the argument, row and column
   */
  default LossResult evaluate(Pair pair, Batch z, Batch y, Reduction reduction) {
    Validation.checkInputs(pair, z, y);
    Objects.requireNonNull(reduction, "reduction");
    Batch activations = Batch.zeros(z.rows(), z.cols());
    Batch delta = Batch.zeros(z.rows(), z.cols());
    activate(pair.activation(), z, activations);
    double loss = compute(pair, z, y, reduction, delta);
    Validation.checkResult(pair, z, y, loss, delta);
    return new LossResult(loss, activations, delta);
  }

  /**
   * The loss for one batch, writing the delta into a caller-supplied buffer (no allocation for
   * the result). If the call is rejected, the contents of {@code deltaOut} are unspecified (a
   * backend may validate while it computes); {@code z} and {@code y} are never written.
   *
   * @param deltaOut receives {@code ∂J/∂z}; the shape of {@code z}, sharing no array with {@code
   *     z} or {@code y}
   * @return the loss {@code J}
   * @throws IllegalArgumentException as {@link #evaluate(Pair, Batch, Batch, Reduction)}, or for a
   *     {@code deltaOut} of the wrong shape or aliasing an input
   */
  default double evaluate(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    Validation.checkInputs(pair, z, y);
    Objects.requireNonNull(reduction, "reduction");
    Validation.checkOutput("deltaOut", deltaOut, z, y);
    double loss = compute(pair, z, y, reduction, deltaOut);
    Validation.checkResult(pair, z, y, loss, deltaOut);
    return loss;
  }
}

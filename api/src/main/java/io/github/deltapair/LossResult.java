package io.github.deltapair;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a backend computes for one batch: the reduced loss {@code J}, the delta {@code ∂J/∂z}, the
 * per-example losses {@code ℓ_i}, and the activations {@code a = f(z)}.
 *
 * <p>The activations of a result from {@link Evaluator} are computed when {@link #activations()}
 * is first called, not before: a training step that needs only the loss and the delta does not
 * pay for a second pass over the batch. They are computed from the logits the call was given, as
 * they are at that moment (the logits are not copied): ask for them before overwriting {@code z}.
 */
public final class LossResult {

  private final double loss;
  private final Batch delta;
  private final double[] exampleLosses;
  private Supplier<Batch> source;
  private Batch activations;

  /**
   * A result with its activations already computed.
   *
   * @param loss the reduced loss {@code J} (finite; for {@link Reduction#NONE} the sum of the
   *     example losses)
   * @param activations {@code a = f(z)}, the same shape as {@code z}
   * @param delta {@code ∂J/∂z} for the reduction used, the same shape as {@code z}
   * @param exampleLosses the {@code m} per-example losses {@code ℓ_i} after options (weights, mask,
   *     smoothing), before the reduction; 0 for ignored and masked-out rows
   */
  public LossResult(double loss, Batch activations, Batch delta, double[] exampleLosses) {
    this(loss, delta, exampleLosses, null, Objects.requireNonNull(activations, "activations"));
  }

  /** A result whose activations {@code source} computes on first use. */
  LossResult(double loss, Supplier<Batch> source, Batch delta, double[] exampleLosses) {
    this(loss, delta, exampleLosses, Objects.requireNonNull(source, "activations"), null);
  }

  private LossResult(double loss, Batch delta, double[] exampleLosses, Supplier<Batch> source,
      Batch activations) {
    this.loss = loss;
    this.delta = Objects.requireNonNull(delta, "delta");
    this.exampleLosses = Objects.requireNonNull(exampleLosses, "exampleLosses");
    this.source = source;
    this.activations = activations;
  }

  /** The reduced loss {@code J} (for {@link Reduction#NONE} the sum of the example losses). */
  public double loss() {
    return loss;
  }

  /**
   * {@code a = f(z)}, the shape and precision of {@code z} (0 for rows and entries that options
   * leave out), computed on the first call (see the class comment).
   */
  public synchronized Batch activations() {
    if (activations == null) {
      activations = source.get();
      source = null;
    }
    return activations;
  }

  /** {@code ∂J/∂z} for the reduction used, the shape and precision of {@code z}. */
  public Batch delta() {
    return delta;
  }

  /** The {@code m} per-example losses {@code ℓ_i} after options, before the reduction, in float64. */
  public double[] exampleLosses() {
    return exampleLosses;
  }

  @Override
  public String toString() {
    return "LossResult[loss=" + loss + ", delta " + delta.shape() + "]";
  }
}

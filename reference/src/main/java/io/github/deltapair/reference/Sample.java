package io.github.deltapair.reference;

import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;

/**
 * Logits and targets for one test case, drawn from a seed named after the case.
 *
 * @param name the case, used as the seed and in failure messages
 * @param z the logits
 * @param y the targets, in the loss's domain
 */
public record Sample(String name, Batch z, Batch y) {

  /** Logits uniform in {@code [−bound, bound]} and targets of {@code kind} for {@code pair}. */
  public static Sample draw(String name, Pair pair, Shape shape, TargetKind kind, double bound) {
    Inputs inputs = Inputs.seeded(name);
    return new Sample(name, inputs.logits(shape, bound), inputs.targets(pair.loss(), kind, shape));
  }

  /**
   * This case in batches of {@code precision}: float64 as drawn; float32 with {@code z} rounded to
   * the nearest float and {@code y} by {@link Inputs#toFloat32} (rows on the simplex stay on it).
   */
  public Sample in(Precision precision) {
    if (z.precision() == precision && y.precision() == precision) {
      return this;
    }
    return precision == Precision.FLOAT64 ? new Sample(name, z.toFloat64(), y.toFloat64())
        : new Sample(name, z.toFloat32(), Inputs.toFloat32(y));
  }

  /** The precision of {@code z}. */
  public Precision precision() {
    return z.precision();
  }

  /** Deep copies, to keep a pristine record of what the backend was given. */
  public Sample copy() {
    return new Sample(name, z.copy(), y.copy());
  }
}

package io.github.deltapair.reference;

import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;

/**
 * Logits and class-index labels for one test case, drawn from a seed named after the case.
 *
 * @param name the case, used as the seed and in failure messages
 * @param z the logits (ignored rows may hold garbage such as NaN)
 * @param labels one class index per row, or the ignore_index
 */
public record LabelSample(String name, Batch z, Labels labels) {

  /**
   * Logits uniform in {@code [−bound, bound]} and uniform labels; with {@code ignoring}, about a
   * quarter of the rows labelled {@link Inputs#IGNORE_INDEX} and, where {@code garbage} is not
   * null, those rows of {@code z} filled with it.
   */
  public static LabelSample draw(String name, Pair pair, Shape shape, double bound, boolean ignoring, Double garbage) {
    Inputs inputs = Inputs.seeded(name);
    Batch z = inputs.logits(shape, bound);
    Labels labels = inputs.labels(shape, ignoring);
    return new LabelSample(name, garbage == null ? z : Inputs.withIgnoredRows(z, labels, garbage), labels);
  }

  /** This case with {@code z} in {@code precision} (rounded to the nearest float for float32, NaN kept). */
  public LabelSample in(Precision precision) {
    return z.precision() == precision ? this : new LabelSample(name,
        precision == Precision.FLOAT64 ? z.toFloat64() : z.toFloat32(), labels);
  }

  /** Deep copies, to keep a pristine record of what the backend was given. */
  public LabelSample copy() {
    return new LabelSample(name, z.copy(), Inputs.copy(labels));
  }

  /** The number of ignored rows. */
  public int ignoredRows() {
    int count = 0;
    for (int i = 0; i < labels.size(); i++) {
      count += labels.isIgnored(i) ? 1 : 0;
    }
    return count;
  }
}

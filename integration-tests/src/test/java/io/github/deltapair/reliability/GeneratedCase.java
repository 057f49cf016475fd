package io.github.deltapair.reliability;

import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.Arrays;

/**
 * One generated input for the properties: a pair, a reduction and a batch of logits and targets.
 *
 * @param pair the pair
 * @param reduction the reduction
 * @param z logits
 * @param y targets
 * @param note how the case was made (target kind, and for broken cases what was broken where)
 */
record GeneratedCase(Pair pair, Reduction reduction, Batch z, Batch y, String note) {

  GeneratedCase copy() {
    return new GeneratedCase(pair, reduction, z.copy(), y.copy(), note);
  }

  /** Everything needed to replay the case, with the values in round-trip form. */
  @Override
  public String toString() {
    return pair + ", " + reduction + ", " + z.shape() + " (" + note + "), z = "
        + Arrays.deepToString(z.toArray()) + ", y = " + Arrays.deepToString(y.toArray());
  }
}

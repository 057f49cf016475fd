package io.github.deltapair.reference;

import java.util.Optional;

/**
 * A pair's loss computed straight from the logits of one row, stable for every finite logit, and
 * optionally its per-example delta {@code ∂ℓ_i/∂z_i} (when it is neither {@code a − y} of a
 * canonical pair nor safe through the chain rule, e.g. focal with sigmoid at {@code |z| = 1000}).
 *
 * @param loss {@code ℓ_i} of the row {@code z[base, base + n)}, {@code y[base, base + n)}
 * @param delta {@code ∂ℓ_i/∂z_i} of that row, as a new array of length {@code n}, if given
 */
record LogitsFormula(RowLoss loss, Optional<RowDelta> delta) {

  /** A form that gives only the loss. */
  static LogitsFormula lossOnly(RowLoss loss) {
    return new LogitsFormula(loss, Optional.empty());
  }

  /** A form that gives the loss and the delta. */
  static LogitsFormula withDelta(RowLoss loss, RowDelta delta) {
    return new LogitsFormula(loss, Optional.of(delta));
  }

  /** A row's loss. */
  @FunctionalInterface
  interface RowLoss {
    /** {@code ℓ_i} of the row at {@code base}, {@code n} outputs. */
    double of(double[] z, double[] y, int base, int n);
  }

  /** A row's delta. */
  @FunctionalInterface
  interface RowDelta {
    /** {@code ∂ℓ_i/∂z_i} of the row at {@code base}, as a new array. */
    double[] of(double[] z, double[] y, int base, int n);
  }
}

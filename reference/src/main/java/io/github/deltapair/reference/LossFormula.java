package io.github.deltapair.reference;

import io.github.deltapair.Activation;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;

/**
 * A loss as the {@link ReferenceOracle} computes it: one output's term {@code ℓ(a, y)}, its
 * gradient {@code ∂ℓ/∂a}, and, for some activations, a stable form from the logits.
 */
interface LossFormula {

  /** {@code ℓ(a, y)} of one output. */
  double value(double a, double y);

  /** {@code ∂ℓ/∂a} of one output. */
  double gradient(double a, double y);

  /** The stable row form from the logits of {@code f}, if the oracle has one for this pair. */
  Optional<LogitsFormula> fromLogits(Activation f);

  /**
   * {@code ℓ} of one output as a function of {@code log a} and {@code y}, for losses that read the
   * prediction only through its logarithm (cross-entropy {@code −y log a}, kl-divergence {@code y
   * log y − y log a}): with softmax, {@code log a_j = z_j − logsumexp(z)} is exact where {@code a}
   * itself underflows. Empty for every other loss.
   */
  default Optional<DoubleBinaryOperator> ofLogPrediction() {
    return Optional.empty();
  }

  /** A loss given as data: its value, gradient and stable forms keyed by activation id. */
  static LossFormula of(
      DoubleBinaryOperator value, DoubleBinaryOperator gradient, Map<String, LogitsFormula> fromLogits) {
    return new Tabulated(value, gradient, fromLogits, null);
  }

  /** A loss given as data, with its value as a function of {@code log a} (see {@link #ofLogPrediction}). */
  static LossFormula of(DoubleBinaryOperator value, DoubleBinaryOperator gradient,
      Map<String, LogitsFormula> fromLogits, DoubleBinaryOperator ofLogPrediction) {
    return new Tabulated(value, gradient, fromLogits, ofLogPrediction);
  }

  /** See {@link #of}. */
  record Tabulated(DoubleBinaryOperator valueOf, DoubleBinaryOperator gradientOf,
      Map<String, LogitsFormula> forms, DoubleBinaryOperator logValueOf) implements LossFormula {

    @Override
    public double value(double a, double y) {
      return valueOf.applyAsDouble(a, y);
    }

    @Override
    public double gradient(double a, double y) {
      return gradientOf.applyAsDouble(a, y);
    }

    @Override
    public Optional<LogitsFormula> fromLogits(Activation f) {
      return Optional.ofNullable(forms.get(f.id()));
    }

    @Override
    public Optional<DoubleBinaryOperator> ofLogPrediction() {
      return Optional.ofNullable(logValueOf);
    }
  }
}

package io.github.deltapair.reliability;

import io.github.deltapair.Activation;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;

/**
 * Disagreements between the backends that are known bugs, recognised precisely so the properties
 * can count them instead of failing, while {@link KnownDeviationsTest} pins each one: when a bug
 * is fixed that test fails and says what to remove here.
 */
final class KnownDeviations {

  /** Below this ND4J's sigmoid {@code 1/(1 + e^−z)} is 0, since {@code e^−z} overflows. */
  static final double ND4J_SIGMOID_ZERO_BELOW = -Activation.MAX_EXP_ARGUMENT;
  /** Below this the stable sigmoid {@code e^z/(1 + e^z)} is 0 too: both backends then reject. */
  static final double STABLE_SIGMOID_ZERO_BELOW = -745.14;

  private KnownDeviations() {}

  /**
   * dl4j bug: for sigmoid + cross-entropy or sigmoid + Poisson with a logit in (−745.14, −709.78),
   * ND4J's sigmoid gives {@code a = 0} where the stable one gives a subnormal {@code a > 0}; the
   * gradient {@code −y/a} is then NaN or ∞, and dl4j rejects the valid input as an overflow
   * ("the delta of … overflows a double") while native computes the finite result.
   */
  static boolean dl4jSigmoidUnderflow(Pair pair, double[] z, Outcome nat, Outcome dl4j) {
    if (pair.activation() != Activation.SIGMOID
        || (pair.loss() != Loss.CROSS_ENTROPY && pair.loss() != Loss.POISSON)
        || nat.rejected() || !dl4j.rejected() || !dl4j.rejection().contains("overflows a double")) {
      return false;
    }
    for (double v : z) {
      if (v < ND4J_SIGMOID_ZERO_BELOW && v > STABLE_SIGMOID_ZERO_BELOW) {
        return true;
      }
    }
    return false;
  }
}

package io.github.deltapair.nativebackend;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.Loss;
import io.github.deltapair.Precision;

/**
 * The input rules the fused kernels of the built-in canonical pairs check inline, read once from
 * the built-ins' definitions (each rule is stated only there), as constants the JIT folds into the
 * kernels.
 */
final class BuiltInRules {

  static final Interval SQUARED_ERROR_TARGETS = Loss.SQUARED_ERROR.targetDomain();
  static final Interval BINARY_CROSS_ENTROPY_TARGETS = Loss.BINARY_CROSS_ENTROPY.targetDomain();
  static final Interval CROSS_ENTROPY_TARGETS = Loss.CROSS_ENTROPY.targetDomain();
  static final boolean CROSS_ENTROPY_SIMPLEX = Loss.CROSS_ENTROPY.targetRowsOnSimplex();
  static final Interval KL_DIVERGENCE_TARGETS = Loss.KL_DIVERGENCE.targetDomain();
  static final boolean KL_DIVERGENCE_SIMPLEX = Loss.KL_DIVERGENCE.targetRowsOnSimplex();
  static final Interval POISSON_TARGETS = Loss.POISSON.targetDomain();
  static final Interval BIPOLAR_TARGETS = Loss.BIPOLAR_CROSS_ENTROPY.targetDomain();

  static final double IDENTITY_MAX_LOGIT = Activation.IDENTITY.maxFiniteLogit();
  static final double SIGMOID_MAX_LOGIT = Activation.SIGMOID.maxFiniteLogit();
  static final double SOFTMAX_MAX_LOGIT = Activation.SOFTMAX.maxFiniteLogit();
  static final double EXP_MAX_LOGIT = Activation.EXP.maxFiniteLogit();
  static final double TANH_MAX_LOGIT = Activation.TANH.maxFiniteLogit();

  /**
   * Whether identity + squared error needs no check beyond a finite sum: targets on all of ℝ and
   * logits that never overflow, so a finite sum of squares is the whole rule.
   */
  static final boolean SQUARED_ERROR_ONLY_FINITE =
      SQUARED_ERROR_TARGETS.equals(Interval.REAL) && IDENTITY_MAX_LOGIT == Double.POSITIVE_INFINITY;

  /** softmax's largest float32 logit (docs/contract.md §2c), checked per row by the float32 kernels. */
  static final double SOFTMAX_MAX_LOGIT_FLOAT32 = Activation.SOFTMAX.maxFiniteLogit(Precision.FLOAT32);

  /**
   * Whether the fused float32 kernels of identity + squared error and sigmoid + binary
   * cross-entropy apply: they check no logit limit, which holds while those activations have none
   * in float32 (of the built-ins only exp has one, 88.72) and squared error needs nothing beyond a
   * finite sum. Otherwise those pairs keep the widening kernel.
   */
  static final boolean FLOAT32_UNBOUNDED_LOGITS = SQUARED_ERROR_ONLY_FINITE
      && Activation.IDENTITY.maxFiniteLogit(Precision.FLOAT32) == Double.POSITIVE_INFINITY
      && Activation.SIGMOID.maxFiniteLogit(Precision.FLOAT32) == Double.POSITIVE_INFINITY;

  /** A target inside each domain, to start the vector kernels' running minima and maxima of y from. */
  static final double BINARY_CROSS_ENTROPY_TARGET = pointIn(BINARY_CROSS_ENTROPY_TARGETS);
  static final double POISSON_TARGET = pointIn(POISSON_TARGETS);
  static final double BIPOLAR_TARGET = pointIn(BIPOLAR_TARGETS);

  private BuiltInRules() {}

  /** A point of {@code domain}: its midpoint, or one inside a finite end, or 0 on ℝ. */
  static double pointIn(Interval domain) {
    double lower = domain.lower();
    double upper = domain.upper();
    if (Double.isFinite(lower) && Double.isFinite(upper)) {
      return lower + 0.5 * (upper - lower);
    }
    return Double.isFinite(lower) ? lower + 1.0 : Double.isFinite(upper) ? upper - 1.0 : 0.0;
  }

  /** Whether every {@code v[k]}, {@code k ∈ [start, end)}, lies in {@code domain}. */
  static boolean allInside(double[] v, int start, int end, Interval domain) {
    boolean ok = true;
    // ok = ∧_k v_k ∈ domain
    for (int k = start; k < end; k++) {
      ok &= domain.contains(v[k]);
    }
    return ok;
  }

  /** Whether every {@code z[k]}, {@code k ∈ [start, end)}, is at most {@code max}; true at once for {@code max = +∞}. */
  static boolean allAtMost(double[] z, int start, int end, double max) {
    if (max == Double.POSITIVE_INFINITY) {
      return true;
    }
    boolean ok = true;
    // ok = ∧_k z_k ≤ max
    for (int k = start; k < end; k++) {
      ok &= z[k] <= max;
    }
    return ok;
  }
}

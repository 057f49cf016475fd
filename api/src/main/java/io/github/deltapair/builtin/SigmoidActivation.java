package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;

/** {@code σ(z) = 1 / (1 + e^−z)}: range (0, 1); the canonical link of binary cross-entropy. */
public final class SigmoidActivation implements Activation {

  /** The one instance, also {@link Activation#SIGMOID}. */
  public static final SigmoidActivation INSTANCE = new SigmoidActivation();

  private SigmoidActivation() {}

  @Override public String id() { return "sigmoid"; }
  @Override public Interval range() { return RANGE; }
  @Override public String formula() { return "a = σ(z) = 1 / (1 + e^−z)"; }
  @Override public String derivativeFormula() { return "a(1 − a)"; }

  /** Two branches so that {@code e^±z} never overflows. */
  @Override public double apply(double z) { return StableMath.sigmoid(z); }

  /** {@code σ(z)·σ(−z)}: accurate in both tails, where {@code a(1 − a)} loses {@code 1 − a} to rounding. */
  @Override public double derivative(double z) { return StableMath.sigmoid(z) * StableMath.sigmoid(-z); }

  @Override public String toString() { return id(); }

  // constants, so that the hot paths that ask for them allocate nothing
  private static final Interval RANGE = Interval.open(0, 1);
}

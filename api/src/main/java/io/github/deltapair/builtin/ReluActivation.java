package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;

/** {@code max(0, z)}: range [0, ∞), {@code f'(z) = 1} for {@code z > 0}, else 0 (also at 0). */
public final class ReluActivation implements Activation {

  /** The one instance, also {@link Activation#RELU}. */
  public static final ReluActivation INSTANCE = new ReluActivation();

  private ReluActivation() {}

  @Override public String id() { return "relu"; }
  @Override public Interval range() { return RANGE; }
  @Override public String formula() { return "a = max(0, z)"; }
  @Override public String derivativeFormula() { return "1 if z > 0, else 0"; }
  @Override public double apply(double z) { return z > 0 ? z : 0.0; }
  @Override public double derivative(double z) { return z > 0 ? 1.0 : 0.0; }
  @Override public String toString() { return id(); }

  // constants, so that the hot paths that ask for them allocate nothing
  private static final Interval RANGE = Interval.closedOpen(0, Double.POSITIVE_INFINITY);
}

package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;

/** {@code log(1 + e^z)}: range (0, ∞), {@code f'(z) = σ(z)}. */
public final class SoftplusActivation implements Activation {

  /** The one instance, also {@link Activation#SOFTPLUS}. */
  public static final SoftplusActivation INSTANCE = new SoftplusActivation();

  private SoftplusActivation() {}

  @Override public String id() { return "softplus"; }
  @Override public Interval range() { return RANGE; }
  @Override public String formula() { return "a = log(1 + e^z)"; }
  @Override public String derivativeFormula() { return "σ(z)"; }

  /** {@code max(z, 0) + log1p(e^−|z|)} instead of {@code log(1 + e^z)}, which is ∞ at z = 1000. */
  @Override public double apply(double z) { return StableMath.softplus(z); }

  @Override public double derivative(double z) { return StableMath.sigmoid(z); }
  @Override public String toString() { return id(); }

  // constants, so that the hot paths that ask for them allocate nothing
  private static final Interval RANGE = Interval.open(0, Double.POSITIVE_INFINITY);
}

package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;

/** {@code f(z) = z}: range ℝ, {@code f'(z) = 1}; the canonical link of squared error. */
public final class IdentityActivation implements Activation {

  /** The one instance, also {@link Activation#IDENTITY}. */
  public static final IdentityActivation INSTANCE = new IdentityActivation();

  private IdentityActivation() {}

  @Override public String id() { return "identity"; }
  @Override public Interval range() { return Interval.REAL; }
  @Override public String formula() { return "a = z"; }
  @Override public String derivativeFormula() { return "1"; }
  @Override public double apply(double z) { return z; }
  @Override public double derivative(double z) { return 1.0; }
  @Override public String toString() { return id(); }
}

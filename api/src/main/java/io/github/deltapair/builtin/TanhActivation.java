package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;

/** {@code tanh(z)}: range (−1, 1); the canonical link of bipolar cross-entropy. */
public final class TanhActivation implements Activation {

  /** The one instance, also {@link Activation#TANH}. */
  public static final TanhActivation INSTANCE = new TanhActivation();

  private TanhActivation() {}

  @Override public String id() { return "tanh"; }
  @Override public Interval range() { return RANGE; }
  @Override public String formula() { return "a = tanh(z)"; }
  @Override public String derivativeFormula() { return "1 − a²"; }
  @Override public double apply(double z) { return Math.tanh(z); }

  /** {@code 1/cosh²(z)}: accurate where {@code a} is near ±1 and {@code 1 − a²} cancels. */
  @Override public double derivative(double z) {
    double c = Math.cosh(z);
    return 1.0 / (c * c);
  }

  @Override public String toString() { return id(); }

  // constants, so that the hot paths that ask for them allocate nothing
  private static final Interval RANGE = Interval.open(-1, 1);
}

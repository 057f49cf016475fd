package io.github.deltapair.builtin;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.Precision;

/** {@code e^z}: range (0, ∞), {@code f'(z) = a}; the canonical link of Poisson. Overflows above ≈ 709.78 (float32: ≈ 88.72). */
public final class ExpActivation implements Activation {

  /** The one instance, also {@link Activation#EXP}. */
  public static final ExpActivation INSTANCE = new ExpActivation();

  private ExpActivation() {}

  @Override public String id() { return "exp"; }
  @Override public Interval range() { return RANGE; }
  @Override public String formula() { return "a = e^z"; }
  @Override public String derivativeFormula() { return "a"; }
  @Override public double maxFiniteLogit() { return MAX_EXP_ARGUMENT; }
  @Override public double maxFiniteLogit(Precision precision) {
    return precision == Precision.FLOAT64 ? MAX_EXP_ARGUMENT : MAX_FLOAT32_EXP_ARGUMENT;
  }
  @Override public double apply(double z) { return Math.exp(z); }
  @Override public double derivative(double z) { return Math.exp(z); }
  @Override public double derivative(double z, double a) { return a; }
  @Override public String toString() { return id(); }

  // constants, so that the hot paths that ask for them allocate nothing
  /** {@code log(Float.MAX_VALUE)}: {@code e^z} overflows float32 above it. */
  private static final double MAX_FLOAT32_EXP_ARGUMENT = Math.log(Float.MAX_VALUE);
  private static final Interval RANGE = Interval.open(0, Double.POSITIVE_INFINITY);
}

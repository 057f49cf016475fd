package com.example.softsign;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;

/** The softsign activation {@code a = z / (1 + |z|)}: range (−1, 1), {@code f'(z) = 1 / (1 + |z|)²}. */
public final class Softsign implements Activation {

  /** The one instance. */
  public static final Softsign INSTANCE = new Softsign();

  private Softsign() {}

  @Override public String id() { return "softsign"; }
  @Override public Interval range() { return Interval.open(-1, 1); }
  @Override public String formula() { return "a = z / (1 + |z|)"; }
  @Override public String derivativeFormula() { return "1 / (1 + |z|)²"; }
  @Override public double apply(double z) { return z / (1.0 + Math.abs(z)); }

  @Override public double derivative(double z) {
    double d = 1.0 + Math.abs(z);
    return 1.0 / (d * d);
  }

  @Override public String toString() { return id(); }
}

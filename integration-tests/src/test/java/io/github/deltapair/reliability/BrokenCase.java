package io.github.deltapair.reliability;

import io.github.deltapair.Interval;
import io.github.deltapair.Loss;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A valid generated case with one element broken.
 *
 * @param input the broken input
 * @param breakage what was done
 * @param row the row of the broken element
 * @param column its column
 */
record BrokenCase(GeneratedCase input, Breakage breakage, int row, int column) {

  /** What a property does to one element of a valid case. */
  enum Breakage {
    /** A logit becomes NaN or ±∞: always rejected, naming z, row and column. */
    LOGIT_NOT_FINITE("z", true),
    /** A target becomes NaN or ±∞: always rejected, naming y, row and column. */
    TARGET_NOT_FINITE("y", true),
    /** A target leaves its loss's domain (a loss with targets on all of ℝ has none: NaN then): always rejected. */
    TARGET_OUTSIDE_DOMAIN("y", true),
    /**
     * A logit becomes huge (±710 … ±1e300): exp overflows, chain-rule pairs saturate, squared error
     * overflows, or it is still computable; the backends must only agree on which.
     */
    LOGIT_HUGE("z", false);

    final String argument;
    final boolean alwaysRejected;

    Breakage(String argument, boolean alwaysRejected) {
      this.argument = argument;
      this.alwaysRejected = alwaysRejected;
    }
  }

  private static final double[] NOT_FINITE = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
  private static final double[] HUGE = {710, -710, 800, -800, 1e10, -1e10, 1e155, -1e155, 1e300, -1e300};

  /** Valid cases from {@link Generators#validCases()} with one element broken. */
  static Arbitrary<BrokenCase> arbitrary() {
    return Generators.validCases().flatMap(valid -> Combinators.combine(
            Arbitraries.integers().between(0, valid.z().size() - 1),
            Arbitraries.of(Breakage.values()),
            Arbitraries.integers().between(0, HUGE.length - 1))
        .as((k, breakage, pick) -> breakAt(valid, k, breakage, pick)));
  }

  private static BrokenCase breakAt(GeneratedCase valid, int k, Breakage breakage, int pick) {
    GeneratedCase broken = valid.copy();
    Loss loss = broken.pair().loss();
    Breakage done = breakage == Breakage.TARGET_OUTSIDE_DOMAIN && loss.targetDomain().equals(Interval.REAL)
        ? Breakage.TARGET_NOT_FINITE : breakage;
    double value = switch (done) {
      case LOGIT_NOT_FINITE, TARGET_NOT_FINITE -> NOT_FINITE[pick % NOT_FINITE.length];
      case TARGET_OUTSIDE_DOMAIN -> outside(loss, pick);
      case LOGIT_HUGE -> HUGE[pick];
    };
    double[] target = done.argument.equals("z") ? broken.z().array() : broken.y().array();
    target[k] = value;
    int cols = broken.z().cols();
    GeneratedCase noted = new GeneratedCase(broken.pair(), broken.reduction(), broken.z(), broken.y(),
        valid.note() + ", " + done + " " + value + " at row " + k / cols + ", column " + k % cols);
    return new BrokenCase(noted, done, k / cols, k % cols);
  }

  /** A value just or far outside the loss's target domain (a finite end, or both). */
  private static double outside(Loss loss, int pick) {
    Interval domain = loss.targetDomain();
    double l = domain.lower();
    double u = domain.upper();
    double[] values;
    if (Double.isFinite(l) && Double.isFinite(u)) {
      double w = u - l;
      values = new double[] {l - 0.25 * w, u + 0.25 * w, Math.nextDown(l), Math.nextUp(u)};
    } else if (Double.isFinite(l)) {
      values = new double[] {l - 1, l == 0 ? -1e-300 : Math.nextDown(Math.nextDown(l)), l - 0.25, Math.nextDown(l)};
    } else if (Double.isFinite(u)) {
      values = new double[] {u + 1, u == 0 ? 1e-300 : Math.nextUp(Math.nextUp(u)), u + 0.25, Math.nextUp(u)};
    } else {
      throw new AssertionError(loss.name() + " has no target domain to leave");
    }
    return values[pick % values.length];
  }

  @Override
  public String toString() {
    return input.toString();
  }
}

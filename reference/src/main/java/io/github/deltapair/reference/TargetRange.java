package io.github.deltapair.reference;

import io.github.deltapair.Interval;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where {@link Inputs} draws targets for a loss, derived from its target domain alone: a finite
 * interval is used as it is (open ends pulled in by 1% of its width), hard targets its two ends; a
 * half-line {@code [l, ∞)} gives soft targets in {@code [l, l + 5]} and hard ones the counts
 * {@code l, l + 1, …, l + 4} (and {@code (−∞, u]} the mirror image); the real line gives soft
 * targets in {@code [−2, 2]} and hard ones in {0, 1}.
 *
 * @param low the smallest soft target
 * @param high the largest soft target
 * @param labels the hard targets, in the order {@link #hard} cycles through them
 */
record TargetRange(double low, double high, List<Double> labels) {

  /** How many counts a half-line has as hard labels. */
  private static final int COUNTS = 5;
  /** Where an open end is pulled in: this fraction of a finite width, or this much on a half-line. */
  private static final double INSET = 0.01;

  /** The range for targets in {@code domain}. */
  static TargetRange of(Interval domain) {
    boolean lowerFinite = Double.isFinite(domain.lower());
    boolean upperFinite = Double.isFinite(domain.upper());
    if (lowerFinite && upperFinite) {
      double inset = INSET * (domain.upper() - domain.lower());
      double low = domain.lowerClosed() ? domain.lower() : domain.lower() + inset;
      double high = domain.upperClosed() ? domain.upper() : domain.upper() - inset;
      return new TargetRange(low, high, List.of(low, high));
    }
    if (lowerFinite) {
      double low = domain.lowerClosed() ? domain.lower() : domain.lower() + INSET;
      return new TargetRange(low, low + COUNTS, steps(low, 1.0));
    }
    if (upperFinite) {
      double high = domain.upperClosed() ? domain.upper() : domain.upper() - INSET;
      return new TargetRange(high - COUNTS, high, steps(high, -1.0));
    }
    return new TargetRange(-2.0, 2.0, List.of(0.0, 1.0));
  }

  private static List<Double> steps(double from, double direction) {
    return IntStream.range(0, COUNTS).mapToObj(k -> from + direction * k).toList();
  }

  /** The hard label number {@code k}, cycling. */
  double hard(int k) {
    return labels.get(k % labels.size());
  }

  /** How many distinct hard labels there are. */
  int hardLabels() {
    return labels.size();
  }

  /** The soft target at {@code u ∈ [0, 1)}: {@code low + u (high − low)}. */
  double soft(double u) {
    return low + u * (high - low);
  }
}

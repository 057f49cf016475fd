package io.github.deltapair.reliability;

import io.github.deltapair.Batch;
import io.github.deltapair.Interval;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.TargetKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of valid inputs over the whole catalog: any pair of {@link TwoBackends#pairs()}, shapes
 * 1..8 × 1..8 (at least the activation's minimum columns), both reductions, hard and soft targets
 * in each loss's domain, all derived from the definitions. Pairs with a stable form from the logits
 * (the canonical ones, sigmoid + focal) get logits up to ±1000 (±700 for an activation that
 * overflows, exp) with the extremes of clause C2 (docs/contract.md §5) mixed in; other chain-rule
 * pairs moderate logits in [−3, 3], where no activation saturates.
 */
final class Generators {

  static final int MAX_SIDE = 8;
  static final double MODERATE = 3.0;

  private Generators() {}

  /** Valid inputs for every pair. */
  static Arbitrary<GeneratedCase> validCases() {
    return Arbitraries.of(TwoBackends.pairs()).flatMap(pair -> Combinators.combine(
            Arbitraries.integers().between(1, MAX_SIDE),
            Arbitraries.integers().between(pair.activation().minColumns(), MAX_SIDE),
            Arbitraries.of(Reduction.SUM, Reduction.MEAN),
            Arbitraries.of(TargetKind.values()))
        .flatAs((rows, cols, reduction, kind) -> Combinators.combine(
                logits(pair).array(double[].class).ofSize(rows * cols),
                Arbitraries.doubles().between(0, 1).ofScale(9).array(double[].class).ofSize(rows * cols))
            .as((zs, us) -> new GeneratedCase(pair, reduction, Batch.wrap(zs, rows, cols),
                targets(pair.loss(), kind, us, rows, cols), kind.name().toLowerCase() + " targets"))));
  }

  /** Logits for a pair: wide with extremes where it has a logits form, moderate otherwise. */
  static Arbitrary<Double> logits(Pair pair) {
    if (pair.logitsForm().isEmpty()) {
      return Arbitraries.doubles().between(-MODERATE, MODERATE).ofScale(12);
    }
    double bound = Double.isFinite(pair.activation().maxFiniteLogit()) ? 700.0 : 1000.0;
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.doubles().between(-8, 8).ofScale(12)),
        Tuple.of(3, Arbitraries.doubles().between(-bound, bound).ofScale(9)),
        Tuple.of(2, Arbitraries.of(0.0, 17.0, -17.0, 30.0, -30.0, 100.0, -100.0, bound, -bound)));
  }

  /**
   * Targets in {@code loss}'s domain from uniform draws {@code us} in [0, 1]: hard ones are labels
   * at the ends of the domain (one-hot rows where rows lie on the simplex, counts 0..4 on [0, ∞),
   * {0, 1} on ℝ), soft ones spread inside it (simplex rows normalised).
   */
  static Batch targets(Loss loss, TargetKind kind, double[] us, int rows, int cols) {
    Batch y = Batch.zeros(rows, cols);
    double[] ys = y.array();
    if (loss.targetRowsOnSimplex()) {
      for (int i = 0; i < rows; i++) {
        int base = i * cols;
        if (kind == TargetKind.HARD) {
          ys[base + Math.min(cols - 1, (int) (us[base] * cols))] = 1.0;
          continue;
        }
        double sum = 0.0;
        for (int j = 0; j < cols; j++) {
          ys[base + j] = 0.01 + 0.99 * us[base + j];
          sum += ys[base + j];
        }
        for (int j = 0; j < cols; j++) {
          ys[base + j] /= sum;
        }
      }
      return y;
    }
    Interval domain = loss.targetDomain();
    boolean bounded = Double.isFinite(domain.lower()) && Double.isFinite(domain.upper());
    for (int k = 0; k < ys.length; k++) {
      double u = us[k];
      boolean high = u >= 0.5;
      if (bounded) {
        // [l, u]: the two ends, or uniform inside
        ys[k] = kind == TargetKind.HARD ? (high ? domain.upper() : domain.lower())
            : domain.lower() + u * (domain.upper() - domain.lower());
      } else if (Double.isFinite(domain.lower())) {
        // [l, ∞): counts l..l+4, or l + 4u
        ys[k] = domain.lower() + (kind == TargetKind.HARD ? Math.min(4, Math.floor(5 * u)) : 4 * u);
      } else {
        // ℝ: {0, 1}, or 4u − 2
        ys[k] = kind == TargetKind.HARD ? (high ? 1 : 0) : 4 * u - 2;
      }
    }
    return y;
  }
}

package io.github.deltapair.reliability;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.conformance.TargetKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of valid inputs over the whole catalog: any pair of {@link Pair#all()}, shapes
 * 1..8 × 1..8 (softmax at least 2 columns), both reductions, hard and soft targets in each loss's
 * domain. Canonical pairs get logits up to ±1000 (exp: ±700) with the extremes of DESIGN §5 C2
 * mixed in; chain-rule pairs moderate logits in [−3, 3], where no activation saturates.
 */
final class Generators {

  static final int MAX_SIDE = 8;
  static final double MODERATE = 3.0;

  private Generators() {}

  /** Valid inputs for every pair. */
  static Arbitrary<GeneratedCase> validCases() {
    return Arbitraries.of(Pair.all()).flatMap(pair -> Combinators.combine(
            Arbitraries.integers().between(1, MAX_SIDE),
            Arbitraries.integers().between(pair.activation() == Activation.SOFTMAX ? 2 : 1, MAX_SIDE),
            Arbitraries.of(Reduction.values()),
            Arbitraries.of(TargetKind.values()))
        .flatAs((rows, cols, reduction, kind) -> Combinators.combine(
                logits(pair).array(double[].class).ofSize(rows * cols),
                Arbitraries.doubles().between(0, 1).ofScale(9).array(double[].class).ofSize(rows * cols))
            .as((zs, us) -> new GeneratedCase(pair, reduction, Batch.wrap(zs, rows, cols),
                targets(pair.loss(), kind, us, rows, cols), kind.name().toLowerCase() + " targets"))));
  }

  /** Logits for a pair: wide with extremes for canonical pairs, moderate for chain-rule pairs. */
  static Arbitrary<Double> logits(Pair pair) {
    if (!pair.isCanonical()) {
      return Arbitraries.doubles().between(-MODERATE, MODERATE).ofScale(12);
    }
    double bound = pair.activation() == Activation.EXP ? 700.0 : 1000.0;
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.doubles().between(-8, 8).ofScale(12)),
        Tuple.of(3, Arbitraries.doubles().between(-bound, bound).ofScale(9)),
        Tuple.of(2, Arbitraries.of(0.0, 17.0, -17.0, 30.0, -30.0, 100.0, -100.0, bound, -bound)));
  }

  /**
   * Targets in {@code loss}'s domain from uniform draws {@code us} in [0, 1]: hard ones are labels
   * at the ends of the domain (one-hot rows for cross-entropy, counts 0..4 for Poisson), soft ones
   * spread inside it (cross-entropy rows normalised onto the simplex).
   */
  static Batch targets(Loss loss, TargetKind kind, double[] us, int rows, int cols) {
    Batch y = Batch.zeros(rows, cols);
    double[] ys = y.array();
    if (loss == Loss.CROSS_ENTROPY) {
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
    for (int k = 0; k < ys.length; k++) {
      double u = us[k];
      boolean high = u >= 0.5;
      ys[k] = switch (loss) {
        case SQUARED_ERROR -> kind == TargetKind.HARD ? (high ? 1 : 0) : 4 * u - 2;
        case BINARY_CROSS_ENTROPY -> kind == TargetKind.HARD ? (high ? 1 : 0) : u;
        case BIPOLAR_CROSS_ENTROPY -> kind == TargetKind.HARD ? (high ? 1 : -1) : 2 * u - 1;
        case POISSON -> kind == TargetKind.HARD ? Math.min(4, Math.floor(5 * u)) : 4 * u;
        case CROSS_ENTROPY -> throw new AssertionError("handled above");
      };
    }
    return y;
  }
}

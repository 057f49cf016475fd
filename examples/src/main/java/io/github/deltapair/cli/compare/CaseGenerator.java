package io.github.deltapair.cli.compare;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Plans the cases of a comparison and generates their seeded inputs. */
public final class CaseGenerator {

  /** DESIGN C2's extreme logits for sigmoid, softmax, tanh and the rest. */
  static final double[] EXTREME = {0, 17, -17, 30, -30, 100, -100, 1000, -1000};

  /** DESIGN C2's extreme logits for exp, whose e^z overflows above 709.78. */
  static final double[] EXTREME_EXP = {0, 17, -17, 30, -30, 100, -100, 700, -700};

  /** Random logits of canonical pairs lie in [−8, 8]. */
  static final double CANONICAL_BOUND = 8.0;

  /** Random logits of chain-rule pairs lie in [−3, 3], where no activation saturates. */
  static final double CHAIN_RULE_BOUND = 3.0;

  /**
   * The logits {@code z} and targets {@code y} of one case.
   *
   * @param z logits
   * @param y targets
   */
  public record Inputs(Batch z, Batch y) {}

  private CaseGenerator() {}

  /**
   * Every pair × reduction × logits kind × target kind × shape, with distinct seeds derived from
   * {@code seed}. Softmax needs two columns: a one-column shape becomes two columns for it.
   */
  public static List<Scenario> plan(List<Pair> pairs, List<Shape> shapes, long seed) {
    List<Scenario> plan = new ArrayList<>();
    long next = seed;
    for (Pair pair : pairs) {
      for (Shape shape : shapes) {
        Shape fitted =
            pair.activation() == Activation.SOFTMAX && shape.cols() < 2
                ? new Shape(shape.rows(), 2)
                : shape;
        for (Reduction reduction : Reduction.values()) {
          for (Scenario.Logits logits : Scenario.Logits.values()) {
            for (Scenario.Targets targets : Scenario.Targets.values()) {
              plan.add(new Scenario(pair, reduction, logits, targets, fitted, next++));
            }
          }
        }
      }
    }
    return List.copyOf(plan);
  }

  /** The inputs of {@code scenario}; the same scenario always gives the same inputs. */
  public static Inputs generate(Scenario scenario) {
    SplittableRandom random = new SplittableRandom(scenario.seed());
    Shape shape = scenario.shape();
    Batch z = Batch.zeros(shape.rows(), shape.cols());
    Pair pair = scenario.pair();
    double[] extreme = pair.activation() == Activation.EXP ? EXTREME_EXP : EXTREME;
    // the conformance kit's ranges: canonical pairs are exact everywhere, chain-rule pairs are
    // compared where no activation saturates
    double bound = pair.isCanonical() ? CANONICAL_BOUND : CHAIN_RULE_BOUND;
    double[] zs = z.array();
    for (int k = 0; k < zs.length; k++) {
      zs[k] =
          scenario.logits() == Scenario.Logits.EXTREME
              ? extreme[random.nextInt(extreme.length)]
              : random.nextDouble(-bound, bound);
    }
    return new Inputs(z, targets(pair.loss(), scenario.targets(), shape, random));
  }

  private static Batch targets(Loss loss, Scenario.Targets kind, Shape shape, SplittableRandom random) {
    Batch y = Batch.zeros(shape.rows(), shape.cols());
    boolean hard = kind == Scenario.Targets.HARD;
    for (int i = 0; i < shape.rows(); i++) {
      if (loss == Loss.CROSS_ENTROPY) {
        simplexRow(y, i, hard, random);
        continue;
      }
      for (int j = 0; j < shape.cols(); j++) {
        y.set(i, j, switch (loss) {
          case SQUARED_ERROR -> hard ? random.nextInt(2) : random.nextDouble(-2, 2);
          case BINARY_CROSS_ENTROPY -> hard ? random.nextInt(2) : random.nextDouble();
          case POISSON -> hard ? random.nextInt(6) : random.nextDouble(0, 5);
          case BIPOLAR_CROSS_ENTROPY -> hard ? 2 * random.nextInt(2) - 1 : random.nextDouble(-1, 1);
          case CROSS_ENTROPY -> throw new AssertionError("handled above");
        });
      }
    }
    return y;
  }

  private static void simplexRow(Batch y, int row, boolean hard, SplittableRandom random) {
    int n = y.cols();
    if (hard) {
      y.set(row, random.nextInt(n), 1.0);
      return;
    }
    double sum = 0;
    double[] weights = new double[n];
    for (int j = 0; j < n; j++) {
      weights[j] = random.nextDouble(0.01, 1.0);
      sum += weights[j];
    }
    for (int j = 0; j < n; j++) {
      y.set(row, j, weights[j] / sum);
    }
  }
}

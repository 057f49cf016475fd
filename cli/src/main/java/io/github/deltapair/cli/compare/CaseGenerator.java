package io.github.deltapair.cli.compare;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.ExtremeSamples;
import io.github.deltapair.reference.Inputs;
import io.github.deltapair.reference.LogitBounds;
import io.github.deltapair.reference.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans the cases of a comparison and generates their seeded inputs. Logits, targets, their ranges
 * and the extreme logits come from the reference module ({@link Inputs}, {@link LogitBounds},
 * {@link ExtremeSamples}), which the conformance kit draws from too, so the tool and the kit cannot
 * drift: targets follow each loss's definition (its target domain and simplex rule), whatever the
 * loss, built-in or plugin.
 */
public final class CaseGenerator {

  /**
   * The logits {@code z} and targets {@code y} of one case.
   *
   * @param z logits
   * @param y targets
   */
  public record CaseInputs(Batch z, Batch y) {}

  private CaseGenerator() {}

  /**
   * Every pair × reduction × logits kind × target kind × shape, with distinct seeds derived from
   * {@code seed}. A shape with fewer columns than the activation needs ({@link
   * Activation#minColumns()}: softmax 2) is widened to that many.
   */
  public static List<Scenario> plan(List<Pair> pairs, List<BatchShape> shapes, long seed) {
    List<Scenario> plan = new ArrayList<>();
    long next = seed;
    for (Pair pair : pairs) {
      int minColumns = pair.activation().minColumns();
      for (BatchShape shape : shapes) {
        BatchShape fitted =
            shape.cols() < minColumns ? new BatchShape(shape.rows(), minColumns) : shape;
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
  public static CaseInputs generate(Scenario scenario) {
    BatchShape shape = scenario.shape();
    Shape kitShape = Shape.of(shape.rows(), shape.cols());
    Pair pair = scenario.pair();
    Inputs kit = new Inputs(scenario.seed());
    Batch z;
    if (scenario.logits() == Scenario.Logits.EXTREME) {
      z = extremeLogits(pair.activation(), shape, new SplittableRandom(scenario.seed()));
    } else {
      // the kit's ranges: canonical pairs are exact everywhere, chain-rule pairs are compared
      // where no activation saturates
      z = kit.logits(kitShape, LogitBounds.of(pair));
    }
    return new CaseInputs(z, kit.targets(pair.loss(), scenario.targets().kind(), kitShape));
  }

  /** The extreme logits an activation carries: the kit's C2 logits, {@link ExtremeSamples#logits}. */
  static double[] extremes(Activation f) {
    return ExtremeSamples.logits(f).stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Batch extremeLogits(Activation f, BatchShape shape, SplittableRandom random) {
    double[] extreme = extremes(f);
    Batch z = Batch.zeros(shape.rows(), shape.cols());
    double[] zs = z.array();
    // z_k drawn uniformly from the extreme values
    for (int k = 0; k < zs.length; k++) {
      zs[k] = extreme[random.nextInt(extreme.length)];
    }
    return z;
  }
}

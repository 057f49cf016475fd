package io.github.deltapair.cli.compare;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.LossOption;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.reference.ExtremeSamples;
import io.github.deltapair.reference.Inputs;
import io.github.deltapair.reference.LogitBounds;
import io.github.deltapair.reference.OptionSample;
import io.github.deltapair.reference.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Plans the cases of a comparison and generates their seeded inputs. Logits, targets, their ranges
 * and the extreme logits come from the reference module ({@link Inputs}, {@link LogitBounds},
 * {@link ExtremeSamples}), which the conformance kit draws from too, so the tool and the kit cannot
 * drift: targets follow each loss's definition (its target domain and simplex rule), whatever the
 * loss, built-in or plugin. Cases with loss options are drawn by the kit's {@link OptionSample}
 * (clause C10's), with the option sets of {@link OptionSample#combinationsFor} that each loss
 * supports. float32 cases round those same inputs to float32 ({@link CaseInputs#toFloat32}), with
 * the kit's float32 extreme logits.
 */
public final class CaseGenerator {

  /** The reductions of the widest option set of each loss: all four. */
  static final List<Reduction> OPTION_REDUCTIONS = List.of(Reduction.values());

  /** The reductions the other option sets take in turn, besides mean-by-weight. */
  private static final List<Reduction> OTHER_REDUCTIONS =
      List.of(Reduction.SUM, Reduction.MEAN, Reduction.NONE);

  /** The largest batch ({@code m·n}) the option cases take turns on, besides one case per pair. */
  static final int OPTION_MAX_ENTRIES = 256 * 16;

  /**
   * The logits {@code z}, targets and options of one case. What the contract neither validates
   * nor reads (ignored rows, rows masked out whole, masked-out entries) holds NaN.
   *
   * @param z logits
   * @param targets dense {@code y} or class-index labels
   * @param options the loss options, {@link Options#NONE} for a plain case
   */
  public record CaseInputs(Batch z, Targets targets, Options options) {

    /** A plain case's dense targets. */
    public CaseInputs(Batch z, Batch y) {
      this(z, y, Options.NONE);
    }

    /**
     * The dense targets {@code y}.
     *
     * @throws IllegalStateException if the targets are class-index labels
     */
    public Batch y() {
      if (targets instanceof Batch y) {
        return y;
      }
      throw new IllegalStateException("this case has class-index labels, not dense targets y");
    }

    /** A deep copy, to keep a pristine record of what a backend was given. */
    public CaseInputs copy() {
      Targets t = targets instanceof Labels labels ? Inputs.copy(labels) : ((Batch) targets).copy();
      return new CaseInputs(z.copy(), t, OptionSample.copy(options));
    }

    /**
     * These inputs in float32: {@code z}, dense {@code y} and the mask rounded to the nearest float
     * (weights and smoothing stay float64, as the api takes them); {@code y} by the kit's {@link
     * Inputs#toFloat32}, which keeps rows on the simplex exactly on it.
     */
    public CaseInputs toFloat32() {
      Targets t = targets instanceof Batch y ? Inputs.toFloat32(y) : targets;
      Options o = options.mask() == null ? options : options.withMask(options.mask().toFloat32());
      return new CaseInputs(z.toFloat32(), t, o);
    }

    /** These inputs widened to float64 exactly (themselves if float64): what the oracle judges. */
    public CaseInputs toFloat64() {
      if (z.precision() == Precision.FLOAT64) {
        return this;
      }
      return new CaseInputs(
          z.toFloat64(), targets instanceof Batch y ? y.toFloat64() : targets, options);
    }

    /** Whether every array holds the same bits as {@code other}'s (NaN included). */
    public boolean sameBits(CaseInputs other) {
      return new OptionSample("", z, targets, options)
          .sameBits(new OptionSample("", other.z(), other.targets(), other.options()));
    }
  }

  private CaseGenerator() {}

  /**
   * Every pair × reduction (sum, mean) × logits kind × target kind × shape; then, per pair, every
   * option set its loss supports ({@link OptionSample#combinationsFor}) at random logits, under
   * mean-by-weight and one of sum, mean and none in turn (the widest set under all four), each on
   * the next of the shapes of at most {@link #OPTION_MAX_ENTRIES} entries in turn (so they are
   * covered without multiplying the run), and the widest option set once more with mean-by-weight
   * on the largest shape if that is larger; then, per pair, the float32 cases (clause C11): per
   * shape a random case under sum and an extreme one under mean (soft and hard targets swapping
   * between shapes), and two option sets (the widest under mean-by-weight; another, in turn, under
   * one of sum, mean and none). Seeds are distinct, derived from {@code seed}. A shape with fewer columns
   * than the activation needs ({@link Activation#minColumns()}: softmax 2) is widened to that many.
   */
  public static List<Scenario> plan(List<Pair> pairs, List<BatchShape> shapes, long seed) {
    List<Scenario> plan = new ArrayList<>();
    long next = seed;
    for (Pair pair : pairs) {
      for (BatchShape shape : shapes) {
        BatchShape fitted = fitted(pair, shape);
        for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.MEAN}) {
          for (Scenario.Logits logits : Scenario.Logits.values()) {
            for (Scenario.Targets targets : Scenario.Targets.values()) {
              plan.add(new Scenario(pair, reduction, logits, targets, fitted, next++));
            }
          }
        }
      }
    }
    // option cases take turns over the shapes up to OPTION_MAX_ENTRIES, which keeps the run short;
    // the widest option set of each loss also runs once on the largest shape
    List<BatchShape> small = shapes.stream().filter(s -> s.rows() * s.cols() <= OPTION_MAX_ENTRIES)
        .toList();
    BatchShape largest = shapes.stream()
        .max(java.util.Comparator.comparingLong(s -> (long) s.rows() * s.cols())).orElseThrow();
    List<BatchShape> turns = small.isEmpty() ? List.of(largest) : small;
    int turn = 0;
    int other = 0;
    for (Pair pair : pairs) {
      Set<LossOption> widest = OptionSample.widestFor(pair.loss());
      for (Set<LossOption> options : OptionSample.combinationsFor(pair.loss())) {
        // mean-by-weight for every set, the other three in turn; the widest set under all four
        List<Reduction> reductions = options.equals(widest) ? OPTION_REDUCTIONS
            : List.of(Reduction.MEAN_BY_WEIGHT, OTHER_REDUCTIONS.get(other++ % OTHER_REDUCTIONS.size()));
        // one extra step per set, so that mean-by-weight does not keep landing on the same shapes
        turn++;
        for (Reduction reduction : reductions) {
          BatchShape shape = fitted(pair, turns.get(turn++ % turns.size()));
          plan.add(new Scenario(pair, reduction, Scenario.Logits.RANDOM, Scenario.Targets.SOFT,
              shape, next++, options));
        }
      }
      if (!widest.isEmpty() && !small.contains(largest)) {
        plan.add(new Scenario(pair, Reduction.MEAN_BY_WEIGHT, Scenario.Logits.RANDOM,
            Scenario.Targets.SOFT, fitted(pair, largest), next++, widest));
      }
    }
    int float32Turn = 0;
    for (Pair pair : pairs) {
      // float32 (docs/contract.md §2c): per shape one random and one extreme case, sum and mean
      // and hard and soft targets swapping from shape to shape
      for (int s = 0; s < shapes.size(); s++) {
        BatchShape shape = fitted(pair, shapes.get(s));
        Scenario.Targets first = s % 2 == 0 ? Scenario.Targets.SOFT : Scenario.Targets.HARD;
        Scenario.Targets second = s % 2 == 0 ? Scenario.Targets.HARD : Scenario.Targets.SOFT;
        plan.add(new Scenario(pair, Reduction.SUM, Scenario.Logits.RANDOM, first, shape, next++,
            Set.of(), Precision.FLOAT32));
        plan.add(new Scenario(pair, Reduction.MEAN, Scenario.Logits.EXTREME, second, shape, next++,
            Set.of(), Precision.FLOAT32));
      }
      // and two option sets: the widest under mean-by-weight, another in turn under sum, mean or none
      Set<LossOption> widest = OptionSample.widestFor(pair.loss());
      if (widest.isEmpty()) {
        continue;
      }
      plan.add(new Scenario(pair, Reduction.MEAN_BY_WEIGHT, Scenario.Logits.RANDOM,
          Scenario.Targets.SOFT, fitted(pair, turns.get(turn++ % turns.size())), next++, widest,
          Precision.FLOAT32));
      List<Set<LossOption>> others = OptionSample.combinationsFor(pair.loss()).stream()
          .filter(set -> !set.equals(widest)).toList();
      if (!others.isEmpty()) {
        plan.add(new Scenario(pair, OTHER_REDUCTIONS.get(float32Turn % OTHER_REDUCTIONS.size()),
            Scenario.Logits.RANDOM, Scenario.Targets.SOFT,
            fitted(pair, turns.get(turn++ % turns.size())), next++,
            others.get(float32Turn % others.size()), Precision.FLOAT32));
        float32Turn++;
      }
    }
    return List.copyOf(plan);
  }

  private static BatchShape fitted(Pair pair, BatchShape shape) {
    int minColumns = pair.activation().minColumns();
    return shape.cols() < minColumns ? new BatchShape(shape.rows(), minColumns) : shape;
  }

  /**
   * The inputs of {@code scenario}; the same scenario always gives the same inputs. A float32
   * scenario's are the float64 inputs of the same seed rounded ({@link CaseInputs#toFloat32}), its
   * extreme logits those a float32 {@code f(z)} carries.
   */
  public static CaseInputs generate(Scenario scenario) {
    CaseInputs inputs = generateFloat64(scenario);
    return scenario.precision() == Precision.FLOAT32 ? inputs.toFloat32() : inputs;
  }

  private static CaseInputs generateFloat64(Scenario scenario) {
    BatchShape shape = scenario.shape();
    Shape kitShape = Shape.of(shape.rows(), shape.cols());
    Pair pair = scenario.pair();
    if (!scenario.options().isEmpty()) {
      // the kit's C10 samples: NaN where nothing is read
      OptionSample sample = OptionSample.draw("compare seed " + scenario.seed(), pair, kitShape,
          LogitBounds.of(pair), scenario.options());
      return new CaseInputs(sample.z(), sample.targets(), sample.options());
    }
    Inputs kit = new Inputs(scenario.seed());
    Batch z;
    if (scenario.logits() == Scenario.Logits.EXTREME) {
      z = extremeLogits(pair.activation(), scenario.precision(), shape,
          new SplittableRandom(scenario.seed()));
    } else {
      // the kit's ranges: canonical pairs are exact everywhere, chain-rule pairs are compared
      // where no activation saturates
      z = kit.logits(kitShape, LogitBounds.of(pair));
    }
    return new CaseInputs(z, kit.targets(pair.loss(), scenario.targets().kind(), kitShape));
  }

  /**
   * The extreme logits an activation carries in {@code precision}: the kit's C2 logits, {@link
   * ExtremeSamples#logits(Activation, Precision)} (exp in float32: up to 80).
   */
  static double[] extremes(Activation f, Precision precision) {
    return ExtremeSamples.logits(f, precision).stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Batch extremeLogits(
      Activation f, Precision precision, BatchShape shape, SplittableRandom random) {
    double[] extreme = extremes(f, precision);
    Batch z = Batch.zeros(shape.rows(), shape.cols());
    double[] zs = z.array();
    // z_k drawn uniformly from the extreme values
    for (int k = 0; k < zs.length; k++) {
      zs[k] = extreme[random.nextInt(extreme.length)];
    }
    return z;
  }
}

package io.github.deltapair.reference;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Interval;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Validation;
import java.util.List;
import java.util.stream.Stream;

/**
 * The samples at extreme logits of clauses C2 and C3, derived from the definitions: the largest
 * logit used is 1000, or the activation's {@link Activation#maxFiniteLogit(Precision)} rounded down
 * to a hundred (exp: 700), or to ten below a hundred (exp in float32: 80). Samples are drawn in
 * float64; clause C11 hands them to the backend {@linkplain Sample#in in float32}.
 */
public final class ExtremeSamples {

  /** The largest logit drawn where the activation never overflows. */
  public static final double FAR = 1000.0;

  private ExtremeSamples() {}

  /** {@code 1000}, or {@code maxFiniteLogit()} rounded down to a hundred when that is smaller. */
  public static double far(Activation f) {
    return far(f, Precision.FLOAT64);
  }

  /**
   * {@code 1000}, or {@code f.maxFiniteLogit(precision)} when that is smaller, rounded down to a
   * hundred, or to ten if it is below a hundred (exp: 700 in float64, 80 in float32).
   */
  public static double far(Activation f, Precision precision) {
    double max = f.maxFiniteLogit(precision);
    if (!Double.isFinite(max) || max >= FAR) {
      return FAR;
    }
    double unit = max >= 100.0 ? 100.0 : 10.0;
    return Math.floor(max / unit) * unit;
  }

  /** The C2 logits of {@code pair}'s activation: {@link #logits(Activation)}. */
  public static Stream<Double> canonicalExtremes(Pair pair) {
    return canonicalExtremes(pair, Precision.FLOAT64);
  }

  /**
   * The C2 logits of {@code pair}'s activation in {@code precision}: {@link #logits(Activation,
   * Precision)}.
   */
  public static Stream<Double> canonicalExtremes(Pair pair, Precision precision) {
    return logits(pair.activation(), precision).stream();
  }

  /**
   * The extreme logits of C2, which the tool's {@code compare} draws from too.
   *
   * @param f the activation
   * @return {@code 0, ±17, ±30, ±100, ±far(f)}, in that order
   */
  public static List<Double> logits(Activation f) {
    return logits(f, Precision.FLOAT64);
  }

  /**
   * The extreme logits of C2 for batches of {@code precision}.
   *
   * @return {@code 0, ±17, ±30, ±100, ±far(f, precision)}, in that order, without those above
   *     {@code f.maxFiniteLogit(precision)} (exp in float32: 100)
   */
  public static List<Double> logits(Activation f, Precision precision) {
    double far = far(f, precision);
    double max = f.maxFiniteLogit(precision);
    return Stream.of(0.0, 17.0, -17.0, 30.0, -30.0, 100.0, -100.0, far, -far)
        .filter(v -> v <= max).distinct().toList();
  }

  /** The C3 magnitudes: 30 and {@code far}. */
  public static List<Double> chainRuleMagnitudes(Pair pair) {
    return chainRuleMagnitudes(pair, Precision.FLOAT64);
  }

  /** The C3 magnitudes for batches of {@code precision}: 30 and {@code far(f, precision)}. */
  public static List<Double> chainRuleMagnitudes(Pair pair, Precision precision) {
    return List.of(30.0, far(pair.activation(), precision));
  }

  /**
   * Whether a chain-rule pair is well conditioned at large logits: it has a stable form from the
   * logits, or its loss takes every real prediction (squared error, huber). Other chain-rule pairs
   * approach the edge of their loss's domain there, where {@code ∂ℓ/∂a} is a difference of huge
   * terms that no float64 oracle can pin down to the delta tolerance; C3 checks them at moderate
   * logits.
   */
  public static boolean wellConditionedFar(Pair pair) {
    return pair.logitsForm().isPresent() || pair.loss().predictionDomain().equals(Interval.REAL);
  }

  /** Element-wise: every logit is {@code v}; row-wise: every row is {@code [v, 0, …, 0, −v]}. */
  public static Sample c2(Pair pair, double v, TargetKind kind) {
    String name = "C2 " + pair + " z=" + v + " " + kind;
    boolean rowWise = !pair.activation().isElementwise();
    Shape shape = rowWise ? Shape.of(3, Math.max(3, pair.activation().minColumns())) : Shape.of(2, 3);
    Batch z = rowWise ? spread(shape, v) : Inputs.filled(shape, v);
    return new Sample(name, z, targets(name, pair, kind, shape));
  }

  /** The C3 patterns at magnitude {@code v}: rows {@code [v, 0, −v]}, all {@code +v}, all {@code −v}. */
  public static Stream<Sample> c3(Pair pair, double v, TargetKind kind) {
    Shape rows = Shape.of(3, Math.max(3, pair.activation().minColumns()));
    Shape filled = Shape.of(2, Math.max(3, pair.activation().minColumns()));
    String name = "C3 far " + pair + " |z|=" + v + " " + kind;
    return Stream.of(
        new Sample(name + " rows [v, 0, −v]", spread(rows, v), targets(name + " spread", pair, kind, rows)),
        new Sample(name + " all +v", Inputs.filled(filled, v), targets(name + " +", pair, kind, filled)),
        new Sample(name + " all −v", Inputs.filled(filled, -v), targets(name + " −", pair, kind, filled)));
  }

  /**
   * Whether the contract accepts the sample, in its {@linkplain Sample#precision() precision}, for
   * the pair and the oracle's loss and delta lie within that precision's range there (where they
   * do not, the case is an overflow the contract rejects, not a test of the kernel).
   */
  public static boolean valid(Pair pair, Sample sample) {
    try {
      Validation.checkInputs(pair, sample.z(), sample.y());
    } catch (IllegalArgumentException rejected) {
      return false;
    }
    Precision precision = sample.precision();
    if (!precision.holds(ReferenceOracle.loss(pair, sample.z(), sample.y(), Reduction.SUM))) {
      return false;
    }
    for (double d : ReferenceOracle.delta(pair, sample.z(), sample.y(), Reduction.SUM).array()) {
      if (!precision.holds(d)) {
        return false;
      }
    }
    return true;
  }

  private static Batch targets(String name, Pair pair, TargetKind kind, Shape shape) {
    return kind == TargetKind.HARD
        ? Inputs.cyclingLabels(pair.loss(), shape)
        : Inputs.seeded(name).targets(pair.loss(), kind, shape);
  }

  /** Rows {@code [v, 0, …, 0, −v]}. */
  private static Batch spread(Shape shape, double v) {
    Batch z = Batch.zeros(shape.rows(), shape.cols());
    for (int i = 0; i < shape.rows(); i++) {
      z.set(i, 0, v);
      z.set(i, shape.cols() - 1, -v);
    }
    return z;
  }
}

package io.github.deltapair.reference;

import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded random logits and targets that every loss accepts. The same seed gives the same batches
 * on every JVM, so a failing case can be replayed.
 *
 * <p>Targets are derived from the loss's definition alone, so a third-party loss gets valid
 * targets too: rows on the simplex when {@link Loss#targetRowsOnSimplex()} (one-hot or soft rows),
 * otherwise values in {@link Loss#targetDomain()} as {@link TargetRange} reads it (the ends of a
 * finite interval or counts on a half-line when hard; uniform over the range when soft).
 */
public final class Inputs {

  private final SplittableRandom random;

  /** Inputs drawn from {@code seed}. */
  public Inputs(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Inputs seeded from a case's name (a 64-bit FNV-1a hash of it), reproducible everywhere. */
  public static Inputs seeded(String name) {
    long hash = 0xcbf29ce484222325L;
    for (int k = 0; k < name.length(); k++) {
      hash = (hash ^ name.charAt(k)) * 0x100000001b3L;
    }
    return new Inputs(hash);
  }

  /** Logits drawn uniformly from {@code [−bound, bound]}. */
  public Batch logits(Shape shape, double bound) {
    Batch z = Batch.zeros(shape.rows(), shape.cols());
    double[] zs = z.array();
    // z = bound·(2u − 1)
    for (int k = 0; k < zs.length; k++) {
      zs[k] = bound * (2.0 * random.nextDouble() - 1.0);
    }
    return z;
  }

  /**
   * Targets inside {@code loss}'s domain, of the given kind: simplex rows where the loss needs
   * them, values in its target domain otherwise.
   */
  public Batch targets(Loss loss, TargetKind kind, Shape shape) {
    Batch y = Batch.zeros(shape.rows(), shape.cols());
    double[] ys = y.array();
    if (loss.targetRowsOnSimplex()) {
      for (int i = 0; i < shape.rows(); i++) {
        fillSimplexRow(ys, i * shape.cols(), shape.cols(), kind);
      }
      return y;
    }
    TargetRange range = TargetRange.of(loss.targetDomain());
    for (int k = 0; k < ys.length; k++) {
      ys[k] = kind == TargetKind.HARD
          ? range.hard(random.nextInt(range.hardLabels()))
          : range.soft(random.nextDouble());
    }
    return y;
  }

  /**
   * Hard targets that cycle through every label in row-major order, so each label occurs in a
   * batch of a few elements: the two ends of a finite domain ({0, 1}, {−1, 1}), counts 0..4 on
   * {@code [0, ∞)}, {0, 1} on ℝ; for simplex rows, row {@code i} is one-hot at column {@code i mod
   * n}.
   */
  public static Batch cyclingLabels(Loss loss, Shape shape) {
    Batch y = Batch.zeros(shape.rows(), shape.cols());
    TargetRange range = TargetRange.of(loss.targetDomain());
    for (int i = 0; i < shape.rows(); i++) {
      for (int j = 0; j < shape.cols(); j++) {
        int k = i * shape.cols() + j;
        y.set(i, j, loss.targetRowsOnSimplex() ? (j == i % shape.cols() ? 1.0 : 0.0) : range.hard(k));
      }
    }
    return y;
  }

  /** The value {@link #labels(Shape, boolean)} marks ignored examples with: PyTorch's default. */
  public static final int IGNORE_INDEX = -100;

  /** The share of examples {@link #labels(Shape, boolean)} ignores. */
  public static final double IGNORED_SHARE = 0.25;

  /**
   * Class-index labels for {@code shape}: one per row, uniform in {@code [0, cols)}. With {@code
   * ignoring}, each row is labelled {@link #IGNORE_INDEX} with probability {@link #IGNORED_SHARE}
   * (with at least two rows, at least one row is ignored and row 0 is always kept) and the labels
   * carry that ignore_index.
   */
  public Labels labels(Shape shape, boolean ignoring) {
    int m = shape.rows();
    int[] classes = new int[m];
    boolean anyIgnored = false;
    for (int i = 0; i < m; i++) {
      classes[i] = random.nextInt(shape.cols());
      if (ignoring && i > 0 && random.nextDouble() < IGNORED_SHARE) {
        classes[i] = IGNORE_INDEX;
        anyIgnored = true;
      }
    }
    if (ignoring && !anyIgnored && m >= 2) {
      classes[m - 1] = IGNORE_INDEX;
    }
    return ignoring ? Labels.of(classes, IGNORE_INDEX) : Labels.of(classes);
  }

  /**
   * A copy of {@code z} whose ignored rows hold {@code garbage} (NaN, say), which the contract
   * neither validates nor reads.
   */
  public static Batch withIgnoredRows(Batch z, Labels labels, double garbage) {
    Batch copy = z.copy();
    int n = z.cols();
    for (int i = 0; i < z.rows(); i++) {
      if (labels.isIgnored(i)) {
        Arrays.fill(copy.array(), i * n, (i + 1) * n, garbage);
      }
    }
    return copy;
  }

  /** A deep copy of {@code labels}, with the same ignore_index. */
  public static Labels copy(Labels labels) {
    int[] classes = labels.array().clone();
    return labels.ignoreIndex().isPresent()
        ? Labels.of(classes, labels.ignoreIndex().getAsInt()) : Labels.of(classes);
  }

  /** A batch with every element {@code value}. */
  public static Batch filled(Shape shape, double value) {
    Batch b = Batch.zeros(shape.rows(), shape.cols());
    Arrays.fill(b.array(), value);
    return b;
  }

  /**
   * {@code y} rounded to float32, every row that lies on the simplex in float64 (entries {@code ≥
   * 0} summing to 1 within {@link Loss#SIMPLEX_TOLERANCE}) kept exactly on it: plain rounding
   * would move such a row's sum by up to {@code n·2⁻²⁵}, off the simplex. Such a row is rounded
   * to multiples of {@code g}, twice the float32 spacing at its largest entry, and that entry is
   * {@code 1 − Σ} of the others: every partial sum is then a multiple of {@code g} up to 1, so the
   * row sums to exactly 1 however it is added. Other rows, and rows holding NaN, are rounded entry by entry.
   */
  public static Batch toFloat32(Batch y) {
    Batch rounded = y.toFloat32();
    float[] out = rounded.floatArray();
    int n = y.cols();
    for (int i = 0; i < y.rows(); i++) {
      if (onSimplex(y, i)) {
        int base = i * n;
        int largest = base;
        for (int k = base; k < base + n; k++) {
          largest = y.at(k) > y.at(largest) ? k : largest;
        }
        // twice the spacing: 1 − Σ may cross into the next binade, where floats are that far apart
        double g = 2.0 * Math.ulp(out[largest]);
        double others = 0.0;
        for (int k = base; k < base + n; k++) {
          if (k != largest) {
            // q = g·round(y / g): a multiple of g below the largest entry, so a float
            out[k] = (float) (g * Math.rint(y.at(k) / g));
            others += out[k];
          }
        }
        out[largest] = (float) (1.0 - others);
      }
    }
    return rounded;
  }

  /** Whether row {@code i} of {@code y} has entries {@code ≥ 0} summing to 1 within the simplex tolerance. */
  private static boolean onSimplex(Batch y, int i) {
    int n = y.cols();
    CompensatedSum sum = new CompensatedSum();
    for (int k = i * n; k < (i + 1) * n; k++) {
      if (!(y.at(k) >= 0.0)) {
        return false;
      }
      sum.add(y.at(k));
    }
    return Math.abs(sum.value() - 1.0) <= Loss.SIMPLEX_TOLERANCE;
  }

  /** The share of zeros {@link #classWeights} and {@link #exampleWeights} draw, and of entries {@link #mask} drops. */
  public static final double ZERO_SHARE = 0.25;

  /**
   * Class weights for {@code n} outputs: each 0 with probability {@link #ZERO_SHARE}, else uniform
   * in {@code [0.25, 3)}; never all 0 (column 0 is then 1).
   */
  public double[] classWeights(int n) {
    double[] w = weights(n, 0.25, 3.0);
    if (Arrays.stream(w).allMatch(v -> v == 0.0)) {
      w[0] = 1.0;
    }
    return w;
  }

  /** pos_weight for {@code n} outputs: uniform in {@code [0.25, 4)}, never 0. */
  public double[] posWeights(int n) {
    double[] p = new double[n];
    // p = 0.25 + 3.75·u
    for (int j = 0; j < n; j++) {
      p[j] = 0.25 + 3.75 * random.nextDouble();
    }
    return p;
  }

  /**
   * Example weights for {@code m} rows: each 0 with probability {@link #ZERO_SHARE} (row 0 never),
   * else uniform in {@code [0.1, 2)}.
   */
  public double[] exampleWeights(int m) {
    double[] e = weights(m, 0.1, 2.0);
    if (e[0] == 0.0) {
      e[0] = 1.0;
    }
    return e;
  }

  /**
   * A 0/1 mask of {@code shape}: for an element-wise activation each entry 0 with probability
   * {@link #ZERO_SHARE}; with {@code wholeRows} (softmax) each row but row 0 all 0 with that
   * probability, else all 1. Row 0 keeps at least one entry.
   */
  public Batch mask(Shape shape, boolean wholeRows) {
    int n = shape.cols();
    Batch mask = Inputs.filled(shape, 1.0);
    double[] ms = mask.array();
    for (int i = 0; i < shape.rows(); i++) {
      boolean dropRow = wholeRows && i > 0 && random.nextDouble() < ZERO_SHARE;
      for (int j = 0; j < n; j++) {
        boolean drop = wholeRows ? dropRow : random.nextDouble() < ZERO_SHARE;
        ms[i * n + j] = drop ? 0.0 : 1.0;
      }
    }
    ms[0] = 1.0;
    return mask;
  }

  /** A label smoothing {@code ε} uniform in {@code [0.05, 0.3)}. */
  public double labelSmoothing() {
    return 0.05 + 0.25 * random.nextDouble();
  }

  /**
   * A copy of {@code values} whose entries masked out by {@code mask} (0) hold {@code garbage},
   * which the contract neither validates nor reads.
   */
  public static Batch withMaskedEntries(Batch values, Batch mask, double garbage) {
    Batch copy = values.copy();
    double[] ms = mask.array();
    for (int k = 0; k < ms.length; k++) {
      if (ms[k] == 0.0) {
        copy.array()[k] = garbage;
      }
    }
    return copy;
  }

  /** {@code count} weights, each 0 with probability {@link #ZERO_SHARE}, else uniform in {@code [low, high)}. */
  private double[] weights(int count, double low, double high) {
    double[] w = new double[count];
    for (int k = 0; k < count; k++) {
      w[k] = random.nextDouble() < ZERO_SHARE ? 0.0 : low + (high - low) * random.nextDouble();
    }
    return w;
  }

  private void fillSimplexRow(double[] ys, int base, int n, TargetKind kind) {
    if (kind == TargetKind.HARD) {
      ys[base + random.nextInt(n)] = 1.0;
      return;
    }
    // y_j = u_j / Σ u, with u_j ∈ [0.01, 1): strictly positive, sums to 1 within a few ulps
    CompensatedSum total = new CompensatedSum();
    for (int j = 0; j < n; j++) {
      double u = 0.01 + 0.99 * random.nextDouble();
      ys[base + j] = u;
      total.add(u);
    }
    double sum = total.value();
    for (int j = 0; j < n; j++) {
      ys[base + j] /= sum;
    }
  }
}

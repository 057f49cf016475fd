package io.github.deltapair.conformance;

import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded random logits and targets that every loss accepts. The same seed gives the same batches
 * on every JVM, so a failing case can be replayed.
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
    for (int k = 0; k < zs.length; k++) {
      zs[k] = bound * (2.0 * random.nextDouble() - 1.0);
    }
    return z;
  }

  /**
   * Targets inside {@code loss}'s domain (DESIGN §3), of the given kind; for cross-entropy every
   * row lies on the simplex.
   */
  public Batch targets(Loss loss, TargetKind kind, Shape shape) {
    Batch y = Batch.zeros(shape.rows(), shape.cols());
    double[] ys = y.array();
    if (loss == Loss.CROSS_ENTROPY) {
      for (int i = 0; i < shape.rows(); i++) {
        fillSimplexRow(ys, i * shape.cols(), shape.cols(), kind);
      }
      return y;
    }
    for (int k = 0; k < ys.length; k++) {
      ys[k] = kind == TargetKind.HARD ? hard(loss) : soft(loss);
    }
    return y;
  }

  /**
   * Hard targets that cycle through every label in row-major order, so each label occurs in a
   * batch of a few elements: {0, 1} (squared error, binary cross-entropy), {−1, 1} (bipolar), 0..4
   * (Poisson); for cross-entropy row {@code i} is one-hot at column {@code i mod n}.
   */
  public static Batch cyclingLabels(Loss loss, Shape shape) {
    Batch y = Batch.zeros(shape.rows(), shape.cols());
    for (int i = 0; i < shape.rows(); i++) {
      for (int j = 0; j < shape.cols(); j++) {
        int k = i * shape.cols() + j;
        double label = switch (loss) {
          case CROSS_ENTROPY -> j == i % shape.cols() ? 1.0 : 0.0;
          case BIPOLAR_CROSS_ENTROPY -> k % 2 == 0 ? -1.0 : 1.0;
          case POISSON -> k % 5;
          case SQUARED_ERROR, BINARY_CROSS_ENTROPY -> k % 2;
        };
        y.set(i, j, label);
      }
    }
    return y;
  }

  /** A batch with every element {@code value}. */
  public static Batch filled(Shape shape, double value) {
    Batch b = Batch.zeros(shape.rows(), shape.cols());
    Arrays.fill(b.array(), value);
    return b;
  }

  private double hard(Loss loss) {
    return switch (loss) {
      case BIPOLAR_CROSS_ENTROPY -> random.nextBoolean() ? 1.0 : -1.0;
      case POISSON -> random.nextInt(5);
      default -> random.nextBoolean() ? 1.0 : 0.0;
    };
  }

  private double soft(Loss loss) {
    double u = random.nextDouble();
    return switch (loss) {
      case BIPOLAR_CROSS_ENTROPY -> 2.0 * u - 1.0;
      case POISSON -> 4.0 * u;
      case SQUARED_ERROR -> 4.0 * u - 2.0;
      default -> u;
    };
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

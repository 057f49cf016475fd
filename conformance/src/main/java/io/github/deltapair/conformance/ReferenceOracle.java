package io.github.deltapair.conformance;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;

/**
 * Textbook float64 formulas for every activation, loss and delta of the catalog, written
 * independently of any backend (and of the api's own reference methods) so the kit never trusts
 * the code it checks.
 *
 * <p>Canonical pairs use the stable per-output losses of DESIGN §3, so their values are true for
 * every finite logit; chain-rule pairs use {@code ℓ(f(z), y)} directly. Every sum is compensated
 * ({@link CompensatedSum}). Inputs are assumed valid (the kit only asks the oracle about inputs the
 * contract accepts); invalid ones give NaN or ±∞, never an exception.
 */
public final class ReferenceOracle {

  private static final double LN2 = Math.log(2.0);

  private ReferenceOracle() {}

  /**
   * {@code f(z)} for an element-wise activation.
   *
   * @throws IllegalArgumentException for softmax, which needs a whole row
   */
  public static double activate(Activation f, double z) {
    return switch (f) {
      case IDENTITY -> z;
      case SIGMOID -> sigmoid(z);
      case TANH -> Math.tanh(z);
      case EXP -> Math.exp(z);
      case RELU -> z > 0.0 ? z : 0.0;
      case SOFTPLUS -> softplus(z);
      case SOFTMAX -> throw new IllegalArgumentException("softmax acts on rows: use activate(f, Batch)");
    };
  }

  /**
   * {@code f'(z)} for an element-wise activation (relu: 0 at 0).
   *
   * @throws IllegalArgumentException for softmax, whose derivative is a Jacobian
   */
  public static double derivative(Activation f, double z) {
    return switch (f) {
      case IDENTITY -> 1.0;
      // σ'(z) = σ(z)·σ(−z), accurate in both tails
      case SIGMOID -> sigmoid(z) * sigmoid(-z);
      // tanh'(z) = 1 − a² = (1 − a)(1 + a)
      case TANH -> {
        double a = Math.tanh(z);
        yield (1.0 - a) * (1.0 + a);
      }
      case EXP -> Math.exp(z);
      case RELU -> z > 0.0 ? 1.0 : 0.0;
      case SOFTPLUS -> sigmoid(z);
      case SOFTMAX -> throw new IllegalArgumentException("softmax has a Jacobian, not a derivative");
    };
  }

  /** {@code a = f(z)} as a new batch, row-wise for softmax. */
  public static Batch activate(Activation f, Batch z) {
    Batch a = Batch.zeros(z.rows(), z.cols());
    double[] zs = z.array();
    double[] as = a.array();
    int n = z.cols();
    for (int i = 0; i < z.rows(); i++) {
      System.arraycopy(rowActivations(f, zs, i * n, n), 0, as, i * n, n);
    }
    return a;
  }

  /** {@code ∂ℓ/∂a} of one output of {@code loss} at prediction {@code a} and target {@code y}. */
  public static double lossGradient(Loss loss, double a, double y) {
    return switch (loss) {
      case SQUARED_ERROR -> a - y;
      case BINARY_CROSS_ENTROPY -> -y / a + (1.0 - y) / (1.0 - a);
      case CROSS_ENTROPY -> -y / a;
      case POISSON -> 1.0 - y / a;
      case BIPOLAR_CROSS_ENTROPY -> -((1.0 + y) / 2.0) / (1.0 + a) + ((1.0 - y) / 2.0) / (1.0 - a);
    };
  }

  /**
   * {@code ℓ} of one output of {@code loss} evaluated directly at prediction {@code a} (terms with
   * a zero coefficient are 0, so {@code 0·log 0} never appears).
   */
  public static double outputLoss(Loss loss, double a, double y) {
    return switch (loss) {
      case SQUARED_ERROR -> 0.5 * (a - y) * (a - y);
      case BINARY_CROSS_ENTROPY -> xlogy(-y, a) + xlog1py(-(1.0 - y), -a);
      case CROSS_ENTROPY -> xlogy(-y, a);
      case POISSON -> a + xlogy(-y, a);
      // −((1+y)/2)·log((1+a)/2) − ((1−y)/2)·log((1−a)/2)
      case BIPOLAR_CROSS_ENTROPY -> (1.0 + y) / 2.0 * LN2 + xlog1py(-(1.0 + y) / 2.0, a)
          + (1.0 - y) / 2.0 * LN2 + xlog1py(-(1.0 - y) / 2.0, -a);
    };
  }

  /**
   * {@code ℓ} of one output of a canonical pair, in the stable form from logits (DESIGN §3), for
   * every element-wise canonical pair (softmax + cross-entropy needs a row: see {@link
   * #exampleLoss}).
   *
   * @throws IllegalArgumentException for a chain-rule pair or softmax
   */
  public static double canonicalOutputLoss(Pair pair, double z, double y) {
    if (!pair.isCanonical() || pair.activation() == Activation.SOFTMAX) {
      throw new IllegalArgumentException(pair + " has no element-wise stable canonical loss");
    }
    return switch (pair.loss()) {
      case SQUARED_ERROR -> 0.5 * (z - y) * (z - y);
      // max(z, 0) − z·y + log1p(e^−|z|)
      case BINARY_CROSS_ENTROPY -> Math.max(z, 0.0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
      // e^z − y·z
      case POISSON -> Math.exp(z) - y * z;
      // ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z)
      case BIPOLAR_CROSS_ENTROPY -> (1.0 + y) / 2.0 * softplus(-2.0 * z) + (1.0 - y) / 2.0 * softplus(2.0 * z);
      case CROSS_ENTROPY -> throw new IllegalArgumentException("cross-entropy needs a whole row");
    };
  }

  /** {@code ℓ_i}, the loss of example {@code row}, summed over its outputs. */
  public static double exampleLoss(Pair pair, Batch z, Batch y, int row) {
    int n = z.cols();
    int base = row * n;
    double[] zs = z.array();
    double[] ys = y.array();
    CompensatedSum total = new CompensatedSum();
    if (pair.isCanonical() && pair.activation() == Activation.SOFTMAX) {
      // logsumexp(z) − Σ_j y_j z_j
      total.add(logSumExp(zs, base, n));
      for (int j = base; j < base + n; j++) {
        total.add(-ys[j] * zs[j]);
      }
    } else if (pair.isCanonical()) {
      for (int j = base; j < base + n; j++) {
        total.add(canonicalOutputLoss(pair, zs[j], ys[j]));
      }
    } else {
      double[] a = rowActivations(pair.activation(), zs, base, n);
      for (int j = 0; j < n; j++) {
        total.add(outputLoss(pair.loss(), a[j], ys[base + j]));
      }
    }
    return total.value();
  }

  /** {@code J}: {@code Σ_i ℓ_i}, divided by {@code m} for {@link Reduction#MEAN}. */
  public static double loss(Pair pair, Batch z, Batch y, Reduction reduction) {
    CompensatedSum total = new CompensatedSum();
    for (int i = 0; i < z.rows(); i++) {
      total.add(exampleLoss(pair, z, y, i));
    }
    return reduction == Reduction.MEAN ? total.value() / z.rows() : total.value();
  }

  /**
   * {@code ∂J/∂z} as a new batch: {@code a − y} for canonical pairs, {@code ∂ℓ/∂a ⊙ f'(z)} for
   * element-wise chain-rule pairs, {@code a_k (g_k − Σ_j g_j a_j)} with {@code g = ∂ℓ/∂a} for
   * softmax chain-rule pairs; divided by {@code m} for {@link Reduction#MEAN}.
   */
  public static Batch delta(Pair pair, Batch z, Batch y, Reduction reduction) {
    int n = z.cols();
    Batch delta = Batch.zeros(z.rows(), n);
    double[] zs = z.array();
    double[] ys = y.array();
    double[] ds = delta.array();
    double m = reduction == Reduction.MEAN ? z.rows() : 1.0;
    for (int i = 0; i < z.rows(); i++) {
      int base = i * n;
      double[] a = rowActivations(pair.activation(), zs, base, n);
      if (pair.isCanonical()) {
        for (int j = 0; j < n; j++) {
          ds[base + j] = (a[j] - ys[base + j]) / m;
        }
      } else if (pair.activation() == Activation.SOFTMAX) {
        double[] g = new double[n];
        CompensatedSum ga = new CompensatedSum();
        for (int j = 0; j < n; j++) {
          g[j] = lossGradient(pair.loss(), a[j], ys[base + j]);
          ga.add(g[j] * a[j]);
        }
        double s = ga.value();
        for (int j = 0; j < n; j++) {
          ds[base + j] = a[j] * (g[j] - s) / m;
        }
      } else {
        for (int j = 0; j < n; j++) {
          double g = lossGradient(pair.loss(), a[j], ys[base + j]);
          ds[base + j] = g * derivative(pair.activation(), zs[base + j]) / m;
        }
      }
    }
    return delta;
  }

  private static double[] rowActivations(Activation f, double[] zs, int base, int n) {
    double[] a = new double[n];
    if (f == Activation.SOFTMAX) {
      return softmaxRow(zs, base, n);
    }
    for (int j = 0; j < n; j++) {
      a[j] = activate(f, zs[base + j]);
    }
    return a;
  }

  private static double[] softmaxRow(double[] zs, int base, int n) {
    // a_j = e^{z_j − max} / Σ_k e^{z_k − max}
    double max = Double.NEGATIVE_INFINITY;
    for (int j = base; j < base + n; j++) {
      max = Math.max(max, zs[j]);
    }
    double[] row = new double[n];
    CompensatedSum total = new CompensatedSum();
    for (int j = 0; j < n; j++) {
      row[j] = Math.exp(zs[base + j] - max);
      total.add(row[j]);
    }
    double sum = total.value();
    for (int j = 0; j < n; j++) {
      row[j] /= sum;
    }
    return row;
  }

  private static double logSumExp(double[] zs, int base, int n) {
    // log Σ_j e^{z_j} = max + log Σ_j e^{z_j − max}
    double max = Double.NEGATIVE_INFINITY;
    for (int j = base; j < base + n; j++) {
      max = Math.max(max, zs[j]);
    }
    CompensatedSum total = new CompensatedSum();
    for (int j = base; j < base + n; j++) {
      total.add(Math.exp(zs[j] - max));
    }
    return max + Math.log(total.value());
  }

  private static double sigmoid(double z) {
    // 1/(1 + e^−z) for z ≥ 0, e^z/(1 + e^z) below: e^(·) never overflows
    if (z >= 0.0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  private static double softplus(double z) {
    // log(1 + e^z) = max(z, 0) + log1p(e^−|z|)
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  private static double xlogy(double x, double y) {
    return x == 0.0 ? 0.0 : x * Math.log(y);
  }

  private static double xlog1py(double x, double y) {
    return x == 0.0 ? 0.0 : x * Math.log1p(y);
  }
}

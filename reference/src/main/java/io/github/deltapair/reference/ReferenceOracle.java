package io.github.deltapair.reference;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import java.util.Optional;

/**
 * Textbook float64 formulas for the activations, losses and deltas of the catalog, written
 * independently of any backend and of the api's built-in definitions, so the kit never trusts the
 * code it checks.
 *
 * <p>The formulas are data: one small formula object per built-in activation id and per built-in
 * loss family (built from the loss's parameters), never a switch over the catalog. A pair with a
 * stable form from the logits (every built-in canonical pair, focal with sigmoid) is computed in
 * that form, so its value is true for every finite logit; other pairs use {@code ℓ(f(z), y)}
 * directly. Every sum is compensated ({@link CompensatedSum}).
 *
 * <p><b>Third-party definitions.</b> For an activation or a loss the oracle does not know (a
 * plugin's, by id), it can only use the definition's own math: {@code forwardRow}/{@code
 * backwardRow} of the activation, {@code value}/{@code gradient} of the loss, and its {@link
 * io.github.deltapair.LogitsForm} where it has one (the only way to evaluate a loss defined from
 * the logits alone). For such pairs the oracle does not judge the definition: clause C1 checks the
 * declared contract {@code δ = f(z) − y} of a pair declared canonical, and C4 (finite differences of
 * the backend's own loss) proves or refutes the gradient. {@link #hasOwnFormulas} says which case
 * applies.
 *
 * <p>Inputs are assumed valid (the kit only asks about inputs the contract accepts); invalid ones
 * give NaN or ±∞, never an exception. A float32 batch is read as its exact float64 widening
 * ({@link Batch#toFloat64()}): the oracle of a float32 call is the float64 formula on the very
 * values the backend was given (the contract's §2c); results are float64 whatever the input.
 */
public final class ReferenceOracle {

  private ReferenceOracle() {}

  /** Whether the oracle computes {@code pair} with its own formulas (both definitions built-in). */
  public static boolean hasOwnFormulas(Pair pair) {
    return ActivationFormulas.isOwn(pair.activation()) && LossFormulas.isOwn(pair.loss());
  }

  /**
   * {@code f(z)} for an element-wise activation.
   *
   * @throws IllegalArgumentException for a row-wise activation (softmax), which needs a whole row
   */
  public static double activate(Activation f, double z) {
    return ActivationFormulas.of(f).value(z);
  }

  /**
   * {@code f'(z)} for an element-wise activation (relu: 0 at 0).
   *
   * @throws IllegalArgumentException for a row-wise activation, whose derivative is a Jacobian
   */
  public static double derivative(Activation f, double z) {
    return ActivationFormulas.of(f).derivative(z);
  }

  /** {@code a = f(z)} as a new batch, row by row. */
  public static Batch activate(Activation f, Batch given) {
    Batch z = wide(given);
    ActivationFormula formula = ActivationFormulas.of(f);
    Batch a = Batch.zeros(z.rows(), z.cols());
    int n = z.cols();
    for (int i = 0; i < z.rows(); i++) {
      System.arraycopy(formula.row(z.array(), i * n, n), 0, a.array(), i * n, n);
    }
    return a;
  }

  /** {@code ∂ℓ/∂a} of one output of {@code loss} at prediction {@code a} and target {@code y}. */
  public static double lossGradient(Loss loss, double a, double y) {
    return LossFormulas.of(loss).gradient(a, y);
  }

  /**
   * {@code ℓ} of one output of {@code loss} evaluated directly at prediction {@code a} (terms with
   * a zero coefficient are 0, so {@code 0·log 0} never appears).
   */
  public static double outputLoss(Loss loss, double a, double y) {
    return LossFormulas.of(loss).value(a, y);
  }

  /** {@code ℓ_i}, the loss of example {@code row}, summed over its outputs. */
  public static double exampleLoss(Pair pair, Batch z, Batch y, int row) {
    return exampleLoss(LossFormulas.of(pair.loss()), pair.activation(), wide(z), wide(y), row);
  }

  /**
   * {@code J}: {@code Σ_i ℓ_i}, divided by {@code m} for {@link Reduction#MEAN} and for {@link
   * Reduction#MEAN_BY_WEIGHT} (without options every {@code W_i = 1}); {@link Reduction#NONE} is
   * the sum.
   */
  public static double loss(Pair pair, Batch givenZ, Batch givenY, Reduction reduction) {
    Batch z = wide(givenZ);
    Batch y = wide(givenY);
    LossFormula formula = LossFormulas.of(pair.loss());
    CompensatedSum total = new CompensatedSum();
    // J = Σ_i ℓ_i
    for (int i = 0; i < z.rows(); i++) {
      total.add(exampleLoss(formula, pair.activation(), z, y, i));
    }
    return plainScale(reduction, z.rows()) * total.value();
  }

  /**
   * {@code ∂J/∂z} as a new batch: {@code a − y} for canonical pairs (the declared contract), the
   * stable delta from the logits where the oracle has one (focal with sigmoid), {@code J_f(z)ᵀ
   * ∂ℓ/∂a} otherwise ({@code ∂ℓ/∂a ⊙ f'(z)} element-wise, {@code a_k (g_k − Σ_j g_j a_j)} for
   * softmax); scaled by {@code 1/m} for {@link Reduction#MEAN}.
   */
  public static Batch delta(Pair pair, Batch givenZ, Batch givenY, Reduction reduction) {
    Batch z = wide(givenZ);
    Batch y = wide(givenY);
    ActivationFormula f = ActivationFormulas.of(pair.activation());
    LossFormula loss = LossFormulas.of(pair.loss());
    Optional<LogitsFormula.RowDelta> stable = pair.isCanonical() ? Optional.empty()
        : loss.fromLogits(pair.activation()).flatMap(LogitsFormula::delta);
    int n = z.cols();
    double[] zs = z.array();
    double[] ys = y.array();
    Batch delta = Batch.zeros(z.rows(), n);
    double[] ds = delta.array();
    double scale = plainScale(reduction, z.rows());
    for (int i = 0; i < z.rows(); i++) {
      int base = i * n;
      double[] row;
      if (stable.isPresent()) {
        row = stable.get().of(zs, ys, base, n);
      } else {
        double[] a = f.row(zs, base, n);
        row = new double[n];
        if (pair.isCanonical()) {
          // δ = a − y
          for (int j = 0; j < n; j++) {
            row[j] = a[j] - ys[base + j];
          }
        } else {
          // δ = J_f(z)ᵀ g, g_j = ∂ℓ/∂a_j
          double[] g = new double[n];
          for (int j = 0; j < n; j++) {
            g[j] = loss.gradient(a[j], ys[base + j]);
          }
          row = f.vectorJacobian(zs, base, a, g);
        }
      }
      // MEAN: δ / m
      for (int j = 0; j < n; j++) {
        ds[base + j] = scale * row[j];
      }
    }
    return delta;
  }

  /**
   * {@code ℓ_i} for class-index labels: for a kept example the oracle's own dense formula on the
   * one-hot row with a 1 in column {@code labels.get(i)} (built here, not by the api), 0 for an
   * ignored example, whose row of {@code z} is never read.
   *
   * @return the {@code m} per-example losses
   */
  public static double[] exampleLosses(Pair pair, Batch givenZ, Labels labels) {
    Batch z = wide(givenZ);
    LossFormula formula = LossFormulas.of(pair.loss());
    double[] losses = new double[z.rows()];
    for (int i = 0; i < z.rows(); i++) {
      if (!labels.isIgnored(i)) {
        losses[i] = exampleLoss(formula, pair.activation(), row(z, i), oneHot(z.cols(), labels.get(i)), 0);
      }
    }
    return losses;
  }

  /**
   * {@code J} for class-index labels: {@code Σ_i ℓ_i} over {@link #exampleLosses} (ignored
   * examples contribute 0), divided by all {@code m} rows for {@link Reduction#MEAN}, ignored ones
   * included (PyTorch's unweighted {@code mean} divides by the kept rows; the contract does not:
   * that is {@link Reduction#MEAN_BY_WEIGHT}, which divides by the kept rows here).
   */
  public static double loss(Pair pair, Batch z, Labels labels, Reduction reduction) {
    CompensatedSum total = new CompensatedSum();
    // J = Σ_i ℓ_i
    for (double l : exampleLosses(pair, z, labels)) {
      total.add(l);
    }
    return scale(reduction, labels, Options.NONE, z.cols()) * total.value();
  }

  /**
   * {@code ∂J/∂z} for class-index labels as a new batch: each kept row is the oracle's dense delta
   * ({@link #delta(Pair, Batch, Batch, Reduction)}) of that row against its one-hot row, an
   * ignored row is exactly 0 (its {@code z} is never read); scaled by {@code 1/m} for {@link
   * Reduction#MEAN}, {@code m} counting ignored rows (by the kept rows for {@link
   * Reduction#MEAN_BY_WEIGHT}).
   */
  public static Batch delta(Pair pair, Batch givenZ, Labels labels, Reduction reduction) {
    Batch z = wide(givenZ);
    int n = z.cols();
    Batch delta = Batch.zeros(z.rows(), n);
    double scale = scale(reduction, labels, Options.NONE, n);
    for (int i = 0; i < z.rows(); i++) {
      if (labels.isIgnored(i)) {
        continue;
      }
      double[] row = delta(pair, row(z, i), oneHot(n, labels.get(i)), Reduction.SUM).array();
      // MEAN: δ_i / m
      for (int j = 0; j < n; j++) {
        delta.array()[i * n + j] = scale * row[j];
      }
    }
    return delta;
  }

  /**
   * {@code Σ_i W_i} of the contract's §2b, summed by the oracle: {@code W_i} is the example weight,
   * times the class weight of the example's label (with labels and class weights only), and 0 for
   * an ignored example or a row masked out whole.
   */
  public static double totalWeight(Targets targets, Options options, int cols) {
    return OptionsFormula.totalWeight(targets, options, cols);
  }

  /**
   * The factor {@code s} with {@code J = s·Σ_i ℓ_i} and {@code δ = s·∂(Σ_i ℓ_i)/∂z}: 1 for SUM and
   * NONE, {@code 1/m} for MEAN, {@code 1/Σ W} for MEAN_BY_WEIGHT (0 when {@code Σ W = 0}).
   */
  public static double scale(Reduction reduction, Targets targets, Options options, int cols) {
    return OptionsFormula.scale(reduction, targets, options, cols);
  }

  /**
   * The per-example losses {@code ℓ_i = e_i Σ_j c_j ℓ_ij} under options (the contract's §2b),
   * before the reduction; 0 for ignored rows and rows masked out whole, whose values are never
   * read. Written from the textbook formulas ({@link OptionsFormula}), never through the api's
   * options path.
   *
   * @param targets dense {@code y} or class-index labels
   * @return the {@code m} losses
   */
  public static double[] exampleLosses(Pair pair, Batch givenZ, Targets givenTargets, Options options) {
    Batch z = wide(givenZ);
    Targets targets = wide(givenTargets);
    double[] losses = new double[z.rows()];
    double[] scratch = new double[z.size()];
    for (int i = 0; i < z.rows(); i++) {
      losses[i] = OptionsFormula.row(pair, z, targets, options, i, 1.0, scratch);
    }
    return losses;
  }

  /** {@code J = s·Σ_i ℓ_i} under options, with {@code s} = {@link #scale}; NONE gives the sum. */
  public static double loss(Pair pair, Batch z, Targets targets, Options options, Reduction reduction) {
    CompensatedSum total = new CompensatedSum();
    // J = s·Σ_i ℓ_i
    for (double l : exampleLosses(pair, z, targets, options)) {
      total.add(l);
    }
    return scale(reduction, targets, options, z.cols()) * total.value();
  }

  /**
   * {@code δ = ∂J/∂z} under options as a new batch: {@code s·e_i·c ⊙ (a − y')} for element-wise
   * canonical pairs, {@code s·e_i·(a Σ_j w_j y'_j − w ⊙ y')} for softmax with class weights,
   * {@code s·e_i·w·((1 + (p − 1)y') a − p y')} for sigmoid + binary-cross-entropy with pos_weight,
   * the chain rule through {@code c ⊙ ∂ℓ/∂a} otherwise; exactly 0 on dropped rows and masked-out
   * entries of element-wise pairs.
   */
  public static Batch delta(Pair pair, Batch givenZ, Targets givenTargets, Options options,
      Reduction reduction) {
    Batch z = wide(givenZ);
    Targets targets = wide(givenTargets);
    Batch delta = Batch.zeros(z.rows(), z.cols());
    double scale = scale(reduction, targets, options, z.cols());
    for (int i = 0; i < z.rows(); i++) {
      OptionsFormula.row(pair, z, targets, options, i, scale, delta.array());
    }
    return delta;
  }

  /** {@code b} itself if float64, else its exact float64 widening. */
  private static Batch wide(Batch b) {
    return b.precision() == Precision.FLOAT64 ? b : b.toFloat64();
  }

  /** Dense targets widened as {@link #wide(Batch)}; labels as they are. */
  private static Targets wide(Targets targets) {
    return targets instanceof Batch y ? wide(y) : targets;
  }

  /** Without options: 1 for SUM and NONE, {@code 1/m} for MEAN and MEAN_BY_WEIGHT (every W_i = 1). */
  private static double plainScale(Reduction reduction, int rows) {
    return reduction == Reduction.SUM || reduction == Reduction.NONE ? 1.0 : 1.0 / rows;
  }

  /** Row {@code i} of {@code z} as a new 1 × n batch. */
  private static Batch row(Batch z, int i) {
    int n = z.cols();
    Batch row = Batch.zeros(1, n);
    System.arraycopy(z.array(), i * n, row.array(), 0, n);
    return row;
  }

  /** The 1 × n row {@code e_c}. */
  private static Batch oneHot(int n, int c) {
    Batch y = Batch.zeros(1, n);
    y.array()[c] = 1.0;
    return y;
  }

  private static double exampleLoss(LossFormula loss, Activation activation, Batch z, Batch y, int row) {
    int n = z.cols();
    int base = row * n;
    double[] zs = z.array();
    double[] ys = y.array();
    Optional<LogitsFormula> form = loss.fromLogits(activation);
    if (form.isPresent()) {
      return form.get().loss().of(zs, ys, base, n);
    }
    double[] a = ActivationFormulas.of(activation).row(zs, base, n);
    CompensatedSum total = new CompensatedSum();
    // ℓ_i = Σ_j ℓ(a_j, y_j)
    for (int j = 0; j < n; j++) {
      total.add(loss.value(a[j], ys[base + j]));
    }
    return total.value();
  }
}

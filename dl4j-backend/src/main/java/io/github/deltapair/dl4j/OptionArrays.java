package io.github.deltapair.dl4j;

import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Targets;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One batch under options (docs/contract.md §2b) as ND4J arrays: every option reduced to a target
 * {@code t_ij} and a weight {@code W_ij = e_i·c_ij}, so that {@code ℓ_i = Σ_j W_ij ℓ(a_ij, t_ij)}.
 *
 * <ul>
 *   <li>{@code t}: the dense {@code y}, or the one-hot row of the label; label smoothing as the
 *       target transform {@code (1 − ε) t + ε/K} ({@link Loss#smoothedTarget}); pos_weight through
 *       {@code −[p y log a + (1 − y) log(1 − a)] = c·BCE(a, p y / c)}, {@code c = 1 + (p − 1) y},
 *       so {@code t ← p t / c} and the weight gains the factor {@code c};
 *   <li>{@code c_ij}: class weight × mask entry × the pos_weight factor;
 *   <li>{@code e_i}: the example weight, 0 for a row that is dropped (ignored or masked out whole).
 * </ul>
 *
 * <p>Entries that are never read (dropped rows, masked-out entries) are replaced before they reach
 * ND4J by a stand-in logit ({@link #STAND_IN_LOGIT}) and target (0, or the nearest point of the
 * loss's target domain), so that NaN there cannot spread (ND4J's own softmax subtracts the maximum
 * of the whole array); their terms carry weight 0, and {@link #finish} writes exactly 0 there.
 *
 * <p>The arrays are of one ND4J type, DOUBLE or FLOAT (weights and targets rounded to float32).
 */
final class OptionArrays {

  /** The logit that stands in for one that is never read: inside every built-in pair's domain. */
  static final double STAND_IN_LOGIT = 0.5;

  private final int rows;
  private final int cols;
  private final boolean elementwise;
  private final INDArray z;
  private final INDArray targets;
  private final INDArray weights;
  private final INDArray exampleWeights;
  private final INDArray classRow;
  private final INDArray sparseLabels;
  private final boolean[] dropped;
  private final double[] entryWeight;

  private OptionArrays(int rows, int cols, boolean elementwise, INDArray z, INDArray targets,
      INDArray weights, INDArray exampleWeights, INDArray classRow, INDArray sparseLabels,
      boolean[] dropped, double[] entryWeight) {
    this.rows = rows;
    this.cols = cols;
    this.elementwise = elementwise;
    this.z = z;
    this.targets = targets;
    this.weights = weights;
    this.exampleWeights = exampleWeights;
    this.classRow = classRow;
    this.sparseLabels = sparseLabels;
    this.dropped = dropped;
    this.entryWeight = entryWeight;
  }

  /**
   * The arrays of {@code pair} on {@code z} against {@code targets} under {@code options}, in
   * {@code type} (a float32 {@code z} and {@code y} widen exactly to DOUBLE).
   */
  static OptionArrays of(Pair pair, Batch z, Targets targets, Options options, DataType type) {
    int m = z.rows();
    int n = z.cols();
    Loss loss = pair.loss();
    boolean elementwise = pair.activation().isElementwise();
    double standInTarget = loss.targetDomain().contains(0.0) ? 0.0 : loss.targetDomain().lower();
    Batch ys = targets instanceof Batch y ? y : null;
    Labels labels = targets instanceof Labels l ? l : null;
    double[] mask = options.mask() == null ? null : options.mask().array();
    double[] w = options.classWeights();

    double[] zSafe = new double[m * n];
    double[] t = new double[m * n];
    double[] c = new double[m * n];
    double[] e = new double[m];
    double[] sparse = labels == null ? null : new double[m];
    boolean[] dropped = new boolean[m];
    for (int i = 0; i < m; i++) {
      int base = i * n;
      dropped[i] = options.dropsRow(targets, i);
      e[i] = dropped[i] ? 0.0 : options.exampleWeight(i);
      if (sparse != null) {
        sparse[i] = dropped[i] ? 0.0 : labels.get(i);
      }
      for (int j = 0; j < n; j++) {
        int k = base + j;
        double kept = dropped[i] ? 0.0 : mask == null ? 1.0 : mask[k];
        boolean read = kept != 0.0;
        zSafe[k] = read ? z.at(k) : STAND_IN_LOGIT;
        t[k] = !read ? standInTarget : ys != null ? ys.at(k) : labels.get(i) == j ? 1.0 : 0.0;
        c[k] = (w == null ? 1.0 : w[j]) * kept;
      }
    }
    INDArray zArray = matrix(zSafe, m, n, type);
    INDArray tArray = matrix(t, m, n, type);
    INDArray cArray = matrix(c, m, n, type);
    double epsilon = options.labelSmoothing();
    if (epsilon != 0.0) {
      // y' = (1 − ε) y + ε/K, K = n for cross-entropy, 2 for binary cross-entropy
      tArray.muli(1.0 - epsilon).addi(loss.smoothedTarget(0.0, epsilon, n));
    }
    double[] p = options.posWeight();
    if (p != null) {
      INDArray pRow = matrix(p, 1, n, type);
      // c ← c·(1 + (p − 1) t), t ← p t / (1 + (p − 1) t)
      INDArray factor = tArray.mulRowVector(pRow.sub(1.0)).addi(1.0);
      cArray.muli(factor);
      tArray.muliRowVector(pRow).divi(factor);
    }
    INDArray eColumn = matrix(e, m, 1, type);
    INDArray weights = cArray.mulColumnVector(eColumn);
    INDArray classRow = w == null ? null : matrix(w, 1, n, type);
    INDArray sparseLabels = sparse == null || epsilon != 0.0 ? null : matrix(sparse, m, 1, type);
    return new OptionArrays(m, n, elementwise, zArray, tArray, weights, eColumn, classRow,
        sparseLabels, dropped, cArray.dup('c').data().asDouble());
  }

  private static INDArray matrix(double[] values, int m, int n, DataType type) {
    return Nd4j.create(values, new long[] {m, n}, 'c').castTo(type);
  }

  /** The logits, with stand-ins where they are never read. */
  INDArray z() {
    return z;
  }

  /** The targets {@code t} after smoothing and pos_weight. */
  INDArray targets() {
    return targets;
  }

  /** {@code W = e ⊙ c}, {@code m × n}: what multiplies each term {@code ℓ(a_ij, t_ij)}. */
  INDArray weights() {
    return weights;
  }

  /** {@code e}, {@code m × 1}: example weights, 0 for dropped rows (DL4J's per-example mask). */
  INDArray exampleWeights() {
    return exampleWeights;
  }

  /** The class weights as a {@code 1 × n} row ({@code LossMCXENT}'s {@code weights}), or null. */
  INDArray classRow() {
    return classRow;
  }

  /** The labels as an {@code m × 1} column ({@code LossSparseMCXENT}'s), or null (dense or smoothed). */
  INDArray sparseLabels() {
    return sparseLabels;
  }

  /** {@code terms ⊙ W}, in place. */
  INDArray weigh(INDArray terms) {
    return terms.muli(weights);
  }

  /**
   * Copies the kernel's results out: {@code scale·δ} into {@code deltaOut} with exactly 0 on
   * dropped rows and (element-wise pairs) on entries of weight 0, the {@code ℓ_i} into {@code
   * exampleLosses} if given (0 on dropped rows); returns {@code scale·Σ ℓ_i}.
   */
  double finish(Evaluated result, double scale, Batch deltaOut, double[] exampleLosses) {
    INDArray delta = scale == 1.0 ? result.delta() : result.delta().muli(scale);
    NdArrays.copyInto(delta, deltaOut);
    double[] losses = result.exampleLosses().dup('c').data().asDouble();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        int k = i * cols + j;
        // + 0.0 turns the −0 of a zero weight into 0
        boolean zero = dropped[i] || (elementwise && entryWeight[k] == 0.0);
        deltaOut.set(i, j, zero ? 0.0 : deltaOut.at(k) + 0.0);
      }
      losses[i] = dropped[i] ? 0.0 : losses[i] + 0.0;
    }
    if (exampleLosses != null) {
      System.arraycopy(losses, 0, exampleLosses, 0, rows);
    }
    return scale * NdArrays.compensatedSum(losses);
  }
}

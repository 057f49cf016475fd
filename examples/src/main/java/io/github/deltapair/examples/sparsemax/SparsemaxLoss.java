package io.github.deltapair.examples.sparsemax;

import io.github.deltapair.Activation;
import io.github.deltapair.Interval;
import io.github.deltapair.LogitsForm;
import io.github.deltapair.Loss;
import java.util.Optional;

/**
 * The sparsemax loss, the Fenchel–Young loss of sparsemax (Martins &amp; Astudillo 2016; Blondel
 * et al. 2020): {@code ℓ(z, y) = ⟨z, p⟩ − ½‖p‖² + ½‖y‖² − ⟨z, y⟩} with {@code p = sparsemax(z)},
 * target rows on the simplex. Its gradient is {@code ∂ℓ/∂z = p − y}: sparsemax is its canonical
 * activation.
 *
 * <p>The loss is a function of the logits, not of the predictions {@code a} alone, so it is
 * {@linkplain #isDefinedOnPredictions() not defined on predictions}: {@link #value} and {@link
 * #gradient} throw, it pairs only with sparsemax, and it is computed through its {@link
 * #logitsForm}.
 */
public final class SparsemaxLoss implements Loss {

  /** The one instance. */
  public static final SparsemaxLoss INSTANCE = new SparsemaxLoss();

  private SparsemaxLoss() {}

  @Override
  public String id() {
    return "sparsemax-loss";
  }

  @Override
  public Interval predictionDomain() {
    return Interval.closed(0, 1);
  }

  @Override
  public Interval targetDomain() {
    return Interval.closed(0, 1);
  }

  @Override
  public boolean targetRowsOnSimplex() {
    return true;
  }

  @Override
  public Optional<Activation> canonicalActivation() {
    return Optional.of(SparsemaxActivation.INSTANCE);
  }

  @Override
  public String formula() {
    return "ℓ = ⟨z, p⟩ − ½‖p‖² + ½‖y‖² − ⟨z, y⟩, p = sparsemax(z)";
  }

  @Override
  public String gradientFormula() {
    return "(defined from the logits only: ∂ℓ/∂z = p − y)";
  }

  /** Always throws: the loss depends on the logits, not on the predictions alone. */
  @Override
  public double value(double a, double y) {
    throw fromLogitsOnly();
  }

  /** Always throws: the loss depends on the logits, not on the predictions alone. */
  @Override
  public double gradient(double a, double y) {
    throw fromLogitsOnly();
  }

  @Override
  public boolean isDefinedOnPredictions() {
    return false;
  }

  @Override
  public String cancellation() {
    return "it is the Fenchel–Young loss Ω*(z) + Ω(y) − ⟨z, y⟩ of Ω(p) = ½‖p‖² on the simplex,"
        + " whose conjugate has gradient ∇Ω*(z) = sparsemax(z), so ∂ℓ/∂z = p − y";
  }

  @Override
  public Optional<LogitsForm> logitsForm(Activation f) {
    return f.equals(SparsemaxActivation.INSTANCE)
        ? Optional.of(SparsemaxLoss::sparsemaxRow)
        : Optional.empty();
  }

  /**
   * {@code ℓ = Σ_j (p_j − y_j)(z_j − ½(p_j + y_j))}, which is {@code ⟨z, p − y⟩ − ½(‖p‖² − ‖y‖²)}
   * written without the cancelling squares, and {@code δ = scale·(p − y)}.
   */
  private static double sparsemaxRow(
      double[] z, double[] y, int offset, int n, double scale, double[] delta) {
    double[] p = new double[n];
    double[] row = new double[n];
    System.arraycopy(z, offset, row, 0, n);
    SparsemaxActivation.INSTANCE.forwardRow(row, p, 0, n);
    double loss = 0.0;
    // ℓ = Σ_j (p_j − y_j)(z_j − ½(p_j + y_j)), δ_j = scale·(p_j − y_j)
    for (int j = 0; j < n; j++) {
      double r = p[j] - y[offset + j];
      loss += r * (z[offset + j] - 0.5 * (p[j] + y[offset + j]));
      delta[offset + j] = scale * r;
    }
    return loss;
  }

  @Override
  public String toString() {
    return name();
  }

  private UnsupportedOperationException fromLogitsOnly() {
    return new UnsupportedOperationException(
        id() + " is defined only from the logits (it is not a function of a alone): use its"
            + " logitsForm with sparsemax");
  }
}

package io.github.deltapair;

/**
 * A pair's loss and delta computed straight from the logits, in a numerically stable form: what a
 * loss offers for its canonical activation ({@code logsumexp(z) − Σ y z} instead of {@code −Σ y
 * log(softmax(z))}) or for another activation where the chain rule through {@code a} would
 * saturate (focal with sigmoid). A pair with a logits form is finite and exact for every finite
 * logit its activation carries, so validation does not reject saturated predictions for it.
 */
@FunctionalInterface
public interface LogitsForm {

  /**
   * One row's loss {@code ℓ_i} from its logits, writing {@code scale·∂ℓ_i/∂z_ij} into {@code
   * delta[offset + j]} for {@code j < n}. Reads {@code z} and {@code y} at the same indices and
   * never writes them; {@code delta} shares no array with them. Called only with inputs that
   * satisfy the pair's rules.
   *
   * @return {@code ℓ_i}
   */
  double row(double[] z, double[] y, int offset, int n, double scale, double[] delta);

  /**
   * The row's loss with output {@code j}'s term weighted by {@code w[wOffset + j] ≥ 0}, {@code
   * ℓ_i = Σ_j w_j ℓ_ij}, writing {@code scale·∂ℓ_i/∂z_ij} into {@code delta}: what class weights
   * need from a form over a row-wise activation (softmax). Forms over element-wise activations
   * need not implement it (the weighted row is then computed output by output through {@link
   * #row}); targets here may be any non-negative row (smoothed or weighted, not necessarily on the
   * simplex).
   *
   * @throws UnsupportedOperationException by default: the form takes no weights
   */
  default double weightedRow(double[] z, double[] y, int offset, int n, double[] w, int wOffset,
      double scale, double[] delta) {
    throw new UnsupportedOperationException("this logits form takes no class weights");
  }
}

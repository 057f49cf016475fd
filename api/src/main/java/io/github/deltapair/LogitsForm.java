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
}

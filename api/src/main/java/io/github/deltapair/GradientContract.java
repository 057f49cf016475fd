package io.github.deltapair;

/** How a pair's output delta {@code δ = ∂ℓ/∂z} is formed. */
public enum GradientContract {
  /**
   * The activation is the loss's canonical link: {@code ∂ℓ/∂a} and {@code f'(z)} cancel and
   * {@code δ = a − y}, exactly, for every finite logit.
   */
  CANONICAL("canonical"),
  /**
   * No cancellation: {@code δ = ∂ℓ/∂a ⊙ f'(z)} element-wise, or the vector-Jacobian product
   * {@code δ_k = a_k (g_k − Σ_j g_j a_j)} with {@code g = ∂ℓ/∂a} for softmax.
   */
  CHAIN_RULE("chain-rule");

  private final String id;

  GradientContract(String id) {
    this.id = id;
  }

  /** The kebab-case name used by the command line and reports. */
  public String id() {
    return id;
  }
}

package io.github.deltapair;

/** Writes the derivation behind {@link Pair#explanation()}. */
final class Explanations {

  private Explanations() {}

  static String of(Pair pair) {
    Activation f = pair.activation();
    Loss loss = pair.loss();
    StringBuilder text = new StringBuilder();
    text.append(pair.activation().id()).append(" + ").append(loss.id())
        .append(": ").append(pair.contract().id()).append('\n');
    text.append("  loss        ").append(loss.formula()).append('\n');
    text.append("  activation  ").append(f.formula()).append('\n');
    text.append("  ∂ℓ/∂a       ").append(loss.gradientFormula()).append('\n');
    text.append("  f'(z)       ").append(f.derivativeFormula()).append('\n');
    text.append("  delta       ").append(pair.deltaFormula()).append('\n');
    text.append(pair.isCanonical() ? cancellation(loss) : noCancellation(pair));
    return text.toString();
  }

  private static String cancellation(Loss loss) {
    String why =
        switch (loss) {
          case SQUARED_ERROR -> "f'(z) = 1, so δ = ∂ℓ/∂a = a − y.";
          case BINARY_CROSS_ENTROPY ->
              "∂ℓ/∂a = (a − y)/(a(1 − a)) and σ'(z) = a(1 − a): the denominator cancels,"
                  + " leaving δ = a − y. The squashing of the sigmoid never slows learning here.";
          case CROSS_ENTROPY ->
              "the softmax Jacobian gives δ_k = a_k(g_k − Σ_j g_j a_j) with g = −y/a,"
                  + " so δ_k = −y_k + a_k Σ_j y_j = a_k − y_k because each target row sums to 1"
                  + " (that is why Σ_j y_j = 1 is a precondition).";
          case POISSON -> "∂ℓ/∂a = 1 − y/a and (e^z)' = a: the product is a − y.";
          case BIPOLAR_CROSS_ENTROPY ->
              "∂ℓ/∂a = (a − y)/(1 − a²) and tanh'(z) = 1 − a²: they cancel, leaving δ = a − y"
                  + " (since (1 + a)/2 = σ(2z), this is the sigmoid case in disguise).";
        };
    return "  why         the activation is the canonical link of " + loss.id() + ": " + why
        + "\n";
  }

  private static String noCancellation(Pair pair) {
    Loss loss = pair.loss();
    return "  why         " + pair.activation().id() + " is not the canonical link of " + loss.id()
        + " (that is " + loss.canonicalActivation().id() + "), so f'(z) does not cancel ∂ℓ/∂a"
        + " and stays in the delta; where f'(z) is small the delta is small too.\n";
  }
}

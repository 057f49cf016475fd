package io.github.deltapair;

/** Writes the derivation behind {@link Pair#explanation()} from the pair's definitions. */
final class Explanations {

  private Explanations() {}

  static String of(Pair pair) {
    return of(pair, Options.NONE);
  }

  static String of(Pair pair, Options options) {
    Activation f = pair.activation();
    Loss loss = pair.loss();
    StringBuilder text = new StringBuilder();
    text.append(f.id()).append(" + ").append(loss.name())
        .append(": ").append(pair.contract().id()).append('\n');
    text.append("  loss        ").append(loss.formula()).append('\n');
    text.append("  activation  ").append(f.formula()).append('\n');
    text.append("  ∂ℓ/∂a       ").append(loss.gradientFormula()).append('\n');
    text.append("  f'(z)       ").append(f.derivativeFormula()).append('\n');
    text.append("  delta       ").append(pair.deltaFormula()).append('\n');
    if (!options.isNone()) {
      text.append("  options     ").append(optionTerms(pair, options)).append('\n');
      text.append("  with them   ").append(deltaFormula(pair, options)).append('\n');
      text.append("              s = 1 for sum and none, 1/m for mean, 1/Σ_i W_i for mean-by-weight"
          + " (0 when Σ W = 0)\n");
    }
    if (pair.isCanonical()) {
      text.append("  why         the activation is the canonical link of ").append(loss.name())
          .append(": ").append(loss.cancellation()).append('\n');
    } else {
      text.append("  why         ").append(f.id()).append(" is not the canonical link of ")
          .append(loss.name())
          .append(loss.canonicalActivation().map(c -> " (that is " + c.id() + ")")
              .orElse(" (it has none)"))
          .append(", so f'(z) does not cancel ∂ℓ/∂a and stays in the delta; where f'(z) is small"
              + " the delta is small too.\n");
    }
    pair.logitsForm().ifPresent(form -> text.append(
        "  computed    from the logits in a stable form, exact for every finite logit\n"));
    return text.toString();
  }

  /** The options given, as the formulas' symbols. */
  private static String optionTerms(Pair pair, Options options) {
    java.util.List<String> terms = new java.util.ArrayList<>();
    if (options.labelSmoothing() != 0.0) {
      double e = options.labelSmoothing();
      terms.add("label_smoothing ε = " + e + ", y' = " + (1 - e) + "·y + " + e + "/"
          + (pair.loss().id().equals("binary-cross-entropy") ? "2" : "n"));
    }
    if (options.classWeights() != null) {
      terms.add("class_weights w = " + java.util.Arrays.toString(options.classWeights()));
    }
    if (options.posWeight() != null) {
      terms.add("pos_weight p = " + java.util.Arrays.toString(options.posWeight()));
    }
    if (options.exampleWeights() != null) {
      terms.add("example_weights e_i");
    }
    if (options.mask() != null) {
      terms.add("mask μ_i (0 drops a term" + (pair.activation().isElementwise() ? ")" : "; whole rows)"));
    }
    return String.join("; ", terms);
  }

  /**
   * The delta under options: the closed form for a canonical pair, the chain rule through the
   * weighted gradient otherwise.
   */
  static String deltaFormula(Pair pair, Options options) {
    String y = options.labelSmoothing() != 0.0 ? "y'" : "y";
    String e = options.exampleWeights() != null ? "e_i·" : "";
    boolean elementwise = pair.activation().isElementwise();
    String mask = options.mask() != null && elementwise ? "μ ⊙ " : "";
    String rowMask = options.mask() != null && !elementwise ? "μ_i·" : "";
    String w = options.classWeights() != null ? "w ⊙ " : "";
    String prefix = "δ_i = s·" + e + rowMask;
    if (!pair.isCanonical()) {
      String weights = w + mask + (options.posWeight() != null ? "(1 + (p − 1) ⊙ " + y + ") ⊙ " : "");
      String target = options.posWeight() != null ? "p ⊙ " + y + " / (1 + (p − 1) ⊙ " + y + ")" : y;
      return prefix + "J_f(z)ᵀ [" + weights + "∂ℓ/∂a(a, " + target + ")]";
    }
    if (options.posWeight() != null) {
      return prefix + w + mask + "((1 + (p − 1) ⊙ " + y + ") ⊙ a − p ⊙ " + y + ")";
    }
    if (!elementwise && options.classWeights() != null) {
      return prefix + "(a Σ_j w_j " + y + "_j − w ⊙ " + y + ")";
    }
    return prefix + w + mask + "(a − " + y + ")";
  }
}

package io.github.deltapair;

/** Writes the derivation behind {@link Pair#explanation()} from the pair's definitions. */
final class Explanations {

  private Explanations() {}

  static String of(Pair pair) {
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
}

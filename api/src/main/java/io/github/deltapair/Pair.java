package io.github.deltapair;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An output activation with a loss, and the gradient contract that follows from them.
 *
 * <p>A pair exists only if the activation's range lies inside the loss's prediction domain
 * (DESIGN §3): {@code identity + binary-cross-entropy} or {@code relu + poisson} cannot be
 * created. A pair is {@link GradientContract#CANONICAL} when the activation is the loss's
 * canonical link ({@code δ = a − y}) and {@link GradientContract#CHAIN_RULE} otherwise.
 *
 * @param activation the output activation {@code f}
 * @param loss the loss {@code ℓ(a, y)}
 */
public record Pair(Activation activation, Loss loss) {

  private static final List<Pair> ALL = enumerate();

  /**
   * Checks that the activation's outputs fit the loss.
   *
   * @throws IllegalArgumentException if the activation's range is not inside the loss's domain
   */
  public Pair {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(loss, "loss");
    if (!loss.predictionDomain().encloses(activation.range())) {
      throw new IllegalArgumentException(
          activation.id() + " + " + loss.id() + " is not a valid pair: " + activation.id()
              + " produces values in " + activation.range() + " but " + loss.id()
              + " needs predictions in " + loss.predictionDomain()
              + (loss.predictionDomain().lower() == 0 && activation.range().contains(0)
                  ? " (its log is −∞ at a = 0)"
                  : "")
              + "; the canonical activation for " + loss.id() + " is "
              + loss.canonicalActivation().id());
    }
  }

  /** Same as {@code new Pair(activation, loss)}. */
  public static Pair of(Activation activation, Loss loss) {
    return new Pair(activation, loss);
  }

  /**
   * The pair with these kebab-case names, e.g. {@code of("sigmoid", "binary-cross-entropy")}.
   *
   * @throws IllegalArgumentException for an unknown name or a combination that does not fit
   */
  public static Pair of(String activation, String loss) {
    return new Pair(Activation.fromId(activation), Loss.fromId(loss));
  }

  /**
   * The pair named as {@link #name()} writes it, {@code "activation+loss"}, e.g. {@code
   * "sigmoid+binary-cross-entropy"}.
   *
   * @throws IllegalArgumentException if {@code name} is not two names joined by {@code +}, a name
   *     is unknown, or the combination does not fit
   */
  public static Pair parse(String name) {
    Objects.requireNonNull(name, "name");
    String[] parts = name.trim().split("\\+");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "'" + name + "' must be ACTIVATION+LOSS, e.g. sigmoid+squared-error");
    }
    return of(parts[0], parts[1]);
  }

  /** The canonical pair of a loss, e.g. {@code sigmoid + binary-cross-entropy}. */
  public static Pair canonical(Loss loss) {
    return new Pair(loss.canonicalActivation(), loss);
  }

  /** Every valid pair of the catalog, canonical ones first, unmodifiable. */
  public static List<Pair> all() {
    return ALL;
  }

  /** Whether {@code activation} and {@code loss} make a valid pair. */
  public static boolean fits(Activation activation, Loss loss) {
    return loss.predictionDomain().encloses(activation.range());
  }

  /** {@link GradientContract#CANONICAL} if the activation is the loss's canonical link. */
  public GradientContract contract() {
    return isCanonical() ? GradientContract.CANONICAL : GradientContract.CHAIN_RULE;
  }

  /** Whether {@code δ = a − y} for this pair. */
  public boolean isCanonical() {
    return loss.canonicalActivation() == activation;
  }

  /** The name {@code "activation+loss"}, e.g. {@code "sigmoid+binary-cross-entropy"}. */
  public String name() {
    return activation.id() + "+" + loss.id();
  }

  /**
   * The delta this pair computes, as a formula: {@code "δ = a − y"} for canonical pairs, the
   * chain rule with this pair's factors otherwise.
   */
  public String deltaFormula() {
    if (isCanonical()) {
      return "δ = a − y";
    }
    if (activation == Activation.SOFTMAX) {
      return "δ_k = a_k (g_k − Σ_j g_j a_j), g = " + loss.gradientFormula();
    }
    return "δ = (" + loss.gradientFormula() + ") ⊙ " + activation.derivativeFormula();
  }

  /**
   * A short derivation answering "why is there (no) {@code f'(z)} term here?": what {@code ∂ℓ/∂a}
   * and {@code f'(z)} are, and whether and why they cancel.
   */
  public String explanation() {
    return Explanations.of(this);
  }

  @Override
  public String toString() {
    return name();
  }

  private static List<Pair> enumerate() {
    List<Pair> canonical = new ArrayList<>();
    List<Pair> chain = new ArrayList<>();
    for (Loss loss : Loss.values()) {
      for (Activation activation : Activation.values()) {
        if (fits(activation, loss)) {
          Pair pair = new Pair(activation, loss);
          (pair.isCanonical() ? canonical : chain).add(pair);
        }
      }
    }
    canonical.addAll(chain);
    return Collections.unmodifiableList(canonical);
  }
}

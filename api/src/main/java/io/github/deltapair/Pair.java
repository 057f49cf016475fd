package io.github.deltapair;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An output activation with a loss, and the gradient contract that follows from their
 * definitions.
 *
 * <p>A pair exists only if the loss accepts the activation ({@link Loss#misfit}): the activation's
 * range must lie inside the loss's prediction domain, so {@code identity + binary-cross-entropy}
 * or {@code relu + poisson} cannot be created. A pair is {@link GradientContract#CANONICAL} when
 * the activation is the loss's canonical link ({@code δ = a − y}) and {@link
 * GradientContract#CHAIN_RULE} otherwise.
 *
 * @param activation the output activation {@code f}
 * @param loss the loss {@code ℓ(a, y)}
 */
public record Pair(Activation activation, Loss loss) {

  /**
   * Checks that the activation's outputs fit the loss.
   *
   * @throws IllegalArgumentException if they do not, saying why
   */
  public Pair {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(loss, "loss");
    Optional<String> misfit = loss.misfit(activation);
    if (misfit.isPresent()) {
      throw new IllegalArgumentException(
          activation.id() + " + " + loss.name() + " is not a valid pair: " + misfit.get()
              + loss.canonicalActivation()
                  .map(f -> "; the canonical activation for " + loss.name() + " is " + f.id())
                  .orElse(""));
    }
  }

  /** Same as {@code new Pair(activation, loss)}. */
  public static Pair of(Activation activation, Loss loss) {
    return new Pair(activation, loss);
  }

  /**
   * The pair with these names, e.g. {@code of("sigmoid", "binary-cross-entropy")} or {@code
   * of("identity", "huber(delta=0.5)")}, from the {@link Catalog#discovered() catalog}.
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
    int plus = name.indexOf('+');
    if (plus < 0 || name.indexOf('+', plus + 1) >= 0) {
      throw new IllegalArgumentException(
          "'" + name + "' must be ACTIVATION+LOSS, e.g. sigmoid+squared-error");
    }
    return of(name.substring(0, plus), name.substring(plus + 1));
  }

  /**
   * The canonical pair of a loss, e.g. {@code sigmoid + binary-cross-entropy}.
   *
   * @throws IllegalArgumentException if the loss has no canonical activation
   */
  public static Pair canonical(Loss loss) {
    Objects.requireNonNull(loss, "loss");
    return new Pair(loss.canonicalActivation().orElseThrow(() -> new IllegalArgumentException(
        loss.name() + " has no canonical activation")), loss);
  }

  /** Every valid pair of the discovered catalog, canonical ones first; see {@link Catalog#pairs()}. */
  public static List<Pair> all() {
    return Catalog.discovered().pairs();
  }

  /** Whether {@code activation} and {@code loss} make a valid pair. */
  public static boolean fits(Activation activation, Loss loss) {
    return loss.misfit(activation).isEmpty();
  }

  /** {@link GradientContract#CANONICAL} if the activation is the loss's canonical link. */
  public GradientContract contract() {
    return isCanonical() ? GradientContract.CANONICAL : GradientContract.CHAIN_RULE;
  }

  /** Whether {@code δ = a − y} for this pair. */
  public boolean isCanonical() {
    return loss.canonicalActivation().filter(activation::equals).isPresent();
  }

  /** The loss's stable form from the logits for this activation, if it has one. */
  public Optional<LogitsForm> logitsForm() {
    return loss.logitsForm(activation);
  }

  /**
   * Whether {@code a = f(z)} can round onto the edge of the loss's prediction domain in float64,
   * where the loss is infinite: true for a pair without a {@link LogitsForm} whose loss needs
   * bounded predictions (softmax + binary-cross-entropy). Validation rejects such inputs.
   */
  public boolean canSaturate() {
    return logitsForm().isEmpty() && !loss.predictionDomain().equals(Interval.REAL);
  }

  /** The name {@code "activation+loss"}, e.g. {@code "sigmoid+binary-cross-entropy"}. */
  public String name() {
    return activation.id() + "+" + loss.name();
  }

  /**
   * The delta this pair computes, as a formula: {@code "δ = a − y"} for canonical pairs, the
   * chain rule with this pair's factors otherwise.
   */
  public String deltaFormula() {
    if (isCanonical()) {
      return "δ = a − y";
    }
    if (!activation.isElementwise()) {
      return "δ_k = " + activation.vectorJacobianFormula() + ", g = " + loss.gradientFormula();
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

  /**
   * The delta this pair computes under {@code options}: for a canonical pair the closed form of
   * docs/contract.md §2b ({@code δ_i = s·e_i·(a − y')}, class-weighted cross-entropy {@code
   * s·(a Σ_j w_j y'_j − w ⊙ y')}, pos_weight {@code s·((1 + (p − 1) ⊙ y) ⊙ a − p ⊙ y)}), the chain
   * rule through the weighted gradient otherwise; {@code s} is the reduction's factor.
   */
  public String deltaFormula(Options options) {
    return options.isNone() ? deltaFormula() : Explanations.deltaFormula(this, options);
  }

  /** {@link #explanation()} with the delta under {@code options} added. */
  public String explanation(Options options) {
    return Explanations.of(this, options);
  }

  /**
   * This pair's loss over rows {@code [from, to)} of an {@code m × cols} batch, computed straight
   * from the definitions in float64, writing {@code scale·∂ℓ_i/∂z_i} into {@code delta}: the
   * {@link LogitsForm} if the pair has one; otherwise {@code a = f(z)}, {@code ℓ = Σ ℓ(a, y)} and
   * {@code δ = a − y} for a canonical pair, {@code δ = J_f(z)ᵀ ∂ℓ/∂a} for a chain-rule one. The
   * path a backend can take for any pair; inputs must satisfy {@link Validation#checkInputs}.
   *
   * @return {@code Σ_i ℓ_i} over the rows, compensated
   */
  public double lossOfRows(
      double[] z, double[] y, int cols, int from, int to, double scale, double[] delta) {
    Optional<LogitsForm> form = logitsForm();
    double[] zr = form.isPresent() ? null : new double[cols];
    double[] a = form.isPresent() ? null : new double[cols];
    double[] g = form.isPresent() || isCanonical() ? null : new double[cols];
    double sum = 0.0;
    double compensation = 0.0;
    for (int row = from; row < to; row++) {
      int base = row * cols;
      double term;
      if (form.isPresent()) {
        term = form.get().row(z, y, base, cols, scale, delta);
      } else {
        // a = f(z) of the row, then ℓ = Σ_j ℓ(a_j, y_j)
        System.arraycopy(z, base, zr, 0, cols);
        activation.forwardRow(zr, a, 0, cols);
        term = 0.0;
        for (int j = 0; j < cols; j++) {
          term += loss.value(a[j], y[base + j]);
        }
        if (isCanonical()) {
          // δ = a − y, the declared contract
          for (int j = 0; j < cols; j++) {
            delta[base + j] = scale * (a[j] - y[base + j]);
          }
        } else {
          // δ = J_f(z)ᵀ g with g = ∂ℓ/∂a
          for (int j = 0; j < cols; j++) {
            g[j] = loss.gradient(a[j], y[base + j]);
          }
          activation.backwardRow(zr, a, g, g, 0, cols);
          for (int j = 0; j < cols; j++) {
            delta[base + j] = scale * g[j] + 0.0;
          }
        }
      }
      // Neumaier summation of the row losses
      double t = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
      sum = t;
    }
    return sum + compensation;
  }

  /**
   * This pair's loss under options (docs/contract.md §2b) over rows {@code [from, to)}, straight
   * from the definitions in float64: the path any backend can take for options. Writes {@code
   * scale·W·∂ℓ_i/∂z_i} (0 for ignored rows and masked-out entries) into {@code delta} and, if
   * {@code exampleLosses} is not null, the per-example losses {@code ℓ_i} after options into it.
   * Inputs must satisfy {@link Validation#checkInputs(Pair, Batch, Targets, Options)}. Allocates
   * nothing once warm (its scratch rows are per thread).
   *
   * @param scale the reduction's factor, {@link Reduction#scale(Targets, Options)}
   * @return {@code Σ_i ℓ_i} over the rows (unscaled), compensated
   */
  public double lossOfRows(Batch z, Targets targets, Options options, int from, int to,
      double scale, double[] delta, double[] exampleLosses) {
    return OptionsMath.lossOfRows(this, z, targets, options, from, to, scale, delta, exampleLosses);
  }

  @Override
  public String toString() {
    return name();
  }
}

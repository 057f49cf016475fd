package io.github.deltapair.examples;

import io.github.deltapair.BackendRegistry;
import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Two backends compared from code on your own data: pick them by id, evaluate the same batches,
 * and look at the largest difference in δ and in the loss.
 *
 * <p>Run (after {@code mvn -B -q -DskipTests install}): {@code mvn -q -pl examples exec:java
 * -Dexec.mainClass=io.github.deltapair.examples.CompareBackends [-Dexec.args="ID_A [ID_B]"]};
 * the defaults are {@code native} and the other discovered backend (or {@code native} against
 * itself when it is the only one). Exits 1 if they disagree beyond {@code
 * 1e-12·max(1, |δ|)} or {@code 1e-10·max(1, |J|)}.
 */
public final class CompareBackends {

  private CompareBackends() {}

  /** Compares the two backends and prints one line per pair. */
  public static void main(String[] args) {
    BackendRegistry registry = Backends.registry();
    String first = args.length > 0 ? args[0] : "native";
    String second = args.length > 1
        ? args[1]
        : registry.ids().stream().filter(id -> !id.equals(first)).findFirst().orElse(first);
    boolean agree = compare(Evaluator.of(registry.get(first)), Evaluator.of(registry.get(second)),
        registry.ids(), SeedQuestion.utf8Stdout());
    System.exit(agree ? 0 : 1);
  }

  /**
   * Evaluates the same batches with {@code a} and {@code b} and prints one line per pair and
   * reduction to {@code out}.
   *
   * @return whether they agree everywhere
   */
  static boolean compare(Evaluator a, Evaluator b, List<String> found, PrintStream out) {
    out.printf("%s %s versus %s %s (found: %s)%n", a.backendId(), a.version(), b.backendId(),
        b.version(), String.join(", ", found));
    if (a.backendId().equals(b.backendId())) {
      out.println("Only one backend to compare: add another backend jar (e.g. deltapair-dl4j)"
          + " to the class path to compare two.");
    }
    out.println();

    // your own data: logits of a 3-example batch with 3 outputs, and targets for each loss
    Batch z = Batch.of(new double[][] {{2.5, -1.0, 0.3}, {-4.0, 0.0, 7.5}, {0.1, 30.0, -30.0}});
    Batch zeroOne = Batch.of(new double[][] {{1, 0, 1}, {0, 0, 1}, {1, 1, 0}});
    Batch oneHot = Batch.of(new double[][] {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}});
    Batch counts = Batch.of(new double[][] {{3, 0, 1}, {0, 2, 9}, {1, 4, 0}});
    Batch bipolar = Batch.of(new double[][] {{1, -1, 0.5}, {-1, -1, 1}, {0, 1, -1}});
    Batch real = Batch.of(new double[][] {{2.0, -0.5, 0.25}, {-3.0, 0.0, 8.0}, {0.0, 1.5, -2.0}});
    Batch soft = Batch.of(new double[][] {{0.7, 0.2, 0.1}, {0.0, 0.5, 0.5}, {0.25, 0.25, 0.5}});
    List<Case> cases = List.of(
        new Case(Pair.of("sigmoid", "binary-cross-entropy"), zeroOne),
        new Case(Pair.of("sigmoid", "squared-error"), zeroOne),
        new Case(Pair.of("softmax", "cross-entropy"), oneHot),
        new Case(Pair.of("softmax", "squared-error"), oneHot),
        new Case(Pair.of("tanh", "bipolar-cross-entropy"), bipolar),
        new Case(Pair.of("tanh", "squared-error"), bipolar),
        new Case(Pair.of("identity", "squared-error"), real),
        new Case(Pair.of("relu", "squared-error"), real),
        new Case(Pair.of("exp", "poisson"), counts),
        new Case(Pair.of("softplus", "poisson"), counts),
        new Case(Pair.of("identity", "huber(delta=0.5)"), real),
        new Case(Pair.of("sigmoid", "huber"), zeroOne),
        new Case(Pair.of("sigmoid", "focal(gamma=2.0, alpha=0.25)"), zeroOne),
        new Case(Pair.of("softmax", "kl-divergence"), soft));

    boolean agree = true;
    out.printf("%-38s %-9s %-11s %12s %12s  %s%n", "pair", "reduction", "contract",
        "max |Δδ|", "|ΔJ|", "verdict");
    for (Case c : cases) {
      for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.MEAN}) {
        LossResult ra = a.evaluate(c.pair(), z, c.targets(), reduction);
        LossResult rb = b.evaluate(c.pair(), z, c.targets(), reduction);
        double worst = 0;
        boolean ok = Math.abs(ra.loss() - rb.loss()) <= 1e-10 * Math.max(1, Math.abs(rb.loss()));
        for (int k = 0; k < z.size(); k++) {
          double da = ra.delta().array()[k];
          double db = rb.delta().array()[k];
          worst = Math.max(worst, Math.abs(da - db));
          ok &= Math.abs(da - db) <= 1e-12 * Math.max(1, Math.abs(db));
        }
        agree &= ok;
        out.printf(Locale.ROOT, "%-38s %-9s %-11s %12.2e %12.2e  %s%n", c.pair().name(),
            reduction.id(), c.pair().contract().id(), worst, Math.abs(ra.loss() - rb.loss()),
            ok ? "agree" : "DISAGREE");
      }
    }
    out.println(agree ? "\nThe backends agree." : "\nThe backends DISAGREE.");
    return agree;
  }

  private record Case(Pair pair, Batch targets) {}
}

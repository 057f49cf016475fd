package com.example.readme;

import io.github.deltapair.*;

/** README's "Use it" example, as a user copies it into a program of their own. */
public final class ReadmeExample {

  private ReadmeExample() {}

  /** Evaluates sigmoid + binary cross-entropy on README's batch and prints what README shows. */
  public static void main(String[] args) {
    Evaluator deltapair = Backends.evaluator();            // the default backend, found through ServiceLoader
    Pair pair = Pair.of(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY);
    Batch z = Batch.of(new double[][] {{0.5, -2.0}, {30.0, 1000.0}});   // m × n logits
    Batch y = Batch.of(new double[][] {{1.0, 0.0}, {0.0, 1.0}});        // targets
    LossResult r = deltapair.evaluate(pair, z, y, Reduction.SUM);
    System.out.println(pair.contract() + ": " + pair.deltaFormula());  // CANONICAL: δ = a − y
    System.out.println(r.loss());                // 30.601…: the true loss, not a clipped 11.5
    System.out.println(r.delta().get(1, 0));     // σ(30) − 0 = 0.99999999999990…, not 9.3e-9
    System.out.println(pair.explanation());      // why there is no f'(z) term
  }
}

package com.example.readme;

import io.github.deltapair.*;
import java.util.Arrays;

/** README's weighted class-index example, as a user copies it into a program of their own. */
public final class ReadmeWeightedExample {

  private ReadmeWeightedExample() {}

  /** Softmax + cross-entropy with labels, ignore_index, class weights and smoothing. */
  public static void main(String[] args) {
    Evaluator deltapair = Backends.evaluator();
    Pair pair = Pair.of("softmax", "cross-entropy");
    Batch z = Batch.of(new double[][] {{2.0, 0.5, -1.0}, {0.1, 0.2, 3.0}, {1.0, 1.0, 1.0}});
    Labels labels = Labels.of(new int[] {0, 2, -100}, -100);     // class indices; −100 is skipped
    Options options = Options.NONE
        .withClassWeights(1.0, 5.0, 2.0)                          // the rare class 1 weighs 5×
        .withLabelSmoothing(0.1);
    LossResult r = deltapair.evaluate(pair, z, labels, options, Reduction.MEAN_BY_WEIGHT);
    System.out.println(r.loss());                                 // 0.50712…: Σ ℓ_i / Σ W_i
    System.out.println(Arrays.toString(r.exampleLosses()));       // [0.73152…, 0.78984…, 0.0]
    System.out.println(pair.deltaFormula(options));               // δ_i = s·(a Σ_j w_j y'_j − w ⊙ y')
  }
}

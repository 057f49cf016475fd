package io.github.deltapair.reliability;

import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;

/**
 * A child-JVM program for {@link NativeLibraryFailureTest}: evaluates one pair on the backend
 * discovered as {@code dl4j}, as a user's program would, and reports the outcome on one line of
 * standard output: {@code ok <loss>}, or {@code error: <message>} with exit code 3.
 */
public final class EvaluateOnDl4j {

  private EvaluateOnDl4j() {}

  public static void main(String[] args) {
    try {
      LossResult result = Backends.evaluator("dl4j").evaluate(Pair.of("sigmoid", "binary-cross-entropy"),
          Batch.of(new double[][] {{0.5, -2.0}}), Batch.of(new double[][] {{1.0, 0.0}}), Reduction.SUM);
      System.out.println("ok " + result.loss());
    } catch (RuntimeException e) {
      System.out.println("error: " + e.getMessage());
      System.exit(3);
    }
  }
}

package io.github.deltapair.cli.compare;

import io.github.deltapair.Evaluator;
import io.github.deltapair.LossResult;

/**
 * What one backend did with one case: a result, a rejection (IllegalArgumentException) or a crash.
 *
 * @param result the result, or null
 * @param rejection the rejection message, or null
 * @param crash any other exception, or null
 * @param nanos wall time of the call
 */
record Outcome(LossResult result, String rejection, RuntimeException crash, long nanos) {

  /** Evaluates {@code scenario} on {@code inputs} through {@code backend}'s evaluator. */
  static Outcome attempt(Evaluator backend, Scenario scenario, CaseGenerator.CaseInputs inputs) {
    long start = System.nanoTime();
    try {
      LossResult result = backend.evaluate(scenario.pair(), inputs.z(), inputs.targets(),
          inputs.options(), scenario.reduction());
      return new Outcome(result, null, null, System.nanoTime() - start);
    } catch (IllegalArgumentException e) {
      return new Outcome(null, String.valueOf(e.getMessage()), null, System.nanoTime() - start);
    } catch (RuntimeException e) {
      return new Outcome(null, null, e, System.nanoTime() - start);
    }
  }
}

package com.example.jpms;

import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates softmax + cross-entropy through discovery on the module path, and checks that the
 * backend found is native, loaded from its own named module as a service provider. Prints one line
 * per check; exits with status 1 if any fails.
 */
public final class ModulePathProgram {

  private ModulePathProgram() {}

  /** Runs the checks. */
  public static void main(String[] args) {
    Evaluator deltapair = Backends.evaluator();
    // z = [0, ln 3], y = [0, 1]: a = [1/4, 3/4], J = log 4 − ln 3 = log(4/3), δ = a − y
    Batch z = Batch.of(new double[][] {{0.0, Math.log(3.0)}});
    Batch y = Batch.of(new double[][] {{0.0, 1.0}});
    LossResult r = deltapair.evaluate(Pair.of("softmax", "cross-entropy"), z, y, Reduction.SUM);

    List<String> failures = new ArrayList<>();
    check(failures, "this program runs in a named module", ModulePathProgram.class.getModule().getName(),
        "com.example.jpms");
    check(failures, "the api's module", Backends.class.getModule().getName(), "io.github.deltapair");
    check(failures, "the discovered backend", deltapair.backendId(), "native");
    check(failures, "the backend's module", Backends.get("native").getClass().getModule().getName(),
        "io.github.deltapair.nativebackend");
    // C1's bound: the native scalar kernels' e^x is within 4e-13 relative
    check(failures, "J = log(4/3) within 1e-12", Math.abs(r.loss() - Math.log(4.0 / 3.0)) <= 1e-12, true);
    check(failures, "δ = a − y = [1/4, −1/4] within 1e-12",
        Math.abs(r.delta().get(0, 0) - 0.25) <= 1e-12 && Math.abs(r.delta().get(0, 1) + 0.25) <= 1e-12, true);
    if (!failures.isEmpty()) {
      System.err.println("FAILED: " + String.join("; ", failures));
      System.exit(1);
    }
    System.out.println("all checks passed on the module path");
  }

  private static void check(List<String> failures, String what, Object actual, Object expected) {
    boolean ok = expected.equals(actual);
    System.out.println((ok ? "ok   " : "FAIL ") + what + ": " + actual);
    if (!ok) {
      failures.add(what + " is " + actual + ", expected " + expected);
    }
  }
}

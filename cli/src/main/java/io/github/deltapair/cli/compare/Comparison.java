package io.github.deltapair.cli.compare;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.reference.Tolerances;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs every backend on every case, checks each against the oracle (C1–C5, and C10 for cases with
 * loss options, their per-example losses included) and against the others (C9), and times them, with the conformance kit's {@link Tolerances}: δ within {@code
 * delta}, the loss within {@code loss} of the oracle; loss and δ within {@code delta} of each
 * other between backends (C9).
 *
 * <p>A case that every backend rejects alike (for example softmax + binary-cross-entropy where
 * softmax saturates to exactly 1, or exp + squared-error where the loss overflows) is counted as
 * rejected, not compared; one backend rejecting what another accepts is a disagreement.
 *
 * <p>A backend whose {@code supports(Pair)} says it does not compute a pair (dl4j for a plugin's
 * pair) is skipped for that pair's cases, and reported as skipped: it neither fails nor passes
 * them, and the other backends are compared without it.
 *
 * <p>float32 cases (C11) are judged with the float32 tolerances against the oracle on their
 * inputs widened to float64 (docs/contract.md §2c), and their delta must come back float32; they
 * are not timed, so the time per call stays that of float64 calls.
 */
public final class Comparison {

  private final List<Evaluator> backends;
  private final Oracle oracle;
  private final Tolerances tolerances;
  private final Tolerances float32Tolerances;
  private final int repeats;

  /**
   * A comparison of these backends.
   *
   * @param backends at least one backend's evaluator, with distinct ids
   * @param oracle the reference
   * @param tolerances when results of float64 cases agree
   * @param float32Tolerances when results of float32 cases agree
   * @param repeats how many extra timed calls per case without options and backend (0: time the
   *     checked call; cases with options are timed by their checked call only)
   */
  public Comparison(List<Evaluator> backends, Oracle oracle, Tolerances tolerances,
      Tolerances float32Tolerances, int repeats) {
    if (backends.isEmpty()) {
      throw new IllegalArgumentException("backends is empty: compare needs at least one backend");
    }
    if (repeats < 0) {
      throw new IllegalArgumentException("repeats = " + repeats + ": it must be at least 0");
    }
    this.backends = List.copyOf(backends);
    this.oracle = Objects.requireNonNull(oracle, "oracle");
    this.tolerances = Objects.requireNonNull(tolerances, "tolerances");
    this.float32Tolerances = Objects.requireNonNull(float32Tolerances, "float32Tolerances");
    this.repeats = repeats;
  }

  /** Runs {@code scenarios}, telling {@code progress} after each. */
  public ComparisonResult run(List<Scenario> scenarios, Progress progress) {
    long start = System.nanoTime();
    Map<Pair, RowBuilder> rows = new LinkedHashMap<>();
    int done = 0;
    for (Scenario scenario : scenarios) {
      RowBuilder row = rows.computeIfAbsent(scenario.pair(), pair -> {
        RowBuilder created = new RowBuilder(pair, backends);
        warmUp(scenario, created);
        return created;
      });
      runCase(scenario, row);
      progress.step(++done, scenarios.size(), scenario.pair().name());
    }
    progress.finish();
    List<PairRow> built = new ArrayList<>();
    rows.values().forEach(row -> built.add(row.build()));
    return new ComparisonResult(
        backends.stream().map(Evaluator::backendId).toList(),
        oracle.description(),
        tolerances,
        float32Tolerances,
        List.copyOf(built),
        scenarios.size(),
        (int) scenarios.stream().filter(s -> s.precision() == Precision.FLOAT32).count(),
        System.nanoTime() - start,
        rows.keySet().stream().filter(pair -> !oracle.hasOwnFormulas(pair)).map(Pair::name).toList());
  }

  /**
   * One untimed call per backend on a pair's first case, so a backend's start-up (ND4J loads its
   * native libraries on first use) and first compilation are not charged to that pair's timing.
   */
  private void warmUp(Scenario scenario, RowBuilder row) {
    CaseGenerator.CaseInputs inputs = CaseGenerator.generate(scenario);
    for (int b = 0; b < backends.size(); b++) {
      if (row.supported(b)) {
        Outcome.attempt(backends.get(b), scenario, inputs.copy());
      }
    }
  }

  private void runCase(Scenario scenario, RowBuilder row) {
    CaseGenerator.CaseInputs inputs = CaseGenerator.generate(scenario);
    CaseGenerator.CaseInputs before = inputs.copy();
    // the backends that compute this pair, by index into backends
    int[] computing = computing(row);
    int n = computing.length;
    Outcome[] outcomes = new Outcome[n];
    boolean float32 = scenario.precision() == Precision.FLOAT32;
    row.cases++;
    if (float32) {
      row.float32Cases++;
    }
    if (n == 0) {
      return;
    }
    for (int i = 0; i < n; i++) {
      int b = computing[i];
      outcomes[i] = Outcome.attempt(backends.get(b), scenario, inputs);
      if (!inputs.sameBits(before)) {
        row.fail(b, backends.get(b).backendId() + " modified its inputs on " + scenario.label());
        inputs = before.copy();
      }
    }
    if (!judgeAcceptance(scenario, computing, outcomes, row)) {
      return;
    }
    for (int i = 0; i < n && !float32; i++) {
      row.time(computing[i], outcomes[i].nanos());
    }
    // option cases are timed by their checked call only, which keeps the run short
    int extra = scenario.options().isEmpty() && !float32 ? repeats : 0;
    for (int r = 0; r < extra; r++) {
      for (int i = 0; i < n; i++) {
        row.time(computing[i], Outcome.attempt(backends.get(computing[i]), scenario, inputs).nanos());
      }
    }
    if (!scenario.judgedNumerically()) {
      return;
    }
    row.compared++;
    Oracle.Expected expected;
    // a float32 case is judged on its inputs widened exactly to float64
    CaseGenerator.CaseInputs wide = inputs.toFloat64();
    try {
      expected = oracle.expect(
          scenario.pair(), wide.z(), wide.targets(), wide.options(), scenario.reduction());
    } catch (RuntimeException e) {
      row.fail(-1, "the oracle failed on " + scenario.label() + ": " + e);
      return;
    }
    for (int i = 0; i < n; i++) {
      checkAgainstOracle(scenario, computing[i], outcomes[i].result(), expected, row);
    }
    for (int i = 0; i < n; i++) {
      for (int k = i + 1; k < n; k++) {
        checkAgainstEachOther(scenario, computing[i], computing[k], outcomes[i], outcomes[k], row);
      }
    }
  }

  private int[] computing(RowBuilder row) {
    int[] indices = new int[backends.size()];
    int count = 0;
    for (int b = 0; b < backends.size(); b++) {
      if (row.supported(b)) {
        indices[count++] = b;
      }
    }
    return java.util.Arrays.copyOf(indices, count);
  }

  /** Whether every backend accepted; records rejections and failures. */
  private boolean judgeAcceptance(
      Scenario scenario, int[] computing, Outcome[] outcomes, RowBuilder row) {
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < outcomes.length; i++) {
      Outcome outcome = outcomes[i];
      int b = computing[i];
      if (outcome.crash() != null) {
        row.fail(b, backends.get(b).backendId() + " threw " + outcome.crash() + " on " + scenario.label());
      } else if (outcome.result() != null) {
        accepted++;
      } else {
        rejected++;
      }
    }
    if (accepted == outcomes.length) {
      return true;
    }
    if (rejected == outcomes.length) {
      row.rejected++;
    } else if (accepted > 0 && rejected > 0) {
      for (int i = 0; i < outcomes.length; i++) {
        if (outcomes[i].rejection() != null) {
          row.fail(computing[i], backends.get(computing[i]).backendId() + " rejected "
              + scenario.label() + " that another backend accepted: " + outcomes[i].rejection());
        }
      }
    }
    return false;
  }

  private void checkAgainstOracle(
      Scenario scenario, int b, LossResult result, Oracle.Expected expected, RowBuilder row) {
    if (result.delta().precision() != scenario.precision()) {
      row.fail(b, backends.get(b).backendId() + " returned a " + result.delta().precision()
          + " delta for the " + scenario.precision() + " case " + scenario.label());
      return;
    }
    Tolerances tolerances = tolerances(scenario);
    Batch actual = result.delta();
    Batch wanted = expected.delta();
    double deltaError = 0;
    for (int k = 0; k < actual.size(); k++) {
      deltaError = Math.max(deltaError, Tolerances.scaledError(actual.at(k), wanted.at(k)));
    }
    double lossError = Tolerances.scaledError(result.loss(), expected.loss());
    if (expected.exampleLosses() != null) {
      // per-example losses ℓ_i, judged like the loss (C5)
      double[] losses = result.exampleLosses();
      for (int i = 0; i < losses.length; i++) {
        lossError = Math.max(lossError,
            Tolerances.scaledError(losses[i], expected.exampleLosses()[i]));
      }
    }
    row.oracleErrors(b, scenario.precision(), deltaError, lossError);
    if (deltaError > tolerances.delta() || lossError > tolerances.loss()) {
      row.fail(b, String.format(
          "%s disagrees with the oracle on %s: δ error %.3g (tolerance %.0e), loss %s vs %s"
              + " (scaled error of the loss or an example loss %.3g, tolerance %.0e)",
          backends.get(b).backendId(), scenario.label(), deltaError, tolerances.delta(),
          result.loss(), expected.loss(), lossError, tolerances.loss()));
    }
  }

  private void checkAgainstEachOther(
      Scenario scenario, int b, int c, Outcome one, Outcome other, RowBuilder row) {
    Tolerances tolerances = tolerances(scenario);
    Batch first = one.result().delta();
    Batch second = other.result().delta();
    double absolute = 0;
    double scaled = 0;
    for (int k = 0; k < first.size(); k++) {
      absolute = Math.max(absolute, Math.abs(first.at(k) - second.at(k)));
      scaled = Math.max(scaled, Tolerances.scaledError(first.at(k), second.at(k)));
    }
    double lossFirst = one.result().loss();
    double lossSecond = other.result().loss();
    double lossDifference = Tolerances.scaledError(lossFirst, lossSecond);
    if (!scenario.options().isEmpty()) {
      double[] firstLosses = one.result().exampleLosses();
      double[] secondLosses = other.result().exampleLosses();
      for (int i = 0; i < firstLosses.length; i++) {
        lossDifference = Math.max(lossDifference,
            Tolerances.scaledError(firstLosses[i], secondLosses[i]));
      }
    }
    row.crossDifferences(scenario.precision(), absolute, lossDifference);
    // C9: loss and δ agree between backends within the delta tolerance
    if (scaled > tolerances.delta() || lossDifference > tolerances.delta()) {
      row.fail(-1, String.format(
          "%s and %s disagree on %s: max |Δδ| %.3g (scaled %.3g, tolerance %.0e), loss %s vs %s"
              + " (scaled difference %.3g, tolerance %.0e)",
          backends.get(b).backendId(), backends.get(c).backendId(), scenario.label(), absolute, scaled,
          tolerances.delta(), lossFirst, lossSecond, lossDifference, tolerances.delta()));
    }
  }

  /** The tolerances of {@code scenario}'s precision. */
  private Tolerances tolerances(Scenario scenario) {
    return scenario.precision() == Precision.FLOAT32 ? float32Tolerances : tolerances;
  }
}

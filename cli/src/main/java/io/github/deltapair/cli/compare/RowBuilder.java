package io.github.deltapair.cli.compare;

import io.github.deltapair.Evaluator;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accumulates one pair's cases into a {@link PairRow}. */
final class RowBuilder {

  /** Failures kept per row; the rest are counted. */
  private static final int MAX_FAILURES = 10;

  private final Pair pair;
  private final List<Evaluator> backends;
  private final boolean[] supported;
  private final double[] oracleDelta;
  private final double[] oracleLoss;
  private final boolean[] failed;
  private final long[] nanos;
  private final long[] calls;
  private final List<String> failures = new ArrayList<>();
  private int moreFailures;
  private double maxDeltaDifference;
  private double maxLossDifference;
  private double float32Delta = Double.NaN;
  private double float32Loss = Double.NaN;
  int cases;
  int float32Cases;
  int compared;
  int rejected;

  RowBuilder(Pair pair, List<Evaluator> backends) {
    this.pair = pair;
    this.backends = backends;
    int n = backends.size();
    supported = new boolean[n];
    for (int b = 0; b < n; b++) {
      supported[b] = backends.get(b).supports(pair);
    }
    oracleDelta = new double[n];
    oracleLoss = new double[n];
    failed = new boolean[n];
    nanos = new long[n];
    calls = new long[n];
  }

  /** Records a failure; {@code backend} is the index of the backend at fault, or −1. */
  void fail(int backend, String message) {
    if (backend >= 0) {
      failed[backend] = true;
    }
    if (failures.size() < MAX_FAILURES) {
      failures.add(message);
    } else {
      moreFailures++;
    }
  }

  /** A case's scaled errors against the oracle; float32 cases' go to the row's float32 maxima. */
  void oracleErrors(int backend, Precision precision, double deltaError, double lossError) {
    if (precision == Precision.FLOAT32) {
      // NaN until a float32 case is compared; Math.max would keep the NaN
      float32Delta = Double.isNaN(float32Delta) ? deltaError : Math.max(float32Delta, deltaError);
      float32Loss = Double.isNaN(float32Loss) ? lossError : Math.max(float32Loss, lossError);
      return;
    }
    oracleDelta[backend] = Math.max(oracleDelta[backend], deltaError);
    oracleLoss[backend] = Math.max(oracleLoss[backend], lossError);
  }

  /** Differences between two backends on a case; those of float32 cases are checked, not kept. */
  void crossDifferences(Precision precision, double deltaDifference, double lossDifference) {
    if (precision == Precision.FLOAT32) {
      return;
    }
    maxDeltaDifference = Math.max(maxDeltaDifference, deltaDifference);
    maxLossDifference = Math.max(maxLossDifference, lossDifference);
  }

  /** Whether backend {@code b} computes this row's pair (else its cases are skipped). */
  boolean supported(int b) {
    return supported[b];
  }

  void time(int backend, long elapsed) {
    nanos[backend] += elapsed;
    calls[backend]++;
  }

  PairRow build() {
    Map<String, BackendStats> stats = new LinkedHashMap<>();
    for (int b = 0; b < backends.size(); b++) {
      stats.put(backends.get(b).backendId(), new BackendStats(
          oracleDelta[b], oracleLoss[b], !failed[b],
          calls[b] == 0 ? Double.NaN : (double) nanos[b] / calls[b], calls[b], supported[b]));
    }
    List<String> all = new ArrayList<>(failures);
    if (moreFailures > 0) {
      all.add("... and " + moreFailures + " more");
    }
    int computing = 0;
    for (boolean s : supported) {
      computing += s ? 1 : 0;
    }
    boolean single = computing < 2;
    return new PairRow(pair, cases, compared, rejected, float32Cases,
        single ? Double.NaN : maxDeltaDifference, single ? Double.NaN : maxLossDifference,
        float32Delta, float32Loss,
        java.util.Collections.unmodifiableMap(stats), List.copyOf(all));
  }

  @Override
  public String toString() {
    return pair + " " + Arrays.toString(oracleDelta);
  }
}

package io.github.deltapair.cli.compare;

import io.github.deltapair.Pair;
import java.util.List;
import java.util.Map;

/**
 * One row of the comparison table: a pair over all its cases.
 *
 * @param pair the pair
 * @param cases how many cases were run
 * @param compared how many were compared with the oracle and between backends (the others were
 *     rejected alike, or are chain-rule cases at extreme logits, checked for alike acceptance only)
 * @param rejected how many every backend rejected alike (saturation, overflow), not compared
 * @param maxDeltaDifference the largest {@code |δ_A − δ_B|} between two backends (NaN with one)
 * @param maxLossDifference the largest loss difference between two backends, {@code |J_A − J_B| / max(1, |J_B|)} (NaN with one)
 * @param backends per backend id, its statistics (a backend whose {@code supports(Pair)} is false
 *     is listed as not {@link BackendStats#supported()}, and takes no part in the comparison)
 * @param failures what went wrong, one line each (empty when all agree)
 */
public record PairRow(
    Pair pair,
    int cases,
    int compared,
    int rejected,
    double maxDeltaDifference,
    double maxLossDifference,
    Map<String, BackendStats> backends,
    List<String> failures) {

  /** Whether every backend agrees with the oracle and with every other backend. */
  public boolean agrees() {
    return failures.isEmpty();
  }

  /** The ids of the backends that do not compute this pair (their cases were skipped). */
  public List<String> skippedBy() {
    return backends.entrySet().stream().filter(e -> !e.getValue().supported())
        .map(Map.Entry::getKey).toList();
  }
}

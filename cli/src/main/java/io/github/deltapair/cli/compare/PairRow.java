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
 * @param float32Cases how many of the cases are float32
 * @param maxDeltaDifference the largest {@code |δ_A − δ_B|} between two backends on a float64 case
 *     (NaN with one)
 * @param maxLossDifference the largest loss difference between two backends on a float64 case,
 *     {@code |J_A − J_B| / max(1, |J_B|)} (NaN with one)
 * @param maxFloat32DeltaError the largest scaled δ error of any backend against the oracle on a
 *     float32 case (NaN if none was compared); the backends' own maxima cover float64 cases
 * @param maxFloat32LossError the same for the loss and example losses
 * @param backends per backend id, its statistics (a backend whose {@code supports(Pair)} is false
 *     is listed as not {@link BackendStats#supported()}, and takes no part in the comparison)
 * @param failures what went wrong, one line each (empty when all agree)
 */
public record PairRow(
    Pair pair,
    int cases,
    int compared,
    int rejected,
    int float32Cases,
    double maxDeltaDifference,
    double maxLossDifference,
    double maxFloat32DeltaError,
    double maxFloat32LossError,
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

package io.github.deltapair.cli.compare;

import io.github.deltapair.reference.Tolerances;
import java.util.List;

/**
 * Everything {@code compare} found.
 *
 * @param backendIds the backends compared, in order
 * @param oracle what the reference was
 * @param tolerances the tolerances of float64 cases
 * @param float32Tolerances the tolerances of float32 cases (docs/contract.md §2c)
 * @param rows one row per pair
 * @param cases how many cases in all
 * @param float32Cases how many of them are float32
 * @param elapsedNanos wall time of the whole run
 * @param ownDefinitionPairs the names of the pairs the oracle has no formulas of its own for (a
 *     plugin's): they are checked against their own definitions and between backends only
 */
public record ComparisonResult(
    List<String> backendIds,
    String oracle,
    Tolerances tolerances,
    Tolerances float32Tolerances,
    List<PairRow> rows,
    int cases,
    int float32Cases,
    long elapsedNanos,
    List<String> ownDefinitionPairs) {

  /** Whether every row agrees. */
  public boolean agrees() {
    return rows.stream().allMatch(PairRow::agrees);
  }

  /** How many rows disagree. */
  public long disagreeingRows() {
    return rows.stream().filter(row -> !row.agrees()).count();
  }

  /** How many rows some backend skipped because it does not compute the pair. */
  public long skippedRows() {
    return rows.stream().filter(row -> !row.skippedBy().isEmpty()).count();
  }
}

package io.github.deltapair.cli.compare;

import java.util.List;

/**
 * Everything {@code compare} found.
 *
 * @param backendIds the backends compared, in order
 * @param oracle what the reference was
 * @param tolerances the tolerances used
 * @param rows one row per pair
 * @param cases how many cases in all
 * @param elapsedNanos wall time of the whole run
 */
public record ComparisonResult(
    List<String> backendIds,
    String oracle,
    Tolerances tolerances,
    List<PairRow> rows,
    int cases,
    long elapsedNanos) {

  /** Whether every row agrees. */
  public boolean agrees() {
    return rows.stream().allMatch(PairRow::agrees);
  }

  /** How many rows disagree. */
  public long disagreeingRows() {
    return rows.stream().filter(row -> !row.agrees()).count();
  }
}

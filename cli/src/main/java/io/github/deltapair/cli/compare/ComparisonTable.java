package io.github.deltapair.cli.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link ComparisonResult} as a plain-text table, the output of {@code compare}. */
public final class ComparisonTable {

  /** Why a backend's cases of a pair were skipped. */
  public static final String SKIP_REASON =
      "a backend whose supports(Pair) says it does not compute a pair is skipped for that pair:"
          + " it neither passes nor fails it";

  private ComparisonTable() {}

  /** The column headings, then one row of cells per pair. */
  public static List<List<String>> cells(ComparisonResult result) {
    List<List<String>> cells = new ArrayList<>();
    List<String> heading = new ArrayList<>(List.of(
        "pair", "contract", "cases", "compared", "rejected", "max |Δδ| backends", "max Δloss backends"));
    for (String id : result.backendIds()) {
      heading.add("oracle " + id + " (δ, loss)");
    }
    heading.add("float32 (δ, loss)");
    for (String id : result.backendIds()) {
      heading.add("µs/call " + id);
    }
    heading.add("status");
    cells.add(heading);
    for (PairRow row : result.rows()) {
      List<String> line = new ArrayList<>(List.of(
          row.pair().name(),
          row.pair().contract().id(),
          Integer.toString(row.cases()),
          Integer.toString(row.compared()),
          Integer.toString(row.rejected()),
          number(row.maxDeltaDifference()),
          number(row.maxLossDifference())));
      row.backends().values().forEach(stats -> line.add(
          !stats.supported() ? "skipped"
              : (stats.agreesWithOracle() ? "ok " : "FAIL ") + number(stats.maxOracleDeltaError())
                  + ", " + number(stats.maxOracleLossError())));
      line.add(row.float32Cases() == 0 ? "—"
          : number(row.maxFloat32DeltaError()) + ", " + number(row.maxFloat32LossError()));
      row.backends().values().forEach(stats -> line.add(
          !stats.supported() || Double.isNaN(stats.nanosPerCall())
              ? "—"
              : String.format(Locale.ROOT, "%.1f", stats.nanosPerCall() / 1e3)));
      line.add(row.agrees() ? "agree" : "DISAGREE");
      cells.add(line);
    }
    return cells;
  }

  /** The whole text: header lines, the table, failures, and a one-line verdict. */
  public static String render(ComparisonResult result, List<String> backendLines) {
    StringBuilder text = new StringBuilder();
    text.append("deltapair compare: ").append(result.cases()).append(" cases (")
        .append(result.float32Cases()).append(" float32) over ")
        .append(result.rows().size()).append(" pairs, ").append(result.backendIds().size())
        .append(result.backendIds().size() == 1 ? " backend" : " backends").append('\n');
    backendLines.forEach(line -> text.append("  backend ").append(line).append('\n'));
    text.append("  oracle  ").append(result.oracle()).append('\n');
    text.append(String.format(Locale.ROOT,
        "  agree when |δ − δ_ref| ≤ %.0e·max(1, |δ_ref|) and |J − J_ref| ≤ %.0e·max(1, |J_ref|),%n"
            + "  and between backends when δ and J differ by at most %.0e·max(1, |·|) (C9);%n"
            + "  float32 cases (C11): within %.0e (δ) and %.0e (J) of the oracle on their inputs"
            + " widened to float64,%n  %.0e between backends; column float32: the largest of any"
            + " backend; float32 cases are not timed%n",
        result.tolerances().delta(), result.tolerances().loss(), result.tolerances().delta(),
        result.float32Tolerances().delta(), result.float32Tolerances().loss(),
        result.float32Tolerances().delta()));
    text.append("  compared: checked against the oracle and between backends; rejected: every backend")
        .append(" rejected alike\n  (saturation, overflow); chain-rule pairs at extreme logits are")
        .append(" ill-conditioned in float64\n  and checked for alike acceptance and finite results only\n");
    text.append("  cases include loss options (weights, mask, smoothing, pos_weight, labels + ignore_index,")
        .append(" where the\n  loss takes them) under sum, mean, mean-by-weight and none, per-example")
        .append(" losses compared too;\n  those are timed by their checked call only\n");
    if (!result.ownDefinitionPairs().isEmpty()) {
      text.append("  the oracle has no formulas of its own for ")
          .append(String.join(", ", result.ownDefinitionPairs()))
          .append(":\n  they are checked against their own definitions and between backends; the")
          .append(" conformance kit's C1/C4\n  (finite differences) prove their gradient contracts\n");
    }
    if (result.backendIds().size() == 1) {
      text.append("  one backend: the backend-vs-backend columns are empty (—)\n");
    }
    text.append('\n');
    appendTable(text, cells(result));
    List<String> skips = skips(result);
    if (!skips.isEmpty()) {
      text.append("\nSkipped (").append(SKIP_REASON).append("):\n");
      skips.forEach(skip -> text.append("  ").append(skip).append('\n'));
    }
    List<String> failures = new ArrayList<>();
    result.rows().forEach(row -> failures.addAll(row.failures()));
    if (!failures.isEmpty()) {
      text.append("\nDisagreements:\n");
      failures.forEach(failure -> text.append("  ").append(failure).append('\n'));
    }
    text.append('\n').append(verdict(result)).append('\n');
    return text.toString();
  }

  /** Per backend that skipped pairs, one line naming them, e.g. {@code dl4j does not compute …}. */
  public static List<String> skips(ComparisonResult result) {
    List<String> lines = new ArrayList<>();
    for (String id : result.backendIds()) {
      List<String> pairs = result.rows().stream().filter(row -> row.skippedBy().contains(id))
          .map(row -> row.pair().name()).toList();
      if (!pairs.isEmpty()) {
        lines.add(id + " does not compute " + String.join(", ", pairs));
      }
    }
    return lines;
  }

  /** One line: all agree, or how many pairs disagree; skipped pairs; and the elapsed time. */
  public static String verdict(ComparisonResult result) {
    String time = String.format(Locale.ROOT, " (%.1f s)", result.elapsedNanos() / 1e9);
    String skipped = result.skippedRows() == 0 ? ""
        : "; " + result.skippedRows() + " of them skipped by a backend that does not compute them";
    return result.agrees()
        ? "All " + result.rows().size() + " pairs agree: every backend matches the oracle"
            + (result.backendIds().size() > 1 ? " and every other backend" : "") + skipped + time + "."
        : "DISAGREEMENT in " + result.disagreeingRows() + " of " + result.rows().size()
            + " pairs" + skipped + time + ".";
  }

  /** A number for the table: 0, — for not applicable, otherwise two significant digits. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "—";
    }
    if (value == 0) {
      return "0";
    }
    return String.format(Locale.ROOT, "%.1e", value);
  }

  private static void appendTable(StringBuilder text, List<List<String>> cells) {
    int columns = cells.get(0).size();
    int[] widths = new int[columns];
    for (List<String> line : cells) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    for (int r = 0; r < cells.size(); r++) {
      List<String> line = cells.get(r);
      StringBuilder out = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        boolean numeric = c >= 2 && c < columns - 1;
        String cell = line.get(c);
        String pad = " ".repeat(widths[c] - cell.length());
        out.append(numeric ? pad + cell : cell + pad).append(c == columns - 1 ? "" : "  ");
      }
      text.append(out.toString().stripTrailing()).append('\n');
      if (r == 0) {
        int total = 0;
        for (int width : widths) {
          total += width + 2;
        }
        text.append("-".repeat(total - 2)).append('\n');
      }
    }
  }
}

package io.github.deltapair.cli.compare;

import io.github.deltapair.Evaluator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes {@code DIR/index.html} with the comparison table and the PNG charts beside it. */
public final class HtmlReport {

  private HtmlReport() {}

  /**
   * Writes the report into {@code directory} (created if missing) and returns its index file.
   *
   * @param chartBackend the backend that draws the |δ| versus z chart
   */
  public static Path write(
      ComparisonResult result, List<String> backendLines, Evaluator chartBackend, Path directory)
      throws IOException {
    Files.createDirectories(directory);
    Charts.deltaVersusLogit(chartBackend, directory.resolve("delta-vs-z.png"));
    Charts.oracleErrors(result, directory.resolve("oracle-error.png"));
    Charts.timePerCall(result, directory.resolve("time-per-call.png"));
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>deltapair compare</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:2em;max-width:1200px}\n")
        .append("table{border-collapse:collapse;font-size:14px}\n")
        .append("th,td{border:1px solid #ccc;padding:4px 8px}td.n{text-align:right}\n")
        .append("th{background:#eee}.bad{background:#fdd}.good{color:#070}\n")
        .append("</style>\n</head>\n<body>\n<h1>deltapair compare</h1>\n");
    html.append("<p class=\"").append(result.agrees() ? "good" : "bad").append("\"><b>")
        .append(escape(ComparisonTable.verdict(result))).append("</b></p>\n<ul>\n");
    backendLines.forEach(line -> html.append("<li>backend ").append(escape(line)).append("</li>\n"));
    html.append("<li>oracle ").append(escape(result.oracle())).append("</li>\n")
        .append("<li>").append(result.cases()).append(" cases: every pair × sum/mean × random/")
        .append("extreme logits × hard/soft targets × shapes, with loss options, in float64 and")
        .append(" float32</li>\n")
        .append("<li>agree when |δ − δ_ref| ≤ ").append(result.tolerances().delta())
        .append("·max(1, |δ_ref|) and |J − J_ref| ≤ ").append(result.tolerances().loss())
        .append("·max(1, |J_ref|); between backends when δ and J differ by at most ")
        .append(result.tolerances().delta()).append("·max(1, |·|) (C9)</li>\n")
        .append("<li>").append(result.float32Cases()).append(" of the cases are float32 (C11):")
        .append(" inputs rounded to float32, judged on them widened to float64 within ")
        .append(result.float32Tolerances().delta()).append(" (δ) and ")
        .append(result.float32Tolerances().loss()).append(" (J); not timed</li>\n</ul>\n<table>\n");
    List<List<String>> cells = ComparisonTable.cells(result);
    for (int r = 0; r < cells.size(); r++) {
      List<String> line = cells.get(r);
      boolean bad = r > 0 && !result.rows().get(r - 1).agrees();
      html.append(bad ? "<tr class=\"bad\">" : "<tr>");
      for (int c = 0; c < line.size(); c++) {
        String tag = r == 0 ? "th" : "td";
        boolean numeric = r > 0 && c >= 2 && c < line.size() - 1;
        html.append('<').append(tag).append(numeric ? " class=\"n\">" : ">")
            .append(escape(line.get(c))).append("</").append(tag).append('>');
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
    List<String> skips = ComparisonTable.skips(result);
    if (!skips.isEmpty()) {
      html.append("<h2>Skipped</h2>\n<p>").append(escape(ComparisonTable.SKIP_REASON))
          .append("</p>\n<ul>\n");
      skips.forEach(skip -> html.append("<li>").append(escape(skip)).append("</li>\n"));
      html.append("</ul>\n");
    }
    if (!result.agrees()) {
      html.append("<h2>Disagreements</h2>\n<ul>\n");
      result.rows().forEach(row -> row.failures().forEach(
          failure -> html.append("<li>").append(escape(failure)).append("</li>\n")));
      html.append("</ul>\n");
    }
    html.append("<h2>The vanishing σ'(z)</h2>\n<p>At y = 1, sigmoid + binary-cross-entropy has ")
        .append("δ = a − 1: when the output is confidently wrong (z ≪ 0) |δ| ≈ 1 and learning ")
        .append("is fast. Sigmoid + squared-error has δ = (a − 1)·σ'(z): the factor σ'(z) ≈ e^z ")
        .append("makes |δ| vanish exactly where the output is most wrong.</p>\n")
        .append("<img src=\"delta-vs-z.png\" alt=\"|δ| versus z\">\n")
        .append("<h2>Agreement with the oracle</h2>\n")
        .append("<img src=\"oracle-error.png\" alt=\"δ error against the oracle\">\n")
        .append("<h2>Time per call</h2>\n")
        .append("<img src=\"time-per-call.png\" alt=\"time per call\">\n</body>\n</html>\n");
    Path index = directory.resolve("index.html");
    Files.writeString(index, html, StandardCharsets.UTF_8);
    return index;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}

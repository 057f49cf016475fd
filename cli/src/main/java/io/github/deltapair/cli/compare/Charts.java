package io.github.deltapair.cli.compare;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The PNG charts of the {@code compare} report, drawn with JFreeChart. */
public final class Charts {

  /** Errors below this are drawn at this value on the log-scale error chart (0 has no log). */
  static final double ERROR_FLOOR = 1e-18;

  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e)
  };

  private Charts() {}

  /**
   * |δ| against z at y = 1 for sigmoid + binary-cross-entropy (δ = a − 1) and sigmoid +
   * squared-error (δ = (a − 1)·σ'(z)), computed by {@code backend}, on a log-scale axis: where the
   * sigmoid is saturated and wrong (z ≪ 0) the squared-error delta vanishes with σ'(z).
   */
  public static void deltaVersusLogit(Evaluator backend, Path png) throws IOException {
    int points = 241;
    Batch z = Batch.zeros(points, 1);
    Batch y = Batch.zeros(points, 1);
    for (int i = 0; i < points; i++) {
      z.set(i, 0, -30 + 0.25 * i);
      y.set(i, 0, 1.0);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    for (Pair pair : List.of(Pair.of("sigmoid", "binary-cross-entropy"),
        Pair.of("sigmoid", "squared-error"))) {
      Batch delta = backend.evaluate(pair, z, y, Reduction.SUM).delta();
      XYSeries series = new XYSeries(pair.name() + ":  " + pair.deltaFormula());
      for (int i = 0; i < points; i++) {
        double magnitude = Math.abs(delta.get(i, 0));
        if (magnitude > 0) {
          series.add(z.get(i, 0), magnitude);
        }
      }
      data.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(
        "|δ| versus z at y = 1 (backend " + backend.backendId() + ")", "logit z", "|δ| (log scale)",
        data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    LogAxis axis = new LogAxis("|δ| (log scale)");
    axis.setBase(10);
    plot.setRangeAxis(axis);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int s = 0; s < data.getSeriesCount(); s++) {
      renderer.setSeriesPaint(s, COLORS[s]);
      renderer.setSeriesStroke(s, new BasicStroke(2.5f));
    }
    plot.setRenderer(renderer);
    chart.addSubtitle(new TextTitle("z ≪ 0, confidently wrong: cross-entropy keeps |δ| ≈ 1,"
        + " squared error's |δ| ≈ e^z vanishes with σ'(z)"));
    style(chart);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
  }

  /** Per pair and backend, the largest scaled δ error against the oracle, on a log scale. */
  public static void oracleErrors(ComparisonResult result, Path png) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (PairRow row : result.rows()) {
      // a backend that does not compute the pair has no bar
      row.backends().forEach((id, stats) -> data.addValue(
          stats.supported() ? Math.max(ERROR_FLOOR, stats.maxOracleDeltaError()) : null, id,
          row.pair().name()));
    }
    JFreeChart chart = barChart(
        "Largest δ error against the oracle, |δ − δ_ref| / max(1, |δ_ref|)",
        "scaled error (log scale; 0 drawn at 1e-18; tolerance " + result.tolerances().delta() + ")",
        data, result.rows().size());
    CategoryPlot plot = chart.getCategoryPlot();
    LogAxis axis = new LogAxis(plot.getRangeAxis().getLabel());
    axis.setBase(10);
    axis.setLowerBound(ERROR_FLOOR / 10);
    double worst = result.rows().stream().flatMap(row -> row.backends().values().stream())
        .mapToDouble(BackendStats::maxOracleDeltaError).filter(Double::isFinite).max().orElse(0);
    axis.setUpperBound(Math.max(1e-8, 10 * worst));
    plot.setRangeAxis(axis);
    ValueMarker tolerance = new ValueMarker(result.tolerances().delta());
    tolerance.setPaint(Color.RED);
    tolerance.setStroke(new BasicStroke(2f));
    tolerance.setLabel("tolerance");
    tolerance.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
    tolerance.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    plot.addRangeMarker(tolerance);
    ((BarRenderer) plot.getRenderer()).setBase(ERROR_FLOOR / 10);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 160 + 28 * result.rows().size());
  }

  /** Per pair and backend, the mean time of one evaluate call in microseconds. */
  public static void timePerCall(ComparisonResult result, Path png) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (PairRow row : result.rows()) {
      row.backends().forEach((id, stats) -> data.addValue(
          !stats.supported() ? null : Double.isNaN(stats.nanosPerCall()) ? 0 : stats.nanosPerCall() / 1e3, id,
          row.pair().name()));
    }
    JFreeChart chart = barChart("Mean time per evaluate call (all shapes of the run)",
        "µs per call (log scale)", data, result.rows().size());
    // backends differ by orders of magnitude: a linear axis would hide the fast one
    CategoryPlot plot = chart.getCategoryPlot();
    LogAxis axis = new LogAxis(plot.getRangeAxis().getLabel());
    axis.setBase(10);
    axis.setSmallestValue(0.1);
    axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
    axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#"));
    plot.setRangeAxis(axis);
    ((BarRenderer) plot.getRenderer()).setBase(0.1);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 160 + 28 * result.rows().size());
  }

  private static JFreeChart barChart(
      String title, String valueLabel, DefaultCategoryDataset data, int categories) {
    JFreeChart chart = ChartFactory.createBarChart(
        title, "pair", valueLabel, data, PlotOrientation.HORIZONTAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    for (int s = 0; s < data.getRowCount(); s++) {
      renderer.setSeriesPaint(s, COLORS[s % COLORS.length]);
    }
    CategoryAxis domain = plot.getDomainAxis();
    domain.setCategoryMargin(0.15);
    domain.setMaximumCategoryLabelWidthRatio(0.5f);
    style(chart);
    return chart;
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    var plot = chart.getPlot();
    plot.setBackgroundPaint(new Color(0xf7f7f7));
    if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
      xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
    } else if (plot instanceof CategoryPlot category) {
      category.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
  }
}

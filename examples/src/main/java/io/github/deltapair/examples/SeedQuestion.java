package io.github.deltapair.examples;

import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.GradientCheck;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The seed question: one course writes δ(L) = a − y, another (a − y)·σ'(z). Both are right, for
 * different pairs. This trains the same sigmoid network, from the same start, twice: with sigmoid
 * + binary-cross-entropy (δ = a − y) and with sigmoid + squared-error (δ = (a − y)·σ'(z)), the
 * output delta computed by a backend and the hidden delta by backpropagation, and checks the whole
 * network's gradient against finite differences before training.
 *
 * <p>Run (after {@code mvn -B -q -DskipTests install}): {@code mvn -q -pl examples exec:java
 * -Dexec.mainClass=io.github.deltapair.examples.SeedQuestion [-Dexec.args=chart.png]} (default
 * {@code target/seed-question.png}). Exits 1 if a gradient check fails.
 */
public final class SeedQuestion {

  private static final int EXAMPLES = 300;
  private static final int HIDDEN = 8;
  private static final int EPOCHS = 3000;
  private static final double LEARNING_RATE = 2.0;
  private static final double CHECK_THRESHOLD = 1e-7;

  private SeedQuestion() {}

  /** Trains both networks with the default backend, prints what happened, writes the chart. */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path png = Path.of(args.length > 0 ? args[0] : "target/seed-question.png");
    if (!run(Backends.evaluator(), png, utf8Stdout())) {
      System.err.println("A gradient check failed: backprop disagrees with finite differences");
      System.exit(1);
    }
  }

  /** Standard output in UTF-8 whatever the locale: the examples print δ, σ and ⊙. */
  static PrintStream utf8Stdout() {
    return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
  }

  /**
   * Checks the gradients, trains both networks with {@code backend}, prints a summary to {@code
   * out} and writes the training curves to {@code png}.
   *
   * @return whether every gradient check passed
   */
  static boolean run(Evaluator backend, Path png, PrintStream out) throws IOException {
    Batch x = Batch.zeros(EXAMPLES, 2);
    Batch y = Batch.zeros(EXAMPLES, 1);
    generate(x, y, new SplittableRandom(42));
    Pair crossEntropy = Pair.of("sigmoid", "binary-cross-entropy");
    Pair squaredError = Pair.of("sigmoid", "squared-error");
    TwoLayerNetwork start = TwoLayerNetwork.random(2, HIDDEN, 1, 0.12, 7);
    out.printf(Locale.ROOT, "backend %s; %d examples (inside a circle or not), 2-%d-1 sigmoid"
        + " network, %d epochs of gradient descent at rate %.1f, mean loss%n%n",
        backend.backendId(), EXAMPLES, HIDDEN, EPOCHS, LEARNING_RATE);

    boolean checksPass = true;
    for (Pair pair : List.of(crossEntropy, squaredError)) {
      double network = start.copy().gradientCheck(backend, pair, x, y, Reduction.MEAN);
      TwoLayerNetwork.Pass pass = start.forward(backend, pair, x, y, Reduction.MEAN);
      GradientCheck.Result output =
          GradientCheck.run(backend, pair, pass.z2(), y, Reduction.MEAN);
      boolean ok = network < CHECK_THRESHOLD && output.passed();
      checksPass &= ok;
      out.printf(Locale.ROOT,
          "%-28s  δ(L): %-22s%n    whole network: ‖g − n‖/‖g + n‖ = %.1e (backprop vs central"
              + " differences, must be < %.0e)%n    output layer: GradientCheck %s over %d"
              + " elements%n",
          pair.name(), pair.deltaFormula(), network, CHECK_THRESHOLD,
          output.passed() ? "passed" : "FAILED", output.checked());
    }

    Curve ce = train(backend, crossEntropy, start.copy(), x, y);
    Curve se = train(backend, squaredError, start.copy(), x, y);
    out.printf("%n%6s  %28s  %28s%n", "epoch", "cross-entropy / accuracy (BCE)",
        "cross-entropy / accuracy (SE)");
    for (int epoch : new int[] {0, 10, 100, 300, 1000, EPOCHS - 1}) {
      out.printf(Locale.ROOT, "%6d  %19.4f / %5.1f%%  %19.4f / %5.1f%%%n", epoch,
          ce.loss[epoch], 100 * ce.accuracy[epoch], se.loss[epoch], 100 * se.accuracy[epoch]);
    }
    out.printf(Locale.ROOT, "%nAt the start a ≈ 0.5, so σ'(z) ≈ 0.25: the squared-error delta"
        + " is a quarter of a − y, and it vanishes wherever the output saturates on the wrong"
        + " side.%nMean |δ(L)| at epoch 0: %.4f with cross-entropy, %.4f with squared error.%n",
        ce.firstMeanDelta, se.firstMeanDelta);
    chart(ce, se, png);
    out.println("Training curves written to " + png.toAbsolutePath());
    return checksPass;
  }

  /** Per epoch, the training set's mean cross-entropy and accuracy. */
  private record Curve(Pair pair, double[] loss, double[] accuracy, double firstMeanDelta) {}

  private static Curve train(
      Evaluator backend, Pair pair, TwoLayerNetwork network, Batch x, Batch y) {
    Pair measure = Pair.of("sigmoid", "binary-cross-entropy");
    double[] loss = new double[EPOCHS];
    double[] accuracy = new double[EPOCHS];
    double firstMeanDelta = 0;
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      TwoLayerNetwork.Pass pass = network.forward(backend, pair, x, y, Reduction.MEAN);
      // the same yardstick for both runs: cross-entropy of the current predictions
      loss[epoch] = backend.evaluate(measure, pass.z2(), y, Reduction.MEAN).loss();
      accuracy[epoch] = accuracy(pass.z2(), y);
      if (epoch == 0) {
        firstMeanDelta = meanAbsolutePerExample(pass.output().delta());
      }
      network.step(network.gradient(pass, x), LEARNING_RATE);
    }
    return new Curve(pair, loss, accuracy, firstMeanDelta);
  }

  private static double meanAbsolutePerExample(Batch meanDelta) {
    // with MEAN row i holds δ_i / m, so Σ |δ_i / m| is the mean of the per-example |δ_i|
    double sum = 0;
    for (double d : meanDelta.array()) {
      sum += Math.abs(d);
    }
    return sum;
  }

  private static double accuracy(Batch logits, Batch y) {
    int right = 0;
    for (int i = 0; i < y.rows(); i++) {
      if ((logits.get(i, 0) > 0) == (y.get(i, 0) > 0.5)) {
        right++;
      }
    }
    return (double) right / y.rows();
  }

  private static void generate(Batch x, Batch y, SplittableRandom random) {
    for (int i = 0; i < x.rows(); i++) {
      double u = random.nextDouble(-1, 1);
      double v = random.nextDouble(-1, 1);
      x.set(i, 0, u);
      x.set(i, 1, v);
      y.set(i, 0, u * u + v * v < 0.45 ? 1.0 : 0.0);
    }
  }

  private static void chart(Curve first, Curve second, Path png) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Curve curve : List.of(first, second)) {
      XYSeries series = new XYSeries(curve.pair().name() + ":  " + curve.pair().deltaFormula());
      for (int epoch = 0; epoch < EPOCHS; epoch++) {
        series.add(epoch, curve.loss()[epoch]);
      }
      data.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(
        "Same network, data and start: output delta a − y versus (a − y)·σ'(z)", "epoch",
        "training cross-entropy (mean)", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(new Color(0xf7f7f7));
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.getRenderer().setSeriesPaint(0, new Color(0x1f77b4));
    plot.getRenderer().setSeriesPaint(1, new Color(0xd62728));
    plot.getRenderer().setSeriesStroke(0, new BasicStroke(2.5f));
    plot.getRenderer().setSeriesStroke(1, new BasicStroke(2.5f));
    chart.setBackgroundPaint(Color.WHITE);
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
  }
}

package io.github.deltapair.reference;

import io.github.deltapair.Activation;
import io.github.deltapair.LogitsForm;
import io.github.deltapair.Loss;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The oracle's own textbook formulas for the built-in loss families, keyed by family id (ids are
 * unique in the catalog) and built from the loss's parameters, and the fallback for a third-party
 * loss: its definition's own math ({@code value}, {@code gradient}, {@code logitsForm}), which the
 * oracle cannot judge independently. For those, C1 checks the declared contract and C4 (finite
 * differences of the backend's own loss) proves the gradient.
 */
final class LossFormulas {

  private static final Map<String, Function<Map<String, Double>, LossFormula>> BUILT_IN = Map.of(
      "squared-error", p -> LossFormula.of(
          (a, y) -> 0.5 * (a - y) * (a - y), (a, y) -> a - y,
          Map.of("identity", LogitsFormula.lossOnly(LossFormulas::identitySquaredError))),
      "binary-cross-entropy", p -> LossFormula.of(
          (a, y) -> Textbook.xlogy(-y, a) + Textbook.xlog1py(-(1.0 - y), -a),
          (a, y) -> -y / a + (1.0 - y) / (1.0 - a),
          Map.of("sigmoid", LogitsFormula.lossOnly(LossFormulas::sigmoidBinaryCrossEntropy))),
      "cross-entropy", p -> LossFormula.of(
          (a, y) -> Textbook.xlogy(-y, a), (a, y) -> -y / a,
          Map.of("softmax", LogitsFormula.lossOnly(LossFormulas::softmaxCrossEntropy)),
          // −y·log a
          (logA, y) -> y == 0.0 ? 0.0 : -y * logA),
      "poisson", p -> LossFormula.of(
          (a, y) -> a + Textbook.xlogy(-y, a), (a, y) -> 1.0 - y / a,
          Map.of("exp", LogitsFormula.lossOnly(LossFormulas::expPoisson))),
      // −((1+y)/2)·log((1+a)/2) − ((1−y)/2)·log((1−a)/2)
      "bipolar-cross-entropy", p -> LossFormula.of(
          (a, y) -> (1.0 + y) / 2.0 * Textbook.LN2 + Textbook.xlog1py(-(1.0 + y) / 2.0, a)
              + (1.0 - y) / 2.0 * Textbook.LN2 + Textbook.xlog1py(-(1.0 - y) / 2.0, -a),
          (a, y) -> -((1.0 + y) / 2.0) / (1.0 + a) + ((1.0 - y) / 2.0) / (1.0 - a),
          Map.of("tanh", LogitsFormula.lossOnly(LossFormulas::tanhBipolar))),
      "huber", LossFormulas::huber,
      "focal", LossFormulas::focal,
      // Σ_j y_j (log y_j − log a_j), 0·log 0 = 0
      "kl-divergence", p -> LossFormula.of(
          (a, y) -> Textbook.xlogy(y, y) - Textbook.xlogy(y, a), (a, y) -> -y / a,
          Map.of("softmax", LogitsFormula.lossOnly(LossFormulas::softmaxKlDivergence)),
          // y·log y − y·log a
          (logA, y) -> y == 0.0 ? 0.0 : Textbook.xlogy(y, y) - y * logA));

  private LossFormulas() {}

  /** Whether the oracle has its own formulas for {@code loss}'s family (a built-in). */
  static boolean isOwn(Loss loss) {
    return BUILT_IN.containsKey(loss.id());
  }

  /** The oracle's formula for {@code loss}, or {@code loss}'s own definition for a third-party one. */
  static LossFormula of(Loss loss) {
    Function<Map<String, Double>, LossFormula> own = BUILT_IN.get(loss.id());
    return own != null ? own.apply(loss.parameters()) : new Definition(loss);
  }

  /** {@code ½(a − y)²} if {@code |a − y| ≤ d}, else {@code d(|a − y| − ½d)}; gradient {@code clip(a − y, −d, d)}. */
  private static LossFormula huber(Map<String, Double> parameters) {
    double d = parameters.get("delta");
    return LossFormula.of(
        (a, y) -> Math.abs(a - y) <= d ? 0.5 * (a - y) * (a - y) : d * (Math.abs(a - y) - 0.5 * d),
        (a, y) -> a - y > d ? d : (a - y < -d ? -d : a - y),
        Map.of());
  }

  /** See {@link FocalFormula}; sigmoid only, from the logits. */
  private static LossFormula focal(Map<String, Double> parameters) {
    FocalFormula focal = new FocalFormula(parameters.get("gamma"), parameters.getOrDefault("alpha", Double.NaN));
    return LossFormula.of(focal::value, focal::gradient,
        Map.of("sigmoid", LogitsFormula.withDelta(focal::sigmoidRowLoss, focal::sigmoidRowDelta)));
  }

  /** {@code Σ_j ½(z_j − y_j)²}. */
  private static double identitySquaredError(double[] z, double[] y, int base, int n) {
    CompensatedSum total = new CompensatedSum();
    // ½(z − y)²
    for (int j = base; j < base + n; j++) {
      total.add(0.5 * (z[j] - y[j]) * (z[j] - y[j]));
    }
    return total.value();
  }

  /** {@code Σ_j max(z, 0) − z·y + log1p(e^−|z|)}. */
  private static double sigmoidBinaryCrossEntropy(double[] z, double[] y, int base, int n) {
    CompensatedSum total = new CompensatedSum();
    // max(z, 0) − z·y + log1p(e^−|z|)
    for (int j = base; j < base + n; j++) {
      total.add(Math.max(z[j], 0.0) - z[j] * y[j] + Math.log1p(Math.exp(-Math.abs(z[j]))));
    }
    return total.value();
  }

  /** {@code logsumexp(z) − Σ_j y_j z_j}. */
  private static double softmaxCrossEntropy(double[] z, double[] y, int base, int n) {
    return CompensatedSum.of(Textbook.logSumExp(z, base, n), -Textbook.dot(y, z, base, n));
  }

  /** {@code Σ_j e^z − y·z}. */
  private static double expPoisson(double[] z, double[] y, int base, int n) {
    CompensatedSum total = new CompensatedSum();
    // e^z − y·z
    for (int j = base; j < base + n; j++) {
      total.add(Math.exp(z[j]) - y[j] * z[j]);
    }
    return total.value();
  }

  /** {@code Σ_j ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z)}. */
  private static double tanhBipolar(double[] z, double[] y, int base, int n) {
    CompensatedSum total = new CompensatedSum();
    // ((1+y)/2)·softplus(−2z) + ((1−y)/2)·softplus(2z)
    for (int j = base; j < base + n; j++) {
      total.add((1.0 + y[j]) / 2.0 * Textbook.softplus(-2.0 * z[j]) + (1.0 - y[j]) / 2.0 * Textbook.softplus(2.0 * z[j]));
    }
    return total.value();
  }

  /** {@code Σ_j y_j log y_j + logsumexp(z) − Σ_j y_j z_j}. */
  private static double softmaxKlDivergence(double[] z, double[] y, int base, int n) {
    CompensatedSum total = new CompensatedSum();
    // Σ_j y_j log y_j, 0·log 0 = 0
    for (int j = base; j < base + n; j++) {
      total.add(Textbook.xlogy(y[j], y[j]));
    }
    return total.add(Textbook.logSumExp(z, base, n)).add(-Textbook.dot(y, z, base, n)).value();
  }

  /**
   * A third-party loss through its own definition: {@code value}, {@code gradient}, and its {@link
   * LogitsForm} (loss and delta) where it has one. Not independent of the code under test.
   */
  private record Definition(Loss loss) implements LossFormula {

    @Override
    public double value(double a, double y) {
      return loss.value(a, y);
    }

    @Override
    public double gradient(double a, double y) {
      return loss.gradient(a, y);
    }

    @Override
    public Optional<LogitsFormula> fromLogits(Activation f) {
      return loss.logitsForm(f).map(Definition::wrap);
    }

    private static LogitsFormula wrap(LogitsForm form) {
      return LogitsFormula.withDelta(
          (z, y, base, n) -> form.row(slice(z, base, n), slice(y, base, n), 0, n, 1.0, new double[n]),
          (z, y, base, n) -> {
            double[] delta = new double[n];
            form.row(slice(z, base, n), slice(y, base, n), 0, n, 1.0, delta);
            return delta;
          });
    }

    private static double[] slice(double[] values, int base, int n) {
      double[] row = new double[n];
      System.arraycopy(values, base, row, 0, n);
      return row;
    }
  }
}

package io.github.deltapair.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Loss;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.dl4j.interop.ActivationStableSoftmax;
import io.github.deltapair.dl4j.interop.StableOps;
import io.github.deltapair.nativebackend.NativeBackend;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.custom.LogSumExp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.linalg.api.ops.impl.loss.HuberLoss;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossKLD;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each place where a DL4J class or ND4J op breaks the contract, measured against a textbook
 * float64 formula written here, next to what the dl4j backend gives on the same input. The values
 * logged are the ones the README quotes.
 */
@DisplayName("Where DL4J/ND4J 1.0.0-M2.1 deviate from the contract, measured, the dl4j backend does not")
class Dl4jDeviationsTest {

  private static final Logger LOG = LoggerFactory.getLogger(Dl4jDeviationsTest.class);

  private final Evaluator backend = Evaluator.of(new Dl4jBackend());

  @BeforeAll
  static void startNd4j() {
    Nd4jRuntime.require();
  }

  private static INDArray rows(double[][] values) {
    return Nd4j.create(values).castTo(DataType.DOUBLE);
  }

  /** Textbook σ(z) in float64, stable on both sides. */
  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** Textbook softmax of one row, with the row's maximum subtracted. */
  private static double[] softmax(double... z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] a = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      a[j] = Math.exp(z[j] - max);
      sum += a[j];
    }
    for (int j = 0; j < z.length; j++) {
      a[j] /= sum;
    }
    return a;
  }

  private LossResult evaluate(Activation f, Loss loss, double[][] z, double[][] y) {
    return backend.evaluate(Pair.of(f, loss), Batch.of(z), Batch.of(y), Reduction.SUM);
  }

  @Test
  @DisplayName("LossBinaryXENT's gradient at z = 30, y = 0 is 9.35e-9 (a clipped to 1 − 1e-5); the dl4j backend's delta is σ(30) ≈ 1")
  void clippedBinaryCrossEntropyGradientVanishes() {
    double dl4j = new LossBinaryXENT()
        .computeGradient(rows(new double[][] {{0}}), rows(new double[][] {{30}}), new ActivationSigmoid(), null)
        .getDouble(0, 0);
    LossResult ours = evaluate(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, new double[][] {{30}}, new double[][] {{0}});
    LOG.info("LossBinaryXENT gradient at z=30, y=0: DL4J {}, dl4j backend {}, textbook {}", dl4j, ours.delta().get(0, 0), sigmoid(30));

    assertThat(dl4j).isBetween(9.3e-9, 9.4e-9);
    assertThat(ours.delta().get(0, 0)).isCloseTo(sigmoid(30), within(1e-15));
  }

  @Test
  @DisplayName("LossBinaryXENT's score at z = 1000, y = 0 is capped at −log(1e-5) = 11.51; the dl4j backend's loss is 1000")
  void clippedBinaryCrossEntropyScoreIsCapped() {
    double dl4j = new LossBinaryXENT()
        .computeScore(rows(new double[][] {{0}}), rows(new double[][] {{1000}}), new ActivationSigmoid(), null, false);
    LossResult ours = evaluate(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, new double[][] {{1000}}, new double[][] {{0}});
    LOG.info("LossBinaryXENT score at z=1000, y=0: DL4J {}, dl4j backend {}, textbook 1000", dl4j, ours.loss());

    assertThat(dl4j).isCloseTo(-Math.log(1e-5), within(1e-9));
    assertThat(ours.loss()).isEqualTo(1000.0);
  }

  @Test
  @DisplayName("Unclipped, LossBinaryXENT(0) is off by 1e-3 at z = 30 and NaN at |z| = 1000; the dl4j backend is exact")
  void unclippedBinaryCrossEntropyBreaksAtSaturation() {
    LossBinaryXENT unclipped = new LossBinaryXENT(0.0);
    double at30 = unclipped.computeScore(rows(new double[][] {{0}}), rows(new double[][] {{30}}), new ActivationSigmoid(), null, false);
    INDArray at1000 = unclipped.computeGradient(rows(new double[][] {{1, 0}}), rows(new double[][] {{1000, -1000}}), new ActivationSigmoid(), null);
    // textbook: softplus(30) − 0·30 = 30 + log1p(e^−30)
    double textbook30 = 30 + Math.log1p(Math.exp(-30));
    LossResult ours = evaluate(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, new double[][] {{30, 1000, -1000}}, new double[][] {{0, 1, 0}});
    LOG.info("LossBinaryXENT(0) at z=30, y=0: DL4J score {}, textbook {}; gradient at z=±1000 (y=1,0): DL4J {}", at30, textbook30, at1000);

    assertThat(at30 - textbook30).isBetween(1e-3, 1.1e-3);
    assertThat(at1000.getDouble(0, 0)).isNaN();
    assertThat(ours.loss()).isCloseTo(textbook30, within(1e-13));
    assertThat(ours.delta().toArray()[0]).containsExactly(sigmoid(30), 0.0, 0.0);
  }

  @Test
  @DisplayName("LossMCXENT's softmax score at z = [1000, 0, −1000], y = [0, 0, 1] is capped at −log(1e-10) = 23.03; the dl4j backend's loss is 2000")
  void crossEntropyScoreIsCapped() {
    double dl4j = new LossMCXENT().computeScore(
        rows(new double[][] {{0, 0, 1}}), rows(new double[][] {{1000, 0, -1000}}), new ActivationSoftmax(), null, false);
    LossResult ours = evaluate(Activation.SOFTMAX, Loss.CROSS_ENTROPY, new double[][] {{1000, 0, -1000}}, new double[][] {{0, 0, 1}});
    LOG.info("LossMCXENT score at z=[1000,0,-1000], y=[0,0,1]: DL4J {}, dl4j backend {}, textbook 2000", dl4j, ours.loss());

    assertThat(dl4j).isCloseTo(-Math.log(1e-10), within(1e-9));
    assertThat(ours.loss()).isEqualTo(2000.0);
    assertThat(ours.delta().toArray()[0]).containsExactly(1.0, 0.0, -1.0);
  }

  @Test
  @DisplayName("LossMCXENT's softmax gradient is a − y even when a target row sums to 1.5 (the true gradient is a·Σy − y), so targets must be on the simplex")
  void crossEntropyGradientIgnoresTheTargetSum() {
    INDArray z = rows(new double[][] {{0.5, -1.0, 2.0}});
    INDArray y = rows(new double[][] {{0.5, 0.5, 0.5}});
    double[] dl4j = new LossMCXENT().computeGradient(y, z, new ActivationSoftmax(), null).toDoubleVector();
    double[] a = softmax(0.5, -1.0, 2.0);
    LOG.info("LossMCXENT gradient with Σy = 1.5: DL4J {} (a − y = {}, a·Σy − y = {})", dl4j,
        new double[] {a[0] - 0.5, a[1] - 0.5, a[2] - 0.5}, new double[] {1.5 * a[0] - 0.5, 1.5 * a[1] - 0.5, 1.5 * a[2] - 0.5});

    for (int j = 0; j < 3; j++) {
      assertThat(dl4j[j]).isCloseTo(a[j] - 0.5, within(1e-15));
    }
  }

  @Test
  @DisplayName("ND4J's softmax subtracts the global max: row [−800, −799, −798] next to [0, 1, 2] is NaN; the dl4j backend gives the textbook softmax")
  void softmaxSubtractsTheGlobalMaximum() {
    double[][] z = {{0, 1, 2}, {-800, -799, -798}};
    INDArray activation = new ActivationSoftmax().getActivation(rows(z), false);
    INDArray transforms = Transforms.softmax(rows(z), true);
    INDArray gradient = new ActivationSoftmax().backprop(rows(z), rows(new double[][] {{1, 0, 0}, {1, 0, 0}})).getFirst();
    LossResult ours = evaluate(Activation.SOFTMAX, Loss.SQUARED_ERROR, z, new double[][] {{0, 0, 1}, {0, 0, 1}});
    LOG.info("softmax of {}: ActivationSoftmax {}, Transforms.softmax {}, ActivationSoftmax.backprop {}; dl4j backend {}",
        (Object) z, activation, transforms, gradient, ours.activations());

    assertThat(activation.getRow(1).toDoubleVector()).containsOnly(Double.NaN);
    assertThat(transforms.getRow(1).toDoubleVector()).containsOnly(Double.NaN);
    assertThat(gradient.getRow(1).toDoubleVector()).containsOnly(Double.NaN);
    double[] textbook = softmax(-800, -799, -798);
    for (int j = 0; j < 3; j++) {
      assertThat(ours.activations().get(1, j)).isCloseTo(textbook[j], within(1e-15));
      assertThat(ours.delta().get(1, j)).isCloseTo(ours.delta().get(0, j), within(1e-15));
    }
  }

  static Stream<Pair> softmaxPairs() {
    return Pair.all().stream().filter(p -> !p.activation().isElementwise());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("softmaxPairs")
  @DisplayName("Every softmax pair gives a row and the same row shifted by −800 the same loss and delta, equal to the native backend's")
  void softmaxPairsUseEachRowsMaximum(Pair pair) {
    Batch z = Batch.of(new double[][] {{0, 1, 2}, {-800, -799, -798}});
    Batch y = pair.loss().targetDomain().contains(-0.5)
        ? Batch.of(new double[][] {{-0.5, 0, 0.5}, {-0.5, 0, 0.5}})
        : Batch.of(new double[][] {{0.2, 0.3, 0.5}, {0.2, 0.3, 0.5}});
    LossResult ours = backend.evaluate(pair, z, y, Reduction.SUM);
    LossResult reference = Evaluator.of(new NativeBackend()).evaluate(pair, z, y, Reduction.SUM);

    assertThat(ours.loss()).isCloseTo(reference.loss(), within(1e-12 * Math.max(1, Math.abs(reference.loss()))));
    for (int j = 0; j < 3; j++) {
      assertThat(ours.delta().get(1, j)).isCloseTo(ours.delta().get(0, j), within(1e-15));
      assertThat(ours.delta().get(1, j)).isCloseTo(reference.delta().get(1, j), within(1e-12));
    }
  }

  @Test
  @DisplayName("ND4J's sigmoid and tanh backprop use a(1 − a) and 1 − a²: relative accuracy is lost in the tails (absolute error below 1e-16, inside the contract's tolerance)")
  void derivativesFromActivationsLoseRelativeAccuracy() {
    INDArray ones = rows(new double[][] {{1, 1}});
    double[] sigmoidPrime = new ActivationSigmoid().backprop(rows(new double[][] {{30, 36}}), ones.dup()).getFirst().toDoubleVector();
    double[] tanhPrime = new ActivationTanH().backprop(rows(new double[][] {{10, 20}}), ones.dup()).getFirst().toDoubleVector();
    // textbook: σ'(z) = σ(z)σ(−z), tanh'(z) = 1/cosh²(z)
    double[] sigmoidTextbook = {sigmoid(30) * sigmoid(-30), sigmoid(36) * sigmoid(-36)};
    double[] tanhTextbook = {1 / (Math.cosh(10) * Math.cosh(10)), 1 / (Math.cosh(20) * Math.cosh(20))};
    LOG.info("σ'(z) at z=[30, 36]: ActivationSigmoid.backprop {}, textbook {}; tanh'(z) at z=[10, 20]: ActivationTanH.backprop {}, textbook {}",
        sigmoidPrime, sigmoidTextbook, tanhPrime, tanhTextbook);

    for (int j = 0; j < 2; j++) {
      assertThat(sigmoidPrime[j]).isCloseTo(sigmoidTextbook[j], within(1e-16));
      assertThat(tanhPrime[j]).isCloseTo(tanhTextbook[j], within(1e-16));
    }
  }

  @Test
  @DisplayName("ND4J's LogSumExp op has the same global-max bug (−∞); the dl4j backend's cross-entropy is finite")
  void logSumExpSubtractsTheGlobalMaximum() {
    double[][] z = {{0, 1, 2}, {-800, -799, -798}};
    INDArray lse = Nd4j.exec(new LogSumExp(rows(z), true, 1))[0];
    LossResult ours = evaluate(Activation.SOFTMAX, Loss.CROSS_ENTROPY, z, new double[][] {{0, 0, 1}, {0, 0, 1}});
    // textbook: per row log(1 + e^−1 + e^−2), the rows being shifts of each other
    double textbook = 2 * Math.log(1 + Math.exp(-1) + Math.exp(-2));
    LOG.info("LogSumExp op on {}: {}; dl4j backend cross-entropy {}, textbook {}", (Object) z, lse, ours.loss(), textbook);

    assertThat(lse.getDouble(1, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(ours.loss()).isCloseTo(textbook, within(1e-13));
  }

  @Test
  @DisplayName("ND4J's softplus is log(1 + e^z): ∞ at z = 1000, 0 at z = −40, and its backprop NaN at z = 1000; the dl4j backend's are 1000, e^−40 and σ(z)")
  void softplusIsNaive() {
    INDArray dl4j = new ActivationSoftPlus().getActivation(rows(new double[][] {{1000, -40}}), false);
    INDArray dl4jBackprop = new ActivationSoftPlus()
        .backprop(rows(new double[][] {{1000, -40}}), rows(new double[][] {{1, 1}})).getFirst();
    LossResult ours = evaluate(Activation.SOFTPLUS, Loss.SQUARED_ERROR, new double[][] {{1000, -40}}, new double[][] {{0, 0}});
    LOG.info("softplus at z=[1000, -40]: ActivationSoftPlus {} (backprop of 1: {}), dl4j backend {} (delta {}), textbook [1000, {}]",
        dl4j, dl4jBackprop, ours.activations(), ours.delta(), Math.exp(-40));

    assertThat(dl4j.getDouble(0, 0)).isInfinite();
    assertThat(dl4j.getDouble(0, 1)).isZero();
    assertThat(dl4jBackprop.getDouble(0, 0)).isNaN();
    // δ = (a − y)·σ(z)
    assertThat(ours.delta().get(0, 0)).isEqualTo(1000.0);
    assertThat(ours.delta().get(0, 1)).isCloseTo(Math.exp(-40) * sigmoid(-40), within(1e-40));
    assertThat(ours.activations().get(0, 0)).isEqualTo(1000.0);
    assertThat(ours.activations().get(0, 1)).isCloseTo(Math.exp(-40), within(1e-30));
    assertThat(ours.loss()).isCloseTo(0.5 * 1000 * 1000, within(1e-6));
  }

  @Test
  @DisplayName("Transforms.log1p(1e-17) is 0; the backend's log1p is 1e-17 and matches Math.log1p to 1 ulp")
  void log1pIsNaive() {
    double[] u = {1e-17, 1e-10, 0.5, -0.5, -1 + 1e-12, 1e10};
    INDArray naive = Transforms.log1p(rows(new double[][] {u}), true);
    double[] stable = StableOps.log1p(rows(new double[][] {u})).toDoubleVector();
    LOG.info("log1p of {}: Transforms.log1p {}, StableOps.log1p {}", u, naive, stable);

    assertThat(naive.getDouble(0, 0)).isZero();
    for (int j = 0; j < u.length; j++) {
      assertThat(stable[j]).isCloseTo(Math.log1p(u[j]), within(2 * Math.ulp(Math.log1p(u[j]))));
    }
  }

  @Test
  @DisplayName("LossL2 is twice the contract's ½ squared error and LossMSE divides by n; the dl4j backend halves LossL2")
  void squaredErrorScalings() {
    INDArray z = rows(new double[][] {{1, 2, 3, 4}});
    INDArray y = rows(new double[][] {{0, 0, 0, 0}});
    double l2 = new LossL2().computeScore(y, z, new ActivationIdentity(), null, false);
    double[] l2Gradient = new LossL2().computeGradient(y, z.dup(), new ActivationIdentity(), null).toDoubleVector();
    double mse = new LossMSE().computeScore(y, z, new ActivationIdentity(), null, false);
    LossResult ours = evaluate(Activation.IDENTITY, Loss.SQUARED_ERROR, new double[][] {{1, 2, 3, 4}}, new double[][] {{0, 0, 0, 0}});
    LOG.info("Σ(z − y)² for z=[1..4], y=0: LossL2 {} (gradient {}), LossMSE {}, dl4j backend {} (delta {})", l2, l2Gradient, mse, ours.loss(), ours.delta());

    assertThat(l2).isEqualTo(30.0);
    assertThat(l2Gradient).containsExactly(2, 4, 6, 8);
    assertThat(mse).isEqualTo(7.5);
    assertThat(ours.loss()).isEqualTo(15.0);
    assertThat(ours.delta().toArray()[0]).containsExactly(1, 2, 3, 4);
  }

  @Test
  @DisplayName("DL4J's computeGradient writes into its preOutput for sigmoid; the backend hands it copies and leaves ND4J's default data type alone")
  void lossFunctionsOverwriteTheirInput() {
    INDArray z = rows(new double[][] {{0.5, -1.0}});
    INDArray before = z.dup();
    new LossL2().computeGradient(rows(new double[][] {{0, 1}}), z, new ActivationSigmoid(), null);
    DataType defaultType = Nd4j.dataType();
    evaluate(Activation.SIGMOID, Loss.SQUARED_ERROR, new double[][] {{0.5, -1.0}}, new double[][] {{0, 1}});

    assertThat(z.equals(before)).as("DL4J's LossL2 left preOutput unchanged").isFalse();
    assertThat(Nd4j.dataType()).isEqualTo(defaultType);
    assertThat(NdArrays.of(Batch.of(new double[][] {{1}})).dataType()).isEqualTo(DataType.DOUBLE);
  }

  @Test
  @DisplayName("LossKLD clips a and y to [1e-5, 1]: at z = [1000, 0, −1000], y = [0, 0, 1] it scores 11.513 instead of 2000, and y = 0 terms are not 0; the dl4j backend gives the textbook values")
  void klDivergenceIsClipped() {
    INDArray z = rows(new double[][] {{1000, 0, -1000}});
    INDArray y = rows(new double[][] {{0, 0, 1}});
    double clipped = new LossKLD().computeScore(y, z, new ActivationStableSoftmax(), null, false);
    // textbook: Σ y (log y − log a) = −log a_3 = logsumexp(z) − z_3 = 2000
    LossResult ours = evaluate(Activation.SOFTMAX, Loss.KL_DIVERGENCE, new double[][] {{1000, 0, -1000}}, new double[][] {{0, 0, 1}});
    // textbook at z = [0, 0], y = [0, 1]: log 2; LossKLD adds 1e-5·log(1e-5/0.5)
    double zeroTarget = new LossKLD().computeScore(rows(new double[][] {{0, 1}}), rows(new double[][] {{0, 0}}),
        new ActivationStableSoftmax(), null, false);
    LossResult oursZero = evaluate(Activation.SOFTMAX, Loss.KL_DIVERGENCE, new double[][] {{0, 0}}, new double[][] {{0, 1}});
    LOG.info("kl-divergence at z=[1000,0,-1000], y=[0,0,1]: LossKLD {}, dl4j backend {} (textbook 2000);"
        + " at z=[0,0], y=[0,1]: LossKLD {}, dl4j backend {} (textbook {})",
        clipped, ours.loss(), zeroTarget, oursZero.loss(), Math.log(2));

    assertThat(clipped).isLessThan(12.0);
    assertThat(ours.loss()).isEqualTo(2000.0);
    assertThat(zeroTarget).isNotCloseTo(Math.log(2), within(1e-5));
    assertThat(oursZero.loss()).isCloseTo(Math.log(2), within(1e-15));
  }

  @Test
  @DisplayName("ND4J's huber_loss op (no reduction) is the textbook Huber loss on both sides of d, at r = ±d and at |r| = 1000")
  void nd4jHuberOpIsTextbook() {
    double d = 0.5;
    double[] r = {0.1, -0.3, 0.5, -0.5, 0.7, -2.0, 1000, -1000};
    INDArray predictions = rows(new double[][] {r});
    INDArray labels = rows(new double[][] {new double[r.length]});
    double[] op = Nd4j.exec(new HuberLoss(labels, predictions, null, LossReduce.NONE, d))[0].toDoubleVector();
    LOG.info("huber_loss(delta={}) of r = {}: {}", d, r, op);

    for (int j = 0; j < r.length; j++) {
      double textbook = Math.abs(r[j]) <= d ? 0.5 * r[j] * r[j] : d * (Math.abs(r[j]) - 0.5 * d);
      assertThat(op[j]).as("r = %s", r[j]).isCloseTo(textbook, within(Math.ulp(textbook)));
    }
  }

  @Test
  @DisplayName("Options: a per-output mask multiplies DL4J's score once but its gradient twice (an entry of 2 scales δ by 4: LossL2, LossPoisson, LossBinaryXENT, LossKLD); a per-example mask multiplies both once")
  void perOutputMaskIsSquaredInTheGradient() {
    INDArray z = rows(new double[][] {{0.5, -1.0, 2.0}, {1.0, 0.0, -3.0}});
    INDArray y = rows(new double[][] {{0, 0, 1}, {1, 0, 0}});
    double[][] m = {{0.5, 2, 3}, {0.25, 1, 7}};
    INDArray mask = rows(m);
    double[] e = {0.5, 3.0};
    INDArray perExample = rows(new double[][] {{e[0]}, {e[1]}});
    // LossL2 with identity: ℓ_ij = (z − y)², the textbook masked score Σ_j m (z − y)², gradient 2 m (z − y)
    double[][] zs = z.toDoubleMatrix();
    double[][] ys = y.toDoubleMatrix();
    double[][] score = new LossL2().computeScoreArray(y, z.dup(), new ActivationIdentity(), mask).toDoubleMatrix();
    double[][] gradient = new LossL2().computeGradient(y, z.dup(), new ActivationIdentity(), mask).toDoubleMatrix();
    LOG.info("LossL2 with per-output mask {}: score {}, gradient {} (contract: 2·m·(z − y))", m, score, gradient);
    for (int i = 0; i < 2; i++) {
      double textbook = 0;
      for (int j = 0; j < 3; j++) {
        double r = zs[i][j] - ys[i][j];
        textbook += m[i][j] * r * r;
        assertThat(gradient[i][j]).isCloseTo(2 * r * m[i][j] * m[i][j], within(1e-14));
      }
      assertThat(score[i][0]).isCloseTo(textbook, within(1e-14));
    }
    org.nd4j.linalg.lossfunctions.ILossFunction[] losses = {new LossL2(),
        new org.nd4j.linalg.lossfunctions.impl.LossPoisson(), new LossBinaryXENT(0.0), new LossKLD()};
    for (org.nd4j.linalg.lossfunctions.ILossFunction loss : losses) {
      double[][] plain = loss.computeGradient(y, z.dup(), new ActivationSigmoid(), null).toDoubleMatrix();
      double[][] masked = loss.computeGradient(y, z.dup(), new ActivationSigmoid(), mask).toDoubleMatrix();
      double[][] byExample = loss.computeGradient(y, z.dup(), new ActivationSigmoid(), perExample).toDoubleMatrix();
      double[][] plainScore = loss.computeScoreArray(y, z.dup(), new ActivationSigmoid(), null).toDoubleMatrix();
      double[][] scoreByExample = loss.computeScoreArray(y, z.dup(), new ActivationSigmoid(), perExample).toDoubleMatrix();
      for (int i = 0; i < 2; i++) {
        assertThat(scoreByExample[i][0]).isCloseTo(plainScore[i][0] * e[i], within(1e-14));
        for (int j = 0; j < 3; j++) {
          assertThat(masked[i][j]).as("%s at %d, %d", loss, i, j)
              .isCloseTo(plain[i][j] * m[i][j] * m[i][j], within(1e-14));
          assertThat(byExample[i][j]).isCloseTo(plain[i][j] * e[i], within(1e-15));
        }
      }
    }
  }

  @Test
  @DisplayName("Options: LossMCXENT's class weights give the contract's softmax gradient a·Σ_j w_j y_j − w ⊙ y (and LossSparseMCXENT the same from labels), but its weighted score caps −log a at 23.03: 23.03 instead of 100.69 at z = [−100, 0, 0], y = e_0")
  void weightedCrossEntropy() {
    double[] w = {1.0, 2.0, 4.0};
    INDArray weights = Nd4j.create(w, new long[] {1, 3}, 'c');
    INDArray z = rows(new double[][] {{0.5, -1.0, 2.0}, {1.0, 0.0, -3.0}});
    INDArray y = rows(new double[][] {{0, 0, 1}, {1, 0, 0}});
    double[][] dl4j = new LossMCXENT(weights).computeGradient(y, z.dup(), new ActivationStableSoftmax(), null).toDoubleMatrix();
    double[][] sparse = new org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT(weights)
        .computeGradient(rows(new double[][] {{2}, {0}}), z.dup(), new ActivationStableSoftmax(), rows(new double[][] {{1}, {1}}))
        .toDoubleMatrix();
    // a one-row batch's [1, 1] per-example mask is taken for a per-output one, which MCXENT + softmax rejects
    assertThatThrownBy(() -> new LossMCXENT(weights).computeGradient(rows(new double[][] {{0, 0, 1}}),
        rows(new double[][] {{0.5, -1.0, 2.0}}), new ActivationStableSoftmax(), rows(new double[][] {{0.5}})))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("Per output masking for MCXENT + softmax: not supported");
    double[][] zs = z.toDoubleMatrix();
    double[][] ys = y.toDoubleMatrix();
    for (int i = 0; i < 2; i++) {
      double[] a = softmax(zs[i]);
      double wy = 0;
      for (int j = 0; j < 3; j++) {
        wy += w[j] * ys[i][j];
      }
      for (int j = 0; j < 3; j++) {
        assertThat(dl4j[i][j]).isCloseTo(a[j] * wy - w[j] * ys[i][j], within(1e-15));
        assertThat(sparse[i][j]).isEqualTo(dl4j[i][j]);
      }
    }
    double capped = new LossMCXENT(weights).computeScore(rows(new double[][] {{1, 0, 0}}),
        rows(new double[][] {{-100, 0, 0}}), new ActivationStableSoftmax(), null, false);
    LossResult ours = backend.evaluate(Pair.of(Activation.SOFTMAX, Loss.CROSS_ENTROPY),
        Batch.of(new double[][] {{-100, 0, 0}}), io.github.deltapair.Labels.of(new int[] {0}),
        io.github.deltapair.Options.NONE.withClassWeights(w), Reduction.SUM);
    double textbook = 100 + Math.log(2 + Math.exp(-100));
    LOG.info("LossMCXENT(weights) score at z=[-100,0,0], y=e_0: DL4J {}, dl4j backend {}, textbook {}", capped, ours.loss(), textbook);
    assertThat(capped).isCloseTo(-Math.log(1e-10), within(1e-9));
    assertThat(ours.loss()).isCloseTo(textbook, within(1e-13));
  }
}

package io.github.deltapair.dl4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Pair;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saturated wrong predictions (sigmoid output {@code z = 30} where {@code y = 0}): DL4J's {@code
 * LossBinaryXENT} clips {@code a} to {@code 1 − 1e-5}, so its delta is about 9.4e-9 and training
 * stalls; {@link DeltaPairLoss} gives the textbook {@code σ(z) − y ≈ 1} and recovers.
 */
class SaturatedPredictionsTest {

  private static final Logger LOG = LoggerFactory.getLogger(SaturatedPredictionsTest.class);

  private static final Pair SIGMOID_BCE = Pair.of("sigmoid", "binary-cross-entropy");
  private static final int EXAMPLES = 16;
  private static final double LOGIT = 30.0;

  private final INDArray x = Networks.inputs(EXAMPLES, DataType.DOUBLE, 5);
  private final INDArray zeros = Nd4j.zeros(DataType.DOUBLE, EXAMPLES, Networks.OUTPUTS);

  @ParameterizedTest(name = "backend {0}")
  @ValueSource(strings = {"native", "dl4j"})
  @DisplayName("At z = 30, y = 0 the stock delta is about 1e-8 while the adapter's is σ(30) − 0")
  void stockGradientVanishesAdapterGradientDoesNot(String backendId) {
    double stock = outputDelta(saturated(new LossBinaryXENT()));
    double adapter = outputDelta(saturated(DeltaPairLoss.of(SIGMOID_BCE, backendId)));
    // textbook σ(z) − y with z = 30, y = 0
    double textbook = 1.0 / (1.0 + Math.exp(-LOGIT)) - 0.0;
    LOG.info("delta at z = 30, y = 0: LossBinaryXENT {}, DeltaPairLoss {}, textbook {}",
        stock, adapter, textbook);

    assertThat(stock).isBetween(1e-9, 1e-7);
    assertThat(adapter).isCloseTo(textbook, within(1e-15));
  }

  @ParameterizedTest(name = "backend {0}")
  @ValueSource(strings = {"native", "dl4j"})
  @DisplayName("With SGD the adapter pulls the saturated outputs down; the stock loss leaves them at 1")
  void adapterRecoversStockStalls(String backendId) {
    MultiLayerNetwork stock = saturated(new LossBinaryXENT());
    MultiLayerNetwork adapter = saturated(DeltaPairLoss.of(SIGMOID_BCE, backendId));
    DataSet data = new DataSet(x, zeros);
    double stockScore = stock.score(data);
    double adapterScore = adapter.score(data);
    for (int step = 0; step < 30; step++) {
      stock.fit(data);
      adapter.fit(data);
    }
    double stockMean = stock.output(x).meanNumber().doubleValue();
    double adapterMean = adapter.output(x).meanNumber().doubleValue();
    LOG.info("score at z = 30 (3 outputs): LossBinaryXENT {} (clipped), DeltaPairLoss {} (true);"
            + " mean output after 30 SGD steps: LossBinaryXENT {}, DeltaPairLoss {}",
        stockScore, adapterScore, stockMean, adapterMean);

    assertThat(adapterScore).isCloseTo(3 * LOGIT, within(1e-9));
    assertThat(stockMean).isGreaterThan(0.999);
    assertThat(adapterMean).isLessThan(0.05);
  }

  /** The 4-5-3 network with output weights 0 and biases 30, so that every z is 30. */
  private MultiLayerNetwork saturated(ILossFunction loss) {
    MultiLayerNetwork net =
        Networks.build(loss, new ActivationSigmoid(), DataType.DOUBLE, new Sgd(2.0));
    net.getLayer(1).getParam("W").assign(0.0);
    net.getLayer(1).getParam("b").assign(LOGIT);
    return net;
  }

  /** The per-example output delta, from the output bias gradient {@code Σ_i δ_i} of one pass. */
  private double outputDelta(MultiLayerNetwork net) {
    net.setInput(x);
    net.setLabels(zeros);
    net.computeGradientAndScore();
    INDArray biasGradient = net.gradient().getGradientFor("1_b");
    assertThat(biasGradient.maxNumber().doubleValue() - biasGradient.minNumber().doubleValue())
        .isLessThan(1e-12 * EXAMPLES);
    return biasGradient.getDouble(0) / EXAMPLES;
  }
}

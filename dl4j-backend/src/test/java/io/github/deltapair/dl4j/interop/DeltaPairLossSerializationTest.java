package io.github.deltapair.dl4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A network using {@link DeltaPairLoss} and this package's activations survives DL4J's JSON
 * configuration and {@code ModelSerializer}: same configuration, same outputs and scores to the
 * bit, same training from there on.
 */
class DeltaPairLossSerializationTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} + {1}, backend {2}, hidden activation {3}")
  @CsvSource({
      "softmax, cross-entropy, native, ActivationStableSoftplus",
      "exp, poisson, , ActivationExp",
      "softplus, poisson, native, ActivationStableSoftmax",
      "sigmoid, binary-cross-entropy, , ActivationStableSoftplus",
      "identity, huber(delta=0.5), , ActivationStableSoftplus",
      "tanh, huber(delta=0.5), dl4j, ActivationExp",
      "sigmoid, 'focal(gamma=2.0, alpha=0.25)', native, ActivationStableSoftplus",
      "softmax, kl-divergence, dl4j, ActivationExp",
      "tanh, huber(delta=0.5), native, ActivationFromDefinition"
  })
  @DisplayName("ModelSerializer save and restore give the same configuration, outputs, scores and next step")
  void modelSerializerRoundTrips(String activation, String loss, String backendId, String hidden)
      throws IOException {
    Pair pair = Pair.of(activation, loss);
    DeltaPairLoss lossFn = backendId == null ? DeltaPairLoss.of(pair) : DeltaPairLoss.of(pair, backendId);
    MultiLayerNetwork net = network(lossFn, hiddenActivation(hidden));
    INDArray x = Networks.inputs(32, DataType.DOUBLE, 11);
    DataSet data = new DataSet(x, Networks.labels(pair, 32, DataType.DOUBLE, 12));
    for (int step = 0; step < 5; step++) {
      net.fit(data);
    }

    File file = dir.resolve("net.zip").toFile();
    ModelSerializer.writeModel(net, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    assertThat(restored.getLayerWiseConfigurations().toJson())
        .isEqualTo(net.getLayerWiseConfigurations().toJson())
        .contains(DeltaPairLoss.class.getName(), "\"activation\" : \"" + activation + "\"",
            "\"loss\" : \"" + loss + "\"");
    OutputLayer outputLayer = (OutputLayer) restored.getLayer(1).conf().getLayer();
    assertThat(outputLayer.getLossFn()).isEqualTo(lossFn);
    assertThat(((DeltaPairLoss) outputLayer.getLossFn()).pair()).isEqualTo(pair);
    assertThat(((DeltaPairLoss) outputLayer.getLossFn()).backendId())
        .isEqualTo(java.util.Optional.ofNullable(backendId));
    assertThat(outputLayer.getActivationFn()).isEqualTo(lossFn.activation());
    assertThat(bits(restored.output(x))).isEqualTo(bits(net.output(x)));
    assertThat(restored.score(data)).isEqualTo(net.score(data));
    assertThat(bits(restored.scoreExamples(data, false)))
        .isEqualTo(bits(net.scoreExamples(data, false)));

    net.fit(data);
    restored.fit(data);
    assertThat(bits(restored.params())).isEqualTo(bits(net.params()));
  }

  @ParameterizedTest(name = "{0} + {1}")
  @CsvSource({"softmax, cross-entropy", "tanh, squared-error", "tanh, huber(delta=0.5)"})
  @DisplayName("MultiLayerConfiguration JSON round-trips the adapter and its activation")
  void configurationJsonRoundTrips(String activation, String loss) {
    DeltaPairLoss lossFn = DeltaPairLoss.of(Pair.of(activation, loss), "native");
    MultiLayerConfiguration conf = network(lossFn, new ActivationExp()).getLayerWiseConfigurations();

    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());

    assertThat(back).isEqualTo(conf);
    assertThat(back.toJson()).isEqualTo(conf.toJson());
  }

  @ParameterizedTest(name = "{0}, backend {1}")
  @CsvSource({
      "huber(delta=0.5), identity, native", "huber(delta=0.5), identity, dl4j",
      "'focal(gamma=2.0, alpha=0.25)', sigmoid, ''", "focal, sigmoid, dl4j"})
  @DisplayName("A parameterised loss is written by its canonical name and read back equal, through the configuration JSON")
  void parameterisedLossNamesRoundTrip(String loss, String activation, String backendId) {
    Pair pair = Pair.of(activation, loss);
    DeltaPairLoss lossFn = backendId.isEmpty() ? DeltaPairLoss.of(pair) : DeltaPairLoss.of(pair, backendId);
    MultiLayerConfiguration conf = network(lossFn, new ActivationExp()).getLayerWiseConfigurations();

    String json = conf.toJson();
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);

    assertThat(json).contains("\"loss\" : \"" + pair.loss().name() + "\"");
    assertThat(back).isEqualTo(conf);
    DeltaPairLoss restored = (DeltaPairLoss) ((OutputLayer) back.getConf(1).getLayer()).getLossFn();
    assertThat(restored.pair()).isEqualTo(pair);
    assertThat(restored.pair().loss().parameters()).isEqualTo(pair.loss().parameters());
    assertThat(restored.name()).isEqualTo(lossFn.name()).contains(pair.loss().name());
  }

  @ParameterizedTest(name = "backend {0}")
  @CsvSource({"native", "''"})
  @DisplayName("Java serialization keeps the pair and the backend id")
  void javaSerializationRoundTrips(String backendId) throws IOException, ClassNotFoundException {
    Pair pair = Pair.of("tanh", "bipolar-cross-entropy");
    DeltaPairLoss lossFn = backendId.isEmpty() ? DeltaPairLoss.of(pair) : DeltaPairLoss.of(pair, backendId);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(lossFn);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      DeltaPairLoss back = (DeltaPairLoss) in.readObject();
      assertThat(back).isEqualTo(lossFn);
      assertThat(back.pair()).isEqualTo(pair);
      assertThat(back.name()).isEqualTo(lossFn.name());
    }
  }

  private static MultiLayerNetwork network(DeltaPairLoss loss, IActivation hidden) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(3)
        .dataType(DataType.DOUBLE)
        .updater(new Adam(0.01))
        .list()
        .layer(new DenseLayer.Builder().nIn(Networks.INPUTS).nOut(Networks.HIDDEN)
            .activation(hidden).build())
        .layer(new OutputLayer.Builder(loss).nIn(Networks.HIDDEN).nOut(Networks.OUTPUTS)
            .activation(loss.activation()).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static IActivation hiddenActivation(String simpleName) {
    return switch (simpleName) {
      case "ActivationExp" -> new ActivationExp();
      case "ActivationStableSoftmax" -> new ActivationStableSoftmax();
      case "ActivationStableSoftplus" -> new ActivationStableSoftplus();
      case "ActivationFromDefinition" -> new ActivationFromDefinition("softplus");
      default -> throw new IllegalArgumentException(simpleName);
    };
  }

  private static double[] bits(INDArray array) {
    return array.dup('c').data().asDouble();
  }
}

package io.github.deltapair.dl4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Backends;
import io.github.deltapair.Pair;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

/**
 * Which backend a {@link DeltaPairLoss} computes through: {@code native} by default (the
 * dependency {@code deltapair-dl4j} brings), {@code dl4j} when named, and said once at INFO.
 */
class DeltaPairLossBackendTest {

  private static final Pair SIGMOID_BCE = Pair.of("sigmoid", "binary-cross-entropy");

  private final INDArray z = Nd4j.create(new double[][] {{0.5, -30}, {30, 2}}).castTo(DataType.DOUBLE);
  private final INDArray y = Nd4j.create(new double[][] {{1, 0}, {0, 1}}).castTo(DataType.DOUBLE);

  @Test
  @DisplayName("DeltaPairLoss.of(pair) computes through the native backend, which comes with deltapair-dl4j")
  void defaultIsNative() {
    DeltaPairLoss loss = DeltaPairLoss.of(SIGMOID_BCE);

    assertThat(Backends.registry().ids()).contains("native", "dl4j");
    assertThat(loss.backendId()).isEmpty();
    assertThat(loss.evaluator().backendId()).isEqualTo("native");
    loss.computeGradient(y, z, new ActivationSigmoid(), null);
    assertThat(BackendUseLog.SHARED.announced()).contains("native");
  }

  @Test
  @DisplayName("DeltaPairLoss.of(pair, \"dl4j\") computes through the dl4j backend")
  void dl4jWhenNamed() {
    DeltaPairLoss loss = DeltaPairLoss.of(SIGMOID_BCE, "dl4j");

    assertThat(loss.backendId()).contains("dl4j");
    assertThat(loss.evaluator().backendId()).isEqualTo("dl4j");
    loss.computeGradient(y, z, new ActivationSigmoid(), null);
    assertThat(BackendUseLog.SHARED.announced()).contains("dl4j");
  }

  @Test
  @DisplayName("The backend in use is logged once per backend at INFO, however many calls use it")
  void loggedOncePerBackend() {
    BackendUseLog log = new BackendUseLog(LoggerFactory.getLogger(DeltaPairLoss.class));
    String captured = capturedStandardError(() -> {
      for (int call = 0; call < 3; call++) {
        log.used(Backends.evaluator("native"), false);
        log.used(Backends.evaluator("dl4j"), true);
      }
    });

    // slf4j-simple, the test class path's provider, writes "[thread] INFO logger - message"
    assertThat(captured.lines().filter(line -> line.contains("INFO")
            && line.contains("DeltaPairLoss computes through backend 'native' (")
            && line.contains("the default backend")))
        .hasSize(1);
    assertThat(captured.lines().filter(line -> line.contains("INFO")
            && line.contains("DeltaPairLoss computes through backend 'dl4j' (ND4J/DL4J")
            && line.contains("chosen with DeltaPairLoss.of(pair, \"dl4j\")")))
        .hasSize(1);
    assertThat(captured.lines().filter(line -> line.contains("DeltaPairLoss computes through")))
        .hasSize(2);
    assertThat(log.announced()).containsExactlyInAnyOrder("native", "dl4j");
  }

  /** What {@code action} writes to {@code System.err}, which slf4j-simple looks up on every write. */
  private static String capturedStandardError(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}

package io.github.deltapair.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Backends;
import io.github.deltapair.Evaluator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The runnable examples")
class ExamplesTest {

  @Test
  @DisplayName("SeedQuestion passes its gradient checks, learns faster with a − y, and writes the chart")
  void seedQuestion(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Path png = dir.resolve("curves.png");

    boolean passed = SeedQuestion.run(
        Backends.evaluator("native"), png, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(passed).as(out).isTrue();
    assertThat(out).contains("GradientCheck passed").doesNotContain("FAILED");
    assertThat(Files.size(png)).isGreaterThan(1000);
    // the last row of the epoch table: cross-entropy of the BCE run below that of the SE run
    String last = out.lines().filter(line -> line.trim().startsWith("2999")).findFirst().orElseThrow();
    String[] numbers = last.trim().split("[ /%]+");
    assertThat(Double.parseDouble(numbers[1])).isLessThan(Double.parseDouble(numbers[3]));
  }

  @Test
  @DisplayName("CompareBackends finds native and dl4j in agreement on every pair")
  void compareTwoBackends() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    boolean agree = CompareBackends.compare(Backends.evaluator("native"), Backends.evaluator("dl4j"),
        Backends.registry().ids(), new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(agree).as(bytes.toString(StandardCharsets.UTF_8)).isTrue();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("native").contains("dl4j")
        .contains("The backends agree.");
  }

  @Test
  @DisplayName("Dl4jNetwork trains a DL4J network through DeltaPairLoss and restores it identically")
  void dl4jNetwork(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    boolean ok = Dl4jNetwork.run(dir.resolve("model.zip").toFile(),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(ok).as(out).isTrue();
    assertThat(out).contains("softmax+cross-entropy").contains("identical outputs");
    String accuracy = out.lines().filter(l -> l.startsWith("accuracy")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(accuracy.replaceAll("[^0-9.]", ""))).isGreaterThan(90.0);
  }

  @Test
  @DisplayName("CompareBackends finds a backend agreeing with itself")
  void compareBackends() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Evaluator nativeBackend = Backends.evaluator("native");

    boolean agree = CompareBackends.compare(nativeBackend, nativeBackend, List.of("native"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(agree).isTrue();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("Only one backend to compare")
        .contains("softplus+poisson").contains("sigmoid+focal(gamma=2.0, alpha=0.25)")
        .contains("softmax+kl-divergence").contains("The backends agree.");
  }
}

package io.github.deltapair.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Backends;
import io.github.deltapair.spi.Backend;
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
        Backends.get("native"), png, new PrintStream(bytes, true, StandardCharsets.UTF_8));

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
  @DisplayName("CompareBackends finds a backend agreeing with itself")
  void compareBackends() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Backend nativeBackend = Backends.get("native");

    boolean agree = CompareBackends.compare(nativeBackend, nativeBackend, List.of("native"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(agree).isTrue();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("Only one backend to compare")
        .contains("softplus+poisson").contains("The backends agree.");
  }
}

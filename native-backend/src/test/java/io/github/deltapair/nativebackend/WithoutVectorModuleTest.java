package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The backend on a JVM started without {@code --add-modules jdk.incubator.vector}. */
@DisplayName("Without the Vector API module")
class WithoutVectorModuleTest {

  /** Evaluates one pair with the default backend and prints its description. */
  public static void main(String[] args) {
    NativeBackend backend = new NativeBackend();
    double loss = io.github.deltapair.Evaluator.of(backend).evaluate(
        io.github.deltapair.Pair.of("softmax", "cross-entropy"),
        io.github.deltapair.Batch.of(new double[][] {{1, 2, 3}}),
        io.github.deltapair.Batch.of(new double[][] {{0, 0, 1}}),
        io.github.deltapair.Reduction.SUM).loss();
    System.out.println(backend.description() + " loss=" + loss);
  }

  @Test
  @DisplayName("the backend falls back to its scalar kernels and never loads a Vector API class")
  void scalarKernelsRunWithoutTheModule() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        WithoutVectorModuleTest.class.getName())
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
    assertThat(process.exitValue()).as("exit status; output:%n%s", output).isZero();
    assertThat(output).contains("(scalar)").contains("loss=0.407605964444")
        .doesNotContain("NoClassDefFoundError");
  }
}

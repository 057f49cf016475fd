package com.example.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.deltapair.Backends;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** README's example prints what README says it prints, from deltapair-native alone. */
class ReadmeExampleTest {

  @Test
  @DisplayName("README's example prints the contract, the true loss 30.601… and δ(1,0) = 0.99999999999990…")
  void printsWhatReadmeSays() {
    String[] lines = run().split("\\R");

    assertTrue(lines.length >= 4, "four printed lines, got: " + String.join(" | ", lines));
    assertEquals("CANONICAL: δ = a − y", lines[0]);
    // Σ softplus(z) − y·z = 30.601004995223…
    assertTrue(lines[1].startsWith("30.601"), "loss: " + lines[1]);
    assertEquals(30.601004995223093, Double.parseDouble(lines[1]), 1e-12);
    // σ(30) − 0 = 1 − σ(−30) = 1 − 9.3576229688393e-14, to a few ulps
    assertTrue(lines[2].startsWith("0.99999999999990"), "delta(1, 0): " + lines[2]);
    assertEquals(1.0 - 9.3576229688393e-14, Double.parseDouble(lines[2]), 4 * Math.ulp(1.0));
    assertFalse(lines[3].isBlank(), "an explanation");
  }

  @Test
  @DisplayName("README's weighted class-index example prints PyTorch's F.cross_entropy values")
  void weightedClassIndexExample() {
    String[] lines = run(ReadmeWeightedExample::main).split("\\R");

    assertTrue(lines.length >= 3, "three printed lines, got: " + String.join(" | ", lines));
    // torch 1.13: F.cross_entropy(z, [0, 2, -100], weight=[1, 5, 2], ignore_index=-100,
    // label_smoothing=0.1, reduction='mean') and reduction='none', float64
    assertEquals(0.5071242909259039, Double.parseDouble(lines[0]), 1e-12);
    String[] losses = lines[1].replaceAll("[\\[\\] ]", "").split(",");
    assertEquals(0.7315298461000166, Double.parseDouble(losses[0]), 1e-12);
    assertEquals(0.7898430266776952, Double.parseDouble(losses[1]), 1e-12);
    assertEquals(0.0, Double.parseDouble(losses[2]));
    assertEquals("δ_i = s·(a Σ_j w_j y'_j − w ⊙ y')", lines[2]);
  }

  @Test
  @DisplayName("README's float32 example prints PyTorch's F.cross_entropy values to float32 precision")
  void float32Example() {
    String[] lines = run(ReadmeFloat32Example::main).split("\\R");

    assertTrue(lines.length >= 2, "two printed lines, got: " + String.join(" | ", lines));
    // torch 1.13: F.cross_entropy(z, [0, 2], reduction='mean') on the float32 logits widened to
    // float64 (the float32 run gives 0.17545640468597412, the same to 1e-6)
    assertTrue(lines[0].startsWith("0.175456"), "loss: " + lines[0]);
    assertEquals(0.1754563807072585, Double.parseDouble(lines[0]), 1e-6);
    // its gradient there, -0.10720148270536206, printed as the shortest float32
    assertTrue(lines[1].startsWith("-0.107201"), "delta(0, 0): " + lines[1]);
    assertEquals(Float.toString(Float.parseFloat(lines[1])), lines[1], "a float, not a double");
    assertEquals(-0.10720148270536206, Float.parseFloat(lines[1]), 1e-7);
  }

  @Test
  @DisplayName("With deltapair-native the only backend, the default evaluator is native's")
  void defaultBackendIsNative() {
    assertEquals("native", Backends.evaluator().backendId());
  }

  private static String run() {
    return run(ReadmeExample::main);
  }

  private static String run(java.util.function.Consumer<String[]> main) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      main.accept(new String[0]);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}

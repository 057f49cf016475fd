package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.deltapair.spi.Backend;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  private static final Pair SE = Pair.canonical(Loss.SQUARED_ERROR);
  private final Batch z = Batch.of(new double[][] {{0.5, -1.0}});
  private final Batch y = Batch.of(new double[][] {{1.0, 0.0}});

  /** A backend whose kernel returns NaN in one delta element, whatever the input. */
  private static final class NanBackend implements Backend {
    private final boolean checksInputs;

    NanBackend(boolean checksInputs) {
      this.checksInputs = checksInputs;
    }

    @Override public String id() { return "nan"; }
    @Override public boolean checksInputs(Pair pair) { return checksInputs; }

    @Override
    public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
      deltaOut.array()[deltaOut.size() - 1] = Double.NaN;
      return checksInputs ? Double.NaN : 1.0;
    }

    @Override
    public void activate(Activation activation, Batch z, Batch out) {
      activation.forward(z, out);
    }
  }

  @Test
  @DisplayName("null arguments are rejected naming the argument, whichever it is")
  void nulls() {
    Evaluator e = Evaluator.of(new SquaredErrorOnlyBackend("t", 1));
    assertThatThrownBy(() -> e.evaluate(null, z, y, Reduction.SUM)).hasMessage("pair");
    assertThatThrownBy(() -> e.evaluate(SE, null, y, Reduction.SUM)).hasMessage("z");
    assertThatThrownBy(() -> e.evaluate(SE, z, (Batch) null, Reduction.SUM)).hasMessage("targets (y or labels)");
    assertThatThrownBy(() -> e.evaluate(SE, z, y, null)).hasMessage("reduction");
    assertThatThrownBy(() -> e.evaluate(SE, z, y, null, Batch.zeros(1, 2))).hasMessage("reduction");
    assertThatThrownBy(() -> e.evaluate(SE, z, y, Reduction.SUM, null)).hasMessage("deltaOut");
    assertThatThrownBy(() -> Evaluator.of(null)).hasMessage("backend");
  }

  @Test
  @DisplayName("a backend's NaN on valid input is reported as that backend's defect, naming backend, pair, row and column")
  void backendDefect() {
    for (boolean checks : new boolean[] {false, true}) {
      Evaluator e = Evaluator.of(new NanBackend(checks));
      assertThatThrownBy(() -> e.evaluate(SE, z, y, Reduction.SUM))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("backend 'nan'")
          .hasMessageContaining("identity+squared-error at row 0, column 1")
          .hasMessageContaining("defect of that backend, not of the input");
    }
  }

  @Test
  @DisplayName("bad input is the caller's: rejected with the shared message even when the backend checks inputs itself")
  void badInputStaysTheCallers() {
    Batch bad = Batch.of(new double[][] {{0.5, Double.NaN}});
    for (boolean checks : new boolean[] {false, true}) {
      Evaluator e = Evaluator.of(new NanBackend(checks));
      assertThatThrownBy(() -> e.evaluate(SE, z, bad, Reduction.SUM))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("y has NaN at row 0, column 1");
    }
  }

  @Test
  @DisplayName("a pair the backend does not compute is rejected naming the capability hook")
  void unsupported() {
    Evaluator e = Evaluator.of(new SquaredErrorOnlyBackend("t", 1));
    Pair pair = Pair.canonical(Loss.POISSON);
    assertThat(e.supports(pair)).isFalse();
    assertThatThrownBy(() -> e.evaluate(pair, z, y, Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backend 't' does not compute exp+poisson")
        .hasMessageContaining("supports(Pair)");
  }
}

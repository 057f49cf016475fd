package io.github.deltapair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.spi.Backend;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** float32 batches through the api alone: the batch type, the evaluator's widening path, rules. */
class Float32Test {

  private static final Pair BCE = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
  private static final Pair SE = Pair.canonical(Loss.SQUARED_ERROR);
  private static final Pair POISSON = Pair.canonical(Loss.POISSON);

  @Test
  @DisplayName("a float32 batch views its float[]; array() and floatArray() name the precision they need")
  void batchViews() {
    float[] data = {1.5f, -2f, 0.1f, 4f};
    Batch b = Batch.wrap(data, 2, 2);
    assertThat(b.precision()).isEqualTo(Precision.FLOAT32);
    assertThat(b.floatArray()).isSameAs(data);
    assertThat(b.get(1, 0)).isEqualTo((double) 0.1f);
    b.set(0, 1, 0.1);
    assertThat(data[1]).isEqualTo(0.1f);
    assertThatThrownBy(b::array).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("float32").hasMessageContaining("floatArray()");
    assertThatThrownBy(() -> Batch.zeros(1, 1).floatArray())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("float64");
    assertThatThrownBy(() -> Batch.wrap(new float[3], 2, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 × 2 = 4");
    assertThat(b.toFloat64().array()).containsExactly(1.5, (double) 0.1f, (double) 0.1f, 4.0);
    assertThat(Batch.of(new double[][] {{0.1, 1e39}}).toFloat32().floatArray())
        .containsExactly(0.1f, Float.POSITIVE_INFINITY);
    assertThat(b.sameBits(b.copy())).isTrue();
    assertThat(b.sameBits(b.toFloat64())).isFalse();
    assertThat(b.sharesArrayWith(Batch.wrap(data, 4, 1))).isTrue();
    assertThat(b.toString()).contains("float32");
  }

  @Test
  @DisplayName("without a float32 kernel the evaluator widens, and returns a float32 delta within 1e-6 of float64")
  void widened() {
    float[] z = {0.3f, -12f, 25f, 0.001f, -0.7f, 3f};
    float[] y = {1f, 0f, 0.25f, 1f, 0f, 0.5f};
    Batch z32 = Batch.wrap(z, 2, 3);
    Batch y32 = Batch.wrap(y, 2, 3);
    Evaluator e = Evaluator.of(new DefinitionBackend());
    for (Reduction r : Reduction.values()) {
      LossResult f32 = e.evaluate(BCE, z32, y32, r);
      LossResult f64 = e.evaluate(BCE, z32.toFloat64(), y32.toFloat64(), r);
      assertThat(f32.delta().precision()).isEqualTo(Precision.FLOAT32);
      assertThat(f32.loss()).isCloseTo(f64.loss(), within(1e-6 * Math.max(1, Math.abs(f64.loss()))));
      for (int k = 0; k < z.length; k++) {
        double ref = f64.delta().at(k);
        // textbook: δ = s(σ(z) − y), in float64
        double sigma = 1 / (1 + Math.exp(-z[k]));
        double s = r == Reduction.MEAN || r == Reduction.MEAN_BY_WEIGHT ? 0.5 : 1.0;
        assertThat(ref).isCloseTo(s * (sigma - y[k]), within(1e-15));
        assertThat(f32.delta().at(k)).isCloseTo(ref, within(1e-6 * Math.max(1, Math.abs(ref))));
        assertThat(f32.delta().at(k)).isEqualTo((double) (float) ref);
      }
      assertThat(f32.exampleLosses()).containsExactly(f64.exampleLosses());
    }
    Batch out = Batch.zeros(2, 3, Precision.FLOAT32);
    double j = e.evaluate(BCE, z32, y32, Reduction.MEAN, out);
    assertThat(j).isEqualTo(e.evaluate(BCE, z32, y32, Reduction.MEAN).loss());
    assertThat(z).containsExactly(0.3f, -12f, 25f, 0.001f, -0.7f, 3f);
  }

  @Test
  @DisplayName("labels and options on float32 logits give the widened float64 result")
  void labelsAndOptions() {
    Pair ce = Pair.canonical(Loss.CROSS_ENTROPY);
    Batch z32 = Batch.wrap(new float[] {1f, 2f, -1f, 0.5f, 0.5f, 9f}, 2, 3);
    Labels labels = Labels.of(new int[] {2, 0});
    Options options = Options.NONE.withClassWeights(1, 2, 3).withLabelSmoothing(0.1);
    Evaluator e = Evaluator.of(new DefinitionBackend());
    LossResult f32 = e.evaluate(ce, z32, labels, options, Reduction.MEAN_BY_WEIGHT);
    LossResult f64 = e.evaluate(ce, z32.toFloat64(), labels, options, Reduction.MEAN_BY_WEIGHT);
    assertThat(f32.loss()).isEqualTo(f64.loss());
    assertThat(f32.delta().sameBits(f64.delta().toFloat32())).isTrue();
    Batch mask32 = Batch.wrap(new float[] {1, 1, 1, 0, 0, 0}, 2, 3);
    LossResult masked = e.evaluate(ce, z32, labels, Options.NONE.withMask(mask32), Reduction.SUM);
    assertThat(masked.exampleLosses()[1]).isZero();
    assertThat(masked.activations().precision()).isEqualTo(Precision.FLOAT32);
    assertThat(masked.activations().at(3)).isZero();
    assertThatThrownBy(() -> e.evaluate(ce, z32, labels, Options.NONE.withMask(mask32),
        Reduction.SUM, mask32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deltaOut shares its array with mask");
  }

  @Test
  @DisplayName("z, y and deltaOut of one call share a precision, or the call names the mismatch")
  void precisionsAgree() {
    Evaluator e = Evaluator.of(new DefinitionBackend());
    Batch z32 = Batch.wrap(new float[] {0.5f, -1f}, 1, 2);
    Batch y64 = Batch.of(new double[][] {{1, 0}});
    assertThatThrownBy(() -> e.evaluate(SE, z32, y64, Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("y is float64 but z is float32: z and y must have the same precision");
    assertThatThrownBy(() -> e.evaluate(SE, y64, z32, Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("y is float32 but z is float64: z and y must have the same precision");
    assertThatThrownBy(() -> e.evaluate(SE, z32, z32.copy(), Reduction.SUM, Batch.zeros(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deltaOut is float64 but z is float32");
  }

  @Test
  @DisplayName("exp overflows float32 above log(Float.MAX_VALUE): such a logit is rejected, named")
  void expLimit() {
    assertThat(Activation.EXP.maxFiniteLogit(Precision.FLOAT32))
        .isCloseTo(88.72283905206835, within(1e-12));
    assertThat((float) Math.exp(Activation.EXP.maxFiniteLogit(Precision.FLOAT32))).isFinite();
    assertThat(Activation.EXP.maxFiniteLogit(Precision.FLOAT64)).isEqualTo(Activation.MAX_EXP_ARGUMENT);
    assertThat(Activation.SIGMOID.maxFiniteLogit(Precision.FLOAT32)).isInfinite();
    Evaluator e = Evaluator.of(new DefinitionBackend());
    Batch y = Batch.wrap(new float[] {1f, 2f}, 1, 2);
    assertThat(e.evaluate(POISSON, Batch.wrap(new float[] {80f, 1f}, 1, 2), y, Reduction.SUM).loss())
        .isCloseTo(Math.exp(80) - 80 + Math.E - 2, within(1e-9 * Math.exp(80)));
    assertThatThrownBy(() ->
        e.evaluate(POISSON, Batch.wrap(new float[] {1f, 89f}, 1, 2), y, Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("z has 89.0 at row 0, column 1: exp(z) overflows a float32 for z > "
            + Math.log(Float.MAX_VALUE));
  }

  @Test
  @DisplayName("the default float32 limit of a third party's activation is found by bisection on apply")
  void bisectedLimit() {
    Activation doubled = new Activation() {
      @Override public String id() { return "exp2z"; }
      @Override public Interval range() { return Interval.open(0, Double.POSITIVE_INFINITY); }
      @Override public String formula() { return "a = e^{2z}"; }
      @Override public String derivativeFormula() { return "2a"; }
      @Override public double maxFiniteLogit() { return MAX_EXP_ARGUMENT / 2; }
      @Override public double apply(double z) { return Math.exp(2 * z); }
      @Override public double derivative(double z) { return 2 * Math.exp(2 * z); }
    };
    double limit = doubled.maxFiniteLogit(Precision.FLOAT32);
    assertThat(limit).isCloseTo(Math.log(Float.MAX_VALUE) / 2, within(1e-7));
    assertThat((float) doubled.apply(limit)).isFinite();
    assertThat((float) doubled.apply(Math.nextUp(limit))).isInfinite();
  }

  @Test
  @DisplayName("a delta beyond float32's range on valid input is the caller's overflow, named, not a defect")
  void resultOverflow() {
    Evaluator e = Evaluator.of(new DefinitionBackend());
    Batch z = Batch.wrap(new float[] {0f, 3e38f}, 1, 2);
    Batch y = Batch.wrap(new float[] {0f, -3e38f}, 1, 2);
    assertThatThrownBy(() -> e.evaluate(SE, z, y, Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("z has 3.0E38 at row 0, column 1 (y = -3.0E38): the delta of identity+squared-error overflows a float32 there");
    // the same values in float64 are fine
    assertThat(e.evaluate(SE, z.toFloat64(), y.toFloat64(), Reduction.SUM).delta().at(1))
        .isEqualTo(6.0000000109955116E38);
  }

  /** A backend with a float32 kernel that writes NaN into one delta element. */
  private static final class BrokenFloat32 implements Backend {
    final AtomicInteger float32Calls = new AtomicInteger();

    @Override public String id() { return "broken32"; }
    @Override public boolean computesFloat32(Pair pair, Targets targets, Options options) { return true; }

    @Override
    public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
      throw new AssertionError("the float64 kernel is not called for float32 batches");
    }

    @Override
    public double compute(Pair pair, Batch z, Targets targets, Options options,
        Reduction reduction, Batch deltaOut, double[] exampleLosses) {
      float32Calls.incrementAndGet();
      deltaOut.floatArray()[0] = Float.NaN;
      return 1.0;
    }

    @Override public void activate(Activation activation, Batch z, Batch out) {
      activation.forward(z, out);
    }
  }

  @Test
  @DisplayName("a float32 kernel's NaN on valid input is that backend's defect; activations are computed only when asked")
  void float32Defect() {
    BrokenFloat32 backend = new BrokenFloat32();
    Evaluator e = Evaluator.of(backend);
    Batch z = Batch.wrap(new float[] {0.5f, 1f}, 1, 2);
    assertThatThrownBy(() -> e.evaluate(SE, z, z.copy(), Reduction.SUM))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("backend 'broken32' returned NaN for the delta of identity+squared-error at row 0, column 0");
    assertThat(backend.float32Calls).hasValue(1);
  }

  @Test
  @DisplayName("the allocating evaluate computes a = f(z) on first use only, from the logits given")
  void lazyActivations() {
    AtomicInteger activations = new AtomicInteger();
    Backend counting = new DefinitionBackend() {
      @Override public void activate(Activation activation, Batch z, Batch out) {
        activations.incrementAndGet();
        super.activate(activation, z, out);
      }
    };
    Evaluator e = Evaluator.of(counting);
    Batch z = Batch.wrap(new float[] {0.5f, -3f}, 1, 2);
    LossResult r = e.evaluate(BCE, z, Batch.wrap(new float[] {1f, 0f}, 1, 2), Reduction.SUM);
    assertThat(activations).hasValue(0);
    Batch a = r.activations();
    assertThat(activations).hasValue(1);
    assertThat(r.activations()).isSameAs(a);
    assertThat(a.precision()).isEqualTo(Precision.FLOAT32);
    assertThat(a.at(1)).isEqualTo((double) (float) (1 / (1 + Math.exp(3))));
    assertThat(activations).hasValue(1);
  }

  @Test
  @DisplayName("float32 target rows on the simplex are held to 1e-6, float64 ones to 1e-9")
  void simplexTolerance() {
    Pair ce = Pair.canonical(Loss.CROSS_ENTROPY);
    Evaluator e = Evaluator.of(new DefinitionBackend());
    Batch z = Batch.wrap(new float[] {0.2f, -1f, 2f}, 1, 3);
    // 0.3f + 0.1f + 0.6f sums to 1.000000037… once widened
    Batch soft = Batch.wrap(new float[] {0.3f, 0.1f, 0.6f}, 1, 3);
    assertThat(e.evaluate(ce, z, soft, Reduction.SUM).loss()).isFinite();
    assertThatThrownBy(() -> e.evaluate(ce, z.toFloat64(), soft.toFloat64(), Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("within 1.0E-9");
    Batch off = Batch.wrap(new float[] {0.3f, 0.1f, 0.6001f}, 1, 3);
    assertThatThrownBy(() -> e.evaluate(ce, z, off, Reduction.SUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y row 0 sums to 1.0000999")
        .hasMessageEndingWith("(within 1.0E-6 for float32)");
  }
}

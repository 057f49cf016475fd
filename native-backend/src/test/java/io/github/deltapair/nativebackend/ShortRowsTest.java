package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.deltapair.Batch;
import io.github.deltapair.Labels;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Softmax rows narrower than {@link ShortRows#NARROWER_THAN} take their exponentials a block of
 * rows at a time: each row must come out as it does alone (the same bits, whatever block and
 * offset it lands in) and as the textbook formula gives it, in float64 and float32, on dense
 * targets and on labels.
 */
@DisplayName("Short softmax rows computed a block at a time")
class ShortRowsTest {

  /** More rows than one block holds for every width tested, and a range that starts mid-block. */
  private static final int ROWS = 2300;
  private static final int FROM = 7;
  private static final int TO = ROWS - 5;
  private static final double SCALE = 0.75;

  private static double[] logits(int cols, Random random) {
    double[] z = new double[ROWS * cols];
    for (int k = 0; k < z.length; k++) {
      z[k] = 4.0 * random.nextGaussian();
    }
    return z;
  }

  private static int[] classes(int cols, Random random) {
    int[] c = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      c[i] = random.nextInt(cols);
    }
    return c;
  }

  private static double[] oneHot(int[] classes, int cols) {
    double[] y = new double[ROWS * cols];
    for (int i = 0; i < ROWS; i++) {
      y[i * cols + classes[i]] = 1.0;
    }
    return y;
  }

  private static float[] rounded(double[] a) {
    float[] f = new float[a.length];
    for (int k = 0; k < a.length; k++) {
      f[k] = (float) a[k];
    }
    return f;
  }

  /** The textbook row: {@code ℓ = log Σ e^{z_j} − z_c}, {@code δ_j = scale (e^{z_j}/Σ e − [j = c])}. */
  private static void assertTextbook(double[] z, int i, int cols, int c, double loss,
      double[] delta, double tolerance, String context) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < cols; j++) {
      max = Math.max(max, z[i * cols + j]);
    }
    double s = 0.0;
    for (int j = 0; j < cols; j++) {
      s += Math.exp(z[i * cols + j] - max);
    }
    double expected = max + Math.log(s) - z[i * cols + c];
    assertThat(loss).as("%s: ℓ_%d", context, i)
        .isCloseTo(expected, within(tolerance * Math.max(1, Math.abs(expected))));
    for (int j = 0; j < cols; j++) {
      double a = Math.exp(z[i * cols + j] - max) / s;
      double d = SCALE * (a - (j == c ? 1.0 : 0.0));
      assertThat(delta[i * cols + j]).as("%s: δ_%d,%d", context, i, j)
          .isCloseTo(d, within(tolerance));
    }
  }

  @ParameterizedTest(name = "{0} columns")
  @ValueSource(ints = {1, 2, 3, 10, 17, 63, 64})
  @DisplayName("float64: every row of a batch has the bits it has alone, and the textbook values, on dense targets and labels")
  void float64(int cols) {
    Random random = new Random(cols);
    double[] z = logits(cols, random);
    int[] c = classes(cols, random);
    double[] y = oneHot(c, cols);
    Labels labels = Labels.of(c);
    double[] dense = new double[z.length];
    double[] denseLosses = new double[ROWS];
    double[] byLabel = new double[z.length];
    double[] labelLosses = new double[ROWS];
    double j1 = CanonicalKernels.softmaxCrossEntropy(z, y, cols, FROM, TO, SCALE, dense, denseLosses);
    double j2 = LabelKernels.softmaxCrossEntropy(z, labels, cols, FROM, TO, SCALE, byLabel, labelLosses);
    assertThat(j1).isFinite();
    assertThat(Double.doubleToRawLongBits(j2)).isEqualTo(Double.doubleToRawLongBits(j1));
    for (int i = FROM; i < TO; i++) {
      double[] alone = new double[z.length];
      double[] loss = new double[ROWS];
      CanonicalKernels.softmaxCrossEntropy(z, y, cols, i, i + 1, SCALE, alone, loss);
      assertThat(Double.doubleToRawLongBits(denseLosses[i])).as("ℓ_%d bits", i)
          .isEqualTo(Double.doubleToRawLongBits(loss[i]));
      assertThat(Double.doubleToRawLongBits(labelLosses[i])).as("labels ℓ_%d bits", i)
          .isEqualTo(Double.doubleToRawLongBits(loss[i]));
      for (int k = i * cols; k < (i + 1) * cols; k++) {
        assertThat(Double.doubleToRawLongBits(dense[k])).as("δ at %d", k)
            .isEqualTo(Double.doubleToRawLongBits(alone[k]));
        assertThat(Double.doubleToRawLongBits(byLabel[k])).as("labels δ at %d", k)
            .isEqualTo(Double.doubleToRawLongBits(alone[k]));
      }
      assertTextbook(z, i, cols, c[i], denseLosses[i], dense, 1e-12, "float64");
    }
  }

  @ParameterizedTest(name = "{0} columns")
  @ValueSource(ints = {1, 2, 3, 10, 17, 63, 64})
  @DisplayName("float32: every row of a batch has the bits it has alone, and the textbook values of the rounded logits, on dense targets and labels")
  void float32(int cols) {
    Random random = new Random(100 + cols);
    float[] z = rounded(logits(cols, random));
    int[] c = classes(cols, random);
    Batch y = Batch.wrap(rounded(oneHot(c, cols)), ROWS, cols);
    Labels labels = Labels.of(c);
    float[] dense = new float[z.length];
    double[] denseLosses = new double[ROWS];
    float[] byLabel = new float[z.length];
    double[] labelLosses = new double[ROWS];
    assertThat(Float32Kernels.softmaxCrossEntropy(z, y, cols, FROM, TO, SCALE, dense, denseLosses))
        .isFinite();
    assertThat(Float32Kernels.softmaxCrossEntropyLabels(z, labels, cols, FROM, TO, SCALE, byLabel,
        labelLosses)).isFinite();
    double[] wide = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      wide[k] = z[k];
    }
    for (int i = FROM; i < TO; i++) {
      float[] alone = new float[z.length];
      double[] loss = new double[ROWS];
      Float32Kernels.softmaxCrossEntropy(z, y, cols, i, i + 1, SCALE, alone, loss);
      assertThat(Double.doubleToRawLongBits(denseLosses[i])).as("ℓ_%d bits", i)
          .isEqualTo(Double.doubleToRawLongBits(loss[i]));
      double[] widened = new double[z.length];
      for (int k = i * cols; k < (i + 1) * cols; k++) {
        assertThat(Float.floatToRawIntBits(dense[k])).as("δ at %d", k)
            .isEqualTo(Float.floatToRawIntBits(alone[k]));
        assertThat(Float.floatToRawIntBits(byLabel[k])).as("labels δ at %d", k)
            .isEqualTo(Float.floatToRawIntBits(alone[k]));
        widened[k] = dense[k];
      }
      // rows of 64 and more are computed in float32, the dense loss as Σ_j y_j (max − z_j) +
      // t·log S with max − z_j rounded to float32, the label loss with max − z_c in float64: §2c's
      // 1e-6 apart at most (about 4e-8 here)
      double apart = cols >= ShortRows.NARROWER_THAN ? 1e-6 : 1e-12;
      assertThat(labelLosses[i]).as("labels ℓ_%d", i)
          .isCloseTo(loss[i], within(apart * Math.max(1, Math.abs(loss[i]))));
      // float32 deltas: within a few float32 ulps of scale (§2c's 1e-6)
      assertTextbook(wide, i, cols, c[i], denseLosses[i], widened, 1e-6, "float32");
    }
  }
}

package io.github.deltapair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Activation;
import io.github.deltapair.BackendRegistry;
import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.spi.Backend;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code deltapair compare} over float32 batches (clause C11, docs/contract.md §2c). */
@DisplayName("deltapair compare in float32")
class CompareFloat32CommandTest {

  /**
   * A backend with its own float32 path: native on the widened inputs, the delta rounded to
   * float32, then {@link #spoil} applied to the float32 results. Float64 calls are native's.
   */
  private abstract static class Float32Backend implements Backend {
    private final Backend delegate = Backends.get("native");

    /** Changes the float32 results; returns the loss to report. */
    abstract double spoil(Pair pair, Batch z, Targets targets, Options options,
        Reduction reduction, double loss, Batch deltaOut);

    @Override
    public String id() {
      return "f32";
    }

    @Override
    public boolean computesFloat32(Pair pair, Targets targets, Options options) {
      return true;
    }

    @Override
    public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
      return delegate.compute(pair, z, y, reduction, deltaOut);
    }

    @Override
    public double compute(Pair pair, Batch z, Targets targets, Options options,
        Reduction reduction, Batch deltaOut, double[] exampleLosses) {
      if (z.precision() == Precision.FLOAT64) {
        return delegate.compute(pair, z, targets, options, reduction, deltaOut, exampleLosses);
      }
      Batch wide = Batch.zeros(z.rows(), z.cols());
      Targets wideTargets = targets instanceof Batch y ? y.toFloat64() : targets;
      double loss = delegate.compute(
          pair, z.toFloat64(), wideTargets, options, reduction, wide, exampleLosses);
      float[] out = deltaOut.floatArray();
      for (int k = 0; k < out.length; k++) {
        out[k] = (float) wide.at(k);
      }
      return spoil(pair, z, targets, options, reduction, loss, deltaOut);
    }

    @Override
    public void activate(Activation activation, Batch z, Batch out) {
      delegate.activate(activation, z, out);
    }
  }

  private static CliRun compare(Backend backend, String pairs) {
    return CliRun.run(() -> BackendRegistry.of(List.of(Backends.get("native"), backend)), "",
        "compare", "--quick", "--pair", pairs);
  }

  @Test
  @DisplayName("a quick run has float32 cases for every pair, counted in the summary, and they agree")
  void counted() {
    CliRun run = CliRun.run("compare", "--quick", "--pair",
        "sigmoid+binary-cross-entropy,exp+poisson,softmax+squared-error");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    // per pair 2 shapes × (random, extreme) + 2 option sets
    assertThat(run.out()).startsWith("deltapair compare: 108 cases (18 float32) over 3 pairs")
        .contains("float32 (δ, loss)").contains("float32 cases (C11): within 1e-06 (δ) and 1e-06 (J)")
        .containsPattern("(?m)^exp\\+poisson +canonical +34 .* \\d\\.\\de-\\d\\d, \\S+ .* agree$")
        .contains("All 3 pairs agree");
  }

  @Test
  @DisplayName("a float32 δ off by 1e-7 relative passes (the float32 tolerance is 1e-6); off by 1e-5 fails on float32 cases only")
  void float32Tolerance() {
    CliRun close = compare(new Float32Backend() {
      @Override
      double spoil(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
          double loss, Batch delta) {
        delta.floatArray()[0] *= 1 + 1e-7f;
        return loss;
      }
    }, "sigmoid+binary-cross-entropy,identity+squared-error");
    assertThat(close.exitCode()).as(close.out()).isZero();

    CliRun far = compare(new Float32Backend() {
      @Override
      double spoil(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
          double loss, Batch delta) {
        delta.floatArray()[0] += 1e-5f;
        return loss;
      }
    }, "sigmoid+binary-cross-entropy,identity+squared-error");
    assertThat(far.exitCode()).isEqualTo(ExitCodes.DISAGREEMENT);
    List<String> failures = far.out().lines().filter(l -> l.contains("disagree")).toList();
    assertThat(failures).isNotEmpty().allSatisfy(line -> assertThat(line).contains(" float32 seed "));
    assertThat(far.out()).contains("f32 disagrees with the oracle on sigmoid+binary-cross-entropy")
        .contains("tolerance 1e-06").contains("DISAGREEMENT in 2 of 2 pairs");
  }

  @Test
  @DisplayName("a float32 loss through log(max(p, 1e-7f)) in float, as naive code does, is caught at extreme logits")
  void clippedLogCaught() {
    CliRun run = compare(new Float32Backend() {
      @Override
      double spoil(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
          double loss, Batch delta) {
        if (!options.isNone() || !(targets instanceof Batch y)) {
          return loss;
        }
        double total = 0;
        // ℓ = −[y log max(σ, 1e-7) + (1 − y) log max(1 − σ, 1e-7)], in float
        for (int k = 0; k < z.size(); k++) {
          float a = (float) (1 / (1 + Math.exp(-z.at(k))));
          float t = (float) y.at(k);
          total -= t * (float) Math.log(Math.max(a, 1e-7f))
              + (1 - t) * (float) Math.log(Math.max(1 - a, 1e-7f));
        }
        return reduction == Reduction.MEAN ? total / z.rows() : total;
      }
    }, "sigmoid+binary-cross-entropy");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.DISAGREEMENT);
    List<String> failures = run.out().lines().filter(l -> l.contains("disagree")).toList();
    assertThat(failures).isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains(" extreme/").contains(" float32 seed "));
  }
}

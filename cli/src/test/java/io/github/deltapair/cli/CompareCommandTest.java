package io.github.deltapair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Activation;
import io.github.deltapair.BackendRegistry;
import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.spi.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("deltapair compare")
class CompareCommandTest {

  /** Delegates to native under another id; optionally adds an error to one pair's delta. */
  private static class DelegatingBackend implements Backend {
    private final String id;
    private final Pair broken;
    private final double error;
    private final Backend delegate = Backends.get("native");

    DelegatingBackend(String id, Pair broken, double error) {
      this.id = id;
      this.broken = broken;
      this.error = error;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
      double loss = delegate.compute(pair, z, y, reduction, deltaOut);
      if (pair.equals(broken)) {
        deltaOut.array()[0] += error;
      }
      return loss;
    }

    /** Without options through {@link #compute(Pair, Batch, Batch, Reduction, Batch)}; with them, native's own path. */
    @Override
    public double compute(Pair pair, Batch z, Targets targets, Options options,
        Reduction reduction, Batch deltaOut, double[] exampleLosses) {
      if (options.isNone()) {
        return Backend.super.compute(pair, z, targets, options, reduction, deltaOut, exampleLosses);
      }
      double loss = delegate.compute(pair, z, targets, options, reduction, deltaOut, exampleLosses);
      if (pair.equals(broken)) {
        deltaOut.array()[0] += error;
      }
      return loss;
    }

    @Override
    public void activate(Activation activation, Batch z, Batch out) {
      delegate.activate(activation, z, out);
    }
  }

  private static CliRun compare(List<Backend> backends, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "compare";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.run(() -> BackendRegistry.of(backends), "", all);
  }

  @Test
  @DisplayName("a quick run of the discovered backends over the whole catalog agrees and exits 0")
  void quickRunAgrees() {
    CliRun run = CliRun.run("compare", "--quick");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.err()).isEmpty();
    for (Pair pair : Pair.all()) {
      assertThat(run.out()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(pair.name())
          + " +" + pair.contract().id() + " .* agree$");
    }
    assertThat(run.out()).contains("All " + Pair.all().size() + " pairs agree");
  }

  @Test
  @DisplayName("covers the new losses on both backends: every valid pair of huber, focal and kl-divergence agrees")
  void newLossesAgree() {
    // the built-in pairs of the three losses (a plugin's sparsemax + huber is not dl4j's)
    List<Pair> pairs = Pair.all().stream()
        .filter(p -> List.of("huber", "focal", "kl-divergence").contains(p.loss().id()))
        .filter(Backends.evaluator("dl4j")::supports).toList();
    assertThat(pairs).hasSize(7 + 1 + 4);
    CliRun run = CliRun.run("compare", "--quick", "--backend", "native,dl4j", "--pair",
        String.join(",", pairs.stream().map(Pair::name).toList()));

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    for (Pair pair : pairs) {
      assertThat(run.out()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(pair.name())
          + " +" + pair.contract().id() + " .* ok \\S+, \\S+ +ok .* agree$");
    }
    assertThat(run.out()).contains("All 12 pairs agree").doesNotContain("Skipped");
  }

  @Test
  @DisplayName("parses --pair with parameters, commas inside them included")
  void parameterisedPairs() {
    CliRun run = CliRun.run("compare", "--quick", "--backend", "native",
        "--pair", "sigmoid+focal(gamma=2.0, alpha=0.25),identity+huber(delta=0.5)");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .containsPattern("(?m)^sigmoid\\+focal\\(gamma=2\\.0, alpha=0\\.25\\) +chain-rule .* agree$")
        .containsPattern("(?m)^identity\\+huber\\(delta=0\\.5\\) +chain-rule .* agree$")
        .contains("All 2 pairs agree");
  }

  @Test
  @DisplayName("reports the plugin's pairs as skipped for dl4j, which does not compute them, and compares them on native")
  void pluginPairsSkippedOnDl4j() {
    CliRun run = CliRun.run("compare", "--quick", "--backend", "native,dl4j",
        "--pair", "sparsemax+sparsemax-loss,sparsemax+squared-error,softmax+cross-entropy");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    // 16 plain cases + 14 with options (6 option sets the plugin's loss takes: 5 × 2 reductions,
    // the widest × 4) + 6 float32 (2 shapes × random, extreme; 2 option sets)
    assertThat(run.out())
        .containsPattern("(?m)^sparsemax\\+sparsemax-loss +canonical +36 +36 +0 +— +— +ok \\S+, \\S+ +skipped .* — +agree$")
        .containsPattern("(?m)^sparsemax\\+squared-error +chain-rule .* skipped .* agree$")
        .containsPattern("(?m)^softmax\\+cross-entropy +canonical .* ok \\S+, \\S+ +ok .* agree$")
        .contains("dl4j does not compute sparsemax+sparsemax-loss, sparsemax+squared-error")
        .contains("the oracle has no formulas of its own for sparsemax+sparsemax-loss, sparsemax+squared-error:")
        .contains("All 3 pairs agree")
        .contains("2 of them skipped");
  }

  @Test
  @DisplayName("two backends that agree fill the backend-vs-backend columns and exit 0")
  void twoBackendsAgree() {
    CliRun run = compare(
        List.of(Backends.get("native"), new DelegatingBackend("twin", null, 0)),
        "--quick", "--pair", "sigmoid+binary-cross-entropy,softmax+squared-error");

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("oracle native (δ, loss)").contains("oracle twin (δ, loss)")
        .contains("µs/call twin").contains("2 backends");
    // 16 plain cases + 18 with options (8 option sets binary-cross-entropy takes: 7 × 2
    // reductions, the widest × 4) + 6 float32
    assertThat(run.out()).containsPattern("(?m)^sigmoid\\+binary-cross-entropy +canonical +40 +40 +0 +0 +0 ");
  }

  @Test
  @DisplayName("a backend whose delta is off by 1e-9 on one pair makes compare exit 1 and name it")
  void wrongBackendDisagrees() {
    Pair broken = Pair.of("sigmoid", "squared-error");
    CliRun run = compare(
        List.of(Backends.get("native"), new DelegatingBackend("wrong", broken, 1e-9)),
        "--quick", "--pair", "sigmoid+squared-error,sigmoid+binary-cross-entropy");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.DISAGREEMENT);
    assertThat(run.out())
        .containsPattern("(?m)^sigmoid\\+squared-error .* ok \\S+, \\S+ +FAIL 1\\.0e-09, \\S+ .* DISAGREE$")
        .containsPattern("(?m)^sigmoid\\+binary-cross-entropy .* agree$")
        .contains("wrong disagrees with the oracle on sigmoid+squared-error")
        .contains("native and wrong disagree on sigmoid+squared-error")
        .contains("DISAGREEMENT in 1 of 2 pairs");
  }

  @Test
  @DisplayName("a backend whose mean-by-weight divides by m instead of Σ W (PyTorch #69339-style) is caught on the option cases only")
  void meanByWeightByRowsDisagrees() {
    Backend byRows = new DelegatingBackend("by-rows", null, 0) {
      @Override
      public double compute(Pair pair, Batch z, Targets targets, Options options,
          Reduction reduction, Batch deltaOut, double[] exampleLosses) {
        // the defect: 1/m where the contract says 1/Σ W
        return super.compute(pair, z, targets, options,
            reduction == Reduction.MEAN_BY_WEIGHT ? Reduction.MEAN : reduction, deltaOut,
            exampleLosses);
      }
    };
    CliRun run = compare(List.of(Backends.get("native"), byRows), "--quick", "--pair",
        "softmax+cross-entropy,sigmoid+binary-cross-entropy");

    assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.DISAGREEMENT);
    List<String> disagreements = run.out().lines().filter(l -> l.contains("disagree")).toList();
    assertThat(disagreements).isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains(" mean-by-weight ").contains("options ["));
    assertThat(run.out()).contains("by-rows disagrees with the oracle on softmax+cross-entropy")
        .contains("native and by-rows disagree on sigmoid+binary-cross-entropy");
  }

  @Test
  @DisplayName("a backend rejecting what another accepts is a disagreement")
  void rejectionMismatch() {
    Backend picky = new DelegatingBackend("picky", null, 0) {
      @Override
      public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
        if (z.rows() == 1) {
          throw new IllegalArgumentException("z has 1 row: picky wants more");
        }
        return super.compute(pair, z, y, reduction, deltaOut);
      }
    };
    CliRun run = compare(List.of(Backends.get("native"), picky), "--quick", "--pair", "exp+poisson");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.DISAGREEMENT);
    assertThat(run.out()).contains("picky rejected exp+poisson").contains("picky wants more");
  }

  @Test
  @DisplayName("--report writes index.html with the table and the PNG charts")
  void report(@TempDir Path dir) throws Exception {
    CliRun run = CliRun.run("compare", "--quick", "--pair", "sigmoid+squared-error",
        "--report", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("report written to");
    String html = Files.readString(dir.resolve("index.html"));
    assertThat(html).contains("<table>").contains("sigmoid+squared-error")
        .contains("delta-vs-z.png").contains("oracle-error.png").contains("time-per-call.png");
    for (String png : List.of("delta-vs-z.png", "oracle-error.png", "time-per-call.png")) {
      byte[] bytes = Files.readAllBytes(dir.resolve(png));
      assertThat(bytes).as(png).hasSizeGreaterThan(1000);
      assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
  }

  @Test
  @DisplayName("--progress always draws a bar on stderr and keeps stdout clean")
  void progressBar() {
    CliRun run = CliRun.run("compare", "--quick", "--pair", "tanh+squared-error",
        "--progress", "always");

    assertThat(run.exitCode()).isZero();
    // 16 plain cases + 12 with options (5 option sets of squared-error: 4 × 2 reductions, the
    // widest × 4) + 6 float32
    assertThat(run.err()).contains("[##############################] 34/34 tanh+squared-error");
    assertThat(run.out()).doesNotContain("[#").doesNotContain("\r");
  }

  @Test
  @DisplayName("rejects a malformed shape or pair with exit 2")
  void badOptions() {
    assertThat(CliRun.run("compare", "--shapes", "4by3").err()).contains("must be ROWSxCOLS");
    CliRun pair = CliRun.run("compare", "--pair", "relu+poisson");
    assertThat(pair.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(pair.err()).contains("relu + poisson is not a valid pair");
  }
}

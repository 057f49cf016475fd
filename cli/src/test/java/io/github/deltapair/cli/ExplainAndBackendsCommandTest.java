package io.github.deltapair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.BackendRegistry;
import io.github.deltapair.Pair;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("deltapair explain, backends and usage")
class ExplainAndBackendsCommandTest {

  @Nested
  @DisplayName("explain")
  class Explain {

    @Test
    @DisplayName("explains a canonical pair: δ = a − y because σ'(z) cancels ∂ℓ/∂a")
    void canonical() {
      CliRun run = CliRun.run("explain", "sigmoid", "binary-cross-entropy");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .isEqualTo(Pair.of("sigmoid", "binary-cross-entropy").explanation())
          .startsWith("sigmoid + binary-cross-entropy: canonical")
          .contains("δ = a − y")
          .contains("cancels");
    }

    @Test
    @DisplayName("explains a chain-rule pair: δ = (a − y) ⊙ a(1 − a), f'(z) stays")
    void chainRule() {
      CliRun run = CliRun.run("explain", "sigmoid", "squared-error");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .startsWith("sigmoid + squared-error: chain-rule")
          .contains("δ = (a − y) ⊙ a(1 − a)")
          .contains("not the canonical link");
    }

    @Test
    @DisplayName("explains a parameterised loss named with its parameters: identity + huber(delta=0.5)")
    void parameterisedLoss() {
      CliRun run = CliRun.run("explain", "identity", "huber(delta=0.5)");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out())
          .isEqualTo(Pair.of("identity", "huber(delta=0.5)").explanation())
          .startsWith("identity + huber(delta=0.5): chain-rule")
          .contains("clip(a − y, −d, d)")
          .contains("d = 0.5");
    }

    @Test
    @DisplayName("explains the sparsemax plugin's pair by name: canonical, δ = a − y, a Fenchel–Young loss")
    void pluginPair() {
      CliRun run = CliRun.run("explain", "sparsemax", "sparsemax-loss");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out())
          .startsWith("sparsemax + sparsemax-loss: canonical")
          .contains("δ = a − y")
          .contains("Fenchel–Young");
    }

    @Test
    @DisplayName("lists the discovered catalog in its help, plugins and new losses included")
    void helpListsCatalog() {
      CliRun run = CliRun.run("explain", "--help");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("sparsemax").contains("sparsemax-loss").contains("softplus")
          .contains("huber(delta=1.0)").contains("focal(gamma=2.0)").contains("kl-divergence");
    }

    @Test
    @DisplayName("rejects an out-of-range parameter, naming it (exit 2)")
    void badParameter() {
      CliRun run = CliRun.run("explain", "identity", "huber(delta=0)");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(run.err()).contains("'delta'").contains("> 0");
    }

    @Test
    @DisplayName("rejects an invalid pair with the api's message on one line (exit 2)")
    void invalidPair() {
      CliRun run = CliRun.run("explain", "identity", "binary-cross-entropy");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(run.out()).isEmpty();
      String message = "";
      try {
        Pair.of("identity", "binary-cross-entropy");
      } catch (IllegalArgumentException e) {
        message = e.getMessage();
      }
      assertThat(run.err()).isEqualTo("deltapair: " + message + System.lineSeparator());
    }

    @Test
    @DisplayName("rejects an unknown activation, listing the known ones")
    void unknownActivation() {
      CliRun run = CliRun.run("explain", "swish", "squared-error");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(run.err()).contains("Unknown activation 'swish'").contains("softplus");
    }
  }

  @Nested
  @DisplayName("backends")
  class ListBackends {

    @Test
    @DisplayName("lists the discovered native backend with version, description and origin")
    void listsNative() {
      CliRun run = CliRun.run("backends");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .startsWith("native (default)")
          .contains("  version      ")
          .contains("  description  ")
          .contains("  class        io.github.deltapair.nativebackend.NativeBackend")
          .containsPattern("  origin       \\S*deltapair-native");
    }

    @Test
    @DisplayName("reports a discovery failure on one line with exit 3")
    void discoveryFailure() {
      CliRun run = CliRun.run(
          () -> BackendRegistry.load(new ClassLoader(null) {}), "", "backends");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.BACKEND_FAILURE);
      assertThat(run.err()).startsWith("deltapair: No deltapair backend found on the class path");
      assertThat(run.err().strip()).doesNotContain("\n");
    }
  }

  @Nested
  @DisplayName("usage")
  class Usage {

    @Test
    @DisplayName("rejects an unknown option on one line with exit 2")
    void unknownOption() {
      CliRun run = CliRun.run("compare", "--fast");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(run.err()).contains("Unknown option: '--fast'").contains("deltapair compare --help");
      assertThat(run.err().strip()).doesNotContain("\n");
    }

    @Test
    @DisplayName("prints the usage, with the exit codes, and exits 2 without a command")
    void noCommand() {
      CliRun run = CliRun.run();

      assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(run.err()).contains("compare").contains("delta").contains("Exit codes:");
    }

    @Test
    @DisplayName("prints help to stdout with exit 0")
    void help() {
      CliRun run = CliRun.run("delta", "--help");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("--backend").contains("--input");
    }
  }
}

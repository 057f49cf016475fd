package io.github.deltapair.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Evaluator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same inputs give the same bits in every run: child JVMs compute {@link ResultDigest} (a
 * SHA-256 over loss, delta and a of every pair, both reductions, shapes up to 300 × 256) and must
 * agree with each other and with this JVM.
 *
 * <p>Measured on Linux x86_64, 2 cores: native's scalar kernels give one digest across runs, on one
 * thread or with the helper threads (spinning or not), and under C1 alone or the interpreter; its
 * Vector API kernels give another digest (a different summation order), the same across runs.
 * dl4j gives one digest across runs with OMP_NUM_THREADS=1 and with 2 (and unset).
 */
@DisplayName("Determinism: the same bits across JVM runs")
class DeterminismTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName("native: child JVMs (default helpers, one thread, helpers that never spin) give this JVM's digest, bit for bit")
  void nativeIsDeterministicAcrossRuns() throws Exception {
    Evaluator backend = TwoBackends.nativeBackend();
    String here = ResultDigest.of(backend) + " " + backend.description();

    ChildJvm first = digest("native", List.of(), Map.of());
    ChildJvm second = digest("native",
        List.of("-Ddeltapair.native.parallelThreshold=" + Long.MAX_VALUE), Map.of());
    ChildJvm third = digest("native", List.of("-Ddeltapair.native.spinMicros=0"), Map.of());

    assertThat(first.out().strip()).as(first.err()).isEqualTo(here);
    assertThat(second.out().strip()).as(second.err()).isEqualTo(here);
    assertThat(third.out().strip()).as(third.err()).isEqualTo(here);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName("native with the Vector API kernels: two child JVMs give the same digest")
  void nativeVectorIsDeterministicAcrossRuns() throws Exception {
    List<String> vector = List.of("--add-modules", "jdk.incubator.vector");
    ChildJvm first = digest("native", vector, Map.of());
    ChildJvm second = digest("native", vector, Map.of());

    assertThat(first.out()).as(first.err()).contains("(Vector API)");
    assertThat(second.out()).isEqualTo(first.out());
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  @DisplayName("dl4j: child JVMs with OMP_NUM_THREADS=1 (twice) and 2 give this JVM's digest, bit for bit")
  void dl4jIsDeterministicAcrossRunsAndOpenMpThreads() throws Exception {
    Evaluator backend = TwoBackends.dl4j();
    String here = ResultDigest.of(backend) + " " + backend.description();

    for (String threads : List.of("1", "1", "2")) {
      ChildJvm child = digest("dl4j", List.of(), Map.of("OMP_NUM_THREADS", threads));
      assertThat(child.out().strip()).as("OMP_NUM_THREADS=%s; stderr: %s", threads, child.err()).isEqualTo(here);
    }
  }

  private static ChildJvm digest(String id, List<String> options, Map<String, String> environment) throws Exception {
    ChildJvm child = ChildJvm.run(ChildJvm.classPath(), options, environment, ResultDigest.class, id);
    assertThat(child.exitCode()).as(child.err()).isZero();
    return child;
  }
}

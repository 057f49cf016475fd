package io.github.deltapair.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ND4J's native libraries missing or built for another platform, for real: a child JVM runs
 * {@link EvaluateOnDl4j} on this test class path with the linux-x86_64 native jars removed or
 * swapped for the linux-arm64 ones, and must print one clear line naming the dependency to add
 * (nd4j-native with its classifier, javacpp.platform) instead of ND4J's UnsatisfiedLinkError and
 * NoClassDefFoundError stack traces. Linux x86_64 only (the class path holds that platform's jars).
 */
@DisplayName("ND4J's native libraries missing or for the wrong platform: one clear line, no stack trace")
class NativeLibraryFailureTest {

  private static final String X86 = "linux-x86_64";
  private static final String ARM = "linux-arm64";

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  @DisplayName("Without nd4j-native's linux-x86_64 jar, evaluating on dl4j fails with one line naming nd4j-native, the classifier and javacpp.platform")
  void nd4jNativeJarMissing() throws Exception {
    List<String> classPath = x86ClassPath().stream()
        .filter(entry -> !(name(entry).startsWith("nd4j-native-") && name(entry).endsWith("-" + X86 + ".jar")))
        .toList();
    assertOneClearLine(runChild(classPath), "jnind4jcpu");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  @DisplayName("Without OpenBLAS's linux-x86_64 jar, the same one line, quoting the missing library")
  void openblasJarMissing() throws Exception {
    List<String> classPath = x86ClassPath().stream()
        .filter(entry -> !(name(entry).startsWith("openblas-") && name(entry).endsWith("-" + X86 + ".jar")))
        .toList();
    assertOneClearLine(runChild(classPath), "openblas");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  @DisplayName("With the linux-arm64 native jars in place of the linux-x86_64 ones (wrong platform), the same one line")
  void wrongPlatformJars() throws Exception {
    List<String> classPath = new ArrayList<>();
    int swapped = 0;
    for (String entry : x86ClassPath()) {
      String arm = entry.replace("-" + X86 + ".jar", "-" + ARM + ".jar");
      if (!arm.equals(entry) && (name(entry).startsWith("nd4j-native-") || name(entry).startsWith("openblas-"))) {
        assumeTrue(Files.isRegularFile(Path.of(arm)),
            () -> "skipped: " + arm + " is not in the local Maven repository; fetch it with"
                + " mvn dependency:get -Dartifact=<groupId>:<artifactId>:<version>:jar:" + ARM);
        classPath.add(arm);
        swapped++;
      } else {
        classPath.add(entry);
      }
    }
    assertThat(swapped).as("nd4j-native and openblas linux-x86_64 jars swapped").isGreaterThanOrEqualTo(2);
    assertOneClearLine(runChild(classPath), "Could not find");
  }

  private static List<String> x86ClassPath() {
    List<String> classPath = ChildJvm.classPath();
    assumeTrue(classPath.stream().anyMatch(e -> name(e).startsWith("nd4j-native-") && name(e).endsWith(X86 + ".jar")),
        "skipped: the test class path holds no nd4j-native linux-x86_64 jar (not a Linux x86_64 build)");
    return classPath;
  }

  private static ChildJvm runChild(List<String> classPath) throws Exception {
    return ChildJvm.run(classPath, List.of("-XX:TieredStopAtLevel=1"), Map.of("OMP_NUM_THREADS", "1"),
        EvaluateOnDl4j.class);
  }

  private static void assertOneClearLine(ChildJvm child, String cause) {
    String context = "child stdout:\n" + child.out() + "\nchild stderr:\n" + child.err();
    assertThat(child.exitCode()).as(context).isEqualTo(3);
    assertThat(child.out().strip()).as(context)
        .doesNotContain("\n")
        .startsWith("error: The dl4j backend could not start ND4J")
        .contains("org.nd4j:nd4j-native:")
        .contains("<classifier>" + X86 + "</classifier>")
        .contains("-Djavacpp.platform=" + X86)
        .contains("UnsatisfiedLinkError")
        .contains(cause)
        .contains("-Ddeltapair.backend=native");
    assertThat(child.err()).as(context)
        .doesNotContain("UnsatisfiedLinkError")
        .doesNotContain("NoClassDefFoundError")
        .doesNotContain("ExceptionInInitializerError")
        .doesNotContainPattern("\\tat [\\w.$]+\\(");
  }

  private static String name(String entry) {
    return Path.of(entry).getFileName().toString();
  }
}

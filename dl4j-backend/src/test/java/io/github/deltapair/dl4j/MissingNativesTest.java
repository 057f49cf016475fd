package io.github.deltapair.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Without ND4J's native libraries, the first touch of {@code Nd4j} throws {@code
 * ExceptionInInitializerError} (cause: "ND4J is probably missing dependencies", cause: {@code
 * UnsatisfiedLinkError: no jnind4jcpu}) and every later one {@code NoClassDefFoundError: Could not
 * initialize class org.nd4j.linalg.factory.Nd4j}. Those are injected here through the runtime's
 * start action, as recorded from a class path without the native jar.
 */
@DisplayName("If ND4J's native libraries cannot load, every call gives one clear message")
class MissingNativesTest {

  private static final String NO_JNI = "no jnind4jcpu in java.library.path: /usr/java/packages/lib";

  /** Fails like ND4J without its native jar: first the initialiser error, then NoClassDefFoundError. */
  private static Runnable missingNatives(AtomicInteger calls) {
    return () -> {
      if (calls.getAndIncrement() == 0) {
        throw new ExceptionInInitializerError(new RuntimeException(
            "ND4J is probably missing dependencies. For more information, please refer to:"
                + " https://deeplearning4j.konduit.ai/nd4j/backend",
            new UnsatisfiedLinkError(NO_JNI)));
      }
      throw new NoClassDefFoundError("Could not initialize class org.nd4j.linalg.factory.Nd4j");
    };
  }

  @Test
  @DisplayName("The failure becomes an IllegalStateException naming nd4j-native, its classifier and javacpp.platform")
  void failureNamesTheFix() {
    Nd4jRuntime runtime = new Nd4jRuntime(missingNatives(new AtomicInteger()));

    Throwable thrown = catchThrowable(runtime::ensureStarted);

    assertThat(thrown).isInstanceOf(IllegalStateException.class);
    assertThat(thrown.getMessage())
        .contains("org.nd4j:nd4j-native:" + Dl4jBackend.ND4J_VERSION)
        .contains("<classifier>" + Nd4jRuntime.platform() + "</classifier>")
        .contains("-Djavacpp.platform=" + Nd4jRuntime.platform())
        .contains("UnsatisfiedLinkError: " + NO_JNI)
        .doesNotContain("\n");
    assertThat(thrown.getCause()).isInstanceOf(ExceptionInInitializerError.class);
  }

  @Test
  @DisplayName("Later calls repeat the same message instead of ND4J's NoClassDefFoundError, without retrying")
  void laterCallsRepeatTheMessage() {
    AtomicInteger calls = new AtomicInteger();
    Nd4jRuntime runtime = new Nd4jRuntime(missingNatives(calls));

    Throwable first = catchThrowable(runtime::ensureStarted);
    Throwable second = catchThrowable(runtime::ensureStarted);

    assertThat(second).isInstanceOf(IllegalStateException.class).hasMessage(first.getMessage());
    assertThat(calls).hasValue(1);
  }

  @Test
  @DisplayName("A successful start runs once")
  void successRunsOnce() {
    AtomicInteger calls = new AtomicInteger();
    Nd4jRuntime runtime = new Nd4jRuntime(calls::incrementAndGet);

    runtime.ensureStarted();
    runtime.ensureStarted();

    assertThat(calls).hasValue(1);
  }

  @Test
  @DisplayName("The platform is named as JavaCPP names it, e.g. linux-x86_64")
  void platformUsesJavacppNames() {
    assertThat(Nd4jRuntime.platform()).matches("[a-z]+-[a-z0-9_]+");
    if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")) {
      assertThat(Nd4jRuntime.platform()).isEqualTo("linux-x86_64");
    }
  }
}

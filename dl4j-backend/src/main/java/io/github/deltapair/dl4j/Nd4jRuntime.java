package io.github.deltapair.dl4j;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts ND4J once, on first use, and turns a failure to load its native libraries into one
 * {@link IllegalStateException} that names the dependency to add. The failure is remembered, so
 * later calls repeat the same message instead of ND4J's {@code NoClassDefFoundError}.
 */
final class Nd4jRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(Nd4jRuntime.class);

  private static final Nd4jRuntime ND4J = new Nd4jRuntime(Nd4jRuntime::loadNd4j);

  private final Runnable start;
  private volatile boolean started;
  private IllegalStateException failure;

  /** A runtime whose first {@link #ensureStarted()} runs {@code start}; the seam tests use. */
  Nd4jRuntime(Runnable start) {
    this.start = start;
  }

  /** Starts ND4J if it has not started yet. */
  static void require() {
    ND4J.ensureStarted();
  }

  /**
   * Runs the start action once; after a failure, throws the same message on every call.
   *
   * @throws IllegalStateException if ND4J cannot start, naming the dependency or classifier to add
   */
  void ensureStarted() {
    if (started) {
      return;
    }
    synchronized (this) {
      if (started) {
        return;
      }
      if (failure == null) {
        long begin = System.nanoTime();
        try {
          start.run();
          started = true;
          LOG.info("dl4j backend: ND4J started in {} ms", (System.nanoTime() - begin) / 1_000_000);
          return;
        } catch (LinkageError | RuntimeException e) {
          failure = unavailable(e);
        }
      }
      throw new IllegalStateException(failure.getMessage(), failure.getCause());
    }
  }

  /** The message for an ND4J that could not start, quoting the innermost cause. */
  static IllegalStateException unavailable(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String platform = platform();
    return new IllegalStateException(
        "The dl4j backend could not start ND4J " + Dl4jBackend.ND4J_VERSION + ": its native"
            + " libraries for this platform (" + platform + ") did not load ("
            + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + "). Add"
            + " org.nd4j:nd4j-native:" + Dl4jBackend.ND4J_VERSION + " with the classifier "
            + platform + " (<classifier>" + platform + "</classifier>), or build with"
            + " -Djavacpp.platform=" + platform + " (platforms: linux-x86_64, linux-arm64,"
            + " macosx-x86_64, windows-x86_64); or use the native backend (-Ddeltapair.backend=native)",
        thrown);
  }

  /** The JavaCPP platform name of this JVM, e.g. {@code linux-x86_64}. */
  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName = os.startsWith("mac") || os.startsWith("darwin") ? "macosx"
        : os.startsWith("windows") ? "windows" : os.isEmpty() ? "unknown" : os.split("\\s")[0];
    String archName = switch (arch) {
      case "amd64", "x86_64", "x86-64" -> "x86_64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
    return osName + "-" + archName;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /** Touching {@link Nd4j} runs its static initialiser, which loads the native libraries. */
  private static void loadNd4j() {
    Nd4j.getBackend();
  }
}

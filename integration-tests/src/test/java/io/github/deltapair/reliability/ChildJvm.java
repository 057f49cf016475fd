package io.github.deltapair.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a main class of the test sources in a fresh JVM, on this JVM's class path or a variant of
 * it, and captures what it prints. Output goes through files, so a chatty child cannot block.
 *
 * @param exitCode the child's exit code
 * @param out its standard output
 * @param err its standard error
 */
record ChildJvm(int exitCode, String out, String err) {

  private static final long TIMEOUT_SECONDS = 120;

  /** This JVM's class path entries (surefire sets java.class.path to the test class path). */
  static List<String> classPath() {
    return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
  }

  /** The class path without the entries whose file name matches {@code drop}. */
  static List<String> classPathWithout(Predicate<String> drop) {
    return classPath().stream().filter(entry -> !drop.test(Path.of(entry).getFileName().toString())).toList();
  }

  /**
   * Runs {@code mainClass} with {@code args}.
   *
   * @param classPath the child's class path
   * @param jvmOptions options before the main class
   * @param environment variables added to this process's environment
   * @throws IllegalStateException if the child does not end within the timeout (it is killed)
   */
  static ChildJvm run(List<String> classPath, List<String> jvmOptions, Map<String, String> environment,
      Class<?> mainClass, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("child-out", ".txt");
    Path err = Files.createTempFile("child-err", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process child = builder.start();
      if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new IllegalStateException("child JVM did not finish in " + TIMEOUT_SECONDS + " s: " + command);
      }
      return new ChildJvm(child.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}

package io.github.deltapair.benchmarks;

import io.github.deltapair.nativebackend.NativeBackend;

/** The native backend of a benchmark fork, on the path its {@code backend} parameter names. */
final class NativeForks {

  private NativeForks() {}

  /**
   * The native backend for {@code "native"} (scalar kernels) or {@code "native-vector"} (Vector
   * API kernels). The path is read once per JVM, by the first backend created, so this must run
   * before any other in the fork.
   *
   * @throws IllegalArgumentException for another name
   * @throws IllegalStateException if the fork had already chosen the other path
   */
  static NativeBackend create(String backend, String benchmark) {
    boolean vector = switch (backend) {
      case "native" -> false;
      case "native-vector" -> true;
      default -> throw new IllegalArgumentException(
          benchmark + " measures native or native-vector, not " + backend);
    };
    System.setProperty("deltapair.native.vector", Boolean.toString(vector));
    NativeBackend created = new NativeBackend();
    if (created.description().contains("Vector API") != vector) {
      throw new IllegalStateException("the native backend chose '" + created.description()
          + "' but this fork measures " + backend
          + ": run with forks (-f 1 or more), one JVM per backend");
    }
    return created;
  }
}

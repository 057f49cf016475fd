/**
 * The {@code native} backend: plain-Java fused, numerically stable kernels for every pair.
 *
 * <p>{@code jdk.incubator.vector} is optional ({@code requires static}): the Vector API kernels run
 * only when the JVM resolves it ({@code --add-modules jdk.incubator.vector}); without it the
 * scalar kernels run and nothing of the incubator module is loaded.
 *
 * @provides io.github.deltapair.spi.Backend
 */
module io.github.deltapair.nativebackend {
  requires transitive io.github.deltapair;
  requires static jdk.incubator.vector;

  provides io.github.deltapair.spi.Backend with io.github.deltapair.nativebackend.NativeBackend;
}

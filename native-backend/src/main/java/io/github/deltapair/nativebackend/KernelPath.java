package io.github.deltapair.nativebackend;

import io.github.deltapair.Pair;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which fused kernels the built-in canonical pairs run: the Vector API ones when {@code jdk.incubator.vector} is in
 * the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and the
 * system property {@value #PROPERTY} is not {@code false}; plain scalar Java otherwise. Decided
 * once, when the first {@link NativeBackend} is created, and logged at INFO.
 */
final class KernelPath {

  /** {@code -Ddeltapair.native.vector=false} keeps the scalar kernels even with the module. */
  static final String PROPERTY = "deltapair.native.vector";

  /**
   * {@code -Ddeltapair.native.parallelThreshold=N}: batches of at least N elements run their row
   * blocks in parallel, for every kernel (by default each kernel has its own threshold: {@link
   * #defaultParallelThreshold}).
   */
  static final String PARALLEL_PROPERTY = "deltapair.native.parallelThreshold";

  /**
   * Below this many elements an exp/log kernel stays on the caller's thread. Swept on 2 cores
   * (docs/benchmarks.md): splitting paid once a call took about 40–70 µs on one thread with the
   * fork/join pool's workers, and pays earlier with the backend's own helpers.
   */
  static final long DEFAULT_PARALLEL_THRESHOLD = 1L << 14;

  static final String MODULE = "jdk.incubator.vector";
  private static final String VECTOR_KERNELS = "io.github.deltapair.nativebackend.VectorCanonicalKernels";
  private static final String VECTOR_FLOAT32_KERNELS =
      "io.github.deltapair.nativebackend.VectorFloat32Kernels";
  private static final Logger LOG = LoggerFactory.getLogger(NativeBackend.class);

  /** The default choice, made once. */
  static final boolean VECTOR = choose();
  /** {@code -D}{@value #PARALLEL_PROPERTY}, or −1 when not set (or not a whole number). */
  static final long PARALLEL_THRESHOLD = parallelThreshold();

  private KernelPath() {}

  /** Whether the Vector API module is in the boot layer of this JVM. */
  static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule(MODULE).isPresent();
  }

  /**
   * The fused kernels of the built-in canonical pairs, scalar or vector.
   *
   * @throws IllegalStateException if {@code vector} is asked for without the module
   */
  static Map<Pair, FusedKernel> fusedKernels(boolean vector) {
    return vector ? vectorTable(VECTOR_KERNELS, "all") : CanonicalKernels.all();
  }

  /**
   * The kernels that read class-index labels directly, scalar or vector.
   *
   * @throws IllegalStateException if {@code vector} is asked for without the module
   */
  static Map<Pair, LabelKernel> labelKernels(boolean vector) {
    return vector ? vectorTable(VECTOR_KERNELS, "labelKernels") : LabelKernels.all();
  }

  /**
   * The fused kernels under options, scalar or vector.
   *
   * @throws IllegalStateException if {@code vector} is asked for without the module
   */
  static Map<Pair, OptionsKernel> optionKernels(boolean vector) {
    return vector ? vectorTable(VECTOR_KERNELS, "optionKernels") : OptionKernels.all();
  }

  /**
   * The fused float32 kernels on dense targets ({@code labels} false) or class-index labels,
   * scalar or vector.
   *
   * @throws IllegalStateException if {@code vector} is asked for without the module
   */
  static Map<Pair, Float32Kernel> float32Kernels(boolean vector, boolean labels) {
    if (!vector) {
      return labels ? Float32Kernels.labelKernels() : Float32Kernels.all();
    }
    return vectorTable(VECTOR_FLOAT32_KERNELS, labels ? "labelKernels" : "all");
  }

  /**
   * The table a vector kernel class's static {@code method} returns, the class reached by name so
   * that no constant pool entry drags it in.
   *
   * @throws IllegalStateException if the module is not present or the class cannot be loaded
   */
  @SuppressWarnings("unchecked")
  private static <K> Map<Pair, K> vectorTable(String className, String method) {
    if (!vectorModulePresent()) {
      throw new IllegalStateException(MODULE + " is not in this JVM's boot layer: start it with"
          + " --add-modules " + MODULE + " to use the vector kernels");
    }
    try {
      return (Map<Pair, K>) Class.forName(className).getDeclaredMethod(method).invoke(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("the vector kernels could not be loaded: " + e, e);
    }
  }

  private static int lanes() {
    try {
      return (int) Class.forName(VECTOR_KERNELS).getDeclaredMethod("lanes").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the vector kernels could not be loaded: " + e, e);
    }
  }

  private static boolean choose() {
    String setting = System.getProperty(PROPERTY, "true").trim().toLowerCase(Locale.ROOT);
    boolean wanted = !setting.equals("false");
    boolean present = vectorModulePresent();
    if (wanted && present) {
      LOG.info("native backend: Vector API kernels ({}, {} float64 lanes) for the canonical pairs;"
          + " -D{}=false selects the scalar ones", MODULE, lanes(), PROPERTY);
      return true;
    }
    if (wanted) {
      LOG.info("native backend: scalar kernels ({} is not in the boot layer; start the JVM with"
          + " --add-modules {} for the faster vector kernels)", MODULE, MODULE);
    } else {
      LOG.info("native backend: scalar kernels (-D{}={})", PROPERTY, setting);
    }
    return false;
  }

  /**
   * The batch size from which a kernel splits its row blocks over two or more threads: four times
   * as large for the memory-bound identity + squared error, which does 4–5× less work per element
   * than an exp-bound kernel. Vector kernels once had twice the scalar threshold, from a sweep with
   * fork/join workers that had to be woken; with helpers that are awake ({@link Helpers}) the
   * vector softmax + cross-entropy on labels at 256x100 (25 600 elements) took 38 µs on one thread
   * and 21 µs split, so they share the scalar one.
   *
   * @param memoryBound whether it is identity + squared error
   */
  static long defaultParallelThreshold(boolean memoryBound) {
    if (PARALLEL_THRESHOLD >= 0) {
      return PARALLEL_THRESHOLD;
    }
    return DEFAULT_PARALLEL_THRESHOLD << (memoryBound ? 2 : 0);
  }

  private static long parallelThreshold() {
    return wholeNumberProperty(PARALLEL_PROPERTY, -1, "the measured defaults");
  }

  /**
   * {@code -Dname} as a whole number of at least 0, or {@code unset} if it is not set or not a whole
   * number (then logged with {@code fallback}, what is used instead).
   */
  static long wholeNumberProperty(String name, long unset, String fallback) {
    String setting = System.getProperty(name);
    if (setting == null) {
      return unset;
    }
    try {
      return Math.max(0, Long.parseLong(setting.trim()));
    } catch (NumberFormatException e) {
      LOG.warn("native backend: -D{}={} is not a whole number; using {}", name, setting, fallback);
      return unset;
    }
  }
}

package io.github.deltapair.nativebackend;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Catalog;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.spi.Backend;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code native} backend: plain-Java float64 and float32 kernels for every pair of the open
 * catalog.
 *
 * <p>The kernel of each built-in pair is chosen once, at construction: the built-in canonical
 * pairs run fused kernels, stable from the logits ({@link CanonicalKernels}, or their Vector API
 * twins when {@code jdk.incubator.vector} is present, see {@link KernelPath}); the other built-in
 * pairs run kernels that compute from the definitions ({@link ChainRuleKernels}, or {@link
 * LogitsFormKernel} for a pair whose loss has a stable form from the logits). Under loss options
 * softmax + cross-entropy and sigmoid + binary cross-entropy run fused kernels ({@link
 * OptionKernels}), the other pairs their definitions, in the same row blocks. These kernels check
 * the input rules inline, read from the definitions, so {@link #checksInputs} is true for them and
 * the {@link io.github.deltapair.Evaluator} skips its own pass. Any other pair (a third party's
 * definition) runs {@link Pair#lossOfRows}, the generic path from the definitions, and the
 * evaluator validates it.
 *
 * <p>float32 batches (docs/contract.md §2c) on dense targets without options are computed here
 * ({@link #computesFloat32}): identity + squared error, sigmoid + binary cross-entropy and
 * softmax + cross-entropy by fused float32 kernels ({@link Float32Kernels}, or their Vector API
 * twins with twice the lanes), every other pair by its float64 kernel on widened blocks ({@link
 * WideningKernel}); on class-index labels, softmax + cross-entropy and softmax + kl-divergence run
 * a fused float32 label kernel. The other float32 calls (options, and labels for other pairs) are
 * widened by the evaluator and run the float64 kernels.
 *
 * <p>Large batches split into blocks of rows that run in parallel with the same bits as on one
 * thread, allocating nothing per call (each calling thread keeps reusable tasks: {@link
 * RowSplit}). Thread-safe, and stateless but for a bounded cache of the kernels chosen for pairs
 * outside the built-in defaults; reads {@code z} and {@code y}, writes only the output batch it is
 * given.
 */
public final class NativeBackend implements Backend {

  /** This backend's id: {@value}. */
  public static final String ID = "native";

  private final boolean vector;
  /** A threshold for every kernel, or −1 for each kernel's default. */
  private final long parallelThreshold;
  /** The kernel of every built-in pair with default parameters, chosen at construction. */
  private final Map<Pair, KernelChoice> builtIns;
  /**
   * Kernels of the other pairs (built-ins with other parameters, plugins), chosen on first use and
   * kept, so a repeated call allocates nothing; bounded, because parameters are user input.
   */
  private final Map<Pair, KernelChoice> others = new ConcurrentHashMap<>();

  private static final int MAX_OTHERS = 256;

  /**
   * The pairs whose class-index labels run a kernel that reads them directly ({@link
   * LabelKernels}, or their vector twins), chosen at construction.
   */
  private final Map<Pair, LabelKernel> labelKernels;

  /** The parallel threshold of the label kernels. */
  private final long labelThreshold;

  /** The float32 label kernels, chosen at construction (the dense ones are in {@link KernelChoice}). */
  private final Map<Pair, Float32Kernel> float32LabelKernels;

  /**
   * Creates the backend with the kernels chosen at start-up ({@link java.util.ServiceLoader}
   * calls this): vector ones when {@code jdk.incubator.vector} is present, unless {@code
   * -Ddeltapair.native.vector=false}.
   */
  public NativeBackend() {
    this(KernelPath.VECTOR, -1);
  }

  /**
   * A backend on a given kernel path (tests and benchmarks).
   *
   * @param vector whether the built-in canonical pairs use the Vector API kernels
   * @param parallelThreshold batches of at least this many elements run row blocks in parallel,
   *     for every kernel; negative for each kernel's default ({@link
   *     KernelPath#defaultParallelThreshold})
   * @throws IllegalStateException if {@code vector} and the module is not present
   */
  NativeBackend(boolean vector, long parallelThreshold) {
    this.vector = vector;
    this.parallelThreshold = parallelThreshold;
    Map<Pair, FusedKernel> fused = KernelPath.fusedKernels(vector);
    Map<Pair, OptionsKernel> withOptions = KernelPath.optionKernels(vector);
    Map<Pair, Float32Kernel> float32 = KernelPath.float32Kernels(vector, false);
    Map<Pair, KernelChoice> chosen = new HashMap<>();
    for (Pair pair : Catalog.builtIns().pairs()) {
      FusedKernel kernel = fused.get(pair);
      OptionsKernel options = withOptions.get(pair);
      chosen.put(pair, kernel == null ? fromDefinitions(pair)
          : new KernelChoice(kernel.kernel(), threshold(kernel.memoryBound()), true,
              options == null ? pair::lossOfRows : options,
              Optional.ofNullable(float32.get(pair))
                  .orElseGet(() -> new WideningKernel(pair, kernel.kernel()))));
    }
    this.builtIns = Map.copyOf(chosen);
    this.labelKernels = KernelPath.labelKernels(vector);
    this.labelThreshold = threshold(false);
    this.float32LabelKernels = KernelPath.float32Kernels(vector, true);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "plain-Java float64 and float32 kernels: fused stable canonical pairs, chain rule from"
        + " the definitions otherwise (" + (vector ? "Vector API" : "scalar") + ")";
  }

  /** Whether the built-in canonical pairs run the Vector API kernels. */
  boolean usesVectorKernels() {
    return vector;
  }

  /** Every pair: built-ins through their own kernels, any other through its definitions. */
  @Override
  public boolean supports(Pair pair) {
    return true;
  }

  /**
   * True for the built-in definitions, whose kernels check every input rule inline and return NaN
   * where one is broken or a delta is not finite; false for a third party's, which run {@link
   * Pair#lossOfRows} and leave validation to the evaluator.
   */
  @Override
  public boolean checksInputs(Pair pair) {
    return choose(pair).checksInputs();
  }

  /**
   * As {@link Backend#checksInputs(Pair, Targets, Options)}, and also for sigmoid + binary
   * cross-entropy under options on dense targets, whose fused option kernels check every logit and
   * target they read.
   */
  @Override
  public boolean checksInputs(Pair pair, Targets targets, Options options) {
    return Backend.super.checksInputs(pair, targets, options)
        || (targets instanceof Batch && pair.equals(CHECKED_OPTION_PAIR));
  }

  private static final Pair CHECKED_OPTION_PAIR = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);

  /**
   * True without options for dense targets (every pair) and for class-index labels with softmax +
   * cross-entropy or softmax + kl-divergence; false under options and for the other pairs' labels,
   * which the evaluator widens to float64 copies.
   */
  @Override
  public boolean computesFloat32(Pair pair, Targets targets, Options options) {
    return options.isNone()
        && (targets instanceof Batch || float32LabelKernels.containsKey(pair));
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    if (z.precision() == Precision.FLOAT32) {
      return compute(pair, z, y, Options.NONE, reduction, deltaOut, null);
    }
    KernelChoice choice = choose(pair);
    return RowBlocks.run(choice.kernel(), z.array(), y.array(), z.rows(), z.cols(),
        reduction.scale(z.rows()), deltaOut.array(), null, choice.parallelThreshold());
  }

  /**
   * Every target kind, option and reduction in this backend's row blocks (the same blocks, and the
   * same bits, on one thread or many):
   *
   * <ul>
   *   <li>no options, dense targets: the pair's kernel, writing each row's {@code ℓ_i} as it goes
   *       when example losses are asked for (the sum and delta have the same bits either way);
   *   <li>no options, labels: softmax + cross-entropy and softmax + kl-divergence (on one-hot rows
   *       the same loss) run a fused kernel that reads the labels directly, never building one-hot
   *       rows; ignored rows are neither read nor computed. Other pairs take the default of {@link
   *       Backend} (their checking dense kernel on one-hot rows);
   *   <li>options: softmax + cross-entropy and sigmoid + binary cross-entropy run fused kernels
   *       ({@link OptionKernels}), every other pair its definitions ({@link Pair#lossOfRows(Batch,
   *       Targets, Options, int, int, double, double[], double[])});
   *   <li>float32 batches, where {@link #computesFloat32} is true: the pair's float32 kernel.
   * </ul>
   */
  @Override
  public double compute(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch deltaOut, double[] exampleLosses) {
    double scale = reduction.scale(targets, options);
    if (z.precision() == Precision.FLOAT32 && computesFloat32(pair, targets, options)) {
      if (targets instanceof Batch) {
        KernelChoice choice = choose(pair);
        return RowBlocks.run(choice.float32(), z.floatArray(), targets, z.rows(), z.cols(), scale,
            deltaOut.floatArray(), exampleLosses, choice.parallelThreshold());
      }
      return RowBlocks.run(float32LabelKernels.get(pair), z.floatArray(), targets, z.rows(),
          z.cols(), scale, deltaOut.floatArray(), exampleLosses, labelThreshold);
    }
    if (!options.isNone()) {
      KernelChoice choice = choose(pair);
      return RowBlocks.run(choice.options(), z, targets, options, scale, deltaOut.array(),
          exampleLosses, choice.parallelThreshold());
    }
    if (targets instanceof Batch y) {
      KernelChoice choice = choose(pair);
      return RowBlocks.run(choice.kernel(), z.array(), y.array(), z.rows(), z.cols(), scale,
          deltaOut.array(), exampleLosses, choice.parallelThreshold());
    }
    LabelKernel kernel = labelKernels.get(pair);
    if (kernel != null) {
      return RowBlocks.run(kernel, z.array(), (Labels) targets, z.rows(), z.cols(), scale,
          deltaOut.array(), exampleLosses, labelThreshold);
    }
    return Backend.super.compute(pair, z, targets, options, reduction, deltaOut, exampleLosses);
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    int n = z.cols();
    double[] zs = z.array();
    double[] as = out.array();
    // a = f(z), row by row, by the activation's own definition
    for (int base = 0; base < zs.length; base += n) {
      activation.forwardRow(zs, as, base, n);
    }
  }

  @Override
  public String toString() {
    return "NativeBackend[" + ID + ", " + (vector ? "vector" : "scalar") + "]";
  }

  /** The kernel chosen at construction, or one from the definitions for any other pair. */
  private KernelChoice choose(Pair pair) {
    KernelChoice choice = builtIns.get(pair);
    if (choice != null) {
      return choice;
    }
    choice = others.get(pair);
    if (choice == null) {
      choice = fromDefinitions(pair);
      if (others.size() < MAX_OTHERS) {
        others.putIfAbsent(pair, choice);
      }
    }
    return choice;
  }

  /**
   * A built-in pair without a fused kernel: its logits form if it has one, else the chain rule,
   * both checking inline; any other pair: the generic {@link Pair#lossOfRows}.
   */
  private KernelChoice fromDefinitions(Pair pair) {
    long threshold = threshold(false);
    if (!Catalog.isBuiltIn(pair)) {
      BlockKernel kernel = new DefinitionKernel(pair);
      return new KernelChoice(kernel, threshold, false, pair::lossOfRows,
          new WideningKernel(pair, kernel));
    }
    BlockKernel kernel = pair.logitsForm()
        .<BlockKernel>map(form -> new LogitsFormKernel(pair, form))
        .orElseGet(() -> ChainRuleKernels.of(pair));
    return new KernelChoice(kernel, threshold, true, pair::lossOfRows,
        new WideningKernel(pair, kernel));
  }

  private long threshold(boolean memoryBound) {
    return parallelThreshold >= 0 ? parallelThreshold
        : KernelPath.defaultParallelThreshold(memoryBound);
  }
}

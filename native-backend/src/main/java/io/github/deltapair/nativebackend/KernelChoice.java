package io.github.deltapair.nativebackend;

/**
 * The kernels {@link NativeBackend} runs for one pair, chosen from the pair's definition.
 *
 * @param kernel the block kernel for dense targets without options
 * @param parallelThreshold batches of at least this many elements run their row blocks in parallel
 * @param checksInputs whether the kernel checks every input rule inline and returns NaN where one
 *     is broken or a delta is not finite (see {@link io.github.deltapair.spi.Backend#checksInputs})
 * @param options the kernel under options: a fused one for the pairs that have it, else the
 *     pair's own {@link io.github.deltapair.Pair#lossOfRows(io.github.deltapair.Batch,
 *     io.github.deltapair.Targets, io.github.deltapair.Options, int, int, double, double[],
 *     double[])}
 * @param float32 the kernel for float32 batches on dense targets without options: a fused one for
 *     the pairs that have it, else {@link WideningKernel} around {@code kernel}
 */
record KernelChoice(BlockKernel kernel, long parallelThreshold, boolean checksInputs,
    OptionsKernel options, Float32Kernel float32) {}

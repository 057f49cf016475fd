package io.github.deltapair.nativebackend;

/**
 * The kernel {@link NativeBackend} runs for one pair, chosen from the pair's definition.
 *
 * @param kernel the block kernel
 * @param parallelThreshold batches of at least this many elements run their row blocks in parallel
 * @param checksInputs whether the kernel checks every input rule inline and returns NaN where one
 *     is broken or a delta is not finite (see {@link io.github.deltapair.spi.Backend#checksInputs})
 */
record KernelChoice(BlockKernel kernel, long parallelThreshold, boolean checksInputs) {}

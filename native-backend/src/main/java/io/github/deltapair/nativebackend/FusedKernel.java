package io.github.deltapair.nativebackend;

/**
 * A fused kernel of a built-in canonical pair, with what its parallel threshold depends on.
 *
 * @param kernel the kernel, checking the input rules inline
 * @param memoryBound whether it does so little work per element (identity + squared error) that
 *     it splits over threads only at four times the usual batch size ({@link
 *     KernelPath#defaultParallelThreshold})
 */
record FusedKernel(BlockKernel kernel, boolean memoryBound) {}

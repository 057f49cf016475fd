package io.github.deltapair.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a kernel computes for one batch, before the reduction.
 *
 * @param exampleLosses the {@code m × 1} column of per-example losses {@code ℓ_i}
 * @param delta the {@code m × n} per-example deltas {@code ∂ℓ_i/∂z_i} (the SUM delta)
 */
record Evaluated(INDArray exampleLosses, INDArray delta) {}

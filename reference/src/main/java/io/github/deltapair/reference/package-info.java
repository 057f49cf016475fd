/**
 * deltapair's independent float64 reference: the {@link io.github.deltapair.reference.ReferenceOracle}
 * (its own formulas for every built-in pair, never the definitions it judges, with Kahan-summed
 * reductions; a float32 batch is read as its exact float64 widening), the seeded input generators
 * ({@link io.github.deltapair.reference.Inputs}, {@link io.github.deltapair.reference.ExtremeSamples};
 * samples round to float32 through {@link io.github.deltapair.reference.Sample#in}), the pairs
 * compared by default ({@link io.github.deltapair.reference.DefaultPairs}), the catalog of inputs the
 * contract rejects ({@link io.github.deltapair.reference.BadInputs}, in float64 and float32) and the
 * {@link io.github.deltapair.reference.Tolerances} of the contract for each precision. The
 * conformance kit and the command-line tool both use it, so they cannot drift; it has no test
 * framework.
 */
package io.github.deltapair.reference;

/**
 * The {@code native} backend: plain-Java float64 and float32 kernels for every pair of the open
 * catalog.
 *
 * <p>Built-in canonical pairs run one fused, numerically stable pass from the logits (docs/contract.md §3);
 * other built-in pairs compute {@code a = f(z)}, {@code g = ∂ℓ/∂a} and {@code δ = g ⊙ f'(z)} (or
 * the row-wise vector-Jacobian product) from the definitions, or the loss's stable logits form;
 * all of them check the input rules inline, read from the definitions. Third-party pairs run the
 * generic path from their definitions. Losses are summed with Neumaier compensation. float32
 * batches run fused float32 kernels for the most used canonical pairs and the float64 kernels on
 * widened blocks for the rest, their losses summed in float64.
 */
package io.github.deltapair.nativebackend;

/**
 * The {@code native} backend: plain-Java float64 kernels for every pair of the catalog.
 *
 * <p>Matched pairs run one fused, numerically stable pass from the logits (DESIGN §3); chain-rule
 * pairs compute {@code a = f(z)}, {@code g = ∂ℓ/∂a} and {@code δ = g ⊙ f'(z)} (or the softmax
 * vector-Jacobian product). Losses are summed with Neumaier compensation.
 */
package io.github.deltapair.nativebackend;

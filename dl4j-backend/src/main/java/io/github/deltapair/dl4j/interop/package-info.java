/**
 * deltapair pairs inside DeepLearning4J networks: {@link
 * io.github.deltapair.dl4j.interop.DeltaPairLoss} is a DL4J {@code ILossFunction} that computes
 * the loss and the fused, stable output delta of any {@link io.github.deltapair.Pair} through a
 * deltapair backend ({@code native} by default, which {@code deltapair-dl4j} brings; {@code
 * DeltaPairLoss.of(pair, "dl4j")} for ND4J), and {@code DeltaPairLoss.activation()} gives the
 * {@code IActivation} the output layer must use with it. The activations ND4J lacks or computes
 * unstably are here too, public because a layer is built with them and DL4J's JSON names their
 * classes: {@link io.github.deltapair.dl4j.interop.ActivationStableSigmoid}, {@link
 * io.github.deltapair.dl4j.interop.ActivationExp}, {@link
 * io.github.deltapair.dl4j.interop.ActivationStableSoftmax} and {@link
 * io.github.deltapair.dl4j.interop.ActivationStableSoftplus}, and {@link
 * io.github.deltapair.dl4j.interop.ActivationFromDefinition} computes any other activation of the
 * catalog (a third-party plugin's) from its definition. All of them serialize with DL4J's JSON
 * configuration and {@code ModelSerializer}. {@link io.github.deltapair.dl4j.interop.StableOps} is
 * public for the dl4j backend only and is not API; every other type here is package-private.
 */
package io.github.deltapair.dl4j.interop;

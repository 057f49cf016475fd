/**
 * deltapair pairs inside DeepLearning4J networks: {@link
 * io.github.deltapair.dl4j.interop.DeltaPairLoss} is a DL4J {@code ILossFunction} that computes
 * the loss and the fused, stable output delta of any {@link io.github.deltapair.Pair} through a
 * deltapair backend, and {@link io.github.deltapair.dl4j.interop.MatchingActivations} gives the
 * {@code IActivation} the output layer must use with it. The activations ND4J lacks or computes
 * unstably are here too: {@link io.github.deltapair.dl4j.interop.ActivationExp}, {@link
 * io.github.deltapair.dl4j.interop.ActivationStableSoftmax} and {@link
 * io.github.deltapair.dl4j.interop.ActivationStableSoftplus}, and {@link
 * io.github.deltapair.dl4j.interop.ActivationFromDefinition} computes any other activation of the
 * catalog (a third-party plugin's) from its definition. All of them serialize with DL4J's JSON
 * configuration and {@code ModelSerializer}.
 */
package io.github.deltapair.dl4j.interop;

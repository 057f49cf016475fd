package io.github.deltapair.dl4j;

import io.github.deltapair.Activation;
import java.util.EnumMap;
import java.util.Map;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The ND4J {@link IActivation} for each activation of the catalog: ND4J's own for identity,
 * sigmoid, tanh and relu (forward and {@code backprop} meet the contract), and subclasses or
 * replacements where they do not (softmax, softplus, exp). All are stateless and shared.
 *
 * <p>Like every ND4J activation, {@code getActivation(in, …)} and {@code backprop(in, …)} may
 * overwrite {@code in}: callers pass a copy.
 */
final class Nd4jActivations {

  private static final Map<Activation, IActivation> BY_ACTIVATION = build();

  private Nd4jActivations() {}

  /** The ND4J activation computing {@code f}. */
  static IActivation of(Activation f) {
    return BY_ACTIVATION.get(f);
  }

  private static Map<Activation, IActivation> build() {
    Map<Activation, IActivation> map = new EnumMap<>(Activation.class);
    map.put(Activation.IDENTITY, new ActivationIdentity());
    map.put(Activation.SIGMOID, new ActivationSigmoid());
    map.put(Activation.TANH, new ActivationTanH());
    map.put(Activation.RELU, new ActivationReLU());
    map.put(Activation.SOFTMAX, new RowStableSoftmax());
    map.put(Activation.SOFTPLUS, new StableSoftplus());
    map.put(Activation.EXP, new ExpActivation());
    return map;
  }
}

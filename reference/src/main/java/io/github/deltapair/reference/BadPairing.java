package io.github.deltapair.reference;

import io.github.deltapair.Activation;
import io.github.deltapair.Loss;

/**
 * An activation and a loss whose domains do not fit, so {@code new Pair(activation, loss)} must
 * throw (see {@link BadInputs#pairings()}).
 *
 * @param activation the activation
 * @param loss the loss
 * @param rule why they do not fit, in words
 */
public record BadPairing(Activation activation, Loss loss, String rule) {

  @Override
  public String toString() {
    return activation.id() + " + " + loss.name() + ": " + rule;
  }
}

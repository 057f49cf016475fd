package io.github.deltapair.reference;

/**
 * A loss name that {@link io.github.deltapair.Loss#fromId} must reject (see {@link
 * BadInputs#lossNames()}), and the word its message must contain: the parameter at fault, or the
 * name itself.
 *
 * @param name the name as a user would write it
 * @param mentions what the rejection message must contain
 */
public record BadLossName(String name, String mentions) {

  @Override
  public String toString() {
    return "'" + name + "'";
  }
}

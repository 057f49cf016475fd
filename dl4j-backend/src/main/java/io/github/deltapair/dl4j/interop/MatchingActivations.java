package io.github.deltapair.dl4j.interop;

import io.github.deltapair.Activation;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The DL4J {@link IActivation} that computes each deltapair {@link Activation} at the output layer:
 * one entry per built-in, chosen once; any other activation of the catalog (a third-party
 * plugin's) is {@link ActivationFromDefinition}, computed from its definition. The dl4j backend
 * keeps the same table for the built-ins it computes ({@code io.github.deltapair.dl4j.BuiltInActivations},
 * checked against this one by its tests); users reach this one through {@link
 * DeltaPairLoss#activation()}.
 *
 * <table>
 *   <caption>deltapair activation → DL4J activation</caption>
 *   <tr><th>deltapair</th><th>DL4J</th></tr>
 *   <tr><td>identity</td><td>ND4J {@link ActivationIdentity}</td></tr>
 *   <tr><td>sigmoid</td><td>{@link ActivationStableSigmoid} (ND4J's {@link ActivationSigmoid}
 *   returns 0 below z ≈ −709.78; it is accepted as a layer activation too)</td></tr>
 *   <tr><td>softmax</td><td>{@link ActivationStableSoftmax} (ND4J's subtracts the global max)</td></tr>
 *   <tr><td>tanh</td><td>ND4J {@link ActivationTanH}</td></tr>
 *   <tr><td>exp</td><td>{@link ActivationExp} (ND4J has none)</td></tr>
 *   <tr><td>relu</td><td>ND4J {@link ActivationReLU} with default settings</td></tr>
 *   <tr><td>softplus</td><td>{@link ActivationStableSoftplus} (ND4J's overflows)</td></tr>
 * </table>
 */
final class MatchingActivations {

  /**
   * How one built-in maps onto DL4J.
   *
   * @param factory makes the DL4J activation
   * @param alsoAccepted further DL4J classes accepted as the layer's activation
   */
  private record Mapping(Supplier<IActivation> factory, Set<Class<?>> alsoAccepted) {}

  private static final Map<Activation, Mapping> MAPPINGS = Map.of(
      Activation.IDENTITY, new Mapping(ActivationIdentity::new, Set.of()),
      // ND4J's own sigmoid gives the same outputs except 0 for e^z below 1e-308: fine for a layer
      Activation.SIGMOID, new Mapping(ActivationStableSigmoid::new, Set.of(ActivationSigmoid.class)),
      Activation.SOFTMAX, new Mapping(ActivationStableSoftmax::new, Set.of()),
      Activation.TANH, new Mapping(ActivationTanH::new, Set.of()),
      Activation.EXP, new Mapping(ActivationExp::new, Set.of()),
      Activation.RELU, new Mapping(ActivationReLU::new, Set.of()),
      Activation.SOFTPLUS, new Mapping(ActivationStableSoftplus::new, Set.of()));

  private MatchingActivations() {}

  /**
   * A new instance of the DL4J activation for {@code activation}.
   *
   * @throws IllegalArgumentException if {@code activation} is neither a built-in nor in the
   *     discovered catalog
   */
  static IActivation of(Activation activation) {
    return mapping(activation).factory().get();
  }

  /**
   * Whether {@code candidate} is the DL4J activation for {@code activation}: equal to {@link
   * #of(Activation)} (same class and same settings; a leaky or capped ReLU does not match), or of
   * a class the mapping accepts too (ND4J's own {@link ActivationSigmoid} for sigmoid).
   *
   * @throws IllegalArgumentException as {@link #of(Activation)}
   */
  static boolean matches(Activation activation, IActivation candidate) {
    Mapping mapping = mapping(activation);
    return candidate != null
        && (mapping.alsoAccepted().contains(candidate.getClass())
            || mapping.factory().get().equals(candidate));
  }

  private static Mapping mapping(Activation activation) {
    Mapping mapping = MAPPINGS.get(Objects.requireNonNull(activation, "activation"));
    if (mapping != null) {
      return mapping;
    }
    // checked now, so an activation outside the catalog fails here and not when read back
    if (!new ActivationFromDefinition(activation.id()).definition().equals(activation)) {
      throw new IllegalArgumentException("activation '" + activation.id() + "' is not the one the"
          + " catalog holds under that id, so it cannot be serialized by its id");
    }
    return new Mapping(() -> new ActivationFromDefinition(activation.id()), Set.of());
  }
}

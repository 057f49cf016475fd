package io.github.deltapair.dl4j.interop;

import io.github.deltapair.Activation;
import java.util.Objects;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The DL4J {@link IActivation} that computes each deltapair {@link Activation} at the output
 * layer.
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
public final class MatchingActivations {

  private MatchingActivations() {}

  /** A new instance of the DL4J activation for {@code activation}. */
  public static IActivation of(Activation activation) {
    Objects.requireNonNull(activation, "activation");
    return switch (activation) {
      case IDENTITY -> new ActivationIdentity();
      case SIGMOID -> new ActivationStableSigmoid();
      case SOFTMAX -> new ActivationStableSoftmax();
      case TANH -> new ActivationTanH();
      case EXP -> new ActivationExp();
      case RELU -> new ActivationReLU();
      case SOFTPLUS -> new ActivationStableSoftplus();
    };
  }

  /**
   * Whether {@code candidate} is the DL4J activation for {@code activation}: equal to {@link
   * #of(Activation)} (same class and same settings; a leaky or capped ReLU does not match), or, for
   * sigmoid, ND4J's own {@link ActivationSigmoid}.
   */
  public static boolean matches(Activation activation, IActivation candidate) {
    if (activation == Activation.SIGMOID && candidate != null
        && candidate.getClass() == ActivationSigmoid.class) {
      // ND4J's own sigmoid gives the same outputs except 0 for e^z below 1e-308: fine for a layer
      return true;
    }
    return candidate != null && of(activation).equals(candidate);
  }
}

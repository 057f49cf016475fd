package io.github.deltapair.dl4j;

import io.github.deltapair.Activation;
import io.github.deltapair.dl4j.interop.ActivationExp;
import io.github.deltapair.dl4j.interop.ActivationStableSigmoid;
import io.github.deltapair.dl4j.interop.ActivationStableSoftmax;
import io.github.deltapair.dl4j.interop.ActivationStableSoftplus;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The ND4J {@link IActivation} this backend computes each built-in activation with: ND4J's own
 * where it is exact (identity, tanh, relu), the stable ones of the DL4J adapter where ND4J's
 * overflow, subtract the global maximum or are missing (sigmoid, softmax, softplus, exp). The same
 * table as the adapter's (its tests check that {@code DeltaPairLoss.activation()} agrees), kept
 * here because the adapter's is internal to its package.
 */
final class BuiltInActivations {

  private static final Map<Activation, Supplier<IActivation>> FACTORIES = Map.of(
      Activation.IDENTITY, ActivationIdentity::new,
      Activation.SIGMOID, ActivationStableSigmoid::new,
      Activation.SOFTMAX, ActivationStableSoftmax::new,
      Activation.TANH, ActivationTanH::new,
      Activation.EXP, ActivationExp::new,
      Activation.RELU, ActivationReLU::new,
      Activation.SOFTPLUS, ActivationStableSoftplus::new);

  /**
   * The activations a FLOAT kernel may compute: exact in float32 (identity, relu) or bounded by 1
   * (sigmoid, softmax, tanh), so that rounding {@code a} to float32 moves {@code a − y} by at most
   * about 1e-7. exp and softplus are unbounded: where {@code a ≈ y} is large, that rounding alone
   * exceeds the 1e-6 tolerance of docs/contract.md §2c in {@code a − y}.
   */
  private static final Set<Activation> FLOAT32 = Set.of(
      Activation.IDENTITY, Activation.SIGMOID, Activation.SOFTMAX, Activation.TANH, Activation.RELU);

  private BuiltInActivations() {}

  /** Whether a FLOAT kernel may compute {@code activation} (see {@link #FLOAT32}). */
  static boolean holdsFloat32(Activation activation) {
    return FLOAT32.contains(activation);
  }

  /**
   * A new instance of the ND4J activation for the built-in {@code activation}.
   *
   * @throws IllegalArgumentException if {@code activation} is not a built-in
   */
  static IActivation of(Activation activation) {
    Supplier<IActivation> factory = FACTORIES.get(activation);
    if (factory == null) {
      throw new IllegalArgumentException(
          "the dl4j backend has no ND4J activation for '" + activation.id() + "' (not a built-in)");
    }
    return factory.get();
  }
}

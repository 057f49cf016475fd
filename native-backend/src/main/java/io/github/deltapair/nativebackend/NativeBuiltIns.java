package io.github.deltapair.nativebackend;

import io.github.deltapair.Activation;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in definitions, from the api's constants: the pairs whose kernels {@link
 * NativeBackend} chooses once, at construction, and the families (classes) of built-in losses, so
 * that a parameterised built-in such as {@code huber(delta=0.5)} runs the same validating kernels.
 * Definitions from anywhere else run the generic path, {@link Pair#lossOfRows}.
 */
final class NativeBuiltIns {

  private static final List<Activation> ACTIVATIONS = List.of(
      Activation.IDENTITY, Activation.SIGMOID, Activation.SOFTMAX, Activation.TANH,
      Activation.EXP, Activation.RELU, Activation.SOFTPLUS);

  private static final List<Loss> LOSSES = List.of(
      Loss.SQUARED_ERROR, Loss.BINARY_CROSS_ENTROPY, Loss.CROSS_ENTROPY, Loss.POISSON,
      Loss.BIPOLAR_CROSS_ENTROPY, Loss.HUBER, Loss.FOCAL, Loss.KL_DIVERGENCE);

  private static final Set<Class<?>> LOSS_FAMILIES =
      LOSSES.stream().map(Object::getClass).collect(Collectors.toUnmodifiableSet());

  private NativeBuiltIns() {}

  /** Every valid pair of a built-in activation and a built-in loss (default parameters). */
  static List<Pair> all() {
    List<Pair> pairs = new ArrayList<>();
    for (Loss loss : LOSSES) {
      for (Activation f : ACTIVATIONS) {
        if (Pair.fits(f, loss)) {
          pairs.add(Pair.of(f, loss));
        }
      }
    }
    return List.copyOf(pairs);
  }

  /** Whether both halves of {@code pair} are built-in definitions (any parameters). */
  static boolean contains(Pair pair) {
    return ACTIVATIONS.contains(pair.activation()) && LOSS_FAMILIES.contains(pair.loss().getClass());
  }
}

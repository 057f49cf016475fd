package io.github.deltapair.dl4j;

import io.github.deltapair.Activation;
import io.github.deltapair.Catalog;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pairs this backend computes: those of the built-in catalog ({@link Catalog#of} with no
 * provider), whatever their parameters. Built once from the built-in definitions themselves, so a
 * new built-in is covered without an edit here; loads no ND4J class.
 */
final class BuiltInPairs {

  private static final Catalog BUILT_IN = Catalog.of(List.of());

  private static final Set<Activation> ACTIVATIONS = Set.copyOf(BUILT_IN.activations());

  /** The built-in losses' classes: a parameterised built-in ({@code huber(delta=0.5)}) is one class. */
  private static final Set<Class<?>> LOSS_CLASSES =
      BUILT_IN.losses().stream().map(Object::getClass).collect(Collectors.toUnmodifiableSet());

  private BuiltInPairs() {}

  /** Whether {@code pair}'s activation and loss are both built-in definitions. */
  static boolean contains(Pair pair) {
    return ACTIVATIONS.contains(pair.activation()) && isBuiltIn(pair.loss());
  }

  /** Whether {@code loss} is a built-in definition (with any parameters). */
  static boolean isBuiltIn(Loss loss) {
    return LOSS_CLASSES.contains(loss.getClass());
  }
}

package io.github.deltapair.reference;

import io.github.deltapair.Activation;
import io.github.deltapair.Catalog;
import io.github.deltapair.Loss;
import io.github.deltapair.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pairs the conformance kit runs by default, and the tool compares: every discovered pair
 * ({@link Pair#all()}: the built-ins and any plugin's on the class path), then the same activations
 * with non-default parameters of the parameterised losses, so a kernel that ignores a parameter
 * cannot pass.
 */
public final class DefaultPairs {

  /** Non-default parameterisations of the built-in losses, as users write them. */
  public static final List<String> PARAMETER_VARIANTS = List.of(
      "huber(delta=0.5)", "huber(delta=2.5)",
      "focal(gamma=0.5, alpha=0.25)", "focal(gamma=0.0)", "focal(gamma=1.0, alpha=0.75)");

  private DefaultPairs() {}

  /**
   * {@link Pair#all()}, then every fitting activation with each parameter variant.
   *
   * @return the pairs, unmodifiable, without duplicates
   */
  public static List<Pair> all() {
    Catalog catalog = Catalog.discovered();
    Set<Pair> pairs = new LinkedHashSet<>(Pair.all());
    for (Loss variant : variants(catalog)) {
      for (Activation f : catalog.activations()) {
        if (Pair.fits(f, variant)) {
          pairs.add(Pair.of(f, variant));
        }
      }
    }
    return List.copyOf(pairs);
  }

  /** The listed variants, then each discovered loss with each of its parameters halved (if accepted). */
  private static List<Loss> variants(Catalog catalog) {
    List<Loss> variants = new ArrayList<>();
    for (String name : PARAMETER_VARIANTS) {
      variants.add(catalog.loss(name));
    }
    for (Loss loss : catalog.losses()) {
      for (Map.Entry<String, Double> p : loss.parameters().entrySet()) {
        Map<String, Double> halved = new LinkedHashMap<>(loss.parameters());
        halved.put(p.getKey(), p.getValue() / 2.0);
        try {
          variants.add(loss.withParameters(halved));
        } catch (IllegalArgumentException outOfRange) {
          // that parameter has no valid half: the listed variants cover it
        }
      }
    }
    return variants;
  }
}

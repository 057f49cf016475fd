package io.github.deltapair.reliability;

import io.github.deltapair.Backends;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Pair;
import java.util.List;

/** Evaluators over the two backends of this project, found through discovery as users find them. */
final class TwoBackends {

  private TwoBackends() {}

  static Evaluator nativeBackend() {
    return Backends.evaluator("native");
  }

  static Evaluator dl4j() {
    return Backends.evaluator("dl4j");
  }

  /** native, then dl4j. */
  static List<Evaluator> both() {
    return List.of(nativeBackend(), dl4j());
  }

  /** The pairs of {@link Pair#all()} both compute: dl4j computes only the built-in catalog. */
  static List<Pair> pairs() {
    Evaluator dl4j = dl4j();
    return Pair.all().stream().filter(dl4j::supports).toList();
  }
}

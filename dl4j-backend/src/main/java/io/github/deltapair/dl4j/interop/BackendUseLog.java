package io.github.deltapair.dl4j.interop;

import io.github.deltapair.BackendRegistry;
import io.github.deltapair.Evaluator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at INFO, once per backend id, which backend {@link DeltaPairLoss} computes through, and
 * why that one: chosen with {@code DeltaPairLoss.of(pair, id)}, by {@code -Ddeltapair.backend}, or
 * the default. Thread-safe; {@link #SHARED} logs once per JVM.
 */
final class BackendUseLog {

  /** The log every {@link DeltaPairLoss} reports to, under {@code DeltaPairLoss}'s logger name. */
  static final BackendUseLog SHARED = new BackendUseLog(LoggerFactory.getLogger(DeltaPairLoss.class));

  private final Logger log;
  private final Set<String> announced = ConcurrentHashMap.newKeySet();

  BackendUseLog(Logger log) {
    this.log = log;
  }

  /**
   * Logs the first use of {@code evaluator}'s backend and returns {@code evaluator}.
   *
   * @param chosen whether the loss named its backend ({@code DeltaPairLoss.of(pair, id)})
   */
  Evaluator used(Evaluator evaluator, boolean chosen) {
    String id = evaluator.backendId();
    if (announced.add(id)) {
      log.info("DeltaPairLoss computes through backend '{}' ({}), version {}: {}", id,
          evaluator.description(), evaluator.version(), reason(id, chosen));
    }
    return evaluator;
  }

  /** The ids logged so far. */
  Set<String> announced() {
    return Set.copyOf(announced);
  }

  private static String reason(String id, boolean chosen) {
    if (chosen) {
      return "chosen with DeltaPairLoss.of(pair, \"" + id + "\")";
    }
    String property = System.getProperty(BackendRegistry.DEFAULT_PROPERTY);
    if (property != null && !property.isBlank()) {
      return "chosen with -D" + BackendRegistry.DEFAULT_PROPERTY + "=" + property.trim();
    }
    return "the default backend; DeltaPairLoss.of(pair, \"dl4j\") or -D"
        + BackendRegistry.DEFAULT_PROPERTY + "=ID selects another";
  }
}

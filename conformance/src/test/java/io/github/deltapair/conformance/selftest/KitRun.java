package io.github.deltapair.conformance.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * One run of a kit class through the JUnit Platform's {@link EngineTestKit}, with its outcomes
 * grouped by the clause (C1..C10) of the nested class each test sits in.
 *
 * @param kit the kit class run
 * @param tests the test events of the run
 */
record KitRun(Class<?> kit, Events tests) {

  /** Runs {@code kit} on the Jupiter engine, in this JVM. */
  static KitRun of(Class<?> kit) {
    return new KitRun(kit, EngineTestKit.engine("junit-jupiter").selectors(selectClass(kit)).execute().testEvents());
  }

  /** The clauses with at least one failed test, e.g. {@code [C2, C9]}. */
  Set<String> failedClauses() {
    return clauses(tests.failed().stream());
  }

  /** The clauses with at least one skipped (aborted) test. */
  Set<String> abortedClauses() {
    return clauses(tests.aborted().stream());
  }

  /** The clauses with at least one successful test. */
  Set<String> succeededClauses() {
    return clauses(tests.succeeded().stream());
  }

  /** The failure or abort messages of the tests of {@code clause} that ended in {@code status}. */
  List<String> messages(String clause, TestExecutionResult.Status status) {
    return tests.finished().stream()
        .filter(e -> clause.equals(clauseOf(e)))
        .map(e -> e.getRequiredPayload(TestExecutionResult.class))
        .filter(r -> r.getStatus() == status)
        .map(r -> r.getThrowable().map(Throwable::getMessage).orElse(""))
        .toList();
  }

  private static Set<String> clauses(Stream<Event> events) {
    Set<String> clauses = new TreeSet<>();
    events.map(KitRun::clauseOf).forEach(clauses::add);
    return clauses;
  }

  /** "C7" for a test inside the nested class {@code C7BadInput}, "C10" inside {@code C10Options}; "none" outside any clause. */
  static String clauseOf(Event event) {
    return event.getTestDescriptor().getUniqueId().getSegments().stream()
        .filter(s -> s.getType().equals("nested-class"))
        .map(UniqueId.Segment::getValue)
        .map(name -> name.replaceFirst("^(C\\d+).*$", "$1"))
        .findFirst()
        .orElse("none");
  }
}

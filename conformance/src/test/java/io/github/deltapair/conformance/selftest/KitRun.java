package io.github.deltapair.conformance.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * One run of a kit class through the JUnit Platform's {@link EngineTestKit}, with its outcomes
 * grouped by the clause (C1..C11) of the nested class each test sits in, and those of C11 by the
 * float64 clause each of its tests reruns for float32.
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

  /**
   * The clauses whose float32 rerun in C11 has at least one failed test, e.g. {@code [C2, C5]}:
   * read from the test's display name, {@code "C11 (C7, labels): …"} for C7.
   */
  Set<String> failedFloat32Clauses() {
    Set<String> clauses = new TreeSet<>();
    tests.failed().stream().filter(e -> clauseOf(e).equals("C11")).map(KitRun::rerunOf).forEach(clauses::add);
    return clauses;
  }

  /** The failure messages of the C11 tests that rerun {@code clause} for float32. */
  List<String> float32Failures(String clause) {
    return tests.failed().stream().filter(e -> clauseOf(e).equals("C11") && rerunOf(e).equals(clause))
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().map(Throwable::getMessage).orElse(""))
        .toList();
  }

  /** "C7" for an invocation of the C11 test named "C11 (C7, labels): …". */
  private static String rerunOf(Event event) {
    String name = event.getTestDescriptor().getParent().map(TestDescriptor::getDisplayName).orElse("");
    return name.replaceFirst("^C11 \\((C\\d+)[^)]*\\).*$", "$1");
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

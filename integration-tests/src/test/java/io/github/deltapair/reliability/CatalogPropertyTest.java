package io.github.deltapair.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Batch;
import io.github.deltapair.LossResult;
import io.github.deltapair.reference.ReferenceOracle;
import io.github.deltapair.reference.Tolerances;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Property-based: generated inputs over the whole catalog, through {@code native} and {@code
 * dl4j}. The default build runs {@code jqwik.tries.default} cases per property (see
 * junit-platform.properties); {@code mvn -Pfuzz} runs 100 000 each. At the end the number of
 * cases, how they came out and the wall time are logged.
 *
 * <p>A failure prints the case (pair, reduction, shape, z, y in round-trip form) and jqwik's seed.
 */
@Label("Generated inputs over the whole catalog, through native and dl4j")
class CatalogPropertyTest {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogPropertyTest.class);
  private static final Tolerances TOLERANCES = Tolerances.DEFAULTS;

  private static final AtomicLong VALID = new AtomicLong();
  private static final AtomicLong VALID_REJECTED = new AtomicLong();
  private static final AtomicLong BROKEN = new AtomicLong();
  private static final AtomicLong BROKEN_COMPUTED = new AtomicLong();
  private static volatile long startNanos;

  @BeforeContainer
  static void start() {
    startNanos = System.nanoTime();
  }

  @AfterContainer
  static void report() {
    LOG.info("CatalogPropertyTest: {} valid cases ({} rejected alike by both backends), {} broken"
            + " cases ({} still computable, agreed), {} ms",
        VALID.get(), VALID_REJECTED.get(), BROKEN.get(), BROKEN_COMPUTED.get(),
        (System.nanoTime() - startNanos) / 1_000_000);
  }

  @Provide
  Arbitrary<GeneratedCase> validCases() {
    return Generators.validCases();
  }

  @Provide
  Arbitrary<BrokenCase> brokenCases() {
    return BrokenCase.arbitrary();
  }

  @Property
  @Label("Valid inputs: both backends reject alike, or both give a finite loss and delta that match the oracle (canonical: δ = a − y) and each other")
  void validInputsAgree(@ForAll("validCases") GeneratedCase input) {
    VALID.incrementAndGet();
    GeneratedCase pristine = input.copy();
    Outcome nat = Outcome.of(TwoBackends.nativeBackend(), input.pair(), input.z(), input.y(), input.reduction());
    Outcome dl4j = Outcome.of(TwoBackends.dl4j(), input.pair(), input.z(), input.y(), input.reduction());
    assertUntouched(input, pristine);
    assertThat(dl4j.rejected()).as("dl4j rejected (%s) while native did not (%s), or the reverse", dl4j, nat)
        .isEqualTo(nat.rejected());
    if (nat.rejected()) {
      VALID_REJECTED.incrementAndGet();
      assertThat(dl4j.rejection()).as("rejection messages").isEqualTo(nat.rejection());
      return;
    }
    Batch expectedDelta = ReferenceOracle.delta(input.pair(), input.z(), input.y(), input.reduction());
    double expectedLoss = ReferenceOracle.loss(input.pair(), input.z(), input.y(), input.reduction());
    for (Outcome outcome : new Outcome[] {nat, dl4j}) {
      String who = outcome == nat ? "native" : "dl4j";
      assertThat(outcome.finite()).as("%s: loss and delta finite (%s)", who, outcome).isTrue();
      assertAgree(who + " delta vs the oracle's " + (input.pair().isCanonical() ? "a − y" : "chain rule"),
          outcome.result().delta(), expectedDelta);
      assertThat(Math.abs(outcome.result().loss() - expectedLoss))
          .as("%s loss %s vs the oracle's %s", who, outcome.result().loss(), expectedLoss)
          .isLessThanOrEqualTo(TOLERANCES.lossBound(expectedLoss));
    }
    LossResult a = nat.result();
    LossResult b = dl4j.result();
    assertThat(Math.abs(b.loss() - a.loss())).as("dl4j loss %s vs native %s", b.loss(), a.loss())
        .isLessThanOrEqualTo(TOLERANCES.deltaBound(a.loss()));
    assertAgree("dl4j delta vs native", b.delta(), a.delta());
  }

  @Property
  @Label("One element broken (non-finite, target outside its domain, huge logit): both backends reject with the same message naming argument, row and column, or both compute finite results; inputs untouched")
  void brokenInputsAreRejectedAlike(@ForAll("brokenCases") BrokenCase broken) {
    BROKEN.incrementAndGet();
    GeneratedCase input = broken.input();
    GeneratedCase pristine = input.copy();
    Outcome nat = Outcome.of(TwoBackends.nativeBackend(), input.pair(), input.z(), input.y(), input.reduction());
    Outcome dl4j = Outcome.of(TwoBackends.dl4j(), input.pair(), input.z(), input.y(), input.reduction());
    assertUntouched(input, pristine);
    if (broken.breakage().alwaysRejected) {
      assertThat(nat.rejected()).as("native must reject; gave %s", nat).isTrue();
    }
    assertThat(dl4j.rejected()).as("dl4j: %s; native: %s", dl4j, nat).isEqualTo(nat.rejected());
    if (nat.rejected()) {
      assertThat(dl4j.rejection()).as("rejection messages").isEqualTo(nat.rejection());
      if (broken.breakage().alwaysRejected) {
        assertThat(nat.rejection())
            .containsPattern("(?<![\\w.])" + Pattern.quote(broken.breakage().argument) + "(?!\\w)")
            .containsPattern("\\brow " + broken.row() + ", column " + broken.column() + "\\b");
      }
      return;
    }
    BROKEN_COMPUTED.incrementAndGet();
    assertThat(nat.finite()).as("native: %s", nat).isTrue();
    assertThat(dl4j.finite()).as("dl4j: %s", dl4j).isTrue();
  }

  private static void assertUntouched(GeneratedCase input, GeneratedCase pristine) {
    assertThat(input.z().sameBits(pristine.z())).as("z must keep every bit").isTrue();
    assertThat(input.y().sameBits(pristine.y())).as("y must keep every bit").isTrue();
  }

  private static void assertAgree(String what, Batch actual, Batch expected) {
    double[] a = actual.array();
    double[] e = expected.array();
    int n = expected.cols();
    for (int k = 0; k < e.length; k++) {
      if (!(Math.abs(a[k] - e[k]) <= TOLERANCES.deltaBound(e[k]))) {
        throw new AssertionError(what + ": row " + k / n + ", column " + k % n + " is " + a[k]
            + " but should be " + e[k] + " (allowed " + TOLERANCES.deltaBound(e[k]) + ")");
      }
    }
  }
}

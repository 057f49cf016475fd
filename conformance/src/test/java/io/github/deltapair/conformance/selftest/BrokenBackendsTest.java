package io.github.deltapair.conformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.reference.ReferenceBackend;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Proves the kit can fail: each deliberately broken backend runs through the whole kit (via
 * EngineTestKit) and the clause it breaks must fail, in that clause's nested class, while the
 * clauses it honours pass. A float64 defect shows again in C11 wherever float32 batches reach it:
 * a backend without float32 kernels computes them on widened copies through its float64 ones.
 */
class BrokenBackendsTest {

  @Test
  @DisplayName("The oracle-backed backend, which takes float32 batches itself, passes C1–C8, C10 and C11 and, with no peer to compare with, C9 is skipped with a message saying to add a backend")
  void referenceWithoutPeersPassesAndSkipsC9() {
    KitRun run = KitRun.of(LonelyReferenceKit.class);
    // the direct float32 path; DefinitionBackendCompatibilityTest runs the evaluator's widening one
    assertThat(new ReferenceBackend().computesFloat32(Pair.canonical(Loss.CROSS_ENTROPY), Labels.of(new int[] {0}),
        Options.NONE)).isTrue();
    assertThat(new DefinitionBackend().computesFloat32(Pair.canonical(Loss.CROSS_ENTROPY), Labels.of(new int[] {0}),
        Options.NONE)).isFalse();
    assertThat(run.failedClauses()).isEmpty();
    assertThat(run.tests().succeeded().count()).isGreaterThan(500);
    assertThat(run.succeededClauses()).containsExactly("C1", "C10", "C11", "C2", "C3", "C4", "C5", "C6", "C7", "C8");
    assertThat(run.tests().succeeded().stream().filter(e -> KitRun.clauseOf(e).equals("C11")).count()).isGreaterThan(1000);
    assertThat(run.abortedClauses()).containsExactly("C9");
    assertThat(run.messages("C9", Status.ABORTED)).isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains("add another backend").contains("test class path"));
  }

  @Test
  @DisplayName("Multiplying canonical deltas by f'(z) fails C1 and C2 (and C4, C9, and C10 for softmax + cross-entropy with labels), and the same in float32 (C11)")
  void chainRuleOnCanonicalPairsIsCaught() {
    KitRun run = KitRun.of(ChainRuleOnCanonicalBackendKit.class);
    assertThat(run.failedClauses()).containsExactly("C1", "C10", "C11", "C2", "C4", "C9");
    assertThat(run.failedFloat32Clauses()).containsExactly("C1", "C10", "C2", "C4");
  }

  @Test
  @DisplayName("Clipping a to [1e-5, 1 − 1e-5] for binary cross-entropy like DL4J's LossBinaryXENT fails C2, in float32 too")
  void clippingIsCaught() {
    KitRun run = KitRun.of(ClippingBackendKit.class);
    assertThat(run.failedClauses()).containsExactly("C11", "C2");
    assertThat(run.failedFloat32Clauses()).containsExactly("C2");
    // at z = 1000 three outputs with y = 0 cost 1000 each; clipped, each costs −log(1e-5) ≈ 11.51
    assertThat(run.messages("C2", Status.FAILED))
        .anySatisfy(m -> assertThat(m).contains("z=1000.0 HARD").contains("loss is 34.538").contains("should be 3000.0"));
  }

  @Test
  @DisplayName("Scaling squared error like DL4J's LossMSE, (1/n)Σ(a − y)² with delta 2(a − y)/n, fails C1 and C5 (and C2, C3, C9) but not C4, which differences the backend's own loss; in float32 C4 differences the oracle's and fails too")
  void mseScalingIsCaught() {
    KitRun run = KitRun.of(MseScalingBackendKit.class);
    assertThat(run.failedClauses()).containsExactly("C1", "C11", "C2", "C3", "C5", "C9");
    assertThat(run.failedFloat32Clauses()).containsExactly("C1", "C2", "C3", "C4", "C5");
  }

  @Test
  @DisplayName("Writing to the caller's logits fails C8 and the inputs-unchanged checks of C7 and C10, but not C11: float32 batches reach its float64 kernel as widened copies")
  void mutatingInputsIsCaught() {
    KitRun run = KitRun.of(MutatingBackendKit.class);
    assertThat(run.failedClauses()).containsExactly("C10", "C7", "C8");
    assertThat(run.messages("C10", Status.FAILED)).isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains("softmax+").contains("z changed at row"));
    assertThat(run.messages("C7", Status.FAILED)).isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains("softmax+").contains("z changed at row"));
    assertThat(run.messages("C8", Status.FAILED)).isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains("softmax+"));
  }

  @Test
  @DisplayName("Skipping the simplex check of cross-entropy and kl-divergence targets while claiming checksInputs fails C7 through every overload and nothing else")
  void simplexBlindnessIsCaught() {
    KitRun run = KitRun.of(SimplexBlindBackendKit.class);
    assertThat(run.failedClauses()).containsExactly("C7");
    // cross-entropy rows summing to 0.9, 1.1, 2 and 1 + 1e-7 and kl-divergence rows summing to 0.9
    // and 1.1: 6 cases (an all-zero row still fails its validation, it cannot be normalised, and
    // negative entries are a separate check). Without options the evaluator trusts checksInputs
    // on every overload (Backend.checksInputs(pair, targets, options) is checksInputs(pair) for
    // dense targets without options, example losses wanted or not), so each case fails through
    // RESULT, BUFFER and BUFFERS: 6 × 3 overloads = 18.
    assertThat(run.messages("C7", Status.FAILED)).hasSize(18)
        .allSatisfy(m -> assertThat(m).contains("target row 2 sums to").contains("must throw IllegalArgumentException"));
  }

  @Test
  @DisplayName("A chain-rule softmax computed naively, e^z / Σ e^z without the row maximum, fails C3 at large logits (z = [800, 0, −800]), in float32 too, and nothing else, and the failure blames the backend")
  void naiveSoftmaxIsCaught() {
    KitRun run = KitRun.of(NaiveSoftmaxBackendKit.class);
    assertThat(run.failedClauses()).containsExactly("C11", "C3");
    assertThat(run.failedFloat32Clauses()).containsExactly("C3");
    assertThat(run.float32Failures("C3")).isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains("C11 (C3) far softmax+").contains("float32").contains("the backend is at fault"));
    assertThat(run.messages("C3", Status.FAILED)).isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains("softmax+").contains("|z|=").contains("the backend is at fault")
            .contains("defect of that backend").doesNotContain("use smaller logits"));
    assertThat(run.messages("C3", Status.FAILED))
        .anySatisfy(m -> assertThat(m).contains("softmax+squared-error").contains("|z|=1000.0"));
  }

  @Test
  @DisplayName("A backend computing only the canonical pairs runs the kit with 0 failures, every other pair skipped with a message naming supports(Pair)")
  void canonicalOnlyBackendIsSkippedNotFailed() {
    KitRun run = KitRun.of(CanonicalOnlyBackendKit.class);
    assertThat(run.tests().failed().count()).isZero();
    // the chain-rule pairs' cases in every clause (all of C3)
    assertThat(run.tests().aborted().count()).isGreaterThan(1000);
    assertThat(run.succeededClauses()).containsExactly("C1", "C10", "C11", "C2", "C4", "C5", "C6", "C7", "C8", "C9");
    assertThat(run.abortedClauses()).contains("C11", "C3", "C4", "C5", "C6", "C7", "C8", "C9");
    assertThat(run.messages("C3", Status.SUCCESSFUL)).isEmpty();
    assertThat(run.tests().aborted().stream()
            .map(e -> e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class))
            .map(r -> r.getThrowable().map(Throwable::getMessage).orElse("")))
        .allSatisfy(m -> assertThat(m).contains("declares supports(Pair) false for")
            .contains("override Backend.supports(Pair) to compute it"));
  }

  @Test
  @DisplayName("A plugin loss falsely declared canonical (½ squared error with sigmoid), computed from its definitions, fails C4 (in float32 too) with a message saying the declared contract does not hold, and the finite differences of C10 under its options")
  void falseCanonicalClaimIsRefuted() {
    KitRun run = KitRun.of(FalseCanonicalClaimKit.class);
    assertThat(run.failedClauses()).containsExactly("C10", "C11", "C4");
    assertThat(run.failedFloat32Clauses()).containsExactly("C4");
    // C11's C4 reruns 3 × 5 under SUM: one case
    assertThat(run.float32Failures("C4")).hasSize(1)
        .allSatisfy(m -> assertThat(m).contains("in C11 (C4, float32)").contains("the claim itself is false"));
    // C10 compares with the oracle, which for a plugin pair can only take the declared contract
    // δ = c ⊙ (a − y); the one case that can refute it is the finite differences under the widest
    // option set the plugin loss declares (class weights, example weights, mask)
    assertThat(run.messages("C10", Status.FAILED)).hasSize(1)
        .allSatisfy(m -> assertThat(m).contains("C10 options finite differences").contains("central difference"));
    assertThat(run.messages("C4", Status.FAILED)).hasSize(4)
        .allSatisfy(m -> assertThat(m)
            .contains("sigmoid+claimed-canonical-squared-error is declared CANONICAL (δ = a − y")
            .contains("the declared contract does not hold")
            .contains("the claim itself is false"));
    // the only pair is canonical: the chain-rule clause has nothing to run and says so
    assertThat(run.messages("C3", Status.ABORTED)).isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains("pairs() holds no chain-rule pair"));
    // nor has the labels clause: its loss takes dense targets
    assertThat(run.messages("C10", Status.ABORTED)).isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains("pairs() holds no pair whose loss takes labels"));
  }

  @Test
  @DisplayName("Dividing MEAN by the number of kept rows when labels carry an ignore_index (PyTorch #69339-style) fails C10 (and C9 with labels) in exactly the ignore_index MEAN cases, while its finite differences, dense targets, labels without ignored rows and mean-by-weight pass")
  void keptRowsMeanIsCaught() {
    KitRun run = KitRun.of(KeptRowsMeanBackendKit.class);
    assertThat(run.failedClauses()).containsExactly("C10", "C11", "C9");
    // in float32: labels with ignore_index under MEAN on 7 × 3, through each overload
    assertThat(run.failedFloat32Clauses()).containsExactly("C10");
    assertThat(run.float32Failures("C10")).allSatisfy(m -> assertThat(m).contains("C11 (C10) ignore_index").contains("MEAN"));
    long labelPairs = io.github.deltapair.reference.DefaultPairs.all().stream().filter(p -> p.loss().targetRowsOnSimplex()).count();
    // labels alone with ignore_index under MEAN: every pair whose loss takes labels × 7×3 and 64×10
    // × the 3 overloads (each a case of its own); SUM, NONE and mean-by-weight are right, and with
    // every row ignored the kept count is 0 and so is the loss
    assertThat(run.messages("C10", Status.FAILED).stream().filter(m -> m.contains("C10 ignore_index")))
        .hasSize((int) (labelPairs * 2 * 3))
        .allSatisfy(m -> assertThat(m).contains("MEAN").contains("the loss with labels").contains("clause C10"));
    // with options under MEAN: the 2 option sets with ignore_index each label loss supports (labels,
    // ignore_index, class weights, example weights and, for cross-entropy, smoothing; the same with
    // a mask), one case each, whose overload loop stops at the first failure: 2 per pair
    assertThat(run.messages("C10", Status.FAILED).stream().filter(m -> m.contains("C10 options")))
        .hasSize((int) (labelPairs * 2))
        .allSatisfy(m -> assertThat(m).contains("ignore_index").contains(" mean,").contains("clause C10"));
    assertThat(run.messages("C10", Status.FAILED)).hasSize((int) (labelPairs * 2 * 3 + labelPairs * 2));
    // C9 with labels: ignore_index × MEAN, one case per pair
    assertThat(run.messages("C9", Status.FAILED)).hasSize((int) labelPairs)
        .allSatisfy(m -> assertThat(m).contains("C9 labels").contains("ignoring=true MEAN"));
    assertThat(run.messages("C10", Status.SUCCESSFUL)).hasSizeGreaterThan(100);
  }

  @Test
  @DisplayName("Dividing mean-by-weight by the number of rows m instead of Σ W (PyTorch #69339-style) fails C10 and C9 with options, and nothing else: without options Σ W = m, so C6 passes")
  void meanByRowsIsCaught() {
    KitRun run = KitRun.of(MeanByRowsBackendKit.class);
    assertThat(run.failedClauses()).containsExactly("C10", "C11", "C9");
    assertThat(run.failedFloat32Clauses()).containsExactly("C10");
    assertThat(run.messages("C10", Status.FAILED)).isNotEmpty()
        .allSatisfy(m -> assertThat(m).containsAnyOf("mean-by-weight", "MEAN_BY_WEIGHT").contains("clause C10"));
    // labels with ignore_index: Σ W is the number of kept rows, every label pair × 2 shapes × 3 overloads
    long labelPairs = io.github.deltapair.reference.DefaultPairs.all().stream().filter(p -> p.loss().targetRowsOnSimplex()).count();
    assertThat(run.messages("C10", Status.FAILED).stream().filter(m -> m.contains("C10 ignore_index")))
        .hasSize((int) (labelPairs * 2 * 3));
    assertThat(run.messages("C10", Status.FAILED).stream().filter(m -> m.contains("C10 options"))).isNotEmpty();
    // the widest option set of every pair has example weights with zeros, so Σ W ≠ m: one case per pair
    assertThat(run.messages("C9", Status.FAILED)).hasSize(io.github.deltapair.reference.DefaultPairs.all().size())
        .allSatisfy(m -> assertThat(m).contains("C9 options").contains("mean-by-weight").contains(" vs backend '"));
    assertThat(run.messages("C6", Status.FAILED)).isEmpty();
  }

  @Test
  @DisplayName("Applying class weights to the delta but not to the loss fails C10 (loss and finite differences) and C9 with options, and nothing else")
  void classWeightsOnDeltaOnlyAreCaught() {
    KitRun run = KitRun.of(DeltaOnlyClassWeightsBackendKit.class);
    assertThat(run.failedClauses()).containsExactly("C10", "C11", "C9");
    assertThat(run.failedFloat32Clauses()).containsExactly("C10");
    assertThat(run.float32Failures("C10")).allSatisfy(m -> assertThat(m).contains("class_weights"));
    assertThat(run.messages("C10", Status.FAILED)).isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains("class_weights").contains("clause C10"));
    assertThat(run.messages("C10", Status.FAILED))
        .anySatisfy(m -> assertThat(m).contains("C10 options finite differences").contains("central difference"))
        .anySatisfy(m -> assertThat(m).contains("the loss is"));
    assertThat(run.messages("C9", Status.FAILED)).isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains("C9 options"));
  }

  @Test
  @DisplayName("Computing float32 sigmoid + binary-cross-entropy and softmax + cross-entropy through a float32 log of a probability clipped to 1e-7, like naive float32 code, fails C11's loss checks (at extreme logits, where float32 σ(z) rounds to 0 or 1, and on C5's batches) and nothing in float64")
  void clippedFloat32LogIsCaught() {
    KitRun run = KitRun.of(ClippedFloat32LogBackendKit.class);
    assertThat(run.failedClauses()).containsExactly("C11");
    assertThat(run.failedFloat32Clauses()).containsExactly("C2", "C5");
    // at moderate logits too: a float32 1 − σ(z) keeps few digits (7 × 3), and with 1000 softmax
    // outputs some p round below the clip (128 × 1000); its delta p − y is right, so C1 passes
    assertThat(run.float32Failures("C5")).isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains("C11 (C5)").contains("the loss is"))
        .anySatisfy(m -> assertThat(m).contains("softmax+cross-entropy 128×1000"));
    assertThat(run.float32Failures("C2")).isNotEmpty()
        .allSatisfy(m -> assertThat(m).containsAnyOf("sigmoid+binary-cross-entropy", "softmax+cross-entropy")
            .contains("float32").contains("the loss is"))
        // at z = 1000 three outputs with y = 0 cost 1000 each; clipped in float32, each costs −log(1e-7) ≈ 16.1
        .anySatisfy(m -> assertThat(m).contains("sigmoid+binary-cross-entropy z=1000.0 HARD").contains("loss is 48.35")
            .contains("should be 3000.0"));
  }
}

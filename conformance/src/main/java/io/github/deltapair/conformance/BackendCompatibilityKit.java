package io.github.deltapair.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.GradientCheck;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.LossOption;
import io.github.deltapair.LossResult;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.reference.BadInput;
import io.github.deltapair.reference.BadInputs;
import io.github.deltapair.reference.BadLossName;
import io.github.deltapair.reference.BadOption;
import io.github.deltapair.reference.BadPairing;
import io.github.deltapair.reference.DefaultPairs;
import io.github.deltapair.reference.ExtremeSamples;
import io.github.deltapair.reference.Inputs;
import io.github.deltapair.reference.LabelSample;
import io.github.deltapair.reference.LogitBounds;
import io.github.deltapair.reference.OptionSample;
import io.github.deltapair.reference.Overload;
import io.github.deltapair.reference.ReferenceOracle;
import io.github.deltapair.reference.Sample;
import io.github.deltapair.reference.Shape;
import io.github.deltapair.reference.TargetKind;
import io.github.deltapair.reference.Tolerances;
import io.github.deltapair.spi.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * The conformance kit: every clause of the contract's §5 as JUnit 5 tests, run against the
 * backend a subclass supplies: C1 canonical delta, C2 extreme logits, C3 chain rule, C4 finite
 * differences, C5 loss value, C6 reductions (all four), C7 bad input (with bad labels and bad
 * options), C8 purity and threads, C9 cross-backend (with labels and options), and C10 options
 * (every option of the contract's §2b a loss supports, alone and combined, for every reduction).
 *
 * <p>A backend proves it honours the contract with one small test class:
 *
 * <pre>{@code
 * class NativeBackendCompatibilityTest extends BackendCompatibilityKit {
 *   @Override
 *   protected Backend backend() {
 *     return new NativeBackend();
 *   }
 * }
 * }</pre>
 *
 * <p>Tests are grouped in one {@link Nested} class per clause; each names its clause in its display
 * name, and each nested class's javadoc says what to check when it fails. Expected values come from
 * the kit's own {@link ReferenceOracle} and central differences of the backend's own loss, never
 * from the backend under test; every comparison uses the {@link Tolerances} given to the
 * constructor. All inputs are seeded ({@link Inputs#seeded}), so a failure replays exactly. The kit
 * calls the backend only through {@link Evaluator#of(Backend)}, as users do.
 *
 * <p>The clauses run over {@link #pairs()}: every discovered pair (built-ins and plugins on the
 * class path) and non-default parameters of the parameterised losses. A pair the backend declares
 * it does not compute ({@link Backend#supports(Pair)} false) is skipped with a message naming that
 * hook, never failed and never passed.
 */
public abstract class BackendCompatibilityKit {

  /** Logits for canonical pairs: wide, since matched pairs must be exact everywhere. */
  private static final double WIDE = LogitBounds.CANONICAL;
  /** Logits for chain-rule pairs: no activation saturates. */
  private static final double MODERATE = LogitBounds.CHAIN_RULE;
  /** Logits for finite differences: the loss is smooth on the step's scale. */
  private static final double SMALL = LogitBounds.FINITE_DIFFERENCES;

  private static final List<Shape> C1_SHAPES =
      List.of(Shape.of(1, 1), Shape.of(1, 10), Shape.of(7, 3), Shape.of(64, 10), Shape.of(512, 1000));
  private static final List<Shape> SMALL_SHAPES = List.of(Shape.of(1, 10), Shape.of(7, 3), Shape.of(64, 10));
  private static final Shape LARGE = Shape.of(512, 1000);
  private static final Shape PURITY_SHAPE = Shape.of(8, 5);
  /** The batches of clause C10's option cases: enough rows for zeros, ignored and masked rows. */
  private static final Shape OPTION_SHAPE = Shape.of(12, 5);

  private static final int THREADS = 8;
  private static final int ROUNDS = 50;

  private final Tolerances tolerances;
  private Backend backend;
  private Evaluator subject;

  /** A kit with the contract's {@link Tolerances#DEFAULTS}. */
  public BackendCompatibilityKit() {
    this(Tolerances.DEFAULTS);
  }

  /** A kit with other tolerances (looser ones weaken the contract: say why where you pass them). */
  protected BackendCompatibilityKit(Tolerances tolerances) {
    this.tolerances = Objects.requireNonNull(tolerances, "tolerances");
  }

  /** A new instance of the backend under test; called before every test. */
  protected abstract Backend backend();

  /**
   * The backends C9 compares the backend under test with: by default every backend {@link
   * Backends#all()} discovers on the test class path whose id differs from the tested one's.
   * Override to pin the list; an empty list skips C9 with a message.
   *
   * @throws IllegalStateException if discovery fails (C9 then skips, quoting the reason)
   */
  protected List<Backend> peers() {
    String id = backend.id();
    return Backends.all().stream().filter(b -> !b.id().equals(id)).toList();
  }

  /**
   * The pairs every clause runs over: by default {@link #defaultPairs()}. Override to add pairs
   * that are not in the discovered catalog (a definition under development, say) or to narrow the
   * run; the list is read once per clause, before any backend is created.
   */
  protected List<Pair> pairs() {
    return defaultPairs();
  }

  /**
   * Every discovered pair ({@link Pair#all()}: built-ins and plugins, canonical first), then every
   * fitting activation with non-default parameters of each parameterised loss ({@code
   * huber(delta=0.5)}, {@code huber(delta=2.5)}, {@code focal(gamma=0.5, alpha=0.25)}, {@code
   * focal(gamma=0.0)}, {@code focal(gamma=1.0, alpha=0.75)}, and each discovered loss with each
   * parameter halved).
   */
  public static List<Pair> defaultPairs() {
    return DefaultPairs.all();
  }

  /** The tolerances this kit applies. */
  protected final Tolerances tolerances() {
    return tolerances;
  }

  /** Builds a fresh backend, and the evaluator over it, for each test. */
  @BeforeEach
  void createBackend() {
    backend = Objects.requireNonNull(backend(), "backend() returned null: return a new backend instance");
    subject = Evaluator.of(backend);
  }

  private Stream<Pair> allPairs() {
    return pairs().stream();
  }

  /** Each pair whose loss takes options, with the widest option set it takes (C9 and C10). */
  private Stream<Arguments> widestOptionCases() {
    return orNone(allPairs().filter(pair -> !OptionSample.widestFor(pair.loss()).isEmpty())
        .map(pair -> Arguments.of(pair, named(OptionSample.widestFor(pair.loss())))), 2);
  }

  private Stream<Pair> canonicalPairs() {
    return allPairs().filter(Pair::isCanonical);
  }

  private Stream<Pair> chainRulePairs() {
    return allPairs().filter(p -> !p.isCanonical());
  }

  private static double boundFor(Pair pair) {
    return LogitBounds.of(pair);
  }

  private static boolean fits(Pair pair, Shape shape) {
    return shape.cols() >= pair.activation().minColumns();
  }

  /** Names the backend, the case and, where the case's name starts with one, its clause and section. */
  private String context(Sample sample) {
    String name = sample.name();
    String clause = name.matches("C\\d+ .*") ? name.substring(0, name.indexOf(' ')) : "";
    return "backend '" + backend.id() + "', case [" + name + "]"
        + (clause.isEmpty() ? "" : " (clause " + clause + ", docs/contract.md §5)");
  }

  /**
   * The cases, or, when {@link #pairs()} holds none for a clause, one case of nulls that the test
   * skips with a message (JUnit refuses a parameter source with no arguments).
   */
  private static Stream<Arguments> orNone(Stream<Arguments> cases, int arity) {
    List<Arguments> all = cases.toList();
    return all.isEmpty() ? Stream.of(Arguments.of(new Object[arity])) : all.stream();
  }

  /** Skips the placeholder case of {@link #orNone}. */
  private static void assumeSomePair(Pair pair, String kind) {
    Assumptions.assumeTrue(pair != null, () -> "skipped: pairs() holds no " + kind + " for this clause");
  }

  /**
   * Skips the test, naming the capability hook, when the backend declares it does not compute
   * {@code pair}.
   */
  private void assumeSupported(Pair pair) {
    Assumptions.assumeTrue(backend.supports(pair), () -> "skipped: backend '" + backend.id()
        + "' declares supports(Pair) false for " + pair + "; override Backend.supports(Pair) to compute it");
  }

  /**
   * Evaluates copies of the sample, so the oracle always sees what the backend was given. A
   * non-finite result on this valid input is the backend's defect, reported as such.
   */
  private LossResult evaluateCopies(Pair pair, Sample sample, Reduction reduction) {
    Sample given = sample.copy();
    return blamingTheBackend(sample, () -> subject.evaluate(pair, given.z(), given.y(), reduction));
  }

  /**
   * Runs {@code call} on a valid sample; the evaluator's report of a backend defect, or a
   * rejection of this valid input, becomes a failure blaming the backend, never the input.
   */
  private <T> T blamingTheBackend(Sample sample, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalStateException defect) {
      throw new AssertionFailedError(context(sample) + ": the backend is at fault, not the input (which the"
          + " contract accepts and where the oracle is finite): " + defect.getMessage(), defect);
    } catch (IllegalArgumentException rejected) {
      throw new AssertionFailedError(context(sample) + ": the backend is at fault: it rejected an input"
          + " that the contract accepts and where the kit's oracle is finite (the evaluator said: "
          + rejected.getMessage() + ")", rejected);
    }
  }

  private void assertDeltaMatchesOracle(Pair pair, Sample sample, Reduction reduction, LossResult result) {
    Agreement.assertBatchesAgree("a = f(z)", result.activations(),
        ReferenceOracle.activate(pair.activation(), sample.z()), tolerances::deltaBound, context(sample));
    Agreement.assertBatchesAgree("delta", result.delta(),
        ReferenceOracle.delta(pair, sample.z(), sample.y(), reduction), tolerances::deltaBound, context(sample));
  }

  private void assertLossMatchesOracle(Pair pair, Sample sample, Reduction reduction, double loss) {
    double expected = ReferenceOracle.loss(pair, sample.z(), sample.y(), reduction);
    Agreement.assertValuesAgree("the loss", loss, expected, tolerances.lossBound(expected), context(sample));
  }

  private Stream<Pair> labelPairs() {
    return allPairs().filter(p -> p.loss().targetRowsOnSimplex());
  }

  /** Names the backend and the labelled case, with its clause. */
  private String context(LabelSample sample) {
    return context(new Sample(sample.name(), sample.z(), sample.z()));
  }

  /** Evaluates copies of a labelled sample through {@code overload}, blaming the backend for a defect. */
  private LossResult evaluateCopies(Pair pair, LabelSample sample, Reduction reduction, Overload overload) {
    LabelSample given = sample.copy();
    Sample named = new Sample(sample.name(), sample.z(), sample.z());
    return blamingTheBackend(named, () -> overload.call(subject, pair, given.z(), given.labels(), reduction));
  }

  /** The kept rows of the delta agree with the oracle's, ignored rows are exactly 0, and so is the loss. */
  private void assertLabelsMatchOracle(Pair pair, LabelSample sample, Reduction reduction, LossResult result) {
    String where = context(sample);
    double expected = ReferenceOracle.loss(pair, sample.z(), sample.labels(), reduction);
    Agreement.assertValuesAgree("the loss with labels", result.loss(), expected, tolerances.lossBound(expected), where);
    Batch delta = result.delta();
    int n = delta.cols();
    for (int i = 0; i < sample.labels().size(); i++) {
      for (int j = 0; sample.labels().isIgnored(i) && j < n; j++) {
        double d = delta.get(i, j);
        assertThat(d == 0.0).as("%s: delta at row %d, column %d of an ignored example (label %d = ignore_index) is %s but must be exactly 0",
            where, i, j, sample.labels().get(i), d).isTrue();
      }
    }
    Agreement.assertBatchesAgree("delta with labels", delta,
        ReferenceOracle.delta(pair, sample.z(), sample.labels(), reduction), tolerances::deltaBound, where);
  }

  /**
   * Central differences {@code (J(z + h) − J(z − h)) / (h₊ + h₋)} of the backend's own loss with
   * these targets and options against its delta, with the finite-difference settings of the {@link
   * Tolerances} (the rule of {@link GradientCheck}), each evaluation on a fresh copy so that purity
   * stays C8's and C10's other tests' business; "" or the first element that fails. An entry that
   * holds NaN (never read: an ignored row, a masked-out entry) is not perturbed, and its delta must
   * be exactly 0.
   */
  private String gradientMismatch(Pair pair, Batch z, Targets targets, Options options, Reduction reduction) {
    Batch delta = subject.evaluate(pair, z.copy(), targets, options, reduction).delta();
    Batch probe = z.copy();
    Batch scratch = Batch.zeros(probe.rows(), probe.cols());
    double[] p = probe.array();
    int n = probe.cols();
    for (int k = 0; k < p.length; k++) {
      double original = p[k];
      double analytic = delta.array()[k];
      if (Double.isNaN(original)) {
        if (analytic != 0.0) {
          return "delta " + analytic + " at row " + (k / n) + ", column " + (k % n)
              + ", an entry that is not computed (it holds NaN), but it must be exactly 0";
        }
        continue;
      }
      double step = tolerances.finiteDifferenceStep() * Math.max(1.0, Math.abs(original));
      p[k] = original + step;
      double up = subject.evaluate(pair, probe.copy(), targets, options, reduction, scratch);
      double upStep = p[k] - original;
      p[k] = original - step;
      double down = subject.evaluate(pair, probe.copy(), targets, options, reduction, scratch);
      double downStep = original - p[k];
      p[k] = original;
      // numeric ∂J/∂z_k = (J(z + h) − J(z − h)) / (h₊ + h₋)
      double numeric = (up - down) / (upStep + downStep);
      double difference = Math.abs(analytic - numeric);
      if (difference < tolerances.finiteDifferenceAbsolute()) {
        continue;
      }
      double relative = difference / (Math.abs(analytic) + Math.abs(numeric));
      if (!(relative <= tolerances.finiteDifferenceRelative())) {
        return "delta " + analytic + " at row " + (k / n) + ", column " + (k % n) + " but the central difference is "
            + numeric + " (relative error " + relative + ", allowed " + tolerances.finiteDifferenceRelative() + ")";
      }
    }
    return "";
  }

  /** Names the backend and the case with options, with its clause. */
  private String context(OptionSample sample) {
    return context(new Sample(sample.name(), sample.z(), sample.z())) + " with " + sample.targets() + ", "
        + sample.options();
  }

  /** Runs {@code overload} on fresh copies of {@code sample}, blaming the backend for a defect or a rejection. */
  private LossResult evaluateCopies(Pair pair, OptionSample sample, Reduction reduction, Overload overload) {
    OptionSample given = sample.copy();
    Sample named = new Sample(sample.name(), sample.z(), sample.z());
    return blamingTheBackend(named, () -> overload.call(subject, pair, given.z(), given.targets(), given.options(), reduction));
  }

  /** Whether row {@code i} of the sample is not computed at all: its label is ignored or its mask row is all 0. */
  private static boolean dropped(OptionSample sample, int i) {
    if (sample.targets() instanceof Labels labels && labels.isIgnored(i)) {
      return true;
    }
    Batch mask = sample.options().mask();
    if (mask == null) {
      return false;
    }
    for (int j = 0; j < mask.cols(); j++) {
      if (mask.get(i, j) != 0.0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The result of one overload agrees with the oracle under options: the loss within the loss
   * tolerance, the delta within the delta tolerance and exactly 0 where nothing is computed
   * (dropped rows, masked-out entries of element-wise pairs), the example losses (where the overload
   * gives them) within the loss tolerance and exactly 0 on dropped rows, and under NONE {@code J =
   * Σ ℓ_i}.
   */
  private void assertOptionsMatchOracle(Pair pair, OptionSample sample, Reduction reduction, Overload overload,
      LossResult result) {
    String where = context(sample) + ", " + reduction.id() + ", through " + overload;
    double expected = ReferenceOracle.loss(pair, sample.z(), sample.targets(), sample.options(), reduction);
    Agreement.assertValuesAgree("the loss", result.loss(), expected, tolerances.lossBound(expected), where);
    Batch delta = result.delta();
    int n = delta.cols();
    Batch mask = sample.options().mask();
    for (int i = 0; i < delta.rows(); i++) {
      boolean rowDropped = dropped(sample, i);
      for (int j = 0; j < n; j++) {
        boolean maskedOut = rowDropped || (mask != null && pair.activation().isElementwise() && mask.get(i, j) == 0.0);
        double d = delta.get(i, j);
        assertThat(!maskedOut || d == 0.0).as("%s: delta at row %d, column %d is %s but must be exactly 0: %s",
            where, i, j, d, rowDropped ? "the row is ignored or masked out whole" : "the entry is masked out").isTrue();
      }
    }
    Agreement.assertBatchesAgree("delta", delta,
        ReferenceOracle.delta(pair, sample.z(), sample.targets(), sample.options(), reduction), tolerances::deltaBound, where);
    if (!overload.givesExampleLosses()) {
      return;
    }
    double[] losses = ReferenceOracle.exampleLosses(pair, sample.z(), sample.targets(), sample.options());
    double[] got = result.exampleLosses();
    assertThat(got).as("%s: the example losses", where).hasSize(losses.length);
    for (int i = 0; i < losses.length; i++) {
      assertThat(!dropped(sample, i) || got[i] == 0.0).as("%s: the example loss of row %d is %s but must be exactly 0:"
          + " the row is ignored or masked out whole", where, i, got[i]).isTrue();
      Agreement.assertValuesAgree("the example loss ℓ_" + i, got[i], losses[i], tolerances.lossBound(losses[i]), where);
    }
    if (reduction == Reduction.NONE) {
      double sum = io.github.deltapair.reference.CompensatedSum.of(got);
      Agreement.assertValuesAgree("the loss under none (Σ ℓ_i)", result.loss(), sum, tolerances.lossBound(sum), where);
    }
  }

  /** {@code options} with these example weights instead of any it had. */
  private static Options withExampleWeights(Options options, double[] weights) {
    Options copy = Options.NONE;
    if (options.classWeights() != null) {
      copy = copy.withClassWeights(options.classWeights());
    }
    if (options.posWeight() != null) {
      copy = copy.withPosWeight(options.posWeight());
    }
    if (options.mask() != null) {
      copy = copy.withMask(options.mask());
    }
    copy = copy.withExampleWeights(weights);
    return options.labelSmoothing() == 0.0 ? copy : copy.withLabelSmoothing(options.labelSmoothing());
  }

  /** Names an option set for a display name: {@code class_weights + mask}. */
  private static Named<Set<LossOption>> named(Set<LossOption> set) {
    return Named.of(set.stream().map(LossOption::id).collect(java.util.stream.Collectors.joining(" + ")), set);
  }

  /**
   * <b>C1 canonical delta</b>: for every pair declared canonical (the built-ins identity +
   * squared-error, sigmoid + binary-cross-entropy, softmax + cross-entropy, softmax +
   * kl-divergence, exp + poisson, tanh + bipolar-cross-entropy, and any plugin's) the delta is
   * {@code a − y} with {@code a = f(z)} from the oracle (divided by {@code m} for MEAN), within
   * {@code delta·max(1, |a − y|)}, for random logits and hard and soft targets, shapes from 1 × 1 to
   * 512 × 1000.
   *
   * <p>If this fails, check that the kernel does not multiply by {@code f'(z)} (for a matched pair
   * it cancels), that squared error carries ½ and no {@code 1/n}, that MEAN divides by the number
   * of rows only, and that softmax subtracts the row maximum before exponentiating. For a plugin
   * pair the message says whether the claim itself is false.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("C1 canonical delta: δ = a − y for every matched pair")
  class C1CanonicalDelta {

    /** Every shape with both target kinds; the 512 × 1000 batch, which costs most, with soft ones. */
    Stream<Arguments> cases() {
      return orNone(canonicalPairs().flatMap(pair -> C1_SHAPES.stream()
          .filter(shape -> fits(pair, shape))
          .flatMap(shape -> Stream.of(TargetKind.values())
              .filter(kind -> !shape.equals(LARGE) || kind == TargetKind.SOFT)
              .flatMap(kind -> Stream.of(Reduction.SUM, Reduction.MEAN)
                  .map(reduction -> Arguments.of(pair, shape, kind, reduction))))), 4);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} targets, {3}")
    @MethodSource("cases")
    @DisplayName("C1: every canonical pair's delta is a − y (a = f(z) from the oracle), within the delta tolerance, for both reductions")
    void deltaIsActivationMinusTarget(Pair pair, Shape shape, TargetKind kind, Reduction reduction) {
      assumeSomePair(pair, "canonical pair");
      assumeSupported(pair);
      Sample sample = Sample.draw("C1 " + pair + " " + shape + " " + kind, pair, shape, kind, WIDE);
      LossResult result = evaluateCopies(pair, sample, reduction);
      CanonicalClaim.check(pair, backend.id(), "C1", sample, tolerances,
          () -> assertDeltaMatchesOracle(pair, sample, reduction, result));
    }
  }

  /**
   * <b>C2 extreme logits</b>: at {@code z ∈ {0, ±17, ±30, ±100, ±1000}} (an activation that
   * overflows sooner, exp: up to its {@code maxFiniteLogit()} rounded down to a hundred, 700)
   * every matched pair's delta is still {@code a − y} and its loss is finite and true, for hard and
   * soft targets: sigmoid + binary-cross-entropy at {@code z = 1000, y = 0} has loss 1000. Row-wise
   * activations get rows {@code [v, 0, −v]}. Logits the contract rejects for a pair (a plugin pair
   * without a stable form that saturates) are not drawn.
   *
   * <p>If this fails, the loss is probably computed as {@code log(clip(a))} (DL4J's
   * {@code LossBinaryXENT} clips to [1e-5, 1 − 1e-5] and reports 11.5) or the delta as {@code
   * (a − y)/(a(1 − a)) · a(1 − a)}, which vanishes or becomes NaN once {@code a} rounds to 0 or 1.
   * Compute the loss from logits with the stable forms of the contract's §3.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("C2 extreme logits: matched pairs stay exact and finite for every representable logit")
  class C2ExtremeLogits {

    Stream<Arguments> cases() {
      return orNone(canonicalPairs().flatMap(pair -> ExtremeSamples.canonicalExtremes(pair).flatMap(z ->
          Stream.of(TargetKind.values())
              .filter(kind -> ExtremeSamples.valid(pair, ExtremeSamples.c2(pair, z, kind)))
              .map(kind -> Arguments.of(pair, z, kind)))), 3);
    }

    @ParameterizedTest(name = "{0} at z = {1}, {2} targets")
    @MethodSource("cases")
    @DisplayName("C2: at extreme logits a canonical pair's delta is still a − y and its loss is finite and true (sigmoid + binary-cross-entropy at z = 1000, y = 0 is 1000, not a clipped 11.5)")
    void extremeLogitsStayExact(Pair pair, Double logit, TargetKind kind) {
      assumeSomePair(pair, "canonical pair");
      assumeSupported(pair);
      Sample sample = ExtremeSamples.c2(pair, logit, kind);
      LossResult result = evaluateCopies(pair, sample, Reduction.SUM);
      assertThat(result.loss()).as("%s: the loss", context(sample)).isFinite();
      assertLossMatchesOracle(pair, sample, Reduction.SUM, result.loss());
      assertDeltaMatchesOracle(pair, sample, Reduction.SUM, result);
    }
  }

  /**
   * <b>C3 chain rule</b>: for every chain-rule pair the delta is the oracle's {@code ∂ℓ/∂a ⊙
   * f'(z)} (softmax: the Jacobian product {@code a_k (g_k − Σ_j g_j a_j)} with {@code g = ∂ℓ/∂a};
   * focal with sigmoid: the oracle's stable delta from the logits), within the delta tolerance, at
   * moderate logits where nothing saturates, and at large ones ({@code |z|} = 30 and 1000, exp:
   * 700; rows {@code [v, 0, −v]}, all {@code +v}, all {@code −v}) for the pairs that stay well
   * conditioned there (a stable form from the logits, or a loss on all of ℝ: squared error, huber)
   * wherever the loss stays finite: softmax + squared-error at {@code z = [800, 0, −800]} has loss
   * about 1.
   *
   * <p>If this fails at moderate logits, check the loss gradient {@code ∂ℓ/∂a} against {@link
   * Loss#gradientFormula()}, that {@code f'(z)} is not omitted (only matched pairs may omit it),
   * and that softmax uses its full Jacobian rather than the diagonal {@code a(1 − a)}. If it fails
   * only at large logits, an activation overflows: softmax must subtract the row maximum before
   * exponentiating, softplus must be {@code max(z, 0) + log1p(e^−|z|)}, sigmoid must not compute
   * {@code e^−z} for {@code z ≪ 0}.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("C3 chain rule: δ = ∂ℓ/∂a ⊙ f'(z) (softmax: the Jacobian product) for every chain-rule pair")
  class C3ChainRule {

    Stream<Arguments> cases() {
      return orNone(chainRulePairs().flatMap(pair -> SMALL_SHAPES.stream().filter(shape -> fits(pair, shape))
          .flatMap(shape -> Stream.of(TargetKind.values()).flatMap(kind -> Stream.of(Reduction.SUM, Reduction.MEAN)
              .map(reduction -> Arguments.of(pair, shape, kind, reduction))))), 4);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} targets, {3}")
    @MethodSource("cases")
    @DisplayName("C3: every chain-rule pair's delta is the oracle's ∂ℓ/∂a ⊙ f'(z) (softmax: a_k(g_k − Σ_j g_j a_j)), within the delta tolerance")
    void deltaFollowsTheChainRule(Pair pair, Shape shape, TargetKind kind, Reduction reduction) {
      assumeSomePair(pair, "chain-rule pair");
      assumeSupported(pair);
      Sample sample = Sample.draw("C3 " + pair + " " + shape + " " + kind, pair, shape, kind, MODERATE);
      LossResult result = evaluateCopies(pair, sample, reduction);
      assertDeltaMatchesOracle(pair, sample, reduction, result);
    }

    Stream<Arguments> largeLogits() {
      return orNone(chainRulePairs().filter(ExtremeSamples::wellConditionedFar).flatMap(pair ->
          ExtremeSamples.chainRuleMagnitudes(pair).stream().flatMap(v -> Stream.of(TargetKind.values())
              .flatMap(kind -> ExtremeSamples.c3(pair, v, kind)
                  .filter(sample -> ExtremeSamples.valid(pair, sample))
                  .map(sample -> Arguments.of(pair, Named.of(sample.name(), sample)))))), 2);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("largeLogits")
    @DisplayName("C3: at logits up to |z| = 1000, wherever the loss stays finite, a chain-rule pair's loss is finite and true and its delta is still the oracle's (softmax + squared-error at z = [800, 0, −800] has loss ≈ 1, not an overflow)")
    void largeLogitsStayFinite(Pair pair, Sample sample) {
      assumeSomePair(pair, "chain-rule pair that stays well conditioned at large logits");
      assumeSupported(pair);
      LossResult result = evaluateCopies(pair, sample, Reduction.SUM);
      assertLossMatchesOracle(pair, sample, Reduction.SUM, result.loss());
      assertDeltaMatchesOracle(pair, sample, Reduction.SUM, result);
    }
  }

  /**
   * <b>C4 finite differences</b>: for every pair the delta agrees with central differences {@code
   * (J(z + h) − J(z − h)) / 2h} of the backend's own loss, element by element, within the
   * finite-difference tolerances (api {@link GradientCheck}). For a plugin pair declared canonical
   * this is what proves or refutes the claim {@code δ = a − y}.
   *
   * <p>If this fails while C1/C3 pass, the loss value and the delta disagree: usually the loss has
   * a different scale from the delta (a stray ½ or {@code 1/n}), or MEAN scales only one of them;
   * for a pair declared canonical, the message says whether the loss's own value refutes the
   * claim.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("C4 finite differences: δ is the gradient of the backend's own loss")
  class C4FiniteDifferences {

    Stream<Arguments> cases() {
      return orNone(allPairs().flatMap(pair -> Stream.of(Shape.of(1, 4), Shape.of(3, 5)).filter(shape -> fits(pair, shape))
          .flatMap(shape -> Stream.of(Reduction.SUM, Reduction.MEAN).map(reduction -> Arguments.of(pair, shape, reduction)))), 3);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("cases")
    @DisplayName("C4: every pair's delta agrees with central differences of the backend's own loss value")
    void deltaIsTheNumericGradient(Pair pair, Shape shape, Reduction reduction) {
      assumeSomePair(pair, "pair");
      assumeSupported(pair);
      Sample sample = Sample.draw("C4 " + pair + " " + shape, pair, shape, TargetKind.SOFT, SMALL);
      GradientCheck.Result check = blamingTheBackend(sample, () -> GradientCheck.run(
          subject, pair, sample.z(), sample.y(), reduction, tolerances.gradientCheck()));
      CanonicalClaim.check(pair, backend.id(), "C4", sample, tolerances, () -> assertThat(check.passed())
          .as("%s: delta %s at row %d, column %d but the central difference is %s (relative error %s, allowed %s)",
              context(sample), check.analytic(), check.worstRow(), check.worstColumn(), check.numeric(),
              check.maxRelativeError(), tolerances.finiteDifferenceRelative())
          .isTrue());
    }
  }

  /**
   * <b>C5 loss value</b>: for every pair the loss equals the oracle's (stable forms for matched
   * pairs, {@code ℓ(f(z), y)} otherwise, compensated sums) within {@code loss·max(1, |J|)}, on
   * small batches for every pair and on 512 × 1000 batches for the matched pairs.
   *
   * <p>If this fails, check the loss's scale (½ for squared error, no {@code 1/n}; MEAN divides by
   * rows only), that Poisson drops {@code log y!}, and, for large batches only, the summation: add
   * in blocks or with compensation rather than one naive running sum.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("C5 loss value: J equals the oracle's, summed carefully")
  class C5LossValue {

    Stream<Arguments> cases() {
      Stream<Arguments> small = allPairs().flatMap(pair -> Stream.of(Shape.of(7, 3), Shape.of(64, 10))
          .filter(shape -> fits(pair, shape)).flatMap(shape -> Stream.of(Reduction.SUM, Reduction.MEAN).map(reduction -> Arguments.of(pair, shape, reduction))));
      Stream<Arguments> large = canonicalPairs().map(pair -> Arguments.of(pair, LARGE, Reduction.SUM));
      return Stream.concat(small, large);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("cases")
    @DisplayName("C5: every pair's loss equals the oracle's within the loss tolerance")
    void lossEqualsOracle(Pair pair, Shape shape, Reduction reduction) {
      assumeSupported(pair);
      Sample sample = Sample.draw("C5 " + pair + " " + shape, pair, shape, TargetKind.SOFT, boundFor(pair));
      double loss = evaluateCopies(pair, sample, reduction).loss();
      assertLossMatchesOracle(pair, sample, reduction, loss);
    }
  }

  /**
   * <b>C6 reductions</b>: {@code MEAN} is {@code SUM / m} for the loss and for every delta element,
   * {@code m} being the number of rows (never rows × columns); {@code NONE} gives {@code J = Σ_i
   * ℓ_i} (the example losses, which sum to SUM's loss) and SUM's delta; without options {@code
   * MEAN_BY_WEIGHT} is {@code MEAN} (every {@code W_i = 1}).
   *
   * <p>If this fails, check that MEAN divides by the number of examples, not outputs, and scales
   * the delta as well as the loss; that NONE is not treated as MEAN; and that mean-by-weight
   * without weights divides by {@code m}.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("C6 reductions: MEAN is SUM / m, NONE is SUM with the example losses, mean-by-weight without options is MEAN")
  class C6Reductions {

    Stream<Arguments> cases() {
      return allPairs().flatMap(pair -> Stream.of(Shape.of(7, 3), Shape.of(64, 10)).filter(shape -> fits(pair, shape))
          .map(shape -> Arguments.of(pair, shape)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    @DisplayName("C6: MEAN gives SUM / m, m the number of rows, for the loss and every delta element; NONE gives SUM's loss and delta and example losses summing to it; mean-by-weight without options gives MEAN")
    void meanIsSumOverRows(Pair pair, Shape shape) {
      assumeSupported(pair);
      Sample sample = Sample.draw("C6 " + pair + " " + shape, pair, shape, TargetKind.SOFT, boundFor(pair));
      LossResult sum = evaluateCopies(pair, sample, Reduction.SUM);
      LossResult mean = evaluateCopies(pair, sample, Reduction.MEAN);
      double m = shape.rows();
      double expectedLoss = sum.loss() / m;
      Agreement.assertValuesAgree("the MEAN loss (SUM / m)", mean.loss(), expectedLoss,
          tolerances.lossBound(expectedLoss), context(sample));
      Batch expected = sum.delta().copy();
      double[] e = expected.array();
      for (int k = 0; k < e.length; k++) {
        e[k] /= m;
      }
      Agreement.assertBatchesAgree("the MEAN delta (SUM delta / m)", mean.delta(), expected,
          tolerances::deltaBound, context(sample));
      LossResult none = evaluateCopies(pair, sample, Reduction.NONE);
      Agreement.assertValuesAgree("the NONE loss (SUM's)", none.loss(), sum.loss(), tolerances.lossBound(sum.loss()), context(sample));
      Agreement.assertBatchesAgree("the NONE delta (SUM's)", none.delta(), sum.delta(), tolerances::deltaBound, context(sample));
      double total = io.github.deltapair.reference.CompensatedSum.of(none.exampleLosses());
      Agreement.assertValuesAgree("the sum of NONE's example losses (SUM's loss)", total, sum.loss(),
          tolerances.lossBound(sum.loss()), context(sample));
      LossResult byWeight = evaluateCopies(pair, sample, Reduction.MEAN_BY_WEIGHT);
      Agreement.assertValuesAgree("the mean-by-weight loss without options (MEAN's)", byWeight.loss(), mean.loss(),
          tolerances.lossBound(mean.loss()), context(sample));
      Agreement.assertBatchesAgree("the mean-by-weight delta without options (MEAN's)", byWeight.delta(), mean.delta(),
          tolerances::deltaBound, context(sample));
    }
  }

  /**
   * <b>C7 bad input</b> (the contract's §6): shape mismatches, non-finite logits or targets,
   * {@code exp} overflow, results that overflow, targets outside the loss's domain (focal's {@code
   * y ∉ [0, 1]}, poisson's {@code y < 0}, …), cross-entropy and kl-divergence rows off the simplex,
   * softmax over one column, chain-rule pairs where the activation saturates, and bad output
   * buffers are rejected with an {@link IllegalArgumentException} whose message names the argument
   * ({@code z}, {@code y} or {@code deltaOut}) and the row and column, and the inputs are left bit
   * for bit as they were. Bad options ({@link BadInputs#options()}: weights of the wrong length,
   * negative, NaN or infinite, a zero pos_weight, an option the loss does not support, a mask not
   * 0/1 or splitting a softmax row, labels out of range beside options) are rejected naming the
   * option and its row or column, and a smoothing outside {@code [0, 1)} cannot be set. Activations
   * and losses that do not fit (softmax + focal, identity + focal) cannot be made into a pair, and
   * malformed or out-of-range loss names cannot be parsed.
   *
   * <p>If this fails, check that nothing writes to {@code z} or {@code y} before validating, that
   * the kernel does not clamp or "clean" inputs instead of rejecting them, and, for a backend whose
   * {@link Backend#checksInputs(Pair)} is true, that its {@code compute} really returns a non-finite
   * {@code J} for every input that breaks a rule (the evaluator then skips its own pass).
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("C7 bad input: rejected with a message naming argument, row and column; inputs unchanged")
  class C7BadInput {

    Stream<Arguments> cases() {
      return Stream.of(Overload.values()).flatMap(overload ->
          BadInputs.all().stream().map(bad -> Arguments.of(bad, overload)));
    }

    @ParameterizedTest(name = "{0}, through {1}")
    @MethodSource("cases")
    @DisplayName("C7: every input the contract's §6 rejects throws an IllegalArgumentException naming the argument, row and column, and leaves z and y bit for bit unchanged")
    void badInputIsRejected(BadInput bad, Overload overload) {
      assumeSupported(bad.pair());
      Sample before = new Sample(bad.toString(), bad.z().copy(), bad.y().copy());
      Throwable thrown = catchThrowable(() -> overload.call(subject, bad.pair(), bad.z(), bad.y(), Reduction.SUM));
      Agreement.assertSameBits("z", bad.z(), before.z(), context(before));
      Agreement.assertSameBits("y", bad.y(), before.y(), context(before));
      assertThat(thrown).as("C7 (docs/contract.md §5, rules in §6): backend '%s' given %s must throw IllegalArgumentException", backend.id(), bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertMessagePointsAt(context(before), thrown.getMessage(), bad.argument(), bad.row(), bad.column());
    }

    /** Bad class-index labels (and a NaN logit in a kept row), each with what the message must name. */
    Stream<Arguments> badLabels() {
      Pair ce = Pair.of(io.github.deltapair.Activation.SOFTMAX, Loss.CROSS_ENTROPY);
      Pair kl = Pair.of(io.github.deltapair.Activation.SOFTMAX, Loss.KL_DIVERGENCE);
      Pair dense = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
      double[][] finite = {{0.5, -1.0, 2.0}, {0.0, 1.0, -0.5}, {1.5, 0.25, -2.0}};
      double[][] nanKept = {{0.5, -1.0, 2.0}, {Double.NaN, 1.0, -0.5}, {1.5, 0.25, -2.0}};
      double[][] nanIgnoredAndKept = {{Double.NaN, Double.NaN, Double.NaN}, {0.0, 1.0, -0.5}, {1.5, Double.NaN, -2.0}};
      List<Arguments> cases = List.of(
          Arguments.of("label 3 at row 1 with 3 columns", ce, finite, Labels.of(new int[] {0, 3, 1}), "labels", 1, BadInput.NONE),
          Arguments.of("label −1 at row 2 without ignore_index", ce, finite, Labels.of(new int[] {0, 1, -1}), "labels", 2, BadInput.NONE),
          Arguments.of("label −1 at row 1 with ignore_index −100", kl, finite, Labels.of(new int[] {0, -1, -100}, -100), "labels", 1, BadInput.NONE),
          Arguments.of("label 5 at row 0 with ignore_index 3", ce, finite, Labels.of(new int[] {5, 3, 0}, 3), "labels", 0, BadInput.NONE),
          Arguments.of("2 labels for 3 rows", ce, finite, Labels.of(new int[] {0, 1}), "labels", BadInput.NONE, BadInput.NONE),
          Arguments.of("labels with binary-cross-entropy, which takes dense y", dense, finite, Labels.of(new int[] {0, 1, 0}), "labels", BadInput.NONE, BadInput.NONE),
          Arguments.of("NaN in z at row 1, column 0, a kept row", ce, nanKept, Labels.of(new int[] {0, 2, 1}, -100), "z", 1, 0),
          Arguments.of("NaN in z at row 2, column 1, kept, after an ignored row of NaN", kl, nanIgnoredAndKept, Labels.of(new int[] {-100, 2, 1}, -100), "z", 2, 1));
      return Stream.of(Overload.values()).flatMap(overload -> cases.stream().map(c -> {
        Object[] a = c.get();
        return Arguments.of(Named.of((String) a[0], a[1]), a[2], a[3], a[4], a[5], a[6], overload);
      }));
    }

    @ParameterizedTest(name = "{0}, through {6}")
    @MethodSource("badLabels")
    @DisplayName("C7 (labels): a label out of range, negative without being the ignore_index, the wrong number of labels, labels with a loss that takes dense y, or a NaN logit in a kept row is rejected with an IllegalArgumentException naming labels (or z) and the row, z and labels unchanged")
    void badLabelsAreRejected(Pair pair, double[][] values, Labels labels, String argument, int row, int column, Overload overload) {
      assumeSupported(pair);
      Batch z = Batch.of(values);
      Batch zBefore = z.copy();
      int[] labelsBefore = labels.array().clone();
      Sample named = new Sample("C7 labels " + pair + " " + labels, zBefore, zBefore);
      Throwable thrown = catchThrowable(() -> overload.call(subject, pair, z, labels, Reduction.SUM));
      Agreement.assertSameBits("z", z, zBefore, context(named));
      assertThat(labels.array()).as("%s: labels must be left unchanged", context(named)).containsExactly(labelsBefore);
      assertThat(thrown).as("C7 (docs/contract.md §5, rules in §6): backend '%s' given %s must throw IllegalArgumentException", backend.id(), labels)
          .isInstanceOf(IllegalArgumentException.class);
      assertMessagePointsAt(context(named), thrown.getMessage(), argument, row, column);
    }

    Stream<Arguments> badOptions() {
      return Stream.of(Overload.values()).flatMap(overload ->
          BadInputs.options().stream().map(bad -> Arguments.of(bad, overload)));
    }

    @ParameterizedTest(name = "{0}, through {1}")
    @MethodSource("badOptions")
    @DisplayName("C7 (options): weights of the wrong length, negative, NaN or infinite, a zero pos_weight, labels out of range beside options, an option the loss does not support (pos_weight with cross-entropy, labels with poisson, smoothing with squared-error), a mask not 0/1 or splitting a softmax row, or a NaN logit in a kept entry is rejected with an IllegalArgumentException naming the option (or argument), row and column; nothing is modified")
    void badOptionsAreRejected(BadOption bad, Overload overload) {
      assumeSupported(bad.pair());
      OptionSample before = new OptionSample(bad.toString(), bad.z(), bad.targets(), bad.options()).copy();
      Sample named = new Sample("C7 options " + bad, before.z(), before.z());
      Throwable thrown = catchThrowable(() -> overload.call(subject, bad.pair(), bad.z(), bad.targets(), bad.options(), Reduction.SUM));
      assertThat(new OptionSample(bad.toString(), bad.z(), bad.targets(), bad.options()).sameBits(before))
          .as("%s: z, the targets and the options' arrays must be left bit for bit unchanged", context(named)).isTrue();
      assertThat(thrown).as("C7 (docs/contract.md §5, rules in §2b and §6): backend '%s' given %s must throw IllegalArgumentException", backend.id(), bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertMessagePointsAt(context(named), thrown.getMessage(), bad.argument(), bad.row(), bad.column());
    }

    Stream<Double> badSmoothing() {
      return Stream.of(1.0, 1.5, -0.1, Double.NaN, Double.POSITIVE_INFINITY);
    }

    @ParameterizedTest(name = "label_smoothing {0}")
    @MethodSource("badSmoothing")
    @DisplayName("C7 (options): a label smoothing outside [0, 1) cannot even be set, and the message names label_smoothing")
    void badSmoothingIsRejected(Double epsilon) {
      Throwable thrown = catchThrowable(() -> Options.NONE.withLabelSmoothing(epsilon));
      assertThat(thrown).as("C7 (docs/contract.md §5, rules in §2b): Options.withLabelSmoothing(%s) must throw IllegalArgumentException", epsilon)
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).contains("label_smoothing");
    }

    Stream<Arguments> buffers() {
      return Stream.of("of the wrong shape", "sharing z's array", "sharing y's array").map(Arguments::of);
    }

    @ParameterizedTest(name = "deltaOut {0}")
    @MethodSource("buffers")
    @DisplayName("C7: a deltaOut buffer of the wrong shape or aliasing an input is rejected naming deltaOut, inputs unchanged")
    void badBufferIsRejected(String problem) {
      Pair pair = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
      assumeSupported(pair);
      Sample sample = Sample.draw("C7 deltaOut " + problem, pair, BadInputs.SHAPE, TargetKind.SOFT, SMALL);
      Sample before = sample.copy();
      Batch out = switch (problem) {
        case "sharing z's array" -> Batch.wrap(sample.z().array(), sample.z().rows(), sample.z().cols());
        case "sharing y's array" -> Batch.wrap(sample.y().array(), sample.y().rows(), sample.y().cols());
        default -> Batch.zeros(sample.z().cols(), sample.z().rows());
      };
      Throwable thrown = catchThrowable(() -> subject.evaluate(pair, sample.z(), sample.y(), Reduction.SUM, out));
      Agreement.assertSameBits("z", sample.z(), before.z(), context(sample));
      Agreement.assertSameBits("y", sample.y(), before.y(), context(sample));
      assertThat(thrown).as("C7 (docs/contract.md §5, rules in §6): backend '%s' given deltaOut %s must throw IllegalArgumentException", backend.id(), problem)
          .isInstanceOf(IllegalArgumentException.class);
      assertMessagePointsAt(context(sample), thrown.getMessage(), "deltaOut", BadInput.NONE, BadInput.NONE);
    }

    Stream<BadPairing> pairings() {
      return BadInputs.pairings().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    @DisplayName("C7: an activation whose range does not fit the loss's domain cannot be made into a pair (softmax + focal, identity + focal), and the message names both and says why")
    void misfitPairsAreRejected(BadPairing bad) {
      Throwable thrown = catchThrowable(() -> Pair.of(bad.activation(), bad.loss()));
      assertThat(thrown).as("C7 (docs/contract.md §5, rules in §6): new Pair(%s, %s) must throw IllegalArgumentException", bad.activation().id(), bad.loss().name())
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("the message for %s", bad)
          .contains(bad.activation().id()).contains(bad.loss().name()).contains("not a valid pair");
    }

    Stream<BadLossName> lossNames() {
      return BadInputs.lossNames().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lossNames")
    @DisplayName("C7: a malformed loss name, an unknown parameter or one out of range is rejected, naming the parameter (huber(delta=-1.0), focal(gamma=2.0, alpha=1.5))")
    void badLossNamesAreRejected(BadLossName bad) {
      Throwable thrown = catchThrowable(() -> Loss.fromId(bad.name()));
      assertThat(thrown).as("C7 (docs/contract.md §5, rules in §6): Loss.fromId(%s) must throw IllegalArgumentException", bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("the message for %s", bad).contains(bad.mentions());
    }

    Stream<Arguments> shapes() {
      return Stream.<Named<ThrowingCallable>>of(
          Named.of("0 rows", () -> Batch.zeros(0, 3)),
          Named.of("0 columns", () -> Batch.zeros(3, 0)),
          Named.of("−1 rows", () -> Batch.wrap(new double[0], -1, 2)),
          Named.of("65536 × 65536, beyond the largest array", () -> Batch.zeros(65536, 65536)),
          Named.of("6 values wrapped as 2 × 4", () -> Batch.wrap(new double[6], 2, 4)))
          .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    @DisplayName("C7: a batch with zero rows or columns, or more elements than a Java array holds, cannot even be built")
    void impossibleBatchesAreRejected(ThrowingCallable creation) {
      assertThat(catchThrowable(creation)).as("C7 (docs/contract.md §5, rules in §6): building the batch must throw IllegalArgumentException")
          .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertMessagePointsAt(String where, String message, String argument, int row, int column) {
      assertThat(message).as("C7 (docs/contract.md §5, rules in §6): %s: the exception's message", where).isNotBlank();
      assertThat(message).as("C7 (docs/contract.md §5, rules in §6): %s: the message must name the argument '%s'", where, argument)
          .containsPattern("(?<![\\w.])" + Pattern.quote(argument) + "(?!\\w)");
      if (row != BadInput.NONE) {
        assertThat(message).as("C7 (docs/contract.md §5, rules in §6): %s: the message must name row %d", where, row).containsPattern("\\brow " + row + "\\b");
      }
      if (column != BadInput.NONE) {
        assertThat(message).as("C7 (docs/contract.md §5, rules in §6): %s: the message must name column %d", where, column).containsPattern("\\bcolumn " + column + "\\b");
      }
    }
  }

  /**
   * <b>C8 purity and threads</b>: {@code evaluate} never writes to {@code z} or {@code y} (through
   * either overload), returns results that share no array with them, gives the same bits on every
   * call and through both overloads, and {@value #THREADS} threads calling it concurrently on
   * shared inputs get exactly the bits of sequential calls.
   *
   * <p>If this fails, look for scratch space kept in fields (a backend must be stateless), work
   * done in place on the caller's arrays (subtracting the row max from {@code z}, say), results
   * that wrap an input's array, or summation whose order depends on thread scheduling.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("C8 purity and threads: inputs untouched, results deterministic, threads agree bit for bit")
  class C8PurityAndThreads {

    Stream<Arguments> purity() {
      return allPairs().flatMap(pair -> Stream.of(Overload.values()).map(o -> Arguments.of(pair, o)));
    }

    Stream<Pair> pairs() {
      return allPairs();
    }

    @ParameterizedTest(name = "{0}, through {1}")
    @MethodSource("purity")
    @DisplayName("C8: evaluating leaves z and y bit for bit as they were, and the result shares no array with them")
    void inputsAreUntouched(Pair pair, Overload overload) {
      assumeSupported(pair);
      Sample sample = Sample.draw("C8 purity " + pair, pair, PURITY_SHAPE, TargetKind.SOFT, boundFor(pair));
      Sample before = sample.copy();
      LossResult result = overload.call(subject, pair, sample.z(), sample.y(), Reduction.MEAN);
      Agreement.assertSameBits("z", sample.z(), before.z(), context(sample));
      Agreement.assertSameBits("y", sample.y(), before.y(), context(sample));
      for (Batch input : List.of(sample.z(), sample.y())) {
        assertThat(result.delta().sharesArrayWith(input) || result.activations().sharesArrayWith(input))
            .as("%s: the result must not wrap an input's array", context(sample)).isFalse();
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @DisplayName("C8: repeated calls and both evaluate overloads give the same loss and delta, bit for bit")
    void resultsAreDeterministic(Pair pair) {
      assumeSupported(pair);
      Sample sample = Sample.draw("C8 determinism " + pair, pair, PURITY_SHAPE, TargetKind.SOFT, boundFor(pair));
      LossResult first = subject.evaluate(pair, sample.z(), sample.y(), Reduction.SUM);
      LossResult second = subject.evaluate(pair, sample.z(), sample.y(), Reduction.SUM);
      Batch buffer = Batch.zeros(PURITY_SHAPE.rows(), PURITY_SHAPE.cols());
      double viaBuffer = subject.evaluate(pair, sample.z(), sample.y(), Reduction.SUM, buffer);
      assertThat(List.of(second.loss(), viaBuffer)).as("%s: loss of repeated calls", context(sample))
          .allSatisfy(l -> assertThat(Double.doubleToRawLongBits(l)).isEqualTo(Double.doubleToRawLongBits(first.loss())));
      Agreement.assertSameBits("delta of a repeated call", second.delta(), first.delta(), context(sample));
      Agreement.assertSameBits("delta through the deltaOut overload", buffer, first.delta(), context(sample));
      Agreement.assertSameBits("a = f(z) of a repeated call", second.activations(), first.activations(), context(sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    @DisplayName("C8: " + THREADS + " threads evaluating shared inputs concurrently, through both overloads and reductions, get exactly the bits of sequential calls")
    void concurrentCallsMatchSequentialCalls(Pair pair) throws Exception {
      assumeSupported(pair);
      Sample sample = Sample.draw("C8 threads " + pair, pair, PURITY_SHAPE, TargetKind.SOFT, boundFor(pair));
      Sample before = sample.copy();
      List<LossResult> expected = new ArrayList<>();
      for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.MEAN}) {
        expected.add(subject.evaluate(pair, before.z(), before.y(), reduction));
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          outcomes.add(pool.submit(() -> {
            start.await();
            return hammer(pair, sample, expected);
          }));
        }
        start.countDown();
        for (Future<String> outcome : outcomes) {
          assertThat(outcome.get(20, TimeUnit.SECONDS)).as("%s: a concurrent call", context(sample)).isEmpty();
        }
      } finally {
        pool.shutdownNow();
      }
      Agreement.assertSameBits("z", sample.z(), before.z(), context(sample));
      Agreement.assertSameBits("y", sample.y(), before.y(), context(sample));
    }

    /** {@value #ROUNDS} rounds of both overloads and reductions; "" or the first mismatch. */
    private String hammer(Pair pair, Sample sample, List<LossResult> expected) {
      Batch buffer = Batch.zeros(PURITY_SHAPE.rows(), PURITY_SHAPE.cols());
      for (int round = 0; round < ROUNDS; round++) {
        for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.MEAN}) {
          LossResult want = expected.get(reduction.ordinal());
          LossResult got = subject.evaluate(pair, sample.z(), sample.y(), reduction);
          double viaBuffer = subject.evaluate(pair, sample.z(), sample.y(), reduction, buffer);
          long bits = Double.doubleToRawLongBits(want.loss());
          if (Double.doubleToRawLongBits(got.loss()) != bits || Double.doubleToRawLongBits(viaBuffer) != bits
              || !got.delta().sameBits(want.delta()) || !buffer.sameBits(want.delta())
              || !got.activations().sameBits(want.activations())) {
            return "round " + round + ", " + reduction + ": loss " + got.loss() + " / " + viaBuffer
                + " or the delta differs from the sequential result (loss " + want.loss() + ")";
          }
        }
      }
      return "";
    }
  }

  /**
   * <b>C9 cross-backend</b>: every other backend discovered on the test class path ({@link
   * #peers()}) gives the same loss and delta as the backend under test, within the delta tolerance
   * of C1, for every pair of the catalog, with class-index labels (with and without {@code
   * ignore_index}), and under the widest option set each loss supports with mean-by-weight (example
   * losses too). With no other backend the tests are skipped, never passed.
   *
   * <p>If this fails while C1–C6 pass for both backends, one of them is right only within the
   * wider tolerances of finite differences: compare both with {@link ReferenceOracle} on the
   * reported case.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("C9 cross-backend: every discovered backend gives the same results")
  class C9CrossBackend {

    Stream<Arguments> cases() {
      return allPairs().flatMap(pair -> Stream.of(Reduction.SUM, Reduction.MEAN).map(r -> Arguments.of(pair, r)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    @DisplayName("C9: every other discovered backend agrees with this one on loss and delta within the C1 tolerance")
    void peersAgree(Pair pair, Reduction reduction) {
      assumeSupported(pair);
      List<Backend> peers = discoveredPeers().stream().filter(peer -> peer.supports(pair)).toList();
      Assumptions.assumeFalse(peers.isEmpty(), () -> "C9 skipped: no peer of '" + backend.id()
          + "' computes " + pair + " (each declares supports(Pair) false); add a backend that does");
      Sample sample = Sample.draw("C9 " + pair, pair, Shape.of(16, 10), TargetKind.SOFT, boundFor(pair));
      LossResult mine = evaluateCopies(pair, sample, reduction);
      for (Backend peer : peers) {
        LossResult theirs = Evaluator.of(peer).evaluate(pair, sample.z().copy(), sample.y().copy(), reduction);
        String where = context(sample) + " vs backend '" + peer.id() + "'";
        Agreement.assertValuesAgree("the loss", mine.loss(), theirs.loss(), tolerances.deltaBound(theirs.loss()), where);
        Agreement.assertBatchesAgree("delta", mine.delta(), theirs.delta(), tolerances::deltaBound, where);
      }
    }

    Stream<Arguments> labelCases() {
      return orNone(labelPairs().flatMap(pair -> Stream.of(false, true).flatMap(ignoring ->
          Stream.of(Reduction.SUM, Reduction.MEAN).map(r -> Arguments.of(pair, ignoring, r)))), 3);
    }

    @ParameterizedTest(name = "{0}, ignore_index {1}, {2}")
    @MethodSource("labelCases")
    @DisplayName("C9 (labels): every other discovered backend agrees with this one on loss and delta with class-index labels, with and without ignore_index, within the C1 tolerance")
    void peersAgreeWithLabels(Pair pair, Boolean ignoring, Reduction reduction) {
      assumeSomePair(pair, "pair whose loss takes labels");
      assumeSupported(pair);
      List<Backend> peers = discoveredPeers().stream().filter(peer -> peer.supports(pair)).toList();
      Assumptions.assumeFalse(peers.isEmpty(), () -> "C9 skipped: no peer of '" + backend.id()
          + "' computes " + pair + " (each declares supports(Pair) false); add a backend that does");
      LabelSample sample = LabelSample.draw("C9 labels " + pair + " ignoring=" + ignoring + " " + reduction,
          pair, Shape.of(16, 10), boundFor(pair), ignoring, ignoring ? Double.NaN : null);
      LossResult mine = evaluateCopies(pair, sample, reduction, Overload.RESULT);
      for (Backend peer : peers) {
        LabelSample given = sample.copy();
        LossResult theirs = Evaluator.of(peer).evaluate(pair, given.z(), given.labels(), reduction);
        String where = context(sample) + " vs backend '" + peer.id() + "'";
        Agreement.assertValuesAgree("the loss", mine.loss(), theirs.loss(), tolerances.deltaBound(theirs.loss()), where);
        Agreement.assertBatchesAgree("delta", mine.delta(), theirs.delta(), tolerances::deltaBound, where);
      }
    }

    Stream<Arguments> optionCases() {
      return widestOptionCases();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("optionCases")
    @DisplayName("C9 (options): every other discovered backend agrees with this one on loss, delta and example losses under the widest option set each loss supports, with mean-by-weight, within the C1 tolerance")
    void peersAgreeWithOptions(Pair pair, Set<LossOption> set) {
      assumeSomePair(pair, "pair");
      assumeSupported(pair);
      List<Backend> peers = discoveredPeers().stream().filter(peer -> peer.supports(pair)).toList();
      Assumptions.assumeFalse(peers.isEmpty(), () -> "C9 skipped: no peer of '" + backend.id()
          + "' computes " + pair + " (each declares supports(Pair) false); add a backend that does");
      OptionSample sample = OptionSample.draw("C9 options " + pair + " " + set, pair, Shape.of(16, 10), boundFor(pair), set);
      LossResult mine = evaluateCopies(pair, sample, Reduction.MEAN_BY_WEIGHT, Overload.RESULT);
      for (Backend peer : peers) {
        OptionSample given = sample.copy();
        LossResult theirs = Evaluator.of(peer).evaluate(pair, given.z(), given.targets(), given.options(), Reduction.MEAN_BY_WEIGHT);
        String where = context(sample) + ", mean-by-weight, vs backend '" + peer.id() + "'";
        Agreement.assertValuesAgree("the loss", mine.loss(), theirs.loss(), tolerances.deltaBound(theirs.loss()), where);
        Agreement.assertBatchesAgree("delta", mine.delta(), theirs.delta(), tolerances::deltaBound, where);
        for (int i = 0; i < mine.exampleLosses().length; i++) {
          double e = theirs.exampleLosses()[i];
          Agreement.assertValuesAgree("the example loss ℓ_" + i, mine.exampleLosses()[i], e, tolerances.deltaBound(e), where);
        }
      }
    }

    private List<Backend> discoveredPeers() {
      String advice = "add another backend jar (for example io.github.deltapair:deltapair-native) to the test"
          + " class path, or override peers()";
      List<Backend> peers;
      try {
        peers = peers();
      } catch (IllegalStateException e) {
        Assumptions.abort("C9 skipped: backend discovery failed (" + e.getMessage() + "); " + advice);
        throw e;
      }
      Assumptions.assumeFalse(peers.isEmpty(), () -> "C9 skipped: no backend other than '" + backend.id()
          + "' was discovered, so there is nothing to compare with; " + advice);
      return peers;
    }
  }

  /**
   * <b>C10 options</b> (the contract's §2b): every option a loss {@link Loss#supports supports},
   * alone and in combination ({@link OptionSample#COMBINATIONS}: class weights with zeros,
   * pos_weight, example weights with zeros, a mask (whole rows for softmax), label smoothing,
   * class-index labels with {@code ignore_index}), for each of the four reductions and through
   * every {@link Overload}, gives the oracle's loss, delta and per-example losses within the C5 and
   * C1 tolerances; what is not computed (ignored rows, rows masked out whole, masked-out entries)
   * holds NaN, is accepted, and has {@code δ = 0} and {@code ℓ_i = 0} exactly; {@code Σ W = 0}
   * under mean-by-weight gives exactly {@code J = 0} and {@code δ = 0}; and the delta agrees with
   * central differences of the backend's own loss with the options. Class-index labels alone
   * (with and without {@code ignore_index}) are checked too, as before: {@code MEAN} divides by all
   * {@code m} rows, mean-by-weight by {@code Σ W}. A plugin loss gets only the options it declares.
   *
   * <p>If this fails with ignored rows only, check that an ignored row is skipped rather than
   * computed with some placeholder label (0, say), that its row of {@code z} is not validated, and
   * that {@code MEAN} divides by {@code m}, not by the number of kept rows (PyTorch's #69339-style
   * mix-up of weighted and unweighted means); mean-by-weight divides by {@code Σ_i W_i} with
   * {@code W_i} = example weight × class weight of the label (labels only) × 0 if dropped, not by
   * {@code m}. If a masked-out entry is not 0, the mask must zero the delta, not just the loss; if
   * the loss is right and the delta is not, a weight (class, pos_weight, example) is applied to one
   * and not the other. If it fails without options, the labels path differs from the dense one:
   * compare with {@code evaluate(pair, z, labels.toOneHot(n), …)}.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("C10 options: every option alone and combined, for every reduction, gives the oracle's loss, delta and example losses")
  class C10Options {

    Stream<Arguments> labelCases() {
      return orNone(labelPairs().flatMap(pair -> SMALL_SHAPES.stream().filter(shape -> fits(pair, shape))
          .flatMap(shape -> Stream.of(Reduction.SUM, Reduction.MEAN).flatMap(reduction -> Stream.of(Overload.values())
              .map(overload -> Arguments.of(pair, shape, reduction, overload))))), 4);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}, through {3}")
    @MethodSource("labelCases")
    @DisplayName("C10: class-index labels give the oracle's loss and delta on the one-hot rows, within the loss and delta tolerances, for both reductions and both evaluate overloads")
    void labelsMatchOracle(Pair pair, Shape shape, Reduction reduction, Overload overload) {
      assumeSomePair(pair, "pair whose loss takes labels");
      assumeSupported(pair);
      LabelSample sample = LabelSample.draw("C10 labels " + pair + " " + shape + " " + reduction, pair, shape, boundFor(pair), false, null);
      LabelSample before = sample.copy();
      LossResult result = evaluateCopies(pair, sample, reduction, overload);
      assertLabelsMatchOracle(pair, sample, reduction, result);
      LossResult direct = overload.call(subject, pair, sample.z(), sample.labels(), reduction);
      Agreement.assertSameBits("z", sample.z(), before.z(), context(sample));
      assertThat(sample.labels().array()).as("%s: labels must be left unchanged", context(sample)).containsExactly(before.labels().array());
      Agreement.assertSameBits("delta of a second call on the same inputs", direct.delta(), result.delta(), context(sample));
    }

    Stream<Arguments> ignoringCases() {
      return orNone(labelPairs().flatMap(pair -> Stream.of(Shape.of(7, 3), Shape.of(64, 10)).filter(shape -> fits(pair, shape))
          .flatMap(shape -> Stream.of(Reduction.values()).flatMap(reduction -> Stream.of(Overload.values())
              .map(overload -> Arguments.of(pair, shape, reduction, overload))))), 4);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}, through {3}")
    @MethodSource("ignoringCases")
    @DisplayName("C10: with ignore_index −100 on about a quarter of the rows, whose logits are NaN, the garbage is accepted, ignored rows have δ = 0 exactly, kept rows and the loss are the oracle's, MEAN divides by all m rows and mean-by-weight by the kept rows, for every reduction")
    void ignoredRowsContributeNothing(Pair pair, Shape shape, Reduction reduction, Overload overload) {
      assumeSomePair(pair, "pair whose loss takes labels");
      assumeSupported(pair);
      LabelSample sample = LabelSample.draw("C10 ignore_index " + pair + " " + shape + " " + reduction, pair, shape, boundFor(pair), true, Double.NaN);
      LabelSample before = sample.copy();
      LossResult result = evaluateCopies(pair, sample, reduction, overload);
      assertLabelsMatchOracle(pair, sample, reduction, result);
      LossResult direct = overload.call(subject, pair, sample.z(), sample.labels(), reduction);
      Agreement.assertSameBits("z", sample.z(), before.z(), context(sample));
      assertThat(sample.labels().array()).as("%s: labels must be left unchanged", context(sample)).containsExactly(before.labels().array());
      Agreement.assertSameBits("delta of a second call on the same inputs", direct.delta(), result.delta(), context(sample));
    }

    Stream<Arguments> allIgnoredCases() {
      return orNone(labelPairs().flatMap(pair -> Stream.of(Reduction.values())
          .flatMap(reduction -> Stream.of(Overload.values()).map(overload -> Arguments.of(pair, reduction, overload)))), 3);
    }

    @ParameterizedTest(name = "{0}, {1}, through {2}")
    @MethodSource("allIgnoredCases")
    @DisplayName("C10: when every row is ignored (and holds NaN) the loss is 0 and the delta is 0, never NaN, for every reduction (mean-by-weight: Σ W = 0)")
    void everyRowIgnoredGivesZero(Pair pair, Reduction reduction, Overload overload) {
      assumeSomePair(pair, "pair whose loss takes labels");
      assumeSupported(pair);
      Shape shape = Shape.of(4, Math.max(3, pair.activation().minColumns()));
      Labels labels = Labels.of(new int[] {Inputs.IGNORE_INDEX, Inputs.IGNORE_INDEX, Inputs.IGNORE_INDEX, Inputs.IGNORE_INDEX}, Inputs.IGNORE_INDEX);
      LabelSample sample = new LabelSample("C10 all ignored " + pair + " " + reduction, Inputs.filled(shape, Double.NaN), labels);
      LossResult result = evaluateCopies(pair, sample, reduction, overload);
      assertLabelsMatchOracle(pair, sample, reduction, result);
      assertThat(result.loss()).as("%s: the loss when every example is ignored", context(sample)).isEqualTo(0.0);
    }

    Stream<Arguments> gradientCases() {
      return orNone(labelPairs().flatMap(pair -> Stream.of(Shape.of(3, 5), Shape.of(6, 4)).filter(shape -> fits(pair, shape))
          .flatMap(shape -> Stream.of(false, true).flatMap(ignoring -> Stream.of(Reduction.SUM, Reduction.MEAN)
              .map(reduction -> Arguments.of(pair, shape, ignoring, reduction))))), 4);
    }

    @ParameterizedTest(name = "{0}, {1}, ignore_index {2}, {3}")
    @MethodSource("gradientCases")
    @DisplayName("C10: with labels (and ignore_index) the delta agrees with central differences of the backend's own loss with the same labels, at moderate logits, within the C4 tolerances")
    void labelDeltaIsTheNumericGradient(Pair pair, Shape shape, Boolean ignoring, Reduction reduction) {
      assumeSomePair(pair, "pair whose loss takes labels");
      assumeSupported(pair);
      LabelSample sample = LabelSample.draw("C10 finite differences " + pair + " " + shape + " ignoring=" + ignoring + " " + reduction,
          pair, shape, SMALL, ignoring, null);
      String mismatch = blamingTheBackend(new Sample(sample.name(), sample.z(), sample.z()),
          () -> gradientMismatch(pair, sample.z(), sample.labels(), Options.NONE, reduction));
      assertThat(mismatch).as("%s: central differences of the backend's own loss with %s", context(sample), sample.labels()).isEmpty();
    }

    Stream<Arguments> optionCases() {
      return orNone(allPairs().flatMap(pair -> OptionSample.combinationsFor(pair.loss()).stream()
          .flatMap(set -> Stream.of(Reduction.SUM, Reduction.MEAN, Reduction.MEAN_BY_WEIGHT)
              .map(reduction -> Arguments.of(pair, named(set), reduction)))), 3);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("optionCases")
    @DisplayName("C10: every option a loss supports, alone and combined (class weights with zeros × pos_weight × example weights with zeros × mask × label smoothing × labels with ignore_index), gives the oracle's loss, delta and example losses for every reduction (sum, and none beside it) through every overload, exactly 0 where nothing is computed, NaN there accepted, inputs unchanged")
    void optionsMatchOracle(Pair pair, Set<LossOption> set, Reduction reduction) {
      assumeSomePair(pair, "pair");
      assumeSupported(pair);
      OptionSample sample = OptionSample.draw("C10 options " + pair + " " + set + " " + reduction.id(), pair,
          OPTION_SHAPE, boundFor(pair), set);
      // none is sum with the example losses as the result: checked beside sum, on the same sample
      for (Reduction r : reduction == Reduction.SUM ? List.of(Reduction.SUM, Reduction.NONE) : List.of(reduction)) {
        optionsMatchOracle(pair, sample, r);
      }
    }

    private void optionsMatchOracle(Pair pair, OptionSample sample, Reduction reduction) {
      for (Overload overload : Overload.values()) {
        OptionSample given = sample.copy();
        Sample named = new Sample(sample.name(), sample.z(), sample.z());
        LossResult result = blamingTheBackend(named, () -> overload.call(subject, pair, given.z(), given.targets(),
            given.options(), reduction));
        assertThat(given.sameBits(sample)).as("%s: z, the targets and the options' arrays must be left bit for bit"
            + " unchanged through %s", context(sample), overload).isTrue();
        assertOptionsMatchOracle(pair, sample, reduction, overload, result);
      }
    }

    Stream<Arguments> zeroWeightCases() {
      return orNone(allPairs().flatMap(pair -> Stream.of("every example weight 0", "every label's class weight 0 or the label ignored")
          .filter(how -> how.startsWith("every example") ? pair.loss().supports(LossOption.EXAMPLE_WEIGHTS)
              : pair.loss().supports(LossOption.LABELS) && pair.loss().supports(LossOption.CLASS_WEIGHTS))
          .map(how -> Arguments.of(pair, how))), 2);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("zeroWeightCases")
    @DisplayName("C10: under mean-by-weight with Σ W = 0 (every example weight 0, or every label's class weight 0 or ignored) the loss is exactly 0 and the delta exactly 0, never NaN, through every overload")
    void zeroTotalWeightGivesZero(Pair pair, String how) {
      assumeSomePair(pair, "pair");
      assumeSupported(pair);
      Shape shape = Shape.of(6, Math.max(4, pair.activation().minColumns()));
      Set<LossOption> widest = OptionSample.widestFor(pair.loss());
      OptionSample drawn = OptionSample.draw("C10 Σ W = 0 " + pair + " " + how, pair, shape, boundFor(pair),
          how.startsWith("every example") ? widest : Set.of(LossOption.LABELS, LossOption.IGNORE_INDEX,
              LossOption.CLASS_WEIGHTS, LossOption.LABEL_SMOOTHING));
      Options options = drawn.options();
      Targets targets = drawn.targets();
      if (how.startsWith("every example")) {
        options = withExampleWeights(options, new double[shape.rows()]);
      } else {
        // class weights 0 on every class a kept label names, 1 elsewhere
        Labels labels = (Labels) targets;
        double[] w = new double[shape.cols()];
        java.util.Arrays.fill(w, 1.0);
        for (int i = 0; i < labels.size(); i++) {
          if (!labels.isIgnored(i)) {
            w[labels.get(i)] = 0.0;
          }
        }
        if (java.util.Arrays.stream(w).allMatch(v -> v == 0.0)) {
          w[0] = 1.0;
          labels.array()[0] = 1;
          w[1] = 0.0;
          for (int i = 0; i < labels.size(); i++) {
            if (!labels.isIgnored(i)) {
              labels.array()[i] = 1;
            }
          }
        }
        options = options.withClassWeights(w);
      }
      OptionSample sample = new OptionSample(drawn.name(), drawn.z(), targets, options);
      Assumptions.assumeTrue(ReferenceOracle.totalWeight(targets, options, shape.cols()) == 0.0,
          "the case must have Σ W = 0");
      for (Overload overload : Overload.values()) {
        LossResult result = evaluateCopies(pair, sample, Reduction.MEAN_BY_WEIGHT, overload);
        String where = context(sample) + ", mean-by-weight, through " + overload;
        assertThat(result.loss()).as("%s: the loss with Σ W = 0", where).isEqualTo(0.0);
        double[] d = result.delta().array();
        for (int k = 0; k < d.length; k++) {
          assertThat(d[k] == 0.0).as("%s: delta at row %d, column %d is %s but with Σ W = 0 it must be exactly 0",
              where, k / shape.cols(), k % shape.cols(), d[k]).isTrue();
        }
        assertOptionsMatchOracle(pair, sample, Reduction.MEAN_BY_WEIGHT, overload, result);
      }
    }

    Stream<Arguments> optionGradientCases() {
      return widestOptionCases();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("optionGradientCases")
    @DisplayName("C10: under the widest option set a loss supports, the mean-by-weight delta agrees with central differences of the backend's own loss with the same options, at moderate logits, within the C4 tolerances (NaN entries, never read, have δ = 0)")
    void optionDeltaIsTheNumericGradient(Pair pair, Set<LossOption> set) {
      assumeSomePair(pair, "pair");
      assumeSupported(pair);
      Shape shape = Shape.of(4, Math.max(3, pair.activation().minColumns()));
      OptionSample sample = OptionSample.draw("C10 options finite differences " + pair + " " + set, pair, shape, SMALL, set);
      String mismatch = blamingTheBackend(new Sample(sample.name(), sample.z(), sample.z()),
          () -> gradientMismatch(pair, sample.z(), sample.targets(), sample.options(), Reduction.MEAN_BY_WEIGHT));
      assertThat(mismatch).as("%s: central differences of the backend's own loss", context(sample)).isEmpty();
    }
  }
}

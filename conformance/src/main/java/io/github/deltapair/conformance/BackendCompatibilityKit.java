package io.github.deltapair.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Labels;
import io.github.deltapair.Loss;
import io.github.deltapair.LossOption;
import io.github.deltapair.LossResult;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
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
 * options), C8 purity and threads, C9 cross-backend (with labels and options), C10 options
 * (every option of the contract's §2b a loss supports, alone and combined, for every reduction),
 * and C11 float32 (C1–C8 and part of C10 again for float32 batches, §2c).
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
 * constructor for the batch's precision. All inputs are seeded ({@link Inputs#seeded}), so a
 * failure replays exactly. The kit calls the backend only through {@link Evaluator#of(Backend)},
 * as users do.
 *
 * <p>The kit is parameterised by {@link Precision}, not copied: the rule of each clause C1–C8
 * (and C10's options and ignore_index) is one method taking the precision, with a case stream
 * taking it too; the clause's own nested class calls it with float64, {@code C11Float32} with
 * float32. A float32 case is the float64 case's seeded inputs rounded ({@link Sample#in}), judged
 * against the float64 oracle on their exact widening with {@link Tolerances#FLOAT32}; C4 then
 * differences that oracle's loss rather than the backend's float32 one, which is too coarse to
 * difference. {@code C11Float32}'s javadoc says what else differs and which subset of cases it runs.
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
  /**
   * C5's large batch in float32 (C11), smaller for time: its 131 072 terms still put a float32
   * running sum about 10⁻⁵ off, ten times the tolerance.
   */
  private static final Shape LARGE_FLOAT32 = Shape.of(128, 1000);
  private static final Shape PURITY_SHAPE = Shape.of(8, 5);
  /** The batches of clause C10's option cases: enough rows for zeros, ignored and masked rows. */
  private static final Shape OPTION_SHAPE = Shape.of(12, 5);

  private static final int THREADS = 8;
  private static final int ROUNDS = 50;
  /** C8's rounds per thread in float32 (C11): fewer, for time. */
  private static final int FLOAT32_ROUNDS = 5;

  /**
   * The option sets C11 runs in float32, a subset of C10's {@link OptionSample#COMBINATIONS} (for
   * time): class weights, pos_weight and a mask alone, labels with ignore_index and smoothing, and
   * the widest dense set; each as far as the loss supports it.
   */
  private static final List<Set<LossOption>> FLOAT32_OPTION_SETS = List.of(
      EnumSet.of(LossOption.CLASS_WEIGHTS),
      EnumSet.of(LossOption.POS_WEIGHT),
      EnumSet.of(LossOption.MASK),
      EnumSet.of(LossOption.LABELS, LossOption.IGNORE_INDEX, LossOption.LABEL_SMOOTHING),
      EnumSet.of(LossOption.CLASS_WEIGHTS, LossOption.POS_WEIGHT, LossOption.EXAMPLE_WEIGHTS,
          LossOption.MASK, LossOption.LABEL_SMOOTHING));

  private final Tolerances tolerances;
  private final Tolerances float32Tolerances;
  private Backend backend;
  private Evaluator subject;

  /** A kit with the contract's {@link Tolerances#DEFAULTS} (float32: {@link Tolerances#FLOAT32}). */
  public BackendCompatibilityKit() {
    this(Tolerances.DEFAULTS, Tolerances.FLOAT32);
  }

  /**
   * A kit with other float64 tolerances and the contract's float32 ones (looser ones weaken the
   * contract: say why where you pass them).
   */
  protected BackendCompatibilityKit(Tolerances tolerances) {
    this(tolerances, Tolerances.FLOAT32);
  }

  /** A kit with other tolerances for float64 and for float32 batches (C11). */
  protected BackendCompatibilityKit(Tolerances float64, Tolerances float32) {
    this.tolerances = Objects.requireNonNull(float64, "float64 tolerances");
    this.float32Tolerances = Objects.requireNonNull(float32, "float32 tolerances");
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

  /** The tolerances this kit applies to float64 batches. */
  protected final Tolerances tolerances() {
    return tolerances;
  }

  /** The tolerances this kit applies to batches of {@code precision}. */
  protected final Tolerances tolerances(Precision precision) {
    return precision == Precision.FLOAT64 ? tolerances : float32Tolerances;
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

  /**
   * How messages name a clause: {@code "C7"} for float64 batches, {@code "C11 (C7, float32)"} for
   * float32 ones.
   */
  private static String clause(String clause, Precision precision) {
    return precision == Precision.FLOAT64 ? clause : "C11 (" + clause + ", " + precision.id() + ")";
  }

  /**
   * A case's name for batches of {@code precision}: as drawn for float64; for float32 {@code "C1
   * rest"} becomes {@code "C11 (C1) rest, float32"}, so that failures name clause C11 (the inputs
   * stay those drawn under the float64 name, rounded).
   */
  private static String named(String name, Precision precision) {
    if (precision == Precision.FLOAT64) {
      return name;
    }
    String renamed = name.matches("C\\d+ .*") ? name.replaceFirst("^(C\\d+) ", "C11 ($1) ") : "C11 " + name;
    return renamed.endsWith(precision.id()) ? renamed : renamed + ", " + precision.id();
  }

  /** The sample a test hands the backend in {@code precision}: {@link Sample#in}, renamed for C11. */
  private static Sample given(Sample drawn, Precision precision) {
    Sample in = drawn.in(precision);
    return new Sample(named(drawn.name(), precision), in.z(), in.y());
  }

  /** The labelled sample in {@code precision}, renamed for C11. */
  private static LabelSample given(LabelSample drawn, Precision precision) {
    LabelSample in = drawn.in(precision);
    return new LabelSample(named(drawn.name(), precision), in.z(), in.labels());
  }

  /** The sample with options in {@code precision}, renamed for C11. */
  private static OptionSample given(OptionSample drawn, Precision precision) {
    OptionSample in = drawn.in(precision);
    return new OptionSample(named(drawn.name(), precision), in.z(), in.targets(), in.options());
  }

  /** Fails unless {@code batch} (a delta or activations) is in {@code precision}, that of z. */
  private static void assertPrecision(String what, Batch batch, Precision precision, String context) {
    assertThat(batch.precision()).as("%s: %s must come back in the precision of z", context, what)
        .isEqualTo(precision);
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
    LossResult result = blamingTheBackend(sample, () -> subject.evaluate(pair, given.z(), given.y(), reduction));
    assertPrecision("the delta", result.delta(), sample.precision(), context(sample));
    return result;
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

  /**
   * The activations and the delta agree with the oracle's on the sample (for float32, on its
   * widening), within the delta tolerance of the sample's precision, and come back in it.
   */
  private void assertDeltaMatchesOracle(Pair pair, Sample sample, Reduction reduction, LossResult result) {
    Tolerances t = tolerances(sample.precision());
    assertPrecision("a = f(z)", result.activations(), sample.precision(), context(sample));
    Agreement.assertBatchesAgree("a = f(z)", result.activations(),
        ReferenceOracle.activate(pair.activation(), sample.z()), t::deltaBound, context(sample));
    Agreement.assertBatchesAgree("delta", result.delta(),
        ReferenceOracle.delta(pair, sample.z(), sample.y(), reduction), t::deltaBound, context(sample));
  }

  private void assertLossMatchesOracle(Pair pair, Sample sample, Reduction reduction, double loss) {
    double expected = ReferenceOracle.loss(pair, sample.z(), sample.y(), reduction);
    Agreement.assertValuesAgree("the loss", loss, expected, tolerances(sample.precision()).lossBound(expected),
        context(sample));
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
    LossResult result = blamingTheBackend(named, () -> overload.call(subject, pair, given.z(), given.labels(), reduction));
    assertPrecision("the delta", result.delta(), sample.z().precision(), context(sample));
    return result;
  }

  /** The kept rows of the delta agree with the oracle's, ignored rows are exactly 0, and so is the loss. */
  private void assertLabelsMatchOracle(Pair pair, LabelSample sample, Reduction reduction, LossResult result) {
    String where = context(sample);
    Tolerances t = tolerances(sample.z().precision());
    double expected = ReferenceOracle.loss(pair, sample.z(), sample.labels(), reduction);
    Agreement.assertValuesAgree("the loss with labels", result.loss(), expected, t.lossBound(expected), where);
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
        ReferenceOracle.delta(pair, sample.z(), sample.labels(), reduction), t::deltaBound, where);
  }

  /**
   * Central differences {@code (J(z + h) − J(z − h)) / (h₊ + h₋)} of a loss with these targets and
   * options against the backend's delta, with the finite-difference settings of the {@link
   * Tolerances} of {@code z}'s precision (the rule of the api's {@code GradientCheck}); "" or the
   * first element that fails. The loss differenced is the backend's own for float64 batches,
   * each evaluation on a fresh copy so that purity stays C8's and C10's other tests' business; for
   * float32 batches it is the float64 oracle's on the widened inputs ({@link #differenced}). An
   * entry that holds NaN (never read: an ignored row, a masked-out entry) is not perturbed, and
   * its delta must be exactly 0.
   */
  private String gradientMismatch(Pair pair, Batch z, Targets targets, Options options, Reduction reduction) {
    Tolerances t = tolerances(z.precision());
    Batch delta = subject.evaluate(pair, z.copy(), targets, options, reduction).delta();
    ToDoubleFunction<Batch> loss = differenced(pair, z, targets, options, reduction);
    Batch probe = z.toFloat64();
    double[] p = probe.array();
    int n = probe.cols();
    for (int k = 0; k < p.length; k++) {
      double original = p[k];
      double analytic = delta.at(k);
      if (Double.isNaN(original)) {
        if (analytic != 0.0) {
          return "delta " + analytic + " at row " + (k / n) + ", column " + (k % n)
              + ", an entry that is not computed (it holds NaN), but it must be exactly 0";
        }
        continue;
      }
      double step = t.finiteDifferenceStep() * Math.max(1.0, Math.abs(original));
      p[k] = original + step;
      double up = loss.applyAsDouble(probe);
      double upStep = p[k] - original;
      p[k] = original - step;
      double down = loss.applyAsDouble(probe);
      double downStep = original - p[k];
      p[k] = original;
      // numeric ∂J/∂z_k = (J(z + h) − J(z − h)) / (h₊ + h₋)
      double numeric = (up - down) / (upStep + downStep);
      double difference = Math.abs(analytic - numeric);
      if (difference < t.finiteDifferenceAbsolute()) {
        continue;
      }
      double relative = difference / (Math.abs(analytic) + Math.abs(numeric));
      if (!(relative <= t.finiteDifferenceRelative())) {
        return "delta " + analytic + " at row " + (k / n) + ", column " + (k % n) + " but the central difference is "
            + numeric + " (relative error " + relative + ", allowed " + t.finiteDifferenceRelative() + ")";
      }
    }
    return "";
  }

  /**
   * The loss C4 and C10 difference, at float64 logits: for float64 batches the backend's own; for
   * float32 batches the float64 oracle's on the widened inputs, since the backend's float32 loss is
   * too coarse to difference: a float32 logit moves by whole spacings of {@code 6·10⁻⁸·|z|} (the
   * step {@code h = 10⁻⁶·|z|} is some 17 of them), and terms computed in float32 carry rounding of
   * about {@code 6·10⁻⁸·|ℓ|}, which the quotient magnifies by {@code 1/h} to a few per cent of
   * {@code |ℓ|/|z|}.
   */
  private ToDoubleFunction<Batch> differenced(Pair pair, Batch z, Targets targets, Options options,
      Reduction reduction) {
    if (z.precision() == Precision.FLOAT32) {
      return probe -> ReferenceOracle.loss(pair, probe, targets, options, reduction);
    }
    Batch scratch = Batch.zeros(z.rows(), z.cols());
    return probe -> subject.evaluate(pair, probe.copy(), targets, options, reduction, scratch);
  }

  /** What {@link #differenced} differences, for messages. */
  private static String differenced(Precision precision) {
    return precision == Precision.FLOAT64 ? "the backend's own loss"
        : "the float64 oracle's loss on the widened inputs (a float32 loss is too coarse to difference)";
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
    LossResult result = blamingTheBackend(named, () -> overload.call(subject, pair, given.z(), given.targets(),
        given.options(), reduction));
    assertPrecision("the delta", result.delta(), sample.z().precision(), context(sample));
    return result;
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
    Tolerances t = tolerances(sample.z().precision());
    assertPrecision("the delta", result.delta(), sample.z().precision(), where);
    double expected = ReferenceOracle.loss(pair, sample.z(), sample.targets(), sample.options(), reduction);
    Agreement.assertValuesAgree("the loss", result.loss(), expected, t.lossBound(expected), where);
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
        ReferenceOracle.delta(pair, sample.z(), sample.targets(), sample.options(), reduction), t::deltaBound, where);
    if (!overload.givesExampleLosses()) {
      return;
    }
    double[] losses = ReferenceOracle.exampleLosses(pair, sample.z(), sample.targets(), sample.options());
    double[] got = result.exampleLosses();
    assertThat(got).as("%s: the example losses", where).hasSize(losses.length);
    for (int i = 0; i < losses.length; i++) {
      assertThat(!dropped(sample, i) || got[i] == 0.0).as("%s: the example loss of row %d is %s but must be exactly 0:"
          + " the row is ignored or masked out whole", where, i, got[i]).isTrue();
      Agreement.assertValuesAgree("the example loss ℓ_" + i, got[i], losses[i], t.lossBound(losses[i]), where);
    }
    if (reduction == Reduction.NONE) {
      double sum = io.github.deltapair.reference.CompensatedSum.of(got);
      Agreement.assertValuesAgree("the loss under none (Σ ℓ_i)", result.loss(), sum, t.lossBound(sum), where);
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

  /** C1's cases in {@code precision}: every shape with both target kinds, the 512 × 1000 batch (float64 only: it costs most) with soft ones. */
  private Stream<Arguments> canonicalDeltaCases(Precision precision) {
    return orNone(canonicalPairs().flatMap(pair -> C1_SHAPES.stream()
        .filter(shape -> fits(pair, shape) && (precision == Precision.FLOAT64 || !shape.equals(LARGE)))
        .flatMap(shape -> Stream.of(TargetKind.values())
            .filter(kind -> !shape.equals(LARGE) || kind == TargetKind.SOFT)
            .flatMap(kind -> Stream.of(Reduction.SUM, Reduction.MEAN)
                .map(reduction -> Arguments.of(pair, shape, kind, reduction))))), 4);
  }

  /** C1's rule, in {@code precision}. */
  private void canonicalDelta(Pair pair, Shape shape, TargetKind kind, Reduction reduction, Precision precision) {
    assumeSomePair(pair, "canonical pair");
    assumeSupported(pair);
    Sample sample = given(Sample.draw("C1 " + pair + " " + shape + " " + kind, pair, shape, kind, WIDE), precision);
    LossResult result = evaluateCopies(pair, sample, reduction);
    CanonicalClaim.check(pair, backend.id(), clause("C1", precision), sample, tolerances(precision),
        () -> assertDeltaMatchesOracle(pair, sample, reduction, result));
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

    Stream<Arguments> cases() {
      return canonicalDeltaCases(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} targets, {3}")
    @MethodSource("cases")
    @DisplayName("C1: every canonical pair's delta is a − y (a = f(z) from the oracle), within the delta tolerance, for both reductions")
    void deltaIsActivationMinusTarget(Pair pair, Shape shape, TargetKind kind, Reduction reduction) {
      canonicalDelta(pair, shape, kind, reduction, Precision.FLOAT64);
    }
  }

  /** C2's cases in {@code precision}: the extreme logits there, with the target kinds the contract accepts at them. */
  private Stream<Arguments> extremeCases(Precision precision) {
    return orNone(canonicalPairs().flatMap(pair -> ExtremeSamples.canonicalExtremes(pair, precision).flatMap(z ->
        Stream.of(TargetKind.values())
            .filter(kind -> ExtremeSamples.valid(pair, given(ExtremeSamples.c2(pair, z, kind), precision)))
            .map(kind -> Arguments.of(pair, z, kind)))), 3);
  }

  /** C2's rule, in {@code precision}. */
  private void extremeLogits(Pair pair, Double logit, TargetKind kind, Precision precision) {
    assumeSomePair(pair, "canonical pair");
    assumeSupported(pair);
    Sample sample = given(ExtremeSamples.c2(pair, logit, kind), precision);
    LossResult result = evaluateCopies(pair, sample, Reduction.SUM);
    assertThat(result.loss()).as("%s: the loss", context(sample)).isFinite();
    assertLossMatchesOracle(pair, sample, Reduction.SUM, result.loss());
    assertDeltaMatchesOracle(pair, sample, Reduction.SUM, result);
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
      return extremeCases(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0} at z = {1}, {2} targets")
    @MethodSource("cases")
    @DisplayName("C2: at extreme logits a canonical pair's delta is still a − y and its loss is finite and true (sigmoid + binary-cross-entropy at z = 1000, y = 0 is 1000, not a clipped 11.5)")
    void extremeLogitsStayExact(Pair pair, Double logit, TargetKind kind) {
      extremeLogits(pair, logit, kind, Precision.FLOAT64);
    }
  }

  /**
   * C3's cases at moderate logits in {@code precision}: three shapes, both target kinds and both
   * reductions in float64; in float32 two shapes (7 × 3, 64 × 10) under SUM (MEAN is C6's business).
   */
  private Stream<Arguments> chainRuleCases(Precision precision) {
    boolean wide = precision == Precision.FLOAT64;
    List<Reduction> reductions = wide ? List.of(Reduction.SUM, Reduction.MEAN) : List.of(Reduction.SUM);
    return orNone(chainRulePairs().flatMap(pair -> SMALL_SHAPES.stream()
        .filter(shape -> fits(pair, shape) && (wide || shape.rows() > 1))
        .flatMap(shape -> Stream.of(TargetKind.values()).flatMap(kind -> reductions.stream()
            .map(reduction -> Arguments.of(pair, shape, kind, reduction))))), 4);
  }

  /** C3's rule at moderate logits, in {@code precision}. */
  private void chainRule(Pair pair, Shape shape, TargetKind kind, Reduction reduction, Precision precision) {
    assumeSomePair(pair, "chain-rule pair");
    assumeSupported(pair);
    Sample sample = given(Sample.draw("C3 " + pair + " " + shape + " " + kind, pair, shape, kind, MODERATE), precision);
    LossResult result = evaluateCopies(pair, sample, reduction);
    assertDeltaMatchesOracle(pair, sample, reduction, result);
  }

  /**
   * C3's cases at large logits in {@code precision}, where the loss stays within its range: both
   * target kinds in float64, soft targets in float32.
   */
  private Stream<Arguments> largeLogitCases(Precision precision) {
    List<TargetKind> kinds = precision == Precision.FLOAT64 ? List.of(TargetKind.values()) : List.of(TargetKind.SOFT);
    return orNone(chainRulePairs().filter(ExtremeSamples::wellConditionedFar).flatMap(pair ->
        ExtremeSamples.chainRuleMagnitudes(pair, precision).stream().flatMap(v -> kinds.stream()
            .flatMap(kind -> ExtremeSamples.c3(pair, v, kind)
                .map(sample -> given(sample, precision))
                .filter(sample -> ExtremeSamples.valid(pair, sample))
                .map(sample -> Arguments.of(pair, Named.of(sample.name(), sample)))))), 2);
  }

  /** C3's rule at large logits, on a sample already in its precision. */
  private void largeLogits(Pair pair, Sample sample) {
    assumeSomePair(pair, "chain-rule pair that stays well conditioned at large logits");
    assumeSupported(pair);
    LossResult result = evaluateCopies(pair, sample, Reduction.SUM);
    assertLossMatchesOracle(pair, sample, Reduction.SUM, result.loss());
    assertDeltaMatchesOracle(pair, sample, Reduction.SUM, result);
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
      return chainRuleCases(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} targets, {3}")
    @MethodSource("cases")
    @DisplayName("C3: every chain-rule pair's delta is the oracle's ∂ℓ/∂a ⊙ f'(z) (softmax: a_k(g_k − Σ_j g_j a_j)), within the delta tolerance")
    void deltaFollowsTheChainRule(Pair pair, Shape shape, TargetKind kind, Reduction reduction) {
      chainRule(pair, shape, kind, reduction, Precision.FLOAT64);
    }

    Stream<Arguments> largeLogits() {
      return largeLogitCases(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("largeLogits")
    @DisplayName("C3: at logits up to |z| = 1000, wherever the loss stays finite, a chain-rule pair's loss is finite and true and its delta is still the oracle's (softmax + squared-error at z = [800, 0, −800] has loss ≈ 1, not an overflow)")
    void largeLogitsStayFinite(Pair pair, Sample sample) {
      BackendCompatibilityKit.this.largeLogits(pair, sample);
    }
  }

  /** C4's cases in {@code precision}: 1 × 4 and 3 × 5 under both reductions in float64, 3 × 5 under SUM in float32. */
  private Stream<Arguments> finiteDifferenceCases(Precision precision) {
    boolean wide = precision == Precision.FLOAT64;
    List<Shape> shapes = wide ? List.of(Shape.of(1, 4), Shape.of(3, 5)) : List.of(Shape.of(3, 5));
    List<Reduction> reductions = wide ? List.of(Reduction.SUM, Reduction.MEAN) : List.of(Reduction.SUM);
    return orNone(allPairs().flatMap(pair -> shapes.stream().filter(shape -> fits(pair, shape))
        .flatMap(shape -> reductions.stream().map(reduction -> Arguments.of(pair, shape, reduction)))), 3);
  }

  /** C4's rule, in {@code precision}: the loss differenced is {@link #differenced}'s. */
  private void finiteDifferences(Pair pair, Shape shape, Reduction reduction, Precision precision) {
    assumeSomePair(pair, "pair");
    assumeSupported(pair);
    Sample sample = given(Sample.draw("C4 " + pair + " " + shape, pair, shape, TargetKind.SOFT, SMALL), precision);
    String mismatch = blamingTheBackend(sample,
        () -> gradientMismatch(pair, sample.z(), sample.y(), Options.NONE, reduction));
    CanonicalClaim.check(pair, backend.id(), clause("C4", precision), sample, tolerances(precision),
        () -> assertThat(mismatch).as("%s: central differences of %s", context(sample), differenced(precision)).isEmpty());
  }

  /**
   * <b>C4 finite differences</b>: for every pair the delta agrees with central differences {@code
   * (J(z + h) − J(z − h)) / 2h} of the backend's own loss, element by element, within the
   * finite-difference tolerances (the rule of the api's {@code GradientCheck}). For a plugin pair
   * declared canonical this is what proves or refutes the claim {@code δ = a − y}.
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
      return finiteDifferenceCases(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("cases")
    @DisplayName("C4: every pair's delta agrees with central differences of the backend's own loss value")
    void deltaIsTheNumericGradient(Pair pair, Shape shape, Reduction reduction) {
      finiteDifferences(pair, shape, reduction, Precision.FLOAT64);
    }
  }

  /**
   * C5's cases in {@code precision}: 7 × 3 and 64 × 10 for every pair (float64: both reductions;
   * float32: SUM), and 512 × 1000 (float32: {@link #LARGE_FLOAT32}) under SUM for the matched
   * pairs, where careless summation shows.
   */
  private Stream<Arguments> lossValueCases(Precision precision) {
    boolean wide = precision == Precision.FLOAT64;
    List<Reduction> reductions = wide ? List.of(Reduction.SUM, Reduction.MEAN) : List.of(Reduction.SUM);
    Stream<Arguments> small = allPairs().flatMap(pair -> Stream.of(Shape.of(7, 3), Shape.of(64, 10))
        .filter(shape -> fits(pair, shape)).flatMap(shape -> reductions.stream().map(reduction -> Arguments.of(pair, shape, reduction))));
    Stream<Arguments> large = canonicalPairs().map(pair -> Arguments.of(pair, wide ? LARGE : LARGE_FLOAT32, Reduction.SUM));
    return Stream.concat(small, large);
  }

  /** C5's rule, in {@code precision}. */
  private void lossValue(Pair pair, Shape shape, Reduction reduction, Precision precision) {
    assumeSupported(pair);
    Sample sample = given(Sample.draw("C5 " + pair + " " + shape, pair, shape, TargetKind.SOFT, boundFor(pair)), precision);
    double loss = evaluateCopies(pair, sample, reduction).loss();
    assertLossMatchesOracle(pair, sample, reduction, loss);
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
      return lossValueCases(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("cases")
    @DisplayName("C5: every pair's loss equals the oracle's within the loss tolerance")
    void lossEqualsOracle(Pair pair, Shape shape, Reduction reduction) {
      lossValue(pair, shape, reduction, Precision.FLOAT64);
    }
  }

  /** C6's cases in {@code precision}: 7 × 3 and 64 × 10 (float32: 64 × 10) for every pair. */
  private Stream<Arguments> reductionCases(Precision precision) {
    List<Shape> shapes = precision == Precision.FLOAT64 ? List.of(Shape.of(7, 3), Shape.of(64, 10)) : List.of(Shape.of(64, 10));
    return allPairs().flatMap(pair -> shapes.stream().filter(shape -> fits(pair, shape))
        .map(shape -> Arguments.of(pair, shape)));
  }

  /** C6's rule, in {@code precision}. */
  private void reductions(Pair pair, Shape shape, Precision precision) {
    assumeSupported(pair);
    Tolerances t = tolerances(precision);
    Sample sample = given(Sample.draw("C6 " + pair + " " + shape, pair, shape, TargetKind.SOFT, boundFor(pair)), precision);
    String where = context(sample);
    LossResult sum = evaluateCopies(pair, sample, Reduction.SUM);
    LossResult mean = evaluateCopies(pair, sample, Reduction.MEAN);
    double m = shape.rows();
    double expectedLoss = sum.loss() / m;
    Agreement.assertValuesAgree("the MEAN loss (SUM / m)", mean.loss(), expectedLoss, t.lossBound(expectedLoss), where);
    Batch expected = sum.delta().toFloat64();
    double[] e = expected.array();
    for (int k = 0; k < e.length; k++) {
      e[k] /= m;
    }
    Agreement.assertBatchesAgree("the MEAN delta (SUM delta / m)", mean.delta(), expected, t::deltaBound, where);
    LossResult none = evaluateCopies(pair, sample, Reduction.NONE);
    Agreement.assertValuesAgree("the NONE loss (SUM's)", none.loss(), sum.loss(), t.lossBound(sum.loss()), where);
    Agreement.assertBatchesAgree("the NONE delta (SUM's)", none.delta(), sum.delta().toFloat64(), t::deltaBound, where);
    double total = io.github.deltapair.reference.CompensatedSum.of(none.exampleLosses());
    Agreement.assertValuesAgree("the sum of NONE's example losses (SUM's loss)", total, sum.loss(),
        t.lossBound(sum.loss()), where);
    LossResult byWeight = evaluateCopies(pair, sample, Reduction.MEAN_BY_WEIGHT);
    Agreement.assertValuesAgree("the mean-by-weight loss without options (MEAN's)", byWeight.loss(), mean.loss(),
        t.lossBound(mean.loss()), where);
    Agreement.assertBatchesAgree("the mean-by-weight delta without options (MEAN's)", byWeight.delta(),
        mean.delta().toFloat64(), t::deltaBound, where);
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
      return reductionCases(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    @DisplayName("C6: MEAN gives SUM / m, m the number of rows, for the loss and every delta element; NONE gives SUM's loss and delta and example losses summing to it; mean-by-weight without options gives MEAN")
    void meanIsSumOverRows(Pair pair, Shape shape) {
      reductions(pair, shape, Precision.FLOAT64);
    }
  }

  /**
   * C7's catalog of bad inputs in {@code precision} ({@link BadInputs#all()} or {@link
   * BadInputs#float32()}), through every overload, fresh batches for each.
   */
  private Stream<Arguments> badInputCases(Precision precision) {
    return Stream.of(Overload.values()).flatMap(overload ->
        (precision == Precision.FLOAT64 ? BadInputs.all() : BadInputs.float32()).stream().map(bad -> Arguments.of(bad, overload)));
  }

  /** C7's rule for a bad input, whatever its precision. */
  private void badInput(BadInput bad, Overload overload, Precision precision) {
    assumeSupported(bad.pair());
    Sample before = new Sample(named(bad.toString(), precision), bad.z().copy(), bad.y().copy());
    Throwable thrown = catchThrowable(() -> overload.call(subject, bad.pair(), bad.z(), bad.y(), Reduction.SUM));
    Agreement.assertSameBits("z", bad.z(), before.z(), context(before));
    Agreement.assertSameBits("y", bad.y(), before.y(), context(before));
    assertThat(thrown).as("%s (docs/contract.md §5, rules in §6): backend '%s' given %s must throw IllegalArgumentException",
            clause("C7", precision), backend.id(), bad)
        .isInstanceOf(IllegalArgumentException.class);
    assertMessagePointsAt(context(before), thrown.getMessage(), bad.argument(), bad.row(), bad.column(), bad.mentions());
  }

  /** Bad class-index labels (and a NaN logit in a kept row), each with what the message must name, z in {@code precision}. */
  private Stream<Arguments> badLabelCases(Precision precision) {
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
      Batch z = Batch.of((double[][]) a[2]);
      return Arguments.of(Named.of((String) a[0], a[1]), precision == Precision.FLOAT64 ? z : z.toFloat32(),
          a[3], a[4], a[5], a[6], overload);
    }));
  }

  /** C7's rule for bad labels, z in its precision. */
  private void badLabels(Pair pair, Batch z, Labels labels, String argument, int row, int column, Overload overload) {
    assumeSupported(pair);
    Batch zBefore = z.copy();
    int[] labelsBefore = labels.array().clone();
    Sample named = new Sample(named("C7 labels " + pair + " " + labels, z.precision()), zBefore, zBefore);
    Throwable thrown = catchThrowable(() -> overload.call(subject, pair, z, labels, Reduction.SUM));
    Agreement.assertSameBits("z", z, zBefore, context(named));
    assertThat(labels.array()).as("%s: labels must be left unchanged", context(named)).containsExactly(labelsBefore);
    assertThat(thrown).as("%s (docs/contract.md §5, rules in §6): backend '%s' given %s must throw IllegalArgumentException",
            clause("C7", z.precision()), backend.id(), labels)
        .isInstanceOf(IllegalArgumentException.class);
    assertMessagePointsAt(context(named), thrown.getMessage(), argument, row, column, "");
  }

  /**
   * C7's bad options ({@link BadInputs#options()}), z and dense y in {@code precision}, through every
   * overload; in float32 through the allocating one (what is broken is an option, whatever z's
   * precision).
   */
  private Stream<Arguments> badOptionCases(Precision precision) {
    Stream<Overload> overloads = precision == Precision.FLOAT64 ? Stream.of(Overload.values()) : Stream.of(Overload.RESULT);
    return overloads.flatMap(overload -> BadInputs.options().stream()
        .map(bad -> precision == Precision.FLOAT64 ? bad : bad.inFloat32())
        .map(bad -> Arguments.of(bad, overload)));
  }

  /** C7's rule for bad options. */
  private void badOptions(BadOption bad, Overload overload) {
    assumeSupported(bad.pair());
    Precision precision = bad.z().precision();
    OptionSample before = new OptionSample(bad.toString(), bad.z(), bad.targets(), bad.options()).copy();
    Sample named = new Sample(named("C7 options " + bad, precision), before.z(), before.z());
    Throwable thrown = catchThrowable(() -> overload.call(subject, bad.pair(), bad.z(), bad.targets(), bad.options(), Reduction.SUM));
    assertThat(new OptionSample(bad.toString(), bad.z(), bad.targets(), bad.options()).sameBits(before))
        .as("%s: z, the targets and the options' arrays must be left bit for bit unchanged", context(named)).isTrue();
    assertThat(thrown).as("%s (docs/contract.md §5, rules in §2b and §6): backend '%s' given %s must throw IllegalArgumentException",
            clause("C7", precision), backend.id(), bad)
        .isInstanceOf(IllegalArgumentException.class);
    assertMessagePointsAt(context(named), thrown.getMessage(), bad.argument(), bad.row(), bad.column(), "");
  }

  /** The bad deltaOut buffers: of the wrong shape, of the other precision than z, sharing z's or y's array. */
  private static Stream<Arguments> badBuffers() {
    return Stream.of("of the wrong shape", "of the other precision", "sharing z's array", "sharing y's array")
        .map(Arguments::of);
  }

  /** C7's rule for a bad deltaOut, z and y in {@code precision}. */
  private void badBuffer(String problem, Precision precision) {
    Pair pair = Pair.canonical(Loss.BINARY_CROSS_ENTROPY);
    assumeSupported(pair);
    Sample sample = given(Sample.draw("C7 deltaOut " + problem, pair, BadInputs.SHAPE, TargetKind.SOFT, SMALL), precision);
    Sample before = sample.copy();
    int m = sample.z().rows();
    int n = sample.z().cols();
    Precision other = precision == Precision.FLOAT64 ? Precision.FLOAT32 : Precision.FLOAT64;
    Batch out = switch (problem) {
      case "sharing z's array" -> view(sample.z());
      case "sharing y's array" -> view(sample.y());
      case "of the other precision" -> Batch.zeros(m, n, other);
      default -> Batch.zeros(n, m, precision);
    };
    Throwable thrown = catchThrowable(() -> subject.evaluate(pair, sample.z(), sample.y(), Reduction.SUM, out));
    Agreement.assertSameBits("z", sample.z(), before.z(), context(sample));
    Agreement.assertSameBits("y", sample.y(), before.y(), context(sample));
    assertThat(thrown).as("%s (docs/contract.md §5, rules in §6): backend '%s' given deltaOut %s must throw IllegalArgumentException",
            clause("C7", precision), backend.id(), problem)
        .isInstanceOf(IllegalArgumentException.class);
    assertMessagePointsAt(context(sample), thrown.getMessage(), "deltaOut", BadInput.NONE, BadInput.NONE,
        problem.contains("precision") ? other.id() : "");
  }

  /** A second batch viewing {@code b}'s array. */
  private static Batch view(Batch b) {
    return b.precision() == Precision.FLOAT64 ? Batch.wrap(b.array(), b.rows(), b.cols())
        : Batch.wrap(b.floatArray(), b.rows(), b.cols());
  }

  /** Batches that cannot be built, in {@code precision}. */
  private static Stream<Arguments> impossibleBatches(Precision precision) {
    boolean wide = precision == Precision.FLOAT64;
    return Stream.<Named<ThrowingCallable>>of(
        Named.of("0 rows", () -> Batch.zeros(0, 3, precision)),
        Named.of("0 columns", () -> Batch.zeros(3, 0, precision)),
        Named.of("−1 rows", () -> {
          Object unused = wide ? Batch.wrap(new double[0], -1, 2) : Batch.wrap(new float[0], -1, 2);
        }),
        Named.of("65536 × 65536, beyond the largest array", () -> Batch.zeros(65536, 65536, precision)),
        Named.of("6 values wrapped as 2 × 4", () -> {
          Object unused = wide ? Batch.wrap(new double[6], 2, 4) : Batch.wrap(new float[6], 2, 4);
        }))
        .map(Arguments::of);
  }

  /** C7's rule for a batch that cannot be built. */
  private static void impossibleBatch(ThrowingCallable creation, Precision precision) {
    assertThat(catchThrowable(creation)).as("%s (docs/contract.md §5, rules in §6): building the %s batch must throw IllegalArgumentException",
            clause("C7", precision), precision.id())
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertMessagePointsAt(String where, String message, String argument, int row, int column,
      String mentions) {
    assertThat(message).as("C7 (docs/contract.md §5, rules in §6): %s: the exception's message", where).isNotBlank();
    assertThat(message).as("C7 (docs/contract.md §5, rules in §6): %s: the message must name the argument '%s'", where, argument)
        .containsPattern("(?<![\\w.])" + Pattern.quote(argument) + "(?!\\w)");
    if (row != BadInput.NONE) {
      assertThat(message).as("C7 (docs/contract.md §5, rules in §6): %s: the message must name row %d", where, row).containsPattern("\\brow " + row + "\\b");
    }
    if (column != BadInput.NONE) {
      assertThat(message).as("C7 (docs/contract.md §5, rules in §6): %s: the message must name column %d", where, column).containsPattern("\\bcolumn " + column + "\\b");
    }
    if (!mentions.isEmpty()) {
      assertThat(message).as("C7 (docs/contract.md §5, rules in §2c and §6): %s: the message must name %s", where, mentions).contains(mentions);
    }
  }

  /**
   * <b>C7 bad input</b> (the contract's §6): shape mismatches, non-finite logits or targets,
   * {@code exp} overflow, results that overflow, targets outside the loss's domain (focal's {@code
   * y ∉ [0, 1]}, poisson's {@code y < 0}, …), cross-entropy and kl-divergence rows off the simplex,
   * softmax over one column, chain-rule pairs where the activation saturates, and bad output
   * buffers (of the wrong shape or precision, or aliasing an input) are rejected with an {@link
   * IllegalArgumentException} whose message names the argument ({@code z}, {@code y} or {@code
   * deltaOut}) and the row and column, and the inputs are left bit for bit as they were. Bad
   * options ({@link BadInputs#options()}: weights of the wrong length, negative, NaN or infinite, a
   * zero pos_weight, an option the loss does not support, a mask not 0/1 or splitting a softmax
   * row, labels out of range beside options) are rejected naming the option and its row or column,
   * and a smoothing outside {@code [0, 1)} cannot be set. Activations and losses that do not fit
   * (softmax + focal, identity + focal) cannot be made into a pair, and malformed or out-of-range
   * loss names cannot be parsed.
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
      return badInputCases(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}, through {1}")
    @MethodSource("cases")
    @DisplayName("C7: every input the contract's §6 rejects throws an IllegalArgumentException naming the argument, row and column, and leaves z and y bit for bit unchanged")
    void badInputIsRejected(BadInput bad, Overload overload) {
      badInput(bad, overload, Precision.FLOAT64);
    }

    Stream<Arguments> badLabels() {
      return badLabelCases(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}, through {6}")
    @MethodSource("badLabels")
    @DisplayName("C7 (labels): a label out of range, negative without being the ignore_index, the wrong number of labels, labels with a loss that takes dense y, or a NaN logit in a kept row is rejected with an IllegalArgumentException naming labels (or z) and the row, z and labels unchanged")
    void badLabelsAreRejected(Pair pair, Batch z, Labels labels, String argument, int row, int column, Overload overload) {
      BackendCompatibilityKit.this.badLabels(pair, z, labels, argument, row, column, overload);
    }

    Stream<Arguments> badOptions() {
      return badOptionCases(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}, through {1}")
    @MethodSource("badOptions")
    @DisplayName("C7 (options): weights of the wrong length, negative, NaN or infinite, a zero pos_weight, labels out of range beside options, an option the loss does not support (pos_weight with cross-entropy, labels with poisson, smoothing with squared-error), a mask not 0/1 or splitting a softmax row, or a NaN logit in a kept entry is rejected with an IllegalArgumentException naming the option (or argument), row and column; nothing is modified")
    void badOptionsAreRejected(BadOption bad, Overload overload) {
      BackendCompatibilityKit.this.badOptions(bad, overload);
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
      return badBuffers();
    }

    @ParameterizedTest(name = "deltaOut {0}")
    @MethodSource("buffers")
    @DisplayName("C7: a deltaOut buffer of the wrong shape or precision, or aliasing an input, is rejected naming deltaOut, inputs unchanged")
    void badBufferIsRejected(String problem) {
      badBuffer(problem, Precision.FLOAT64);
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
      return impossibleBatches(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    @DisplayName("C7: a batch with zero rows or columns, or more elements than a Java array holds, cannot even be built")
    void impossibleBatchesAreRejected(ThrowingCallable creation) {
      impossibleBatch(creation, Precision.FLOAT64);
    }
  }

  /** C8's rule for purity, in {@code precision}. */
  private void inputsUntouched(Pair pair, Overload overload, Precision precision) {
    assumeSupported(pair);
    Sample sample = given(Sample.draw("C8 purity " + pair, pair, PURITY_SHAPE, TargetKind.SOFT, boundFor(pair)), precision);
    Sample before = sample.copy();
    LossResult result = overload.call(subject, pair, sample.z(), sample.y(), Reduction.MEAN);
    Agreement.assertSameBits("z", sample.z(), before.z(), context(sample));
    Agreement.assertSameBits("y", sample.y(), before.y(), context(sample));
    for (Batch input : List.of(sample.z(), sample.y())) {
      assertThat(result.delta().sharesArrayWith(input) || result.activations().sharesArrayWith(input))
          .as("%s: the result must not wrap an input's array", context(sample)).isFalse();
    }
  }

  /**
   * C8's rule for determinism, in {@code precision}: repeated calls and the three overloads
   * (allocating, deltaOut, deltaOut with example losses) give the same bits.
   */
  private void deterministic(Pair pair, Precision precision) {
    assumeSupported(pair);
    Sample sample = given(Sample.draw("C8 determinism " + pair, pair, PURITY_SHAPE, TargetKind.SOFT, boundFor(pair)), precision);
    String where = context(sample);
    LossResult first = subject.evaluate(pair, sample.z(), sample.y(), Reduction.SUM);
    LossResult second = subject.evaluate(pair, sample.z(), sample.y(), Reduction.SUM);
    Batch buffer = Batch.zeros(PURITY_SHAPE.rows(), PURITY_SHAPE.cols(), precision);
    double viaBuffer = subject.evaluate(pair, sample.z(), sample.y(), Reduction.SUM, buffer);
    Batch buffers = Batch.zeros(PURITY_SHAPE.rows(), PURITY_SHAPE.cols(), precision);
    double[] losses = new double[PURITY_SHAPE.rows()];
    double viaBuffers = subject.evaluate(pair, sample.z(), sample.y(), Options.NONE, Reduction.SUM, buffers, losses);
    assertPrecision("the delta", first.delta(), precision, where);
    assertThat(List.of(second.loss(), viaBuffer, viaBuffers)).as("%s: loss of repeated calls and of each overload", where)
        .allSatisfy(l -> assertThat(Double.doubleToRawLongBits(l)).isEqualTo(Double.doubleToRawLongBits(first.loss())));
    Agreement.assertSameBits("delta of a repeated call", second.delta(), first.delta(), where);
    Agreement.assertSameBits("delta through the deltaOut overload", buffer, first.delta(), where);
    Agreement.assertSameBits("delta through the deltaOut and exampleLossesOut overload", buffers, first.delta(), where);
    assertThat(losses).as("%s: the example losses through the deltaOut and exampleLossesOut overload", where)
        .containsExactly(first.exampleLosses());
    Agreement.assertSameBits("a = f(z) of a repeated call", second.activations(), first.activations(), where);
  }

  /** C8's rule for threads, in {@code precision}. */
  private void concurrent(Pair pair, Precision precision) throws Exception {
    assumeSupported(pair);
    Sample sample = given(Sample.draw("C8 threads " + pair, pair, PURITY_SHAPE, TargetKind.SOFT, boundFor(pair)), precision);
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

  /**
   * {@value #ROUNDS} rounds ({@value #FLOAT32_ROUNDS} in float32) of both overloads and reductions;
   * "" or the first mismatch.
   */
  private String hammer(Pair pair, Sample sample, List<LossResult> expected) {
    Batch buffer = Batch.zeros(PURITY_SHAPE.rows(), PURITY_SHAPE.cols(), sample.precision());
    int rounds = sample.precision() == Precision.FLOAT64 ? ROUNDS : FLOAT32_ROUNDS;
    for (int round = 0; round < rounds; round++) {
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

  /**
   * <b>C8 purity and threads</b>: {@code evaluate} never writes to {@code z} or {@code y} (through
   * any overload), returns results that share no array with them, gives the same bits on every
   * call and through all three overloads, and {@value #THREADS} threads calling it concurrently on
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
      inputsUntouched(pair, overload, Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @DisplayName("C8: repeated calls and all three evaluate overloads give the same loss, delta and example losses, bit for bit")
    void resultsAreDeterministic(Pair pair) {
      deterministic(pair, Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    @DisplayName("C8: " + THREADS + " threads evaluating shared inputs concurrently, through both overloads and reductions, get exactly the bits of sequential calls")
    void concurrentCallsMatchSequentialCalls(Pair pair) throws Exception {
      concurrent(pair, Precision.FLOAT64);
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

  /** C10's cases with ignore_index in {@code precision}: 7 × 3 and 64 × 10 (float32: 7 × 3), every reduction and overload. */
  private Stream<Arguments> ignoringCases(Precision precision) {
    List<Shape> shapes = precision == Precision.FLOAT64 ? List.of(Shape.of(7, 3), Shape.of(64, 10)) : List.of(Shape.of(7, 3));
    return orNone(labelPairs().flatMap(pair -> shapes.stream().filter(shape -> fits(pair, shape))
        .flatMap(shape -> Stream.of(Reduction.values()).flatMap(reduction -> Stream.of(Overload.values())
            .map(overload -> Arguments.of(pair, shape, reduction, overload))))), 4);
  }

  /** C10's rule for labels with ignored rows of NaN, in {@code precision}. */
  private void ignoredRows(Pair pair, Shape shape, Reduction reduction, Overload overload, Precision precision) {
    assumeSomePair(pair, "pair whose loss takes labels");
    assumeSupported(pair);
    LabelSample sample = given(LabelSample.draw("C10 ignore_index " + pair + " " + shape + " " + reduction, pair, shape,
        boundFor(pair), true, Double.NaN), precision);
    LabelSample before = sample.copy();
    LossResult result = evaluateCopies(pair, sample, reduction, overload);
    assertLabelsMatchOracle(pair, sample, reduction, result);
    LossResult direct = overload.call(subject, pair, sample.z(), sample.labels(), reduction);
    Agreement.assertSameBits("z", sample.z(), before.z(), context(sample));
    assertThat(sample.labels().array()).as("%s: labels must be left unchanged", context(sample)).containsExactly(before.labels().array());
    Agreement.assertSameBits("delta of a second call on the same inputs", direct.delta(), result.delta(), context(sample));
  }

  /**
   * C10's option cases in {@code precision}: every set of {@link OptionSample#combinationsFor} a
   * loss supports, for sum (and none), mean and mean-by-weight; in float32 the sets of {@link
   * #FLOAT32_OPTION_SETS}, for sum (and none) and mean-by-weight.
   */
  private Stream<Arguments> optionCases(Precision precision) {
    List<Reduction> reductions = precision == Precision.FLOAT64
        ? List.of(Reduction.SUM, Reduction.MEAN, Reduction.MEAN_BY_WEIGHT) : List.of(Reduction.SUM, Reduction.MEAN_BY_WEIGHT);
    return orNone(allPairs().flatMap(pair -> optionSets(pair.loss(), precision).stream()
        .flatMap(set -> reductions.stream().map(reduction -> Arguments.of(pair, named(set), reduction)))), 3);
  }

  /** The option sets of {@code loss} C10 (float64) or C11 (float32) runs. */
  private static List<Set<LossOption>> optionSets(Loss loss, Precision precision) {
    if (precision == Precision.FLOAT64) {
      return OptionSample.combinationsFor(loss);
    }
    return FLOAT32_OPTION_SETS.stream().map(set -> OptionSample.applicable(loss, set))
        .filter(set -> !set.isEmpty()).distinct().toList();
  }

  /** C10's rule for a set of options, in {@code precision}. */
  private void options(Pair pair, Set<LossOption> set, Reduction reduction, Precision precision) {
    assumeSomePair(pair, "pair");
    assumeSupported(pair);
    OptionSample sample = given(OptionSample.draw("C10 options " + pair + " " + set + " " + reduction.id(), pair,
        OPTION_SHAPE, boundFor(pair), set), precision);
    // none is sum with the example losses as the result: checked beside sum, on the same sample
    for (Reduction r : reduction == Reduction.SUM ? List.of(Reduction.SUM, Reduction.NONE) : List.of(reduction)) {
      optionsMatchOracle(pair, sample, r);
    }
  }

  /** The options rule through every overload, on fresh copies, inputs unchanged. */
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
      return BackendCompatibilityKit.this.ignoringCases(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}, through {3}")
    @MethodSource("ignoringCases")
    @DisplayName("C10: with ignore_index −100 on about a quarter of the rows, whose logits are NaN, the garbage is accepted, ignored rows have δ = 0 exactly, kept rows and the loss are the oracle's, MEAN divides by all m rows and mean-by-weight by the kept rows, for every reduction")
    void ignoredRowsContributeNothing(Pair pair, Shape shape, Reduction reduction, Overload overload) {
      ignoredRows(pair, shape, reduction, overload, Precision.FLOAT64);
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
      return BackendCompatibilityKit.this.optionCases(Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("optionCases")
    @DisplayName("C10: every option a loss supports, alone and combined (class weights with zeros × pos_weight × example weights with zeros × mask × label smoothing × labels with ignore_index), gives the oracle's loss, delta and example losses for every reduction (sum, and none beside it) through every overload, exactly 0 where nothing is computed, NaN there accepted, inputs unchanged")
    void optionsMatchOracle(Pair pair, Set<LossOption> set, Reduction reduction) {
      options(pair, set, reduction, Precision.FLOAT64);
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

  /**
   * <b>C11 float32</b> (the contract's §2c): clauses C1–C8, and C10 in part, for float32 batches,
   * through the very code of those clauses: each of their tests calls one method with the
   * precision ({@code canonicalDelta(…, precision)}, {@code finiteDifferences(…, precision)}, …)
   * on case streams that take it too, and this class calls them with {@link Precision#FLOAT32}.
   * The inputs are the clauses' seeded float64 ones rounded to float32 ({@link Sample#in}: rows of
   * targets on the simplex stay exactly on it); the oracle is the float64 {@link ReferenceOracle}
   * on their exact widening; every comparison uses {@link #tolerances(Precision)} for float32
   * ({@link Tolerances#FLOAT32}: {@code |δ − δ_ref| ≤ 10⁻⁶·max(1, |δ_ref|)}, the same for {@code
   * J}); the delta and the activations must come back in float32, the example losses in float64.
   *
   * <p>What differs from float64, and why: C2's extremes are those a float32 batch can carry (exp
   * up to 80, since {@code e^z} overflows float32 above {@code log(Float.MAX_VALUE) ≈ 88.72}; {@code
   * |z| = 1000} for sigmoid, softmax and tanh); C4 differences the float64 oracle's loss on the
   * widened inputs rather than the backend's own, which is too coarse for central differences in
   * float32 ({@link #differenced}); C7 runs {@link BadInputs#float32()} (the catalog's cases that
   * rounding leaves broken, exp above 88.72, results beyond float32's range, which are the
   * caller's overflow and never the backend's defect, and {@code y} of the other precision) and
   * deltaOut of the other precision. For time (C11 adds under a third to a kit run) the cases
   * are a subset: C1 without the 512 × 1000 batch; C3 on 7 × 3 and 64 × 10 under SUM at moderate
   * logits, and with soft targets only at large ones; C4 on 3 × 5 under SUM; C5 under SUM, its
   * large batch 128 × 1000; C6 on 64 × 10; C7's bad options through the allocating overload only;
   * C8's purity through the allocating overload and the one with both buffers, and {@value
   * #FLOAT32_ROUNDS} rounds per thread; C10 with the option sets of {@link #FLOAT32_OPTION_SETS}
   * for sum (and none) and mean-by-weight, and ignore_index on 7 × 3.
   *
   * <p>If this fails and the float64 clause does not, look for float32 arithmetic that loses
   * what float64 kept: a loss summed in float32 rather than float64 (C5's 128 × 1000 batch), a
   * loss computed as {@code log} of a probability clipped or rounded in float32 (C2, C5: at
   * {@code z = 30} a float32 {@code σ(z)} is exactly 1), {@code e^z} evaluated in float32 where
   * a chain-rule pair needs it wider (C3), or a delta or buffer of the wrong precision (C7, C8).
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("C11 float32: C1–C8 (and C10 in part) for float32 batches, against the float64 oracle on the widened inputs, within 1e-6·max(1, |expected|)")
  class C11Float32 {

    Stream<Arguments> canonicalDeltaCases() {
      return BackendCompatibilityKit.this.canonicalDeltaCases(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} targets, {3}")
    @MethodSource("canonicalDeltaCases")
    @DisplayName("C11 (C1): on float32 batches every canonical pair's delta is a − y within 1e-6·max(1, |a − y|), and comes back in float32")
    void canonicalDelta(Pair pair, Shape shape, TargetKind kind, Reduction reduction) {
      BackendCompatibilityKit.this.canonicalDelta(pair, shape, kind, reduction, Precision.FLOAT32);
    }

    Stream<Arguments> extremeCases() {
      return BackendCompatibilityKit.this.extremeCases(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0} at z = {1}, {2} targets")
    @MethodSource("extremeCases")
    @DisplayName("C11 (C2): at the extreme logits a float32 batch carries (|z| = 1000 for sigmoid, softmax and tanh; exp up to 80) a canonical pair's delta is still a − y and its loss finite and true")
    void extremeLogits(Pair pair, Double logit, TargetKind kind) {
      BackendCompatibilityKit.this.extremeLogits(pair, logit, kind, Precision.FLOAT32);
    }

    Stream<Arguments> chainRuleCases() {
      return BackendCompatibilityKit.this.chainRuleCases(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} targets, {3}")
    @MethodSource("chainRuleCases")
    @DisplayName("C11 (C3): on float32 batches every chain-rule pair's delta is the oracle's ∂ℓ/∂a ⊙ f'(z) within 1e-6·max(1, |expected|)")
    void chainRule(Pair pair, Shape shape, TargetKind kind, Reduction reduction) {
      BackendCompatibilityKit.this.chainRule(pair, shape, kind, reduction, Precision.FLOAT32);
    }

    Stream<Arguments> largeLogitCases() {
      return BackendCompatibilityKit.this.largeLogitCases(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("largeLogitCases")
    @DisplayName("C11 (C3): at large float32 logits, wherever the loss stays within float32's range, a chain-rule pair's loss and delta are still the oracle's")
    void largeLogits(Pair pair, Sample sample) {
      BackendCompatibilityKit.this.largeLogits(pair, sample);
    }

    Stream<Arguments> finiteDifferenceCases() {
      return BackendCompatibilityKit.this.finiteDifferenceCases(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("finiteDifferenceCases")
    @DisplayName("C11 (C4): on float32 batches every pair's delta agrees with central differences of the float64 oracle's loss on the widened inputs")
    void finiteDifferences(Pair pair, Shape shape, Reduction reduction) {
      BackendCompatibilityKit.this.finiteDifferences(pair, shape, reduction, Precision.FLOAT32);
    }

    Stream<Arguments> lossValueCases() {
      return BackendCompatibilityKit.this.lossValueCases(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("lossValueCases")
    @DisplayName("C11 (C5): on float32 batches every pair's loss, summed in float64, equals the oracle's within 1e-6·max(1, |J|), on 128 × 1000 batches too")
    void lossValue(Pair pair, Shape shape, Reduction reduction) {
      BackendCompatibilityKit.this.lossValue(pair, shape, reduction, Precision.FLOAT32);
    }

    Stream<Arguments> reductionCases() {
      return BackendCompatibilityKit.this.reductionCases(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("reductionCases")
    @DisplayName("C11 (C6): on float32 batches MEAN gives SUM / m, NONE gives SUM with float64 example losses summing to it, mean-by-weight without options gives MEAN")
    void reductions(Pair pair, Shape shape) {
      BackendCompatibilityKit.this.reductions(pair, shape, Precision.FLOAT32);
    }

    Stream<Arguments> badInputCases() {
      return BackendCompatibilityKit.this.badInputCases(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}, through {1}")
    @MethodSource("badInputCases")
    @DisplayName("C11 (C7): every float32 input the contract rejects (exp above 88.72, a result beyond float32's range, y of the other precision, and the float64 catalog's cases that stay broken) throws an IllegalArgumentException naming the argument, row and column (and float32 for its own rules), z and y unchanged")
    void badInput(BadInput bad, Overload overload) {
      BackendCompatibilityKit.this.badInput(bad, overload, Precision.FLOAT32);
    }

    Stream<Arguments> badLabelCases() {
      return BackendCompatibilityKit.this.badLabelCases(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}, through {6}")
    @MethodSource("badLabelCases")
    @DisplayName("C11 (C7, labels): bad class-index labels beside float32 logits, or a NaN float32 logit in a kept row, are rejected naming labels (or z) and the row")
    void badLabels(Pair pair, Batch z, Labels labels, String argument, int row, int column, Overload overload) {
      BackendCompatibilityKit.this.badLabels(pair, z, labels, argument, row, column, overload);
    }

    Stream<Arguments> badOptionCases() {
      return BackendCompatibilityKit.this.badOptionCases(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}, through {1}")
    @MethodSource("badOptionCases")
    @DisplayName("C11 (C7, options): every bad option beside float32 logits and targets is rejected naming the option (or argument), row and column; nothing is modified")
    void badOptions(BadOption bad, Overload overload) {
      BackendCompatibilityKit.this.badOptions(bad, overload);
    }

    Stream<Arguments> badBuffers() {
      return BackendCompatibilityKit.badBuffers();
    }

    @ParameterizedTest(name = "deltaOut {0}")
    @MethodSource("badBuffers")
    @DisplayName("C11 (C7): a deltaOut of the wrong shape, float64 beside float32 z, or aliasing a float32 input is rejected naming deltaOut, inputs unchanged")
    void badBuffer(String problem) {
      BackendCompatibilityKit.this.badBuffer(problem, Precision.FLOAT32);
    }

    Stream<Arguments> impossibleBatches() {
      return BackendCompatibilityKit.impossibleBatches(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossibleBatches")
    @DisplayName("C11 (C7): a float32 batch with zero rows or columns, or more elements than a Java array holds, cannot even be built")
    void impossibleBatch(ThrowingCallable creation) {
      BackendCompatibilityKit.impossibleBatch(creation, Precision.FLOAT32);
    }

    /** Through the allocating overload and the one with both buffers (the one with deltaOut alone differs only in example losses). */
    Stream<Arguments> purityCases() {
      return allPairs().flatMap(pair -> Stream.of(Overload.RESULT, Overload.BUFFERS).map(o -> Arguments.of(pair, o)));
    }

    @ParameterizedTest(name = "{0}, through {1}")
    @MethodSource("purityCases")
    @DisplayName("C11 (C8): evaluating float32 batches leaves their float[] bit for bit as they were, and the result shares no array with them")
    void inputsUntouched(Pair pair, Overload overload) {
      BackendCompatibilityKit.this.inputsUntouched(pair, overload, Precision.FLOAT32);
    }

    Stream<Pair> pairs() {
      return allPairs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @DisplayName("C11 (C8): on float32 batches repeated calls and all three evaluate overloads give the same loss, delta and example losses, bit for bit")
    void deterministic(Pair pair) {
      BackendCompatibilityKit.this.deterministic(pair, Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    @DisplayName("C11 (C8): " + THREADS + " threads evaluating shared float32 inputs concurrently get exactly the bits of sequential calls")
    void concurrent(Pair pair) throws Exception {
      BackendCompatibilityKit.this.concurrent(pair, Precision.FLOAT32);
    }

    Stream<Arguments> optionCases() {
      return BackendCompatibilityKit.this.optionCases(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("optionCases")
    @DisplayName("C11 (C10): on float32 batches class weights, pos_weight, a mask, labels with ignore_index and smoothing, and the widest dense set give the oracle's loss, delta and example losses for sum, none and mean-by-weight through every overload, exactly 0 where nothing is computed")
    void options(Pair pair, Set<LossOption> set, Reduction reduction) {
      BackendCompatibilityKit.this.options(pair, set, reduction, Precision.FLOAT32);
    }

    Stream<Arguments> ignoringCases() {
      return BackendCompatibilityKit.this.ignoringCases(Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}, through {3}")
    @MethodSource("ignoringCases")
    @DisplayName("C11 (C10): with ignore_index on float32 logits whose ignored rows are NaN, ignored rows have δ = 0 exactly and the rest is the oracle's, for every reduction")
    void ignoredRows(Pair pair, Shape shape, Reduction reduction, Overload overload) {
      BackendCompatibilityKit.this.ignoredRows(pair, shape, reduction, overload, Precision.FLOAT32);
    }
  }
}

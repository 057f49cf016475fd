package io.github.deltapair.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Loss;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.Inputs;
import io.github.deltapair.reference.Shape;
import io.github.deltapair.reference.TargetKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bounded stress run per backend: {@value #THREADS} threads, each evaluating every pair of the
 * catalog {@value #ROUNDS} times on inputs of its OWN (a shape no other thread uses) and on inputs
 * shared by all threads, in a thread-specific order, through both overloads, with rejected calls
 * (one rejected before the kernel, one after it) and a batch large enough for native's parallel
 * row blocks mixed in. Every result must have exactly the bits of a sequential call: no cross-talk
 * between ND4J's per-thread workspaces or its shared native pool, or native's fork-join blocks.
 */
@DisplayName("8 threads on each backend, own and shared inputs, get exactly the bits of sequential calls")
class ConcurrencyStressTest {

  private static final int THREADS = 8;
  private static final int ROUNDS = 6;
  private static final Shape SHARED = Shape.of(6, 5);
  /** 76 800 elements: above native's parallel threshold of 65 536. */
  private static final Shape LARGE = Shape.of(300, 256);

  /** One call and the result a sequential call gave. */
  private record Call(String name, Pair pair, Batch z, Batch y, Reduction reduction, Outcome expected) {}

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"native", "dl4j"})
  @DisplayName("Every concurrent call, own inputs or shared, result or rejection, equals the sequential call bit for bit; no deadlock within the timeout")
  void concurrentCallsMatchSequentialCalls(String id) {
    Evaluator backend = id.equals("native") ? TwoBackends.nativeBackend() : TwoBackends.dl4j();
    List<Call> shared = sharedCalls(backend);
    List<List<Call>> own = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      own.add(ownCalls(backend, t));
    }
    List<Call> everything = new ArrayList<>(shared);
    own.forEach(everything::addAll);
    List<Batch[]> pristine = everything.stream().map(c -> new Batch[] {c.z().copy(), c.y().copy()}).toList();

    List<String> failures = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> hammer(backend, shared, own));

    assertThat(failures).as("calls whose result differed from the sequential one").isEmpty();
    for (int k = 0; k < everything.size(); k++) {
      assertThat(everything.get(k).z().sameBits(pristine.get(k)[0])).as("z of %s", everything.get(k).name()).isTrue();
      assertThat(everything.get(k).y().sameBits(pristine.get(k)[1])).as("y of %s", everything.get(k).name()).isTrue();
    }
  }

  private static List<String> hammer(Evaluator backend, List<Call> shared, List<List<Call>> own) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<String>>> outcomes = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        List<Call> mine = new ArrayList<>(shared);
        mine.addAll(own.get(t));
        Collections.shuffle(mine, new Random(t));
        int thread = t;
        outcomes.add(pool.submit(() -> {
          start.await();
          return run(backend, mine, thread);
        }));
      }
      start.countDown();
      List<String> failures = new ArrayList<>();
      for (Future<List<String>> outcome : outcomes) {
        failures.addAll(outcome.get());
      }
      return failures;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static List<String> run(Evaluator backend, List<Call> calls, int thread) {
    List<String> failures = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      for (Call call : calls) {
        boolean buffer = (round + thread) % 2 == 1;
        String got = describe(evaluate(backend, call, buffer));
        String want = describe(call.expected());
        if (!got.equals(want)) {
          failures.add("thread " + thread + ", round " + round + ", " + call.name() + (buffer ? " (deltaOut)" : "")
              + ": " + got + " instead of " + want);
        }
      }
    }
    return failures;
  }

  private static Outcome evaluate(Evaluator backend, Call call, boolean buffer) {
    if (!buffer) {
      return Outcome.of(backend, call.pair(), call.z(), call.y(), call.reduction());
    }
    Batch delta = Batch.zeros(call.z().rows(), call.z().cols());
    try {
      double loss = backend.evaluate(call.pair(), call.z(), call.y(), call.reduction(), delta);
      LossResult expected = call.expected().result();
      return new Outcome(new LossResult(loss, call.expected().rejected() ? delta : expected.activations(), delta,
          call.expected().rejected() ? new double[call.z().rows()] : expected.exampleLosses()), null);
    } catch (IllegalArgumentException e) {
      return new Outcome(null, e.getMessage());
    }
  }

  /** The exact bits of loss, delta and a, or the rejection's message. */
  private static String describe(Outcome outcome) {
    if (outcome.rejected()) {
      return "rejected: " + outcome.rejection();
    }
    StringBuilder bits = new StringBuilder(Long.toHexString(Double.doubleToRawLongBits(outcome.result().loss())));
    for (Batch batch : List.of(outcome.result().delta(), outcome.result().activations())) {
      bits.append('|');
      for (double v : batch.array()) {
        bits.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(',');
      }
    }
    return bits.toString();
  }

  private static List<Call> sharedCalls(Evaluator backend) {
    List<Call> calls = new ArrayList<>();
    for (Pair pair : TwoBackends.pairs()) {
      calls.add(call(backend, "shared " + pair, pair, SHARED, Reduction.SUM));
    }
    calls.add(call(backend, "shared large", Pair.canonical(Loss.BINARY_CROSS_ENTROPY), LARGE, Reduction.MEAN));
    calls.add(call(backend, "shared large chain rule", Pair.of("softmax", "squared-error"), LARGE, Reduction.SUM));
    // rejected before the kernel (a target outside [0, 1]) and after it (the loss overflows)
    Call bad = call(backend, "shared bad target", Pair.canonical(Loss.BINARY_CROSS_ENTROPY), SHARED, Reduction.SUM);
    bad.y().set(3, 2, 1.5);
    Call overflow = call(backend, "shared overflow", Pair.canonical(Loss.SQUARED_ERROR), SHARED, Reduction.SUM);
    overflow.z().set(4, 1, 1e300);
    calls.add(withExpected(backend, bad));
    calls.add(withExpected(backend, overflow));
    return calls;
  }

  /** Thread t's own inputs: a shape no other thread uses, its own seed, MEAN reduction. */
  private static List<Call> ownCalls(Evaluator backend, int thread) {
    Shape shape = Shape.of(1 + thread, 2 + (thread * 3) % 7);
    List<Call> calls = new ArrayList<>();
    for (Pair pair : TwoBackends.pairs()) {
      calls.add(call(backend, "thread " + thread + " " + pair, pair, shape, Reduction.MEAN));
    }
    return calls;
  }

  private static Call call(Evaluator backend, String name, Pair pair, Shape shape, Reduction reduction) {
    Inputs inputs = Inputs.seeded(name);
    Batch z = inputs.logits(shape, pair.isCanonical() ? 8.0 : 3.0);
    Batch y = inputs.targets(pair.loss(), TargetKind.SOFT, shape);
    return withExpected(backend, new Call(name, pair, z, y, reduction, null));
  }

  private static Call withExpected(Evaluator backend, Call call) {
    Outcome expected = Outcome.of(backend, call.pair(), call.z(), call.y(), call.reduction());
    return new Call(call.name(), call.pair(), call.z(), call.y(), call.reduction(), expected);
  }
}

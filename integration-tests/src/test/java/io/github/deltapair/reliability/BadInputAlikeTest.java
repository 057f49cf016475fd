package io.github.deltapair.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.BadInput;
import io.github.deltapair.reference.BadInputs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input rules (docs/contract.md §6) through the API of both backends: every bad input is
 * rejected by {@code native} and {@code dl4j}, through both {@code evaluate} overloads, with one
 * and the same message, which names the argument, the row and the column; {@code z} and {@code y}
 * keep every bit.
 */
@DisplayName("Bad input is rejected alike by native and dl4j, with the same message, inputs untouched")
class BadInputAlikeTest {

  static Stream<BadInput> cases() {
    return BadInputs.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("Each bad input gets one identical IllegalArgumentException from both backends and both overloads, naming argument, row and column, and z and y keep every bit")
  void rejectedAlike(BadInput bad) {
    Map<String, String> messages = new LinkedHashMap<>();
    for (Evaluator backend : TwoBackends.both()) {
      for (boolean buffer : new boolean[] {false, true}) {
        BadInput mine = bad.fresh();
        String call = backend.backendId() + (buffer ? " evaluate(…, deltaOut)" : " evaluate(…)");
        Throwable thrown = catchThrowable(() -> {
          if (buffer) {
            backend.evaluate(mine.pair(), mine.z(), mine.y(), Reduction.MEAN,
                Batch.zeros(mine.z().rows(), mine.z().cols()));
          } else {
            backend.evaluate(mine.pair(), mine.z(), mine.y(), Reduction.SUM);
          }
        });
        assertThat(thrown).as("%s given %s", call, bad).isInstanceOf(IllegalArgumentException.class);
        assertThat(mine.z().sameBits(bad.z())).as("%s changed z", call).isTrue();
        assertThat(mine.y().sameBits(bad.y())).as("%s changed y", call).isTrue();
        messages.put(call, thrown.getMessage());
      }
    }
    String first = messages.values().iterator().next();
    assertThat(messages).as("messages for %s", bad).allSatisfy((call, message) ->
        assertThat(message).as(call).isEqualTo(first));
    assertPointsAt(first, bad);
  }

  static Stream<Arguments> oversized() {
    return Stream.<Named<ThrowingCallable>>of(
        Named.of("Batch.zeros(65536, 65536): 2^32 elements, 0 as an int product",
            () -> Batch.zeros(65536, 65536)),
        Named.of("Batch.zeros(100000, 100000)", () -> Batch.zeros(100_000, 100_000)),
        Named.of("Batch.zeros(46341, 46341): just past Integer.MAX_VALUE",
            () -> Batch.zeros(46_341, 46_341)),
        Named.of("Batch.wrap(new double[0], 65536, 65536): the int product 0 matches the length",
            () -> Batch.wrap(new double[0], 65536, 65536)),
        Named.of("Batch.wrap(new double[131073], 65537, 65537): the int product matches the length",
            () -> Batch.wrap(new double[131_073], 65537, 65537)),
        Named.of("Batch.wrap(new double[1], 100000, 100000)", () -> Batch.wrap(new double[1], 100_000, 100_000)))
        .map(Arguments::of);
  }

  /**
   * No backend can be handed such a batch: {@link Batch} is the one gate, so there is no
   * cross-backend difference to test beyond it. The danger is an {@code int} product that wraps
   * around to the array's length.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("oversized")
  @DisplayName("Shapes whose rows × cols overflows an int are refused before any backend sees them, the message giving the true product")
  void oversizedBatchesAreRefused(ThrowingCallable creation) {
    Throwable thrown = catchThrowable(creation);
    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    assertThat(thrown.getMessage())
        .containsPattern("rows × cols = \\d+ × \\d+ = \\d{10,}")
        .contains("exceeds the largest Java array");
  }

  private static void assertPointsAt(String message, BadInput bad) {
    assertThat(message).as("%s: the message", bad).isNotBlank().doesNotContain("\n");
    assertThat(message).as("%s: names the argument %s", bad, bad.argument())
        .containsPattern("(?<![\\w.])" + Pattern.quote(bad.argument()) + "(?!\\w)");
    if (bad.row() != BadInput.NONE) {
      assertThat(message).as("%s: names row %d", bad, bad.row()).containsPattern("\\brow " + bad.row() + "\\b");
    }
    if (bad.column() != BadInput.NONE) {
      assertThat(message).as("%s: names column %d", bad, bad.column())
          .containsPattern("\\bcolumn " + bad.column() + "\\b");
    }
  }
}

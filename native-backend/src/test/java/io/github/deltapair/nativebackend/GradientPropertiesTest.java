package io.github.deltapair.nativebackend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Catalog;
import io.github.deltapair.Evaluator;
import io.github.deltapair.GradientCheck;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

@Label("For random valid inputs of every pair")
class GradientPropertiesTest {

  private final NativeBackend nativeBackend = new NativeBackend();
  private final Evaluator backend = Evaluator.of(nativeBackend);

  @Property(tries = 500)
  @Label("the result is finite and the delta passes the finite-difference check at moderate logits")
  void finiteAndGradientChecked(
      @ForAll("pairs") Pair pair,
      @ForAll @IntRange(min = 1, max = 4) int rows,
      @ForAll @IntRange(min = 2, max = 5) int cols,
      @ForAll Reduction reduction,
      @ForAll Random random) {
    Batch z = Batch.zeros(rows, cols);
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = 6 * random.nextDouble() - 3;
    }
    Batch y = RandomTargets.soft(pair.loss(), rows, cols, random);

    LossResult result = backend.evaluate(pair, z, y, reduction);
    // a central difference cannot resolve less than J's rounding over the step (ulp(J)/h): below
    // that floor (and the default 1e-8) a difference is noise of the check, not of the delta. The
    // step is 1e-5, not 1e-6: StraightMath's e^x is within 4e-13 but not smooth at that scale, and
    // over a step of 1e-6 that noise reached 2e-8 (softmax + kl-divergence: analytic 9.265251966567e-5,
    // 40-digit value 9.265251966182e-5, central difference 9.26744e-5); at 1e-5, 0 of 100 000 such
    // cases fail, and the truncation error stays near h² times J's third derivative, about 1e-10
    double step = 1e-5;
    double floor = Math.max(1e-8, 64 * Math.ulp(Math.abs(result.loss())) / step);
    GradientCheck.Result check = GradientCheck.run(backend, pair, z, y, reduction,
        new GradientCheck.Options(step, 1e-5, floor));

    assertThat(Double.isFinite(result.loss())).isTrue();
    for (double d : result.delta().array()) {
      assertThat(Double.isFinite(d)).isTrue();
    }
    assertThat(check.passed()).as("%s: %s", pair.name(), check).isTrue();
  }

  @Provide
  Arbitrary<Pair> pairs() {
    return Arbitraries.of(Pair.all());
  }

  @Provide
  Arbitrary<Activation> activations() {
    return Arbitraries.of(Catalog.discovered().activations());
  }

  @Property(tries = 200)
  @Label("the native activations equal the api's reference forward pass")
  void activationsMatchReference(
      @ForAll("activations") Activation activation,
      @ForAll @IntRange(min = 1, max = 3) int rows,
      @ForAll @IntRange(min = 2, max = 6) int cols,
      @ForAll Random random) {
    Batch z = Batch.zeros(rows, cols);
    for (int k = 0; k < z.size(); k++) {
      z.array()[k] = 60 * random.nextDouble() - 30;
    }
    Batch ours = Batch.zeros(rows, cols);
    Batch reference = Batch.zeros(rows, cols);

    nativeBackend.activate(activation, z, ours);
    activation.forward(z, reference);

    for (int k = 0; k < z.size(); k++) {
      double r = reference.array()[k];
      assertThat(Math.abs(ours.array()[k] - r)).isLessThanOrEqualTo(4 * Math.ulp(r));
    }
  }
}

package io.github.deltapair.conformance.selftest;

import io.github.deltapair.Batch;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;

/**
 * Broken on purpose: applies class weights to the delta but not to the loss (the loss and the
 * example losses are computed as if no class weights were given), so the delta is not the gradient
 * of the loss it reports. Everything without class weights is right. Must fail C10 and C9 only.
 */
public final class DeltaOnlyClassWeightsBackend extends ReferenceDelegate {

  public DeltaOnlyClassWeightsBackend() {
    super("broken-delta-only-class-weights");
  }

  @Override
  public double compute(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch deltaOut, double[] exampleLosses) {
    double loss = reference.compute(pair, z, targets, options, reduction, deltaOut, exampleLosses);
    if (options.classWeights() == null) {
      return loss;
    }
    // the mistake: J and ℓ_i without the class weights, δ with them
    Options unweighted = Options.NONE;
    if (options.posWeight() != null) {
      unweighted = unweighted.withPosWeight(options.posWeight());
    }
    if (options.exampleWeights() != null) {
      unweighted = unweighted.withExampleWeights(options.exampleWeights());
    }
    if (options.mask() != null) {
      unweighted = unweighted.withMask(options.mask());
    }
    if (options.labelSmoothing() != 0.0) {
      unweighted = unweighted.withLabelSmoothing(options.labelSmoothing());
    }
    Batch scratch = Batch.zeros(z.rows(), z.cols());
    return reference.compute(pair, z, targets, unweighted, reduction, scratch, exampleLosses);
  }
}

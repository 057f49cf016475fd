package io.github.deltapair.dl4j.interop;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** A deliberately broken loss for negative controls: the right score, the gradient times a factor. */
final class ScaledGradientLoss implements ILossFunction {

  private static final long serialVersionUID = 1L;

  private final ILossFunction delegate;
  private final double factor;

  ScaledGradientLoss(ILossFunction delegate, double factor) {
    this.delegate = delegate;
    this.factor = factor;
  }

  @Override
  public double computeScore(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
      boolean average) {
    return delegate.computeScore(labels, preOutput, activationFn, mask, average);
  }

  @Override
  public INDArray computeScoreArray(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    return delegate.computeScoreArray(labels, preOutput, activationFn, mask);
  }

  @Override
  public INDArray computeGradient(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    return delegate.computeGradient(labels, preOutput, activationFn, mask).muli(factor);
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
      boolean average) {
    Pair<Double, INDArray> both =
        delegate.computeGradientAndScore(labels, preOutput, activationFn, mask, average);
    return new Pair<>(both.getFirst(), both.getSecond().muli(factor));
  }

  @Override
  public String name() {
    return "scaled(" + delegate.name() + ", " + factor + ")";
  }
}

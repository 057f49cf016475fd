package io.github.deltapair.dl4j.interop;

import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.LossOption;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Precision;
import io.github.deltapair.spi.Backend;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect.Visibility;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonInclude;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A deltapair {@link Pair} as a DL4J loss function: the score and the output delta {@code ∂ℓ/∂z}
 * are computed from the pre-activations by a deltapair backend through an {@link Evaluator} (which
 * validates every call), with the pair's fused, stable formulas (for sigmoid + binary-cross-entropy
 * {@code δ = σ(z) − y} for every finite {@code z}, where DL4J's {@code LossBinaryXENT} clips and
 * stalls).
 *
 * <p>Use it in an {@code OutputLayer} or {@code LossLayer} together with {@link #activation()}:
 * <pre>{@code
 * DeltaPairLoss loss = DeltaPairLoss.of(Pair.of("sigmoid", "binary-cross-entropy"));
 * new OutputLayer.Builder(loss).activation(loss.activation()).nIn(5).nOut(3).build();
 * }</pre>
 * The loss ignores the layer's activation function except to check that it is the pair's (the
 * backend applies the pair's own activation to {@code preOutput}); any other activation is
 * rejected with an {@link IllegalArgumentException} naming both.
 *
 * <p>DL4J conventions: scores are sums over outputs and (masked) examples, divided by the number
 * of examples {@code m} when {@code average} is true; gradients are per example, not divided by
 * {@code m}. A mask is {@code null}, per example ({@code [m, 1]}) or per output ({@code [m, n]}):
 * it multiplies each example's or output's loss and delta once (it is passed on as example weights
 * or the {@code mask} option, see the module README), and masked-out (zero) entries are neither
 * validated nor computed. Inputs are never written, and results are returned in the data type of
 * {@code preOutput}. In a FLOAT network the evaluation is float32 end to end (docs/contract.md
 * §2c): {@code preOutput} and dense labels are read once each, unwidened, into float32 batches (one
 * copy each out of ND4J's off-heap memory, since a batch views a Java array; labels of another
 * type are rounded to float32), the backend computes and writes a float32 delta, and the gradient
 * is a FLOAT array made from it; the score is summed in float64. Other data types are copied to
 * float64. Labels outside the loss's domain, non-finite values and overflow are rejected as the
 * backend rejects them (docs/contract.md §6; exp overflows float32 above {@code z ≈ 88.72}).
 *
 * <p>Backends: {@link #of(Pair)} computes on the default backend, which is {@code native} (the
 * plain-Java backend that comes with {@code deltapair-dl4j}) unless {@code -Ddeltapair.backend=ID}
 * names another; {@link #of(Pair, String)} names one ({@code DeltaPairLoss.of(pair, "dl4j")}
 * computes through ND4J). The backend in use is {@link #evaluator()}{@code .backendId()}, and the
 * first computation through each backend logs it once per JVM at INFO ({@code DeltaPairLoss
 * computes through backend 'native' (…)}).
 *
 * <p>Class-index labels: {@link #withClassIndexLabels()} (for a loss whose target rows lie on the
 * simplex, such as cross-entropy) takes labels in the {@code [m, 1]} layout of DL4J's {@code
 * LossSparseMCXENT}, a column of class indices stored as floating-point values, instead of {@code
 * [m, n]} one-hot rows; it gives the same scores and gradients as the one-hot labels would, and
 * computes them through {@link Evaluator#evaluate(Pair, io.github.deltapair.Batch,
 * io.github.deltapair.Targets, io.github.deltapair.Reduction, io.github.deltapair.Batch)} with
 * {@link io.github.deltapair.Labels}. A value
 * that is not an integer in {@code [0, n)} is rejected; masked-out examples' labels are not read.
 *
 * <p>Options: {@link #withClassWeights(double...)} and {@link #withLabelSmoothing(double)} add
 * class weights and label smoothing (docs/contract.md §2b) to every evaluation, through {@link
 * Evaluator#evaluate(Pair, io.github.deltapair.Batch, io.github.deltapair.Targets, Options,
 * io.github.deltapair.Reduction, io.github.deltapair.Batch, double[])}.
 *
 * <p>Serialized (JSON configuration and {@code ModelSerializer}) as the activation id, the loss's
 * canonical name with its parameters ({@code "huber(delta=0.5)"}, {@code "focal(gamma=2.0,
 * alpha=0.25)"}), the backend id only if one was named, and {@code "classIndexLabels" : true},
 * {@code "classWeights" : [...]} and {@code "labelSmoothing" : ε} only if set (so configurations
 * written before they existed still read); the backend is looked up on each call,
 * so a restored loss without an id computes on the default backend of the JVM that restores it.
 * Immutable and thread-safe.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.NONE,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    setterVisibility = Visibility.NONE,
    creatorVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class DeltaPairLoss implements ILossFunction {

  private static final long serialVersionUID = 1L;

  @JsonProperty("activation")
  private final String activationId;

  @JsonProperty("loss")
  private final String lossName;

  @JsonProperty("backend")
  private final String backendId;

  /** {@code TRUE} for class-index labels, {@code null} (not written) for dense labels. */
  @JsonProperty("classIndexLabels")
  private final Boolean classIndexLabels;

  /** One weight per output, or {@code null} (not written) for none. */
  @JsonProperty("classWeights")
  private final double[] classWeights;

  /** The label smoothing {@code ε}, or {@code null} (not written) for none. */
  @JsonProperty("labelSmoothing")
  private final Double labelSmoothing;

  private final transient Pair pair;

  @JsonCreator
  private DeltaPairLoss(
      @JsonProperty("activation") String activationId,
      @JsonProperty("loss") String lossName,
      @JsonProperty("backend") String backendId,
      @JsonProperty("classIndexLabels") Boolean classIndexLabels,
      @JsonProperty("classWeights") double[] classWeights,
      @JsonProperty("labelSmoothing") Double labelSmoothing) {
    this.pair = Pair.of(
        Objects.requireNonNull(activationId, "activation"), Objects.requireNonNull(lossName, "loss"));
    this.activationId = pair.activation().id();
    this.lossName = pair.loss().name();
    this.backendId = backendId;
    this.classIndexLabels = Boolean.TRUE.equals(classIndexLabels) ? Boolean.TRUE : null;
    if (this.classIndexLabels != null) {
      requireLabelsTaken(pair);
    }
    this.classWeights = classWeights == null ? null : checkClassWeights(pair, classWeights.clone());
    this.labelSmoothing = labelSmoothing == null || labelSmoothing == 0.0 ? null
        : checkLabelSmoothing(pair, labelSmoothing);
  }

  private static double[] checkClassWeights(Pair pair, double[] w) {
    if (!pair.loss().supports(LossOption.CLASS_WEIGHTS)) {
      throw new IllegalArgumentException("DeltaPairLoss(" + pair.name() + ").withClassWeights(): "
          + pair.loss().name() + " does not support class_weights");
    }
    if (w.length == 0) {
      throw new IllegalArgumentException("DeltaPairLoss(" + pair.name() + ").withClassWeights():"
          + " class_weights is empty: give one weight per output");
    }
    for (int j = 0; j < w.length; j++) {
      if (!(Double.isFinite(w[j]) && w[j] >= 0.0)) {
        throw new IllegalArgumentException("DeltaPairLoss(" + pair.name() + ").withClassWeights():"
            + " class_weights has " + w[j] + " at column " + j + ": class weights must be finite"
            + " and ≥ 0");
      }
    }
    return w;
  }

  private static Double checkLabelSmoothing(Pair pair, double epsilon) {
    if (!pair.loss().supports(LossOption.LABEL_SMOOTHING)) {
      throw new IllegalArgumentException("DeltaPairLoss(" + pair.name() + ").withLabelSmoothing():"
          + " " + pair.loss().name() + " does not support label_smoothing (cross-entropy and"
          + " binary-cross-entropy do)");
    }
    if (!(epsilon >= 0.0 && epsilon < 1.0)) {
      throw new IllegalArgumentException("DeltaPairLoss(" + pair.name() + ").withLabelSmoothing():"
          + " label_smoothing is " + epsilon + ": it must lie in [0, 1)");
    }
    return epsilon;
  }

  /**
   * The loss computing {@code pair} on the default backend ({@link Backends#evaluator()}): {@code
   * native}, which {@code deltapair-dl4j} brings, unless {@code -Ddeltapair.backend=ID} names
   * another. Nothing is looked up until the loss is used.
   */
  public static DeltaPairLoss of(Pair pair) {
    Objects.requireNonNull(pair, "pair");
    return new DeltaPairLoss(pair.activation().id(), pair.loss().name(), null, null, null, null);
  }

  /**
   * {@code DeltaPairLoss.of(pair).withClassIndexLabels()}: the loss computing {@code pair} on the
   * default backend from class-index labels in the {@code [m, 1]} layout.
   *
   * @throws IllegalArgumentException if {@code pair}'s loss takes dense targets
   */
  public static DeltaPairLoss withClassIndexLabels(Pair pair) {
    return of(pair).withClassIndexLabels();
  }

  /**
   * This loss (same pair, same backend) reading its labels as class indices: an {@code [m, 1]}
   * INDArray whose row {@code i} holds example {@code i}'s class as a floating-point integer in
   * {@code [0, n)}, the layout of DL4J's {@code LossSparseMCXENT}, standing for the one-hot row with
   * a 1 in that column. Scores and gradients equal those of the one-hot labels; masks apply as for
   * dense labels (per example {@code [m, 1]}, or {@code [m, n]} constant along each row), and
   * masked-out examples' labels are not read.
   *
   * @throws IllegalArgumentException naming the pair if its loss takes dense targets (its target
   *     rows do not lie on the simplex: {@code pair.loss().targetRowsOnSimplex()} is false)
   */
  public DeltaPairLoss withClassIndexLabels() {
    return new DeltaPairLoss(
        activationId, lossName, backendId, Boolean.TRUE, classWeights, labelSmoothing);
  }

  /**
   * This loss (same pair, backend and label layout) with class weights {@code w}, one per output
   * (docs/contract.md §2b, PyTorch's {@code weight}): cross-entropy {@code ℓ_i = −Σ_j w_j y_ij log
   * a_ij} (class-index labels: {@code w_{c_i}·(−log a_{i,c_i})}), element-wise losses {@code ℓ_i =
   * Σ_j w_j ℓ_ij}. Scores stay DL4J's sums over examples (divided by {@code m} when averaged, not
   * by {@code Σ w}); gradients are {@code ∂ℓ_i/∂z_i}. The length is checked against the layer's
   * outputs on each call.
   *
   * @throws IllegalArgumentException for an empty array or a weight that is negative or not finite
   *     (naming its column)
   */
  public DeltaPairLoss withClassWeights(double... w) {
    Objects.requireNonNull(w, "classWeights");
    return new DeltaPairLoss(activationId, lossName, backendId, classIndexLabels, w, labelSmoothing);
  }

  /**
   * This loss with label smoothing {@code ε}: targets {@code (1 − ε) y + ε/n} for cross-entropy
   * ({@code n} outputs), {@code (1 − ε) y + ε/2} for binary cross-entropy; with class-index labels
   * the smoothed one-hot rows. {@code ε = 0} removes it.
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ ε < 1}, or for a loss that takes no
   *     smoothing (naming it)
   */
  public DeltaPairLoss withLabelSmoothing(double epsilon) {
    if (epsilon != 0.0) {
      checkLabelSmoothing(pair, epsilon);
    }
    return new DeltaPairLoss(
        activationId, lossName, backendId, classIndexLabels, classWeights, epsilon);
  }

  /** A copy of the class weights, if set. */
  public Optional<double[]> classWeights() {
    return Optional.ofNullable(classWeights).map(double[]::clone);
  }

  /** The label smoothing {@code ε}, 0 if none. */
  public double labelSmoothing() {
    return labelSmoothing == null ? 0.0 : labelSmoothing;
  }

  /** The options this loss adds to every evaluation: its class weights and label smoothing. */
  public Options options() {
    Options options = Options.NONE;
    if (classWeights != null) {
      options = options.withClassWeights(classWeights.clone());
    }
    return labelSmoothing == null ? options : options.withLabelSmoothing(labelSmoothing);
  }

  /** Whether this loss reads class-index labels ({@link #withClassIndexLabels()}). */
  public boolean classIndexLabels() {
    return classIndexLabels != null;
  }

  private static void requireLabelsTaken(Pair pair) {
    if (!pair.loss().targetRowsOnSimplex()) {
      throw new IllegalArgumentException(
          "DeltaPairLoss(" + pair.name() + ").withClassIndexLabels(): " + pair.loss().name()
              + " takes dense targets y; class-index labels apply to losses whose target rows lie"
              + " on the simplex (cross-entropy, kl-divergence)");
    }
  }

  /**
   * The loss computing {@code pair} on the backend with id {@code backendId}, looked up when the
   * loss is used (so a network can be restored where that backend is installed).
   *
   * @throws IllegalArgumentException if that backend is installed but does not compute {@code
   *     pair} (its {@code supports(Pair)} says no), naming the backends that do
   */
  public static DeltaPairLoss of(Pair pair, String backendId) {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(backendId, "backendId");
    requireSupported(pair, backendId);
    return new DeltaPairLoss(
        pair.activation().id(), pair.loss().name(), backendId, null, null, null);
  }

  /** Rejects a pair the installed backend declines; with no such backend (yet), defers to use. */
  private static void requireSupported(Pair pair, String backendId) {
    List<Backend> all;
    try {
      all = Backends.all();
    } catch (IllegalStateException noDiscovery) {
      return;
    }
    Optional<Backend> chosen = all.stream().filter(b -> b.id().equals(backendId)).findFirst();
    if (chosen.isPresent() && !chosen.get().supports(pair)) {
      String able = all.stream().filter(b -> b.supports(pair)).map(Backend::id)
          .collect(Collectors.joining(", "));
      throw new IllegalArgumentException(
          "backend '" + backendId + "' does not compute " + pair.name()
              + " (its supports(Pair) says no); "
              + (able.isEmpty() ? "no discovered backend computes it"
                  : "use a backend that does: DeltaPairLoss.of(pair, \"" + able.split(", ")[0]
                      + "\") (backends that compute it: " + able + ")"));
    }
  }

  /** The pair this loss computes. */
  public Pair pair() {
    return pair;
  }

  /**
   * The id given to {@link #of(Pair, String)}, or empty for the default backend (the id that is
   * serialized); the backend actually in use is {@link #evaluator()}{@code .backendId()}.
   */
  public Optional<String> backendId() {
    return Optional.ofNullable(backendId);
  }

  /**
   * The evaluator used now: over the backend with {@link #backendId()}, or the default backend
   * ({@code native} unless {@code -Ddeltapair.backend} says otherwise).
   *
   * @throws IllegalArgumentException if the named backend is not installed
   * @throws IllegalStateException if discovery fails
   */
  public Evaluator evaluator() {
    return backendId == null ? Backends.evaluator() : Backends.evaluator(backendId);
  }

  /**
   * A new instance of the DL4J activation the output layer must use with this loss: ND4J's own
   * identity, tanh or relu, {@link ActivationStableSigmoid}, {@link ActivationStableSoftmax}, {@link
   * ActivationExp}, {@link ActivationStableSoftplus}, or {@link ActivationFromDefinition} for a
   * third-party plugin's activation.
   */
  public IActivation activation() {
    return MatchingActivations.of(pair.activation());
  }

  @Override
  public double computeScore(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
      boolean average) {
    MaskedPairEvaluation evaluation = evaluate(labels, preOutput, activationFn, mask);
    double score = evaluation.evaluate(evaluation.newDelta());
    return average ? score / preOutput.size(0) : score;
  }

  @Override
  public INDArray computeScoreArray(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    double[] scores = evaluate(labels, preOutput, activationFn, mask).exampleScores();
    return LayerArrays.create(scores, scores.length, 1, preOutput.dataType());
  }

  @Override
  public INDArray computeGradient(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    MaskedPairEvaluation evaluation = evaluate(labels, preOutput, activationFn, mask);
    Batch delta = evaluation.newDelta();
    evaluation.evaluate(delta);
    return LayerArrays.create(delta, preOutput.dataType());
  }

  @Override
  public org.nd4j.common.primitives.Pair<Double, INDArray> computeGradientAndScore(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
      boolean average) {
    MaskedPairEvaluation evaluation = evaluate(labels, preOutput, activationFn, mask);
    Batch delta = evaluation.newDelta();
    double score = evaluation.evaluate(delta);
    INDArray gradient = LayerArrays.create(delta, preOutput.dataType());
    return new org.nd4j.common.primitives.Pair<>(
        average ? score / preOutput.size(0) : score, gradient);
  }

  /**
   * {@code "deltapair(sigmoid+binary-cross-entropy)"}, with {@code "@backend"} if one was chosen
   * and {@code ", class-index labels"} if set.
   */
  @Override
  public String name() {
    return "deltapair(" + pair.name() + (backendId == null ? "" : "@" + backendId)
        + (classIndexLabels == null ? "" : ", class-index labels")
        + (classWeights == null ? "" : ", class_weights = " + Arrays.toString(classWeights))
        + (labelSmoothing == null ? "" : ", label_smoothing = " + labelSmoothing) + ")";
  }

  @Override
  public String toString() {
    return name();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeltaPairLoss that
        && pair.equals(that.pair)
        && Objects.equals(backendId, that.backendId)
        && Objects.equals(classIndexLabels, that.classIndexLabels)
        && Arrays.equals(classWeights, that.classWeights)
        && Objects.equals(labelSmoothing, that.labelSmoothing);
  }

  @Override
  public int hashCode() {
    int hash = classIndexLabels == null ? Objects.hash(pair, backendId)
        : Objects.hash(pair, backendId, classIndexLabels);
    if (classWeights != null) {
      hash = 31 * hash + Arrays.hashCode(classWeights);
    }
    return labelSmoothing == null ? hash : 31 * hash + labelSmoothing.hashCode();
  }

  private MaskedPairEvaluation evaluate(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(preOutput, "preOutput");
    if (!MatchingActivations.matches(pair.activation(), activationFn)) {
      throw new IllegalArgumentException(
          name() + " needs the layer activation " + activation() + " (" + activation().getClass()
              + ") but the layer uses " + activationFn
              + (activationFn == null ? "" : " (" + activationFn.getClass() + ")")
              + ": build the layer with .activation(loss.activation())");
    }
    if (preOutput.rank() != 2) {
      throw new IllegalArgumentException(
          "preOutput has shape " + Arrays.toString(preOutput.shape())
              + " but must be [examples, outputs]");
    }
    long rows = preOutput.size(0);
    long cols = preOutput.size(1);
    checkSize(preOutput);
    // a FLOAT network computes in float32: preOutput and labels are not widened
    Precision precision =
        preOutput.dataType() == DataType.FLOAT ? Precision.FLOAT32 : Precision.FLOAT64;
    Batch z = LayerArrays.batch("preOutput", preOutput, rows, cols, precision);
    if (classIndexLabels != null) {
      if (labels.rank() != 2 || labels.size(0) != rows || labels.size(1) != 1) {
        throw new IllegalArgumentException(
            name() + ": labels has shape " + Arrays.toString(labels.shape()) + " but class-index"
                + " labels must be [" + rows + ", 1] (one class index per example)");
      }
      double[] classes = LayerArrays.copyToDoubles("labels", labels, rows, 1);
      Evaluator evaluator = BackendUseLog.SHARED.used(evaluator(), backendId != null);
      return MaskedPairEvaluation.ofClassIndices(
          evaluator, pair, z, classes, maskWeights(mask, rows, cols), options());
    }
    Batch y = LayerArrays.batch("labels", labels, rows, cols, precision);
    Evaluator evaluator = BackendUseLog.SHARED.used(evaluator(), backendId != null);
    return MaskedPairEvaluation.of(
        evaluator, pair, z, y, maskWeights(mask, rows, cols), options());
  }

  /** Null, {@code m} per-example weights, or {@code m·n} per-output weights. */
  private static double[] maskWeights(INDArray mask, long rows, long cols) {
    if (mask == null) {
      return null;
    }
    if (mask.rank() == 2 && mask.size(0) == rows && mask.size(1) == 1) {
      return LayerArrays.copyToDoubles("mask", mask, rows, 1);
    }
    if (mask.rank() == 2 && mask.size(0) == rows && mask.size(1) == cols) {
      return LayerArrays.copyToDoubles("mask", mask, rows, cols);
    }
    throw new IllegalArgumentException(
        "mask has shape " + Arrays.toString(mask.shape()) + " but must be [" + rows
            + ", 1] (per example) or [" + rows + ", " + cols + "] (per output), or null");
  }

  private static void checkSize(INDArray preOutput) {
    long size = preOutput.length();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "preOutput has " + size + " elements, more than a batch can hold");
    }
  }

  private Object readResolve() {
    return new DeltaPairLoss(
        activationId, lossName, backendId, classIndexLabels, classWeights, labelSmoothing);
  }
}

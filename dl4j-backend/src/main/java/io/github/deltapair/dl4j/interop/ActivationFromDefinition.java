package io.github.deltapair.dl4j.interop;

import io.github.deltapair.Activation;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect.Visibility;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Any deltapair {@link Activation} of the catalog as a DL4J activation, computed in float64 from
 * its definition ({@link Activation#forwardRow} and {@link Activation#backwardRow}, row by row of
 * an {@code [examples, outputs]} array): the output-layer activation {@link DeltaPairLoss} asks
 * for when a third-party plugin's activation has no ND4J counterpart ({@link
 * DeltaPairLoss#activation()}). Like ND4J's activations it overwrites {@code in}; results keep {@code
 * in}'s data type. Serialized by the activation's id, looked up in {@link
 * io.github.deltapair.Catalog#discovered()} when read back.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.NONE,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    setterVisibility = Visibility.NONE,
    creatorVisibility = Visibility.NONE)
public final class ActivationFromDefinition extends BaseActivationFunction {

  private static final long serialVersionUID = 1L;

  @JsonProperty("activation")
  private final String activationId;

  private final transient Activation definition;

  /**
   * The activation with this id in the discovered catalog.
   *
   * @throws IllegalArgumentException naming the known activations if there is none
   */
  @JsonCreator
  public ActivationFromDefinition(@JsonProperty("activation") String activationId) {
    this.definition = Activation.fromId(Objects.requireNonNull(activationId, "activation"));
    this.activationId = definition.id();
  }

  /** The definition computed. */
  public Activation definition() {
    return definition;
  }

  /** Overwrites {@code in} with {@code f(in)}, row by row, and returns it. */
  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    int n = columns(in);
    double[] z = in.dup('c').data().asDouble();
    double[] a = new double[z.length];
    // a_i = f(z_i) for each row i
    for (int offset = 0; offset < z.length; offset += n) {
      definition.forwardRow(z, a, offset, n);
    }
    return in.assign(LayerArrays.create(a, in.size(0), n, in.dataType()));
  }

  /** Overwrites {@code in} with {@code dL/dz = J_f(z)ᵀ ε}, row by row; returns it and no parameter gradient. */
  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    int n = columns(in);
    double[] z = in.dup('c').data().asDouble();
    double[] g = epsilon.dup('c').data().asDouble();
    double[] a = new double[z.length];
    double[] out = new double[z.length];
    // dL/dz_i = J_f(z_i)ᵀ ε_i for each row i
    for (int offset = 0; offset < z.length; offset += n) {
      definition.forwardRow(z, a, offset, n);
      definition.backwardRow(z, a, g, out, offset, n);
    }
    return new Pair<>(in.assign(LayerArrays.create(out, in.size(0), n, in.dataType())), null);
  }

  private static int columns(INDArray in) {
    if (in.rank() != 2 || in.size(1) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a deltapair activation needs an [examples, outputs] array, not " + Arrays.toString(in.shape()));
    }
    return (int) in.size(1);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ActivationFromDefinition that && activationId.equals(that.activationId);
  }

  @Override
  public int hashCode() {
    return activationId.hashCode();
  }

  @Override
  public String toString() {
    return "deltapair(" + activationId + ")";
  }

  private Object readResolve() {
    return new ActivationFromDefinition(activationId);
  }
}

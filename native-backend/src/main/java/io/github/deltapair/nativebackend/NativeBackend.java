package io.github.deltapair.nativebackend;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.spi.Backend;
import java.util.Objects;

/**
 * The {@code native} backend: plain-Java float64 kernels for every pair of the catalog.
 *
 * <p>Matched pairs run {@link CanonicalKernels}, fused and stable from the logits; chain-rule
 * pairs run {@link ChainRuleKernels}. Stateless and thread-safe; reads {@code z} and {@code y},
 * writes only the output batch it is given.
 */
public final class NativeBackend implements Backend {

  /** This backend's id: {@value}. */
  public static final String ID = "native";

  /** Creates the backend; {@link java.util.ServiceLoader} calls this. */
  public NativeBackend() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "plain-Java float64 kernels: fused stable matched pairs, chain rule otherwise (scalar)";
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(reduction, "reduction");
    double scale = reduction.scale(z.rows());
    double[] zs = z.array();
    double[] ys = y.array();
    double[] delta = deltaOut.array();
    return pair.isCanonical()
        ? CanonicalKernels.compute(pair.loss(), zs, ys, z.cols(), scale, delta)
        : ChainRuleKernels.compute(pair.activation(), pair.loss(), zs, ys, z.cols(), scale, delta);
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    Objects.requireNonNull(activation, "activation");
    NativeActivations.forward(activation, z.array(), out.array(), z.cols());
  }

  @Override
  public String toString() {
    return "NativeBackend[" + ID + "]";
  }
}

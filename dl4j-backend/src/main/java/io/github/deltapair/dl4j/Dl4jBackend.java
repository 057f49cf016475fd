package io.github.deltapair.dl4j;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Catalog;
import io.github.deltapair.Options;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.Targets;
import io.github.deltapair.spi.Backend;
import java.util.Objects;

/**
 * The {@code dl4j} backend: every pair computed by ND4J/DL4J {@value #ND4J_VERSION}, float64
 * batches in DOUBLE and float32 batches in FLOAT where that keeps docs/contract.md §2c (else in
 * DOUBLE on the widened values; {@link #computesFloat32}).
 *
 * <p>It computes the pairs of the built-in catalog, with any parameters ({@link #supports}); a
 * third-party plugin's pairs are left to a backend that computes definitions generically
 * ({@code native}). It does not check inputs itself ({@link #checksInputs} is false): the {@link
 * io.github.deltapair.Evaluator} validates before and after every call.
 *
 * <p>Activations run through ND4J's {@code IActivation}s (forward and {@code backprop}) and
 * losses through DL4J's {@code ILossFunction}s wherever their semantics map onto the contract
 * ({@code LossL2} halved for squared error, {@code LossMCXENT}, {@code LossPoisson}, the unclipped
 * {@code LossBinaryXENT} gradient); ND4J ops take over where DL4J's classes break it (clipped
 * binary cross-entropy, the capped cross-entropy score, softmax and log-sum-exp subtracting the
 * global instead of the row maximum, naive softplus and {@code log1p}, no exp activation). The
 * README section "How the DL4J backend maps each pair" lists every choice with the measured
 * deviation.
 *
 * <p>Constructing the backend does not touch ND4J: its native libraries load on the first
 * {@link #compute} or {@link #activate}, so discovering backends stays cheap. If they cannot load,
 * every call throws one {@link IllegalStateException} naming the dependency to add. Stateless and
 * thread-safe; the caller's arrays are copied into ND4J (once: a float32 batch's {@code float[]}
 * straight into a FLOAT array) and never written.
 */
public final class Dl4jBackend implements Backend {

  /** This backend's id: {@value}. */
  public static final String ID = "dl4j";

  /** The ND4J/DL4J release this backend is built and tested against: {@value}. */
  public static final String ND4J_VERSION = "1.0.0-M2.1";

  /** Creates the backend without starting ND4J; {@link java.util.ServiceLoader} calls this. */
  public Dl4jBackend() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "ND4J/DL4J " + ND4J_VERSION + " (nd4j-native, float64 in DOUBLE, float32 in FLOAT):"
        + " DL4J activations and losses where they meet the contract, ND4J ops where they do not";
  }

  /** True exactly for the pairs of the built-in catalog (whatever their parameters); loads no ND4J class. */
  @Override
  public boolean supports(Pair pair) {
    return Catalog.isBuiltIn(Objects.requireNonNull(pair, "pair"));
  }

  /** False: the evaluator's validation runs before every call. */
  @Override
  public boolean checksInputs(Pair pair) {
    return false;
  }

  /**
   * True for every pair it computes, with any targets and options: float32 batches compute in
   * ND4J FLOAT, the loss summed in DOUBLE, the delta written to the float32 {@code deltaOut}. A
   * pair or weighting whose FLOAT formulas would lose the tolerance of docs/contract.md §2c (exp
   * and softplus activations, Poisson and kl-divergence, log-based chain-rule losses, weights above
   * 1) computes in DOUBLE on the exactly widened values instead; the README lists each. Loads no
   * ND4J class.
   */
  @Override
  public boolean computesFloat32(Pair pair, Targets targets, Options options) {
    return supports(pair);
  }

  @Override
  public double compute(Pair pair, Batch z, Batch y, Reduction reduction, Batch deltaOut) {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(reduction, "reduction");
    Nd4jRuntime.require();
    return Dl4jKernels.compute(pair, z, y, reduction, deltaOut);
  }

  /**
   * Every target kind, option and reduction through ND4J (docs/contract.md §2b): the options
   * become a target transform and weights {@code W = e ⊙ c} ({@code OptionArrays}), which DL4J's
   * classes take where they apply them as the contract does ({@code LossMCXENT}'s class {@code
   * weights} and per-example mask for softmax + cross-entropy, {@code LossSparseMCXENT} for
   * labels, per-output masks for DL4J scores) and ND4J ops elsewhere; the README section "Options:
   * how each maps onto DL4J" lists each with its measured deviation.
   */
  @Override
  public double compute(Pair pair, Batch z, Targets targets, Options options, Reduction reduction,
      Batch deltaOut, double[] exampleLosses) {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(reduction, "reduction");
    Nd4jRuntime.require();
    return Dl4jKernels.compute(pair, z, targets, options, reduction, deltaOut, exampleLosses);
  }

  @Override
  public void activate(Activation activation, Batch z, Batch out) {
    Objects.requireNonNull(activation, "activation");
    Nd4jRuntime.require();
    Dl4jKernels.activate(activation, z, out);
  }

  @Override
  public String toString() {
    return "Dl4jBackend[" + ID + "]";
  }
}

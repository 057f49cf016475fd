package io.github.deltapair.examples;

import io.github.deltapair.Activation;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import java.util.SplittableRandom;

/**
 * A Coursera week-5 network: inputs → one sigmoid hidden layer → sigmoid outputs. The output delta
 * δ(L) comes from a backend for the chosen pair; the hidden delta is δ(l) = (W(l+1)ᵀ δ(l+1)) ⊙
 * f'(z(l)) with f' = {@link Activation#SIGMOID}{@code .derivative}.
 *
 * <p>All parameters live in one array, {@code [W1 (hidden × inputs), b1, W2 (outputs × hidden),
 * b2]}, so a gradient and a finite-difference probe are plain arrays of the same length.
 */
final class TwoLayerNetwork {

  private final int inputs;
  private final int hidden;
  private final int outputs;
  private final double[] params;

  /**
   * One forward pass.
   *
   * @param z1 hidden pre-activations, m × hidden
   * @param a1 hidden activations σ(z1)
   * @param z2 output logits, m × outputs
   * @param output loss, activations and output delta δ(L) from the backend
   */
  record Pass(Batch z1, Batch a1, Batch z2, LossResult output) {}

  private TwoLayerNetwork(int inputs, int hidden, int outputs, double[] params) {
    this.inputs = inputs;
    this.hidden = hidden;
    this.outputs = outputs;
    this.params = params;
  }

  /** Weights uniform in [−ε, ε] (Coursera's ε_init = 0.12), seeded. */
  static TwoLayerNetwork random(int inputs, int hidden, int outputs, double epsilon, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] params = new double[hidden * inputs + hidden + outputs * hidden + outputs];
    for (int k = 0; k < params.length; k++) {
      params[k] = random.nextDouble(-epsilon, epsilon);
    }
    return new TwoLayerNetwork(inputs, hidden, outputs, params);
  }

  TwoLayerNetwork copy() {
    return new TwoLayerNetwork(inputs, hidden, outputs, params.clone());
  }

  /** The live parameter array (for finite differences and updates). */
  double[] parameters() {
    return params;
  }

  Pass forward(Evaluator backend, Pair pair, Batch x, Batch y, Reduction reduction) {
    int m = x.rows();
    Batch z1 = Batch.zeros(m, hidden);
    for (int i = 0; i < m; i++) {
      for (int h = 0; h < hidden; h++) {
        // z1 = x W1ᵀ + b1
        double sum = params[b1(h)];
        for (int j = 0; j < inputs; j++) {
          sum += x.get(i, j) * params[w1(h, j)];
        }
        z1.set(i, h, sum);
      }
    }
    Batch a1 = Batch.zeros(m, hidden);
    Activation.SIGMOID.forward(z1, a1);
    Batch z2 = Batch.zeros(m, outputs);
    for (int i = 0; i < m; i++) {
      for (int o = 0; o < outputs; o++) {
        // z2 = a1 W2ᵀ + b2
        double sum = params[b2(o)];
        for (int h = 0; h < hidden; h++) {
          sum += a1.get(i, h) * params[w2(o, h)];
        }
        z2.set(i, o, sum);
      }
    }
    return new Pass(z1, a1, z2, backend.evaluate(pair, z2, y, reduction));
  }

  /** ∂J/∂θ by backpropagation from the backend's output delta. */
  double[] gradient(Pass pass, Batch x) {
    int m = x.rows();
    Batch delta2 = pass.output().delta();
    double[] grad = new double[params.length];
    Batch delta1 = Batch.zeros(m, hidden);
    for (int i = 0; i < m; i++) {
      for (int h = 0; h < hidden; h++) {
        // δ(1) = (W(2)ᵀ δ(2)) ⊙ σ'(z(1))
        double back = 0;
        for (int o = 0; o < outputs; o++) {
          back += params[w2(o, h)] * delta2.get(i, o);
        }
        delta1.set(i, h, back * Activation.SIGMOID.derivative(pass.z1().get(i, h)));
      }
    }
    for (int i = 0; i < m; i++) {
      for (int o = 0; o < outputs; o++) {
        // ∂J/∂W2 = δ(2)ᵀ a(1), ∂J/∂b2 = Σ_i δ(2)
        double d = delta2.get(i, o);
        grad[b2(o)] += d;
        for (int h = 0; h < hidden; h++) {
          grad[w2(o, h)] += d * pass.a1().get(i, h);
        }
      }
      for (int h = 0; h < hidden; h++) {
        // ∂J/∂W1 = δ(1)ᵀ x, ∂J/∂b1 = Σ_i δ(1)
        double d = delta1.get(i, h);
        grad[b1(h)] += d;
        for (int j = 0; j < inputs; j++) {
          grad[w1(h, j)] += d * x.get(i, j);
        }
      }
    }
    return grad;
  }

  /**
   * Coursera's check: ‖g − n‖ / ‖g + n‖ between the backprop gradient g and central differences n
   * of the backend's loss over every parameter (≈ 1e-9 or less when backprop is right).
   */
  double gradientCheck(Evaluator backend, Pair pair, Batch x, Batch y, Reduction reduction) {
    double[] analytic = gradient(forward(backend, pair, x, y, reduction), x);
    double difference = 0;
    double total = 0;
    double step = 1e-5;
    for (int k = 0; k < params.length; k++) {
      double original = params[k];
      params[k] = original + step;
      double up = forward(backend, pair, x, y, reduction).output().loss();
      params[k] = original - step;
      double down = forward(backend, pair, x, y, reduction).output().loss();
      params[k] = original;
      double numeric = (up - down) / (2 * step);
      difference += (analytic[k] - numeric) * (analytic[k] - numeric);
      total += (analytic[k] + numeric) * (analytic[k] + numeric);
    }
    return Math.sqrt(difference) / Math.sqrt(total);
  }

  /** θ ← θ − rate·g. */
  void step(double[] gradient, double rate) {
    for (int k = 0; k < params.length; k++) {
      params[k] -= rate * gradient[k];
    }
  }

  private int w1(int h, int j) {
    return h * inputs + j;
  }

  private int b1(int h) {
    return hidden * inputs + h;
  }

  private int w2(int o, int h) {
    return hidden * inputs + hidden + o * hidden + h;
  }

  private int b2(int o) {
    return hidden * inputs + hidden + outputs * hidden + o;
  }
}

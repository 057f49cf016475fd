package com.example.readme;

import io.github.deltapair.*;

/** README's float32 example, as a user copies it into a program of their own. */
public final class ReadmeFloat32Example {

  private ReadmeFloat32Example() {}

  /** Softmax + cross-entropy on a float32 view, the delta written into a float32 buffer. */
  public static void main(String[] args) {
    Evaluator deltapair = Backends.evaluator();
    Batch z32 = Batch.wrap(new float[] {2.0f, 0.5f, -1.0f, 0.1f, 0.2f, 3.0f}, 2, 3);   // a view, no copy
    Batch delta32 = Batch.zeros(2, 3, Precision.FLOAT32);
    double loss = deltapair.evaluate(Pair.of("softmax", "cross-entropy"), z32, Labels.of(new int[] {0, 2}),
        Reduction.MEAN, delta32);
    System.out.println(loss);                       // 0.175456…: the loss is summed in float64
    System.out.println(delta32.floatArray()[0]);    // -0.107201…: (a − y)/m, in float32
  }
}

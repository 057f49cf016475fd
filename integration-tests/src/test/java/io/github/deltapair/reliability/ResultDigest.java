package io.github.deltapair.reliability;

import io.github.deltapair.Backends;
import io.github.deltapair.Batch;
import io.github.deltapair.Evaluator;
import io.github.deltapair.LossResult;
import io.github.deltapair.Pair;
import io.github.deltapair.Reduction;
import io.github.deltapair.reference.Inputs;
import io.github.deltapair.reference.Shape;
import io.github.deltapair.reference.TargetKind;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 digest of the bits a backend computes over a fixed, seeded input set: every pair of
 * the catalog, both reductions, shapes from 1 × 1 to 300 × 256 (native's parallel row blocks), the
 * loss, the delta and {@code a = f(z)}. Run as a child JVM's main by {@link DeterminismTest}: prints
 * {@code <digest> <description>} for the backend id given as the argument.
 */
public final class ResultDigest {

  static final List<Shape> SHAPES = List.of(Shape.of(1, 2), Shape.of(7, 3), Shape.of(64, 10), Shape.of(300, 256));

  private ResultDigest() {}

  public static void main(String[] args) {
    Evaluator backend = Backends.evaluator(args[0]);
    System.out.println(of(backend) + " " + backend.description());
  }

  /** The hex SHA-256 of every result's bits, in a fixed order. */
  static String of(Evaluator backend) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer word = ByteBuffer.allocate(Long.BYTES);
    for (Pair pair : TwoBackends.pairs()) {
      for (Shape shape : SHAPES) {
        Inputs inputs = Inputs.seeded("determinism " + pair + " " + shape);
        Batch z = inputs.logits(shape, pair.isCanonical() ? 8.0 : 3.0);
        Batch y = inputs.targets(pair.loss(), TargetKind.SOFT, shape);
        for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.MEAN}) {
          LossResult result = backend.evaluate(pair, z, y, reduction);
          update(sha, word, result.loss());
          for (Batch batch : List.of(result.delta(), result.activations())) {
            for (double v : batch.array()) {
              update(sha, word, v);
            }
          }
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, ByteBuffer word, double value) {
    word.clear();
    word.putLong(Double.doubleToRawLongBits(value));
    sha.update(word.array());
  }

}

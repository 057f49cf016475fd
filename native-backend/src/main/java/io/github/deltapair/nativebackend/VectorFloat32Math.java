package io.github.deltapair.nativebackend;

import static io.github.deltapair.nativebackend.Float32Math.LN2_HI;
import static io.github.deltapair.nativebackend.Float32Math.LN2_LO;
import static io.github.deltapair.nativebackend.Float32Math.LOG2E;
import static io.github.deltapair.nativebackend.Float32Math.LOWEST;
import static io.github.deltapair.nativebackend.Float32Math.SHIFT;
import static io.github.deltapair.nativebackend.Float32Math.SHIFT_BITS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Float32Math}'s {@code e^x} and {@code log1p} over arrays, {@link
 * FloatVector#SPECIES_PREFERRED} lanes at a time, with the same formulas (and so the same bits per
 * element), and compensated float32 sums as accurate as float64 ones. Like {@link VectorMath}:
 * only exactly defined operations, never the Vector API's lanewise {@code EXP}, so the bits do not
 * depend on whether the JIT has compiled the caller.
 *
 * <p>Only {@code FloatVector}s of one shape (and their bits as {@code IntVector}s): no float64
 * lanes, no conversions between shapes, which need lane shuffles that C2 was seen to leave
 * uncompiled, boxing every vector. Every method takes arrays, not vectors, with its formula written
 * out in its loop: a method that takes or returns vectors and that C2 does not inline boxes them.
 * Loaded only from {@link VectorFloat32Kernels}.
 */
final class VectorFloat32Math {

  private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

  private VectorFloat32Math() {}

  /**
   * {@code out_k = e^{x_k − max}} ({@link Float32Math#expOfDifference}) for {@code k ∈ [start,
   * bound)}, whole vectors, {@code x_k ≤ max}; {@code out} may be {@code x}. Returns {@code Σ_k
   * out_k}, compensated ({@link #total}), with {@code sums} ({@link #sumsLength()} long) as
   * scratch.
   */
  static double expOfDifference(float[] x, float max, int start, int bound, float[] out,
      float[] sums) {
    FloatVector s = FloatVector.zero(LANES);
    FloatVector c = s;
    for (int k = start; k < bound; k += LANES.length()) {
      FloatVector z = FloatVector.fromArray(LANES, x, k);
      // hi = z − max rounded, lo = (z − max) − hi exactly (two-sum)
      FloatVector hi = z.sub(max);
      FloatVector back = hi.sub(z);
      FloatVector lo = z.sub(hi.sub(back)).add(back.neg().sub(max));
      FloatVector clamped = hi.max(LOWEST);
      // hi + lo = n·ln2 + r, n = round(hi·log2 e)
      FloatVector shifted = clamped.fma(z.broadcast(LOG2E), z.broadcast(SHIFT));
      FloatVector n = shifted.sub(SHIFT);
      FloatVector r = n.fma(z.broadcast(-LN2_HI), clamped).add(n.fma(z.broadcast(-LN2_LO), lo));
      // e^r = Σ_k r^k / k!, k ≤ 7
      FloatVector p = r.fma(z.broadcast(1f / 5040), z.broadcast(1f / 720));
      p = p.fma(r, z.broadcast(1f / 120));
      p = p.fma(r, z.broadcast(1f / 24));
      p = p.fma(r, z.broadcast(1f / 6));
      p = p.fma(r, z.broadcast(0.5f));
      p = p.fma(r, z.broadcast(1f));
      p = p.fma(r, z.broadcast(1f));
      // 2^n from its exponent bits, 0 for n ≤ −127 (n clamped there first)
      IntVector bits = shifted.max(SHIFT - 127).reinterpretAsInts().sub(SHIFT_BITS - 127)
          .lanewise(VectorOperators.LSHL, 23);
      FloatVector e = p.mul(bits.reinterpretAsFloats());
      e.intoArray(out, k);
      // (s, c) += e, the error of each addition kept in c (two-sum)
      FloatVector t = s.add(e);
      c = withAdditionError(c, s, e, t);
      s = t;
    }
    s.intoArray(sums, 0);
    c.intoArray(sums, LANES.length());
    return total(sums);
  }

  /**
   * {@code out_{offset + k − start} = log1p(u_k)} ({@link Float32Math#log1p}) for {@code k ∈
   * [start, bound)}, whole vectors, {@code u_k ∈ [0, 1]}.
   */
  static void log1p(float[] u, int start, int bound, float[] out, int offset) {
    for (int k = start; k < bound; k += LANES.length()) {
      FloatVector v = FloatVector.fromArray(LANES, u, k);
      FloatVector s = v.div(v.add(2f));
      FloatVector w = s.mul(s);
      FloatVector q = w.fma(v.broadcast(1f / 13), v.broadcast(1f / 11));
      q = q.fma(w, v.broadcast(1f / 9));
      q = q.fma(w, v.broadcast(1f / 7));
      q = q.fma(w, v.broadcast(1f / 5));
      q = q.fma(w, v.broadcast(1f / 3));
      q = q.fma(w, v.broadcast(1f));
      s.add(s).mul(q).intoArray(out, offset + k - start);
    }
  }

  /**
   * The float64 total of a compensated sum whose lanes a method stored into {@code sums}: each
   * lane holds a float32 sum and the sum of its additions' rounding errors (two-sum, exact), which
   * together hold the lane's sum of {@code n} terms ≥ 0 to about {@code 2n²·2^−48} of it; the lane
   * sums, then the lane errors, are added in float64 in lane order (a fixed order, as {@link
   * VectorMath#sum}, so the bits do not depend on the JIT).
   */
  static double total(float[] sums) {
    double total = 0.0;
    for (int lane = 0; lane < LANES.length(); lane++) {
      total += sums[lane];
    }
    double errors = 0.0;
    for (int lane = LANES.length(); lane < 2 * LANES.length(); lane++) {
      errors += sums[lane];
    }
    return total + errors;
  }

  /**
   * {@code Σ t[from, to)} for terms ≥ 0: its whole vectors from {@code from} summed lane-wise,
   * compensated ({@link #total}, with {@code sums} as scratch), the elements after them added in
   * float64 one by one. The grouping is a function of {@code to − from} only.
   */
  static double sum(float[] t, int from, int to, float[] sums) {
    FloatVector s = FloatVector.zero(LANES);
    FloatVector errors = s;
    int bound = from + LANES.loopBound(to - from);
    for (int k = from; k < bound; k += LANES.length()) {
      FloatVector v = FloatVector.fromArray(LANES, t, k);
      FloatVector next = s.add(v);
      errors = withAdditionError(errors, s, v, next);
      s = next;
    }
    s.intoArray(sums, 0);
    errors.intoArray(sums, LANES.length());
    double total = total(sums);
    for (int k = bound; k < to; k++) {
      total += t[k];
    }
    return total;
  }

  /**
   * {@code errors} plus the rounding error of {@code sum = s + v}, lane by lane (Knuth's two-sum:
   * its two parts added in turn): the error lanes of the compensated sums above and in {@link
   * VectorFloat32Kernels}.
   */
  static FloatVector withAdditionError(FloatVector errors, FloatVector s, FloatVector v,
      FloatVector sum) {
    FloatVector part = sum.sub(s);
    return errors.add(s.sub(sum.sub(part))).add(v.sub(part));
  }

  /** The length of a {@code sums} scratch array: a lane sum and a lane error per lane. */
  static int sumsLength() {
    return 2 * LANES.length();
  }
}

package io.github.deltapair.nativebackend;

import io.github.deltapair.Interval;
import java.util.Arrays;

/**
 * Sums, maxima and extremes of a float32 row or chunk held at offset 0 of this thread's scratch,
 * by halving: the array, padded to {@link #SHORT_FOLD} or {@link Scratch#FLOAT_CHUNK} elements with a
 * value that changes nothing (0 for a sum, −∞ for a maximum), is folded onto its first half a few
 * times, {@code out[j] = a[j] ⊕ a[j + half]}, and the short rest is reduced by plain scalar code.
 *
 * <p>JDK 17's C2 vectorises none of the running reductions these replace over float32 (a float32
 * → float64 conversion per element costs 0.41 ns, a scalar {@code Math.min} several cycles), but
 * it vectorises a halving whose offset is a constant:
 * with a variable offset, or a fold of eight strided terms, it left the loops scalar (measured 2.5
 * and 4 times slower). So every halving below is a loop with literal bounds and offsets, each size its
 * own branch: a constant passed to a helper is one only where C2 inlines the helper, which a large
 * caller's budget does not always allow.
 *
 * <p>Each partial sum adds its 16 elements pairwise: within 4 ulp of float32 for terms of one sign.
 * (The float64 kernels keep their running chains over the caller's row: there the comparisons
 * and additions hide the row's cache misses, and a copy reduced by halving was slower;
 * docs/benchmarks.md.) The order is a function of the length only, so the bits do not depend on
 * threads or runs.
 */
final class Halving {

  /** Rows or chunks of at most this many elements are reduced without halving. */
  static final int UNFOLDED = 256;

  /**
   * Rows or chunks of at most this many elements are padded to it, longer ones to {@link
   * Scratch#FLOAT_CHUNK}.
   */
  static final int SHORT_FOLD = 1024;

  /** The longer padded length; the literal sizes of the halvings below are its and {@link #SHORT_FOLD}'s. */
  private static final int LONG_FOLD = Scratch.FLOAT_CHUNK;

  static {
    // the halvings' literal bounds are these lengths'
    if (SHORT_FOLD != 1024 || LONG_FOLD != 4096) {
      throw new AssertionError("Halving's loops are written for lengths 1024 and 4096");
    }
  }

  private Halving() {}

  /** The length {@code n} elements are padded to: {@link #SHORT_FOLD} or {@link Scratch#FLOAT_CHUNK}. */
  static int paddedLength(int n) {
    return n <= SHORT_FOLD ? SHORT_FOLD : LONG_FOLD;
  }

  /**
   * {@code Σ t[0, n)}, {@code n ≤ FLOAT_CHUNK}, in float64: past {@link #UNFOLDED} elements halved
   * four times in float32 into {@code first} and {@code second} by turns ({@code second} may be
   * {@code t}), then the sixteenth left summed in float64. {@code t}'s padding is overwritten.
   */
  static double sum(float[] t, int n, float[] first, float[] second) {
    if (n <= UNFOLDED) {
      return widenedSum(t, 0, n);
    }
    if (n <= SHORT_FOLD) {
      Arrays.fill(t, n, SHORT_FOLD, 0f);
      for (int j = 0; j < 512; j++) {
        first[j] = t[j] + t[j + 512];
      }
      for (int j = 0; j < 256; j++) {
        second[j] = first[j] + first[j + 256];
      }
      for (int j = 0; j < 128; j++) {
        first[j] = second[j] + second[j + 128];
      }
      for (int j = 0; j < 64; j++) {
        second[j] = first[j] + first[j + 64];
      }
      return widenedSum(second, 0, 64);
    }
    Arrays.fill(t, n, LONG_FOLD, 0f);
    for (int j = 0; j < 2048; j++) {
      first[j] = t[j] + t[j + 2048];
    }
    for (int j = 0; j < 1024; j++) {
      second[j] = first[j] + first[j + 1024];
    }
    for (int j = 0; j < 512; j++) {
      first[j] = second[j] + second[j + 512];
    }
    for (int j = 0; j < 256; j++) {
      second[j] = first[j] + first[j + 256];
    }
    return widenedSum(second, 0, 256);
  }

  /**
   * {@code Σ a[base, base + n)}, {@code UNFOLDED < n ≤ FLOAT_CHUNK}, in place: folded onto its
   * first half at most four times, {@code a[k] += a[k + half]} ({@code half} the largest power of
   * two below the length left, down to 64), then the rest summed in float64 in four running sums.
   * Each term goes through at most four float32 additions, as in {@link #sum(float[], int, float[],
   * float[])}; the order is a function of {@code n} only. {@code a[base, base + n)} is overwritten.
   * For a row that cannot be copied to scratch first: every access is at {@code base} plus a
   * literal, the one shape of a loop over a caller's array that C2 vectorises.
   */
  static double sumInPlace(float[] a, int base, int n) {
    int left = n;
    int folds = 0;
    if (left > 2048) {
      for (int k = base; k < base + left - 2048; k++) {
        a[k] += a[k + 2048];
      }
      left = 2048;
      folds++;
    }
    if (left > 1024) {
      for (int k = base; k < base + left - 1024; k++) {
        a[k] += a[k + 1024];
      }
      left = 1024;
      folds++;
    }
    if (left > 512) {
      for (int k = base; k < base + left - 512; k++) {
        a[k] += a[k + 512];
      }
      left = 512;
      folds++;
    }
    if (left > 256) {
      for (int k = base; k < base + left - 256; k++) {
        a[k] += a[k + 256];
      }
      left = 256;
      folds++;
    }
    if (left > 128 && folds < 4) {
      for (int k = base; k < base + left - 128; k++) {
        a[k] += a[k + 128];
      }
      left = 128;
      folds++;
    }
    if (left > 64 && folds < 4) {
      for (int k = base; k < base + left - 64; k++) {
        a[k] += a[k + 64];
      }
      left = 64;
    }
    return widenedSum(a, base, base + left);
  }

  /**
   * {@code max_j z[j]} over {@code [0, n)}, {@code UNFOLDED < n ≤ FLOAT_CHUNK}: padded with −∞
   * and halved by {@code Math.max} into {@code first} and {@code second} by turns, then plain
   * comparisons over the rest. A NaN may be skipped: it makes {@code e^{z − max}} NaN, and so the
   * kernel reports it.
   */
  static float max(float[] z, int n, float[] first, float[] second) {
    float[] last;
    int count;
    if (n <= SHORT_FOLD) {
      Arrays.fill(z, n, SHORT_FOLD, Float.NEGATIVE_INFINITY);
      for (int j = 0; j < 512; j++) {
        first[j] = Math.max(z[j], z[j + 512]);
      }
      for (int j = 0; j < 256; j++) {
        second[j] = Math.max(first[j], first[j + 256]);
      }
      for (int j = 0; j < 128; j++) {
        first[j] = Math.max(second[j], second[j + 128]);
      }
      last = first;
      count = 128;
    } else {
      Arrays.fill(z, n, LONG_FOLD, Float.NEGATIVE_INFINITY);
      for (int j = 0; j < 2048; j++) {
        first[j] = Math.max(z[j], z[j + 2048]);
      }
      for (int j = 0; j < 1024; j++) {
        second[j] = Math.max(first[j], first[j + 1024]);
      }
      for (int j = 0; j < 512; j++) {
        first[j] = Math.max(second[j], second[j + 512]);
      }
      for (int j = 0; j < 256; j++) {
        second[j] = Math.max(first[j], first[j + 256]);
      }
      last = second;
      count = 256;
    }
    float max = last[0];
    for (int j = 1; j < count; j++) {
      max = last[j] > max ? last[j] : max;
    }
    return max;
  }

  /**
   * Whether the least and the greatest of {@code y[0, n)}, {@code n ≤ FLOAT_CHUNK}, lie in {@code
   * domain} (a NaN y may be skipped: it makes its loss term NaN). Past {@link #UNFOLDED} elements
   * by halvings ({@code y} padded with {@code y[0]}, the four others overwritten).
   */
  static boolean extremesInside(Interval domain, float[] y, int n, float[] low, float[] high,
      float[] spareLow, float[] spareHigh) {
    float[] lows = y;
    float[] highs = y;
    int count = n;
    if (n > UNFOLDED) {
      int length = paddedLength(n);
      Arrays.fill(y, n, length, y[0]);
      if (length == SHORT_FOLD) {
        for (int j = 0; j < 512; j++) {
          low[j] = Math.min(y[j], y[j + 512]);
          high[j] = Math.max(y[j], y[j + 512]);
        }
        for (int j = 0; j < 256; j++) {
          spareLow[j] = Math.min(low[j], low[j + 256]);
          spareHigh[j] = Math.max(high[j], high[j + 256]);
        }
        for (int j = 0; j < 128; j++) {
          low[j] = Math.min(spareLow[j], spareLow[j + 128]);
          high[j] = Math.max(spareHigh[j], spareHigh[j + 128]);
        }
        for (int j = 0; j < 64; j++) {
          spareLow[j] = Math.min(low[j], low[j + 64]);
          spareHigh[j] = Math.max(high[j], high[j + 64]);
        }
      } else {
        for (int j = 0; j < 2048; j++) {
          low[j] = Math.min(y[j], y[j + 2048]);
          high[j] = Math.max(y[j], y[j + 2048]);
        }
        for (int j = 0; j < 1024; j++) {
          spareLow[j] = Math.min(low[j], low[j + 1024]);
          spareHigh[j] = Math.max(high[j], high[j + 1024]);
        }
        for (int j = 0; j < 512; j++) {
          low[j] = Math.min(spareLow[j], spareLow[j + 512]);
          high[j] = Math.max(spareHigh[j], spareHigh[j + 512]);
        }
        for (int j = 0; j < 256; j++) {
          spareLow[j] = Math.min(low[j], low[j + 256]);
          spareHigh[j] = Math.max(high[j], high[j + 256]);
        }
      }
      lows = spareLow;
      highs = spareHigh;
      count = length / 16;
    }
    // plain comparisons (a scalar Math.min costs several cycles)
    float lowest = lows[0];
    float highest = highs[0];
    for (int j = 1; j < count; j++) {
      lowest = lows[j] < lowest ? lows[j] : lowest;
      highest = highs[j] > highest ? highs[j] : highest;
    }
    return domain.contains(lowest) & domain.contains(highest);
  }

  /** {@code Σ t[from, to)} in float64, in four running sums over the offsets from {@code from}. */
  static double widenedSum(float[] t, int from, int to) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int j = from;
    for (; j + 3 < to; j += 4) {
      s0 += t[j];
      s1 += t[j + 1];
      s2 += t[j + 2];
      s3 += t[j + 3];
    }
    for (; j < to; j++) {
      s0 += t[j];
    }
    return (s0 + s1) + (s2 + s3);
  }
}

package io.github.deltapair;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Targets given as class indices: example {@code i}'s target row is the one-hot row with a 1 in
 * column {@code classes[i]} (never materialised by the fast paths), for a loss whose target rows
 * lie on the simplex (cross-entropy, kl-divergence). An example whose label equals the optional
 * {@code ignoreIndex} contributes {@code ℓ_i = 0} and {@code δ_i = 0}, and its row is neither
 * validated nor computed (PyTorch's {@code ignore_index}).
 *
 * <p>A view: the array is not copied, and must not change while a call reads it.
 */
public final class Labels implements Targets {

  private final int[] classes;
  private final boolean ignoring;
  private final int ignoreIndex;

  private Labels(int[] classes, boolean ignoring, int ignoreIndex) {
    this.classes = classes;
    this.ignoring = ignoring;
    this.ignoreIndex = ignoreIndex;
  }

  /**
   * Labels {@code classes[i]} for examples {@code i = 0 … m − 1}, none ignored.
   *
   * @throws IllegalArgumentException if there are no labels
   */
  public static Labels of(int[] classes) {
    return new Labels(check(classes), false, 0);
  }

  /**
   * Labels with an ignored value: examples labelled {@code ignoreIndex} are skipped.
   *
   * @throws IllegalArgumentException if there are no labels
   */
  public static Labels of(int[] classes, int ignoreIndex) {
    return new Labels(check(classes), true, ignoreIndex);
  }

  private static int[] check(int[] classes) {
    Objects.requireNonNull(classes, "labels");
    if (classes.length == 0) {
      throw new IllegalArgumentException("labels is empty: give one class index per example");
    }
    return classes;
  }

  /** The number of examples {@code m}. */
  public int size() {
    return classes.length;
  }

  /** The number of examples {@code m}, the same as {@link #size()}. */
  @Override
  public int rows() {
    return classes.length;
  }

  /** Example {@code i}'s class index (or the ignored value). */
  public int get(int i) {
    return classes[i];
  }

  /** The value that marks an ignored example, if any. */
  public OptionalInt ignoreIndex() {
    return ignoring ? OptionalInt.of(ignoreIndex) : OptionalInt.empty();
  }

  /** Whether example {@code i} is ignored. */
  public boolean isIgnored(int i) {
    return ignoring && classes[i] == ignoreIndex;
  }

  /** The live array (not a copy). */
  public int[] array() {
    return classes;
  }

  /**
   * The dense one-hot targets, {@code m × n}, with ignored examples' rows one-hot at column 0 (a
   * placeholder: their rows are never computed). For generic paths and references, not for
   * kernels that care about speed.
   */
  public Batch toOneHot(int n) {
    Batch y = Batch.zeros(classes.length, n);
    for (int i = 0; i < classes.length; i++) {
      y.set(i, isIgnored(i) ? 0 : classes[i], 1.0);
    }
    return y;
  }

  @Override
  public String toString() {
    String values = classes.length <= 16 ? " " + Arrays.toString(classes) : "";
    return "Labels m = " + classes.length + values
        + (ignoring ? ", ignore_index = " + ignoreIndex : "");
  }
}

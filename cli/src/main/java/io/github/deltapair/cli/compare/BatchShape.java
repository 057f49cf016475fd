package io.github.deltapair.cli.compare;

import java.util.Locale;

/**
 * A batch shape {@code rows × cols}, written {@code 4x3} on the command line.
 *
 * @param rows examples, at least 1
 * @param cols outputs, at least 1
 */
public record BatchShape(int rows, int cols) {

  /** Checks both dimensions. */
  public BatchShape {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(
          "shape " + rows + "x" + cols + ": rows and columns must be at least 1");
    }
  }

  /**
   * Parses {@code ROWSxCOLS}, for example {@code 32x10}.
   *
   * @throws IllegalArgumentException if {@code text} is not of that form
   */
  public static BatchShape parse(String text) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split("[x×]");
    try {
      if (parts.length == 2) {
        return new BatchShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "shape '" + text + "' must be ROWSxCOLS with positive integers, e.g. 32x10");
  }

  @Override
  public String toString() {
    return rows + "x" + cols;
  }
}

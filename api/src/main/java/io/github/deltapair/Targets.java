package io.github.deltapair;

/**
 * What a batch's targets are given as: a dense {@link Batch} {@code y} of the shape of {@code z},
 * or class-index {@link Labels} (one per row, never expanded to one-hot rows by the fast paths).
 */
public sealed interface Targets permits Batch, Labels {

  /** The number of examples {@code m} these targets cover. */
  int rows();
}

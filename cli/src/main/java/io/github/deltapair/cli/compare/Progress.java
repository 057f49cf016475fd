package io.github.deltapair.cli.compare;

/** Told after every case of a comparison; the tool draws a progress bar with it. */
public interface Progress {

  /** Nothing at all. */
  Progress NONE = (done, total, what) -> {};

  /** {@code done} of {@code total} cases are finished; the last was of {@code what}. */
  void step(int done, int total, String what);

  /** The run is over (clears the bar). */
  default void finish() {}
}

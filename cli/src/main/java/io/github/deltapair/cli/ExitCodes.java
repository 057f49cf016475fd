package io.github.deltapair.cli;

/** The tool's exit codes; listed in {@code deltapair --help}. */
public final class ExitCodes {

  /** Success: everything computed and, for {@code compare}, every backend agrees. */
  public static final int OK = 0;

  /** {@code compare} found a disagreement between backends or with the reference oracle. */
  public static final int DISAGREEMENT = 1;

  /**
   * Usage error or bad input: an unknown option, command, pair or backend id, malformed JSON, or
   * (for {@code delta}) a case that failed validation, whose error is written in its place.
   */
  public static final int BAD_INPUT = 2;

  /**
   * Discovery or backend failure: no backend discovered, two backends (or two catalog definitions)
   * with one id, a provider that failed to load, or a backend that threw unexpectedly.
   */
  public static final int BACKEND_FAILURE = 3;

  /** Anything else: a file that cannot be written, an internal error. */
  public static final int INTERNAL_ERROR = 4;

  private ExitCodes() {}
}

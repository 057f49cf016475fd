package io.github.deltapair.cli.compare;

import java.io.PrintWriter;

/** A one-line text progress bar on stderr, redrawn in place at most ten times a second. */
public final class ProgressBar implements Progress {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private long lastDraw;
  private int lastLength;

  /** A bar drawn on {@code err}, which should be a terminal. */
  public ProgressBar(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void step(int done, int total, String what) {
    long now = System.nanoTime();
    if (done < total && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
    String line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/"
        + total + " " + what;
    err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    err.flush();
    lastLength = line.length();
  }

  @Override
  public void finish() {
    err.print("\r" + " ".repeat(lastLength) + "\r");
    err.flush();
  }
}

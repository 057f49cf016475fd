package io.github.deltapair.nativebackend;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native backend's own helper threads for {@link RowSplit}: one fewer than the available
 * processors, daemons, started on the first parallel call. A helper that has just finished a call's
 * blocks keeps watching for the next call for {@value #DEFAULT_SPIN_MICROS} µs ({@code -D}{@value
 * #SPIN_PROPERTY} sets another number) before it parks.
 *
 * <p>Why not the common fork/join pool: its workers park as soon as they run out of tasks, and on
 * a 2-core VM a parked worker took about 20 µs to start again, as long as half of a 256x100
 * softmax call, so that half a call's work waited on the wake-up (JMH: 45 ± 23 µs a call where a
 * warm worker gives 22). OpenMP, under PyTorch and ND4J, spins for the same reason. The spin is
 * bounded: after {@value #DEFAULT_SPIN_MICROS} µs without a call a helper costs nothing, and
 * {@code -D}{@value #SPIN_PROPERTY}{@code =0} parks at once.
 *
 * <p>A call offers its {@link RowSplit} to idle helpers; each participant (the caller first)
 * claims blocks until none is left, so a helper that starts late, or never, only leaves more
 * blocks to the caller. Helpers busy with another caller's call are not offered it.
 */
final class Helpers {

  static final String SPIN_PROPERTY = "deltapair.native.spinMicros";
  static final long DEFAULT_SPIN_MICROS = 100;

  private static final long SPIN_NANOS = KernelPath.wholeNumberProperty(
      SPIN_PROPERTY, DEFAULT_SPIN_MICROS, DEFAULT_SPIN_MICROS + " µs") * 1_000L;
  /** Fixed at start-up, so that the split and the helpers it is offered to agree. */
  private static final int COUNT = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
  private static final Logger LOG = LoggerFactory.getLogger(Helpers.class);
  /** In a helper's slot while it runs the split it took (never offered). */
  private static final RowSplit TAKEN = new RowSplit();

  private static volatile Helper[] helpers;

  private Helpers() {}

  /**
   * How many helpers there are (or will be): one fewer than the processors available at start-up
   * (asked once: every parallel call asks this).
   */
  static int count() {
    return COUNT;
  }

  /**
   * Offers {@code split} to up to {@code wanted} idle helpers, recording them in {@code offered};
   * returns how many took the offer (they may start on it at any time until {@link #retract}).
   */
  static int offer(RowSplit split, int wanted, Helper[] offered) {
    Helper[] all = helpers();
    int n = 0;
    for (int h = 0; h < all.length && n < wanted; h++) {
      if (all[h].offer(split)) {
        offered[n++] = all[h];
      }
    }
    return n;
  }

  /**
   * Once the caller has claimed the last block: withdraws the offers no helper took, and waits for
   * the helpers that took {@code split} to finish its blocks.
   */
  static void retract(RowSplit split, Helper[] offered, int n) {
    for (int h = 0; h < n; h++) {
      offered[h].retract(split);
      offered[h] = null;
    }
  }

  private static Helper[] helpers() {
    Helper[] all = helpers;
    if (all == null) {
      synchronized (Helpers.class) {
        all = helpers;
        if (all == null) {
          all = new Helper[COUNT];
          for (int h = 0; h < all.length; h++) {
            all[h] = new Helper(h);
            all[h].start();
          }
          helpers = all;
        }
      }
    }
    return all;
  }

  /**
   * One helper thread. Its slot holds null (idle), a split offered to it, or {@link #TAKEN}; it
   * writes {@code running} before it tries to take a split, so that a caller whose withdrawal
   * fails (the helper took the split) finds {@code running} naming that split until the helper is
   * done with it.
   */
  static final class Helper extends Thread {

    private final AtomicReference<RowSplit> slot = new AtomicReference<>();
    private volatile RowSplit running;
    private volatile boolean parked;

    Helper(int index) {
      super("deltapair-native-helper-" + index);
      setDaemon(true);
    }

    boolean offer(RowSplit split) {
      if (!slot.compareAndSet(null, split)) {
        return false;
      }
      if (parked) {
        LockSupport.unpark(this);
      }
      return true;
    }

    /** Withdraws the offer, or waits until this helper has finished {@code split}'s blocks. */
    void retract(RowSplit split) {
      if (slot.compareAndSet(split, null)) {
        return;
      }
      // taken: the helper is on its last block (every block is claimed by now)
      long start = System.nanoTime();
      while (running == split) {
        if (System.nanoTime() - start < 20_000L) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
    }

    @Override
    public void run() {
      long idleSince = System.nanoTime();
      while (true) {
        RowSplit split = slot.get();
        if (split != null && split != TAKEN) {
          running = split;
          if (slot.compareAndSet(split, TAKEN)) {
            try {
              split.runBlocks();
            } catch (Throwable t) {
              split.fail(t);
              LOG.error("native backend: a helper's block failed", t);
            }
            slot.set(null);
          }
          running = null;
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          parked = true;
          if (slot.get() == null) {
            LockSupport.park(this);
          }
          // an interrupt would make every later park return at once: nobody should send one
          Thread.interrupted();
          parked = false;
          idleSince = System.nanoTime();
        }
      }
    }
  }
}

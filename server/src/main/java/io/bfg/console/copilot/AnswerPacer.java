package io.bfg.console.copilot;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces answers at most {@code perSecond} a second across all askers, so a crowd of askers can
 * take only a bounded share of the console's cores and the live feed keeps its own. A question
 * gets the next free slot; the copilot thread waits for it (the ask's own timeout still runs).
 */
final class AnswerPacer {

  private final long intervalNanos;
  private long nextSlot = Long.MIN_VALUE;

  AnswerPacer(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be at least 1, was " + perSecond);
    }
    this.intervalNanos = 1_000_000_000L / perSecond;
  }

  /** Reserves the next slot at or after {@code nowNanos} (System.nanoTime()) and returns its start. */
  synchronized long reserve(long nowNanos) {
    long slot = nextSlot == Long.MIN_VALUE || nowNanos - nextSlot > 0 ? nowNanos : nextSlot;
    nextSlot = slot + intervalNanos;
    return slot;
  }

  /**
   * Waits on the calling (copilot) thread until this question's slot. parkNanos, because
   * Thread.sleep(0, nanos) sleeps a whole millisecond on JDK 17, which would halve the pace.
   */
  void await() {
    long slot = reserve(System.nanoTime());
    for (long wait = slot - System.nanoTime(); wait > 0; wait = slot - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }
}

package io.bfg.console.copilot;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Spaces answers at most {@code perSecond} a second across all askers, so a crowd of askers can
 * take only a bounded share of the console's cores and the live feed keeps its own. A question
 * gets the next free slot; the copilot thread waits for it (the ask's own timeout still runs).
 *
 * <p>The feed also comes first while a change is on its way to the subscribers ({@code feedFirst}):
 * no answer starts then. A change reaches a thousand subscribers in tens of milliseconds; answers
 * started meanwhile, with the askers' requests they set off, took the cores from it
 * (bench/run-copilot.sh). So that a feed that never rests cannot starve the copilot, an answer
 * waits at most {@link #MAX_YIELD_NANOS}, and for as long after such a wait none does.
 */
final class AnswerPacer {

  static final long MAX_YIELD_NANOS = 100_000_000L;
  private static final long YIELD_POLL_NANOS = 200_000L;

  private final long intervalNanos;
  private final BooleanSupplier feedFirst;
  private long nextSlot = Long.MIN_VALUE;
  /** When an answer last stopped waiting for the feed because it had waited long enough; 0 when none has. */
  private volatile long yieldGaveUpAt;

  AnswerPacer(int perSecond) {
    this(perSecond, () -> false);
  }

  AnswerPacer(int perSecond, BooleanSupplier feedFirst) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be at least 1, was " + perSecond);
    }
    this.intervalNanos = 1_000_000_000L / perSecond;
    this.feedFirst = feedFirst;
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
    yieldToFeed();
  }

  private void yieldToFeed() {
    long start = System.nanoTime();
    long gaveUp = yieldGaveUpAt;
    if (gaveUp != 0 && start - gaveUp < MAX_YIELD_NANOS) {
      return; // the copilot's turn: the last answer waited its longest
    }
    while (feedFirst.getAsBoolean()) {
      long now = System.nanoTime();
      if (now - start >= MAX_YIELD_NANOS) {
        yieldGaveUpAt = now == 0 ? 1 : now;
        return;
      }
      LockSupport.parkNanos(YIELD_POLL_NANOS);
    }
  }
}

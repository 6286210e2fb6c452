package io.bfg.console.service;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console's changes between being submitted and having been written to every feed subscriber.
 * Work that can wait a few milliseconds (the copilot's answers) waits while any is in flight, so a
 * change reaches the dashboards and scripts watching the feed first.
 */
public final class ChangesInFlight {

  private final AtomicInteger count = new AtomicInteger();

  public void begin() {
    count.incrementAndGet();
  }

  public void end() {
    count.decrementAndGet();
  }

  public boolean any() {
    return count.get() > 0;
  }

  /** Runs {@code work} (a part of a change: its fan-out) as in flight. */
  public void during(Runnable work) {
    begin();
    try {
      work.run();
    } finally {
      end();
    }
  }
}

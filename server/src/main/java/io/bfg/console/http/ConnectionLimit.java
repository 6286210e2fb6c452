package io.bfg.console.http;

import io.netty.channel.Channel;

import java.util.concurrent.TimeUnit;

/**
 * Keeps open connections below the process's open-file limit, so a flood of sockets can never take
 * the descriptors the journal, PostgreSQL and the JVM need, nor turn accepting into a stream of "Too
 * many open files" errors. A connection past the limit is closed at once, never queued; refusals are
 * logged once per {@link #REPORT_EVERY_SECONDS}, not once each.
 *
 * <p>Each HTTP verticle (one event loop) holds an even share of CONSOLE_MAX_CONNECTIONS: Vert.x deals
 * connections to the verticles in turn, so the shares fill together. A limit is touched only on its
 * verticle's event loop, where its connections are accepted and closed.
 */
final class ConnectionLimit {

  static final long REPORT_EVERY_SECONDS = 10;
  private static final System.Logger LOG = System.getLogger(ConnectionLimit.class.getName());

  private final int share;
  private final int total;
  private int open;
  private int refusedSinceReport;
  private long reportedAt;
  private boolean reported;

  ConnectionLimit(int total, int verticles) {
    this.total = total;
    this.share = Math.max(1, (total + verticles - 1) / verticles);
  }

  /** True when the connection may stay open; otherwise it has been closed. */
  boolean admit(Channel channel) {
    if (open >= share) {
      channel.close();
      refusedSinceReport++;
      report();
      return false;
    }
    open++;
    channel.closeFuture().addListener(closed -> {
      open--;
      // the tail of a flood that has stopped is reported as its connections leave
      report();
    });
    return true;
  }

  /** Logs the refusals not yet logged: the first at once, later ones at most once per interval. */
  private void report() {
    long now = System.nanoTime();
    if (refusedSinceReport == 0 || reported && now - reportedAt < TimeUnit.SECONDS.toNanos(REPORT_EVERY_SECONDS)) {
      return;
    }
    LOG.log(System.Logger.Level.WARNING, "refused " + refusedSinceReport + " connection(s)"
        + (reported ? " in the last " + TimeUnit.NANOSECONDS.toSeconds(now - reportedAt) + " s" : "")
        + ": this event loop holds its share (" + share + ") of CONSOLE_MAX_CONNECTIONS=" + total);
    reported = true;
    reportedAt = now;
    refusedSinceReport = 0;
  }
}

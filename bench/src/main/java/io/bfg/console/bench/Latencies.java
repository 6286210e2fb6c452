package io.bfg.console.bench;

/** The load generators' one way of reading latencies: nearest-rank percentiles, nanoseconds as milliseconds. */
public final class Latencies {

  private Latencies() {
  }

  /** Nearest-rank percentile {@code p} (0-100) of already sorted values; -1 for none. */
  public static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** Milliseconds of {@code nanos}; -1 stays -1 (no value). */
  public static double ms(long nanos) {
    return nanos < 0 ? -1 : nanos / 1e6;
  }
}

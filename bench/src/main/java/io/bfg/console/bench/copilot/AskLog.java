package io.bfg.console.bench.copilot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every finished ask, appended from the askers' event loops: question index, when the request was
 * sent, when its first SSE event and its {@code answer} event were complete (System.nanoTime()),
 * and how it ended. Figures are taken afterwards over a window of send times.
 */
final class AskLog {

  static final int ANSWERED = 0;
  static final int ERROR_EVENT = 1;
  static final int HTTP_STATUS = 2;
  static final int NO_ANSWER = 3;
  static final int FAILED = 4;
  static final String[] OUTCOMES = {"answered", "error_event", "http_status", "no_answer", "failed"};

  record Ask(int question, long sent, long firstEvent, long answer, int outcome, long bytes, int deltas,
             boolean grounded) {
  }

  private final List<Ask> asks = new ArrayList<>(1 << 16);
  private final AtomicLong started = new AtomicLong();
  private volatile String firstProblem;

  void started() {
    started.incrementAndGet();
  }

  long startedCount() {
    return started.get();
  }

  synchronized void add(Ask ask) {
    asks.add(ask);
  }

  synchronized int size() {
    return asks.size();
  }

  /** The first unexpected ending, with enough to see why (status and body, error event, exception). */
  void problem(String description) {
    if (firstProblem == null) {
      firstProblem = description;
    }
  }

  String firstProblem() {
    return firstProblem;
  }

  /** The asks sent in [from, to), in order of sending. */
  synchronized List<Ask> sentBetween(long from, long to) {
    List<Ask> out = new ArrayList<>();
    for (Ask a : asks) {
      if (a.sent() >= from && a.sent() < to) {
        out.add(a);
      }
    }
    return out;
  }

  /** Nearest-rank percentile of {@code values} (sorted here); -1 for none. */
  static long percentile(long[] values, double p) {
    if (values.length == 0) {
      return -1;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}

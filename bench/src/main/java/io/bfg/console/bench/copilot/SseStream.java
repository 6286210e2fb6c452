package io.bfg.console.bench.copilot;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Splits a text/event-stream body into events as its chunks arrive: an event is complete at the
 * blank line that ends it, which is the moment a browser's EventSource would dispatch it. Only
 * the copilot's shape is needed ({@code event: NAME} then one {@code data: JSON} line).
 */
final class SseStream {

  interface EventHandler {
    void event(String name, String data, long arrivedNanos);
  }

  private final EventHandler handler;
  private Buffer pending = Buffer.buffer();
  private int scanFrom;
  private long bytes;

  SseStream(EventHandler handler) {
    this.handler = handler;
  }

  /** Feeds one chunk; dispatches every event the chunk completes, stamped with the chunk's arrival. */
  void chunk(Buffer chunk) {
    long now = System.nanoTime();
    bytes += chunk.length();
    pending.appendBuffer(chunk);
    int start = 0;
    for (int i = Math.max(scanFrom, 1); i < pending.length(); i++) {
      if (pending.getByte(i) == '\n' && pending.getByte(i - 1) == '\n') {
        // bytes, not chars, are split: a multi-byte letter may straddle two chunks
        dispatch(pending.getString(start, i - 1, "UTF-8"), now);
        start = i + 1;
      }
    }
    if (start > 0) {
      pending = pending.getBuffer(start, pending.length());
    }
    scanFrom = pending.length();
  }

  long bytes() {
    return bytes;
  }

  /** What is left after the last complete event (non-empty: the stream was cut mid-event). */
  String rest() {
    return pending.toString(StandardCharsets.UTF_8);
  }

  private void dispatch(String block, long now) {
    String name = "message";
    StringBuilder data = new StringBuilder();
    for (String line : block.split("\n", -1)) {
      if (line.startsWith("event:")) {
        name = line.substring(6).trim();
      } else if (line.startsWith("data:")) {
        if (data.length() > 0) {
          data.append('\n');
        }
        data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
      }
    }
    handler.event(name, data.toString(), now);
  }
}

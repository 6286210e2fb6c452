package io.bfg.console.ws;

/**
 * Limits of the feed. {@code writeQueueBytes} bounds what the server queues for one subscriber
 * before it is skipped to the latest evaluation; {@code maxMessageBytes} is the largest message a
 * client may send (larger closes the socket with 1009).
 */
public record FeedSettings(int maxMessageBytes, int writeQueueBytes, long keepAliveMillis, long idleCloseMillis,
                           long stalledCloseMillis, int maxMessagesPerWindow, long rateWindowMillis,
                           int maxReplayEvents) {

  /** Largest single frame the decoder accepts before dropping the connection outright. */
  public static final int FRAME_HARD_CAP_BYTES = 1024 * 1024;

  public static FeedSettings defaults() {
    return new FeedSettings(16 * 1024, 256 * 1024, 20_000, 75_000, 60_000, 20, 10_000, 1_000);
  }
}

package io.bfg.console.bench.feed;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Reads the type and seq of an IntegrationFeed.v1 message from its first bytes, without decoding
 * the ~40 KB evaluation: both servers start every message with {@code {"type":"...",} and put
 * {@code "seq":N} within the first few dozen bytes, and the generator must not spend the cores it
 * shares with the server on JSON parsing.
 */
final class FeedMessages {

  static final int OTHER = 0;
  static final int HELLO = 1;
  static final int EVALUATION = 2;
  static final int AUDIT = 3;

  private static final byte[] TYPE_PREFIX = ascii("{\"type\":\"");
  private static final byte[] PATCH_PREFIX = ascii("{\"type\":\"evaluation.patch\"");
  private static final byte[] SEQ_KEY = ascii("\"seq\":");
  private static final int SCAN_LIMIT = 256;

  private FeedMessages() {
  }

  interface Bytes {
    int length();

    byte at(int index);
  }

  static Bytes of(Buffer buffer) {
    return new Bytes() {
      public int length() {
        return buffer.length();
      }

      public byte at(int index) {
        return buffer.getByte(index);
      }
    };
  }

  static Bytes of(byte[] bytes, int offset, int length) {
    return new Bytes() {
      public int length() {
        return length;
      }

      public byte at(int index) {
        return bytes[offset + index];
      }
    };
  }

  static int type(Bytes message) {
    if (!startsWith(message, 0, TYPE_PREFIX)) {
      return OTHER;
    }
    int at = TYPE_PREFIX.length;
    if (message.length() > at + 1) {
      byte first = message.at(at);
      // evaluation, hello, audit are the only types whose first letters are e, h, a; check one more
      // (evaluation.patch, the patch mode's reply to a change, counts as an evaluation: see isPatch)
      if (first == 'e' && message.at(at + 1) == 'v') {
        return EVALUATION;
      }
      if (first == 'h' && message.at(at + 1) == 'e') {
        return HELLO;
      }
      if (first == 'a' && message.at(at + 1) == 'u') {
        return AUDIT;
      }
    }
    return OTHER;
  }

  /** Whether an {@link #EVALUATION} message is an {@code evaluation.patch} rather than a whole evaluation. */
  static boolean isPatch(Bytes message) {
    return startsWith(message, 0, PATCH_PREFIX);
  }

  /** The first {@code "seq":N} in the message head, or -1 (an evaluation.patch's seq comes before its base). */
  static long seq(Bytes message) {
    int limit = Math.min(message.length(), SCAN_LIMIT) - SEQ_KEY.length;
    for (int i = 0; i <= limit; i++) {
      if (startsWith(message, i, SEQ_KEY)) {
        long value = 0;
        int digits = 0;
        for (int j = i + SEQ_KEY.length; j < message.length(); j++) {
          byte b = message.at(j);
          if (b < '0' || b > '9') {
            break;
          }
          value = value * 10 + (b - '0');
          digits++;
        }
        return digits == 0 ? -1 : value;
      }
    }
    return -1;
  }

  private static boolean startsWith(Bytes message, int offset, byte[] prefix) {
    if (message.length() < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (message.at(offset + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

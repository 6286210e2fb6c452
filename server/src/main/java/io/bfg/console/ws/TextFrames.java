package io.bfg.console.ws;

/**
 * Server-to-client WebSocket text frames (RFC 6455, section 5.2: FIN, opcode 1, no mask) as bytes,
 * so a broadcast message is framed once and the same frame bytes go to every subscriber, instead
 * of being framed again for each socket.
 */
final class TextFrames {

  private TextFrames() {
  }

  /** One final text frame carrying {@code utf8} whole. */
  static byte[] frame(byte[] utf8) {
    int length = utf8.length;
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    byte[] out = new byte[header + length];
    out[0] = (byte) 0x81;
    if (length < 126) {
      out[1] = (byte) length;
    } else if (length <= 0xFFFF) {
      out[1] = 126;
      out[2] = (byte) (length >>> 8);
      out[3] = (byte) length;
    } else {
      out[1] = 127;
      long wide = length;
      for (int i = 0; i < 8; i++) {
        out[2 + i] = (byte) (wide >>> (56 - 8 * i));
      }
    }
    System.arraycopy(utf8, 0, out, header, length);
    return out;
  }
}

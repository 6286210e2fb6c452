package io.bfg.console.ws;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A feed subscriber that stops reading: a plain TCP socket with a tiny receive buffer that does
 * the WebSocket handshake by hand and then leaves the server's frames unread until the test calls
 * {@link #readUntil}. No client library buffers on its behalf, so what the server cannot write
 * stays on the server.
 */
final class StalledSocket implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private long bytesRead;

  private StalledSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  /** Upgrades {@code uri}, reads exactly the 101 response and nothing after it. */
  static StalledSocket open(int port, String uri) throws IOException {
    StalledSocket stalled = connect(port);
    String head = stalled.upgrade(port, uri, Map.of());
    assertThat(head).as("handshake response").startsWith("HTTP/1.1 101");
    return stalled;
  }

  /**
   * The status line and headers the console answers an upgrade with, for header values a client
   * library would not send as they are.
   */
  static String upgradeResponse(int port, String uri, Map<String, String> headers) throws IOException {
    try (StalledSocket raw = connect(port)) {
      return raw.upgrade(port, uri, headers);
    }
  }

  private static StalledSocket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    return new StalledSocket(socket);
  }

  private String upgrade(int port, String uri, Map<String, String> headers) throws IOException {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    StringBuilder request = new StringBuilder("GET " + uri + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n");
    headers.forEach((name, value) -> request.append(name).append(':').append(value).append("\r\n"));
    request.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return readHead();
  }

  /** Byte by byte, so not one byte of the first frame is taken off the wire. */
  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed during the handshake: " + head);
      }
      head.write(b);
      byte[] sofar = head.toByteArray();
      int n = sofar.length;
      if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
        return head.toString(StandardCharsets.US_ASCII);
      }
    }
  }

  /**
   * Reads text messages until one matches (or the server closes, or nothing arrives for the
   * socket timeout); returns every text message read, the matching one last.
   */
  List<JsonObject> readUntil(Predicate<JsonObject> last) throws IOException {
    List<JsonObject> messages = new ArrayList<>();
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (true) {
      int b0;
      try {
        b0 = in.read();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the stalled subscriber got no more frames after " + FeedClient.summary(messages), e);
      }
      if (b0 < 0) {
        throw new AssertionError("the server closed the stalled subscriber after " + FeedClient.summary(messages));
      }
      int b1 = readByte();
      boolean fin = (b0 & 0x80) != 0;
      int opcode = b0 & 0x0f;
      long length = b1 & 0x7f;
      if (length == 126) {
        length = (readByte() << 8) | readByte();
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | readByte();
        }
      }
      assertThat(b1 & 0x80).as("server frames are not masked").isZero();
      byte[] payload = in.readNBytes((int) length);
      bytesRead += 2 + length;
      if (opcode == 0x8) {
        throw new AssertionError("the server closed the stalled subscriber (close frame " + closeCode(payload)
            + ") after " + FeedClient.summary(messages));
      }
      if (opcode == 0x1 || opcode == 0x0) {
        message.write(payload);
        if (fin) {
          JsonObject json = new JsonObject(message.toString(StandardCharsets.UTF_8));
          message.reset();
          messages.add(json);
          if (last.test(json)) {
            return messages;
          }
        }
      }
      // pings (0x9) are left unanswered: a stalled client would not answer them either
    }
  }

  /** Wire bytes of the frames read so far (after the handshake). */
  long bytesRead() {
    return bytesRead;
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new IOException("connection closed in the middle of a frame");
    }
    return b;
  }

  private static int closeCode(byte[] payload) {
    return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

package io.bfg.console.bench.feed;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber that completes the WebSocket handshake and then never reads: a raw socket with a
 * 4 KB receive buffer, so the server's writes back up into its own socket and write queue. After
 * the run it can be drained to see what the server kept for it (the console promises to skip a
 * full subscriber and send it the latest evaluation once it drains).
 */
final class StalledClient implements AutoCloseable {

  record Drain(int evaluations, long firstSeq, long lastSeq, long bytes, String end) {
  }

  private final Socket socket = new Socket();
  private final String host;
  private final int port;
  private InputStream in;

  StalledClient(String host, int port) {
    this.host = host;
    this.port = port;
  }

  void connect(String uri) throws IOException {
    socket.setReceiveBufferSize(4096); // before connect, so the window scale is small too
    socket.connect(new InetSocketAddress(host, port), 10_000);
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request = "GET " + uri + " HTTP/1.1\r\n"
        + "Host: " + host + ":" + port + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    in = socket.getInputStream();
    socket.setSoTimeout(10_000);
    // read the response head byte by byte, so nothing after it leaves the kernel buffer
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed during the handshake: " + head);
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String status = head.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
    if (!status.contains(" 101 ")) {
      throw new IOException("handshake refused: " + status);
    }
  }

  int localPort() {
    return socket.getLocalPort();
  }

  /**
   * Bytes the server's kernel holds for this socket (Send-Q of the server side, from {@code ss}),
   * or -1 when ss is missing. Memory that is not in the server's RSS but is still spent on it.
   */
  long serverSendQueue() {
    try {
      Process ss = new ProcessBuilder("ss", "-Htn", "state", "established",
          "( sport = :" + port + " and dport = :" + localPort() + " )").redirectErrorStream(true).start();
      String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (!ss.waitFor(5, TimeUnit.SECONDS) || out.isEmpty()) {
        return -1;
      }
      String[] fields = out.split("\\s+");
      return Long.parseLong(fields[1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Reads everything queued (and what follows) until an evaluation with {@code untilSeq} arrives. */
  Drain drain(long untilSeq, long timeoutMillis) {
    int evaluations = 0;
    long firstSeq = -1;
    long lastSeq = -1;
    long bytes = 0;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    String end = "timeout";
    try {
      DataInputStream data = new DataInputStream(in);
      while (System.nanoTime() < deadline) {
        socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        int b0 = data.readUnsignedByte();
        int b1 = data.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
          length = data.readUnsignedShort();
        } else if (length == 127) {
          length = data.readLong();
        }
        if ((b1 & 0x80) != 0) {
          data.skipNBytes(4); // servers never mask, but be exact
        }
        byte[] payload = data.readNBytes((int) length);
        bytes += 2 + length;
        int opcode = b0 & 0x0f;
        if (opcode == 0x8) {
          int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
          end = "closed by server (" + code + ")";
          break;
        }
        if (opcode == 0x1) {
          FeedMessages.Bytes head = FeedMessages.of(payload, 0, payload.length);
          if (FeedMessages.type(head) == FeedMessages.EVALUATION) {
            long seq = FeedMessages.seq(head);
            evaluations++;
            if (firstSeq < 0) {
              firstSeq = seq;
            }
            lastSeq = seq;
            if (seq >= untilSeq) {
              end = "caught up";
              break;
            }
          }
        }
      }
    } catch (SocketTimeoutException e) {
      end = "timeout";
    } catch (EOFException e) {
      end = "connection closed";
    } catch (IOException e) {
      end = "error: " + e.getMessage();
    }
    return new Drain(evaluations, firstSeq, lastSeq, bytes, end);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}

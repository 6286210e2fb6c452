package io.bfg.console.http;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One plain TCP connection to the console that speaks HTTP/1.x by hand, for what a client library
 * would not send (a foreign Host, none, two, a half request line, a request line past Netty's limit)
 * and for watching when the server closes the connection. Used from the test thread only.
 */
final class RawHttp implements AutoCloseable {

  /** How long a read waits before the test fails: a guard against hanging, not a measurement. */
  static final Duration WAIT = Duration.ofSeconds(10);

  /** A response as it came over the wire; header names lower-cased. */
  record Response(int status, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Asserts the API's one error shape and code; returns the message. */
    String error(int expectedStatus, String expectedCode) {
      assertThat(status).as("status (body %s)", body).isEqualTo(expectedStatus);
      assertThat(header("content-type")).as("content type (body %s)", body).startsWith("application/json");
      JsonObject error = new JsonObject(body).getJsonObject("error");
      assertThat(new JsonObject(body).fieldNames()).containsExactly("error");
      assertThat(error.fieldNames()).containsExactlyInAnyOrder("code", "message");
      assertThat(error.getString("code")).as("error code (body %s)", body).isEqualTo(expectedCode);
      assertThat(error.getString("message")).isNotBlank();
      assertThat(body).doesNotContain("Exception", "\tat ");
      return error.getString("message");
    }
  }

  private final Socket socket;
  private final InputStream in;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  static RawHttp connect(int port) {
    try {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout((int) WAIT.toMillis());
      return new RawHttp(socket);
    } catch (IOException e) {
      throw new AssertionError("cannot connect to 127.0.0.1:" + port + ": " + e, e);
    }
  }

  /** Sends the text as it is (CRLFs included). */
  RawHttp send(String text) {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return this;
    } catch (IOException e) {
      throw new AssertionError("sending failed: " + e, e);
    }
  }

  /** A request with the given head lines (Host included only if listed) and no body. */
  static String request(String method, String path, String... headers) {
    StringBuilder out = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    for (String header : headers) {
      out.append(header).append("\r\n");
    }
    return out.append("\r\n").toString();
  }

  /** Reads one response; its body by Content-Length, none for an answer to HEAD. */
  Response read(boolean head) {
    try {
      String statusLine = line();
      assertThat(statusLine).as("status line").startsWith("HTTP/1.");
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = line(); !line.isEmpty(); line = line()) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      String length = headers.get("content-length");
      byte[] body = head || length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
      return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no response within " + WAIT, e);
    } catch (IOException e) {
      throw new AssertionError("reading the response failed: " + e, e);
    }
  }

  Response read() {
    return read(false);
  }

  /**
   * Waits for the server to close the connection and returns what it sent before that. Fails if the
   * connection is still open after {@link #WAIT}.
   */
  byte[] awaitClosed() {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    try {
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        seen.write(buffer, 0, n);
      }
      return seen.toByteArray();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the console kept the connection open for " + WAIT + " (received "
          + seen.toString(StandardCharsets.ISO_8859_1) + ")", e);
    } catch (SocketException e) {
      // a reset is a close too
      return seen.toByteArray();
    } catch (IOException e) {
      throw new AssertionError("reading failed: " + e, e);
    }
  }

  /** Nothing arrives and the connection stays open for {@code quiet}. */
  void assertStaysOpen(Duration quiet) {
    try {
      socket.setSoTimeout((int) quiet.toMillis());
      int b = in.read();
      throw new AssertionError(b < 0 ? "the console closed the connection within " + quiet
          : "unexpected byte " + b + " from the console");
    } catch (SocketTimeoutException e) {
      // still open, as it should be
    } catch (IOException e) {
      throw new AssertionError("the connection failed within " + quiet + ": " + e, e);
    } finally {
      try {
        socket.setSoTimeout((int) WAIT.toMillis());
      } catch (SocketException e) {
        throw new AssertionError(e);
      }
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed by the console after " + out.toString(StandardCharsets.ISO_8859_1));
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = out.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      out.write(b);
      previous = b;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // the test is done with it either way
    }
  }
}

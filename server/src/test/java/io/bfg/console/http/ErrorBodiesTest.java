package io.bfg.console.http;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.RawHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer a client can provoke carries the API's error shape, including the ones Netty gives
 * before the router runs, and none leaves a stack trace in the log; HEAD is answered like GET.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Error bodies and HEAD")
class ErrorBodiesTest {

  @TempDir
  Path dataDir;
  RunningConsole console;
  /** Held here: java.util.logging keeps loggers only weakly. */
  final Logger root = Logger.getLogger("");
  final List<LogRecord> traces = new CopyOnWriteArrayList<>();
  final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getThrown() != null || record.getLevel().intValue() >= Level.SEVERE.intValue()) {
        traces.add(record);
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeEach
  void start(Vertx vertx) {
    console = RunningConsole.bfg(vertx, dataDir);
    root.addHandler(capture);
  }

  @AfterEach
  void stop() {
    root.removeHandler(capture);
    console.stop();
  }

  String host() {
    return "Host: 127.0.0.1:" + console.port();
  }

  RawHttp.Response send(String request) {
    try (RawHttp http = RawHttp.connect(console.port())) {
      return http.send(request).read();
    }
  }

  void assertNothingLogged() {
    assertThat(traces).extracting(record -> record.getLevel() + " " + record.getMessage() + " " + record.getThrown())
        .as("errors and stack traces in the log").isEmpty();
  }

  @Nested
  @DisplayName("Form-encoded bodies")
  class Forms {

    @Test
    @DisplayName("a 2 MB chunked form body is 413 PAYLOAD_TOO_LARGE like any body past the limit, and logs nothing")
    void chunkedForm() {
      try (RawHttp http = RawHttp.connect(console.port())) {
        http.send(request("POST", "/api/decisions/infra.hosting", host(), "X-Actor-Id: " + ANNA,
            "Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked"));
        // as curl sends it: the field name and its value in one stream, cut into chunks
        byte[] body = ("value=" + "a".repeat(2 * 1024 * 1024)).getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at < body.length; at += 0x8000) {
          int length = Math.min(0x8000, body.length - at);
          http.send(Integer.toHexString(length) + "\r\n");
          http.send(Arrays.copyOfRange(body, at, at + length));
          http.send("\r\n");
        }
        http.send("0\r\n\r\n");
        http.read().error(413, "PAYLOAD_TOO_LARGE");
      }
      assertThat(console.api().auditEvents()).isEmpty();
      assertNothingLogged();
    }

    @Test
    @DisplayName("JSON sent as a form (curl -d) is read as JSON, even with a '%' in it")
    void jsonSentAsAForm() {
      String form = "application/x-www-form-urlencoded";
      ApiClient api = console.api();
      api.post("/api/decisions/infra.region", ANNA, "{\"value\":\"50%zz\"}", form).error(400, "INVALID_VALUE");
      assertThat(api.post("/api/decisions/infra.region", ANNA, "{\"value\":\"eu-central-pl\"}", form).ok()
          .getBoolean("changed")).isTrue();
      assertNothingLogged();
    }
  }

  @Nested
  @DisplayName("Requests Netty cannot decode")
  class Undecodable {

    @Test
    @DisplayName("a request line past Netty's limit is 414 URI_TOO_LONG in the error shape")
    void uriTooLong() {
      send(request("GET", "/" + "a".repeat(10_000), host())).error(414, "URI_TOO_LONG");
      assertNothingLogged();
    }

    @Test
    @DisplayName("headers past Netty's limit are 431 HEADERS_TOO_LARGE in the error shape")
    void headersTooLarge() {
      send(request("GET", "/health", host(), "X-Padding: " + "a".repeat(10_000))).error(431, "HEADERS_TOO_LARGE");
      assertNothingLogged();
    }

    @Test
    @DisplayName("a request line that is not HTTP is 400 BAD_REQUEST in the error shape")
    void notHttp() {
      send("GARBAGE\r\n\r\n").error(400, "BAD_REQUEST");
      assertNothingLogged();
    }
  }

  @Nested
  @DisplayName("HEAD")
  class Head {

    /** GET and HEAD of {@code path}, each on its own HTTP/1.0 connection so the close ends the answer. */
    void assertHeadLikeGet(String path) {
      RawHttp.Response get;
      try (RawHttp http = RawHttp.connect(console.port())) {
        get = http.send("GET " + path + " HTTP/1.0\r\n" + host() + "\r\n\r\n").read();
      }
      try (RawHttp http = RawHttp.connect(console.port())) {
        RawHttp.Response head = http.send("HEAD " + path + " HTTP/1.0\r\n" + host() + "\r\n\r\n").read(true);
        assertThat(head.status()).as("status of HEAD %s", path).isEqualTo(get.status());
        assertThat(head.header("content-type")).as("content type of HEAD %s", path).isNotNull()
            .isEqualTo(get.header("content-type"));
        assertThat(head.header("content-length")).as("content length of HEAD %s", path)
            .isEqualTo(get.header("content-length")).isEqualTo(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(http.awaitClosed()).as("body of HEAD %s", path).isEmpty();
      }
    }

    @ParameterizedTest(name = "HEAD {0}")
    @ValueSource(strings = {"/health", "/api/evaluation?lang=pl", "/api/checks/cutover.contracts-frozen", "/api/audit",
        "/api/packets/ProductionAdapterMigrationRunbook.v1?format=raw", "/", "/js/feed.js"})
    @DisplayName("a read answers HEAD with GET's status and headers and no body")
    void readRoutes(String path) {
      assertHeadLikeGet(path);
    }

    @ParameterizedTest(name = "HEAD {0}")
    @ValueSource(strings = {"/api/checks/no.such-check", "/api/no-such-route", "/no-such-file.html"})
    @DisplayName("a HEAD of something missing is GET's 404 without the body")
    void missing(String path) {
      assertHeadLikeGet(path);
    }

    @Test
    @DisplayName("a HEAD of a command route is 405 in the error shape's headers, as GET is")
    void commandRoute() {
      try (RawHttp http = RawHttp.connect(console.port())) {
        RawHttp.Response head = http.send("HEAD /api/checks/cutover.contracts-frozen/accept HTTP/1.0\r\n" + host()
            + "\r\n\r\n").read(true);
        assertThat(head.status()).isEqualTo(405);
        assertThat(head.header("content-type")).startsWith("application/json");
        assertThat(head.header("content-length")).isNotNull();
        assertThat(http.awaitClosed()).isEmpty();
      }
    }
  }
}

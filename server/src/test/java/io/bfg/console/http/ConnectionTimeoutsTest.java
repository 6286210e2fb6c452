package io.bfg.console.http;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.RawHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a connection may keep the console waiting: raw sockets that send nothing, half a request
 * line, half a body, or go quiet between requests, against a console with its timeouts shortened
 * (CONSOLE_HTTP_HEADER_TIMEOUT_MS, CONSOLE_HTTP_IDLE_TIMEOUT_MS). A connection that is never closed
 * fails the test after {@link RawHttp#WAIT}; how soon it closes is not measured here.
 */
@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("Connection timeouts")
class ConnectionTimeoutsTest {

  private static final Duration HEADER_TIMEOUT = Duration.ofMillis(700);
  private static final Duration IDLE_TIMEOUT = Duration.ofMillis(4_000);

  @TempDir
  Path dataDir;
  RunningConsole console;

  void start(Vertx vertx) {
    console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, Map.of(
        "CONSOLE_HTTP_HEADER_TIMEOUT_MS", String.valueOf(HEADER_TIMEOUT.toMillis()),
        "CONSOLE_HTTP_IDLE_TIMEOUT_MS", String.valueOf(IDLE_TIMEOUT.toMillis())));
  }

  @AfterEach
  void stop() {
    if (console != null) {
      console.stop();
    }
  }

  String health() {
    return request("GET", "/health", "Host: 127.0.0.1:" + console.port());
  }

  @Test
  @DisplayName("a connection that sends nothing is closed without an answer")
  void silent(Vertx vertx) {
    start(vertx);
    try (RawHttp silent = RawHttp.connect(console.port())) {
      assertThat(silent.awaitClosed()).isEmpty();
    }
  }

  @Test
  @DisplayName("a connection that sends only part of its request line is closed without an answer")
  void partialRequestLine(Vertx vertx) {
    start(vertx);
    try (RawHttp partial = RawHttp.connect(console.port())) {
      partial.send("GET /hea");
      assertThat(partial.awaitClosed()).isEmpty();
    }
  }

  @Test
  @DisplayName("a connection whose headers never end is closed, and the request never runs")
  void partialHeaders(Vertx vertx) {
    start(vertx);
    try (RawHttp partial = RawHttp.connect(console.port())) {
      partial.send("POST /api/checks/cutover.contracts-frozen/accept HTTP/1.1\r\nHost: 127.0.0.1:"
          + console.port() + "\r\nX-Actor-Id: " + ANNA + "\r\n");
      assertThat(partial.awaitClosed()).isEmpty();
    }
    assertThat(console.api().auditEvents()).isEmpty();
  }

  @Test
  @DisplayName("a kept-alive connection serves its next request after the header timeout, and closes once idle")
  void keepAlive(Vertx vertx) {
    start(vertx);
    try (RawHttp http = RawHttp.connect(console.port())) {
      assertThat(http.send(health()).read().status()).isEqualTo(200);
      // longer than the header timeout, shorter than the idle one: the connection is still open
      http.assertStaysOpen(Duration.ofMillis(1_500));
      assertThat(http.send(health()).read().status()).isEqualTo(200);
      assertThat(http.awaitClosed()).isEmpty();
    }
  }

  @Test
  @DisplayName("a request whose body stops arriving is closed once idle, and changes nothing")
  void stalledBody(Vertx vertx) {
    start(vertx);
    try (RawHttp http = RawHttp.connect(console.port())) {
      http.send(request("POST", "/api/decisions/infra.region", "Host: 127.0.0.1:" + console.port(),
          "X-Actor-Id: " + ANNA, "Content-Type: application/json", "Content-Length: 100") + "{\"value\":");
      assertThat(http.awaitClosed()).isEmpty();
    }
    assertThat(console.api().auditEvents()).isEmpty();
  }
}

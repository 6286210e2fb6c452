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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.bfg.console.http.RawHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of sockets that never send a request: the console keeps its open connections under
 * CONSOLE_MAX_CONNECTIONS, closes the ones past it at once, lets the silent ones time out, and keeps
 * answering. One event loop, so the whole limit is one verticle's share.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
@DisplayName("The connection limit")
class ConnectionLimitTest {

  @TempDir
  Path dataDir;
  RunningConsole console;
  final List<RawHttp> sockets = new ArrayList<>();
  /** Held here: java.util.logging keeps loggers only weakly. */
  final Logger limitLog = Logger.getLogger("io.bfg.console.http.ConnectionLimit");
  final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  void start(Vertx vertx, int maxConnections, long headerTimeoutMillis) {
    limitLog.addHandler(capture);
    console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, Map.of(
        "CONSOLE_EVENT_LOOPS", "1",
        "CONSOLE_MAX_CONNECTIONS", String.valueOf(maxConnections),
        "CONSOLE_HTTP_HEADER_TIMEOUT_MS", String.valueOf(headerTimeoutMillis)));
  }

  @AfterEach
  void stop() {
    limitLog.removeHandler(capture);
    sockets.forEach(RawHttp::close);
    if (console != null) {
      console.stop();
    }
  }

  RawHttp open() {
    RawHttp socket = RawHttp.connect(console.port());
    sockets.add(socket);
    return socket;
  }

  int health() {
    try (RawHttp http = RawHttp.connect(console.port())) {
      return http.send(request("GET", "/health", "Host: 127.0.0.1:" + console.port())).read().status();
    }
  }

  /** The console frees a connection's room as soon as it sees the client close it: a moment later. */
  int awaitHealth() {
    long deadline = System.nanoTime() + RawHttp.WAIT.toNanos();
    while (true) {
      try {
        return health();
      } catch (AssertionError refused) {
        if (System.nanoTime() - deadline > 0) {
          throw refused;
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  @DisplayName("at the limit a new connection is closed at once, refusals are logged once, not each, and closing frees room")
  void atTheLimit(Vertx vertx) {
    start(vertx, 20, 60_000);
    for (int i = 0; i < 20; i++) {
      open();
    }
    for (int i = 0; i < 30; i++) {
      try (RawHttp refused = RawHttp.connect(console.port())) {
        assertThat(refused.awaitClosed()).as("what the console sent on refused connection %d", i).isEmpty();
      }
    }
    assertThat(logged).as("log records for 30 refused connections").isNotEmpty().hasSizeLessThanOrEqualTo(2);
    assertThat(logged.get(0).getLevel()).isEqualTo(Level.WARNING);
    assertThat(logged.get(0).getMessage()).contains("refused", "CONSOLE_MAX_CONNECTIONS=20");

    sockets.subList(0, 5).forEach(RawHttp::close);
    assertThat(awaitHealth()).as("GET /health once five connections were closed").isEqualTo(200);
  }

  @Test
  @DisplayName("under a flood of three hundred silent sockets, the silent ones time out and /health answers again")
  void flood(Vertx vertx) {
    start(vertx, 200, 700);
    for (int i = 0; i < 300; i++) {
      open();
    }
    for (RawHttp socket : sockets) {
      assertThat(socket.awaitClosed()).isEmpty();
    }
    assertThat(health()).isEqualTo(200);
    assertThat(logged).isNotEmpty().hasSizeLessThanOrEqualTo(2);
  }
}

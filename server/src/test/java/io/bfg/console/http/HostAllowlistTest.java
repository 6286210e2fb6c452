package io.bfg.console.http;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.RawHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DNS rebinding: a page of {@code evil.example}, re-pointed at 127.0.0.1, is a loopback client in
 * the eyes of mock-auth-header, but every request it makes names {@code evil.example} as its Host.
 * The console answers only requests that name one of its own hosts. Raw sockets, since an HTTP client
 * library picks the Host itself.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("The console's own names (Host allowlist)")
class HostAllowlistTest {

  private static final String ACCEPT = "/api/checks/cutover.contracts-frozen/accept";

  @TempDir
  Path dataDir;
  RunningConsole console;

  void start(Vertx vertx, Map<String, String> extra) {
    console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, extra);
  }

  @AfterEach
  void stop() {
    if (console != null) {
      console.stop();
    }
  }

  int port() {
    return console.port();
  }

  RawHttp.Response send(String request) {
    try (RawHttp http = RawHttp.connect(port())) {
      return http.send(request).read();
    }
  }

  RawHttp.Response get(String path, String host) {
    return send(request("GET", path, "Host: " + host));
  }

  /** The status line of a WebSocket upgrade of /ws with this Host and Origin. */
  int upgrade(String host, String origin) {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    try (RawHttp http = RawHttp.connect(port())) {
      return http.send(request("GET", "/ws?lang=en", "Host: " + host, "Origin: " + origin, "Upgrade: websocket",
          "Connection: Upgrade", "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce),
          "Sec-WebSocket-Version: 13")).read(true).status();
    }
  }

  @Nested
  @DisplayName("with the default settings")
  class Defaults {

    @Test
    @DisplayName("a sign-off naming a foreign Host is refused with 421 HOST_NOT_ALLOWED and changes nothing")
    void foreignHostCommand(Vertx vertx) {
      start(vertx, Map.of());
      RawHttp.Response response = send(request("POST", ACCEPT, "Host: evil.example:" + port(),
          "X-Actor-Id: " + ANNA, "Content-Length: 0"));

      assertThat(response.error(421, "HOST_NOT_ALLOWED")).contains("evil.example", "CONSOLE_ALLOWED_HOSTS");
      assertThat(console.api().auditEvents()).isEmpty();
      console.api().accept(ANNA, "cutover.contracts-frozen").ok();
    }

    @Test
    @DisplayName("reads, the dashboard's files and HEAD naming a foreign Host are refused with 421 too")
    void foreignHostReads(Vertx vertx) {
      start(vertx, Map.of());
      String evil = "evil.example:" + port();
      get("/api/evaluation", evil).error(421, "HOST_NOT_ALLOWED");
      get("/health", evil).error(421, "HOST_NOT_ALLOWED");
      get("/", evil).error(421, "HOST_NOT_ALLOWED");
      get("/api/no-such-route", evil).error(421, "HOST_NOT_ALLOWED");
      try (RawHttp http = RawHttp.connect(port())) {
        assertThat(http.send(request("HEAD", "/api/evaluation", "Host: " + evil)).read(true).status()).isEqualTo(421);
      }
    }

    @Test
    @DisplayName("a foreign Host is refused before the body is read: the 421 comes while the body is still owed")
    void refusedBeforeTheBody(Vertx vertx) {
      start(vertx, Map.of());
      try (RawHttp http = RawHttp.connect(port())) {
        http.send(request("POST", "/api/decisions/infra.region", "Host: evil.example:" + port(),
            "X-Actor-Id: " + ANNA, "Content-Type: application/json", "Content-Length: 1000"));
        http.read().error(421, "HOST_NOT_ALLOWED");
      }
      assertThat(console.api().auditEvents()).isEmpty();
    }

    @Test
    @DisplayName("names that only resemble the console's own are refused")
    void lookalikes(Vertx vertx) {
      start(vertx, Map.of());
      int other = port() == 65535 ? 65534 : port() + 1;
      for (String host : new String[] {"localhost:" + other, "127.0.0.1", "localhost", "localhost.evil.example:" + port(),
          "127.0.0.1." + "evil.example:" + port(), "evil.example", "0.0.0.0:" + port()}) {
        assertThat(get("/health", host).status()).as("status for Host %s", host).isEqualTo(421);
      }
    }

    @ParameterizedTest(name = "Host: {0}:PORT")
    @ValueSource(strings = {"127.0.0.1", "localhost", "LocalHost", "[::1]"})
    @DisplayName("the loopback names with the console's port are served")
    void loopbackNames(String name, Vertx vertx) {
      start(vertx, Map.of());
      RawHttp.Response response = send(request("POST", ACCEPT, "Host: " + name + ":" + port(),
          "X-Actor-Id: " + ANNA, "Content-Length: 0"));
      assertThat(response.status()).as("status (body %s)", response.body()).isEqualTo(200);
      assertThat(console.api().auditEvents()).hasSize(1);
    }

    @Test
    @DisplayName("an HTTP/1.1 request without a Host, or with two, is 400 BAD_HOST")
    void missingOrDoubleHost(Vertx vertx) {
      start(vertx, Map.of());
      send(request("GET", "/health")).error(400, "BAD_HOST");
      send(request("GET", "/health", "Host: 127.0.0.1:" + port(), "Host: evil.example")).error(400, "BAD_HOST");
      send(request("GET", "/health", "Host: 127.0.0.1:" + port() + "/x")).error(400, "BAD_HOST");
    }

    @Test
    @DisplayName("an HTTP/1.0 request without a Host (no browser sends one) is served")
    void http10WithoutHost(Vertx vertx) {
      start(vertx, Map.of());
      RawHttp.Response response = send("GET /health HTTP/1.0\r\n\r\n");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).contains("\"status\":\"UP\"");
    }
  }

  @Nested
  @DisplayName("on the feed")
  class Feed {

    @Test
    @DisplayName("an upgrade with a foreign Host and a matching Origin is refused, not switched (the rebinding case)")
    void rebindingUpgrade(Vertx vertx) {
      start(vertx, Map.of());
      String evil = "evil.example:" + port();
      assertThat(upgrade(evil, "http://" + evil)).isEqualTo(421);
    }

    @Test
    @DisplayName("an Origin is compared with the console's names, not with the request's Host")
    void originAgainstOwnNames(Vertx vertx) {
      start(vertx, Map.of());
      assertThat(upgrade("127.0.0.1:" + port(), "http://evil.example:" + port())).isEqualTo(403);
      assertThat(upgrade("localhost:" + port(), "http://localhost:" + (port() + 1))).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}:PORT")
    @ValueSource(strings = {"127.0.0.1", "localhost"})
    @DisplayName("the dashboard's own origin is switched to the feed")
    void ownOrigin(String name, Vertx vertx) {
      start(vertx, Map.of());
      String own = name + ":" + port();
      assertThat(upgrade(own, "http://" + own)).isEqualTo(101);
    }
  }

  @Nested
  @DisplayName("with names configured")
  class Configured {

    @Test
    @DisplayName("CONSOLE_ALLOWED_HOSTS: a bare name is served on any port, name:port on that port only")
    void allowedHosts(Vertx vertx) {
      start(vertx, Map.of("CONSOLE_ALLOWED_HOSTS", "console.lan, ops.lan:9443"));
      assertThat(get("/health", "console.lan").status()).isEqualTo(200);
      assertThat(get("/health", "Console.LAN:8080").status()).isEqualTo(200);
      assertThat(get("/health", "ops.lan:9443").status()).isEqualTo(200);
      assertThat(get("/health", "ops.lan:9444").status()).isEqualTo(421);
      assertThat(get("/health", "ops.lan").status()).isEqualTo(421);
      assertThat(get("/health", "evil.example:" + port()).status()).isEqualTo(421);
      assertThat(get("/health", "127.0.0.1:" + port()).status()).isEqualTo(200);
      assertThat(upgrade("console.lan:8080", "http://console.lan:8080")).isEqualTo(101);
      assertThat(upgrade("ops.lan:9443", "https://ops.lan:9443")).isEqualTo(101);
      assertThat(upgrade("ops.lan:9443", "https://ops.lan")).isEqualTo(403);
    }

    @Test
    @DisplayName("CONSOLE_PUBLIC_URL: its host is served, and its origin may open the feed")
    void publicUrl(Vertx vertx) {
      start(vertx, Map.of("CONSOLE_PUBLIC_URL", "https://Console.Example.com/"));
      assertThat(get("/health", "console.example.com").status()).isEqualTo(200);
      assertThat(get("/health", "console.example.com:443").status()).isEqualTo(200);
      assertThat(get("/health", "example.com").status()).isEqualTo(421);
      assertThat(upgrade("console.example.com", "https://console.example.com")).isEqualTo(101);
      assertThat(upgrade("console.example.com", "https://evil.example")).isEqualTo(403);
    }

    @Test
    @DisplayName("CONSOLE_WS_ORIGINS adds origins for the feed only, not Hosts for requests")
    void wsOriginsAreNotHosts(Vertx vertx) {
      start(vertx, Map.of("CONSOLE_WS_ORIGINS", "https://ops.bfg.example"));
      assertThat(upgrade("127.0.0.1:" + port(), "https://ops.bfg.example")).isEqualTo(101);
      assertThat(get("/health", "ops.bfg.example").status()).isEqualTo(421);
    }
  }
}

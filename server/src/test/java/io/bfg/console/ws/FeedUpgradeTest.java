package io.bfg.console.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may open the feed, and with which parameters: the upgrade is refused with an HTTP status
 * before any WebSocket exists.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("Opening the WebSocket feed")
class FeedUpgradeTest {

  private static final String ALLOWED = "https://ops.bfg.example";

  @TempDir
  Path dataDir;
  FeedServer server;
  WebSocketClient client;
  final List<FeedClient> opened = new ArrayList<>();

  void start(Vertx vertx, Map<String, String> extra) {
    server = FeedServer.start(vertx, dataDir, extra);
    client = FeedClient.client(vertx);
  }

  @AfterEach
  void stop() {
    opened.forEach(FeedClient::close);
    if (server != null) {
      server.stop();
    }
  }

  /** Opens the feed and checks it greets as usual. */
  void assertAccepted(String uri, Map<String, String> headers) {
    FeedClient feed = FeedClient.connect(client, server.port(), uri, headers);
    opened.add(feed);
    assertThat(feed.next().getString("type")).isEqualTo("hello");
    assertThat(feed.next().getString("type")).isEqualTo("evaluation");
  }

  void assertRefused(String uri, Map<String, String> headers, int status) {
    Throwable failure = FeedClient.refused(client, server.port(), uri, headers);
    assertThat(failure).as("failure of the upgrade of %s with %s", uri, headers)
        .isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) failure).getStatus()).as("status of the upgrade of %s", uri)
        .isEqualTo(status);
  }

  @Nested
  @DisplayName("checks the browser Origin")
  class Origins {

    @Test
    @DisplayName("refuses another site's origin with 403")
    void foreignOrigin(Vertx vertx) {
      start(vertx, Map.of());
      assertRefused("/ws", Map.of("Origin", "https://evil.example"), 403);
      assertRefused("/ws", Map.of("Origin", "null"), 403);
    }

    @Test
    @DisplayName("refuses an origin that only resembles the console's own (other port, other host, a path)")
    void lookalikeOrigins(Vertx vertx) {
      start(vertx, Map.of());
      int other = server.port() == 65535 ? 65534 : server.port() + 1;
      assertRefused("/ws", Map.of("Origin", "http://127.0.0.1:" + other), 403);
      assertRefused("/ws", Map.of("Origin", "http://localhost.evil.example:" + server.port()), 403);
      assertRefused("/ws", Map.of("Origin", "http://127.0.0.1:" + server.port() + ".evil.example"), 403);
    }

    @Test
    @DisplayName("accepts the console's own origin")
    void ownOrigin(Vertx vertx) {
      start(vertx, Map.of());
      assertAccepted("/ws", Map.of("Origin", "http://127.0.0.1:" + server.port()));
    }

    @Test
    @DisplayName("accepts a client that sends no Origin (scripts, the watch CLI)")
    void noOrigin(Vertx vertx) {
      start(vertx, Map.of());
      assertAccepted("/ws", Map.of());
    }

    @Test
    @DisplayName("accepts an origin listed in CONSOLE_WS_ORIGINS, and still refuses the others")
    void allowlistedOrigin(Vertx vertx) {
      start(vertx, Map.of("CONSOLE_WS_ORIGINS", ALLOWED + ", http://dashboard.bfg.example:8443/"));
      assertAccepted("/ws", Map.of("Origin", ALLOWED));
      assertAccepted("/ws", Map.of("Origin", "http://dashboard.bfg.example:8443"));
      assertAccepted("/ws", Map.of("Origin", "http://127.0.0.1:" + server.port()));
      assertRefused("/ws", Map.of("Origin", "https://evil.example"), 403);
      assertRefused("/ws", Map.of("Origin", "http://ops.bfg.example"), 403);
    }
  }

  @Nested
  @DisplayName("checks the actor named in X-Actor-Id")
  class Actors {

    @Test
    @DisplayName("refuses an actor the scenario does not know with 401")
    void unknownActor(Vertx vertx) {
      start(vertx, Map.of());
      assertRefused("/ws", Map.of("X-Actor-Id", "user_mallory"), 401);
    }

    @Test
    @DisplayName("refuses an empty X-Actor-Id with 401")
    void blankActor(Vertx vertx) throws Exception {
      start(vertx, Map.of());
      // the Vert.x client never completes an upgrade with a blank header value, so this one goes by hand
      assertThat(StalledSocket.upgradeResponse(server.port(), "/ws", Map.of("X-Actor-Id", " ")))
          .startsWith("HTTP/1.1 401");
    }

    @Test
    @DisplayName("accepts a known actor")
    void knownActor(Vertx vertx) {
      start(vertx, Map.of());
      assertAccepted("/ws?lang=pl", Map.of("X-Actor-Id", FeedServer.ANNA));
    }

    @Test
    @DisplayName("accepts an anonymous reader")
    void anonymous(Vertx vertx) {
      start(vertx, Map.of());
      assertAccepted("/ws", Map.of());
    }
  }

  @Nested
  @DisplayName("checks its query parameters")
  class Parameters {

    @ParameterizedTest(name = "lang={0}")
    @ValueSource(strings = {"de", "", "english"})
    @DisplayName("refuses a language other than en or pl with 400")
    void badLang(String lang, Vertx vertx) {
      start(vertx, Map.of());
      assertRefused("/ws?lang=" + lang, Map.of(), 400);
    }

    @ParameterizedTest(name = "since={0}")
    @ValueSource(strings = {"abc", "1.5", "", "99999999999999999999"})
    @DisplayName("refuses a since that is not a whole number with 400")
    void badSince(String since, Vertx vertx) {
      start(vertx, Map.of());
      assertRefused("/ws?since=" + since, Map.of(), 400);
    }

    @ParameterizedTest(name = "evaluation={0}")
    @ValueSource(strings = {"delta", "", "PATCH"})
    @DisplayName("refuses an evaluation mode other than whole or patch with 400")
    void badEvaluationMode(String mode, Vertx vertx) {
      start(vertx, Map.of());
      assertRefused("/ws?evaluation=" + mode, Map.of(), 400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP_1_1", "HTTP_2"})
    @DisplayName("answers a plain GET /ws (no WebSocket upgrade) with a 4xx in the API's JSON error shape")
    void plainGet(String version, Vertx vertx) throws Exception {
      start(vertx, Map.of());
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.valueOf(version)).build();
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(server.base() + "/ws")).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as("status (body %s)", response.body()).isBetween(400, 499);
      assertThat(response.headers().firstValue("content-type")).as("content type (body %s)", response.body())
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code")).isNotBlank();
    }

    @Test
    @DisplayName("accepts lang in any case and since=0")
    void goodParameters(Vertx vertx) {
      start(vertx, Map.of());
      assertAccepted("/ws?lang=PL&since=0", Map.of());
    }
  }
}

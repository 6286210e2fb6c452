package io.bfg.console.ws;

import io.bfg.console.http.ApiClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity check as a feed subscriber sees it, like the connection check: the run announced with
 * its four steps pending, each step RUNNING then PASSED with its evidence, the recorded run as an audit
 * line, the evaluation with the identity group ready, and last the run's end.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("The identity check on the feed")
class FeedIdentityTest {

  private static final String SECRET = "feed-probe-secret-19c2";

  @TempDir
  Path dataDir;
  MockOAuth2Server idp;
  FeedServer server;
  FeedClient subscriber;

  @BeforeEach
  void start(Vertx vertx) {
    idp = new MockOAuth2Server();
    idp.start();
    server = FeedServer.start(vertx, dataDir, Map.of(
        "CONSOLE_OIDC_ISSUER", idp.issuerUrl("bfg").toString(),
        "CONSOLE_OIDC_AUDIENCE", "console-api",
        "CONSOLE_OIDC_ACTOR_CLAIM", "preferred_username",
        "CONSOLE_OIDC_PROBE_CLIENT_ID", "console-probe",
        "CONSOLE_OIDC_PROBE_CLIENT_SECRET", SECRET,
        "CONSOLE_OIDC_PROBE_SCOPE", "console-api"));
    WebSocketClient client = FeedClient.client(vertx);
    subscriber = FeedClient.connect(client, server.port(), "/ws");
    subscriber.nextOfType("evaluation");
  }

  @AfterEach
  void stop() {
    subscriber.close();
    server.stop();
    idp.shutdown();
  }

  @Test
  @DisplayName("streams discovery, jwks, client-token and roles-mapped, then the audit line, the evaluation and the end")
  void identityRun() {
    String runId = new ApiClient(server.base()).startPipeline("identity", FeedServer.ANNA);

    JsonObject started = subscriber.nextOfType("pipeline");
    assertThat(started.getString("runId")).isEqualTo(runId);
    assertThat(started.getString("pipeline")).isEqualTo("identity");
    assertThat(started.getString("status")).isEqualTo("RUNNING");
    assertThat(started.getJsonArray("steps")).hasSize(4);

    for (String step : List.of("discovery", "jwks", "client-token", "roles-mapped")) {
      JsonObject running = subscriber.nextOfType("pipeline");
      assertThat(running.getString("step")).isEqualTo(step);
      assertThat(running.getString("status")).isEqualTo("RUNNING");
      JsonObject passed = subscriber.nextOfType("pipeline");
      assertThat(passed.getString("step")).isEqualTo(step);
      assertThat(passed.getString("status")).as(passed.encode()).isEqualTo("PASSED");
      assertThat(passed.getJsonObject("evidence")).as(step).isNotNull();
      assertThat(passed.encode()).doesNotContain(SECRET);
      assertThat(passed.getString("target")).isEqualTo(idp.issuerUrl("bfg").toString());
    }

    JsonObject audit = subscriber.nextOfType("audit");
    assertThat(audit.getJsonObject("event").getString("type")).isEqualTo("pipeline.finished");
    JsonObject evaluation = subscriber.nextOfType("evaluation");
    assertThat(ApiClient.count(evaluation.getJsonObject("evaluation"), "identity")).isEqualTo("4/4");
    JsonObject finished = subscriber.nextOfType("pipeline");
    assertThat(finished.getString("step")).isNull();
    assertThat(finished.getString("status")).isEqualTo("PASSED");
    assertThat(finished.getString("detail")).isEqualTo("4/4 steps passed");
    subscriber.assertSeqNeverBackwards();
  }
}

package io.bfg.console.ws;

import io.bfg.console.http.ApiClient;
import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TestTarget;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
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
 * A pipeline run as a feed subscriber sees it: the run announced with every step pending, each
 * step's RUNNING then its outcome in order, the recorded run as an audit line, the evaluation it
 * led to, and last the run's end, so a client that sees the end already holds the new gates.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Pipeline progress on the feed")
class FeedPipelineTest {

  @TempDir
  Path dataDir;
  FeedServer server;
  FeedClient subscriber;
  TargetEndpoint target;

  @BeforeEach
  void start(Vertx vertx) {
    target = TestTarget.get().freshDatabase();
    server = FeedServer.start(vertx, dataDir, Map.of("CONSOLE_TARGET_PG_URL", TestTarget.url(target)));
    WebSocketClient client = FeedClient.client(vertx);
    subscriber = FeedClient.connect(client, server.port(), "/ws");
    subscriber.nextOfType("evaluation");
  }

  @AfterEach
  void stop() {
    subscriber.close();
    server.stop();
  }

  @Test
  @DisplayName("streams the connection check step by step, then the audit line, the evaluation and the run's end")
  void connectionRun() {
    String runId = new ApiClient(server.base()).startPipeline("connection", FeedServer.ANNA);

    JsonObject started = subscriber.nextOfType("pipeline");
    assertThat(started.getString("runId")).isEqualTo(runId);
    assertThat(started.getString("step")).isNull();
    assertThat(started.getString("status")).isEqualTo("RUNNING");
    assertThat(started.getJsonArray("steps")).hasSize(4);

    for (String step : List.of("endpoint-reachability", "tls-fingerprint", "rbac-session", "write-probe")) {
      JsonObject running = subscriber.nextOfType("pipeline");
      assertThat(running.getString("step")).isEqualTo(step);
      assertThat(running.getString("status")).isEqualTo("RUNNING");
      JsonObject passed = subscriber.nextOfType("pipeline");
      assertThat(passed.getString("step")).isEqualTo(step);
      assertThat(passed.getString("status")).as(passed.encode()).isEqualTo("PASSED");
      assertThat(passed.getString("detail")).isNotBlank().doesNotContain(target.password());
      assertThat(passed.getString("target")).contains("bfg_app:***@");
    }
    JsonObject tls = subscriber.received().stream()
        .filter(m -> "tls-fingerprint".equals(m.getString("step")) && "PASSED".equals(m.getString("status")))
        .findFirst().orElseThrow();
    assertThat(tls.getJsonObject("evidence").getString("sha256")).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");

    JsonObject audit = subscriber.nextOfType("audit");
    assertThat(audit.getJsonObject("event").getString("type")).isEqualTo("pipeline.finished");
    JsonObject evaluation = subscriber.nextOfType("evaluation");
    assertThat(ApiClient.count(evaluation.getJsonObject("evaluation"), "connection")).isEqualTo("4/4");
    JsonObject finished = subscriber.nextOfType("pipeline");
    assertThat(finished.getString("step")).isNull();
    assertThat(finished.getString("status")).isEqualTo("PASSED");
    assertThat(finished.getString("detail")).isEqualTo("4/4 steps passed");
    subscriber.assertSeqNeverBackwards();
  }
}

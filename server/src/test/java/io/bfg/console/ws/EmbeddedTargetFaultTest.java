package io.bfg.console.ws;

import io.bfg.console.http.ApiClient;
import io.bfg.console.http.RunningConsole;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.ApiClient.count;
import static io.bfg.console.http.ApiClient.step;
import static io.bfg.console.http.ApiClient.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the console cannot start its own embedded target, that is the console's fault, not a finding
 * about the target: the run is ERRORED (in the transcript, the feed and the trail), the evidence of
 * the last real run stands, and the same console can try again once the cause is gone.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The embedded target failing to start")
class EmbeddedTargetFaultTest {

  @TempDir
  Path dataDir;
  private RunningConsole console;

  @AfterEach
  void stop() {
    if (console != null) {
      console.stop();
    }
  }

  @Test
  @DisplayName("ends the run ERRORED with the reason, leaves the connection evidence standing, and a retry in the same console passes once the cause is gone")
  void erroredThenRecovered(Vertx vertx) throws Exception {
    console = RunningConsole.bfg(vertx, dataDir);
    ApiClient api = console.api();
    assertThat(api.awaitRun(api.startPipeline("connection", ANNA)).getString("status")).isEqualTo("PASSED");
    JsonObject proven = api.evaluation();
    assertThat(count(proven, "connection")).isEqualTo("4/4");
    FeedClient feed = FeedClient.connect(FeedClient.client(vertx), console.port(), "/ws?lang=en");

    console.stopTarget();
    Path config = dataDir.resolve("target-pg/pgdata/postgresql.conf");
    String good = Files.readString(config, StandardCharsets.UTF_8);
    Files.writeString(config, "\nnot_a_postgresql_setting = on\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    String runId = api.startPipeline("connection", ANNA);
    JsonObject errored = api.awaitRun(runId);

    assertThat(errored.getString("status")).as(errored.encodePrettily()).isEqualTo("ERRORED");
    assertThat(stepStatuses(errored)).containsExactly("ERRORED", "SKIPPED", "SKIPPED", "SKIPPED");
    assertThat(step(errored, "endpoint-reachability").getString("detail"))
        .contains("could not start its embedded PostgreSQL").doesNotContain("null");
    JsonObject after = api.evaluation();
    assertThat(count(after, "connection")).as("the last real evidence stands").isEqualTo("4/4");
    assertThat(after.getJsonObject("summary")).isEqualTo(proven.getJsonObject("summary"));
    List<JsonObject> trail = api.auditEvents();
    JsonObject last = trail.get(trail.size() - 1);
    assertThat(last.getString("type")).isEqualTo("pipeline.errored");
    assertThat(last.getJsonObject("payload").getJsonObject("run").getString("runId")).isEqualTo(runId);
    assertThat(api.get("/api/pipelines/connection").ok().getString("status")).isEqualTo("ERRORED");
    JsonObject ended = feed.nextMatching("the end of " + runId, m -> "pipeline".equals(m.getString("type"))
        && runId.equals(m.getString("runId")) && m.getValue("step") == null && !"RUNNING".equals(m.getString("status")));
    assertThat(ended.getString("status")).isEqualTo("ERRORED");
    feed.close();

    Files.writeString(config, good, StandardCharsets.UTF_8);
    JsonObject retried = api.awaitRun(api.startPipeline("connection", ANNA));
    assertThat(retried.getString("status")).as(retried.encodePrettily()).isEqualTo("PASSED");
  }
}

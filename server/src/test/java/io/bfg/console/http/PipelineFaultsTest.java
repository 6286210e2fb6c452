package io.bfg.console.http;

import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TestTarget;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.http.ApiClient.count;
import static io.bfg.console.http.ApiClient.step;
import static io.bfg.console.http.ApiClient.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection check against targets that fall short, through the real console: each ends in a
 * clear FAILED step naming the reason, the rest SKIPPED, the gate unmoved, and the console serving
 * all along. No test waits on a hang: the deadline in {@link ApiClient#awaitRun} is only a guard.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Pipeline faults")
class PipelineFaultsTest {

  @TempDir
  Path dataDir;
  private RunningConsole console;

  @AfterEach
  void stop() {
    if (console != null) {
      console.stop();
    }
  }

  private ApiClient consoleFor(Vertx vertx, String url, int timeoutMs) {
    console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, Map.of("CONSOLE_TARGET_PG_URL", url,
        "CONSOLE_TARGET_TIMEOUT_MS", String.valueOf(timeoutMs)));
    return console.api();
  }

  @Test
  @DisplayName("a target that is down fails reachability with the reason; the other steps are skipped")
  void targetDown(Vertx vertx) throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    ApiClient api = consoleFor(vertx, "postgresql://bfg_app:secret-1@127.0.0.1:" + port + "/bfg_adapter", 2_000);

    JsonObject run = api.awaitRun(api.startPipeline("connection", ANNA));

    assertThat(stepStatuses(run)).containsExactly("FAILED", "SKIPPED", "SKIPPED", "SKIPPED");
    assertThat(step(run, "endpoint-reachability").getString("detail")).contains("127.0.0.1:" + port)
        .containsIgnoringCase("refused");
    assertThat(run.getString("status")).isEqualTo("FAILED");
    assertThat(count(api.evaluation(), "connection")).isEqualTo("0/4");
    assertThat(api.get("/api/pipelines/connection").ok().getString("runId")).isEqualTo(run.getString("runId"));
  }

  @Test
  @DisplayName("a target that accepts but never answers fails at the timeout; meanwhile the console serves and "
      + "refuses a second run with 409")
  void silentTarget(Vertx vertx) {
    NetServer silent = RunningConsole.await(vertx.createNetServer().connectHandler(socket -> {
      // accepts the TCP connection and never says a word
    }).listen(0, "127.0.0.1"));
    try {
      ApiClient api = consoleFor(vertx, "postgresql://bfg_app:secret-2@127.0.0.1:" + silent.actualPort()
          + "/bfg_adapter?sslmode=disable", 1_500);
      String runId = api.startPipeline("connection", ANNA);

      assertThat(api.post("/api/pipelines/connection", ANNA).error(409, "PIPELINE_RUNNING")).contains(runId);
      assertThat(api.get("/health").status()).isEqualTo(200);
      assertThat(api.get("/api/evaluation").status()).isEqualTo(200);
      assertThat(api.get("/api/pipelines").ok().getJsonArray("running")).hasSize(1);

      JsonObject run = api.awaitRun(runId);
      assertThat(stepStatuses(run)).containsExactly("FAILED", "SKIPPED", "SKIPPED", "SKIPPED");
      assertThat(step(run, "endpoint-reachability").getString("detail"))
          .contains("no answer from 127.0.0.1:" + silent.actualPort() + " within 1500 ms");
      // finished, so a new run may start
      assertThat(api.post("/api/pipelines/connection", ANNA).status()).isEqualTo(202);
    } finally {
      silent.close();
    }
  }

  @Test
  @DisplayName("a wrong password is reported as such and never echoed anywhere")
  void wrongPassword(Vertx vertx) throws IOException {
    TargetEndpoint right = TestTarget.get().freshDatabase();
    String wrong = "Wrong-Pass-4711";
    ApiClient api = consoleFor(vertx, TestTarget.url(right.as(right.user(), wrong)), 5_000);

    JsonObject run = api.awaitRun(api.startPipeline("connection", ANNA));

    assertThat(stepStatuses(run)).containsExactly("FAILED", "SKIPPED", "SKIPPED", "SKIPPED");
    assertThat(step(run, "endpoint-reachability").getString("detail"))
        .contains("password authentication failed for user \"bfg_app\"", "check the password");
    assertThat(run.encode()).doesNotContain(wrong);
    assertThat(api.get("/api/packets/ProductionAdapterConnection.v1").body()).doesNotContain(wrong)
        .contains("bfg_app:***@");
    assertThat(Files.readString(console.journal())).doesNotContain(wrong);
  }

  @Test
  @DisplayName("a superuser session fails the RBAC step: it would bypass row-level security")
  void superuser(Vertx vertx) {
    TestTarget target = TestTarget.get();
    TargetEndpoint database = target.freshDatabase();
    ApiClient api = consoleFor(vertx, TestTarget.url(target.admin().withDatabase(database.database())), 5_000);

    JsonObject run = api.awaitRun(api.startPipeline("connection", ANNA));

    assertThat(stepStatuses(run)).containsExactly("PASSED", "PASSED", "FAILED", "SKIPPED");
    assertThat(step(run, "rbac-session").getString("detail")).contains("is a superuser", "bypass row-level security");
    assertThat(count(api.evaluation(), "connection")).isEqualTo("2/4");
  }

  @Test
  @DisplayName("a server without TLS is reached unencrypted, and the TLS step fails saying TLS is off")
  void tlsAbsent(Vertx vertx) {
    TargetEndpoint plain = TestTarget.withoutTls().freshDatabase();
    ApiClient api = consoleFor(vertx, TestTarget.url(plain), 5_000);

    JsonObject run = api.awaitRun(api.startPipeline("connection", ANNA));

    assertThat(stepStatuses(run)).containsExactly("PASSED", "FAILED", "SKIPPED", "SKIPPED");
    assertThat(step(run, "endpoint-reachability").getString("detail")).contains("NOT encrypted");
    assertThat(step(run, "tls-fingerprint").getString("detail")).contains("TLS is off");
  }
}

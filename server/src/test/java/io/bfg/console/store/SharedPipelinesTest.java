package io.bfg.console.store;

import io.bfg.console.http.RunningConsole;
import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TestTarget;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.bfg.console.http.ApiClient.ANNA;
import static io.bfg.console.store.StoreConsoles.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pipelines on two consoles sharing one PostgreSQL store (a fresh database on the tests' real
 * PostgreSQL): the database admits one run per pipeline, whichever console starts it, a run's
 * progress reaches the other console's feed, and a console that died frees its pipeline after the lease.
 */
class SharedPipelinesTest {

  @TempDir
  Path dataDir;
  private StoreConsoles consoles;
  private TargetEndpoint store;
  private NetServer silent;

  @BeforeEach
  void freshDatabase() {
    consoles = new StoreConsoles(dataDir);
    store = StoreConsoles.freshDatabase("pipes");
    // a target that accepts and never answers keeps a connection run going until its timeout
    silent = RunningConsole.await(consoles.newVertx().createNetServer().connectHandler(socket -> {
    }).listen(0, "127.0.0.1"));
  }

  @AfterEach
  void stopAll() {
    consoles.close();
  }

  private RunningConsole console(String name, TargetEndpoint storeAt, String targetUrl) {
    return consoles.start(name, storeAt, targetOf(targetUrl));
  }

  private static Map<String, String> targetOf(String targetUrl) {
    return Map.of("CONSOLE_TARGET_PG_URL", targetUrl, "CONSOLE_TARGET_TIMEOUT_MS", "60000");
  }

  private String silentTarget() {
    return "postgresql://bfg_app:secret-3@127.0.0.1:" + silent.actualPort() + "/bfg_adapter?sslmode=disable";
  }

  @Test
  void aSecondStartOnAnotherConsoleIsRefusedNamingTheRunAndItsConsole() {
    RunningConsole a = console("a", store, silentTarget());
    RunningConsole b = console("b", store, silentTarget());
    String runId = a.api().startPipeline("connection", ANNA);

    String refused = b.api().post("/api/pipelines/connection", ANNA).error(409, "PIPELINE_RUNNING");
    assertThat(refused).contains(runId).contains("instance a");
    // and on the console that runs it, as before
    assertThat(a.api().post("/api/pipelines/connection", ANNA).error(409, "PIPELINE_RUNNING")).contains(runId);

    JsonObject elsewhere = b.api().get("/api/pipelines/" + runId).ok();
    assertThat(elsewhere.getString("runId")).isEqualTo(runId);
    assertThat(elsewhere.getString("instance")).isEqualTo("a");
    assertThat(elsewhere.getString("status")).isEqualTo("RUNNING");
    assertThat(elsewhere.getJsonArray("steps")).hasSize(4);
    assertThat(b.api().get("/api/pipelines").ok().getJsonArray("running").stream()
        .map(run -> ((JsonObject) run).getString("runId")).toList()).containsExactly(runId);
  }

  @Test
  void theRunTablesHaveRowLevelSecurityForcedByScenario() throws Exception {
    RunningConsole a = console("a", store, silentTarget());
    a.api().startPipeline("connection", ANNA);
    assertThat(TestTarget.get().scalar(store.database(), "select count(*) from pg_class where relname in "
        + "('pipeline_runs', 'pipeline_progress') and relrowsecurity and relforcerowsecurity")).isEqualTo(2);
    try (Connection connection = TestTarget.connect(store); Statement statement = connection.createStatement()) {
      statement.execute("set role " + StoreProvider.RUNTIME_ROLE);
      assertThat(PgStores.count(statement, "select count(*) from console.pipeline_runs")).isZero();
      statement.execute("set console.scenario_id = 'another-scenario'");
      assertThat(PgStores.count(statement, "select count(*) from console.pipeline_runs")).isZero();
      assertThat(PgStores.count(statement, "select count(*) from console.pipeline_progress")).isZero();
      statement.execute("set console.scenario_id = 'bfg-flowcontrol'");
      assertThat(PgStores.count(statement, "select count(*) from console.pipeline_runs")).isEqualTo(1);
    }
  }

  @Test
  void aRunsProgressReachesTheOtherConsolesFeedInOrderThenItsEnd() throws Exception {
    String target = TestTarget.url(TestTarget.get().freshDatabase());
    RunningConsole a = console("a", store, target);
    RunningConsole b = console("b", store, target);
    List<JsonObject> feed = consoles.feedOf(b);
    awaitUntil(() -> feed.stream().anyMatch(m -> "evaluation".equals(m.getString("type"))), 10_000);

    String runId = a.api().startPipeline("connection", ANNA);
    awaitUntil(() -> feed.stream().anyMatch(m -> runId.equals(m.getString("runId"))
        && !"RUNNING".equals(m.getString("runStatus"))), 20_000);

    List<String> seen = feed.stream().filter(m -> runId.equals(m.getString("runId")))
        .map(m -> m.getString("step") + " " + m.getString("status")).toList();
    List<String> expected = new ArrayList<>(List.of("null RUNNING"));
    for (String step : List.of("endpoint-reachability", "tls-fingerprint", "rbac-session", "write-probe")) {
      expected.add(step + " RUNNING");
      expected.add(step + " PASSED");
    }
    expected.add("null PASSED");
    assertThat(seen).containsExactlyElementsOf(expected);
    // the end comes after the recorded run reached B: B's subscriber already holds the gates it led to
    int recorded = indexOf(feed, m -> "audit".equals(m.getString("type"))
        && "pipeline.finished".equals(m.getJsonObject("event").getString("type")));
    int end = indexOf(feed, m -> runId.equals(m.getString("runId")) && !"RUNNING".equals(m.getString("runStatus")));
    assertThat(recorded).isNotNegative().isLessThan(end);
    assertThat(b.api().get("/api/pipelines/connection").ok().getString("runId")).isEqualTo(runId);
  }

  @Test
  void aConsoleThatDiedMidRunFreesItsPipelineAfterTheLease() throws Exception {
    // A reaches the store through a relay: cutting it and closing A's Vert.x is A's machine gone,
    // nothing of A can tell the store its run ended
    TcpProxy relay = consoles.relay(store);
    Vertx vertxOfA = consoles.newVertx();
    RunningConsole a = consoles.start("a", StoreConsoles.via(relay, store), targetOf(silentTarget()), vertxOfA);
    RunningConsole b = console("b", store, silentTarget());
    String runId = a.api().startPipeline("connection", ANNA);

    consoles.cut(relay);
    consoles.forget(a, vertxOfA);

    assertThat(b.api().post("/api/pipelines/connection", ANNA).error(409, "PIPELINE_RUNNING")).contains(runId);
    awaitUntil(() -> b.api().post("/api/pipelines/connection", ANNA).status() == 202,
        PgPipelineClaims.LEASE_MS + 15_000);
    JsonObject dead = b.api().get("/api/pipelines/" + runId).ok();
    assertThat(dead.getString("instance")).isEqualTo("a");
    assertThat(dead.getString("abandoned")).contains("instance a");
  }

  private static int indexOf(List<JsonObject> messages, java.util.function.Predicate<JsonObject> matches) {
    for (int i = 0; i < messages.size(); i++) {
      if (matches.test(messages.get(i))) {
        return i;
      }
    }
    return -1;
  }
}

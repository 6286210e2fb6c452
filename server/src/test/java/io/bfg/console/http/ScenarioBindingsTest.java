package io.bfg.console.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.bfg.console.http.ApiClient.count;
import static io.bfg.console.http.ApiClient.step;
import static io.bfg.console.http.ApiClient.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scenario that is not BFG's, bound to the console's packets and pipelines by declaration only
 * (the {@code bindings} fixture: groups reach, rehearsal, handoff, readiness, migration, loads;
 * database care_records with roles care_app and care_runtime; no runbook and no rollback packet), and
 * the {@code minimal} fixture, which runs no dry-run and renders no packet.
 */
@DisplayName("A scenario bound by declaration")
class ScenarioBindingsTest {

  private static final String LEAD = "user_lead";
  private static final String OWNER = "user_owner";
  private static final List<String> DECLARED = List.of("ProductionReleaseHandoff.v1",
      "ProductionAdapterConnection.v1", "ProductionAdapterDryRun.v1", "ProductionAdapterMigrationPreflight.v1",
      "ProductionDataCutoverPlan.v1");

  @Nested
  @ExtendWith(VertxExtension.class)
  @DisplayName("Packets")
  class PacketRoutes {

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
    @DisplayName("every declared packet renders from its bindings (no 500), and only those are listed")
    void declaredRender(Vertx vertx) {
      console = RunningConsole.start(vertx, RunningConsole.fixture("bindings"), dataDir, Map.of());
      ApiClient api = console.api();

      assertThat(api.get("/api/packets").ok().getJsonArray("packets").stream()
          .map(p -> ((JsonObject) p).getString("id")).toList()).isEqualTo(DECLARED);
      for (String id : DECLARED) {
        ApiClient.Reply raw = api.get("/api/packets/" + id + "?format=raw");
        assertThat(raw.status()).as(id + ": " + raw.body()).isEqualTo(200);
        assertThat(raw.body()).startsWith(id.equals("ProductionReleaseHandoff.v1") ? "CARE_RELEASE_TARGET=" : id);
      }
      assertThat(api.get("/api/packets/ProductionReleaseHandoff.v1?format=raw").body()).isEqualTo("""
          CARE_RELEASE_TARGET=care-pg-adapter
          CARE_RELEASE_OWNER='Ines Varga'
          CARE_RELEASE_DECISION=BLOCKED_PENDING_REHEARSAL
          """);
      String preflight = api.get("/api/packets/ProductionAdapterMigrationPreflight.v1?format=raw").body();
      assertThat(preflight).contains("\npreflight=0/1\ndry_run=0/5\nconnection=0/4\npreflight_decision=")
          .contains("check.readiness.proofs=").doesNotContain("rollback_decision");
      String plan = api.get("/api/packets/ProductionDataCutoverPlan.v1?format=raw").body();
      assertThat(plan).contains("\nbatch.seed=3\nbatch.visits=3\nbatches=1/1\nsteps=", "\nrelease_decision=",
          "check.loads.visits=READY", "check.migration.rows=").doesNotContain("runbook_decision", "rollback_decision");
      assertThat(api.get("/api/packets/ProductionAdapterDryRun.v1?format=raw").body())
          .contains("checks=0/5", "status=not_recorded", "POST /api/pipelines/dry-run");
    }

    @Test
    @DisplayName("a packet the scenario does not declare is 404 PACKET_NOT_DECLARED, an unknown one 404 UNKNOWN_PACKET")
    void undeclared(Vertx vertx) {
      console = RunningConsole.start(vertx, RunningConsole.fixture("bindings"), dataDir, Map.of());
      ApiClient api = console.api();

      assertThat(api.get("/api/packets/ProductionRollbackDrill.v1").error(404, "PACKET_NOT_DECLARED"))
          .contains("this scenario does not declare the packet ProductionRollbackDrill.v1");
      api.get("/api/packets/ProductionAdapterMigrationRunbook.v1?format=raw").error(404, "PACKET_NOT_DECLARED");
      api.get("/api/packets/NoSuchPacket.v1").error(404, "UNKNOWN_PACKET");
    }

    @Test
    @DisplayName("a scenario that declares no packet lists none and answers 404 for each")
    void none(Vertx vertx) {
      console = RunningConsole.start(vertx, RunningConsole.fixture("minimal"), dataDir, Map.of());
      ApiClient api = console.api();

      assertThat(api.get("/api/packets").ok().getJsonArray("packets")).isEmpty();
      api.get("/api/packets/ProductionAdapterConnection.v1").error(404, "PACKET_NOT_DECLARED");
    }
  }

  @Nested
  @ExtendWith(VertxExtension.class)
  @DisplayName("A pipeline the scenario does not run")
  class UndeclaredPipeline {

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
    @DisplayName("is 404 UNKNOWN_PIPELINE to start and to read, and is not listed")
    void unknown(Vertx vertx) {
      console = RunningConsole.start(vertx, RunningConsole.fixture("minimal"), dataDir, Map.of());
      ApiClient api = console.api();

      assertThat(api.post("/api/pipelines/dry-run", OWNER).error(404, "UNKNOWN_PIPELINE"))
          .contains("this scenario does not run the dry-run pipeline", "[connection]");
      api.get("/api/pipelines/dry-run").error(404, "UNKNOWN_PIPELINE");
      api.get("/api/pipelines/connection").error(404, "NO_RUN_YET");
      assertThat(api.get("/api/pipelines").ok().getJsonObject("latest").fieldNames()).containsExactly("connection");
    }
  }

  /** Both pipelines against the console's own embedded target, created with the scenario's names. */
  @Nested
  @ExtendWith(VertxExtension.class)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @DisplayName("Pipelines against the embedded target")
  class Pipelines {

    private RunningConsole console;
    private ApiClient api;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dataDir) {
      console = RunningConsole.start(vertx, RunningConsole.fixture("bindings"), dataDir, Map.of());
      api = console.api();
    }

    @AfterAll
    void stop() {
      console.stop();
    }

    @Test
    @Order(1)
    @DisplayName("the dry-run is refused with 409 while the group it proves depends on an unproven group")
    void groupDependencyGates() {
      String message = api.post("/api/pipelines/dry-run", LEAD).error(409, "DEPENDENCY_UNMET");

      assertThat(message).isEqualTo("the dry-run proves the group rehearsal, which depends on reach (REVIEW, "
          + "BLOCKED_PENDING_REACH); satisfy that first");
      assertThat(api.get("/api/pipelines").ok().getJsonArray("running")).isEmpty();
    }

    @Test
    @Order(2)
    @DisplayName("the connection check passes as the scenario's application role in its database")
    void connection() {
      JsonObject run = api.awaitRun(api.startPipeline("connection", LEAD));

      assertThat(stepStatuses(run)).as(run.encodePrettily()).containsExactly("PASSED", "PASSED", "PASSED", "PASSED");
      assertThat(run.getString("target")).matches("postgresql://care_app:\\*\\*\\*@127\\.0\\.0\\.1:\\d+/care_records"
          + "\\?sslmode=verify-ca");
      assertThat(step(run, "rbac-session").getJsonObject("evidence").getString("runtimeRole")).isEqualTo("care_runtime");
      assertThat(step(run, "rbac-session").getJsonObject("evidence").getBoolean("runtimeRoleGranted")).isTrue();
      assertThat(count(api.evaluation(), "reach")).isEqualTo("4/4");
    }

    @Test
    @Order(3)
    @DisplayName("then the dry-run passes all five steps, reading back the export's checksum")
    void dryRun() {
      JsonObject run = api.awaitRun(api.startPipeline("dry-run", LEAD));

      assertThat(stepStatuses(run)).as(run.encodePrettily())
          .containsExactly("PASSED", "PASSED", "PASSED", "PASSED", "PASSED");
      String exported = step(run, "snapshot-export").getJsonObject("evidence").getString("checksum");
      assertThat(exported).isEqualTo(api.get("/api/snapshot").ok().getString("checksum"));
      assertThat(step(run, "adapter-replay").getJsonObject("evidence").getString("checksum")).isEqualTo(exported);
      assertThat(step(run, "snapshot-export").getJsonObject("evidence").getString("checksumShort"))
          .isEqualTo("care-" + exported.substring(0, 8));
      assertThat(step(run, "rbac-claims").getJsonObject("evidence").getBoolean("crossTenantWriteRefused")).isTrue();
      assertThat(step(run, "rbac-claims").getString("detail")).contains("as care_runtime");
      assertThat(count(api.evaluation(), "rehearsal")).isEqualTo("5/5");
      assertThat(api.get("/api/packets/ProductionAdapterDryRun.v1?format=raw").body())
          .contains("checks=5/5", "status=PASSED", "step.adapter-replay=PASSED");
    }
  }
}

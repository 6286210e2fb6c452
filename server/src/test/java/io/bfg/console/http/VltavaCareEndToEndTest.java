package io.bfg.console.http;

import io.bfg.console.targetdb.TlsProbe;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.bfg.console.http.ApiClient.count;
import static io.bfg.console.http.ApiClient.group;
import static io.bfg.console.http.ApiClient.step;
import static io.bfg.console.http.ApiClient.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The second scenario (scenarios/vltava-care, a Czech clinic network) run end to end through the real
 * console, as BFG's is: every packet it declares, the one it does not, and both pipelines against the
 * embedded PostgreSQL the console starts under its data dir. Every expected value was worked out by
 * hand from the scenario's files, not copied from a run:
 * <ul>
 *   <li>rows: organisations 1 (the tenant), staff_accounts 4 (the actors), and sample-data.json's 24 clinics,
 *       48 patients, 60 appointments, 36 prescriptions, 40 insurance claims, 48 access-log rows: 261, in the
 *       batches clinic-registry 1+4+24=29, patient-care 48+60+36=144, billing 40, compliance 48;</li>
 *   <li>fresh: link 0/4 REVIEW (BLOCKED_PENDING_LINK); replay depends on link, so BLOCKED with link's token;
 *       switchover depends on [replay, dpia] and fallback on replay: both BLOCKED_PENDING_REPLAY;
 *       migration-plan 1/3 (only plan.staff-claims, a fact) and transfer 1/3 (transfer.families, from the
 *       ready inventory): their own tokens;</li>
 *   <li>after both pipelines: link and replay join interfaces, clinic-session and inventory: 5/7 gates;
 *       the go-live node's first unmet dependency is dpia: BLOCKED_PENDING_DPIA.</li>
 * </ul>
 */
@DisplayName("Vltava Care end to end")
class VltavaCareEndToEndTest {

  static final Path VLTAVA = Path.of("scenarios", "vltava-care");
  /** The only actor with pipelines.run, and the owner of both decisions. */
  static final String IT = "tnovotny";
  static final Pattern FLAGSHIP = Pattern.compile("bfg|flowcontrol|ksef|anna|marek|olena|tarasenko|lviv",
      Pattern.CASE_INSENSITIVE);

  static final String CONNECTION = "ProductionAdapterConnection.v1";
  static final String DRY_RUN = "ProductionAdapterDryRun.v1";
  static final String RUNBOOK = "ProductionAdapterMigrationRunbook.v1";
  static final String CUTOVER = "ProductionDataCutoverPlan.v1";
  static final String RELEASE = "ProductionReleaseHandoff.v1";
  static final String ROLLBACK = "ProductionRollbackDrill.v1";
  static final String PREFLIGHT = "ProductionAdapterMigrationPreflight.v1";

  /** The model's tables in data-model.yaml order; the tenancy table comes first there already. */
  static final List<String> TABLES = List.of("organisations", "staff_accounts", "clinics", "patients",
      "appointments", "prescriptions", "insurance_claims", "record_access_log");

  /** Rows per table, counted by hand: the tenant, the 4 actors, then sample-data.json's arrays. */
  static Map<String, Integer> rowsByTable() {
    Map<String, Integer> rows = new LinkedHashMap<>();
    rows.put("organisations", 1);
    rows.put("staff_accounts", 4);
    rows.put("clinics", 24);
    rows.put("patients", 48);
    rows.put("appointments", 60);
    rows.put("prescriptions", 36);
    rows.put("insurance_claims", 40);
    rows.put("record_access_log", 48);
    return rows;
  }

  static String raw(ApiClient api, String packet) {
    ApiClient.Reply reply = api.get("/api/packets/" + packet + "?format=raw");
    assertThat(reply.status()).as(packet + ": " + reply.body()).isEqualTo(200);
    return reply.body();
  }

  /** Every packet, and the snapshot it rests on, is free of the flagship scenario's words. */
  static void assertNoFlagshipWord(String where, String text) {
    assertThat(text).as(where).doesNotContainPattern(FLAGSHIP);
  }

  @Nested
  @ExtendWith(VertxExtension.class)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @DisplayName("Packets, fresh")
  class Packets {

    private RunningConsole console;
    private ApiClient api;
    private JsonObject snapshot;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dataDir) {
      console = RunningConsole.start(vertx, VLTAVA, dataDir, Map.of());
      api = console.api();
      snapshot = api.get("/api/snapshot").ok();
    }

    @AfterAll
    void stop() {
      console.stop();
    }

    @Test
    @Order(1)
    @DisplayName("lists the six declared packets in its order, with their decisions; the preflight is 404 PACKET_NOT_DECLARED")
    void declared() {
      List<JsonObject> listed = new ArrayList<>();
      api.get("/api/packets").ok().getJsonArray("packets").forEach(p -> listed.add((JsonObject) p));

      assertThat(listed).extracting(p -> p.getString("id"))
          .containsExactly(CONNECTION, DRY_RUN, RUNBOOK, CUTOVER, RELEASE, ROLLBACK);
      assertThat(listed).extracting(p -> p.getString("format"))
          .containsExactly("text", "text", "sql", "text", "env", "env");
      assertThat(listed).extracting(p -> p.getString("decision")).containsExactly("BLOCKED_PENDING_LINK",
          "BLOCKED_PENDING_LINK", "BLOCKED_PENDING_MIGRATION_PLAN", "BLOCKED_PENDING_TRANSFER",
          "BLOCKED_PENDING_REPLAY", "BLOCKED_PENDING_REPLAY");
      for (JsonObject packet : listed) {
        String id = packet.getString("id");
        JsonObject envelope = api.get("/api/packets/" + id).ok();
        assertThat(envelope.getString("id")).isEqualTo(id);
        assertThat(envelope.getString("checksum")).as(id).isEqualTo(packet.getString("checksum")).matches("[0-9a-f]{64}");
        assertThat(raw(api, id)).as(id).isEqualTo(envelope.getString("content"));
        assertNoFlagshipWord(id, envelope.encode());
      }

      assertThat(api.get("/api/packets/" + PREFLIGHT).error(404, "PACKET_NOT_DECLARED"))
          .contains("this scenario does not declare the packet " + PREFLIGHT);
      api.get("/api/packets/" + PREFLIGHT + "?format=raw").error(404, "PACKET_NOT_DECLARED");
    }

    @Test
    @Order(2)
    @DisplayName("the snapshot: 261 rows of the declared tables, VltavaCareSnapshot.v1, a vltava- checksum, "
        + "the tenant and the 4 actors as rows")
    void snapshot() {
      assertThat(snapshot.getString("schema")).isEqualTo("VltavaCareSnapshot.v1");
      assertThat(snapshot.getLong("rows")).isEqualTo(261L);
      assertThat(snapshot.getJsonObject("rowsByTable").getMap()).containsExactlyEntriesOf(rowsByTable());
      assertThat(snapshot.getJsonObject("rowsByBatch").getMap()).containsExactly(entry("clinic-registry", 29),
          entry("patient-care", 144), entry("billing", 40), entry("compliance", 48));
      String checksum = snapshot.getString("checksum");
      assertThat(checksum).matches("[0-9a-f]{64}");
      assertThat(snapshot.getString("checksumShort")).isEqualTo("vltava-" + checksum.substring(0, 8));

      JsonObject tables = snapshot.getJsonObject("payload").getJsonObject("tables");
      for (Map.Entry<String, Integer> table : rowsByTable().entrySet()) {
        assertThat(tables.getJsonArray(table.getKey())).as(table.getKey()).hasSize(table.getValue());
        tables.getJsonArray(table.getKey()).forEach(row -> assertThat(((JsonObject) row).getString("org_id"))
            .as(table.getKey()).isEqualTo("vltava-care"));
      }
      assertThat(tables.getJsonArray("organisations").getJsonObject(0).getString("display_name"))
          .isEqualTo("Vltava Care");
      assertThat(tables.getJsonArray("staff_accounts").stream().map(r -> ((JsonObject) r).getString("full_name")))
          .containsExactlyInAnyOrder("MUDr. Jana Dvořáková", "Ing. Tomáš Novotný", "Petra Svobodová",
              "Mgr. Lukáš Horák");
    }

    @Test
    @Order(3)
    @DisplayName("the runbook: its header, organisations first, every other table referencing it by org_id, RLS "
        + "enabled and forced, policies on vltava.org_id, no BFG name")
    void runbook() {
      String sql = raw(api, RUNBOOK);

      assertThat(sql).startsWith(String.join("\n",
          "-- " + RUNBOOK,
          "-- source=VltavaCareSnapshot.v1",
          "-- target=clinic-pg-adapter",
          "-- session=clinic-pilot-2026",
          "-- checksum=" + snapshot.getString("checksumShort"),
          "-- rows=261",
          "-- runbook_decision=BLOCKED_PENDING_MIGRATION_PLAN",
          "create schema if not exists vltava_care;",
          "create table if not exists vltava_care.organisations (",
          "  org_id text primary key,",
          "  display_name text not null,",
          "  onboarded_at timestamptz not null",
          ");",
          "create table if not exists vltava_care.staff_accounts (",
          "  staff_id text primary key,",
          "  org_id text not null references vltava_care.organisations(org_id),",
          ""));
      List<String> created = new ArrayList<>();
      Matcher table = Pattern.compile("(?m)^create table if not exists vltava_care\\.(\\w+) \\(").matcher(sql);
      while (table.find()) {
        created.add(table.group(1));
      }
      List<String> all = new ArrayList<>(TABLES);
      all.add("scenario_snapshots");
      assertThat(created).isEqualTo(all);
      for (String name : all) {
        String ddl = sql.substring(sql.indexOf("create table if not exists vltava_care." + name + " ("));
        ddl = ddl.substring(0, ddl.indexOf(");"));
        if (name.equals("organisations")) {
          assertThat(ddl).doesNotContain("references");
        } else {
          assertThat(ddl).as(name).contains("\n  org_id text not null references vltava_care.organisations(org_id)");
        }
        assertThat(sql).as(name).contains(
            "alter table vltava_care." + name + " enable row level security;\n",
            "alter table vltava_care." + name + " force row level security;\n",
            "create policy vltava_tenant_" + name + " on vltava_care." + name + "\n"
                + "  using (org_id = current_setting('vltava.org_id', true))\n"
                + "  with check (org_id = current_setting('vltava.org_id', true));\n");
      }
      // the engine's default tenancy (tenants.tenant_id, app.tenant_id) is nowhere: only the index names say "tenant"
      assertThat(sql).doesNotContainPattern("\\btenants?\\b|\\btenant_id\\b|\\bapp\\.").doesNotContainPattern(FLAGSHIP);
    }

    @Test
    @Order(4)
    @DisplayName("the data cutover plan: 261 rows in the four record families, and the decisions of the other packets")
    void dataCutoverPlan() {
      String plan = raw(api, CUTOVER);

      assertThat(plan).startsWith(String.join("\n",
          CUTOVER,
          "target=clinic-pg-adapter",
          "session=clinic-pilot-2026",
          "snapshot_schema=VltavaCareSnapshot.v1",
          "snapshot_checksum=" + snapshot.getString("checksumShort"),
          "snapshot_checksum_sha256=" + snapshot.getString("checksum"),
          "snapshot_rows=261",
          "batch.clinic-registry=29",
          "batch.patient-care=144",
          "batch.billing=40",
          "batch.compliance=48",
          "batches=4/4",
          "steps=1/3",
          "connection=0/4",
          "dry_run=0/5",
          "runbook_decision=BLOCKED_PENDING_MIGRATION_PLAN",
          "release_decision=BLOCKED_PENDING_REPLAY",
          "rollback_decision=BLOCKED_PENDING_REPLAY",
          "cutover_decision=BLOCKED_PENDING_TRANSFER",
          ""));
      assertThat(plan).contains("\ncheck.inventory.clinic-registry=READY", "\ncheck.inventory.patient-care=READY",
          "\ncheck.inventory.billing=READY", "\ncheck.inventory.compliance=READY", "\ncheck.transfer.families=READY",
          "\ncheck.transfer.proof=REVIEW", "\ncheck.transfer.claims=REVIEW");
    }

    @Test
    @Order(5)
    @DisplayName("the connection and dry-run packets say plainly that nothing has run: 0/4 and 0/5, not_recorded")
    void pipelinePacketsBeforeAnyRun() {
      assertThat(raw(api, CONNECTION)).isEqualTo("""
          ProductionAdapterConnection.v1
          target=clinic-pg-adapter
          session=clinic-pilot-2026
          checks=0/4
          decision=BLOCKED_PENDING_LINK
          status=not_recorded
          # No connection run has been recorded yet: nothing here is evidence.
          # Start one with POST /api/pipelines/connection.
          """);
      assertThat(raw(api, DRY_RUN)).isEqualTo("""
          ProductionAdapterDryRun.v1
          target=clinic-pg-adapter
          session=clinic-pilot-2026
          checks=0/5
          decision=BLOCKED_PENDING_LINK
          status=not_recorded
          # No dry-run run has been recorded yet: nothing here is evidence.
          # Start one with POST /api/pipelines/dry-run.
          """);
    }

    @Test
    @Order(6)
    @DisplayName("the release and rollback env blocks: the CARE_* variables from the fresh state, undecided empty")
    void envBlocks() {
      assertThat(raw(api, RELEASE)).isEqualTo("""
          CARE_DEPLOY_ENVIRONMENT=pilot-lab
          CARE_DB_ADAPTER=clinic-pg-adapter
          CARE_STORE_CONTRACT=ClinicRecordStore.v2
          CARE_SESSION_STORE=file-local
          CARE_STAFF_IDENTITY=mock-auth-header
          CARE_HOSTING_REGION=''
          CARE_WEEKEND_ON_CALL=''
          CARE_SWITCHOVER_DECISION=BLOCKED_PENDING_REPLAY
          """);
      assertThat(raw(api, ROLLBACK)).isEqualTo("""
          CARE_FALLBACK_DECISION=BLOCKED_PENDING_REPLAY
          CARE_FALLBACK_OWNER=tnovotny
          CARE_FALLBACK_OWNER_NAME='Ing. Tomáš Novotný'
          CARE_FALLBACK_STORE=legacy-his-readonly
          CARE_FALLBACK_RESTORE=BLOCKED
          CARE_FALLBACK_EVIDENCE=ProductionReleaseHandoff.v1
          """);
    }

    @Test
    @Order(7)
    @DisplayName("once the IT lead chooses the region and the on-call, the release block carries the options' values")
    void envAfterDecisions() {
      api.decide(IT, "dpia.hosting-region", "cz-praha").ok();
      api.decide(IT, "switchover.on-call", "internal-it-24x7").ok();

      assertThat(raw(api, RELEASE)).isEqualTo("""
          CARE_DEPLOY_ENVIRONMENT=pilot-lab
          CARE_DB_ADAPTER=clinic-pg-adapter
          CARE_STORE_CONTRACT=ClinicRecordStore.v2
          CARE_SESSION_STORE=file-local
          CARE_STAFF_IDENTITY=mock-auth-header
          CARE_HOSTING_REGION=cz-praha
          CARE_WEEKEND_ON_CALL=internal-it-24x7
          CARE_SWITCHOVER_DECISION=BLOCKED_PENDING_REPLAY
          """);
    }
  }

  /** Both pipelines against the console's own embedded target, created with the scenario's names. */
  @Nested
  @ExtendWith(VertxExtension.class)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @DisplayName("Pipelines against the embedded PostgreSQL")
  class Pipelines {

    private Path dataDir;
    private RunningConsole console;
    private ApiClient api;
    private String connectionRun;
    private String dryRun;
    private String exported;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) {
      dataDir = dir;
      console = RunningConsole.start(vertx, VLTAVA, dataDir, Map.of());
      api = console.api();
    }

    @AfterAll
    void stop() {
      console.stop();
    }

    @Test
    @Order(1)
    @DisplayName("a dry-run before the link is proven is 409 DEPENDENCY_UNMET: replay depends on link")
    void dryRunWaitsForLink() {
      String message = api.post("/api/pipelines/dry-run", IT).error(409, "DEPENDENCY_UNMET");

      assertThat(message).isEqualTo("the dry-run proves the group replay, which depends on link (REVIEW, "
          + "BLOCKED_PENDING_LINK); satisfy that first");
      assertThat(api.get("/api/pipelines").ok().getJsonArray("running")).isEmpty();
      api.get("/api/pipelines/dry-run").error(404, "NO_RUN_YET");
    }

    @Test
    @Order(2)
    @DisplayName("the connection check passes 4/4 as vltava_migrator in vltava_records, with org_id set through "
        + "vltava.org_id and vltava_clinician granted")
    void connection() throws Exception {
      connectionRun = api.startPipeline("connection", IT);
      JsonObject run = api.awaitRun(connectionRun);

      assertThat(stepStatuses(run)).as(run.encodePrettily()).containsExactly("PASSED", "PASSED", "PASSED", "PASSED");
      assertThat(run.getString("status")).isEqualTo("PASSED");
      assertThat(run.getString("actor")).isEqualTo(IT);
      assertThat(run.getString("target"))
          .matches("postgresql://vltava_migrator:\\*\\*\\*@127\\.0\\.0\\.1:\\d+/vltava_records\\?sslmode=verify-ca");
      JsonObject reached = step(run, "endpoint-reachability").getJsonObject("evidence");
      assertThat(reached.getString("database")).isEqualTo("vltava_records");
      assertThat(reached.getBoolean("sessionEncrypted")).isTrue();
      assertThat(step(run, "endpoint-reachability").getString("detail")).contains("logged in as vltava_migrator");
      assertThat(step(run, "tls-fingerprint").getJsonObject("evidence").getString("sha256"))
          .isEqualTo(TlsProbe.fingerprintOf(dataDir.resolve("target-pg/tls/server.crt")));
      JsonObject session = step(run, "rbac-session").getJsonObject("evidence");
      assertThat(session.getMap()).contains(entry("role", "vltava_migrator"), entry("superuser", false),
          entry("bypassRls", false), entry("tenant", "vltava-care"), entry("runtimeRole", "vltava_clinician"),
          entry("runtimeRoleGranted", true));
      assertThat(step(run, "rbac-session").getString("detail")).contains("vltava.org_id = vltava-care");
      assertThat(step(run, "write-probe").getJsonObject("evidence").getInteger("residue")).isZero();
      assertNoFlagshipWord("the connection transcript", run.encode());

      JsonObject evaluation = api.evaluation();
      assertThat(group(evaluation, "link").getString("status")).isEqualTo("READY");
      assertThat(group(evaluation, "link").getString("decision")).isEqualTo("LINK_PROVEN");
      assertThat(count(evaluation, "link")).isEqualTo("4/4");
    }

    @Test
    @Order(3)
    @DisplayName("then the dry-run passes 5/5: every row written and read back under org_id, the read-back checksum "
        + "equal to the export's and to /api/snapshot's, another org_id sees 0 rows, nothing left behind")
    void dryRun() {
      JsonObject snapshot = api.get("/api/snapshot").ok();
      String runbookChecksum = api.get("/api/packets/" + RUNBOOK).ok().getString("checksum");
      dryRun = api.startPipeline("dry-run", IT);
      JsonObject run = api.awaitRun(dryRun);

      assertThat(stepStatuses(run)).as(run.encodePrettily())
          .containsExactly("PASSED", "PASSED", "PASSED", "PASSED", "PASSED");
      assertThat(run.getString("status")).isEqualTo("PASSED");

      JsonObject export = step(run, "snapshot-export").getJsonObject("evidence");
      exported = export.getString("checksum");
      assertThat(exported).isEqualTo(snapshot.getString("checksum"));
      assertThat(export.getString("checksumShort")).isEqualTo("vltava-" + exported.substring(0, 8));
      assertThat(export.getLong("rows")).isEqualTo(261L);
      assertThat(export.getJsonObject("rowsByBatch").getMap()).containsExactly(entry("clinic-registry", 29),
          entry("patient-care", 144), entry("billing", 40), entry("compliance", 48));

      JsonObject schema = step(run, "schema-map").getJsonObject("evidence");
      // 3 + 5 + 10 + 9 + 11 + 12 + 12 + 9 columns in data-model.yaml
      assertThat(schema.getInteger("tables")).isEqualTo(8);
      assertThat(schema.getInteger("columns")).isEqualTo(71);
      assertThat(schema.getString("runbookSha256")).as("the SQL applied is the runbook packet's")
          .isEqualTo(runbookChecksum);

      JsonObject claims = step(run, "rbac-claims").getJsonObject("evidence");
      // the claims are the tenancy table's batch, clinic-registry: organisations 1, staff_accounts 4, clinics 24
      assertThat(claims.getMap()).contains(entry("claimsWritten", 29), entry("tablesWithForcedRls", 9),
          entry("otherTenantRowsAsOwner", 0), entry("otherTenantRowsAsRuntimeRole", 0),
          entry("ownRowsAsRuntimeRole", 29), entry("crossTenantWriteRefused", true));
      assertThat(step(run, "rbac-claims").getString("detail")).contains("organisations 1, staff_accounts 4, clinics 24",
          "as the owner vltava_migrator and as vltava_clinician", "tenant vltava-care sees its own 29");

      JsonObject replay = step(run, "adapter-replay").getJsonObject("evidence");
      assertThat(replay.getMap()).contains(entry("rowsWritten", 261), entry("rowsReadBack", 261),
          entry("checksum", exported), entry("matchesExport", true));
      assertThat(step(run, "rollback-checkpoint").getJsonObject("evidence").getMap())
          .contains(entry("rolledBack", true), entry("residue", 0));
      assertNoFlagshipWord("the dry-run transcript", run.encode());

      JsonObject evaluation = api.evaluation();
      assertThat(group(evaluation, "replay").getString("status")).isEqualTo("READY");
      assertThat(group(evaluation, "replay").getString("decision")).isEqualTo("REPLAY_CLEAN");
      assertThat(count(evaluation, "replay")).isEqualTo("5/5");
    }

    @Test
    @Order(4)
    @DisplayName("after both: 5/7 gates, go-live BLOCKED_PENDING_DPIA, and the packets carry the runs")
    void afterBoth() {
      JsonObject evaluation = api.evaluation();
      JsonObject summary = evaluation.getJsonObject("summary");
      assertThat(summary.getInteger("gatesReady")).isEqualTo(5);
      assertThat(summary.getInteger("gatesTotal")).isEqualTo(7);
      assertThat(summary.getString("decision")).isEqualTo("BLOCKED_PENDING_DPIA");
      assertThat(evaluation.getJsonObject("production").getString("id")).isEqualTo("go-live");
      assertThat(evaluation.getJsonObject("recommendation").getString("checkId")).isEqualTo("dpia.legal-basis");

      String connection = raw(api, CONNECTION);
      assertThat(connection).startsWith(String.join("\n", CONNECTION, "target=clinic-pg-adapter",
          "session=clinic-pilot-2026", "checks=4/4", "decision=LINK_PROVEN",
          "endpoint=postgresql://vltava_migrator:***@127.0.0.1:"));
      assertThat(connection).contains("\nrun_id=" + connectionRun + "\n", "\nstatus=PASSED\n",
          "\nstep.endpoint-reachability=PASSED", "database=vltava_records", "\nstep.tls-fingerprint=PASSED",
          "\nstep.rbac-session=PASSED", "runtimeRole=vltava_clinician", "\nstep.write-probe=PASSED");
      String dry = raw(api, DRY_RUN);
      assertThat(dry).startsWith(String.join("\n", DRY_RUN, "target=clinic-pg-adapter", "session=clinic-pilot-2026",
          "checks=5/5", "decision=REPLAY_CLEAN", "endpoint=postgresql://vltava_migrator:***@127.0.0.1:"));
      assertThat(dry).contains("\nrun_id=" + dryRun + "\n", "\nstatus=PASSED\n",
          "\nstep.snapshot-export=PASSED", "checksumShort=vltava-" + exported.substring(0, 8),
          "\nstep.rbac-claims=PASSED", "otherTenantRowsAsRuntimeRole=0", "\nstep.adapter-replay=PASSED",
          "rowsReadBack=261", "checksum=" + exported, "\nstep.rollback-checkpoint=PASSED");

      assertThat(raw(api, CUTOVER)).contains("\nsteps=2/3\nconnection=4/4\ndry_run=5/5\n"
          + "runbook_decision=PLAN_READY\nrelease_decision=BLOCKED_PENDING_DPIA\n"
          + "rollback_decision=BLOCKED_PENDING_FALLBACK\ncutover_decision=BLOCKED_PENDING_TRANSFER\n");
      assertThat(raw(api, RUNBOOK)).contains("\n-- runbook_decision=PLAN_READY\n");
      assertThat(raw(api, RELEASE)).endsWith("\nCARE_SWITCHOVER_DECISION=BLOCKED_PENDING_DPIA\n");
      assertThat(raw(api, ROLLBACK)).startsWith("CARE_FALLBACK_DECISION=BLOCKED_PENDING_FALLBACK\n")
          .contains("\nCARE_FALLBACK_RESTORE=REVIEW\n");
      for (String packet : List.of(CONNECTION, DRY_RUN, RUNBOOK, CUTOVER, RELEASE, ROLLBACK)) {
        assertNoFlagshipWord(packet + " after both runs", raw(api, packet));
      }
    }
  }
}

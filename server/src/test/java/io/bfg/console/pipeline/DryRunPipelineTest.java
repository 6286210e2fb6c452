package io.bfg.console.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.Branding;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.Tenancy;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Pipelines;
import io.bfg.console.packets.RunbookSql;
import io.bfg.console.scenario.ScenarioLoader;
import io.bfg.console.snapshot.SampleData;
import io.bfg.console.snapshot.SampleDataGenerator;
import io.bfg.console.snapshot.Snapshot;
import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TargetSettings;
import io.bfg.console.targetdb.TestTarget;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dry-run's five steps against a real PostgreSQL, each test on a fresh database, with the
 * target's state checked by plain SQL afterwards. The faults are real: a runbook missing a policy
 * or a FORCE, a backend terminated mid-replay, another rehearsal holding the target.
 */
@DisplayName("The dry-run against PostgreSQL")
class DryRunPipelineTest {

  private static final String SCHEMA = "bfg_flowcontrol";
  private static Vertx vertx;
  private static ScenarioLoader.Loaded bfg;
  private static DataModel model;
  private static TestTarget target;

  private TargetEndpoint endpoint;
  /** The feed messages the last run published, as the WebSocket carries them. */
  private final List<ObjectNode> published = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    bfg = ScenarioLoader.load(RunningConsole.BFG);
    model = bfg.scenario().dataModel();
    target = TestTarget.get();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void freshDatabase() {
    endpoint = target.freshDatabase();
  }

  @Test
  @DisplayName("passes all five steps, reads back the snapshot's own checksum, and leaves no schema behind")
  void passes() {
    PipelineRun run = dryRun(runbook(s -> true), bfg.snapshot(), PipelineRunner.DEFAULT_BATCH_ROWS, null);

    assertThat(run.steps()).extracting(PipelineRun.Step::status).containsOnly("PASSED");
    assertThat(run.step("snapshot-export").evidence()).containsEntry("rows", 286L)
        .containsEntry("checksum", bfg.snapshot().checksum());
    assertThat(run.step("adapter-replay").evidence()).containsEntry("rowsReadBack", 286L)
        .containsEntry("checksum", bfg.snapshot().checksum()).containsEntry("matchesExport", true);
    assertThat(run.step("adapter-replay").metrics()).containsKeys("writeRowsPerSecond", "readRowsPerSecond");
    assertThat(run.step("rbac-claims").evidence()).containsEntry("otherTenantRowsAsOwner", 0L)
        .containsEntry("otherTenantRowsAsRuntimeRole", 0L).containsEntry("ownRowsAsRuntimeRole", 6L)
        .containsEntry("crossTenantWriteRefused", true).containsEntry("tablesWithForcedRls", 10);
    // the schema map counts the data model's tables; the isolation step also the snapshot's own, and says so
    assertThat(run.step("rbac-claims").detail())
        .contains("on all 10 tables (the 9 of the data model and scenario_snapshots)");
    assertThat(run.step("rollback-checkpoint").detail()).contains("rolled back", "absent");
    assertNoResidue();
  }

  @Test
  @DisplayName("rehearses a data model whose tenancy reads another session setting, isolation proven under it")
  void otherTenancySetting() {
    DataModel other = new DataModel(model.schema(), new Tenancy("tenants", "tenant_id", "care.clinic_id"),
        model.batches(), model.tables());

    PipelineRun run = dryRun(other, String.join("\n", RunbookSql.statements(other)), bfg.snapshot(),
        PipelineRunner.DEFAULT_BATCH_ROWS, null);

    assertThat(run.steps()).as(run.toString()).extracting(PipelineRun.Step::status).containsOnly("PASSED");
    assertThat(run.step("rbac-claims").evidence()).containsEntry("ownRowsAsRuntimeRole", 6L)
        .containsEntry("otherTenantRowsAsRuntimeRole", 0L).containsEntry("crossTenantWriteRefused", true);
    assertThat(run.step("adapter-replay").evidence()).containsEntry("checksum", bfg.snapshot().checksum());
    assertNoResidue();
  }

  @Test
  @DisplayName("fails the RLS step naming the table when the runbook lacks that table's policy")
  void missingPolicy() {
    String policy = "create policy " + RunbookSql.policyName(model, "orders") + " ";
    PipelineRun run = dryRun(runbook(s -> !s.startsWith(policy)), bfg.snapshot(), PipelineRunner.DEFAULT_BATCH_ROWS,
        null);

    assertThat(statuses(run)).containsExactly("PASSED", "PASSED", "FAILED", "SKIPPED", "PASSED");
    assertThat(run.step("rbac-claims").detail()).contains(SCHEMA + ".orders has no row-level security policy");
    assertThat(run.status()).isEqualTo("FAILED");
    assertNoResidue();
  }

  @Test
  @DisplayName("fails the isolation proof when FORCE is missing: the owner's session sees another tenant's rows")
  void missingForce() {
    PipelineRun run = dryRun(runbook(s -> !s.equals("alter table " + SCHEMA + ".users force row level security;")),
        bfg.snapshot(), PipelineRunner.DEFAULT_BATCH_ROWS, null);

    assertThat(run.step("rbac-claims").status()).isEqualTo("FAILED");
    assertThat(run.step("rbac-claims").detail())
        .contains("as bfg_app (the tables' owner) a session for tenant " + DryRunPipeline.PROBE_TENANT
            + " sees 5 rows of users")
        .contains(SCHEMA + ".users does not FORCE row-level security");
    assertNoResidue();
  }

  @Test
  @DisplayName("a backend terminated mid-replay fails the replay; the rollback checkpoint proves the target unchanged")
  void terminatedMidReplay() {
    Snapshot large = generated(4_000);
    AtomicBoolean killed = new AtomicBoolean();
    PipelineRun run = dryRun(runbook(s -> true), large, 100, (step, done, total) -> {
      if (step.equals("adapter-replay") && done < total && killed.compareAndSet(false, true)) {
        target.sql(endpoint.database(), "select pg_terminate_backend(pid) from pg_stat_activity "
            + "where application_name = 'integration-console dry-run' and datname = current_database()");
      }
    });

    assertThat(killed).as("the replay reported progress before it finished").isTrue();
    ObjectNode progress = published.stream().filter(m -> m.has("progress")).findFirst().orElseThrow();
    assertThat(progress.path("detail").asText()).matches("wrote \\d+ of \\d+ rows");
    assertThat(progress.path("detailPl").asText()).matches("zapisano \\d+ z \\d+ wierszy");
    assertThat(statuses(run)).as(run.toString()).containsExactly("PASSED", "PASSED", "PASSED", "FAILED", "PASSED");
    assertThat(run.step("adapter-replay").detail()).containsAnyOf("terminat", "closed");
    assertThat(run.step("rollback-checkpoint").detail()).contains("PostgreSQL discarded it", "absent");
    assertNoResidue();
  }

  @Test
  @DisplayName("on a target where the runbook was applied before, leaves another tenant's rows exactly as they were")
  void existingRowsUntouched() throws Exception {
    // as a previous migration would have left it: the schema owned by the application role
    try (Connection c = TestTarget.connect(endpoint); Statement s = c.createStatement()) {
      s.execute(String.join("\n", RunbookSql.statements(model)));
      s.execute("set " + model.tenancy().setting() + " = 'other-tenant'");
      s.execute("insert into " + SCHEMA + ".tenants values ('other-tenant', 'Other', now())");
      s.execute("insert into " + SCHEMA + ".users values ('other-user', 'other-tenant', 'md', 'Other', '{}')");
    }
    PipelineRun run = dryRun(runbook(s -> true), bfg.snapshot(), PipelineRunner.DEFAULT_BATCH_ROWS, null);

    assertThat(run.steps()).extracting(PipelineRun.Step::status).containsOnly("PASSED");
    assertThat(run.step("rollback-checkpoint").detail()).contains("present");
    assertThat(target.scalar(endpoint.database(), "select count(*) from " + SCHEMA + ".users")).isEqualTo(1);
    assertThat(target.scalar(endpoint.database(), "select count(*) from " + SCHEMA + ".tenants")).isEqualTo(1);
    assertThat(target.scalar(endpoint.database(), "select count(*) from " + SCHEMA + ".orders")).isZero();
  }

  @Test
  @DisplayName("refuses to rehearse while another dry-run holds the target")
  void anotherRehearsal() throws Exception {
    try (Connection holder = target.connect(endpoint.database()); Statement s = holder.createStatement()) {
      s.execute("select pg_advisory_lock(hashtext('integration-console dry-run " + SCHEMA + "'))");
      PipelineRun run = dryRun(runbook(x -> true), bfg.snapshot(), PipelineRunner.DEFAULT_BATCH_ROWS, null);

      assertThat(run.step("snapshot-export").status()).isEqualTo("FAILED");
      assertThat(run.step("snapshot-export").detail()).contains("another dry-run");
      assertThat(run.step("rollback-checkpoint").status()).isEqualTo("PASSED");
    }
    assertNoResidue();
  }

  @Test
  @DisplayName("a target that cannot be reached fails the export; with nothing touched, the rest is skipped")
  void unreachable() throws Exception {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      endpoint = new TargetEndpoint("127.0.0.1", probe.getLocalPort(), "bfg_adapter", "bfg_app", "pw", "disable", null);
    }
    PipelineRun run = dryRun(runbook(s -> true), bfg.snapshot(), PipelineRunner.DEFAULT_BATCH_ROWS, null);

    assertThat(statuses(run)).containsExactly("FAILED", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED");
    assertThat(run.step("rollback-checkpoint").detail()).contains("nothing to roll back");
    // a Polish operator reads why in Polish, the system's own message kept as it came
    assertThat(run.step("snapshot-export").detail()).startsWith("cannot reach 127.0.0.1:" + endpoint.port() + ": ");
    assertThat(run.step("snapshot-export").detail(io.bfg.console.model.Lang.PL))
        .startsWith("nie można połączyć się z 127.0.0.1:" + endpoint.port() + ": ");
    assertThat(run.step("schema-map").detail(io.bfg.console.model.Lang.PL))
        .isEqualTo("nie uruchomiono: wcześniejszy krok nie przeszedł");
    // and the feed says it in both while the run goes on, so a Polish dashboard never reads English
    assertThat(stepMessage("snapshot-export", "FAILED").path("detailPl").asText())
        .startsWith("nie można połączyć się z 127.0.0.1:" + endpoint.port() + ": ");
    assertThat(stepMessage("schema-map", "SKIPPED").path("detailPl").asText())
        .isEqualTo("nie uruchomiono: wcześniejszy krok nie przeszedł");
  }

  private ObjectNode stepMessage(String step, String status) {
    return published.stream().filter(m -> step.equals(m.path("step").asText()) && status.equals(m.path("status")
        .asText())).findFirst().orElseThrow(() -> new AssertionError("no " + status + " message of " + step
        + " in " + published));
  }

  // ---- harness ----

  private PipelineRun dryRun(String runbook, Snapshot snapshot, int batchRows, DryRunPipeline.Progress onProgress) {
    return dryRun(model, runbook, snapshot, batchRows, onProgress);
  }

  private PipelineRun dryRun(DataModel model, String runbook, Snapshot snapshot, int batchRows,
                             DryRunPipeline.Progress onProgress) {
    RunTranscript transcript = new RunTranscript("run-test", Pipelines.DRY_RUN, "user_md_anna",
        Pipelines.STEPS.get(Pipelines.DRY_RUN));
    List<ObjectNode> messages = published;
    DryRunPipeline.Rehearsal rehearsal = new DryRunPipeline.Rehearsal(model, snapshot,
        bfg.scenario().snapshot().schema(), bfg.scenario().branding().checksumPrefix(), runbook);
    DryRunPipeline pipeline = new DryRunPipeline(vertx, endpoint,
        new TargetSettings(endpoint, 5_000, 30_000, TestTarget.RUNTIME_ROLE), rehearsal,
        (step, done, total) -> {
          messages.add(transcript.progress(step, done, total));
          if (onProgress != null) {
            onProgress.report(step, done, total);
          }
        }, batchRows);
    RunningConsole.await(PipelineRunner.runSteps(transcript, pipeline.steps(), 0, endpoint, messages::add)
        .eventually(pipeline::close));
    transcript.conclude();
    transcript.finish(null);
    return transcript.snapshot();
  }

  private static String runbook(Predicate<String> keep) {
    return String.join("\n", RunbookSql.statements(model).stream().filter(keep).toList());
  }

  private static Snapshot generated(int rowsPerTable) {
    String tenant = bfg.snapshot().tenantId();
    SampleData sample = new SampleData(tenant, SampleDataGenerator.generate(model, bfg.scenario().tenant(),
        bfg.scenario().actors(), rowsPerTable, 7));
    Branding branding = new Branding(null, bfg.snapshot().schema(), bfg.snapshot().checksumPrefix());
    return Snapshot.assemble(model, branding, bfg.scenario().tenant(), bfg.scenario().actors(), sample);
  }

  private static List<String> statuses(PipelineRun run) {
    return run.steps().stream().map(PipelineRun.Step::status).toList();
  }

  private void assertNoResidue() {
    assertThat(target.scalar(endpoint.database(), "select count(*) from pg_namespace where nspname = '" + SCHEMA + "'"))
        .as("the runbook's schema after the dry-run").isZero();
  }
}

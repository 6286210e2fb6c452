package io.bfg.console.packets;

import io.bfg.console.eval.Evaluation;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.Lang;
import io.bfg.console.model.PacketBinding;
import io.bfg.console.model.PacketIds;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Packets rendered from a scenario's bindings alone: BFG's, byte for byte as the console rendered
 * them before the bindings were declared (the files under {@code packets/bfg-fresh/}, saved from
 * the console's fresh state), and a scenario with other group ids and neither a runbook nor a
 * rollback packet.
 */
@DisplayName("Packets rendered by binding")
class PacketsTest {

  private static final Runtime LOCAL_DEMO = new Runtime("file-local", "mock-auth-header", false);

  /** One scenario's fresh state, evaluated, with the filler the console hands to the packets. */
  private record Fresh(Scenario scenario, Evaluation evaluation, SessionState state, UnaryOperator<String> fill) {

    static Fresh of(Scenario scenario) {
      Evaluator evaluator = new Evaluator(scenario);
      SessionState state = SessionState.empty();
      Evaluator.Assessment assessment = evaluator.assess(LOCAL_DEMO, state);
      return new Fresh(scenario, evaluator.render(assessment, Lang.EN), state,
          template -> evaluator.envValue(assessment, Lang.EN, template));
    }

    Packets.Packet render(String id) {
      return Packets.render(id, scenario, evaluation, state, fill);
    }
  }

  @Test
  @DisplayName("BFG's packets are the same text as before they were rendered by binding")
  void bfgUnchanged() throws IOException {
    Fresh bfg = Fresh.of(ScenarioLoader.load(RunningConsole.BFG).scenario());

    for (PacketBinding binding : bfg.scenario().packets()) {
      assertThat(bfg.render(binding.id()).content()).as(binding.id()).isEqualTo(saved(binding.id()));
    }
    assertThat(bfg.scenario().packets()).extracting(PacketBinding::id).containsExactlyElementsOf(PacketIds.ALL);
  }

  @Test
  @DisplayName("another scenario's packets render from its groups, and those it does not declare do not exist")
  void otherScenario() {
    Fresh other = Fresh.of(ScenarioLoader.load(RunningConsole.fixture("bindings")).scenario());

    assertThat(other.render(PacketIds.RUNBOOK)).isNull();
    assertThat(other.render(PacketIds.ROLLBACK_DRILL)).isNull();
    assertThat(other.render("NoSuchPacket.v1")).isNull();
    assertThat(other.render(PacketIds.RELEASE_HANDOFF).content()).isEqualTo("""
        CARE_RELEASE_TARGET=care-pg-adapter
        CARE_RELEASE_OWNER='Ines Varga'
        CARE_RELEASE_DECISION=BLOCKED_PENDING_REHEARSAL
        """);
    assertThat(other.render(PacketIds.RELEASE_HANDOFF).decision()).isEqualTo("BLOCKED_PENDING_REHEARSAL");
    String preflight = other.render(PacketIds.PREFLIGHT).content();
    assertThat(preflight).contains("\nadapter_contract=CareStore.v1\npreflight=0/1\ndry_run=0/5\nconnection=0/4\n"
        + "preflight_decision=BLOCKED_PENDING_READINESS\ncheck.readiness.proofs=REVIEW 0/9\n");
    assertThat(preflight).doesNotContain("rollback_decision");
    String plan = other.render(PacketIds.DATA_CUTOVER_PLAN).content();
    assertThat(plan).endsWith("\nbatches=1/1\nsteps=1/1\nconnection=0/4\ndry_run=0/5\n"
        + "release_decision=BLOCKED_PENDING_REHEARSAL\ncutover_decision=MIGRATION_PLANNED\n"
        + "check.loads.visits=READY 3 rows\ncheck.migration.rows=READY 6 rows\n");
    assertThat(other.render(PacketIds.CONNECTION).content()).contains("\nchecks=0/4\ndecision=BLOCKED_PENDING_REACH\n");
    assertThat(other.render(PacketIds.DRY_RUN).content())
        .contains("\nchecks=0/5\ndecision=BLOCKED_PENDING_REACH\nstatus=not_recorded\n");
  }

  @Test
  @DisplayName("the runbook SQL the dry-run applies exists without a runbook packet, only lacking its decision line")
  void runbookSqlWithoutPacket() {
    Fresh other = Fresh.of(ScenarioLoader.load(RunningConsole.fixture("bindings")).scenario());
    Fresh bfg = Fresh.of(ScenarioLoader.load(RunningConsole.BFG).scenario());

    assertThat(Packets.runbookSql(other.scenario(), other.evaluation()))
        .startsWith("-- ProductionAdapterMigrationRunbook.v1\n").doesNotContain("runbook_decision")
        .contains("create table if not exists care_records.ward_visits (");
    assertThat(Packets.runbookSql(bfg.scenario(), bfg.evaluation())).isEqualTo(bfg.render(PacketIds.RUNBOOK).content());
  }

  static String saved(String id) throws IOException {
    try (InputStream in = PacketsTest.class.getResourceAsStream("/packets/bfg-fresh/" + id)) {
      assertThat(in).as("saved packet " + id).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

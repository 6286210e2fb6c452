package io.bfg.console.copilot;

import dev.langchain4j.agent.tool.Tool;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.Lang;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;
import io.bfg.console.scenario.ScenarioLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tools a hosted model has: each fact the validator checks is reachable through one. Fresh BFG:
 * Anna can do 11 things now (not the 30 open checks she owns), the driver nothing; Anna and Marek run
 * pipelines; 2/9 gates, 13/41 checks = 32%; the state is in file-local.
 */
@DisplayName("The copilot's tools")
class CopilotToolsTest {

  private static CopilotTools tools(Path dir, Lang lang) {
    Scenario scenario = ScenarioLoader.load(dir).scenario();
    Evaluator evaluator = new Evaluator(scenario);
    Evaluator.Assessment fresh = evaluator.assess(new Runtime("file-local", "mock-auth-header", false),
        SessionState.empty());
    var evaluation = evaluator.render(fresh, lang);
    return new CopilotTools(() -> new ReadinessFacts(scenario, evaluation, SessionState.empty(), List.of()),
        () -> new CopilotTools.Now(scenario, fresh, evaluation), false);
  }

  private final CopilotTools bfg = tools(RunningConsole.BFG, Lang.EN);

  @Test
  @DisplayName("an actor's tasks are what the server would accept from them now, by kind, with commands")
  void tasks() {
    JsonObject anna = new JsonObject(bfg.ownerTasks("Anna"));
    assertThat(anna.getString("id")).isEqualTo("user_md_anna");
    assertThat(anna.getInteger("count")).isEqualTo(11).isEqualTo(anna.getJsonArray("actionable").size());
    assertThat(anna.getJsonObject("byKind").getMap()).containsEntry("pipelines", 2);
    List<String> ids = new ArrayList<>();
    for (Object item : anna.getJsonArray("actionable")) {
      ids.add(((JsonObject) item).getString("id"));
    }
    assertThat(ids).contains("cutover.contracts-frozen", "infra.hosting", "connection")
        .doesNotContain("rollback.freeze-window", "preflight.schema-map");
    JsonObject refused = (JsonObject) anna.getJsonArray("blocked").stream()
        .filter(item -> ((JsonObject) item).getString("id").equals("rollback.freeze-window")).findFirst().orElseThrow();
    assertThat(refused.getString("refusal")).isEqualTo("DEPENDENCY_UNMET");
    assertThat(new JsonObject(bfg.ownerTasks("driver")).getInteger("count")).isZero();
    assertThat(new JsonObject(bfg.ownerTasks("Olena Shevchenko")).getInteger("count")).isEqualTo(2);
    assertThat(new JsonObject(bfg.ownerTasks("nobody")).getString("error")).contains("nobody");
  }

  @Test
  @DisplayName("the decisions: all of them, those of one group by id or label, and an error for a group that is none")
  void decisions() {
    JsonArray all = new JsonObject(bfg.decisions(null)).getJsonArray("decisions");
    JsonObject infra = new JsonObject(bfg.decisions("infrastructure"));
    assertThat(infra.getString("id")).isEqualTo("infrastructure");
    // (BFG's four decisions are all the infrastructure gate's; another group has none, which is no error)
    assertThat(infra.getJsonArray("decisions").size()).isEqualTo(all.size()).isEqualTo(4);
    assertThat(new JsonObject(bfg.decisions("contracts")).getJsonArray("decisions")).isEmpty();
    assertThat(new JsonObject(bfg.decisions(infra.getString("label"))).getString("id")).isEqualTo("infrastructure");
    assertThat(new JsonObject(bfg.decisions("no-such-group")).getString("error")).contains("no-such-group");
  }

  @Test
  @DisplayName("a packet's variables: one by name in any case with its value as the packet renders it, a packet's, all")
  void packetEnv() {
    JsonObject one = new JsonObject(bfg.packetEnv("bfg_release_decision"));
    assertThat(one.getJsonArray("packets")).hasSize(1);
    JsonObject release = one.getJsonArray("packets").getJsonObject(0);
    assertThat(release.getString("packet")).isEqualTo("ProductionReleaseHandoff.v1");
    assertThat(release.getString("value")).isEqualTo("BLOCKED_PENDING_DRY_RUN");
    assertThat(release.getInteger("count")).isEqualTo(9);
    JsonObject owner = new JsonObject(bfg.packetEnv("BFG_ROLLBACK_OWNER"));
    assertThat(owner.getJsonArray("packets")).hasSize(2);
    assertThat(owner.getJsonArray("packets").getJsonObject(1).getString("actorName")).isEqualTo("Anna Kowalska");
    assertThat(new JsonObject(bfg.packetEnv("rollback")).getJsonArray("packets").getJsonObject(0).getString("packet"))
        .isEqualTo("ProductionRollbackDrill.v1");
    assertThat(new JsonObject(bfg.packetEnv("")).getJsonArray("packets")).hasSize(2);
    assertThat(new JsonObject(bfg.packetEnv("NO_SUCH_VAR")).getJsonArray("packets")).isEmpty();
  }

  @Test
  @DisplayName("what waits on a thing: by a group's id or label, or a check's id; directly, then through them")
  void dependents() {
    JsonObject byId = new JsonObject(bfg.dependents("connection"));
    JsonObject byLabel = new JsonObject(bfg.dependents("Adapter connection packet is recorded"));
    assertThat(byLabel.getString("id")).isEqualTo("connection");
    assertThat(byLabel.getJsonArray("direct")).isEqualTo(byId.getJsonArray("direct"));
    List<String> direct = new ArrayList<>();
    byId.getJsonArray("direct").forEach(d -> direct.add(((JsonObject) d).getString("id")));
    assertThat(direct).contains("dry-run.snapshot-export", "production");
    assertThat(byId.getJsonArray("indirect")).isNotEmpty();
    assertThat(new JsonObject(bfg.dependents("no such thing")).getString("error")).isEqualTo("no such thing");
  }

  @Test
  @DisplayName("counts and percentages: gates by status, checks, each group")
  void counts() {
    JsonObject counts = new JsonObject(bfg.counts());
    assertThat(counts.getInteger("gatesReady")).isEqualTo(2);
    assertThat(counts.getInteger("gatesTotal")).isEqualTo(9);
    assertThat(counts.getJsonObject("gatesByStatus").getMap()).containsEntry("BLOCKED", 4).containsEntry("REVIEW", 3);
    assertThat(counts.getInteger("checksReady")).isEqualTo(13);
    assertThat(counts.getInteger("percent")).isEqualTo(32);
    JsonObject release = (JsonObject) counts.getJsonArray("groups").stream()
        .filter(g -> ((JsonObject) g).getString("id").equals("release")).findFirst().orElseThrow();
    assertThat(release.getInteger("percent")).isEqualTo(60);
  }

  @Test
  @DisplayName("permissions: who holds which, and one actor's")
  void permissions() {
    JsonObject all = new JsonObject(bfg.permissions(""));
    assertThat(all.getJsonObject("holders").getJsonArray("pipelines.run").getList())
        .containsExactly("user_md_anna", "user_dispatcher_marek");
    assertThat(all.getJsonObject("holders").getJsonArray("decisions.record").getList()).containsExactly("user_md_anna");
    JsonObject driver = new JsonObject(bfg.permissions("driver"));
    assertThat(driver.getBoolean("canAcceptChecks")).isFalse();
    assertThat(new JsonObject(tools(Path.of("scenarios", "vltava-care"), Lang.PL).permissions("Inspektor ochrony danych"))
        .getBoolean("canAcceptChecks")).isTrue();
  }

  @Test
  @DisplayName("the live session: store, auth, the active environment, the target")
  void session() {
    JsonObject session = new JsonObject(bfg.session());
    assertThat(session.getString("storage")).isEqualTo("file-local");
    assertThat(session.getString("auth")).isEqualTo("mock-auth-header");
    assertThat(session.getJsonObject("activeEnvironment").getString("id")).isEqualTo("local-demo");
    assertThat(session.getString("target")).isEqualTo("db-auth-session-adapter");
  }

  @Test
  @DisplayName("no tool can write: none is named for a command")
  void readOnly() {
    List<String> names = new ArrayList<>();
    for (Method method : CopilotTools.class.getDeclaredMethods()) {
      if (method.isAnnotationPresent(Tool.class)) {
        names.add(method.getName());
      }
    }
    assertThat(names).hasSize(18).noneMatch(name -> name.matches("(?i).*(accept|decide|record|run|start|revoke|write|set).*")
        && !name.equals("lastRun"));
  }
}

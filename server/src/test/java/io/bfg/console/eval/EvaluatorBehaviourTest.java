package io.bfg.console.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bfg.console.model.Lang;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.SessionState;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.bfg.console.eval.EvaluatorSeedTest.card;
import static io.bfg.console.eval.EvaluatorSeedTest.check;
import static io.bfg.console.eval.EvaluatorSeedTest.checks;
import static io.bfg.console.eval.EvaluatorSeedTest.group;
import static io.bfg.console.eval.EvaluatorSeedTest.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@DisplayName("The evaluator")
class EvaluatorBehaviourTest {

  static final String ANNA = "user_md_anna";
  static final String MAREK = "user_dispatcher_marek";
  static final String OLENA = "user_accountant_olena";

  /** The six owner-led cutover rehearsals and who owns each. */
  static final Map<String, String> CUTOVER = Map.of(
      "cutover.contracts-frozen", ANNA, "cutover.role-headers", MAREK, "cutover.store-rehearsal", MAREK,
      "cutover.database-schema", OLENA, "cutover.secrets-auth", OLENA, "cutover.migration-rollback", ANNA);
  static final List<String> ROLLBACK = List.of("rollback.freeze-window", "rollback.owner-acknowledgement",
      "rollback.storage-fallback", "rollback.audit-packet");

  static final PipelineRun CONNECTION = Session.passed(Pipelines.CONNECTION, "run-c1", "tls=ab:cd");
  static final PipelineRun DRY_RUN = Session.passed(Pipelines.DRY_RUN, "run-d1", "checksum=1111");
  static final PipelineRun IDENTITY = Session.passed(Pipelines.IDENTITY, "run-i1", "kids=k1");

  static Session bfg() {
    return new Session(Fixtures.bfg());
  }

  static Session acceptCutover(Session session) {
    CUTOVER.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> session.accept(e.getKey(), e.getValue()));
    return session;
  }

  /** Every pipeline, sign-off and decision the BFG scenario asks for (21 events). */
  static Session everything(Session session) {
    session.pipeline(CONNECTION).pipeline(DRY_RUN).pipeline(IDENTITY);
    acceptCutover(session);
    session.decide("infra.hosting", ANNA, "managed-postgres-eu")
        .decide("infra.region", ANNA, "eu-central-pl")
        .decide("infra.runtime-owner", ANNA, "bfg-internal-ops")
        .decide("infra.secrets-backup", ANNA, "managed-kms-rpo-15m");
    ROLLBACK.forEach(id -> session.accept(id, ANNA));
    Stream.of("selection.live-provider", "selection.auth-owner", "selection.tenant-secrets", "selection.live-wiring")
        .forEach(id -> session.accept(id, ANNA));
    return session;
  }

  @Nested
  @DisplayName("filling an env variable's value")
  class EnvValues {

    @Test
    @DisplayName("prints a decision's chosen option value, nothing before one is recorded, never \"null\"")
    void decisionsAndValuelessChecks() {
      Evaluator evaluator = Fixtures.bfg();
      Session session = new Session(evaluator);
      String template = "{infra.hosting}|{infra.hosting.value}|{cutover.contracts-frozen.value}";

      assertThat(evaluator.envValue(session.assess(), Lang.EN, template)).isEqualTo("||REVIEW");
      session.decide("infra.hosting", ANNA, "managed-postgres-eu");
      assertThat(evaluator.envValue(session.assess(), Lang.EN, template))
          .isEqualTo("managed-postgres-eu|managed-postgres-eu|REVIEW");
    }
  }

  @Nested
  @DisplayName("with owner sign-offs")
  class SignOffs {

    @Test
    @DisplayName("moves the cutover x/y and the board's evidence counts as cutover checks are accepted")
    void cutoverMovesBoard() {
      Evaluation e = bfg().accept("cutover.contracts-frozen", ANNA).accept("cutover.store-rehearsal", MAREK).evaluate();

      assertThat(group(e, "cutover")).extracting("status", "done", "total", "decision")
          .containsExactly("REVIEW", 2, 6, "BLOCKED_PENDING_CUTOVER");
      assertThat(check(e, "board.environment-readiness")).extracting("status", "value", "done", "total")
          .containsExactly("READY", "2/2", 2, 2);
      assertThat(check(e, "board.rollback-window").value()).isEqualTo("1/2");
      assertThat(check(e, "board.release-approvals").value()).isEqualTo("2/6");
      assertThat(group(e, "board")).extracting("done", "total").containsExactly(2, 7);
      assertThat(check(e, "release.owner-evidence").value()).isEqualTo("2/6");
      assertThat(check(e, "runbook.schema-rls").value()).isEqualTo("2/6");
      assertThat(card(e, "kpi.cutover").value()).isEqualTo("2/6");
      assertThat(section(e, "cutover").badge()).isEqualTo("2/6 rehearsed");
      assertThat(section(e, "board").badge()).isEqualTo("2/7 decisions ready");

      Evaluation.CheckView store = check(e, "cutover.store-rehearsal");
      assertThat(store.status()).isEqualTo("READY");
      assertThat(store.signOff().actor()).isEqualTo(MAREK);
      assertThat(store.signOff().stale()).isFalse();
      assertThat(store.evidence()).startsWith("Accepted by Marek Zielinski at 2026-04-01T08:");
      assertThat(e.seq()).isEqualTo(2);
      assertThat(card(e, "session.last-write").value()).isEqualTo("2026-04-01T08:00:02Z (Marek Zielinski)");
    }

    @Test
    @DisplayName("makes cutover and the whole decision board READY once all six rehearsals are accepted")
    void allCutover() {
      Evaluation e = acceptCutover(bfg()).evaluate();

      assertThat(group(e, "cutover")).extracting("status", "done", "total", "decision")
          .containsExactly("READY", 6, 6, "CUTOVER_REHEARSED");
      assertThat(group(e, "board")).extracting("status", "done", "total", "decision")
          .containsExactly("READY", 7, 7, "BOARD_APPROVED");
      assertThat(check(e, "preflight.schema-map")).extracting("status", "value").containsExactly("READY", "7/7");
      assertThat(group(e, "preflight")).extracting("done", "total").containsExactly(2, 5);
      assertThat(e.summary().gatesReady()).isEqualTo(2);
    }

    @Test
    @DisplayName("takes a revoked sign-off away again")
    void revoke() {
      Session session = bfg().accept("cutover.contracts-frozen", ANNA);
      assertThat(check(session.evaluate(), "cutover.contracts-frozen").status()).isEqualTo("READY");

      Evaluation e = session.revoke("cutover.contracts-frozen", ANNA).evaluate();

      Evaluation.CheckView contracts = check(e, "cutover.contracts-frozen");
      assertThat(contracts.status()).isEqualTo("REVIEW");
      assertThat(contracts.signOff()).isNull();
      assertThat(contracts.evidence()).isEqualTo("Waiting for Anna Kowalska");
      assertThat(group(e, "cutover").done()).isZero();
      assertThat(check(e, "board.environment-readiness").value()).isEqualTo("0/2");
      assertThat(session.state().signOffs()).isEmpty();
    }

    @Test
    @DisplayName("does not count a sign-off made against other evidence than the current one")
    void foreignHash() {
      Evaluation e = bfg().acceptWithHash("cutover.contracts-frozen", ANNA, "0".repeat(64)).evaluate();

      Evaluation.CheckView contracts = check(e, "cutover.contracts-frozen");
      assertThat(contracts.status()).isEqualTo("REVIEW");
      assertThat(contracts.signOff().stale()).isTrue();
      assertThat(group(e, "cutover").done()).isZero();
    }
  }

  @Nested
  @DisplayName("with pipeline runs")
  class PipelineRuns {

    @Test
    @DisplayName("makes connection READY after a passing connection run and unblocks the dry-run checks")
    void connectionPasses() {
      Evaluation e = bfg().pipeline(CONNECTION).evaluate();

      assertThat(group(e, "connection")).extracting("status", "done", "total", "decision")
          .containsExactly("READY", 4, 4, "CONNECTION_RECORDED");
      assertThat(check(e, "connection.tls-fingerprint").evidence()).isEqualTo("tls-fingerprint passed (tls=ab:cd)");
      assertThat(group(e, "dry-run").checks())
          .extracting(Evaluation.CheckView::status, Evaluation.CheckView::blockedBy, Evaluation.CheckView::evidence)
          .containsOnly(tuple("REVIEW", null, "Waiting for dry-run"));
      assertThat(group(e, "dry-run")).extracting("status", "done", "decision")
          .containsExactly("REVIEW", 0, "BLOCKED_PENDING_DRY_RUN");
      assertThat(e.summary().gatesReady()).isEqualTo(3);
      assertThat(check(e, "runbook.adapter-replay").value()).isEqualTo("4/4 + 0/5");
      assertThat(card(e, "kpi.connection")).extracting("value", "status").containsExactly("4/4", "READY");
    }

    @Test
    @DisplayName("keeps a failed step in REVIEW with its detail and the dry-run blocked")
    void failedStep() {
      PipelineRun failed = Session.run(Pipelines.CONNECTION, "run-c0", "tls=none", Map.of("tls-fingerprint", "FAILED"));
      Evaluation e = bfg().pipeline(failed).evaluate();

      assertThat(group(e, "connection")).extracting("status", "done", "total")
          .containsExactly("REVIEW", 3, 4);
      assertThat(check(e, "connection.tls-fingerprint")).extracting("status", "evidence")
          .containsExactly("REVIEW", "tls-fingerprint failed (tls=none)");
      assertThat(group(e, "dry-run")).extracting("status", "blockedBy").containsExactly("BLOCKED", "connection");
      assertThat(e.recommendation().checkId()).isEqualTo("connection.tls-fingerprint");
    }

    @Test
    @DisplayName("makes the dry-run READY after it passes, so release then waits on the cutover")
    void dryRunPasses() {
      Evaluation e = bfg().pipeline(CONNECTION).pipeline(DRY_RUN).evaluate();

      assertThat(group(e, "dry-run")).extracting("status", "done", "total", "decision")
          .containsExactly("READY", 5, 5, "DRY_RUN_COMPLETE");
      assertThat(group(e, "release")).extracting("status", "done", "decision", "blockedBy")
          .containsExactly("BLOCKED", 4, "BLOCKED_PENDING_CUTOVER", "cutover");
      assertThat(group(e, "rollback").checks()).extracting(Evaluation.CheckView::id, Evaluation.CheckView::status)
          .containsExactly(tuple("rollback.freeze-window", "REVIEW"), tuple("rollback.owner-acknowledgement", "REVIEW"),
              tuple("rollback.storage-fallback", "REVIEW"), tuple("rollback.audit-packet", "BLOCKED"));
      assertThat(e.summary().gatesReady()).isEqualTo(4);
      assertThat(e.summary().decision()).isNotEqualTo("BLOCKED_PENDING_DRY_RUN");
      assertThat(check(e, "runbook.adapter-replay").value()).isEqualTo("4/4 + 5/5");
    }

    @Test
    @DisplayName("survives a recorded run that has no steps yet, keeping its checks waiting")
    void runWithoutSteps() {
      PipelineRun empty = new PipelineRun("run-c0", Pipelines.CONNECTION, "FAILED", "2026-04-01T08:00:00Z",
          "2026-04-01T08:00:01Z", null, null, null);
      Evaluation e = bfg().pipeline(empty).evaluate();

      assertThat(group(e, "connection")).extracting("status", "done").containsExactly("REVIEW", 0);
      assertThat(e.recommendation().checkId()).isEqualTo("connection.endpoint-reachability");
    }

    @Test
    @DisplayName("uses only the latest run of a pipeline")
    void latestRunWins() {
      PipelineRun failed = Session.run(Pipelines.CONNECTION, "run-c2", "tls=ab:cd", Map.of("write-probe", "FAILED"));
      Evaluation e = bfg().pipeline(CONNECTION).pipeline(failed).evaluate();

      assertThat(group(e, "connection")).extracting("status", "done").containsExactly("REVIEW", 3);
      assertThat(check(e, "connection.write-probe").status()).isEqualTo("REVIEW");
    }
  }

  @Nested
  @DisplayName("recommending the next action")
  class Recommendations {

    @Test
    @DisplayName("moves on to the dry-run once a connection run passed")
    void afterConnection() {
      Evaluation.Recommendation r = bfg().pipeline(CONNECTION).evaluate().recommendation();

      assertThat(r.checkId()).isEqualTo("dry-run.snapshot-export");
      assertThat(r.groupId()).isEqualTo("dry-run");
      assertThat(r.action()).isEqualTo("Run the adapter dry-run");
      assertThat(r.reason()).isEqualTo("Dry-run shows 0/5; replay the snapshot into db-auth-session-adapter inside one rolled-back transaction.");
      assertThat(r.command()).isEqualTo("POST /api/pipelines/dry-run");
    }

    @Test
    @DisplayName("moves on to the next unmet root, the cutover rehearsals, once both pipelines passed")
    void afterBothPipelines() {
      Evaluation.Recommendation r = bfg().pipeline(CONNECTION).pipeline(DRY_RUN).evaluate().recommendation();

      // preflight (first unready gate) needs the board, whose first unmet check needs this rehearsal
      assertThat(r.checkId()).isEqualTo("cutover.contracts-frozen");
      assertThat(r.groupId()).isEqualTo("cutover");
      assertThat(r.action()).isEqualTo("Accept the owner-led cutover rehearsals");
      assertThat(r.reason()).isEqualTo("Cutover rehearsals show 0/6; each owner signs off their own rehearsal.");
      assertThat(r.actor()).isEqualTo(ANNA);
      assertThat(r.command()).isEqualTo("POST /api/checks/cutover.contracts-frozen/accept");
    }

    @Test
    @DisplayName("names the first check of the gate B that the first-listed gate A depends on")
    void dependencyBeforeChecklistOrder() {
      Session session = new Session(Fixtures.load("gate-order"));

      Evaluation e = session.evaluate();
      assertThat(e.gates()).extracting(Evaluation.GateView::id).containsExactly("gate-a", "gate-b");
      assertThat(e.recommendation()).extracting("checkId", "groupId", "actor", "actorName", "action", "command")
          .containsExactly("b.first", "gate-b", "user_ops", "Piotr Wrona", "Accept \"B first\"",
              "POST /api/checks/b.first/accept");
      assertThat(session.evaluate(Lang.PL).recommendation().action()).isEqualTo("Zaakceptuj: \"B pierwsza\"");

      assertThat(session.accept("b.first", "user_ops").evaluate().recommendation().checkId()).isEqualTo("b.second");
      assertThat(session.accept("b.second", "user_owner").evaluate().recommendation().checkId()).isEqualTo("a.sign-off");

      Evaluation done = session.accept("a.sign-off", "user_owner").evaluate();
      assertThat(done.recommendation().checkId()).isNull();
      assertThat(done.recommendation().action()).isEqualTo("Production is GO: every gate is ready");
      assertThat(done.recommendation().reason()).isEqualTo("2/2 integration gates are ready for pg-adapter.");
    }

    @Test
    @DisplayName("points at a stale sign-off until it is signed again")
    void staleSignOffIsRecommended() {
      Session session = new Session(Fixtures.load("gate-order"))
          .acceptWithHash("b.first", "user_ops", "stale-hash");

      assertThat(session.evaluate().recommendation().checkId()).isEqualTo("b.first");
    }
  }

  @Nested
  @DisplayName("with evidence that changes after a sign-off")
  class Staleness {

    /** Connection and dry-run passed, cutover and every rollback check signed off: rollback is READY. */
    Session rollbackReady() {
      Session session = bfg().pipeline(CONNECTION).pipeline(DRY_RUN);
      acceptCutover(session);
      ROLLBACK.forEach(id -> session.accept(id, ANNA));
      return session;
    }

    @Test
    @DisplayName("marks the rollback freeze-window stale when a second dry-run proves something else")
    void dryRunEvidenceChanges() {
      Session session = rollbackReady();
      String acceptedHash = session.assess().evidenceHash("rollback.freeze-window");
      Evaluation before = session.evaluate();
      assertThat(check(before, "rollback.freeze-window")).extracting("status", "signOff.stale", "signOff.evidenceHash")
          .containsExactly("READY", false, acceptedHash);
      assertThat(group(before, "rollback")).extracting("status", "decision").containsExactly("READY", "ROLLBACK_READY");

      Evaluation after = session.pipeline(Session.passed(Pipelines.DRY_RUN, "run-d2", "checksum=2222")).evaluate();

      assertThat(session.assess().evidenceHash("rollback.freeze-window")).isNotEqualTo(acceptedHash);
      Evaluation.CheckView freeze = check(after, "rollback.freeze-window");
      assertThat(freeze.status()).isEqualTo("REVIEW");
      assertThat(freeze.signOff().stale()).isTrue();
      assertThat(freeze.signOff().evidenceHash()).isEqualTo(acceptedHash);
      assertThat(freeze.evidence()).startsWith("Stale: the evidence Anna Kowalska accepted at ");
      assertThat(group(after, "rollback").status()).isNotEqualTo("READY");
      assertThat(group(after, "rollback").decision()).isEqualTo("BLOCKED_PENDING_ROLLBACK");
      // the dry-run itself is still READY: only what rested on its old evidence went stale
      assertThat(group(after, "dry-run").status()).isEqualTo("READY");
      assertThat(group(after, "cutover").checks()).allSatisfy(c -> {
        assertThat(c.status()).isEqualTo("READY");
        assertThat(c.signOff().stale()).isFalse();
      });
      assertThat(after.recommendation().checkId()).startsWith("rollback.");
    }

    @Test
    @DisplayName("keeps sign-offs fresh when a re-run proves the same evidence with other timings")
    void sameEvidenceRerun() {
      Session session = rollbackReady();

      Evaluation e = session.pipeline(Session.rerun(DRY_RUN, "run-d3")).evaluate();

      assertThat(check(e, "dry-run.schema-map").evidence()).endsWith("again");
      assertThat(group(e, "rollback")).extracting("status", "done").containsExactly("READY", 4);
      assertThat(group(e, "rollback").checks()).allSatisfy(c -> assertThat(c.signOff().stale()).isFalse());
    }

    @Test
    @DisplayName("makes a stale check READY again when it is signed off with the new evidence")
    void signAgain() {
      Session session = rollbackReady().pipeline(Session.passed(Pipelines.DRY_RUN, "run-d2", "checksum=2222"));
      ROLLBACK.forEach(id -> session.accept(id, ANNA));

      Evaluation e = session.evaluate();

      assertThat(group(e, "rollback")).extracting("status", "decision").containsExactly("READY", "ROLLBACK_READY");
      assertThat(check(e, "rollback.freeze-window").signOff().stale()).isFalse();
    }

    @Test
    @DisplayName("keeps downstream sign-offs fresh when an upstream rehearsal is revoked and accepted again")
    void upstreamReacceptance() {
      Session session = rollbackReady();
      String auditHash = session.assess().evidenceHash("rollback.audit-packet");

      session.revoke("cutover.secrets-auth", OLENA);
      assertThat(check(session.evaluate(), "rollback.audit-packet")).extracting("status", "blockedBy")
          .containsExactly("BLOCKED", "release");

      Evaluation e = session.accept("cutover.secrets-auth", OLENA).evaluate();

      assertThat(session.assess().evidenceHash("rollback.audit-packet")).isEqualTo(auditHash);
      assertThat(check(e, "rollback.audit-packet")).extracting("status", "signOff.stale").containsExactly("READY", false);
      assertThat(group(e, "rollback").status()).isEqualTo("READY");
    }

    @Test
    @DisplayName("marks a sign-off stale when a decision it rests on changes its value, and READY again when it changes back")
    void decisionValueChanges(@TempDir Path dir) throws IOException {
      Path copy = copyFolder(Fixtures.fixture("minimal"), dir.resolve("minimal"));
      Path yaml = copy.resolve("scenario.yaml");
      String text = Files.readString(yaml, StandardCharsets.UTF_8);
      String link = "  - id: link\n";
      assertThat(text).contains(link);
      // a sign-off that rests on the hosting decision
      Files.writeString(yaml, text.replace(link, """
                - id: signoffs.hosting-reviewed
                  kind: owner-acceptance
                  dependsOn: [signoffs.hosting]
                  owner: user_ops
                  label: {en: "Hosting reviewed", pl: "Hosting sprawdzony"}
                  description: {en: "The chosen hosting was reviewed.", pl: "Wybrany hosting sprawdzony."}

          """ + link), StandardCharsets.UTF_8);
      Session session = new Session(new Evaluator(ScenarioLoader.load(copy).scenario()))
          .accept("signoffs.schema", "user_ops")
          .decide("signoffs.hosting", "user_owner", "managed-eu")
          .accept("signoffs.hosting-reviewed", "user_ops");
      assertThat(check(session.evaluate(), "signoffs.hosting-reviewed")).extracting("status", "signOff.stale")
          .containsExactly("READY", false);

      session.decide("signoffs.hosting", "user_owner", "self-hosted");

      assertThat(check(session.evaluate(), "signoffs.hosting").status()).isEqualTo("READY");
      assertThat(check(session.evaluate(), "signoffs.hosting-reviewed")).extracting("status", "signOff.stale")
          .containsExactly("REVIEW", true);

      session.decide("signoffs.hosting", "user_owner", "managed-eu");

      assertThat(check(session.evaluate(), "signoffs.hosting-reviewed")).extracting("status", "signOff.stale")
          .containsExactly("READY", false);
    }

    @Test
    @DisplayName("marks a sign-off stale when the definition of the check changes")
    void definitionChanges(@TempDir Path dir) throws IOException {
      Session session = rollbackReady();
      Path copy = copyFolder(Fixtures.bfgFolder(), dir.resolve("bfg"));
      Path yaml = copy.resolve("scenario.yaml");
      String text = Files.readString(yaml, StandardCharsets.UTF_8);
      String before = "Production remains blocked until the local go/no-go decision is reviewed.";
      assertThat(text).contains(before);
      Files.writeString(yaml, text.replace(before, "Production stays blocked until go/no-go is reviewed."),
          StandardCharsets.UTF_8);
      Evaluator edited = new Evaluator(ScenarioLoader.load(copy).scenario());

      Evaluation e = edited.evaluate(Fixtures.LOCAL_DEMO, session.state(), Lang.EN);

      assertThat(check(e, "rollback.freeze-window")).extracting("status", "signOff.stale")
          .containsExactly("REVIEW", true);
      assertThat(check(e, "rollback.owner-acknowledgement")).extracting("status", "signOff.stale")
          .containsExactly("READY", false);
    }

    @Test
    @DisplayName("marks a sign-off stale when a fact it rests on changes (the sample data)")
    void factChanges(@TempDir Path dir) throws IOException {
      Path copy = copyFolder(Fixtures.fixture("minimal"), dir.resolve("minimal"));
      Session session = new Session(new Evaluator(ScenarioLoader.load(copy).scenario()))
          .accept("signoffs.schema", "user_ops");
      Path sample = copy.resolve("sample-data.json");
      Files.writeString(sample, Files.readString(sample).replace("\"pallets\": 12", "\"pallets\": 13"));
      Evaluator reloaded = new Evaluator(ScenarioLoader.load(copy).scenario());

      Evaluation e = reloaded.evaluate(Fixtures.LOCAL_DEMO, session.state(), Lang.EN);

      assertThat(check(e, "basics.operations").status()).isEqualTo("READY");
      assertThat(check(e, "signoffs.schema")).extracting("status", "signOff.stale").containsExactly("REVIEW", true);
    }
  }

  @Nested
  @DisplayName("with owner decisions")
  class Decisions {

    @Test
    @DisplayName("shows the chosen option's label as the value, in English and Polish")
    void chosenLabel() {
      Session session = bfg().decide("infra.hosting", ANNA, "managed-postgres-eu");

      Evaluation.CheckView en = check(session.evaluate(Lang.EN), "infra.hosting");
      assertThat(en.status()).isEqualTo("READY");
      assertThat(en.value()).isEqualTo("Managed PostgreSQL (EU account)");
      assertThat(en.signOff().value()).isEqualTo("managed-postgres-eu");
      assertThat(en.evidence()).startsWith("Managed PostgreSQL (EU account) chosen by Anna Kowalska at ");
      assertThat(en.options()).extracting(Evaluation.OptionView::value)
          .containsExactly("managed-postgres-eu", "self-hosted-pg-waw");
      assertThat(en.command()).isEqualTo("POST /api/decisions/infra.hosting");
      assertThat(check(session.evaluate(Lang.PL), "infra.hosting").value()).isEqualTo("Zarządzany PostgreSQL (konto EU)");
      assertThat(group(session.evaluate(), "infrastructure")).extracting("done", "total").containsExactly(1, 4);
    }

    @Test
    @DisplayName("unblocks the guarded wiring with all four, which then waits only for live credentials")
    void infrastructureAccepted() {
      Evaluation e = bfg().decide("infra.hosting", ANNA, "managed-postgres-eu")
          .decide("infra.region", ANNA, "eu-central-pl")
          .decide("infra.runtime-owner", ANNA, "bfg-internal-ops")
          .decide("infra.secrets-backup", ANNA, "managed-kms-rpo-15m")
          .evaluate();

      assertThat(group(e, "infrastructure")).extracting("status", "done", "decision")
          .containsExactly("READY", 4, "INFRASTRUCTURE_ACCEPTED");
      assertThat(check(e, "db-auth-session-adapter.infrastructureAcceptance").status()).isEqualTo("READY");
      assertThat(check(e, "db-auth-session-adapter.endpointContract").blockedBy())
          .isEqualTo("connection.endpoint-reachability");
      assertThat(check(e, "db-auth-session-adapter.liveCredentials")).extracting("status", "value")
          .containsExactly("REVIEW", "not supplied");
      assertThat(group(e, "wiring").decision()).isEqualTo("BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS");
      assertThat(e.summary().traffic()).isEqualTo("production_traffic_disabled");
      assertThat(e.summary().gatesReady()).isEqualTo(3);
    }

    @Test
    @DisplayName("forgets a revoked decision and shows the pending value again")
    void revokeDecision() {
      Evaluation e = bfg().decide("infra.region", ANNA, "eu-central-de").revoke("infra.region", ANNA).evaluate();

      assertThat(check(e, "infra.region")).extracting("status", "value", "signOff")
          .containsExactly("REVIEW", "EU region pending", null);
    }
  }

  @Nested
  @DisplayName("deciding go/no-go")
  class GoNoGo {

    @Test
    @DisplayName("says GO with production traffic enabled once every gate of a satisfiable scenario is proven")
    void minimalGoes() {
      Session session = new Session(Fixtures.load("minimal"));
      Evaluation fresh = session.evaluate();
      assertThat(fresh.summary()).extracting("go", "decision", "traffic")
          .containsExactly(false, "BLOCKED_PENDING_SIGNOFFS", "production_traffic_disabled");

      Evaluation e = session.accept("signoffs.schema", "user_ops")
          .decide("signoffs.hosting", "user_owner", "self-hosted")
          .pipeline(CONNECTION)
          .evaluate();

      assertThat(e.summary()).extracting("gatesReady", "gatesTotal", "percent", "decision", "go", "traffic")
          .containsExactly(3, 3, 100, "GO", true, "production_traffic_enabled");
      assertThat(e.production()).extracting("status", "decision").containsExactly("READY", "GO");
      assertThat(e.groups()).allSatisfy(g -> assertThat(g.status()).isEqualTo("READY"));
      assertThat(check(e, "summary.progress").value()).isEqualTo("2/2 + 2/2");
      assertThat(check(e, "signoffs.hosting").value()).isEqualTo("Self-hosted PostgreSQL");
      assertThat(section(e, "header").badge()).isEqualTo("Production GO");
      assertThat(card(e, "traffic")).extracting("value", "status")
          .containsExactly("traffic=production_traffic_enabled", "READY");
      assertThat(e.recommendation()).extracting("checkId", "action")
          .containsExactly(null, "Production is GO: every gate is ready");
      assertThat(session.evaluate(Lang.PL).summary().go()).isTrue();
    }

    @Test
    @DisplayName("keeps production blocked while one pipeline step is missing")
    void minimalWithoutTls() {
      PipelineRun noTls = Session.run(Pipelines.CONNECTION, "run-x", "p", Map.of("tls-fingerprint", "FAILED"));
      Evaluation e = new Session(Fixtures.load("minimal")).accept("signoffs.schema", "user_ops")
          .decide("signoffs.hosting", "user_owner", "self-hosted").pipeline(noTls).evaluate();

      assertThat(e.summary()).extracting("gatesReady", "decision", "go", "traffic")
          .containsExactly(2, "BLOCKED_PENDING_LINK", false, "production_traffic_disabled");
      assertThat(e.recommendation().checkId()).isEqualTo("link.tls");
    }

    @Test
    @DisplayName("says GO for the BFG scenario after every pipeline, sign-off and decision with live credentials")
    void bfgGoes() {
      Session withCredentials = everything(new Session(Fixtures.bfg(), Fixtures.LIVE_CREDENTIALS));
      Evaluation e = withCredentials.evaluate();

      assertThat(e.summary()).extracting("gatesReady", "gatesTotal", "percent", "go", "decision", "traffic")
          .containsExactly(9, 9, 100, true, "GO", "production_traffic_enabled");
      assertThat(checks(e)).allSatisfy(c -> assertThat(c.status()).as(c.id()).isEqualTo("READY"));
      assertThat(card(e, "traffic").value())
          .isEqualTo("Decision=LIVE_WIRING_READY; traffic=production_traffic_enabled");
      assertThat(withCredentials.state().seq()).isEqualTo(21);
    }

    @Test
    @DisplayName("holds BFG's OIDC/RBAC claims, and so production, until an identity check passes every step")
    void bfgWaitsForTheIdentityCheck() {
      Session session = new Session(Fixtures.bfg(), Fixtures.LIVE_CREDENTIALS);
      session.pipeline(CONNECTION).pipeline(DRY_RUN);
      acceptCutover(session);
      session.decide("infra.hosting", ANNA, "managed-postgres-eu").decide("infra.region", ANNA, "eu-central-pl")
          .decide("infra.runtime-owner", ANNA, "bfg-internal-ops")
          .decide("infra.secrets-backup", ANNA, "managed-kms-rpo-15m");
      ROLLBACK.forEach(id -> session.accept(id, ANNA));
      Stream.of("selection.live-provider", "selection.auth-owner", "selection.tenant-secrets", "selection.live-wiring")
          .forEach(id -> session.accept(id, ANNA));

      Evaluation without = session.evaluate();
      assertThat(without.summary()).extracting("gatesReady", "go", "decision").containsExactly(9, false,
          "BLOCKED_PENDING_WIRING");
      assertThat(check(without, "db-auth-session-adapter.oidcRbacClaims")).extracting("status", "blockedBy")
          .containsExactly("BLOCKED", "identity");
      assertThat(without.recommendation()).extracting("checkId", "command")
          .containsExactly("identity.discovery", "POST /api/pipelines/identity");
      assertThat(without.recommendation().action()).isEqualTo("Run the identity check");

      Evaluation unmapped = session.pipeline(Session.run(Pipelines.IDENTITY, "run-i0", "kids=k1",
          Map.of("roles-mapped", "FAILED"))).evaluate();
      assertThat(group(unmapped, "identity")).extracting("status", "done", "total").containsExactly("REVIEW", 3, 4);
      assertThat(check(unmapped, "db-auth-session-adapter.oidcRbacClaims").status()).isEqualTo("BLOCKED");
      assertThat(unmapped.summary().go()).isFalse();

      Evaluation proven = session.pipeline(IDENTITY).evaluate();
      assertThat(check(proven, "db-auth-session-adapter.oidcRbacClaims").status()).isEqualTo("READY");
      assertThat(proven.summary()).extracting("go", "decision").containsExactly(true, "GO");
    }

    @Test
    @DisplayName("holds the fully signed-off BFG scenario on the wiring while live credentials are absent")
    void bfgWithoutCredentials() {
      Evaluation e = everything(bfg()).evaluate();

      assertThat(e.summary()).extracting("gatesReady", "go", "traffic")
          .containsExactly(9, false, "production_traffic_disabled");
      assertThat(group(e, "wiring")).extracting("status", "done", "total", "decision")
          .containsExactly("REVIEW", 6, 7, "BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS");
      assertThat(e.recommendation()).extracting("checkId", "action", "command")
          .containsExactly("db-auth-session-adapter.liveCredentials", "Supply reviewed live credentials", null);
    }
  }

  @Nested
  @DisplayName("run twice")
  class Determinism {

    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Lang.class)
    @DisplayName("serialises the same state to byte-identical JSON, from one evaluator and from two loads")
    void byteIdentical(Lang lang, @TempDir Path dir) throws IOException {
      Evaluator first = Fixtures.bfg();
      Evaluator second = Fixtures.bfg();
      Evaluator copied = new Evaluator(ScenarioLoader.load(copyFolder(Fixtures.bfgFolder(), dir.resolve("bfg"))).scenario());
      SessionState fresh = SessionState.empty();
      SessionState busy = everything(bfg()).state();
      SessionState busyAgain = everything(bfg()).state();

      for (SessionState state : List.of(fresh, busy)) {
        byte[] reference = mapper.writeValueAsBytes(first.evaluate(Fixtures.LOCAL_DEMO, state, lang));
        assertThat(mapper.writeValueAsBytes(first.evaluate(Fixtures.LOCAL_DEMO, state, lang))).isEqualTo(reference);
        assertThat(mapper.writeValueAsBytes(second.evaluate(Fixtures.LOCAL_DEMO, state, lang))).isEqualTo(reference);
        assertThat(mapper.writeValueAsBytes(copied.evaluate(Fixtures.LOCAL_DEMO, state, lang))).isEqualTo(reference);
      }
      assertThat(mapper.writeValueAsBytes(second.evaluate(Fixtures.LOCAL_DEMO, busyAgain, lang)))
          .isEqualTo(mapper.writeValueAsBytes(first.evaluate(Fixtures.LOCAL_DEMO, busy, lang)));
    }

    @Test
    @DisplayName("renders English and Polish differently but from the same assessment")
    void languagesDiffer() throws IOException {
      Evaluator evaluator = Fixtures.bfg();
      Evaluator.Assessment assessment = evaluator.assess(Fixtures.LOCAL_DEMO, SessionState.empty());

      String en = mapper.writeValueAsString(evaluator.render(assessment, Lang.EN));
      String pl = mapper.writeValueAsString(evaluator.render(assessment, Lang.PL));

      assertThat(en).isNotEqualTo(pl).contains("\"lang\":\"en\"");
      assertThat(pl).contains("\"lang\":\"pl\"");
      assertThat(en).isEqualTo(mapper.writeValueAsString(
          evaluator.evaluate(Fixtures.LOCAL_DEMO, SessionState.empty(), Lang.EN)));
    }

    @Test
    @DisplayName("computes the same evidence hash for every check from separately loaded scenarios")
    void stableEvidenceHashes() {
      SessionState state = bfg().pipeline(CONNECTION).pipeline(DRY_RUN).state();
      Evaluator.Assessment a = Fixtures.bfg().assess(Fixtures.LOCAL_DEMO, state);
      Evaluator.Assessment b = Fixtures.bfg().assess(Fixtures.LOCAL_DEMO, state);

      List<String> ids = checks(Fixtures.bfg().evaluate(Fixtures.LOCAL_DEMO, state, Lang.EN))
          .map(Evaluation.CheckView::id).toList();
      assertThat(ids).allSatisfy(id -> assertThat(a.evidenceHash(id)).as(id)
          .matches("[0-9a-f]{64}").isEqualTo(b.evidenceHash(id)));
      assertThat(a.evidenceHash("rollback.freeze-window"))
          .isNotEqualTo(Fixtures.bfg().assess(Fixtures.LOCAL_DEMO, SessionState.empty()).evidenceHash("rollback.freeze-window"));
    }
  }

  static Path copyFolder(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
    return to;
  }
}

package io.bfg.console.eval;

import io.bfg.console.model.Lang;
import io.bfg.console.model.SessionState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The BFG scenario in its fresh state (no sign-off, no pipeline run) must read exactly like the
 * seed page: 2/9 gates, the same x/y on every gate and group, the same decision codes and the same
 * recommended action, in English and in Polish.
 */
@DisplayName("The BFG scenario, fresh")
class EvaluatorSeedTest {

  private static Evaluation en;
  private static Evaluation pl;

  @BeforeAll
  static void evaluate() {
    Evaluator evaluator = Fixtures.bfg();
    en = evaluator.evaluate(Fixtures.LOCAL_DEMO, SessionState.empty(), Lang.EN);
    pl = evaluator.evaluate(Fixtures.LOCAL_DEMO, SessionState.empty(), Lang.PL);
  }

  @Test
  @DisplayName("reads 2/9 integration gates ready for db-auth-session-adapter")
  void headline() {
    assertThat(en.schema()).isEqualTo("IntegrationEvaluation.v1");
    assertThat(en.seq()).isZero();
    assertThat(en.summary().gatesReady()).isEqualTo(2);
    assertThat(en.summary().gatesTotal()).isEqualTo(9);
    assertThat(en.summary().target()).isEqualTo("db-auth-session-adapter");
    assertThat(en.summary().headline()).isEqualTo("2/9 integration gates are ready for db-auth-session-adapter.");
  }

  @Test
  @DisplayName("lists the nine checklist gates in seed order with the seed's counts and decisions")
  void checklistGates() {
    assertThat(en.gates())
        .extracting(Evaluation.GateView::id, Evaluation.GateView::status, Evaluation.GateView::done,
            Evaluation.GateView::total, Evaluation.GateView::decision)
        .containsExactly(
            tuple("contracts", "READY", 6, 6, "CONTRACTS_MAPPED"),
            tuple("session", "READY", 2, 2, "SESSION_CONTRACT_PRESENT"),
            tuple("preflight", "REVIEW", 1, 5, "BLOCKED_PENDING_PREFLIGHT"),
            tuple("runbook", "BLOCKED", 1, 6, "BLOCKED_PENDING_PREFLIGHT"),
            tuple("connection", "REVIEW", 0, 4, "BLOCKED_PENDING_CONNECTION"),
            tuple("dry-run", "BLOCKED", 0, 5, "BLOCKED_PENDING_CONNECTION"),
            tuple("release", "BLOCKED", 3, 5, "BLOCKED_PENDING_DRY_RUN"),
            tuple("infrastructure", "REVIEW", 0, 4, "BLOCKED_PENDING_INFRASTRUCTURE"),
            tuple("rollback", "BLOCKED", 0, 4, "BLOCKED_PENDING_DRY_RUN"));
  }

  @Test
  @DisplayName("counts the cutover, wiring, board and data-cutover groups as the seed does")
  void otherGroups() {
    assertThat(group(en, "cutover")).extracting("done", "total", "status", "decision")
        .containsExactly(0, 6, "REVIEW", "BLOCKED_PENDING_CUTOVER");
    assertThat(group(en, "wiring")).extracting("done", "total", "status", "decision", "blockedBy")
        .containsExactly(0, 7, "BLOCKED", "BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS", "infrastructure");
    assertThat(group(en, "board")).extracting("done", "total", "decision")
        .containsExactly(1, 7, "BLOCKED_PENDING_DECISION_BOARD");
    assertThat(group(en, "data-cutover")).extracting("done", "total", "decision")
        .containsExactly(0, 5, "BLOCKED_PENDING_DATA_CUTOVER");
    assertThat(group(en, "provider-selection")).extracting("done", "total").containsExactly(0, 4);
    assertThat(en.summary().traffic()).isEqualTo("production_traffic_disabled");
  }

  @Test
  @DisplayName("keeps production at BLOCKED_PENDING_DRY_RUN and NO-GO")
  void production() {
    assertThat(en.summary().decision()).isEqualTo("BLOCKED_PENDING_DRY_RUN");
    assertThat(en.summary().go()).isFalse();
    assertThat(en.production().status()).isEqualTo("BLOCKED");
    assertThat(en.production().decision()).isEqualTo("BLOCKED_PENDING_DRY_RUN");
    assertThat(en.production().blockedBy()).isEqualTo("dry-run");
    assertThat(section(en, "production-decision").badge()).isEqualTo("Production NO-GO");
  }

  @Test
  @DisplayName("recommends recording adapter connection evidence, because connection shows 0/4")
  void recommendation() {
    Evaluation.Recommendation r = en.recommendation();
    assertThat(r.action()).isEqualTo("Record adapter connection evidence");
    assertThat(r.checkId()).isEqualTo("connection.endpoint-reachability");
    assertThat(r.groupId()).isEqualTo("connection");
    assertThat(r.reason()).contains("0/4")
        .isEqualTo("Connection checks show 0/4; record the redacted endpoint packet before dry-run.");
    assertThat(r.actor()).isEqualTo("user_md_anna");
    assertThat(r.actorName()).isEqualTo("Anna Kowalska");
    assertThat(r.command()).isEqualTo("POST /api/pipelines/connection");
  }

  @ParameterizedTest(name = "{0} reads \"{1}\"")
  @DisplayName("writes the seed's sentences with live numbers")
  @CsvSource(delimiter = '|', textBlock = """
      copilot.preflight        | Preflight is 1/5 with snapshot checksum
      copilot.runbook          | Runbook is 1/6 with decision BLOCKED_PENDING_PREFLIGHT.
      copilot.release          | Release is 3/5 with decision BLOCKED_PENDING_DRY_RUN.
      copilot.rollback         | Rollback is 0/4 with decision BLOCKED_PENDING_DRY_RUN.
      decision.needed          | Release gates show 3/5; data cutover remains 0/5. Keep demo evidence open, but do not claim production readiness.
      """)
  void cardDescriptions(String cardId, String expected) {
    assertThat(card(en, cardId).description()).startsWith(expected);
  }

  @ParameterizedTest(name = "{0} shows {1}")
  @DisplayName("shows the seed's figures on cards")
  @CsvSource(delimiter = '|', textBlock = """
      kpi.contract     | ScenarioStore.v1
      kpi.actors       | 5
      kpi.providers    | 6
      kpi.preflight    | 1/5
      kpi.cutover      | 0/6
      kpi.connection   | 0/4
      runbook.summary  | Runbook decision BLOCKED_PENDING_PREFLIGHT; 1/6 migration checks are ready.
      release.summary  | Decision BLOCKED_PENDING_DRY_RUN; 3/5 release handoff gates are ready.
      rollback.summary | Decision BLOCKED_PENDING_DRY_RUN; 0/4 rollback checks are ready for Anna Kowalska.
      traffic          | Decision=BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS; traffic=production_traffic_disabled
      session.storage  | file-local
      session.auth     | mock-auth-header
      session.tenant   | single-tenant-local
      session.last-write | Not written yet
      """)
  void cardValues(String cardId, String expected) {
    assertThat(card(en, cardId).value()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} shows {1}")
  @DisplayName("shows the seed's evidence on derived checks")
  @CsvSource(delimiter = '|', textBlock = """
      board.adapter-selection       | db-auth-session-adapter
      board.environment-readiness   | 0/2
      board.secrets-rbac            | 0/2
      board.schema-rls              | 0/1
      board.migration-dry-run       | 0/1
      board.rollback-window         | 0/2
      board.release-approvals       | 0/6
      runbook.schema-rls            | 0/6
      runbook.adapter-replay        | 0/4 + 0/5
      runbook.checksum-verification | 1/5
      runbook.rollback-seal         | BLOCKED_PENDING_DRY_RUN
      release.env-vars              | 9
      release.adapter-target        | 1/7
      release.dry-run-transcript    | 0/5
      release.rollback              | file-local
      release.owner-evidence        | 0/6
      preflight.schema-map          | 1/7
      preflight.rbac-claims         | 5 actors
      preflight.adapter-replay      | 0/5
      data.batch-replay             | 0/4 + 0/5
      data.tenant-rls-seed          | 1/6
      rollback.freeze-window        | BLOCKED_PENDING_DRY_RUN
      rollback.storage-fallback     | file-local
      selection.live-wiring         | BLOCKED_PENDING_DRY_RUN
      selection.tenant-secrets      | single-tenant-local
      """)
  void checkValues(String checkId, String expected) {
    assertThat(check(en, checkId).value()).isEqualTo(expected);
  }

  @Test
  @DisplayName("waits for the connection check on all four connection steps")
  void connectionSteps() {
    assertThat(group(en, "connection").checks())
        .extracting(Evaluation.CheckView::id, Evaluation.CheckView::status, Evaluation.CheckView::evidence)
        .containsExactly(
            tuple("connection.endpoint-reachability", "REVIEW", "Waiting for connection check"),
            tuple("connection.tls-fingerprint", "REVIEW", "Waiting for connection check"),
            tuple("connection.rbac-session", "REVIEW", "Waiting for connection check"),
            tuple("connection.write-probe", "REVIEW", "Waiting for connection check"));
    assertThat(group(en, "dry-run").checks()).allSatisfy(c -> {
      assertThat(c.status()).isEqualTo("BLOCKED");
      assertThat(c.blockedBy()).isEqualTo("connection");
    });
  }

  @Test
  @DisplayName("renders Polish labels with exactly the same numbers and codes")
  void polish() {
    assertThat(pl.lang()).isEqualTo("pl");
    assertThat(group(pl, "cutover").checks()).extracting(Evaluation.CheckView::label).containsExactly(
        "Kontrakty zamrożone", "Nagłówki ról zmapowane", "Rehearsal Scenario Store", "Schemat DB",
        "Sekrety i auth", "Migracja i rollback");
    assertThat(group(en, "cutover").checks()).extracting(Evaluation.CheckView::label).startsWith("Contracts frozen");
    assertThat(pl.summary().headline()).isEqualTo("Gotowe bramki integracji dla db-auth-session-adapter: 2/9.");
    assertThat(pl.recommendation().action()).isEqualTo("Zapisz dowody connection adaptera");
    assertThat(pl.recommendation().reason()).contains("0/4");
    assertThat(check(pl, "connection.tls-fingerprint").evidence()).isEqualTo("Czeka na: kontrola połączenia");
    assertThat(card(pl, "copilot.release").description()).isEqualTo("Release jest 3/5 z decyzja BLOCKED_PENDING_DRY_RUN.");

    assertThat(numbers(pl)).isEqualTo(numbers(en));
    assertThat(pl.summary()).usingRecursiveComparison().ignoringFields("headline").isEqualTo(en.summary());
    assertThat(pl.recommendation()).extracting("checkId", "groupId", "actor", "command")
        .containsExactly("connection.endpoint-reachability", "connection", "user_md_anna",
            "POST /api/pipelines/connection");
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  @DisplayName("gives every check an id, a status and an owner who is an actor")
  void everyCheckIsComplete(Lang lang) {
    Evaluation evaluation = lang == Lang.EN ? en : pl;
    Set<String> actors = evaluation.actors().stream().map(Evaluation.ActorView::id).collect(Collectors.toSet());
    List<Evaluation.CheckView> checks = checks(evaluation).toList();
    assertThat(evaluation.groups()).allSatisfy(g -> assertThat(g.checks()).hasSize(g.total()));
    assertThat(evaluation.summary().checksTotal()).isEqualTo(41);
    assertThat(checks).allSatisfy(c -> {
      assertThat(c.id()).isNotBlank();
      assertThat(c.status()).isIn("READY", "REVIEW", "BLOCKED");
      assertThat(c.owner()).isIn(actors);
      assertThat(c.label()).isNotBlank();
      if (c.done() != null) {
        assertThat(c.total()).isNotNull().isGreaterThanOrEqualTo(c.done());
      }
    });
    assertThat(checks).extracting(Evaluation.CheckView::id).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("shows the five RBAC actors and six provider contracts of the seed")
  void actorsAndProviders() {
    assertThat(en.actors()).extracting(Evaluation.ActorView::id, Evaluation.ActorView::name).containsExactly(
        tuple("user_md_anna", "Anna Kowalska"), tuple("user_dispatcher_marek", "Marek Zielinski"),
        tuple("user_accountant_olena", "Olena Shevchenko"), tuple("driver_tarasenko", "Petro Tarasenko"),
        tuple("cp_client_lviv_farma", "Lviv Farma Distribution"));
    assertThat(en.providers()).extracting(Evaluation.ProviderView::currentMode, Evaluation.ProviderView::targetMode)
        .containsExactly(tuple("file-local", "Postgres/RLS"), tuple("mock-auth-header", "OIDC/RBAC"),
            tuple("local-ocr", "Document AI"), tuple("mock-ksef", "KSeF API"), tuple("local-eta", "Maps/ETA API"),
            tuple("service-worker", "Background sync"));
    assertThat(en.environments()).extracting(Evaluation.EnvironmentView::adapter)
        .containsExactly("file-local", "db-auth-session-adapter", "tenant-rbac-adapter");
  }

  // ---- helpers ----

  /** Everything numeric or coded in an evaluation, with no text: identical in every language. */
  private static List<String> numbers(Evaluation e) {
    List<String> out = new ArrayList<>();
    Stream.concat(e.groups().stream(), Stream.of(e.production())).forEach(g -> {
      out.add(g.id() + " " + g.status() + " " + g.done() + "/" + g.total() + " " + g.decision() + " " + g.blockedBy());
      g.checks().forEach(c -> out.add(c.id() + " " + c.status() + " " + c.done() + "/" + c.total() + " "
          + c.blockedBy() + " " + c.owner() + " " + c.command()));
    });
    e.gates().forEach(g -> out.add("gate " + g.id() + " " + g.status() + " " + g.done() + "/" + g.total()));
    return out;
  }

  static Stream<Evaluation.CheckView> checks(Evaluation e) {
    return e.groups().stream().flatMap(g -> g.checks().stream());
  }

  static Evaluation.GroupView group(Evaluation e, String id) {
    return e.groups().stream().filter(g -> g.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no group " + id));
  }

  static Evaluation.CheckView check(Evaluation e, String id) {
    return checks(e).filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + id));
  }

  static Evaluation.SectionView section(Evaluation e, String id) {
    return e.sections().stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no section " + id));
  }

  static Evaluation.CardView card(Evaluation e, String id) {
    return e.sections().stream().filter(s -> s.cards() != null).flatMap(s -> s.cards().stream())
        .filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no card " + id));
  }
}

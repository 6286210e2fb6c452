package io.bfg.console.eval;

import io.bfg.console.model.Lang;
import io.bfg.console.model.PipelineRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The seed's card wording that comes from the scenario's optional card keys (subtitle, evidence,
 * badge, lines), filled from the session's state in both languages: board subtitles and evidence,
 * the guarded wiring's preflight line, the decision prompt's badges and the connection packet's lines.
 */
@DisplayName("Seed card texts from the scenario")
class SeedCardTextsTest {

  private static final String FINGERPRINT = "AB:CD:EF:01";
  private static final String ENDPOINT = "postgres://console@db.example:5432/bfg";

  @Test
  @DisplayName("the decision board's subtitles and evidence lines follow the accepted checks")
  void boardSubtitlesAndEvidence() {
    Session session = new Session(Fixtures.bfg());
    assertThat(cards(session.evaluate(Lang.EN), "board"))
        .extracting(Evaluation.CardView::ref, Evaluation.CardView::subtitle, Evaluation.CardView::evidence)
        .containsExactly(
            tuple("board.adapter-selection", null, "Target locked"),
            tuple("board.environment-readiness", "Staging to production", "0/2 checks accepted"),
            tuple("board.secrets-rbac", "OIDC/RBAC handoff", "0/2 checks accepted"),
            tuple("board.schema-rls", "Postgres/RLS", "0/1 checks accepted"),
            tuple("board.migration-dry-run", "Seed backfill rehearsal", "0/1 checks accepted"),
            tuple("board.rollback-window", "File-local fallback", "0/2 checks accepted"),
            tuple("board.release-approvals", "6 owner checks", "0/6 checks accepted"));

    session.accept("cutover.contracts-frozen", "user_dispatcher_marek");
    assertThat(card(session.evaluate(Lang.EN), "board", "board.environment").evidence())
        .isEqualTo("1/2 checks accepted");
    Evaluation.CardView pl = card(session.evaluate(Lang.PL), "board", "board.environment");
    assertThat(pl.subtitle()).isEqualTo("Ze stagingu do produkcji");
    assertThat(pl.evidence()).isEqualTo("1/2 kontroli zaakceptowanych");
  }

  @Test
  @DisplayName("the guarded wiring's preflight line reads the dry-run and the infrastructure acceptance")
  void wiringPreflightLine() {
    Session session = new Session(Fixtures.bfg());
    assertThat(card(session.evaluate(Lang.EN), "wiring", "traffic").evidence())
        .isEqualTo("Preflight not run; infrastructure status: blocked.");
    assertThat(card(session.evaluate(Lang.PL), "wiring", "traffic").evidence())
        .isEqualTo("Preflight nieuruchomiony; status infrastruktury: blocked.");

    session.pipeline(Session.run("dry-run", "run-1", "p", Map.of("adapter-replay", "FAILED")));
    assertThat(card(session.evaluate(Lang.EN), "wiring", "traffic").evidence())
        .isEqualTo("Preflight failed; infrastructure status: blocked.");

    session.pipeline(Session.passed("dry-run", "run-2", "p"));
    Evaluation fresh = session.evaluate(Lang.EN);
    for (Evaluation.CheckView decision : group(fresh, "infrastructure").checks()) {
      session.decide(decision.id(), "user_md_anna", decision.options().get(0).value());
    }
    assertThat(card(session.evaluate(Lang.EN), "wiring", "traffic").evidence())
        .isEqualTo("Preflight passed; infrastructure status: ready.");
    assertThat(card(session.evaluate(Lang.PL), "wiring", "traffic").evidence())
        .isEqualTo("Preflight zaliczony; status infrastruktury: ready.");
  }

  @Test
  @DisplayName("the decision prompt's cards carry the seed's badges")
  void decisionBadges() {
    Session session = new Session(Fixtures.bfg());
    assertThat(cards(session.evaluate(Lang.EN), "production-decision")).extracting(Evaluation.CardView::badge)
        .containsExactly("Production blocked", "Rehearsal", "Needed", "Guarded");
    assertThat(cards(session.evaluate(Lang.PL), "production-decision")).extracting(Evaluation.CardView::badge)
        .containsExactly("Produkcja zablokowana", "Próba", "Potrzebne", "Chronione");
  }

  @Test
  @DisplayName("the connection packet's endpoint lines say 'not recorded' until a connection check records them")
  void connectionPacketLines() {
    Session session = new Session(Fixtures.bfg());
    assertThat(card(session.evaluate(Lang.EN), "connection", "connection.packet").lines())
        .extracting(Evaluation.LineView::label, Evaluation.LineView::value)
        .containsExactly(
            tuple("Adapter target", "db-auth-session-adapter"),
            tuple("Redacted endpoint", "Not recorded"),
            tuple("Endpoint fingerprint", "Fingerprint not recorded"));
    assertThat(card(session.evaluate(Lang.PL), "connection", "connection.packet").lines())
        .extracting(Evaluation.LineView::value)
        .containsExactly("db-auth-session-adapter", "Nie zapisano", "Odcisk nie zapisany");

    session.pipeline(connectionRun());
    assertThat(card(session.evaluate(Lang.EN), "connection", "connection.packet").lines())
        .extracting(Evaluation.LineView::value)
        .containsExactly("db-auth-session-adapter", ENDPOINT, FINGERPRINT);
    assertThat(card(session.evaluate(Lang.PL), "connection", "connection.packet").lines())
        .extracting(Evaluation.LineView::value)
        .containsExactly("db-auth-session-adapter", ENDPOINT, FINGERPRINT);
  }

  /** A passed connection check whose steps recorded what the real pipeline records: the redacted endpoint and the TLS fingerprint. */
  private static PipelineRun connectionRun() {
    List<PipelineRun.Step> steps = List.of(
        new PipelineRun.Step("endpoint-reachability", "PASSED", "reached", 5, Map.of("endpoint", ENDPOINT)),
        new PipelineRun.Step("tls-fingerprint", "PASSED", "tls", 5, Map.of("sha256", FINGERPRINT)),
        new PipelineRun.Step("rbac-session", "PASSED", "rbac", 5, Map.of("role", "console")),
        new PipelineRun.Step("write-probe", "PASSED", "probe", 5, Map.of("rows", 1)));
    return new PipelineRun("run-c", "connection", "PASSED", "2026-04-01T07:00:00Z", "2026-04-01T07:00:02Z",
        steps, "user_md_anna", ENDPOINT);
  }

  private static Evaluation.GroupView group(Evaluation ev, String id) {
    return ev.groups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
  }

  private static List<Evaluation.CardView> cards(Evaluation ev, String section) {
    return ev.sections().stream().filter(s -> s.id().equals(section)).findFirst().orElseThrow().cards();
  }

  private static Evaluation.CardView card(Evaluation ev, String section, String id) {
    return cards(ev, section).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }
}

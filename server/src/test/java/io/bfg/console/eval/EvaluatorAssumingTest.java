package io.bfg.console.eval;

import io.bfg.console.model.Status;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.bfg.console.eval.EvaluatorBehaviourTest.ANNA;
import static io.bfg.console.eval.EvaluatorBehaviourTest.CONNECTION;
import static io.bfg.console.eval.EvaluatorBehaviourTest.CUTOVER;
import static io.bfg.console.eval.EvaluatorBehaviourTest.DRY_RUN;
import static io.bfg.console.eval.EvaluatorBehaviourTest.IDENTITY;
import static io.bfg.console.eval.EvaluatorBehaviourTest.ROLLBACK;
import static io.bfg.console.eval.EvaluatorBehaviourTest.bfg;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Evaluator.Assessment#assuming}: the state assessed as if some checks were done, which the copilot's
 * what-ifs ("if Anna signs the audit packet, can we go live?") answer from. An assumption must come out exactly as
 * really doing it would, and must not let a check skip what it waits for.
 */
@DisplayName("The evaluator, assuming checks done")
class EvaluatorAssumingTest {

  private static final Map<String, String> DECISIONS = Map.of("infra.hosting", "managed-postgres-eu",
      "infra.region", "eu-central-pl", "infra.runtime-owner", "bfg-internal-ops",
      "infra.secrets-backup", "managed-kms-rpo-15m");
  private static final List<String> SELECTION = List.of("selection.live-provider", "selection.auth-owner",
      "selection.tenant-secrets", "selection.live-wiring");

  /** Every pipeline, sign-off and decision of BFG but {@code skipped}. */
  private static Session everythingBut(String skipped) {
    // with production credentials supplied: the one fact no sign-off can give
    Session session = new Session(Fixtures.bfg(), Fixtures.LIVE_CREDENTIALS)
        .pipeline(CONNECTION).pipeline(DRY_RUN).pipeline(IDENTITY);
    CUTOVER.entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(e -> !e.getKey().equals(skipped))
        .forEach(e -> session.accept(e.getKey(), e.getValue()));
    DECISIONS.entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(e -> !e.getKey().equals(skipped))
        .forEach(e -> session.decide(e.getKey(), ANNA, e.getValue()));
    Stream.concat(ROLLBACK.stream(), SELECTION.stream()).filter(id -> !id.equals(skipped))
        .forEach(id -> session.accept(id, ANNA));
    return session;
  }

  /** Every group's, check's and production's status. */
  private static Map<String, Status> statuses(Session session, Evaluator.Assessment a) {
    Evaluation e = session.evaluate();
    Map<String, Status> out = new TreeMap<>();
    for (Evaluation.GroupView group : e.groups()) {
      out.put(group.id(), a.status(group.id()));
      group.checks().forEach(check -> out.put(check.id(), a.status(check.id())));
    }
    out.put(e.production().id(), a.status(e.production().id()));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("the last sign-off or decision missing, assumed done: every status as when it is really given")
  @ValueSource(strings = {"rollback.audit-packet", "cutover.store-rehearsal", "infra.region",
      "selection.live-wiring", "cutover.contracts-frozen"})
  void assumedAsDone(String last) {
    Session missing = everythingBut(last);
    Evaluator.Assessment assumed = missing.assess().assuming(Set.of(last));
    Session done = everythingBut(null);

    assertThat(missing.assess().productionGo()).isFalse();
    assertThat(assumed.productionGo()).isTrue();
    assertThat(statuses(missing, assumed)).isEqualTo(statuses(done, done.assess()));
  }

  @Test
  @DisplayName("a check that waits for another stays blocked when only it is assumed; everything assumed is GO")
  void blockedStaysBlocked() {
    Session fresh = new Session(Fixtures.bfg(), Fixtures.LIVE_CREDENTIALS);
    Evaluator.Assessment now = fresh.assess();
    Evaluation e = fresh.evaluate();
    List<String> checks = e.groups().stream().flatMap(g -> g.checks().stream()).map(Evaluation.CheckView::id).toList();
    String blocked = checks.stream().filter(id -> now.status(id) == Status.BLOCKED).findFirst().orElseThrow();

    Evaluator.Assessment alone = now.assuming(Set.of(blocked));
    assertThat(alone.status(blocked)).isEqualTo(Status.BLOCKED);
    assertThat(alone.blockedBy(blocked)).isEqualTo(now.blockedBy(blocked));
    assertThat(alone.productionGo()).isFalse();

    // each check in turn once what it waits for is: the whole chain moves in one assessment
    Evaluator.Assessment all = now.assuming(checks);
    assertThat(statuses(fresh, all)).allSatisfy((id, status) -> assertThat(status).as(id).isEqualTo(Status.READY));
    assertThat(all.productionGo()).isTrue();
  }

  @Test
  @DisplayName("the assessment assumed from is left as it was, and nothing is recorded")
  void nothingChanges() {
    Session missing = everythingBut("rollback.audit-packet");
    Evaluator.Assessment now = missing.assess();
    Map<String, Status> before = statuses(missing, now);

    now.assuming(Set.of("rollback.audit-packet"));

    assertThat(statuses(missing, now)).isEqualTo(before);
    assertThat(now.state()).isSameAs(missing.state());
    assertThat(now.productionGo()).isFalse();
  }

  @Test
  @DisplayName("unknown ids and groups' ids assume nothing")
  void unknownIdsAssumeNothing() {
    Session missing = everythingBut("rollback.audit-packet");
    Evaluator.Assessment now = missing.assess();

    Evaluator.Assessment assumed = now.assuming(Set.of("no-such-check", "rollback"));

    assertThat(statuses(missing, assumed)).isEqualTo(statuses(missing, now));
  }
}

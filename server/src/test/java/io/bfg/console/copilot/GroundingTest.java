package io.bfg.console.copilot;

import io.bfg.console.eval.Evaluator;
import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.Lang;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator every answer passes, against the fresh BFG evaluation (connection 0/4, dry-run 0/5). */
@DisplayName("Grounding an answer in the evaluation")
class GroundingTest {

  private static final Scenario BFG = ScenarioLoader.load(RunningConsole.BFG).scenario();
  private static final Evaluator.Assessment FRESH = new Evaluator(BFG)
      .assess(new Runtime("file-local", "mock-auth-header", false), SessionState.empty());
  private final Grounding grounding = new Grounding(BFG, FRESH, new Evaluator(BFG).render(FRESH, Lang.EN));

  @Test
  @DisplayName("passes an answer whose ids, counts and codes all hold")
  void holds() {
    Grounding.Checked checked = grounding.check("Connection [connection] is 0/4 (BLOCKED_PENDING_CONNECTION). "
        + "The dry-run [dry-run] is 0/5 and production waits: BLOCKED_PENDING_DRY_RUN [production].");

    assertThat(checked.grounded()).isTrue();
    assertThat(checked.corrections()).isEmpty();
    assertThat(checked.citations()).containsExactly("connection", "dry-run", "production");
  }

  @Test
  @DisplayName("corrects a wrong count next to a cited gate, in place")
  void wrongCount() {
    Grounding.Checked checked = grounding.check("Connection [connection] is 3/4, nearly there.");

    assertThat(checked.text()).isEqualTo("Connection [connection] is 0/4, nearly there.");
    assertThat(checked.corrections()).containsExactly("[connection] is 0/4, not 3/4");
    assertThat(checked.grounded()).isTrue();
  }

  @Test
  @DisplayName("a sentence checked again (remembered per evaluation) is corrected and cited again, each time")
  void sameSentenceTwice() {
    String answer = "Connection [connection] is 3/4, nearly there. See [no-such-gate].";

    Grounding.Checked first = grounding.check(answer);
    Grounding.Checked second = grounding.check(answer);
    Grounding.Checked inLongerAnswer = grounding.check("The dry-run [dry-run] is 0/5. " + answer);

    assertThat(second).isEqualTo(first);
    assertThat(second.corrections()).containsExactly("[connection] is 0/4, not 3/4",
        "removed the citation [no-such-gate]: no such gate, group or check");
    assertThat(inLongerAnswer.citations()).containsExactly("dry-run", "connection");
    assertThat(inLongerAnswer.corrections()).isEqualTo(first.corrections());
  }

  @Test
  @DisplayName("corrects a wrong decision code, but accepts a gate's own pending code for it")
  void wrongCode() {
    Grounding.Checked checked = grounding.check("The runbook [runbook] is BLOCKED_PENDING_RELEASE. "
        + "BLOCKED_PENDING_DRY_RUN means waiting for [dry-run].");

    assertThat(checked.text()).startsWith("The runbook [runbook] is BLOCKED_PENDING_PREFLIGHT.")
        .endsWith("BLOCKED_PENDING_DRY_RUN means waiting for [dry-run].");
    assertThat(checked.corrections()).containsExactly("[runbook] is BLOCKED_PENDING_PREFLIGHT, not BLOCKED_PENDING_RELEASE");
  }

  @Test
  @DisplayName("removes a citation of an id that does not exist")
  void unknownCitation() {
    Grounding.Checked checked = grounding.check("See [no-such-gate] and [infra.region].");

    assertThat(checked.text()).isEqualTo("See and [infra.region].");
    assertThat(checked.citations()).containsExactly("infra.region");
    assertThat(checked.corrections()).containsExactly("removed the citation [no-such-gate]: no such gate, group or check");
  }

  @Test
  @DisplayName("flags a count or code that belongs to nothing: the answer is not grounded")
  void flagged() {
    Grounding.Checked checked = grounding.check("Overall we are 7/13 done and BLOCKED_PENDING_MOON.");

    assertThat(checked.grounded()).isFalse();
    assertThat(checked.warnings()).containsExactly("7/13 matches no count in the evaluation",
        "BLOCKED_PENDING_MOON is not a decision code of this scenario");
  }

  @Test
  @DisplayName("leaves figures that are not readiness claims alone: dates, versions, env names")
  void notClaims() {
    String text = "Run at 2026-11-23T12:00:00Z on PostgreSQL 14.22, cipher TLS_AES_256_GCM_SHA384, "
        + "BFG_RELEASE_DECISION in the env block.";

    assertThat(grounding.check(text).text()).isEqualTo(text);
    assertThat(grounding.check(text).grounded()).isTrue();
  }

  @Test
  @DisplayName("splits a stream into sentences only where one has surely ended")
  void sentences() {
    assertThat(grounding.completeUpTo("Connection [connection] is 0/4. The dry")).isEqualTo(31);
    assertThat(grounding.completeUpTo("Connection [connection] is 0/4.")).isZero();
    assertThat(grounding.completeUpTo("Version 14.22 is")).isZero();
  }

  @Test
  @DisplayName("a title in a scenario's own names ('mgr farm.') ends no sentence: the owner after it is not the next item's")
  void titlesOfTheScenariosNames() {
    Grounding karpaty = CopilotFixture.grounding(java.nio.file.Path.of("server/src/test/resources/scenarios/karpaty-pharma"),
        Lang.EN);
    String text = "Open checks: Cold chain [delivery.cold-chain] (REVIEW, owner mgr farm. Piotr Zieliński); "
        + "Courier SLA [delivery.courier-sla] (REVIEW, owner Małgorzata Wiśniewska).";

    assertThat(karpaty.completeUpTo("owner mgr farm. Piotr")).isZero();
    assertThat(karpaty.check(text).corrections()).isEmpty();
    assertThat(karpaty.check(text).text()).isEqualTo(text);
  }

  @Test
  @DisplayName("a percentage in the scenario's own words ('Up to 3% overbooking') is quoted, not corrected to the readiness")
  void percentagesTheScenarioQuotes() {
    Grounding sudety = CopilotFixture.grounding(java.nio.file.Path.of("server/src/test/resources/scenarios/sudety-hotels"),
        Lang.EN);
    String text = "The options: no-overbooking (No overbooking during the switch), overbook-3pct (Up to 3% overbooking).";

    assertThat(sudety.check(text).corrections()).isEmpty();
    assertThat(sudety.check(text).text()).isEqualTo(text);
    // said of the readiness, a wrong percentage is still corrected
    assertThat(sudety.check("The cutover is 3% complete.").corrections()).isNotEmpty();
  }

  @Test
  @DisplayName("a label quoted whole claims nothing, though a shorter name matched its start ('... są gotowe do produkcji')")
  void quotedLabelsClaimNothing() {
    Grounding baltic = CopilotFixture.grounding(java.nio.file.Path.of("server/src/test/resources/scenarios/baltic-tickets"),
        Lang.PL);
    String text = "Bramka \"Płatności kartą są gotowe do produkcji\" [payments] ma status REVIEW (do przeglądu), 0/4.";

    assertThat(baltic.check(text).corrections()).isEmpty();
    assertThat(baltic.check(text).text()).isEqualTo(text);
  }
}

package io.bfg.console.command;

import io.bfg.console.command.CommandRejected.Reason;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The words of a refusal: what the person refused reads, on the page and from the API. */
class CommandRulesTest {

  /** A paid-parking office's cutover: its DPIA sign-off waits for the plate retention decision, a check. */
  private static final Scenario GLIWICE =
      ScenarioLoader.load(Path.of("server/src/test/resources/scenarios/gliwice-spp")).scenario();
  private static final Evaluator.Assessment FRESH = new Evaluator(GLIWICE)
      .assess(new Runtime("file-local", "mock-auth-header", false), SessionState.empty());

  @Test
  @DisplayName("a decision recorded by someone else than its owner is refused as decided by its owner, not signed off")
  void decisionOfAnotherOwner() {
    assertThatThrownBy(() -> CommandRules.decide(GLIWICE, FRESH, GLIWICE.actor("fin_ewa"), "board.plate-retention",
        "retain-30d")).isInstanceOfSatisfying(CommandRejected.class, refused -> {
          assertThat(refused.reason()).isEqualTo(Reason.NOT_OWNER);
          assertThat(refused.getMessage()).isEqualTo("board.plate-retention is "
              + "decided by its owner Agnieszka Szymura (iod_agnieszka), not by fin_ewa");
        });
  }

  @Test
  @DisplayName("a sign-off waiting for a check names that check's status, not its gate's decision code as the check's")
  void dependencyOnACheck() {
    assertThatThrownBy(() -> CommandRules.accept(GLIWICE, FRESH, GLIWICE.actor("iod_agnieszka"), "acceptance.dpia"))
        .isInstanceOfSatisfying(CommandRejected.class, refused -> {
          assertThat(refused.reason()).isEqualTo(Reason.DEPENDENCY_UNMET);
          assertThat(refused.getMessage())
              .isEqualTo("acceptance.dpia depends on board.plate-retention, which is REVIEW");
        });
  }
}

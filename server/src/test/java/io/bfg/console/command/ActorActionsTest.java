package io.bfg.console.command;

import io.bfg.console.command.ActorActions.Action;
import io.bfg.console.command.ActorActions.Kind;
import io.bfg.console.command.ActorActions.State;
import io.bfg.console.command.CommandRejected.Reason;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.model.Actor;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorActionsTest {

  private static final Scenario BFG = ScenarioLoader.load(Path.of("scenarios", "bfg-flowcontrol")).scenario();
  private static final Evaluator EVALUATOR = new Evaluator(BFG);
  private static final Evaluator.Assessment FRESH =
      EVALUATOR.assess(new Runtime("file-local", "mock-auth-header", false), SessionState.empty());

  @Test
  void everyAvailableActionIsOneTheServerAcceptsAndEveryRefusedOneItRefusesTheSameWay() {
    for (Actor actor : BFG.actors()) {
      for (Action action : ActorActions.of(BFG, FRESH, actor)) {
        if (action.state() == State.REFUSED) {
          assertThatThrownBy(() -> run(actor, action)).isInstanceOfSatisfying(CommandRejected.class,
              refused -> assertThat(refused.reason()).isEqualTo(action.refusal()));
        } else {
          run(actor, action);
        }
      }
    }
  }

  @Test
  void onAFreshConsoleAnnaMayDecideTheInfrastructureButNotAcceptWhatWaitsForTheDryRun() {
    Actor anna = BFG.actor("user_md_anna");
    List<Action> actions = ActorActions.of(BFG, FRESH, anna);

    assertThat(actions).filteredOn(a -> a.kind() == Kind.DECISION).extracting(Action::target)
        .contains("infra.hosting", "infra.region");
    assertThat(actions).filteredOn(a -> a.target().equals("infra.hosting")).singleElement()
        .extracting(Action::state).isEqualTo(State.AVAILABLE);
    Action freeze = actions.stream().filter(a -> a.target().equals("rollback.freeze-window")).findFirst().orElseThrow();
    assertThat(freeze.state()).isEqualTo(State.REFUSED);
    assertThat(freeze.refusal()).isEqualTo(Reason.DEPENDENCY_UNMET);
    assertThat(freeze.blockedBy()).isEqualTo("dry-run");
    Action dryRun = actions.stream().filter(a -> a.kind() == Kind.PIPELINE && a.target().equals("dry-run"))
        .findFirst().orElseThrow();
    assertThat(dryRun.state()).isEqualTo(State.REFUSED);
    assertThat(dryRun.blockedBy()).isNotNull();
    assertThat(ActorActions.available(BFG, FRESH, anna)).allMatch(Action::available)
        .extracting(Action::target).doesNotContain("rollback.freeze-window", "dry-run");
  }

  @Test
  void actorsWithoutCommandPermissionsAreOfferedNothing() {
    assertThat(ActorActions.of(BFG, FRESH, BFG.actor("driver_tarasenko"))).isEmpty();
    assertThat(ActorActions.of(BFG, FRESH, BFG.actor("cp_client_lviv_farma"))).isEmpty();
  }

  @Test
  void aDecisionAlreadyRecordedForTheCurrentEvidenceIsDoneNotATask() {
    Actor anna = BFG.actor("user_md_anna");
    Runtime runtime = new Runtime("file-local", "mock-auth-header", false);
    String value = BFG.groups().stream().flatMap(g -> g.checks().stream())
        .filter(c -> c.id().equals("infra.hosting")).findFirst().orElseThrow().options().get(0).value();
    CommandRules.Outcome outcome = CommandRules.decide(BFG, FRESH, anna, "infra.hosting", value);
    SessionState after = FRESH.state().apply(new AuditEvent(1, outcome.eventType(), anna.id(),
        "2026-12-05T00:00:00Z", outcome.payload(), AuditEvent.GENESIS_HASH, "1".repeat(64)));
    Evaluator.Assessment decided = EVALUATOR.assess(runtime, after);

    assertThat(ActorActions.of(BFG, decided, anna)).filteredOn(a -> a.target().equals("infra.hosting"))
        .singleElement().extracting(Action::state).isEqualTo(State.DONE);
  }

  private static void run(Actor actor, Action action) {
    switch (action.kind()) {
      case SIGN_OFF -> CommandRules.accept(BFG, FRESH, actor, action.target());
      case DECISION -> CommandRules.decide(BFG, FRESH, actor, action.target(),
          BFG.groups().stream().flatMap(g -> g.checks().stream()).filter(c -> c.id().equals(action.target()))
              .findFirst().orElseThrow().options().get(0).value());
      case PIPELINE -> CommandRules.runPipeline(BFG, FRESH, actor, action.target());
    }
  }
}

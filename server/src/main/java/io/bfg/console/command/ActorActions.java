package io.bfg.console.command;

import io.bfg.console.command.CommandRejected.Reason;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.model.Actor;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.CheckKind;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Permissions;
import io.bfg.console.model.PipelineBinding;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.Status;

import java.util.ArrayList;
import java.util.List;

/**
 * What one actor may do now, asked of {@link CommandRules} itself, so the dashboard's enabled
 * controls, the copilot's "tasks" and the server's answers can never disagree. Lists every command
 * the actor could be offered (sign-offs and decisions they own, pipelines if they may run them), each
 * either available or with the refusal the server would give. Pure, like CommandRules.
 */
public final class ActorActions {

  public enum Kind { SIGN_OFF, DECISION, PIPELINE }

  public enum State {
    /** The server would accept it now and it would change something. */
    AVAILABLE,
    /** Already given for the current evidence; only a revoke would change it. */
    DONE,
    /** The server would refuse it: {@link Action#refusal()} says why, {@link Action#blockedBy()} what to satisfy. */
    REFUSED
  }

  /**
   * One command an actor could be offered. {@code target} is a check id (sign-off, decision) or a
   * pipeline id; {@code refusal}/{@code message} are CommandRules' words when refused.
   */
  public record Action(Kind kind, String target, State state, Reason refusal, String message, String blockedBy) {
    public boolean available() {
      return state == State.AVAILABLE;
    }
  }

  private ActorActions() {
  }

  /** Every action offered to {@code actor}, in scenario order (checks by group, then pipelines in run order). */
  public static List<Action> of(Scenario scenario, Evaluator.Assessment a, Actor actor) {
    List<Action> actions = new ArrayList<>();
    for (GroupDef group : scenario.groups()) {
      for (CheckDef check : group.checks()) {
        if (!actor.id().equals(check.owner())) {
          continue;
        }
        String permission = ownerPermission(check);
        if (permission != null && actor.can(permission)) {
          actions.add(byOwner(scenario, a, actor, check));
        }
      }
    }
    if (actor.can(Permissions.RUN_PIPELINES)) {
      for (PipelineBinding pipeline : scenario.pipelines()) {
        actions.add(attempt(scenario, Kind.PIPELINE, pipeline.id(), a, () -> {
          CommandRules.runPipeline(scenario, a, actor, pipeline.id());
          return true;
        }));
      }
    }
    return List.copyOf(actions);
  }

  /** What {@code actor} can do now that is still to be done: not a pipeline run again over a gate it proved. */
  public static List<Action> toDo(Scenario scenario, Evaluator.Assessment a, Actor actor) {
    return available(scenario, a, actor).stream().filter(action -> !repeatsProof(scenario, a, action)).toList();
  }

  /**
   * Whether {@code action} runs a pipeline again whose gate its runs already proved: the server takes it (a rerun),
   * but it is nothing left to do.
   */
  public static boolean repeatsProof(Scenario scenario, Evaluator.Assessment a, Action action) {
    return action.kind() == Kind.PIPELINE && scenario.pipelines().stream().anyMatch(p -> p.id().equals(action.target())
        && a.status(p.proves()) == Status.READY);
  }

  /**
   * The permission the owner of {@code check} needs to move it by hand (sign it off or record it), or
   * null when its owner does not move it: a pipeline step is proven by whoever may run pipelines, a
   * derived check follows from other evidence.
   */
  public static String ownerPermission(CheckDef check) {
    return switch (check.kind()) {
      case OWNER_ACCEPTANCE -> Permissions.ACCEPT_CHECKS;
      case DECISION -> Permissions.RECORD_DECISIONS;
      case PIPELINE, DERIVED -> null;
    };
  }

  /**
   * What the server would do now if the owner of {@code checkId} signed it off or recorded it: only the
   * owner may, so this says whether anyone can. REFUSED with FORBIDDEN when the owner lacks the
   * permission (then nobody can); null for a check no owner moves by hand, or an unknown one.
   */
  public static Action ofOwner(Scenario scenario, Evaluator.Assessment a, String checkId) {
    CheckDef check = a.check(checkId);
    Actor owner = check == null ? null : scenario.actor(check.owner());
    if (owner == null || ownerPermission(check) == null) {
      return null;
    }
    return byOwner(scenario, a, owner, check);
  }

  /**
   * The checks {@code actor} owns but could never move, refused as the server would refuse them: only
   * the owner may sign off or decide a check, and they lack the permission, so nobody can.
   */
  public static List<Action> ownedButForbidden(Scenario scenario, Evaluator.Assessment a, Actor actor) {
    List<Action> actions = new ArrayList<>();
    for (GroupDef group : scenario.groups()) {
      for (CheckDef check : group.checks()) {
        String permission = ownerPermission(check);
        if (actor.id().equals(check.owner()) && permission != null && !actor.can(permission)) {
          actions.add(byOwner(scenario, a, actor, check));
        }
      }
    }
    return List.copyOf(actions);
  }

  private static Action byOwner(Scenario scenario, Evaluator.Assessment a, Actor actor, CheckDef check) {
    return check.kind() == CheckKind.DECISION ? decision(scenario, a, actor, check) : signOff(scenario, a, actor, check);
  }

  /** Only what the actor may do now: their tasks. */
  public static List<Action> available(Scenario scenario, Evaluator.Assessment a, Actor actor) {
    return of(scenario, a, actor).stream().filter(Action::available).toList();
  }

  private static Action signOff(Scenario scenario, Evaluator.Assessment a, Actor actor, CheckDef check) {
    return attempt(scenario, Kind.SIGN_OFF, check.id(), a, () -> CommandRules.accept(scenario, a, actor, check.id()).changes());
  }

  /**
   * A decision is available when the server would take any of its options; DONE when one is recorded for
   * the current evidence (choosing another is a change of mind, offered but not a task).
   */
  private static Action decision(Scenario scenario, Evaluator.Assessment a, Actor actor, CheckDef check) {
    if (check.options().isEmpty()) {
      return new Action(Kind.DECISION, check.id(), State.REFUSED, Reason.INVALID_VALUE,
          check.id() + " declares no options", null);
    }
    String recorded = a.state().decisions().containsKey(check.id())
        ? a.state().decisions().get(check.id()).value() : check.options().get(0).value();
    return attempt(scenario, Kind.DECISION, check.id(), a,
        () -> CommandRules.decide(scenario, a, actor, check.id(), recorded).changes());
  }

  private interface Attempt {
    boolean changes();
  }

  private static Action attempt(Scenario scenario, Kind kind, String target, Evaluator.Assessment a,
                                Attempt attempt) {
    try {
      return new Action(kind, target, attempt.changes() ? State.AVAILABLE : State.DONE, null, null, null);
    } catch (CommandRejected refused) {
      String blocker = refused.reason() == Reason.DEPENDENCY_UNMET ? blockerOf(scenario, kind, target, a) : null;
      return new Action(kind, target, State.REFUSED, refused.reason(), refused.getMessage(), blocker);
    }
  }

  /** For a pipeline, the same blocker CommandRules.runPipeline named: a proven check's first, else its group's. */
  private static String blockerOf(Scenario scenario, Kind kind, String target, Evaluator.Assessment a) {
    if (kind != Kind.PIPELINE) {
      return a.blockedBy(target);
    }
    for (GroupDef group : scenario.groups()) {
      for (CheckDef check : group.checks()) {
        if (check.kind() == CheckKind.PIPELINE && target.equals(check.pipeline()) && a.blockedBy(check.id()) != null
            && a.status(check.id()) == Status.BLOCKED) {
          return a.blockedBy(check.id());
        }
      }
    }
    return a.blockedBy(scenario.pipeline(target).proves());
  }
}

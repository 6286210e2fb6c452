package io.bfg.console.command;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.command.CommandRejected.Reason;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.model.Actor;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.CheckKind;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Permissions;
import io.bfg.console.model.PipelineBinding;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;
import io.bfg.console.model.SessionState.SignOff;
import io.bfg.console.model.Status;

import java.util.List;

/**
 * Decides whether an actor may sign off, revoke or decide a check in the current state, and what
 * event that appends. Pure: the same scenario, assessment and request give the same answer.
 * Order of refusals: missing permission (so an actor who may sign off nothing learns nothing about
 * which ids exist), unknown check, wrong kind, not the owner, unmet dependency.
 */
public final class CommandRules {

  /** The event a valid command appends, or none when the state already says so (an idempotent repeat). */
  public record Outcome(String eventType, ObjectNode payload) {
    public static final Outcome UNCHANGED = new Outcome(null, null);

    public boolean changes() {
      return eventType != null;
    }
  }

  private CommandRules() {
  }

  public static Outcome accept(Scenario scenario, Evaluator.Assessment a, Actor actor, String checkId) {
    permitted(actor, Permissions.ACCEPT_CHECKS, checkId);
    CheckDef check = known(a, checkId);
    if (check.kind() != CheckKind.OWNER_ACCEPTANCE) {
      throw wrongKind(check, "accepted");
    }
    owner(scenario, actor, check);
    ready(a, check);
    String evidence = a.evidenceHash(checkId);
    SignOff current = a.state().signOffs().get(checkId);
    if (current != null && a.evidenceMatches(checkId, current.evidenceHash())) {
      return Outcome.UNCHANGED;
    }
    return new Outcome(SessionState.CHECK_ACCEPTED, payload(checkId).put("evidenceHash", evidence));
  }

  public static Outcome decide(Scenario scenario, Evaluator.Assessment a, Actor actor, String checkId, String value) {
    permitted(actor, Permissions.RECORD_DECISIONS, checkId);
    CheckDef check = known(a, checkId);
    if (check.kind() != CheckKind.DECISION) {
      throw wrongKind(check, "decided");
    }
    owner(scenario, actor, check);
    if (check.options().stream().noneMatch(option -> option.value().equals(value))) {
      throw new CommandRejected(Reason.INVALID_VALUE, "'" + value + "' is not an option of " + checkId + "; choose one of "
          + check.options().stream().map(CheckDef.DecisionOption::value).toList());
    }
    ready(a, check);
    String evidence = a.evidenceHash(checkId);
    SignOff current = a.state().decisions().get(checkId);
    if (current != null && current.value().equals(value) && a.evidenceMatches(checkId, current.evidenceHash())) {
      return Outcome.UNCHANGED;
    }
    return new Outcome(SessionState.DECISION_RECORDED,
        payload(checkId).put("value", value).put("evidenceHash", evidence));
  }

  /** Withdraws a sign-off or decision; dependents fall back to BLOCKED until it is given again. */
  public static Outcome revoke(Scenario scenario, Evaluator.Assessment a, Actor actor, String checkId) {
    if (!actor.can(Permissions.ACCEPT_CHECKS) && !actor.can(Permissions.RECORD_DECISIONS)) {
      permitted(actor, Permissions.ACCEPT_CHECKS, checkId);
    }
    CheckDef check = known(a, checkId);
    boolean decision = check.kind() == CheckKind.DECISION;
    permitted(actor, decision ? Permissions.RECORD_DECISIONS : Permissions.ACCEPT_CHECKS, checkId);
    if (check.kind() != CheckKind.OWNER_ACCEPTANCE && !decision) {
      throw wrongKind(check, "revoked");
    }
    owner(scenario, actor, check);
    boolean present = decision ? a.state().decisions().containsKey(checkId) : a.state().signOffs().containsKey(checkId);
    if (!present) {
      throw new CommandRejected(Reason.NOT_SIGNED_OFF, checkId + " has no sign-off to revoke");
    }
    return new Outcome(SessionState.CHECK_REVOKED, payload(checkId));
  }

  /**
   * Whether {@code actor} may start {@code pipeline} now: it needs the permission, the scenario must
   * run that pipeline, and neither a check it proves nor the group it proves may be blocked by an
   * unmet dependency (a dry-run before a passing connection check would prove nothing the gates
   * could use).
   */
  public static void runPipeline(Scenario scenario, Evaluator.Assessment a, Actor actor, String pipeline) {
    permitted(actor, Permissions.RUN_PIPELINES, "pipeline " + pipeline);
    PipelineBinding binding = scenario.pipeline(pipeline);
    if (binding == null) {
      List<String> declared = scenario.pipelines().stream().map(PipelineBinding::id).toList();
      throw new CommandRejected(Reason.UNKNOWN_PIPELINE, (Pipelines.STEPS.containsKey(pipeline)
          ? "this scenario does not run the " + pipeline + " pipeline" : "no pipeline '" + pipeline + "'")
          + "; it runs " + (declared.isEmpty() ? "none" : declared));
    }
    for (GroupDef group : scenario.groups()) {
      for (CheckDef check : group.checks()) {
        if (check.kind() == CheckKind.PIPELINE && pipeline.equals(check.pipeline())
            && a.status(check.id()) == Status.BLOCKED) {
          String blocker = a.blockedBy(check.id());
          throw new CommandRejected(Reason.DEPENDENCY_UNMET, "the " + pipeline + " proves " + check.id()
              + ", which depends on " + blocker + " (" + standing(a, blocker, ", ") + "); satisfy that first");
        }
      }
    }
    String group = binding.proves();
    if (a.status(group) == Status.BLOCKED) {
      String blocker = a.blockedBy(group);
      throw new CommandRejected(Reason.DEPENDENCY_UNMET, "the " + pipeline + " proves the group " + group
          + ", which depends on " + blocker + " (" + standing(a, blocker, ", ") + "); satisfy that first");
    }
  }

  private static CheckDef known(Evaluator.Assessment a, String checkId) {
    CheckDef check = a.check(checkId);
    if (check == null) {
      throw new CommandRejected(Reason.UNKNOWN_CHECK, "no check '" + checkId + "' in this scenario");
    }
    return check;
  }

  private static void permitted(Actor actor, String permission, String what) {
    if (!actor.can(permission)) {
      throw new CommandRejected(Reason.FORBIDDEN, actor.id() + " (" + actor.role().en() + ") lacks the permission "
          + permission + " needed for " + what);
    }
  }

  private static void owner(Scenario scenario, Actor actor, CheckDef check) {
    if (!actor.id().equals(check.owner())) {
      Actor owner = scenario.actor(check.owner());
      throw new CommandRejected(Reason.NOT_OWNER, check.id() + (check.kind() == CheckKind.DECISION
          ? " is decided by its owner " : " is signed off by its owner ")
          + (owner == null ? check.owner() : owner.name() + " (" + owner.id() + ")") + ", not by " + actor.id());
    }
  }

  private static void ready(Evaluator.Assessment a, CheckDef check) {
    if (a.status(check.id()) == Status.BLOCKED) {
      String blocker = a.blockedBy(check.id());
      throw new CommandRejected(Reason.DEPENDENCY_UNMET, check.id() + " depends on " + blocker + ", which is "
          + standing(a, blocker, " (") + (a.check(blocker) == null ? ")" : ""));
    }
  }

  /**
   * What a blocker stands at: its status, and a group's decision code after {@code joint}. A check has no code of
   * its own (the one the assessment holds for it is its group's), so naming one would blame it for the whole group.
   */
  private static String standing(Evaluator.Assessment a, String blocker, String joint) {
    return a.check(blocker) != null ? a.status(blocker).toString()
        : a.status(blocker) + joint + a.decision(blocker);
  }

  private static CommandRejected wrongKind(CheckDef check, String verb) {
    String how = switch (check.kind()) {
      case OWNER_ACCEPTANCE -> "it is signed off with POST /api/checks/" + check.id() + "/accept";
      case DECISION -> "it is a decision: POST /api/decisions/" + check.id() + " {\"value\": ...}";
      case PIPELINE -> "it is proven by running POST /api/pipelines/" + check.pipeline();
      case DERIVED -> "it is derived from other evidence and follows it";
    };
    return new CommandRejected(Reason.WRONG_KIND, check.id() + " cannot be " + verb + " by hand: " + how);
  }

  private static ObjectNode payload(String checkId) {
    return JsonNodeFactory.instance.objectNode().put("checkId", checkId);
  }
}

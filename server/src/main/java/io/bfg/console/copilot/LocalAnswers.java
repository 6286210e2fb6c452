package io.bfg.console.copilot;

import io.bfg.console.copilot.QuestionReader.Action;
import io.bfg.console.copilot.QuestionReader.Intent;
import io.bfg.console.copilot.QuestionReader.Question;
import io.bfg.console.model.Permissions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the local model's answer from the results of the tools it chose, with the templates of
 * the question's language ({@code prompts/local.<lang>.properties}): every word of a Polish answer
 * comes from the Polish templates and the Polish evaluation. Every figure, owner, code and
 * permission comes from a tool result and sits next to the id it belongs to, so the answer is
 * grounded by construction (and is still checked by {@link Grounding} like any model's).
 */
public final class LocalAnswers {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
  private static final int LIST_LIMIT = 6;
  /** The statuses a gate can be listed by ("which gates are blocked"); READY ones are not in the overview's list. */
  private static final Set<String> STATUSES = Set.of("REVIEW", "BLOCKED");
  /** What a second reading states: ids, codes and names (capitalised words), numbers; a role in brackets is no new fact. */
  private static final Pattern FACT = Pattern.compile("\\[[^\\]]+]|\\b\\p{Lu}[\\p{L}.'-]*|\\d+(?:/\\d+)?");
  private static final Pattern PARENTHESISED = Pattern.compile("\\([^()]*\\)");
  /** A full stop that ends a sentence, not one after a title such as "Mgr." or "Ing.". */
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=\\.)(?<![A-Z][a-z]{1,3}\\.)\\s+");
  /** Someone's tasks are listed whole up to this many: a task left out is one they would not know of. */
  private static final int TASK_LIMIT = 12;
  /** The things someone owns, listed before "and N more". */
  private static final int OWNED_LIMIT = 20;

  private LocalAnswers() {
  }

  /** {@code results} holds one tool result per call of {@code question} (its second reading's after), null when not found. */
  public static String write(Question question, List<Map<String, Object>> results, Map<String, String> templates) {
    return write(question, results, templates, null);
  }

  /** As above, asked by the actor {@code asker} (null when unknown): what is theirs is said to them as "you". */
  public static String write(Question question, List<Map<String, Object>> results, Map<String, String> templates,
                             String asker) {
    Templates t = new Templates(templates, asker);
    int own = Math.min(results.size(), question.calls().size());
    String answer = one(question, results.subList(0, own), t);
    if (question.also() != null && results.size() > own) {
      String second = unsaid(answer, one(question.also(), results.subList(own, results.size()), t));
      if (!second.isBlank() && !repeats(answer, second)) {
        answer = answer + "\n" + t.line("also", Map.of()) + " " + second;
      }
    }
    return answer;
  }

  private static String one(Question question, List<Map<String, Object>> results, Templates t) {
    Map<String, Object> result = results.isEmpty() ? null : results.get(0);
    switch (question.intent()) {
      case UNKNOWN, OUT_OF_SCOPE:
        return t.line("decline", Map.of()) + " " + t.line("unknown", Map.of());
      case ACT_REQUEST:
        return refuse(t, question, results);
      case MEANING:
        if (question.calls().isEmpty()) {
          return terms(t, question.subject());
        }
        break;
      default:
        break;
    }
    if (result == null || result.containsKey("error")) {
      return t.line("unresolved", Map.of("subject", String.valueOf(question.subject()))) + " "
          + t.line("unknown", Map.of());
    }
    return switch (question.intent()) {
      case COUNT -> "actors".equals(question.subject()) ? people(t, result)
          : question.subject() != null && question.subject().startsWith("list:")
          ? counted(t, result, question.subject().substring("list:".length()))
          : result.containsKey("checks") ? t.line("count.group", result)
          : result.get("gatesByStatus") instanceof Map<?, ?> byStatus ? t.line("count.status", with(result,
          "status", question.subject(), "count", byStatus.get(question.subject()))) : t.line("count", result);
      case BLOCKERS -> blockers(t, result, STATUSES.contains(question.subject()) ? question.subject() : null);
      case NEXT -> next(t, result);
      case WHY, STATUS -> result.containsKey("checks") ? gate(t, result) : check(t, result);
      case OWNER -> result.containsKey("owns") ? person(t, result)
          : !result.containsKey("checks") ? owner(t, result)
          : result.get("ownerName") != null ? t.line("owner.group", result) : gate(t, result);
      case TASKS -> tasks(t, result);
      case PROVIDER -> question.subject() == null || !question.subject().startsWith("count")
          ? providers(t, results) : providersCounted(t, question, results);
      case PIPELINE_RESULT -> question.subject() != null && question.subject().startsWith("api:")
          ? t.line("api.pipeline", result) : run(t, result, results.size() > 1 ? results.get(1) : null);
      case RECENT -> recent(t, result);
      case MEANING -> code(t, result);
      case PERMISSION -> permission(t, question, result, shaped(results, "kind"), shaped(results, "actionable"));
      case SESSION -> "rollback".equals(question.subject()) && result.get("rollbackOwner") != null
          ? t.line("session.rollback", result) : session(t, question, result);
      case SNAPSHOT -> snapshot(t, result);
      default -> t.line("unknown", Map.of());
    };
  }

  /** The console's own words explained, from the templates ({@code term.<key>}): one place for what they mean. */
  private static String terms(Templates t, String keys) {
    List<String> lines = new ArrayList<>();
    for (String key : keys.split(" ")) {
      lines.add(t.line("term." + key, Map.of()));
    }
    return String.join("\n", lines);
  }

  /** One provider, or several listed one a line. */
  private static String providers(Templates t, List<Map<String, Object>> results) {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> r : results) {
      if (r != null && !r.containsKey("error")) {
        lines.add(t.line(r.get("check") == null ? "provider.unchecked" : "provider", r));
      }
    }
    return lines.size() == 1 ? lines.get(0) : "- " + String.join("\n- ", lines);
  }

  /** How many providers there are, then all of them or, asked "which are mine", the asker's own. */
  private static String providersCounted(Templates t, Question q, List<Map<String, Object>> results) {
    List<Map<String, Object>> found = results.stream().filter(r -> r != null && !r.containsKey("error")).toList();
    String head = t.line("providers.count", Map.of("count", found.size()));
    if (!q.subject().endsWith(":mine")) {
      return head + "\n" + providers(t, found);
    }
    List<Map<String, Object>> mine = found.stream().filter(r -> Objects.equals(r.get("owner"), q.actor())).toList();
    return mine.isEmpty() ? head + " " + t.line("providers.mine.none", Map.of())
        : head + " " + t.line("providers.mine", Map.of("count", mine.size())) + "\n" + providers(t, mine);
  }

  /** The people of the scenario: how many, in how many roles, each named with their role. */
  private static String people(Templates t, Map<String, Object> r) {
    List<String> names = new ArrayList<>();
    Set<Object> roles = new LinkedHashSet<>();
    for (Map<String, Object> actor : maps(r.get("actors"))) {
      names.add(actor.get("name") + " (" + actor.get("role") + ")");
      roles.add(actor.get("role"));
    }
    return t.line("count.people", Map.of("count", names.size(), "roles", roles.size(), "actors",
        String.join(", ", names)));
  }

  /** A count, then the gates of {@code status} named: "how many gates are there and which are ready". */
  private static String counted(Templates t, Map<String, Object> r, String status) {
    String head = r.get("gatesByStatus") instanceof Map<?, ?> byStatus
        ? t.line("count.status", with(r, "status", status, "count", byStatus.get(status))) : t.line("count", r);
    List<String> gates = new ArrayList<>();
    List<Map<String, Object>> all = r.containsKey("gates") ? maps(r.get("gates"))
        : maps(r.get("groups")).stream().filter(g -> Boolean.TRUE.equals(g.get("gate"))).toList();
    for (Map<String, Object> gate : all) {
      if (status.equals(gate.get("status"))) {
        gates.add(t.line("count.gate", gate));
      }
    }
    return head + " " + (gates.isEmpty() ? t.line("blockers.status.none", Map.of("status", status))
        : t.line("count.list", Map.of("status", status, "gates", String.join(", ", gates))));
  }

  /** The overview; with {@code status} (asked "which gates are blocked"), only the gates of that status listed. */
  private static String blockers(Templates t, Map<String, Object> r, String status) {
    StringBuilder out = new StringBuilder(t.line("blockers.head", with(r, "go",
        Boolean.TRUE.equals(r.get("go")) ? t.raw("go") : t.raw("nogo"), "target", r.getOrDefault("target", ""))));
    if (r.get("traffic") != null) {
      out.append(' ').append(t.line("blockers.traffic", r));
    }
    List<Map<String, Object>> blockers = list(r.get("blockers"));
    int others = 0;
    if (status != null) {
      List<Map<String, Object>> asked = blockers.stream().filter(g -> status.equals(g.get("status"))).toList();
      others = blockers.size() - asked.size();
      blockers = asked;
    }
    if (status != null && blockers.isEmpty()) {
      out.append(' ').append(t.line("blockers.status.none", Map.of("status", status)));
    } else if (blockers.isEmpty()) {
      out.append(' ').append(t.line("blockers.none", Map.of()));
    } else {
      out.append('\n').append(status == null ? t.line("blockers.list", Map.of())
          : t.line("blockers.list.status", Map.of("status", status, "count", blockers.size())));
      for (Map<String, Object> gate : blockers) {
        String waiting = gate.get("blockedBy") == null ? "" : t.line("blockers.waiting", gate);
        out.append("\n- ").append(t.line("blockers.item", with(gate, "waiting", waiting)));
      }
    }
    if (others > 0) {
      out.append('\n').append(t.line("blockers.others", Map.of("count", others)));
    }
    Map<String, Object> next = map(r.get("next"));
    if (next != null) {
      out.append('\n').append(next(t, next));
    }
    return out.toString();
  }

  private static String next(Templates t, Map<String, Object> r) {
    if (r == null || Boolean.TRUE.equals(r.get("done"))) {
      return t.line("next.done", Map.of());
    }
    Map<String, Object> values = with(r, "reason", r.get("reason") == null ? "" : r.get("reason"));
    if (!Boolean.FALSE.equals(r.get("actionable"))) {
      return t.line("next", values);
    }
    // nobody can act on it: say so and why, rather than "Who: ?"; the evaluator's own wording of such
    // an action already quotes the reason
    if (String.valueOf(r.get("action")).contains(String.valueOf(values.get("reason")))) {
      values.put("reason", "");
    }
    List<String> sources = new ArrayList<>();
    if (r.get("derivedFrom") instanceof List<?> from) {
      from.forEach(id -> sources.add("[" + id + "]"));
    }
    String line = sources.isEmpty() ? t.line("next.unactionable", values)
        : t.line("next.unactionable.from", with(values, "source", String.join(", ", sources)));
    return line.replace("  ", " ");
  }

  private static String gate(Templates t, Map<String, Object> r) {
    StringBuilder out = new StringBuilder(t.line(Boolean.FALSE.equals(r.get("gate")) ? "group" : "gate", r));
    Map<String, Object> blocker = map(r.get("blockedByDetail"));
    if (blocker != null) {
      out.append(' ').append(t.line("gate.waits", with(r, "blockedLabel", blocker.get("label"),
          "blockedStatus", blocker.get("status"), "blockedDone", blocker.get("done"), "blockedTotal",
          blocker.get("total"), "blockedDecision", blocker.get("decision"))));
    }
    List<String> open = new ArrayList<>();
    for (Map<String, Object> check : maps(r.get("checks"))) {
      if (!"READY".equals(check.get("status")) && open.size() < LIST_LIMIT) {
        open.add(t.line("gate.check", check));
      }
    }
    out.append(' ').append(open.isEmpty() ? t.line("gate.ready", Map.of())
        : t.line("gate.open", Map.of()) + " " + String.join("; ", open) + ".");
    return out.toString();
  }

  private static String check(Templates t, Map<String, Object> r) {
    StringBuilder out = new StringBuilder(t.line("check", r));
    if (r.get("signedOffBy") != null) {
      String stale = Boolean.TRUE.equals(r.get("stale")) ? t.line("check.stale", Map.of()) : "";
      out.append(' ').append(t.line(r.get("decided") != null ? "check.decided" : "check.signed",
          with(r, "stale", stale)));
    } else if ("owner-acceptance".equals(r.get("kind")) && !"READY".equals(r.get("status"))
        && r.get("blockedBy") == null) {
      out.append(' ').append(t.line("check.unsigned", r));
    }
    if (r.get("options") instanceof List<?> options && !options.isEmpty()) {
      out.append(' ').append(t.line("check.options", Map.of("options", join(options))));
    }
    if (r.get("blockedBy") != null) {
      out.append(' ').append(t.line("check.blocked", r));
    } else if (r.get("command") != null && !"READY".equals(r.get("status"))) {
      out.append(' ').append(t.line("check.command", r));
    }
    return out.toString();
  }

  private static String owner(Templates t, Map<String, Object> r) {
    StringBuilder out = new StringBuilder(t.line("owner.check", r));
    if (r.get("signedOffBy") != null) {
      out.append(' ').append(t.line(r.get("decided") != null ? "check.decided" : "check.signed",
          with(r, "stale", Boolean.TRUE.equals(r.get("stale")) ? t.line("check.stale", Map.of()) : "")));
    }
    return out.toString();
  }

  /** Who someone is (their role) and what they own, gates first. */
  private static String person(Templates t, Map<String, Object> r) {
    List<String> items = new ArrayList<>();
    for (Map<String, Object> owned : maps(r.get("owns"))) {
      items.add(t.line(Boolean.TRUE.equals(owned.get("group")) ? "person.group" : "person.check", owned));
    }
    if (items.isEmpty()) {
      return t.line("person.none", r);
    }
    String listed = String.join("; ", items.subList(0, Math.min(items.size(), OWNED_LIMIT)));
    if (items.size() > OWNED_LIMIT) {
      listed += "; " + t.line("person.more", Map.of("count", items.size() - OWNED_LIMIT));
    }
    return t.line("person", with(r, "items", listed));
  }

  private static String tasks(Templates t, Map<String, Object> r) {
    if (!r.containsKey("actionable")) {
      // asked about "my" tasks by no one known: say whose can be listed
      List<String> names = new ArrayList<>();
      maps(r.get("actors")).forEach(a -> names.add(a.get("name") + " (" + a.get("role") + ")"));
      return t.line("tasks.whose", Map.of("actors", String.join(", ", names)));
    }
    List<Map<String, Object>> actionable = list(r.get("actionable"));
    List<Map<String, Object>> blocked = list(r.get("blocked"));
    StringBuilder out = new StringBuilder();
    if (actionable.isEmpty()) {
      out.append(t.line(t.to(blocked.isEmpty() ? "tasks.none" : "tasks.none.yet", r.get("id")), r));
    } else {
      out.append(t.line(t.to(actionable.size() == 1 ? "tasks.head.one" : "tasks.head", r.get("id")), with(r, "count",
          actionable.size())));
      actionable.stream().limit(TASK_LIMIT).forEach(c -> out.append("\n- ").append(task(t, c)));
      if (actionable.size() > TASK_LIMIT) {
        out.append("\n").append(t.line("tasks.more", Map.of("count", actionable.size() - TASK_LIMIT)));
      }
    }
    if (!blocked.isEmpty()) {
      List<String> waiting = new ArrayList<>();
      blocked.stream().limit(3).forEach(c -> waiting.add(task(t, c) + (c.get("blockedBy") == null ? ""
          : " " + t.line("tasks.waitsFor", c))));
      out.append('\n').append(t.line("tasks.blocked", with(r, "count", blocked.size(), "items",
          String.join("; ", waiting))));
    }
    return out.toString();
  }

  private static String task(Templates t, Map<String, Object> task) {
    return t.line(switch (String.valueOf(task.get("kind"))) {
      // the kinds as the ownerTasks tool names them (CopilotTools)
      case "pipeline" -> "tasks.pipeline";
      case "decision" -> "tasks.decision";
      default -> "tasks.signoff";
    }, task);
  }

  private static String run(Templates t, Map<String, Object> r, Map<String, Object> step) {
    if (!Boolean.TRUE.equals(r.get("ran"))) {
      String line = t.line("run.never", r);
      return step == null || step.containsKey("error") ? line : line + " " + t.line("run.never.step", step);
    }
    StringBuilder out = new StringBuilder(t.line(r.get("target") == null ? "run.head.untargeted" : "run.head", r));
    for (Map<String, Object> s : maps(r.get("steps"))) {
      if (step == null || String.valueOf(s.get("id")).equals(step.get("id"))) {
        out.append("\n- ").append(t.line("run.step", s));
      }
    }
    return out.toString();
  }

  private static String recent(Templates t, Map<String, Object> r) {
    List<Map<String, Object>> events = list(r.get("events"));
    if (events.isEmpty()) {
      return t.line("recent.none", Map.of());
    }
    StringBuilder out = new StringBuilder(t.line("recent.head", Map.of("count", events.size())));
    for (int i = events.size() - 1; i >= 0; i--) {
      Map<String, Object> event = events.get(i);
      String subject = event.get("id") == null ? "" : " [" + event.get("id") + "]"
          + (event.get("value") != null ? " = " + event.get("value") : "")
          + (event.get("status") != null ? " " + event.get("status") : "");
      out.append("\n- ").append(t.line("recent.item", with(event, "subject", subject)));
    }
    return out.toString();
  }

  private static String code(Templates t, Map<String, Object> r) {
    String kind = String.valueOf(r.get("kind"));
    List<String> carriers = new ArrayList<>();
    for (Map<String, Object> group : maps(r.get("carriedBy"))) {
      carriers.add(group.get("label") + " [" + group.get("id") + "]");
    }
    String carried = carriers.isEmpty() ? "" : " " + t.line("code.carried", Map.of("carriers",
        String.join(", ", carriers)));
    if (kind.equals("blocked") && r.get("waitingFor") != null) {
      return t.line("code.blocked", with(map(r.get("waitingFor")), "code", r.get("code"))) + carried;
    }
    if (kind.equals("ready")) {
      return t.line("code.ready", r) + carried;
    }
    return t.line("code.unknown", r) + carried;
  }

  /** Who may do what: by the permissions each actor holds, and for a check, whose it is. */
  private static String permission(Templates t, Question q, Map<String, Object> summary, Map<String, Object> check,
                                   Map<String, Object> tasks) {
    Map<String, Object> offered = offered(q, tasks);
    if (offered != null) {
      // what the server would do now comes first; holding the permission is only the second thing said
      return whyNot(t, tasks, offered) + held(t, q, summary);
    }
    String refusals = q.subject() == null ? refusals(t, q, tasks) : null;
    if (refusals != null) {
      return refusals;
    }
    List<Map<String, Object>> actors = list(summary.get("actors"));
    Map<String, Object> actor = null;
    for (Map<String, Object> a : actors) {
      if (a.get("id").equals(q.actor())) {
        actor = a;
      }
    }
    Action action = q.action();
    if (check != null && !check.containsKey("error") && action == null) {
      action = check.get("command") != null && String.valueOf(check.get("command")).contains("/decisions/")
          ? Action.DECIDE : Action.ACCEPT;
    }
    if (actor != null && action == null) {
      return t.line("perm.list", with(actor, "permissions", join(list(actor.get("permissions")))));
    }
    if (action == null) {
      action = Action.RUN;
    }
    String permission = switch (action) {
      case ACCEPT -> Permissions.ACCEPT_CHECKS;
      case DECIDE -> Permissions.RECORD_DECISIONS;
      case RUN -> Permissions.RUN_PIPELINES;
    };
    String verb = t.raw("perm.verb." + action.name().toLowerCase());
    List<String> holders = new ArrayList<>();
    for (Map<String, Object> a : actors) {
      if (list(a.get("permissions")).contains(permission)) {
        holders.add(a.get("name") + " (" + a.get("role") + ")");
      }
    }
    String who = holders.isEmpty() ? t.raw("perm.nobody") : String.join(", ", holders);
    StringBuilder out = new StringBuilder();
    if (actor != null) {
      boolean may = list(actor.get("permissions")).contains(permission);
      boolean owns = check == null || check.containsKey("error") || actor.get("id").equals(check.get("owner"));
      Map<String, Object> values = with(actor, "verb", verb, "permission", permission);
      if (may && owns && action == Action.DECIDE && q.subject() == null && tasks != null && !has(tasks, "decision")) {
        out.append(t.line("perm.yes.noDecision", values));
      } else if (may && owns) {
        out.append(t.line("perm.yes", values));
      } else if (may) {
        out.append(t.line("perm.notOwner", with(values, "checkLabel", check.get("label"), "check", check.get("id"),
            "ownerName", check.get("ownerName"))));
      } else {
        out.append(t.line("perm.no", values));
      }
      out.append(' ');
    }
    if (check != null && !check.containsKey("error")) {
      out.append(t.line(check.get("command") == null ? "perm.check.derived" : "perm.check", with(check, "verb", verb)));
    } else {
      out.append(t.line(action == Action.RUN ? "perm.who.run" : "perm.who", Map.of("verb", verb, "who", who,
          "permission", permission)));
    }
    return out.toString();
  }

  /** Whether {@code actor} holds the permission for the action asked, as a second sentence, or nothing. */
  private static String held(Templates t, Question q, Map<String, Object> summary) {
    if (q.action() == null || summary == null) {
      return "";
    }
    String permission = switch (q.action()) {
      case ACCEPT -> Permissions.ACCEPT_CHECKS;
      case DECIDE -> Permissions.RECORD_DECISIONS;
      case RUN -> Permissions.RUN_PIPELINES;
    };
    for (Map<String, Object> a : maps(summary.get("actors"))) {
      if (a.get("id").equals(q.actor())) {
        boolean may = list(a.get("permissions")).contains(permission);
        return " " + t.line(t.to(may ? "perm.holds" : "perm.lacks", a.get("id")), with(a, "permission", permission));
      }
    }
    return "";
  }

  /** Whether any of the actor's open commands, available or refused, is of {@code kind} (as ownerTasks names it). */
  private static boolean has(Map<String, Object> tasks, String kind) {
    for (String part : List.of("actionable", "blocked")) {
      for (Map<String, Object> item : maps(tasks.get(part))) {
        if (kind.equals(item.get("kind"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The one result of {@code results} after the first that has {@code key}, or null. */
  private static Map<String, Object> shaped(List<Map<String, Object>> results, String key) {
    for (Map<String, Object> r : results.subList(Math.min(1, results.size()), results.size())) {
      if (r != null && r.containsKey(key)) {
        return r;
      }
    }
    return null;
  }

  /** The command asked about among what the actor is offered (their own check, or the pipeline named), or null. */
  private static Map<String, Object> offered(Question q, Map<String, Object> tasks) {
    if (tasks == null || q.subject() == null) {
      return null;
    }
    for (String part : List.of("actionable", "blocked")) {
      for (Map<String, Object> item : maps(tasks.get(part))) {
        if (q.subject().equals(item.get("id")) || q.subject().equals(item.get("pipeline"))) {
          return with(item, "available", part.equals("actionable"));
        }
      }
    }
    return null;
  }

  /** Nothing in particular named: each of the actor's commands of the kind asked that the server would refuse now, and why. */
  private static String refusals(Templates t, Question q, Map<String, Object> tasks) {
    if (tasks == null || q.action() == null) {
      return null;
    }
    String kind = switch (q.action()) {
      case ACCEPT -> "sign-off";
      case DECIDE -> "decision";
      case RUN -> "pipeline";
    };
    List<String> refused = new ArrayList<>();
    for (Map<String, Object> item : maps(tasks.get("blocked"))) {
      if (kind.equals(item.get("kind"))) {
        refused.add(t.line(item.get("blockedBy") == null ? "why.item.refused" : "why.item.waits", item));
      }
    }
    if (refused.isEmpty()) {
      return null;
    }
    return t.line("why.list", with(tasks, "items", String.join("; ", refused)));
  }

  /** Why someone cannot do a thing yet: the server's own refusal and what it waits for, or that they may now. */
  private static String whyNot(Templates t, Map<String, Object> tasks, Map<String, Object> item) {
    Map<String, Object> values = with(item, "name", tasks.get("name"), "role", tasks.get("role"));
    Object actor = tasks.get("id");
    if (Boolean.TRUE.equals(item.get("available"))) {
      return t.line(t.to("why.may", actor), values);
    }
    return t.line(t.to(item.get("blockedBy") == null ? "why.refused" : "why.waits", actor), values);
  }

  private static String session(Templates t, Question q, Map<String, Object> summary) {
    StringBuilder out = new StringBuilder();
    Map<String, Object> live = map(summary.get("session"));
    List<Map<String, Object>> environments = list(summary.get("environments"));
    List<String> items = new ArrayList<>();
    for (Map<String, Object> environment : environments) {
      String state = String.valueOf(environment.get("state"));
      items.add(t.line("session.environment", with(environment, "stateWord", t.lines().getOrDefault("env." + state,
          state))));
    }
    String listed = t.line("session.environments", Map.of("environments", String.join("; ", items)));
    if (q.environment() != null) {
      out.append(listed);
      if (live != null) {
        out.append(' ').append(t.line("session", live));
      }
    } else {
      if (live != null) {
        out.append(t.line("session", live));
        if (live.get("lastWriteAt") != null) {
          out.append(' ').append(t.line("session.lastWrite", live));
        } else if ("lastWrite".equals(q.subject())) {
          out.append(' ').append(t.line("session.lastWrite.none", live));
        }
      }
      out.append(' ').append(listed);
    }
    return out.toString().trim();
  }

  /** The snapshot the migration moves: its rows and checksum, and the rows of each batch. */
  private static String snapshot(Templates t, Map<String, Object> r) {
    List<String> batches = new ArrayList<>();
    for (Map<String, Object> batch : maps(r.get("batches"))) {
      batches.add(t.line("snapshot.batch", batch));
    }
    String line = t.line("snapshot", r);
    return batches.isEmpty() ? line : line + " " + t.line("snapshot.batches", Map.of("batches",
        String.join("; ", batches)));
  }

  /** Refuses a request to act, naming who can do it and how, from the facts of what was asked. */
  private static String refuse(Templates t, Question q, List<Map<String, Object>> results) {
    StringBuilder out = new StringBuilder(t.line("refuse", Map.of()));
    Map<String, Object> first = results.isEmpty() ? null : results.get(0);
    if (first == null || first.containsKey("error")) {
      return out.toString();
    }
    out.append(' ');
    if (q.action() == Action.RUN && results.size() > 1) {
      Map<String, Object> summary = results.get(1);
      List<String> holders = new ArrayList<>();
      for (Map<String, Object> a : maps(summary.get("actors"))) {
        if (list(a.get("permissions")).contains(Permissions.RUN_PIPELINES)) {
          holders.add(a.get("name") + " (" + a.get("role") + ")");
        }
      }
      out.append(t.line("refuse.run", with(first, "who", holders.isEmpty() ? t.raw("perm.nobody")
          : String.join(", ", holders))));
      if (Boolean.FALSE.equals(first.get("startable"))) {
        out.append(' ').append(t.line(first.get("blockedBy") == null ? "refuse.run.refused"
            : "refuse.run.waits", first));
      }
    } else if (first.containsKey("ownerName") && first.containsKey("kind")) {
      out.append(t.line(first.get("command") == null ? "refuse.derived" : "refuse.check", first));
    } else if (first.containsKey("checks")) {
      out.append(t.line("refuse.gate", first));
      List<String> owners = new ArrayList<>();
      for (Map<String, Object> check : maps(first.get("checks"))) {
        String owner = check.get("ownerName") + " (" + check.get("ownerRole") + ")";
        if (!"READY".equals(check.get("status")) && !owners.contains(owner)) {
          owners.add(owner);
        }
      }
      if (!owners.isEmpty()) {
        out.append(' ').append(t.line("refuse.gate.owners", Map.of("owners", String.join(", ", owners))));
      }
    } else {
      out.append(t.line("refuse.next", Map.of())).append(' ').append(next(t, first));
    }
    return out.toString();
  }

  /** Whether every fact {@code second} states is already in {@code first}: then it only says them again in other words. */
  private static boolean repeats(String first, String second) {
    Matcher m = FACT.matcher(PARENTHESISED.matcher(second).replaceAll(" "));
    while (m.find()) {
      if (!first.contains(m.group())) {
        return false;
      }
    }
    return true;
  }

  /** The sentences of {@code second} that {@code first} does not already say: an answer never repeats itself. */
  private static String unsaid(String first, String second) {
    List<String> kept = new ArrayList<>();
    for (String line : second.split("\n")) {
      List<String> sentences = new ArrayList<>();
      for (String sentence : SENTENCE_END.split(line)) {
        String said = sentence.strip();
        if (!first.contains(said.endsWith(".") ? said.substring(0, said.length() - 1) : said)) {
          sentences.add(sentence);
        }
      }
      if (!sentences.isEmpty()) {
        kept.add(String.join(" ", sentences));
      }
    }
    return String.join("\n", kept).strip();
  }

  // ---- helpers ----

  private static String join(List<?> items) {
    List<String> out = new ArrayList<>();
    items.forEach(item -> out.add(String.valueOf(item)));
    return String.join(", ", out);
  }

  private static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
    Map<String, Object> out = new HashMap<>(base == null ? Map.of() : base);
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(String.valueOf(pairs[i]), pairs[i + 1]);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  private static List<Map<String, Object>> maps(Object value) {
    return list(value);
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object value) {
    if (!(value instanceof List<?> items)) {
      return List.of();
    }
    return (List<T>) items;
  }

  /** Templates with {@code {name}} placeholders; a missing value leaves a visible "?" rather than failing. */
  private record Templates(Map<String, String> lines, String asker) {

    /** {@code key}'s second-person form ("key.you") when {@code actor} is the one asking and the language has one. */
    String to(String key, Object actor) {
      return asker != null && asker.equals(actor) && lines.containsKey(key + ".you") ? key + ".you" : key;
    }

    String raw(String key) {
      return lines.getOrDefault(key, key);
    }

    String line(String key, Map<String, Object> values) {
      Matcher m = PLACEHOLDER.matcher(raw(key));
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        Object value = values.get(m.group(1));
        // a language may name each status in its own words beside the code ("status.BLOCKED")
        if (value != null && m.group(1).endsWith("tatus") && lines.containsKey("status." + value)) {
          value = lines.get("status." + value);
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "?" : String.valueOf(value)));
      }
      m.appendTail(out);
      return out.toString();
    }
  }
}

package io.bfg.console.copilot;

import io.bfg.console.copilot.QuestionReader.Action;
import io.bfg.console.copilot.QuestionReader.Intent;
import io.bfg.console.copilot.QuestionReader.Question;
import io.bfg.console.model.Permissions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

  private static final int LIST_LIMIT = 6;
  /** The statuses a gate can be listed by ("which gates are blocked"); READY ones are not in the overview's list. */
  private static final Set<String> STATUSES = WordSet.of("REVIEW", "BLOCKED");
  /**
   * What a second reading states: ids, codes and names (capitalised words), numbers, hyphenated names
   * ("records-json-archive"); a role in brackets is no new fact.
   */
  private static final Pattern FACT = Pattern.compile("\\[[^\\]]+]|\\b\\p{Lu}[\\p{L}.'-]*|\\d+(?:/\\d+)?"
      + "|\\b\\p{Ll}[\\p{Ll}\\d]*(?:-[\\p{Ll}\\d]+)+");
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
    if (result != null && !result.containsKey("error") && !question.calls().isEmpty()
        && "dependents".equals(question.calls().get(0).tool())) {
      // "if I pull my sign-off, what happens": what waits on it (or on its gate, left open) would wait again
      String withdrawn = question.asks().stream().filter(a -> a.startsWith(QuestionReader.ASKS_WITHDRAWN))
          .map(a -> a.substring(QuestionReader.ASKS_WITHDRAWN.length())).findFirst().orElse(null);
      return (withdrawn == null ? "" : t.line(withdrawn.equals(result.get("id")) ? "dependents.withdrawn"
          : "dependents.withdrawnGate", with(result, "check", withdrawn)) + " ") + dependents(t, result);
    }
    if (result != null && !result.containsKey("error") && !question.calls().isEmpty()
        && "ifDone".equals(question.calls().get(0).tool())) {
      // "... how many gates are ready then": the count first
      String counted = question.asks().contains(QuestionReader.ASKS_COUNT) && result.get("gatesTotal") != null
          ? t.line("ifDone.gatesThen", result) + " " : question.asks().contains(QuestionReader.ASKS_CODE)
          && result.get("codeThen") != null ? t.line("ifDone.codeThen", result) + " " : "";
      if (question.asks().contains(QuestionReader.ASKS_EFFECT) && result.get("outcome") == null
          && !Boolean.TRUE.equals(result.get("alreadyDone")) && result.get("gatesTotal") != null) {
        return ifDoneEffect(t, result);
      }
      return counted + ifDone(t, result, question.asks().contains(QuestionReader.ASKS_GO_TOO),
          question.asks().contains(QuestionReader.ASKS_NEXT));
    }
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
          : question.subject() != null && question.subject().startsWith(QuestionReader.GROUPS)
          ? groupsCounted(t, result, question.subject().length() > QuestionReader.GROUPS.length()
              ? question.subject().substring(QuestionReader.GROUPS.length() + 1) : null)
          : QuestionReader.BY_STATUS.equals(question.subject()) ? byStatus(t, result)
          : question.subject() != null && question.subject().startsWith("list:")
          ? counted(t, result, question.subject().substring("list:".length()))
          : result.containsKey("checks") ? t.line("count.group", result) + openChecks(t, result)
          : result.get("gatesByStatus") instanceof Map<?, ?> byStatus ? t.line("count.status", with(result,
          "status", question.subject(), "count", byStatus.get(question.subject())))
          : t.line("count", result) + (question.asks().contains(QuestionReader.ASKS_WHICH) ? " " + readyGates(t, result)
          : "");
      case BLOCKERS -> "traffic".equals(question.subject()) ? traffic(t, result)
          : question.subject() != null && question.subject().startsWith(QuestionReader.STALE)
          ? stale(t, result, question.subject().length() > QuestionReader.STALE.length()
              ? question.subject().substring(QuestionReader.STALE.length() + 1) : null)
          : blockers(t, result, STATUSES.contains(question.subject()) ? question.subject() : null,
          QuestionReader.OWNERS.equals(question.subject()));
      case NEXT -> next(t, result);
      case WHY, STATUS -> question.subject() != null && question.subject().startsWith(QuestionReader.NO_SIGN_OFF)
          && !result.containsKey("error") ? t.line(result.get("pipeline") != null ? "check.noSignOff.pipeline"
              : "check.noSignOff.derived", result) + " " + check(t, result)
          : question.subject() != null && question.subject().startsWith(QuestionReader.WAITS_ON)
          && results.size() > 1 ? waitsOn(t, question, result, results.get(1))
          : question.subject() != null && question.subject().startsWith(QuestionReader.BLOCKS_PRODUCTION)
          ? blocksProduction(t, result) + " " + (result.containsKey("checks") ? gate(t, result) : check(t, result))
          : result.containsKey("decisions") ? decisions(t, result)
          : answered(t, question, result, result.containsKey("checks") ? gate(t, result) : check(t, result))
              + evidenceHash(t, question, result);
      case OWNER -> result.containsKey("owns") ? person(t, result)
          : !result.containsKey("checks") ? answered(t, question, result, owner(t, result)
              + onlyOwner(t, question, result) + derivedOpen(t, result))
          : question.asks().contains(QuestionReader.ASKS_SIGNERS) ? signers(t, result)
          : result.get("ownerName") != null ? ownerOfGroup(t, result) : gate(t, result);
      case TASKS -> QuestionReader.SIGNED.equals(question.subject()) ? signed(t, result)
          : question.action() == Action.ACCEPT ? signOffs(t, result) + " " + tasks(t, result)
          : tasks(t, result) + permissions(t, question, result);
      case OWNED -> question.subject() != null && question.subject().startsWith(QuestionReader.COMPARED)
          && results.size() > 1 ? compared(t, question.subject().substring(QuestionReader.COMPARED.length()),
              results.get(0), results.get(1))
          : owned(t, results.size() > 1 && results.get(1).containsKey("checks")
          ? within(result, results.get(1)) : result);
      case PROVIDER -> question.subject() == null || !question.subject().startsWith(QuestionReader.COUNTED)
          ? providers(t, results, false, QuestionReader.ALL_PROVIDERS.equals(question.subject()))
          : providersCounted(t, question, results);
      case PIPELINE_RESULT -> QuestionReader.PIPELINES.equals(question.subject()) ? pipelines(t, results)
          : question.subject() != null && question.subject().startsWith(QuestionReader.RUNS)
          ? t.line(!Boolean.TRUE.equals(result.get("ran")) ? "run.never" : result.get("runnersSeen") != null
              ? "run.count.by" : "run.count", with(result, "times",
              times(t, result.get("runsSeen")))) + runsInOrder(t, result)
          : question.subject() != null && question.subject().startsWith("api:")
          ? t.line("api.pipeline", result)
          : question.asks().contains(QuestionReader.ASKS_STEPS) && !maps(result.get("plannedSteps")).isEmpty()
          // (with how its last run went when it ran: "ile kroków ma dry run i ile przeszło")
          ? plannedSteps(t, result) + " " + (Boolean.TRUE.equals(result.get("ran")) ? run(t, result, null)
              : t.line("run.steps.never", result))
          : noneFailed(t, question, result) + run(t, result, results.size() > 1 ? results.get(1) : null,
              question.asks().contains(QuestionReader.ASKS_DURATION)) + passedRun(t, question, result);
      case RECENT -> recent(t, result, question.subject());
      case MEANING -> "decisionCode".equals(question.calls().get(0).tool()) ? code(t, result)
          : "packetEnv".equals(question.calls().get(0).tool()) ? env(t, result)
          : whatIs(t, question, results);
      case PERMISSION -> permission(t, question, result, shaped(results, "kind"), shaped(results, "actionable"),
          shaped(results, "startable"));
      case SESSION -> "rollback".equals(question.subject()) && result.get("rollbackOwner") != null
          ? t.line("session.rollback", result)
          : QuestionReader.DATABASE.equals(question.subject()) && result.get("database") != null
          ? t.line("session.database", result) : "lastWrite".equals(question.subject())
          ? lastWrite(t, question, result, results.size() > 1 ? list(results.get(1).get("events")) : List.of())
          : session(t, question, result);
      case SNAPSHOT -> snapshot(t, result, question.subject());
      case OTHER_OWNERS -> otherOwners(t, question, result);
      default -> t.line("unknown", Map.of());
    };
  }

  /** "evidence hash on the chamber map sign-off?": the hash of what its sign-off or decision accepted. */
  private static String evidenceHash(Templates t, Question q, Map<String, Object> r) {
    return q.asks().contains(QuestionReader.ASKS_HASH) && r.get("evidenceHash") != null
        ? " " + t.line("check.evidenceHash", r) : "";
  }

  /** "what makes the live keys go green, can I tick it off": nobody does, and what it rests on, in its own words. */
  private static String derivedOpen(Templates t, Map<String, Object> r) {
    return !"derived".equals(r.get("kind")) || "READY".equals(r.get("status")) || r.get("follows") != null ? ""
        : " " + t.line(r.get("description") == null ? "check.derived.open" : "check.derived.described", r);
  }

  /** "the cert fingerprint from the run that passed": that run and what each step found, after the last one. */
  private static String passedRun(Templates t, Question q, Map<String, Object> result) {
    if (!q.asks().contains(QuestionReader.ASKS_PASSED) || result.get("passedRun") == null) {
      return "";
    }
    Map<String, Object> passed = map(result.get("passedRun"));
    return "\n" + t.line("run.passedRun", q.asks().contains(QuestionReader.ASKS_DURATION)
        ? with(passed, "steps", passed.get("stepsTimed")) : passed);
  }

  /**
   * A thing's status as the question asked it: "is it ready?" answered yes or no first, "what does it depend
   * on?" with each of its dependencies and their status.
   */
  private static String answered(Templates t, Question q, Map<String, Object> r, String status) {
    String out = status;
    if (q.asks().contains(QuestionReader.ASKS_READY)) {
      out = t.line("READY".equals(r.get("status")) ? "asked.yes" : "asked.no.ready", r) + " " + out;
    } else if (q.asks().contains(QuestionReader.ASKS_BLOCKED)) {
      out = t.line("BLOCKED".equals(r.get("status")) ? "asked.yes" : "asked.no.blocked", r) + " " + out;
    } else if (q.asks().contains(QuestionReader.ASKS_NOT_BLOCKED)) {
      out = t.line("BLOCKED".equals(r.get("status")) ? "asked.isBlocked" : "asked.notBlocked", r) + " " + out;
    }
    // a gate's answer already says what it waits for; a check's dependencies are said only when asked
    if (q.asks().contains(QuestionReader.ASKS_DEPENDS) && !r.containsKey("checks")) {
      out += " " + dependencies(t, r);
    }
    // "is my sign-off still valid": whether it stands, said outright
    if (q.asks().contains(QuestionReader.ASKS_VALID) && !r.containsKey("checks")) {
      out = t.line(r.get("signedOffBy") == null ? "check.valid.none" : Boolean.TRUE.equals(r.get("stale"))
          ? "check.valid.stale" : "check.valid.yes", r) + " " + out;
    }
    return out;
  }

  /** What check {@code r} depends on, each with its status. */
  private static String dependencies(Templates t, Map<String, Object> r) {
    List<String> items = new ArrayList<>();
    maps(r.get("dependsOn")).forEach(d -> items.add(t.line("depends.item", d)));
    return items.isEmpty() ? t.line("depends.none", r) : t.line("depends", Map.of("items", String.join("; ", items)));
  }

  /** The console's own words explained, from the templates ({@code term.<key>}): one place for what they mean. */
  private static String terms(Templates t, String keys) {
    List<String> lines = new ArrayList<>();
    for (String key : keys.split(" ")) {
      lines.add(t.line("term." + key, Map.of()));
    }
    return String.join("\n", lines);
  }

  /** What a thing is (its label and description), then what it is now. */
  private static String whatIs(Templates t, Question question, List<Map<String, Object>> results) {
    Map<String, Object> r = results.get(0);
    String tool = question.calls().get(0).tool();
    // a provider is no gate or check: it is named by its label, without an id to cite
    String what = t.line("provider".equals(tool) ? "what.provider"
        : r.get("description") == null ? "what" : "what.described", r);
    String now = switch (tool) {
      case "provider" -> providers(t, results, false, false);
      case "check" -> check(t, r);
      default -> gate(t, r);
    };
    return what + "\n" + now;
  }

  /** One provider, or several listed one a line (always a list when {@code list}). */
  private static String providers(Templates t, List<Map<String, Object>> results, boolean list, boolean all) {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> r : results) {
      if (r != null && !r.containsKey("error")) {
        lines.add(t.line(r.get("check") == null ? "provider.unchecked" : r.get("checkOwnerName") != null
            ? "provider.checkOwner" : "provider", r));
      }
    }
    if (lines.size() == 1 && !list) {
      return lines.get(0);
    }
    // "which of our services are still on mocks": all of them, counted, each with its mode today and its target
    return (all ? t.line("providers.all", Map.of("count", lines.size())) + "\n" : "") + "- "
        + String.join("\n- ", lines);
  }

  /** How many providers there are, then all of them or, asked "which are mine", the asker's own. */
  private static String providersCounted(Templates t, Question q, List<Map<String, Object>> results) {
    List<Map<String, Object>> found = results.stream().filter(r -> r != null && !r.containsKey("error")).toList();
    String head = t.line("providers.count", Map.of("count", found.size()));
    if (!q.subject().endsWith(":mine")) {
      return head + "\n" + providers(t, found, true, false);
    }
    List<Map<String, Object>> mine = found.stream().filter(r -> Objects.equals(r.get("owner"), q.actor())).toList();
    return mine.isEmpty() ? head + " " + t.line("providers.mine.none", Map.of())
        : head + " " + t.line("providers.mine", Map.of("count", mine.size())) + "\n" + providers(t, mine, true, false);
  }

  /** Every gate status counted: "how many are ready, how many in review, how many blocked". */
  private static String byStatus(Templates t, Map<String, Object> r) {
    List<String> items = new ArrayList<>();
    if (r.get("gatesByStatus") instanceof Map<?, ?> counts) {
      counts.forEach((status, count) -> items.add(t.line("count.byStatus.item", Map.of("status", status, "count",
          count))));
    }
    return t.line("count.byStatus", with(r, "counts", String.join(", ", items)));
  }

  /** Every decision: its value or none yet, and who decides. */
  private static String decisions(Templates t, Map<String, Object> r) {
    List<Map<String, Object>> decisions = maps(r.get("decisions"));
    if (decisions.isEmpty()) {
      return t.line("decisions.none", Map.of());
    }
    List<String> items = new ArrayList<>();
    int open = 0;
    for (Map<String, Object> decision : decisions) {
      Object value = decision.get("decided");
      if (value == null) {
        open++;
      }
      String item = t.line("decisions.item", with(decision, "value", value == null ? t.raw("decisions.open") : value));
      // what can still be chosen: "which decisions are open, and what are the options" (their values: a label's
      // "errors above 2%" in a list of several decisions would read as a count)
      if (value == null && decision.get("optionValues") instanceof List<?> options && !options.isEmpty()) {
        item += "; " + t.line("decisions.options", Map.of("options", join(options)));
      }
      items.add(item);
    }
    // ("jakie decyzje infrastrukturalne zapadły": those of the group named)
    // ("how many decisions got recorded so far": how many are, said, not left to subtract)
    int recorded = decisions.size() - open;
    return (r.get("id") == null ? t.line("decisions.head", Map.of("count", decisions.size(), "open", open,
        "recorded", recorded))
        : t.line("decisions.head.group", with(r, "count", decisions.size(), "open", open, "recorded", recorded)))
        + "\n- "
        + String.join("\n- ", items);
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
        String.join(", ", names))) + " " + mayAct(t, maps(r.get("actors")));
  }

  /**
   * How many of the people may do each of the console's acts, and who holds the most permissions ("how many of them
   * can sign off", "kto ma najwięcej uprawnień").
   */
  private static String mayAct(Templates t, List<Map<String, Object>> actors) {
    Map<String, Long> holding = new LinkedHashMap<>();
    for (String permission : List.of(Permissions.ACCEPT_CHECKS, Permissions.RECORD_DECISIONS,
        Permissions.RUN_PIPELINES)) {
      holding.put(permission, actors.stream().filter(a -> list(a.get("permissions")).contains(permission)).count());
    }
    int most = actors.stream().mapToInt(a -> list(a.get("permissions")).size()).max().orElse(0);
    List<String> mostNames = actors.stream().filter(a -> list(a.get("permissions")).size() == most)
        .map(a -> String.valueOf(a.get("name"))).toList();
    return t.line("count.people.may", Map.of("accept", holding.get(Permissions.ACCEPT_CHECKS), "decide",
        holding.get(Permissions.RECORD_DECISIONS), "run", holding.get(Permissions.RUN_PIPELINES), "most",
        String.join(", ", mostNames), "mostCount", most));
  }

  /**
   * Every group counted, the checklist's gates and the groups outside it together ("how many groups are
   * blocked"), then the gates as the dashboard counts them.
   */
  private static String groupsCounted(Templates t, Map<String, Object> r, String status) {
    List<Map<String, Object>> groups = maps(r.get("groups"));
    String gates = r.get("gatesByStatus") instanceof Map<?, ?> byStatus && status != null
        ? t.line("count.status", with(r, "status", status, "count", byStatus.get(status)))
        : t.line("count.groups.gates", r);
    if (status == null) {
      long ready = groups.stream().filter(g -> "READY".equals(g.get("status"))).count();
      return t.line("count.groups", Map.of("ready", ready, "total", groups.size(), "notReady",
          groups.size() - ready)) + " " + gates;
    }
    List<String> named = new ArrayList<>();
    for (Map<String, Object> group : groups) {
      if (status.equals(group.get("status"))) {
        named.add(t.line("count.gate", group));
      }
    }
    return t.line("count.groups.status", Map.of("count", named.size(), "total", groups.size(), "status", status,
        "groups", named.isEmpty() ? "-" : String.join(", ", named))) + " " + gates;
  }

  /** A count, then the gates of {@code status} named: "how many gates are there and which are ready". */
  private static String counted(Templates t, Map<String, Object> r, String status) {
    String head = r.get("gatesByStatus") instanceof Map<?, ?> byStatus
        ? t.line("count.status", with(r, "status", status, "count", byStatus.get(status))) : t.line("count", r);
    List<String> gates = new ArrayList<>();
    List<Map<String, Object>> all = r.containsKey("gates") ? maps(r.get("gates"))
        : maps(r.get("groups")).stream().filter(g -> Boolean.TRUE.equals(g.get("gate"))).toList();
    boolean notReady = QuestionReader.NOT_READY.equals(status);
    for (Map<String, Object> gate : all) {
      if (notReady ? !"READY".equals(gate.get("status")) : status.equals(gate.get("status"))) {
        gates.add(t.line(notReady ? "count.gateStatus" : "count.gate", gate));
      }
    }
    if (notReady) {
      return head + " " + (gates.isEmpty() ? t.line("count.allReady", Map.of())
          : t.line("count.notReady", Map.of("gates", String.join(", ", gates))));
    }
    return head + " " + (gates.isEmpty() ? t.line("blockers.status.none", Map.of("status", status))
        : t.line("count.list", Map.of("status", status, "gates", String.join(", ", gates))));
  }

  /**
   * The overview; with {@code status} (asked "which gates are blocked"), only the gates of that status listed;
   * with {@code owners}, each gate with who owns its open checks.
   */
  private static String blockers(Templates t, Map<String, Object> r, String status, boolean owners) {
    StringBuilder out = new StringBuilder(t.line("blockers.head", with(r, "go",
        Boolean.TRUE.equals(r.get("go")) ? t.raw("go") : t.raw("nogo"), "target", r.getOrDefault("target", ""))));
    if (r.get("traffic") != null) {
      out.append(' ').append(t.line("blockers.traffic", r));
    }
    List<Map<String, Object>> blockers = list(r.get("blockers"));
    // few checks left in all: the facts name each with its owner ("list everything that still holds it up")
    boolean named = blockers.stream().anyMatch(group -> group.containsKey("open"))
        || maps(r.get("otherBlockers")).stream().anyMatch(group -> group.containsKey("open"));
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
        // (a gate held by another whose own checks are all done has none to list: "Open checks: ." said nothing)
        String openItems = named ? openItems(t, gate, "; ") : "";
        if (!openItems.isEmpty()) {
          out.append(' ').append(t.line("gate.open", Map.of())).append(' ').append(openItems).append('.');
        } else if (!named && owners && !list(gate.get("openOwners")).isEmpty()) {
          out.append(' ').append(t.line("blockers.owners", Map.of("owners", join(list(gate.get("openOwners"))))));
        }
      }
    }
    List<String> beyond = new ArrayList<>();
    for (Map<String, Object> group : maps(r.get("otherBlockers"))) {
      if (status == null || status.equals(group.get("status"))) {
        beyond.add(t.line("blockers.beyond.item", group) + (named ? " " + t.line("blockers.beyond.open",
            Map.of("items", openItems(t, group, ", "))) : ""));
      }
    }
    // the others counted as the list was: the checklist's gates and the groups outside it
    others += (int) maps(r.get("otherBlockers")).stream().filter(g -> status != null
        && !status.equals(g.get("status"))).count();
    if (!beyond.isEmpty()) {
      // "which groups are blocked": the groups outside the checklist of that status too
      out.append('\n').append(t.line(status == null ? "blockers.beyond" : "blockers.beyond.status",
          Map.of("items", String.join("; ", beyond), "status", String.valueOf(status))));
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

  private static String openItems(Templates t, Map<String, Object> group, String separator) {
    List<String> items = new ArrayList<>();
    maps(group.get("open")).forEach(check -> items.add(t.line("gate.check", check)));
    return String.join(separator, items);
  }

  private static String next(Templates t, Map<String, Object> r) {
    if (r == null || Boolean.TRUE.equals(r.get("done"))) {
      return t.line("next.done", Map.of());
    }
    Map<String, Object> values = with(r, "reason", r.get("reason") == null ? "" : r.get("reason"));
    if (r.get("ownerLacks") != null) {
      return t.line("next.forbidden", values).replace("  ", " ");
    }
    if (Boolean.FALSE.equals(r.get("ownerRuns")) && r.get("runners") instanceof List<?> runners) {
      return t.line("next.runners", with(values, "who", runners.isEmpty() ? t.raw("perm.nobody") : join(runners)));
    }
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
    // production has no checks of its own: "at 0/0, all its checks are done" would read as ready
    boolean derived = maps(r.get("checks")).isEmpty() && r.get("dependencyChecks") != null;
    StringBuilder out = new StringBuilder(t.line(derived ? "group.derived"
        : Boolean.FALSE.equals(r.get("gate")) ? "group" : "gate", r));
    Map<String, Object> blocker = map(r.get("blockedByDetail"));
    if (blocker != null) {
      // a check it waits for has no count or code of its own: "?/? (?)" said nothing
      boolean group = blocker.containsKey("checks") || blocker.containsKey("done");
      out.append(' ').append(t.line(group ? "gate.waits" : "gate.waits.check", with(r, "blockedLabel",
          blocker.get("label"), "blockedStatus", blocker.get("status"), "blockedDone", blocker.get("done"),
          "blockedTotal", blocker.get("total"), "blockedDecision", blocker.get("decision"))));
      for (Map<String, Object> other : maps(r.get("alsoBlockedBy"))) {
        out.append(' ').append(t.line(other.containsKey("checks") || other.containsKey("done")
            ? "gate.waits.also" : "gate.waits.also.check", other));
      }
    }
    List<String> open = new ArrayList<>();
    for (Map<String, Object> check : maps(r.get("checks"))) {
      if (!"READY".equals(check.get("status")) && open.size() < LIST_LIMIT) {
        open.add(t.line("gate.check", check));
      }
    }
    if (!derived) {
      out.append(' ').append(open.isEmpty() ? t.line("gate.ready", Map.of())
          : t.line("gate.open", Map.of()) + " " + String.join("; ", open) + ".");
    }
    // "integracje mają 6/6 a nikt nic nie klepał - jak to?": ready with no sign-off and no run behind it
    List<Map<String, Object>> checks = maps(r.get("checks"));
    if (!checks.isEmpty() && open.isEmpty() && r.get("lastRun") == null
        && checks.stream().noneMatch(c -> c.get("signedOffByName") != null)) {
      out.append(' ').append(t.line("gate.noSignOffs", Map.of()));
    }
    out.append(lastRun(t, map(r.get("lastRun"))));
    return out.toString();
  }

  /**
   * That a sign-off or decision is stale, and when a decision it rests on was recorded over after it, which ("kasia
   * signed the KNF notice didn't she? why's it still open": the region was changed under it).
   */
  private static String staleSaid(Templates t, Map<String, Object> r) {
    if (!Boolean.TRUE.equals(r.get("stale"))) {
      return "";
    }
    List<String> changes = new ArrayList<>();
    maps(r.get("staleBy")).forEach(change -> changes.add(t.line("check.again.decided", change)));
    // ("od kiedy ćwiczenie odtworzenia jest nieaktualne": a pipeline it rests on ran again after it)
    maps(r.get("runAfter")).forEach(run -> changes.add(t.line("check.stale.rerun", run)));
    return changes.isEmpty() ? t.line("check.stale", Map.of())
        : t.line("check.stale.by", Map.of("changes", String.join("; ", changes)));
  }

  /** A sign-off given again without a withdrawal: the earlier one, and what changed under it in between. */
  private static String signedBefore(Templates t, Map<String, Object> before) {
    if (before == null) {
      return "";
    }
    if (before.get("revokedAt") != null) {
      return " " + t.line("check.again.revoked", before);
    }
    List<String> changes = new ArrayList<>();
    for (Map<String, Object> change : maps(before.get("changes"))) {
      changes.add(t.line("check.again.decided", change));
    }
    return " " + t.line(changes.isEmpty() ? "check.again" : "check.again.stale", with(before, "changes",
        String.join("; ", changes)));
  }

  /** How the last run of the pipeline proving a gate or check went: its failed step and what it skipped. */
  private static String lastRun(Templates t, Map<String, Object> run) {
    if (run == null) {
      return "";
    }
    String out = " " + t.line(run.containsKey("stepStatus") ? "check.run"
        : run.containsKey("failedStep") ? "gate.run.failed" : "gate.run", run);
    if (run.containsKey("stepStatus") && run.containsKey("failedStep")) {
      out += " " + t.line("check.run.after", run);
    }
    return run.containsKey("skipped") ? out + " " + t.line("gate.run.skipped", run) : out;
  }

  private static String check(Templates t, Map<String, Object> r) {
    boolean undecided = r.get("options") instanceof List<?> choices && !choices.isEmpty() && r.get("decided") == null
        && r.get("signedOffBy") == null;
    // a decision's value is what "who is on call" asks: none yet is said first, so the owner does not read as it
    StringBuilder out = new StringBuilder(t.line(undecided ? t.to("check.undecided", r.get("owner")) : "check", r));
    // "mogę sam wybrać okno?": the asker's own decision, free to record now, is said to be
    if (undecided && t.to("check.undecided", r.get("owner")).endsWith(".you") && r.get("blockedBy") == null
        && r.get("ownerLacks") == null) {
      out.append(' ').append(t.line("check.undecided.canNow", r));
    }
    if (r.get("signedOffBy") != null) {
      out.append(' ').append(t.line(r.get("decided") != null ? "check.decided" : "check.signed",
          with(r, "stale", staleSaid(t, r), "decided", optionSaid(r, r.get("decided")))));
      out.append(decidedBefore(t, r));
      out.append(signedBefore(t, map(r.get("signedBefore"))));
    } else if (r.get("ownerLacks") != null) {
      out.append(' ').append(t.line("check.forbidden", r));
    } else if ("owner-acceptance".equals(r.get("kind")) && !"READY".equals(r.get("status"))
        && r.get("blockedBy") == null) {
      out.append(' ').append(t.line(t.to("check.unsigned", r.get("owner")), r));
    }
    if (r.get("revoked") instanceof Map<?, ?> revoked) {
      out.append(' ').append(t.line(revoked.containsKey("revokedValue") ? "check.revoked.value"
          : revoked.containsKey("givenAt") ? "check.revoked.given" : "check.revoked", map(revoked)));
    }
    out.append(lastRun(t, map(r.get("lastRun"))));
    if (r.get("options") instanceof List<?> options && !options.isEmpty()) {
      out.append(' ').append(t.line("check.options", Map.of("options", join(options))));
    }
    if (r.get("follows") != null) {
      List<String> items = new ArrayList<>();
      maps(r.get("follows")).forEach(f -> items.add(t.line("check.follows.item", f)));
      out.append(' ').append(t.line("check.follows", Map.of("items", String.join("; ", items))));
    } else {
      out.append(derivedOpen(t, r));
    }
    if (r.get("unmet") != null) {
      out.append(' ').append(unmet(t, r));
    } else if (r.get("blockedBy") != null) {
      out.append(' ').append(t.line("check.blocked", r));
    } else if (r.get("command") != null && !"READY".equals(r.get("status")) && r.get("ownerLacks") == null) {
      out.append(' ').append(runnable(t, r) != null ? runnable(t, r) : t.line("check.command", r));
    }
    return out.toString();
  }

  /** Every unmet dependency of a check, each with its status. */
  private static String unmet(Templates t, Map<String, Object> check) {
    List<String> items = new ArrayList<>();
    maps(check.get("unmet")).forEach(u -> items.add(t.line("check.blocked.item", u)));
    return t.line("check.blocked.all", Map.of("items", String.join("; ", items)));
  }

  /**
   * How a pipeline step moves when its owner is not simply the one to do it: who may run the pipeline
   * and, when the server would refuse to start it now, what it waits for; null when "How:" addressed
   * to the owner is true as it stands.
   */
  private static String runnable(Templates t, Map<String, Object> r) {
    if (!(r.get("runners") instanceof List<?> runners)
        || Boolean.TRUE.equals(r.get("ownerRuns")) && !Boolean.FALSE.equals(r.get("startable"))) {
      return null;
    }
    String line = t.line("check.runners", with(r, "who", runners.isEmpty() ? t.raw("perm.nobody") : join(runners)));
    if (Boolean.FALSE.equals(r.get("startable"))) {
      line += " " + t.line(r.get("startBlockedBy") == null ? "refuse.run.refused" : "refuse.run.waits",
          with(r, "refusal", r.get("startRefusal"), "blockedBy", r.get("startBlockedBy")));
    }
    return line;
  }

  private static String owner(Templates t, Map<String, Object> r) {
    StringBuilder out = new StringBuilder(t.line("owner.check", r));
    if (r.get("ownerLacks") != null) {
      out.append(' ').append(t.line("check.forbidden", r));
    }
    // "who owns X and why can't it be signed yet": a blocked check's owner cannot move it, what it waits for can
    if (r.get("unmet") != null) {
      out.append(' ').append(unmet(t, r));
    } else if (r.get("blockedBy") != null) {
      out.append(' ').append(t.line("check.blocked", r));
    }
    if (r.get("signedOffBy") != null) {
      out.append(' ').append(t.line(r.get("decided") != null ? "check.decided" : "check.signed",
          with(r, "stale", staleSaid(t, r), "decided", optionSaid(r, r.get("decided")))));
      out.append(decidedBefore(t, r));
    } else if ("pipeline".equals(r.get("kind")) && r.get("pipeline") != null && !"READY".equals(r.get("status"))) {
      // "who owns operator isolation and how does it turn green": a pipeline's step proves it, nobody signs it
      out.append(' ').append(t.line("owner.pipeline", r));
    } else if (!"READY".equals(r.get("status")) && r.get("blockedBy") == null && r.get("ownerLacks") == null) {
      // "who signs X and can they already": whether the server would take it from its owner now
      boolean decision = r.get("options") instanceof List<?> options && !options.isEmpty();
      boolean now = "AVAILABLE".equals(r.get("ownerCan"));
      if (decision || now) {
        out.append(' ').append(t.line(decision ? (now ? "owner.undecided.now" : "owner.undecided")
            : "owner.canNow", r));
      }
    }
    return out.toString();
  }

  /** "czy ktoś inny może to zapisać, czy tylko ja": nobody but the owner signs off or records a check. */
  private static String onlyOwner(Templates t, Question q, Map<String, Object> r) {
    boolean byHand = "owner-acceptance".equals(r.get("kind")) || r.get("options") instanceof List<?> options
        && !options.isEmpty();
    return q.asks().contains(QuestionReader.ASKS_ONLY_OWNER) && byHand ? " " + t.line("owner.only", r) : "";
  }

  /** A changed decision's earlier value ("what was it before?"), or nothing. */
  private static String decidedBefore(Templates t, Map<String, Object> r) {
    // changed more than once: every value in order, and how many times it was recorded
    List<Map<String, Object>> recorded = maps(r.get("recorded"));
    if (!recorded.isEmpty()) {
      List<String> items = new ArrayList<>();
      recorded.forEach(item -> items.add(t.line("check.recorded.item", with(item, "value",
          optionSaid(r, item.get("value"))))));
      return " " + t.line("check.recorded", Map.of("times", times(t, recorded.size()), "items",
          String.join("; ", items)));
    }
    Map<String, Object> before = map(r.get("decidedBefore"));
    return before == null ? "" : " " + t.line("check.decidedBefore", with(before, "value",
        optionSaid(r, before.get("value"))));
  }

  /** How many times, said as a person says it: "once", "twice", "3 times"; "1 raz", "2 razy". */
  private static String times(Templates t, Object count) {
    int n = count instanceof Number number ? number.intValue() : 0;
    return t.line(n == 1 ? "run.times.one" : n == 2 ? "run.times.two" : "run.times.many", Map.of("count", n));
  }

  /** A recorded option with its label ("2026-05-04 (Monday 4 May 2026)"), as the decision's options list it. */
  private static Object optionSaid(Map<String, Object> decision, Object value) {
    if (value != null) {
      for (Object option : list(decision.get("options"))) {
        if (String.valueOf(option).startsWith(value + " (")) {
          return option;
        }
      }
    }
    return value;
  }

  /** Who someone is (their role) and what they own, gates first. */
  private static String person(Templates t, Map<String, Object> r) {
    List<String> items = new ArrayList<>();
    for (Map<String, Object> owned : maps(r.get("owns"))) {
      items.add(t.line(Boolean.TRUE.equals(owned.get("group")) ? "person.group" : "person.check", owned));
    }
    // "who is Kuba and what can he do": what they may do, as well as what they own
    String may = list(r.get("permissions")).isEmpty() ? ""
        : " " + t.line("person.permissions", Map.of("permissions", join(list(r.get("permissions")))));
    if (items.isEmpty()) {
      return t.line("person.none", r) + may;
    }
    String listed = String.join("; ", items.subList(0, Math.min(items.size(), OWNED_LIMIT)));
    if (items.size() > OWNED_LIMIT) {
      listed += "; " + t.line("person.more", Map.of("count", items.size() - OWNED_LIMIT));
    }
    return t.line("person", with(r, "items", listed)) + may;
  }

  /**
   * "what can the customer service lead do in here, permissions": what they may do at all, after what they can do
   * now (an account owning nothing hears it already).
   */
  private static String permissions(Templates t, Question q, Map<String, Object> r) {
    boolean said = list(r.get("actionable")).isEmpty() && list(r.get("blocked")).isEmpty()
        && list(r.get("ownedButForbidden")).isEmpty() && maps(r.get("owned")).isEmpty();
    return !q.asks().contains(QuestionReader.ASKS_PERMISSIONS) || said || list(r.get("permissions")).isEmpty() ? ""
        : "\n" + t.line(t.to("tasks.permissions", r.get("id")), with(r, "permissionList",
            join(list(r.get("permissions")))));
  }

  private static String tasks(Templates t, Map<String, Object> r) {
    if (!r.containsKey("actionable")) {
      // asked about "my" tasks by no one known: say whose can be listed
      List<String> names = new ArrayList<>();
      maps(r.get("actors")).forEach(a -> names.add(a.get("name") + " (" + a.get("role") + ")"));
      return t.line("tasks.whose", Map.of("actors", String.join(", ", names)));
    }
    List<Map<String, Object>> actionable = list(r.get("actionable"));
    // a pipeline whose gate its runs already proved may run again, but that is nothing left to do ("co mi zostało")
    List<Map<String, Object>> reruns = maps(r.get("rerunnable"));
    List<Map<String, Object>> blocked = list(r.get("blocked"));
    List<Map<String, Object>> forbidden = list(r.get("ownedButForbidden"));
    StringBuilder out = new StringBuilder();
    if (actionable.isEmpty()) {
      // "nothing is yours" would be false when they own what nobody can move
      String none = !blocked.isEmpty() ? "tasks.none.yet" : forbidden.isEmpty() ? "tasks.none" : "tasks.none.owned";
      out.append(t.line(t.to(none, r.get("id")), r));
      // ("can the vendor account do anything in here?": someone who owns nothing, with what they may do at all)
      if (blocked.isEmpty() && forbidden.isEmpty() && maps(r.get("owned")).isEmpty()
          && !list(r.get("permissions")).isEmpty()) {
        out.append(' ').append(t.line(t.to("tasks.permissions", r.get("id")), with(r, "permissionList",
            join(list(r.get("permissions"))))));
      }
    } else {
      out.append(t.line(t.to(actionable.size() == 1 ? "tasks.head.one" : "tasks.head", r.get("id")), with(r, "count",
          actionable.size())));
      actionable.stream().limit(TASK_LIMIT).forEach(c -> out.append("\n- ").append(task(t, c)));
      if (actionable.size() > TASK_LIMIT) {
        out.append("\n").append(t.line("tasks.more", Map.of("count", actionable.size() - TASK_LIMIT)));
      }
    }
    if (!reruns.isEmpty()) {
      List<String> items = new ArrayList<>();
      reruns.forEach(c -> items.add(c.get("pipeline") + " [" + c.get("id") + "]: " + c.get("command")));
      out.append('\n').append(t.line(t.to("tasks.rerun", r.get("id")), with(r, "items", String.join("; ", items))));
    }
    if (!blocked.isEmpty()) {
      List<String> waiting = new ArrayList<>();
      // every one: a task left out is one the asker would not know of
      blocked.stream().limit(TASK_LIMIT).forEach(c -> waiting.add(task(t, c) + (c.get("blockedBy") == null ? ""
          : " " + t.line("tasks.waitsFor", c))));
      out.append('\n').append(t.line("tasks.blocked", with(r, "count", blocked.size(), "items",
          String.join("; ", waiting))));
      if (blocked.size() > TASK_LIMIT) {
        out.append(' ').append(t.line("tasks.more", Map.of("count", blocked.size() - TASK_LIMIT)));
      }
    }
    Map<Object, List<String>> byPermission = new LinkedHashMap<>();
    for (Map<String, Object> item : forbidden) {
      byPermission.computeIfAbsent(item.get("lacks"), p -> new ArrayList<>()).add(item.get("label") + " [" + item.get("id") + "]");
    }
    byPermission.forEach((permission, items) -> out.append('\n').append(t.line(t.to("tasks.forbidden", r.get("id")),
        with(r, "items", String.join(", ", items), "permission", permission, "verb",
            t.raw(Permissions.RECORD_DECISIONS.equals(permission) ? "perm.verb.decide" : "perm.verb.accept")))));
    // theirs, but moved only by a pipeline's run: "nothing to do" must not read as "nothing of yours is open"
    List<String> byRun = new ArrayList<>();
    maps(r.get("owned")).stream().filter(c -> "pipeline".equals(c.get("kind")) && !"READY".equals(c.get("status")))
        .forEach(c -> byRun.add(t.line(c.get("pipeline") == null ? "tasks.byRun.item.bare"
            : c.get("blockedBy") == null ? "tasks.byRun.item" : "tasks.byRun.item.waits", c)));
    if (!byRun.isEmpty()) {
      out.append('\n').append(t.line(t.to("tasks.byRun", r.get("id")), with(r, "items", String.join(", ", byRun))));
    }
    if (!maps(r.get("owned")).isEmpty()) {
      out.append('\n').append(ownedSummary(t, r));
    }
    return out.toString();
  }

  /** At most this many checks all done are named one by one. */
  private static final int NAMED_DONE = 5;

  /** How many checks an actor owns and how many of them are still open ("am I done?"). */
  private static String ownedSummary(Templates t, Map<String, Object> r) {
    List<Map<String, Object>> owned = maps(r.get("owned"));
    long open = owned.stream().filter(c -> !"READY".equals(c.get("status"))).count();
    String key = open == 0 ? owned.size() == 1 ? "owned.tally.done.one" : "owned.tally.done" : "owned.tally.open";
    // ("what's on my plate" of someone whose every check is done: which ones, when they are few)
    if (open == 0 && owned.size() <= NAMED_DONE) {
      List<String> items = owned.stream().map(c -> t.line("owned.item", c)).toList();
      return t.line(t.to(key + ".named", r.get("id")), with(r, "owned", owned.size(), "items",
          String.join(", ", items)));
    }
    return t.line(t.to(key, r.get("id")), with(r, "owned", owned.size(), "open", open));
  }

  /** What an actor has signed off and decided that stands now. */
  private static String signed(Templates t, Map<String, Object> r) {
    List<Map<String, Object>> signed = maps(r.get("signed"));
    List<String> items = new ArrayList<>();
    signed.forEach(item -> items.add(t.line(item.get("value") == null ? "signed.item" : "signed.item.value", item)));
    String out = items.isEmpty() ? t.line(t.to("signed.none", r.get("id")), r)
        : t.line(t.to("signed.head", r.get("id")), with(r, "count", items.size())) + "\n- " + String.join("\n- ", items);
    // (someone who owns nothing has no tally: "All 0 checks ... are done" said nothing)
    return maps(r.get("owned")).isEmpty() ? out : out + "\n" + ownedSummary(t, r);
  }

  /** Every check one actor owns, with its status, and those they own but nobody can move. */
  /**
   * An actor's tasks narrowed to one group ("which of the interface checks do I own"): what they own and can do
   * there, the group named in the answer.
   */
  private static Map<String, Object> within(Map<String, Object> tasks, Map<String, Object> group) {
    Set<Object> ids = new HashSet<>();
    ids.add(group.get("id"));
    maps(group.get("checks")).forEach(check -> ids.add(check.get("id")));
    Map<String, Object> narrowed = new LinkedHashMap<>(tasks);
    for (String key : List.of("owned", "actionable", "rerunnable", "blocked", "ownedButForbidden")) {
      narrowed.put(key, maps(tasks.get(key)).stream().filter(item -> ids.contains(item.get("id"))).toList());
    }
    narrowed.put("in", "\"" + group.get("label") + "\" [" + group.get("id") + "]");
    return narrowed;
  }

  private static String owned(Templates t, Map<String, Object> r) {
    List<Map<String, Object>> owned = list(r.get("owned"));
    if (r.containsKey("in")) {
      return ownedIn(t, r, owned);
    }
    if (owned.isEmpty()) {
      return t.line(t.to("owned.none", r.get("id")), r);
    }
    List<String> items = new ArrayList<>();
    owned.forEach(check -> items.add(t.line("owned.item", check)));
    StringBuilder out = new StringBuilder(t.line(t.to(owned.size() == 1 ? "owned.one" : "owned.head", r.get("id")),
        with(r, "count", owned.size(), "items", String.join("; ", items))));
    // "how many do I own that aren't ready", "and how many are ready": the counts said, not left to the reader
    long open = owned.stream().filter(check -> !"READY".equals(check.get("status"))).count();
    if (owned.size() > 1) {
      out.append(' ').append(t.line("owned.open", Map.of("open", open, "ready", owned.size() - open)));
    }
    String tasks = tasks(t, r);
    // what they can do now follows; "nothing to do" is left out, the list already says what is theirs
    if (!list(r.get("actionable")).isEmpty() || !list(r.get("blocked")).isEmpty()) {
      out.append('\n').append(tasks);
    } else if (tasks.indexOf('\n') >= 0) {
      out.append(tasks.substring(tasks.indexOf('\n')));
    }
    return out.toString();
  }

  /**
   * Two people side by side: what each owns, how much of it is not ready, what each can do now (or, for
   * permissions, which they hold); first who has more of what was asked ({@code measure}: owned, open, now,
   * signOffs, openSignOffs, permissions).
   */
  private static String compared(Templates t, String measure, Map<String, Object> a, Map<String, Object> b) {
    if (a.containsKey("error") || b.containsKey("error")) {
      return t.line("unresolved", Map.of("subject", String.valueOf(a.containsKey("error") ? a.get("error")
          : b.get("error"))));
    }
    Map<String, Object> first = measured(a);
    Map<String, Object> second = measured(b);
    String key = switch (measure) {
      case "open", "now", "signOffs", "openSignOffs", "permissions" -> measure;
      default -> "owned";
    };
    long x = (Long) first.get(key);
    long y = (Long) second.get(key);
    String verdict = x == y ? t.line("compare.same." + key, Map.of("count", x))
        : t.line("compare.more." + key, with(x > y ? first : second, "count", Math.max(x, y), "other",
            (x > y ? second : first).get("name"), "otherCount", Math.min(x, y)));
    // permissions compared: each person's own, named; otherwise what each owns and can do
    String item = key.equals("permissions") ? "compare.permissions.item" : "compare.item";
    return verdict + "\n- " + t.line(item, first) + "\n- " + t.line(item, second);
  }

  private static Map<String, Object> measured(Map<String, Object> tasks) {
    List<Map<String, Object>> owned = maps(tasks.get("owned"));
    long open = owned.stream().filter(check -> !"READY".equals(check.get("status"))).count();
    long openSignOffs = owned.stream().filter(check -> !"READY".equals(check.get("status"))
        && "owner-acceptance".equals(check.get("kind"))).count();
    long signOffs = tasks.get("byKind") instanceof Map<?, ?> byKind && byKind.get("signOffs") instanceof Number n
        ? n.longValue() : 0;
    List<Object> permissions = list(tasks.get("permissions"));
    return with(tasks, "owned", (long) owned.size(), "open", open, "now", (long) maps(tasks.get("actionable")).size(),
        "signOffs", signOffs, "openSignOffs", openSignOffs, "permissions", (long) permissions.size(),
        "permissionList", join(permissions));
  }

  /**
   * "Do I have anything to sign off?": how many sign-offs they can make now, said first, and when none,
   * whether they may sign off at all.
   */
  private static String signOffs(Templates t, Map<String, Object> r) {
    long count = r.get("byKind") instanceof Map<?, ?> byKind && byKind.get("signOffs") instanceof Number n
        ? n.longValue() : 0;
    if (count > 0) {
      return t.line(t.to("tasks.signoffs", r.get("id")), with(r, "count", count));
    }
    boolean may = list(r.get("permissions")).contains(Permissions.ACCEPT_CHECKS);
    // ("can Łukasz sign anything?": no, and what he may do instead)
    return t.line(t.to(may ? "tasks.signoffs.none" : "tasks.signoffs.forbidden", r.get("id")), with(r,
        "permissionList", join(list(r.get("permissions")))));
  }

  /** What an actor owns in one group, counted, then what they can do there now. */
  private static String ownedIn(Templates t, Map<String, Object> r, List<Map<String, Object>> owned) {
    if (owned.isEmpty()) {
      return t.line(t.to("owned.in.none", r.get("id")), r);
    }
    List<String> items = new ArrayList<>();
    owned.forEach(check -> items.add(t.line("owned.item", check)));
    long open = owned.stream().filter(check -> !"READY".equals(check.get("status"))).count();
    StringBuilder out = new StringBuilder(t.line(t.to("owned.in", r.get("id")), with(r, "count", owned.size(),
        "items", String.join("; ", items), "open", open, "ready", owned.size() - open)));
    // what can be done there now, uncounted: a count would read as all they can do
    List<Map<String, Object>> actionable = maps(r.get("actionable"));
    if (!actionable.isEmpty()) {
      out.append('\n').append(t.line(t.to("owned.in.now", r.get("id")), r));
      actionable.forEach(c -> out.append("\n- ").append(task(t, c)));
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

  /** Every pipeline: whether and how it last ran, the gate it proves, and who may start them. */
  private static String pipelines(Templates t, List<Map<String, Object>> runs) {
    List<String> items = new ArrayList<>();
    long ran = runs.stream().filter(r -> Boolean.TRUE.equals(r.get("ran"))).count();
    for (Map<String, Object> r : runs) {
      String item = t.line(Boolean.TRUE.equals(r.get("ran")) ? "pipelines.ran" : "pipelines.never", r);
      Map<String, Object> failed = maps(r.get("steps")).stream()
          .filter(s -> "FAILED".equals(s.get("status")) || "ERRORED".equals(s.get("status"))).findFirst().orElse(null);
      // "what host was that failed one pointing at": a run that failed before the last one passed
      items.add(failed != null ? item + " " + t.line("pipelines.failedStep", failed)
          : r.get("failedStep") != null ? item + " " + t.line("pipelines.failedBefore", r) : item);
    }
    StringBuilder out = new StringBuilder(t.line("pipelines.head", Map.of("count", runs.size(), "ran", ran)));
    out.append("\n- ").append(String.join("\n- ", items));
    if (!runs.isEmpty() && runs.get(0).get("runners") instanceof List<?> runners) {
      out.append('\n').append(t.line("pipelines.runners", Map.of("who",
          runners.isEmpty() ? t.raw("perm.nobody") : join(runners))));
    }
    return out.toString();
  }

  /** "ile jeszcze brakuje w RODO i czego": a group counted names its open checks too, when few are left. */
  private static String openChecks(Templates t, Map<String, Object> group) {
    List<String> open = new ArrayList<>();
    List<Map<String, Object>> checks = maps(group.get("checks"));
    for (Map<String, Object> check : checks) {
      if (!"READY".equals(check.get("status"))) {
        open.add(t.line("gate.check", check));
      }
    }
    return open.isEmpty() || open.size() > OPEN_COUNTED ? ""
        : " " + t.line("gate.open", Map.of()) + " " + String.join("; ", open) + ".";
  }

  /** A group counted names its open checks when at most this many are left. */
  private static final int OPEN_COUNTED = 3;

  /**
   * "ile razy odpalali kontrolę połączenia i z jakim skutkiem": runs that failed and passed, counted, are also said
   * in order, so which came first is not left to guess.
   */
  private static String runsInOrder(Templates t, Map<String, Object> r) {
    List<Map<String, Object>> runs = maps(r.get("runList"));
    if (runs.size() < 2 || !(r.get("runsPassed") instanceof Integer passed) || passed == 0 || passed == runs.size()) {
      return "";
    }
    List<String> items = new ArrayList<>();
    runs.forEach(run -> items.add(t.line("run.list.item", run)));
    return " " + t.line("run.inOrder", Map.of("items", String.join("; ", items)));
  }

  /** "which steps does the dry-run go through": each step in run order, with the check it proves. */
  private static String plannedSteps(Templates t, Map<String, Object> r) {
    List<String> items = new ArrayList<>();
    // (the step by its own name, and the check it proves when it proves one, once when both are called alike)
    maps(r.get("plannedSteps")).forEach(step -> items.add(t.line(step.get("check") == null ? "run.step.planned"
        : String.valueOf(step.get("stepName")).equalsIgnoreCase(String.valueOf(step.get("label")))
        ? "run.step.provesSame" : "run.step.proves", step)));
    return t.line("run.steps", with(r, "count", items.size(), "items", String.join("; ", items)));
  }

  /** "which step of the dry run failed" of a run that passed: none, said first. */
  private static String noneFailed(Templates t, Question q, Map<String, Object> r) {
    // "who ran the first dry-run": the earliest run said first, when it is not the last
    String first = q.asks().contains(QuestionReader.ASKS_COMPARED) && Boolean.TRUE.equals(r.get("ran"))
        ? compared(t, r) + " "
        : q.asks().contains(QuestionReader.ASKS_FIRST) && r.get("firstRunId") != null
        && !r.get("firstRunId").equals(r.get("runId")) && !failedBefore(q, r, r.get("firstRunId"))
        ? t.line("run.first", r) + " " : "";
    // "when did I run the two dry runs": every run among the recorded changes, in order
    if (q.asks().contains(QuestionReader.ASKS_RUNS_WHEN) && maps(r.get("runList")).size() > 1) {
      List<String> items = new ArrayList<>();
      maps(r.get("runList")).forEach(run -> items.add(t.line("run.list.item", run)));
      first = t.line("run.list", with(r, "items", String.join("; ", items))) + " " + first;
    }
    // "za którym razem przeszedł": the run that passed first, by its place among the runs
    if (q.asks().contains(QuestionReader.ASKS_WHICH_TRY) && r.get("firstPassedNth") instanceof Integer nth) {
      first = t.line(nth <= 3 ? "run.passedAt." + nth : "run.passedAt.n", r) + " " + first;
    }
    // "what broke earlier and is it fixed": the last run passed, the earlier one that failed is what was asked
    return first + (failedBefore(q, r, r.get("failedRunId")) ? t.line("run.failedBefore", r) + " "
        + (r.get("failedSkipped") == null ? "" : t.line("gate.run.skipped", Map.of("skipped", r.get("failedSkipped")))
        + " ")
        : q.asks().contains(QuestionReader.ASKS_FAILED) && Boolean.TRUE.equals(r.get("ran"))
        && "PASSED".equals(r.get("status")) ? t.line("run.noneFailed", r) + " " : "");
  }

  /** Whether the failure asked about is {@code run}, one before a last run that passed. */
  private static boolean failedBefore(Question q, Map<String, Object> r, Object run) {
    return q.asks().contains(QuestionReader.ASKS_FAILED) && "PASSED".equals(r.get("status"))
        && r.get("failedStep") != null && r.get("failedRunId").equals(run);
  }

  /** The first recorded run and the last side by side: the snapshot each exported, when they differ. */
  private static String compared(Templates t, Map<String, Object> r) {
    if (r.get("firstRunId") == null || r.get("firstRunId").equals(r.get("runId"))) {
      return t.line("run.compared.one", r);
    }
    if (r.get("firstChecksum") == null || r.get("checksum") == null) {
      // (a run recorded without a target, as an identity check's, says none)
      boolean targeted = r.get("target") != null && !"".equals(r.get("firstTarget"));
      return t.line(targeted ? "run.compared" : "run.compared.untargeted", r);
    }
    return t.line(r.get("firstChecksum").equals(r.get("checksum")) && java.util.Objects.equals(r.get("firstRows"),
        r.get("rows")) ? "run.compared.same" : "run.compared.differ", r);
  }

  private static String run(Templates t, Map<String, Object> r, Map<String, Object> step) {
    return run(t, r, step, false);
  }

  /** The last run and its steps; {@code timed}: each finished step with the time it took ("how long did it take"). */
  private static String run(Templates t, Map<String, Object> r, Map<String, Object> step, boolean timed) {
    if (!Boolean.TRUE.equals(r.get("ran"))) {
      String line = t.line("run.never", r);
      if (r.get("runners") instanceof List<?> runners && t.asker() != null
          && !list(r.get("runnerIds")).contains(t.asker())) {
        line += " " + t.line("run.runners", Map.of("who", runners.isEmpty() ? t.raw("perm.nobody") : join(runners)));
      }
      return step == null || step.containsKey("error") ? line : line + " " + t.line("run.never.step", step);
    }
    StringBuilder out = new StringBuilder(t.line(r.get("target") == null ? "run.head.untargeted" : "run.head", r));
    // a run that fell short is told whole: the step asked about may be one skipped after the one that failed
    boolean whole = step == null || !"PASSED".equals(r.get("status"));
    long total = 0;
    for (Map<String, Object> s : maps(r.get("steps"))) {
      if (whole) {
        // ("which step": by its own name too, "Snapshot export [replay.freeze]", where a check proves it)
        String key = Boolean.FALSE.equals(s.get("proves")) ? "run.step.unproven" : "run.step.named";
        // (a step skipped or never reached took no time to speak of)
        boolean took = timed && !"SKIPPED".equals(s.get("status")) && !"PENDING".equals(s.get("status"));
        total += took && s.get("ms") instanceof Number ms ? ms.longValue() : 0;
        out.append("\n- ").append(t.line(took ? key + ".timed" : key, s));
      } else if (String.valueOf(s.get("id")).equals(step.get("id"))) {
        // ("which step checks tenant isolation and did it pass": the step by its own name too)
        out.append("\n- ").append(t.line("run.step.named", s));
      }
    }
    // ("how long did the whole dry run take": the steps' time together; a first run's start of the embedded
    // target is not a step's)
    if (timed && whole && total > 0) {
      out.append("\n").append(t.line("run.steps.total", Map.of("ms", total)));
    }
    return out.toString();
  }

  private static String recent(Templates t, Map<String, Object> r, String asked) {
    List<Map<String, Object>> events = list(r.get("events"));
    if (events.isEmpty()) {
      return t.line("recent.none", Map.of());
    }
    if (QuestionReader.REVOKED.equals(asked)) {
      return revocations(t, r);
    }
    if (asked != null && asked.startsWith(QuestionReader.SINCE)) {
      return since(t, events, asked.substring(QuestionReader.SINCE.length()));
    }
    if (asked != null && asked.startsWith(QuestionReader.ORDER)) {
      return ordered(t, events, asked.substring(QuestionReader.ORDER.length()).split("\t", -1));
    }
    if (QuestionReader.EVENTS_COUNTED.equals(asked)) {
      return t.line("recent.counted", r);
    }
    if (asked != null && asked.startsWith(QuestionReader.DONE_BY)) {
      String[] who = asked.substring(QuestionReader.DONE_BY.length()).split("\t", 2);
      List<Map<String, Object>> theirs = events.stream().filter(e -> who[0].equals(e.get("actor"))).toList();
      String name = who.length > 1 ? who[1] : who[0];
      return theirs.isEmpty() ? t.line("recent.byNone", Map.of("name", name, "count", events.size()))
          : t.line("recent.byHead", Map.of("name", name, "count", theirs.size())) + recentItems(t, theirs);
    }
    return t.line("recent.head", Map.of("count", events.size())) + recentItems(t, events);
  }

  /**
   * Two things' events in order: the last recorded on the first thing, and on the second the one {@code asked[2]}
   * recorded (anyone's when empty), their first or last as {@code asked[3]} says.
   */
  private static String ordered(Templates t, List<Map<String, Object>> events, String[] asked) {
    Map<String, Object> first = null;
    Map<String, Object> second = null;
    for (Map<String, Object> event : events) {
      if (asked[0].equals(event.get("id"))) {
        first = event;
      }
      if (asked[1].equals(event.get("id")) && (asked[2].isEmpty() || asked[2].equals(event.get("actor")))
          && (second == null || !"first".equals(asked[3]))) {
        second = event;
      }
    }
    if (first == null || second == null) {
      return t.line("order.unknown", Map.of("id", first == null ? asked[0] : asked[1]));
    }
    String a = t.line("recent.item", with(first, "subject", recentSubject(first)));
    String b = t.line("recent.item", with(second, "subject", recentSubject(second)));
    boolean earlier = ((Number) first.get("seq")).longValue() < ((Number) second.get("seq")).longValue();
    return t.line(earlier ? "order.before" : "order.after", Map.of("a", a, "b", b));
  }

  /** The events, newest first, one per line. */
  private static String recentItems(Templates t, List<Map<String, Object>> events) {
    StringBuilder out = new StringBuilder();
    for (int i = events.size() - 1; i >= 0; i--) {
      Map<String, Object> event = events.get(i);
      out.append("\n- ").append(t.line("recent.item", with(event, "subject", recentSubject(event))));
    }
    return out.toString();
  }

  private static String recentSubject(Map<String, Object> event) {
    return event.get("id") == null ? "" : (event.get("pipeline") == null ? "" : " " + event.get("pipeline"))
        + " [" + event.get("id") + "]"
        + (event.get("value") != null ? " = " + event.get("value") : "")
        + (event.get("status") != null ? " " + event.get("status") : "");
  }

  /**
   * "What changed since I ran the connection check": the events after the latest one on {@code asked} (a pipeline's
   * run or a check's sign-off; the asker's own when "I" asked: "id@actor"), newest first.
   */
  private static String since(Templates t, List<Map<String, Object>> events, String asked) {
    int at = asked.indexOf('@');
    String ref = at < 0 ? asked : asked.substring(0, at);
    String actor = at < 0 ? null : asked.substring(at + 1);
    // "since the connection check failed for the first time": its earliest event, a run that failed
    boolean earliest = ref.contains(QuestionReader.SINCE_FIRST);
    boolean failed = ref.contains(QuestionReader.SINCE_FAILED);
    ref = ref.replace(QuestionReader.SINCE_FIRST, "").replace(QuestionReader.SINCE_FAILED, "");
    int found = -1;
    for (int pass = 0; pass < 2 && found < 0; pass++) {
      for (int n = 0; n < events.size() && found < 0; n++) {
        int i = earliest ? n : events.size() - 1 - n;
        Map<String, Object> event = events.get(i);
        // "#12": the event itself ("since Oksana withdrew her sign-off")
        boolean on = ref.startsWith("#") ? ref.equals("#" + event.get("seq"))
            : (ref.equals(event.get("pipeline")) || ref.equals(event.get("id")))
            && (!failed || event.get("pipeline") == null || "FAILED".equals(event.get("status"))
            || "ERRORED".equals(event.get("status")));
        // the asker's own first ("since I ran it"), else anyone's
        if (on && (pass == 1 || actor == null || actor.equals(event.get("actor")))) {
          found = i;
        }
      }
    }
    if (found < 0) {
      return t.line("since.unknown", Map.of("id", ref, "count", events.size())) + recentItems(t, events);
    }
    Map<String, Object> reference = with(events.get(found), "subject", recentSubject(events.get(found)));
    List<Map<String, Object>> after = events.subList(found + 1, events.size());
    return after.isEmpty() ? t.line("since.none", reference)
        : t.line("since.head", with(reference, "count", after.size())) + recentItems(t, after);
  }

  /**
   * "Does X still wait on Y": yes while X waits on Y through what is not ready yet; no once Y is ready or what X needs
   * of it is done, or when X does not rest on Y at all; then X as it stands, so what it does wait on now is said.
   */
  private static String waitsOn(Templates t, Question q, Map<String, Object> r, Map<String, Object> on) {
    if (r.containsKey("error") || on.containsKey("error")) {
      return t.line("unresolved", Map.of("subject", String.valueOf((r.containsKey("error") ? r : on).get("error"))));
    }
    boolean rests = q.subject().contains(QuestionReader.WAITS);
    String key = q.subject().contains(QuestionReader.DEPENDS) ? (rests ? "waits.depends" : "waits.dependsNot")
        : !rests ? "waits.none" : q.subject().endsWith(QuestionReader.WAITS_NOW) ? "waits.yes"
        : "READY".equals(on.get("status")) ? "waits.no" : "waits.noLonger";
    Map<String, Object> values = with(r, "on", on.get("id"), "onLabel", on.get("label"), "onStatus", on.get("status"));
    return t.line(key, values) + " " + answered(t, q, r, r.containsKey("checks") ? gate(t, r) : check(t, r));
  }

  /**
   * Whether production waits for the thing asked: yes while it is not READY and on production's path; no when it
   * is ready, or when production does not depend on it at all.
   */
  private static String blocksProduction(Templates t, Map<String, Object> r) {
    boolean waits = Boolean.TRUE.equals(r.get("productionWaits"));
    return t.line(!waits ? "blocks.offPath" : "READY".equals(r.get("status")) ? "blocks.ready" : "blocks.yes", r);
  }

  /** The gates ready now, by name ("and which"), or none. */
  private static String readyGates(Templates t, Map<String, Object> r) {
    List<String> ready = new ArrayList<>();
    maps(r.get("gates")).stream().filter(g -> "READY".equals(g.get("status")))
        .forEach(g -> ready.add(t.line("count.gate", g)));
    return ready.isEmpty() ? "" : t.line("count.list", Map.of("status", "READY", "gates", String.join(", ", ready)));
  }

  /** Who signed off each of a gate's checks, and which are not signed yet ("who signed off the fallback stuff"). */
  private static String signers(Templates t, Map<String, Object> r) {
    List<String> signed = new ArrayList<>();
    List<String> open = new ArrayList<>();
    for (Map<String, Object> check : maps(r.get("checks"))) {
      if (check.get("signedOffByName") != null) {
        signed.add(t.line(check.get("decided") != null ? "signers.item.decided" : "signers.item", check));
      } else if (!"READY".equals(check.get("status"))) {
        // (a ready check nobody signed is proven by a run or follows from other evidence)
        open.add(t.line("signers.open.item", check));
      }
    }
    String out = t.line(signed.isEmpty() ? "signers.none" : "signers", with(r, "items", String.join("; ", signed)));
    return open.isEmpty() ? out : out + " " + t.line("signers.open", Map.of("items", String.join("; ", open)));
  }

  /** Who owns a group, its state and, when it is blocked, what it waits for first ("who owns X and what blocks it"). */
  private static String ownerOfGroup(Templates t, Map<String, Object> r) {
    String line = t.line("owner.group", r);
    Map<String, Object> blocker = map(r.get("blockedByDetail"));
    if (r.get("blockedBy") != null && blocker != null) {
      line += " " + t.line("owner.group.waits", with(blocker, "blockedBy", r.get("blockedBy")));
    }
    return line;
  }

  /**
   * The sign-offs and decisions whose evidence changed since they were given (of {@code mine}'s own when not
   * null): who gave each and when, what it is now, what it rests on and which of those ran again after it.
   */
  private static String stale(Templates t, Map<String, Object> r, String mine) {
    List<Map<String, Object>> stale = maps(r.get("stale")).stream().filter(item -> mine == null
        || mine.equals(item.get("givenBy")) || mine.equals(item.get("owner"))).toList();
    if (stale.isEmpty()) {
      return t.line(mine == null ? "stale.none" : "stale.noneMine", Map.of());
    }
    List<String> items = new ArrayList<>();
    for (Map<String, Object> item : stale) {
      StringBuilder line = new StringBuilder(t.line(item.containsKey("value") ? "stale.decision" : "stale.signoff",
          item));
      List<String> restsOn = new ArrayList<>();
      list(item.get("restsOn")).forEach(id -> restsOn.add("[" + id + "]"));
      if (!restsOn.isEmpty()) {
        line.append(t.line("stale.restsOn", Map.of("items", String.join(", ", restsOn))));
      }
      maps(item.get("runAfter")).forEach(run -> line.append(t.line("stale.rerun", run)));
      items.add(line.toString());
    }
    return t.line("stale.head", Map.of("count", items.size())) + "\n- " + String.join("\n- ", items);
  }

  /** Each withdrawal that stands: what was withdrawn and by whom, the check and its group now, what waits on it. */
  private static String revocations(Templates t, Map<String, Object> r) {
    List<Map<String, Object>> revoked = maps(r.get("revocations"));
    List<String> again = new ArrayList<>();
    maps(r.get("givenAgain")).forEach(item -> again.add(t.line(Boolean.TRUE.equals(item.get("decision"))
        ? "revoked.againItem.decision" : "revoked.againItem", item)));
    String earlier = again.isEmpty() ? "" : "\n" + t.line("revoked.again", Map.of("items", String.join("; ", again)));
    if (revoked.isEmpty()) {
      return again.isEmpty() ? t.line("revoked.none", Map.of()) : t.line("revoked.noneStanding", Map.of()) + earlier;
    }
    List<String> items = new ArrayList<>();
    for (Map<String, Object> item : revoked) {
      String line = t.line(item.containsKey("revokedValue") ? "revoked.value" : "revoked.signoff", item)
          + (item.containsKey("givenAt") && !item.containsKey("revokedValue") ? " " + t.line("revoked.given", item) : "");
      List<String> waiting = new ArrayList<>();
      maps(item.get("waiting")).forEach(w -> waiting.add(t.line("dependents.item", w)));
      items.add(waiting.isEmpty() ? line : line + " " + t.line("revoked.waiting", Map.of("items",
          String.join("; ", waiting))));
    }
    return (items.size() == 1 ? items.get(0) : t.line("revoked.head", Map.of("count", items.size())) + "\n- "
        + String.join("\n- ", items)) + earlier;
  }

  private static String code(Templates t, Map<String, Object> r) {
    String kind = String.valueOf(r.get("kind"));
    List<String> carriers = new ArrayList<>();
    for (Map<String, Object> group : maps(r.get("carriedBy"))) {
      carriers.add(group.get("label") + " [" + group.get("id") + "]");
    }
    String carried = carriers.isEmpty() ? "" : " " + t.line("code.carried", Map.of("carriers",
        String.join(", ", carriers)));
    if (r.get("productionGo") != null) {
      carried += " " + t.line(Boolean.TRUE.equals(r.get("productionGo")) ? "code.production.go" : "code.production.nogo",
          r);
    }
    if (kind.equals("blocked") && r.get("waitingFor") != null) {
      List<String> open = new ArrayList<>();
      for (Map<String, Object> check : maps(r.get("open"))) {
        if (open.size() < LIST_LIMIT) {
          open.add(t.line("gate.check", check));
        }
      }
      return t.line(Boolean.TRUE.equals(map(r.get("waitingFor")).get("gate")) ? "code.blocked.gate" : "code.blocked",
          with(map(r.get("waitingFor")), "code", r.get("code")))
          + (open.isEmpty() ? "" : " " + t.line("gate.open", Map.of()) + " " + String.join("; ", open) + ".")
          + carried;
    }
    if (kind.equals("ready")) {
      return t.line(Integer.valueOf(0).equals(r.get("total")) ? "code.ready.derived" : "code.ready", r) + carried;
    }
    if (kind.equals("refusal")) {
      return t.line("code.refusal." + r.get("code"), r);
    }
    return t.line("code.unknown", r) + carried;
  }

  /**
   * "If she records the retention decision, what changes": what doing it would complete, the gates then, and
   * production then (GO, or what it would still wait for).
   */
  private static String ifDoneEffect(Templates t, Map<String, Object> asked) {
    Map<String, Object> r = with(asked, "things", ifDoneThings(t, asked));
    String also = ifDoneItems(t, r.get("alsoDone"), ALSO_DONE_SHOWN);
    String waitsFor = ifDoneItems(t, r.get("waitsFor"), Integer.MAX_VALUE);
    if (!waitsFor.isEmpty()) {
      return t.line("ifDone.waits", with(r, "items", waitsFor));
    }
    String out = also.isEmpty() ? t.line("ifDone.completesNothing", r)
        : t.line("ifDone.completes", with(r, "items", also));
    return out + " " + t.line("ifDone.gatesThen", r) + " " + productionThen(t, r);
  }

  /** Production as a what-if would leave it: GO, or what it would still wait for. */
  private static String productionThen(Templates t, Map<String, Object> r) {
    return Boolean.TRUE.equals(r.get("go")) ? t.line("ifDone.thenGo", r)
        : t.line("ifDone.thenNotYet", Map.of("items", ifDoneItems(t, r.get("stillWaits"), Integer.MAX_VALUE)));
  }

  /**
   * "If X is done, can we go live?": whether it can be done yet, and production then: free to go, or what it
   * would still wait for (a group with how many of its checks would still be open), and what else it completes.
   */
  private static String ifDone(Templates t, Map<String, Object> asked, boolean goToo, boolean next) {
    Map<String, Object> r = with(asked, "things", ifDoneThings(t, asked));
    String waitsFor = ifDoneItems(t, r.get("waitsFor"), Integer.MAX_VALUE);
    Map<String, Object> outcome = map(r.get("outcome"));
    if (outcome != null) {
      String gate = ifDoneOutcome(t, r, outcome, waitsFor);
      if (!goToo) {
        return gate;
      }
      // "and are we GO then?": production as it would then be, after the gate asked
      return gate + " " + productionThen(t, r);
    }
    if (Boolean.TRUE.equals(r.get("goNow"))) {
      return t.line("ifDone.goNow", r);
    }
    String stillWaits = ifDoneItems(t, r.get("stillWaits"), Integer.MAX_VALUE);
    String also = ifDoneItems(t, r.get("alsoDone"), ALSO_DONE_SHOWN);
    String out;
    if (Boolean.TRUE.equals(r.get("alreadyDone"))) {
      out = t.line(r.get("pipeline") != null ? "ifDone.alreadyRun" : "ifDone.already", r);
      if (r.get("signedOnTop") instanceof List<?> signed) {
        out += " " + (signed.isEmpty() ? t.line("ifDone.rerunNone", Map.of())
            : t.line("ifDone.rerun", Map.of("items", ifDoneItems(t, signed, Integer.MAX_VALUE))));
      }
      out += " " + t.line("ifDone.stillWaits", Map.of("items", stillWaits));
    } else if (!waitsFor.isEmpty()) {
      out = t.line("ifDone.waits", with(r, "items", waitsFor)) + " "
          + t.line("ifDone.stillWaits", Map.of("items", stillWaits));
    } else if (!Boolean.TRUE.equals(r.get("productionWaits"))) {
      out = t.line("ifDone.offPath", r) + " " + t.line("ifDone.stillWaits", Map.of("items", stillWaits));
    } else {
      out = Boolean.TRUE.equals(r.get("go")) ? t.line("ifDone.go", r)
          // "once I sign X, what's next": what production would still wait for, no yes or no asked
          : t.line(next ? "ifDone.next" : "ifDone.notYet", with(r, "items", stillWaits));
      if (!also.isEmpty()) {
        out += " " + t.line("ifDone.also", Map.of("items", also));
      }
    }
    return out;
  }

  /**
   * "If I pick 30 days and sign the DPIA, is the licensing gate done?": the gate asked about as it would then be,
   * complete or what it would still wait for (its checks left, with owners when few, and what it waits for first).
   */
  private static String ifDoneOutcome(Templates t, Map<String, Object> r, Map<String, Object> outcome,
                                      String waitsFor) {
    if (Boolean.TRUE.equals(outcome.get("check"))) {
      // a check asked of: whether it could be done then, or what it would still wait for
      Map<String, Object> first = map(outcome.get("blockedBy"));
      Map<String, Object> values = with(outcome, "things", r.get("things"));
      return Boolean.TRUE.equals(outcome.get("readyNow")) ? t.line("ifDone.checkDone", values)
          : first != null ? t.line("ifDone.checkWaits", with(values, "items", t.line("ifDone.item", first)))
          : t.line(t.to(Boolean.TRUE.equals(outcome.get("waitsNow")) ? "ifDone.checkFree" : "ifDone.checkFreeNow",
              outcome.get("owner")), values);
    }
    if (Boolean.TRUE.equals(outcome.get("readyNow"))) {
      return t.line("ifDone.outcomeReadyNow", outcome);
    }
    String cannot = waitsFor.isEmpty() ? "" : t.line("ifDone.waits", with(r, "items", waitsFor)) + " ";
    if (Boolean.TRUE.equals(outcome.get("ready"))) {
      return cannot + t.line("ifDone.outcomeYes", with(outcome, "things", r.get("things")));
    }
    List<String> items = new ArrayList<>();
    maps(outcome.get("open")).forEach(check -> items.add(t.line("ifDone.openCheck", check)));
    if (items.isEmpty() && outcome.get("left") instanceof Number left && left.intValue() > 0) {
      items.add(t.line("ifDone.outcomeLeft", outcome));
    }
    Map<String, Object> first = map(outcome.get("blockedBy"));
    if (first != null) {
      items.add(t.line("ifDone.item", first));
    }
    return cannot + t.line("ifDone.outcomeNo", with(outcome, "things", r.get("things"), "items",
        String.join("; ", items)));
  }

  /** What a what-if takes as done, as said: each thing, or what a person still has to give. */
  private static String ifDoneThings(Templates t, Map<String, Object> r) {
    List<Map<String, Object>> assumed = maps(r.get("assumed"));
    List<String> out = new ArrayList<>();
    for (Map<String, Object> thing : assumed.isEmpty() ? List.of(r) : assumed) {
      if ("person".equals(thing.get("kind"))) {
        String owed = ifDoneItems(t, thing.get("owed"), ALSO_DONE_SHOWN);
        out.add(owed.isEmpty() ? t.line("ifDone.personNone", thing)
            : t.line("ifDone.person", with(thing, "items", owed)));
      } else {
        out.add(t.line("ifDone.item", thing));
      }
    }
    return String.join(" " + t.line("ifDone.and", Map.of()) + " ", out);
  }

  /** How many of what a what-if would also complete are named; the rest are counted. */
  private static final int ALSO_DONE_SHOWN = 6;

  private static String ifDoneItems(Templates t, Object items, int shown) {
    List<Map<String, Object>> all = maps(items);
    List<String> out = new ArrayList<>();
    for (Map<String, Object> item : all.subList(0, Math.min(shown, all.size()))) {
      Object left = item.get("left");
      List<String> open = new ArrayList<>();
      maps(item.get("open")).forEach(check -> open.add(t.line("ifDone.openCheck", check)));
      out.add(!open.isEmpty() ? t.line("ifDone.itemOpen", with(item, "open", String.join("; ", open)))
          : t.line(left instanceof Number n && n.intValue() > 0 ? "ifDone.itemLeft" : "ifDone.item", item));
    }
    String named = String.join(", ", out);
    return all.size() > shown ? named + " " + t.line("ifDone.more", Map.of("count", all.size() - shown)) : named;
  }

  /** What waits on a thing: directly, then through those. */
  private static String dependents(Templates t, Map<String, Object> r) {
    List<String> direct = new ArrayList<>();
    maps(r.get("direct")).forEach(d -> direct.add(t.line("dependents.item", d)));
    if (direct.isEmpty()) {
      return t.line("dependents.none", r);
    }
    String out = t.line("dependents", with(r, "items", String.join("; ", direct)));
    List<String> indirect = new ArrayList<>();
    maps(r.get("indirect")).forEach(d -> indirect.add(t.line("dependents.item", d)));
    return indirect.isEmpty() ? out : out + " " + t.line("dependents.indirect", Map.of("items",
        String.join("; ", indirect)));
  }

  /** A packet variable's value now, or each packet's variables listed with theirs. */
  private static String env(Templates t, Map<String, Object> r) {
    List<Map<String, Object>> packets = maps(r.get("packets"));
    if (packets.isEmpty()) {
      return t.line("vars.unknown", r);
    }
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> packet : packets) {
      if (packet.get("variable") != null) {
        lines.add(undecided(packet).isEmpty() ? t.line("vars.value", with(packet, "value", envValue(packet)))
            : t.line("vars.value.undecided", with(packet, "decisions", undecided(packet))));
        continue;
      }
      List<String> items = new ArrayList<>();
      maps(packet.get("variables")).forEach(v -> items.add(undecided(v).isEmpty() ? v.get("name") + "=" + envValue(v)
          : t.line("vars.item.undecided", with(v, "decisions", undecided(v)))));
      lines.add(items.isEmpty() ? t.line("vars.packet.none", packet)
          : t.line("vars.packet", with(packet, "items", String.join(", ", items))));
    }
    return String.join("\n", lines);
  }

  /** The decisions a variable prints that nobody has recorded yet, named: it stays empty until they are. */
  private static String undecided(Map<String, Object> v) {
    return join(maps(v.get("undecided")).stream().map(d -> d.get("label") + " [" + d.get("id") + "]").toList());
  }

  /** A value as a shell would need it (quoted when it has spaces), an owner's id with their name. */
  private static String envValue(Map<String, Object> v) {
    String value = String.valueOf(v.get("value"));
    String shown = value.contains(" ") ? "\"" + value + "\"" : value;
    return v.get("actorName") == null ? shown : shown + " (" + v.get("actorName") + ")";
  }

  /** Who may do what: by the permissions each actor holds, and for a check, whose it is. */
  private static String permission(Templates t, Question q, Map<String, Object> summary, Map<String, Object> check,
                                   Map<String, Object> tasks, Map<String, Object> run) {
    // "who on the team has audit.read": everyone holding a permission of the scenario's own
    if (q.subject() != null && q.subject().startsWith(QuestionReader.HOLDERS)) {
      String permission = q.subject().substring(QuestionReader.HOLDERS.length());
      List<String> who = new ArrayList<>();
      maps(summary.get("actors")).stream().filter(a -> list(a.get("permissions")).contains(permission))
          .forEach(a -> who.add(a.get("name") + " (" + a.get("role") + ")"));
      return who.isEmpty() ? t.line("perm.holders.none", Map.of("permission", permission))
          : t.line("perm.holders", Map.of("permission", permission, "count", who.size(), "who", join(who)));
    }
    // "who else besides me can run pipelines": who else may, not what the asker may do now
    boolean besidesAsker = q.asks().stream().anyMatch(a -> a.startsWith(QuestionReader.ASKS_OTHERS));
    Map<String, Object> offered = besidesAsker ? null : offered(q, tasks);
    if (offered != null) {
      // what the server would do now comes first; holding the permission is only the second thing said
      // ("all the reasons": every unmet dependency of the check, not only the first the server names)
      String all = check != null && check.get("unmet") != null && offered.get("blockedBy") != null
          ? " " + unmet(t, check) : "";
      // "why couldn't I sign it before, can I now": what it waited for, done now, is the why
      String waited = check != null && Boolean.TRUE.equals(offered.get("available"))
          && !maps(check.get("dependsOn")).isEmpty() ? " " + dependencies(t, check) : "";
      return whyNot(t, tasks, offered) + all + waited + held(t, q, summary) + lastFailed(t, q, run);
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
    String now = "";
    // "who can rerun the dry run": the people first, whether it starts now after them (no "yes" to a "who")
    boolean whoFirst = q.asks().contains(QuestionReader.ASKS_WHO);
    if (actor == null && action == Action.RUN && run != null && q.subject() != null
        && q.subject().equals(run.get("pipeline"))) {
      String key = Boolean.TRUE.equals(run.get("startable")) ? "perm.run.startable"
          : run.get("blockedBy") == null ? "perm.run.refused.other" : "perm.run.refused";
      now = t.line(whoFirst ? key + ".then" : key, run) + lastFailed(t, q, run) + " ";
    }
    if (check != null && !check.containsKey("error") && action == null) {
      action = check.get("command") != null && String.valueOf(check.get("command")).contains("/decisions/")
          ? Action.DECIDE : Action.ACCEPT;
    }
    if (actor != null && action == null) {
      return t.line(t.to("perm.list", actor.get("id")), with(actor, "permissions", join(list(actor.get("permissions")))));
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
    // "can anyone besides me run the pipelines": the others, or nobody else
    String asker = q.asks().stream().filter(a -> a.startsWith(QuestionReader.ASKS_OTHERS))
        .map(a -> a.substring(QuestionReader.ASKS_OTHERS.length())).findFirst().orElse(null);
    if (asker != null && (check == null || check.containsKey("error"))) {
      List<String> others = new ArrayList<>();
      boolean mine = false;
      for (Map<String, Object> a : actors) {
        if (list(a.get("permissions")).contains(permission)) {
          if (asker.equals(a.get("id"))) {
            mine = true;
          } else {
            others.add(a.get("name") + " (" + a.get("role") + ")");
          }
        }
      }
      Map<String, Object> values = Map.of("verb", verb, "permission", permission, "who", String.join(", ", others));
      return t.line(others.isEmpty() ? (mine ? "perm.others.onlyYou" : "perm.others.nobody") : "perm.others", values);
    }
    // "who can't record decisions": everyone without the permission, then who has it
    if (q.asks().contains(QuestionReader.ASKS_NOT) && actor == null && (check == null || check.containsKey("error"))) {
      List<String> without = new ArrayList<>();
      for (Map<String, Object> a : actors) {
        if (!list(a.get("permissions")).contains(permission)) {
          without.add(a.get("name") + " (" + a.get("role") + ")");
        }
      }
      return t.line(without.isEmpty() ? "perm.not.nobody" : "perm.not", Map.of("verb", verb, "permission", permission,
          "who", String.join(", ", without))) + " " + holders(t, action, verb, permission, holders);
    }
    StringBuilder out = new StringBuilder(whoFirst ? "" : now);
    // "why can't I sign the damage reports yet": nobody signs what follows from other evidence, whatever they may do
    boolean byHand = action != Action.ACCEPT || check == null || check.containsKey("error")
        || check.get("command") != null;
    if (actor != null && !byHand) {
      out.append(t.line("perm.notByHand", Map.of())).append(' ');
    } else if (actor != null) {
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
      out.append(whoCanDoIt(t, check, "perm.check", verb));
    } else if (q.asks().contains(QuestionReader.ASKS_COUNT)) {
      out.append(t.line("perm.who.count", Map.of("verb", verb, "permission", permission, "count", holders.size(),
          "who", holders.isEmpty() ? t.raw("perm.nobody") : String.join(", ", holders))));
    } else {
      out.append(holders(t, action, verb, permission, holders));
    }
    return whoFirst && !now.isEmpty() ? out + " " + now.strip() : out.toString();
  }

  /** Who holds a permission: "only X" when one person does. */
  private static String holders(Templates t, Action action, String verb, String permission, List<String> holders) {
    String key = action == Action.RUN ? "perm.who.run" : "perm.who";
    return t.line(holders.size() == 1 ? key + ".one" : key, Map.of("verb", verb, "permission", permission, "who",
        holders.isEmpty() ? t.raw("perm.nobody") : String.join(", ", holders)));
  }

  /**
   * Who can move {@code check}, as the server would decide it: its owner when they may (once what it
   * waits for is ready), nobody when its owner lacks the permission (only an owner may), and for a
   * pipeline step those who may run pipelines. {@code key} is the line naming the owner who can.
   */
  private static String whoCanDoIt(Templates t, Map<String, Object> check, String key, String verb) {
    Map<String, Object> values = with(check, "verb", verb);
    if (check.get("command") == null) {
      return t.line(key + ".derived", values) + (maps(check.get("dependsOn")).isEmpty() ? ""
          : " " + dependencies(t, check));
    }
    if (check.get("ownerLacks") != null) {
      return t.line("perm.check.forbidden", values);
    }
    String runnable = runnable(t, check);
    if (runnable != null) {
      return t.line("perm.check.pipeline", values) + " " + runnable;
    }
    return t.line(t.to(check.get("blockedBy") != null && !"READY".equals(check.get("status")) ? key + ".waits" : key,
        check.get("owner")), values);
  }

  /**
   * "can I just retry the connection thing now": a run that may start again is worth little without how the last one
   * ended, when it failed: its failed step and what it said.
   */
  private static String lastFailed(Templates t, Question q, Map<String, Object> run) {
    if (q.action() != Action.RUN || run == null || !"FAILED".equals(run.get("status"))) {
      return "";
    }
    for (Map<String, Object> step : maps(run.get("steps"))) {
      if ("FAILED".equals(step.get("status"))) {
        return " " + t.line("perm.run.lastFailed", with(run, "step", step.get("id"), "detail", step.get("detail")));
      }
    }
    return "";
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
    for (String part : List.of("actionable", "rerunnable", "blocked")) {
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
    // (a pipeline run again over a gate it proved is offered too: the server takes it)
    for (String part : List.of("actionable", "rerunnable", "blocked")) {
      for (Map<String, Object> item : maps(tasks.get(part))) {
        if (q.subject().equals(item.get("id")) || q.subject().equals(item.get("pipeline"))) {
          return with(item, "available", !part.equals("blocked"));
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
    String listed = t.line("session.environments", Map.of("environments", String.join("; ", items), "count",
        items.size()));
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
    if (summary.get("target") != null && summary.get("targetEnvironment") != null) {
      out.append(' ').append(t.line("session.target", summary));
    }
    return out.toString().trim();
  }

  /** Production traffic, on or off, and the go/no-go it follows. */
  private static String traffic(Templates t, Map<String, Object> r) {
    return t.line(Boolean.TRUE.equals(r.get("go")) ? "traffic.on" : "traffic.off", with(r, "go",
        Boolean.TRUE.equals(r.get("go")) ? t.raw("go") : t.raw("nogo"), "target", r.getOrDefault("target", "")));
  }

  /** When the state store was last written (or that it was not yet), with the session it belongs to. */
  private static String lastWrite(Templates t, Question q, Map<String, Object> summary,
                                  List<Map<String, Object>> lastEvents) {
    Map<String, Object> live = map(summary.get("session"));
    if (live == null) {
      return session(t, q, summary);
    }
    String session = session(t, q, summary);
    if (live.get("lastWriteAt") != null) {
      String what = lastEvents.isEmpty() ? "" : " " + t.line("session.lastEvent", Map.of("event",
          t.line("recent.item", with(lastEvents.get(lastEvents.size() - 1), "subject",
              recentSubject(lastEvents.get(lastEvents.size() - 1))))));
      return t.line("session.lastWrite", live) + what + " " + session.replace(t.line("session.lastWrite", live), "")
          .replace("  ", " ").strip();
    }
    return t.line("session.notWritten", live) + " " + session;
  }

  /**
   * The owners of a group's open checks (of its dependencies', for production) other than the asker, each with
   * what waits for them; everyone's when no asker is to be left out ("who still has to sign? all of them").
   */
  private static String otherOwners(Templates t, Question q, Map<String, Object> gate) {
    Map<String, List<String>> byOwner = new java.util.LinkedHashMap<>();
    List<Map<String, Object>> checks = new ArrayList<>(maps(gate.get("checks")));
    checks.addAll(maps(gate.get("dependencyChecks")));
    for (Map<String, Object> check : checks) {
      if (!"READY".equals(check.get("status")) && !String.valueOf(check.get("owner")).equals(q.actor())) {
        byOwner.computeIfAbsent(check.get("ownerName") + " (" + check.get("ownerRole") + ")", k -> new ArrayList<>())
            .add(check.get("label") + " [" + check.get("id") + "]");
      }
    }
    if (byOwner.isEmpty()) {
      // nobody owes anything there: the gate itself says so, with its count and code
      return q.actor() == null ? gate(t, gate) : t.line("others.none", gate);
    }
    List<String> items = new ArrayList<>();
    if (q.asks().contains(QuestionReader.ASKS_MOST)) {
      // "who has the most open items": the most first, each with how many, ties named together
      List<Map.Entry<String, List<String>>> ranked = new ArrayList<>(byOwner.entrySet());
      ranked.sort((a, b) -> b.getValue().size() - a.getValue().size());
      int most = ranked.get(0).getValue().size();
      List<String> top = ranked.stream().filter(e -> e.getValue().size() == most).map(Map.Entry::getKey).toList();
      ranked.forEach(e -> items.add(e.getKey() + " (" + e.getValue().size() + "): " + String.join(", ", e.getValue())));
      return t.line(q.actor() != null ? "others.most.you" : "others.most", with(gate, "who", String.join(", ", top),
          "count", most, "items", String.join("; ", items)));
    }
    byOwner.forEach((owner, owed) -> items.add(owner + ": " + String.join(", ", owed)));
    // production has no checks of its own: what its dependencies still lack, said as what is left before go-live
    String template = q.actor() != null ? "others" : gate.get("dependencyChecks") != null ? "others.production"
        : "others.all";
    return t.line(template, with(gate, "items", String.join("; ", items)));
  }

  /**
   * The snapshot the migration moves: the batch or table asked about first, its rows and checksum, and the rows of
   * each batch.
   */
  private static String snapshot(Templates t, Map<String, Object> r, String batchAsked) {
    List<String> batches = new ArrayList<>();
    String asked = "";
    for (Map<String, Object> batch : maps(r.get("batches"))) {
      batches.add(t.line("snapshot.batch", batch));
      if (batch.get("id").equals(batchAsked)) {
        asked = t.line("snapshot.batch.asked", batch) + " ";
      }
    }
    if (batchAsked != null && batchAsked.equals(QuestionReader.TABLE + QuestionReader.EVERY_TABLE)) {
      List<String> tables = new ArrayList<>();
      maps(r.get("tables")).forEach(table -> tables.add(t.line("snapshot.table", table)));
      return t.line("snapshot", r) + " " + t.line("snapshot.tables", Map.of("tables", String.join("; ", tables)));
    }
    if (batchAsked != null && batchAsked.startsWith(QuestionReader.TABLE)) {
      String name = batchAsked.substring(QuestionReader.TABLE.length());
      for (Map<String, Object> table : maps(r.get("tables"))) {
        if (table.get("name").equals(name)) {
          asked = t.line("snapshot.table.asked", table) + " ";
        }
      }
    }
    String line = asked + t.line("snapshot", r);
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
    } else if (first.containsKey("ownerName") && first.containsKey("kind")
        && q.asks().contains(QuestionReader.ASKS_REVOKE)) {
      out.append(t.line(first.get("revokeCommand") != null ? "refuse.revoke" : "refuse.revoke.none", first));
    } else if (first.containsKey("ownerName") && first.containsKey("kind")) {
      out.append(first.get("command") == null ? t.line("refuse.derived", first)
          : whoCanDoIt(t, first, "refuse.check", null));
    } else if (first.get("actionable") instanceof List<?>) {
      // the asker's own (their tasks, not the next step's "actionable" flag): they can do these themselves
      out.append(t.line("refuse.yours", Map.of())).append(' ').append(tasks(t, first));
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

    /** The template {@code key} with each {name} replaced (a regex here cost a matcher and copies per answer line). */
    String line(String key, Map<String, Object> values) {
      String template = raw(key);
      StringBuilder out = new StringBuilder(template.length() + 64);
      int from = 0;
      for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', open + 1)) {
        int close = placeholderEnd(template, open);
        if (close < 0) {
          continue;
        }
        String name = template.substring(open + 1, close);
        Object value = values.get(name);
        // a language may name each status in its own words beside the code ("status.BLOCKED")
        if (value != null && name.endsWith("tatus") && lines.containsKey("status." + value)) {
          value = lines.get("status." + value);
        }
        out.append(template, from, open).append(value == null ? "?" : value);
        from = close + 1;
        open = close;
      }
      out.append(template, from, template.length());
      return out.toString();
    }

    /** Where the placeholder opened at {@code open} ends (its '}'), or -1 when no name of ASCII letters follows. */
    private static int placeholderEnd(String template, int open) {
      int at = open + 1;
      while (at < template.length() && isAsciiLetter(template.charAt(at))) {
        at++;
      }
      return at > open + 1 && at < template.length() && template.charAt(at) == '}' ? at : -1;
    }

    private static boolean isAsciiLetter(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
  }
}

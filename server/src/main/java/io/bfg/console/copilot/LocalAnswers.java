package io.bfg.console.copilot;

import io.bfg.console.copilot.QuestionReader.Intent;
import io.bfg.console.copilot.QuestionReader.Question;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the local model's answer from the results of the tools it chose, with the templates of
 * the question's language ({@code prompts/local.<lang>.properties}). Every figure and code comes
 * from a tool result and sits next to the id it belongs to, so the answer is grounded by
 * construction (and is still checked by {@link Grounding} like any model's).
 */
public final class LocalAnswers {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
  private static final int LIST_LIMIT = 6;

  private LocalAnswers() {
  }

  /** {@code results} holds one tool result per call of {@code question}, in order; null when not found. */
  public static String write(Question question, List<Map<String, Object>> results, Map<String, String> templates) {
    Templates t = new Templates(templates);
    Map<String, Object> result = results.isEmpty() ? null : results.get(0);
    if (question.intent() == Intent.UNKNOWN) {
      return t.line("unknown", Map.of());
    }
    if (question.intent() == Intent.CHANGE_REQUEST) {
      return t.line("change", Map.of()) + " " + next(t, result);
    }
    if (result == null || result.containsKey("error")) {
      return t.line("unresolved", Map.of("subject", String.valueOf(question.subject()))) + " "
          + t.line("unknown", Map.of());
    }
    return switch (question.intent()) {
      case BLOCKERS -> blockers(t, result);
      case NEXT -> next(t, result);
      case WHY, STATUS -> result.containsKey("checks") ? gate(t, result) : check(t, result);
      case OWNER -> result.containsKey("checks") ? t.line("owner.group", result) : check(t, result);
      case TASKS -> tasks(t, result);
      case PROVIDER -> t.line(result.get("check") == null ? "provider.unchecked" : "provider", result);
      case LAST_RUN -> run(t, result);
      case RECENT -> recent(t, result);
      case DECISION_CODE -> code(t, result);
      default -> t.line("unknown", Map.of());
    };
  }

  private static String blockers(Templates t, Map<String, Object> r) {
    StringBuilder out = new StringBuilder(t.line("blockers.head", with(r, "go",
        Boolean.TRUE.equals(r.get("go")) ? t.raw("go") : t.raw("nogo"), "target", r.getOrDefault("target", ""))));
    List<Map<String, Object>> blockers = list(r.get("blockers"));
    if (blockers.isEmpty()) {
      out.append(' ').append(t.line("blockers.none", Map.of()));
    } else {
      out.append('\n').append(t.line("blockers.list", Map.of()));
      for (Map<String, Object> gate : blockers) {
        String waiting = gate.get("blockedBy") == null ? "" : t.line("blockers.waiting", gate);
        out.append("\n- ").append(t.line("blockers.item", with(gate, "waiting", waiting)));
      }
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
    StringBuilder out = new StringBuilder(t.line("gate", r));
    Map<String, Object> blocker = map(r.get("blockedByDetail"));
    if (blocker != null) {
      out.append(' ').append(t.line("gate.waits", with(r, "blockedLabel", blocker.get("label"),
          "blockedStatus", blocker.get("status"), "blockedDone", blocker.get("done"), "blockedTotal",
          blocker.get("total"), "blockedDecision", blocker.get("decision"))));
    }
    List<String> open = new ArrayList<>();
    for (Map<String, Object> check : list(r.get("checks"))) {
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
      out.append(' ').append(t.line("check.signed", with(r, "stale", stale)));
    }
    if (r.get("blockedBy") != null) {
      out.append(' ').append(t.line("check.blocked", r));
    } else if (r.get("command") != null && !"READY".equals(r.get("status"))) {
      out.append(' ').append(t.line("check.command", r));
    }
    return out.toString();
  }

  private static String tasks(Templates t, Map<String, Object> r) {
    List<Map<String, Object>> actionable = list(r.get("actionable"));
    List<Map<String, Object>> blocked = list(r.get("blocked"));
    StringBuilder out = new StringBuilder();
    if (actionable.isEmpty()) {
      out.append(t.line("tasks.none", r));
    } else {
      out.append(t.line("tasks.head", with(r, "count", actionable.size())));
      actionable.stream().limit(LIST_LIMIT).forEach(c -> out.append("\n- ").append(t.line("tasks.item", c)));
    }
    if (!blocked.isEmpty()) {
      out.append('\n').append(t.line("tasks.blocked", with(r, "count", blocked.size()))).append(' ')
          .append(t.line("tasks.item", blocked.get(0))).append('.');
    }
    return out.toString();
  }

  private static String run(Templates t, Map<String, Object> r) {
    if (!Boolean.TRUE.equals(r.get("ran"))) {
      return t.line("run.never", r);
    }
    StringBuilder out = new StringBuilder(t.line("run.head", r));
    for (Map<String, Object> step : list(r.get("steps"))) {
      out.append("\n- ").append(t.line("run.step", step));
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
    for (Map<String, Object> group : list(r.get("carriedBy"))) {
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
    return t.line("code.unknown", with(r, "codes", "BLOCKED_PENDING_...")) + carried;
  }

  // ---- helpers ----

  private static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
    Map<String, Object> out = new java.util.HashMap<>(base == null ? Map.of() : base);
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(String.valueOf(pairs[i]), pairs[i + 1]);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    if (!(value instanceof List<?> items)) {
      return List.of();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof Map<?, ?> m) {
        out.add((Map<String, Object>) m);
      }
    }
    return out;
  }

  /** Templates with {@code {name}} placeholders; a missing value leaves a visible "?" rather than failing. */
  private record Templates(Map<String, String> lines) {

    String raw(String key) {
      return lines.getOrDefault(key, key);
    }

    String line(String key, Map<String, Object> values) {
      Matcher m = PLACEHOLDER.matcher(raw(key));
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        Object value = values.get(m.group(1));
        m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "?" : String.valueOf(value)));
      }
      m.appendTail(out);
      return out.toString();
    }
  }
}

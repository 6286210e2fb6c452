package io.bfg.console.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A label text with {@code {ref}} or {@code {ref.field}} placeholders that the evaluator fills from
 * live state, so prose such as "Runbook is {runbook} with decision {runbook.decision}" can never
 * drift from the numbers. {@code {{} is a literal brace.
 */
public record Template(List<Part> parts) {

  /** A literal run of text, or a reference with an optional field. */
  public record Part(String text, String ref, String field) {
    public boolean literal() {
      return ref == null;
    }
  }

  public static boolean hasPlaceholders(String text) {
    return text != null && text.indexOf('{') >= 0;
  }

  /** Parses {@code text}; throws IllegalArgumentException naming the column of a malformed placeholder. */
  public static Template parse(String text) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '{') {
        literal.append(c);
        i++;
        continue;
      }
      if (text.startsWith("{{}", i)) {
        literal.append('{');
        i += 3;
        continue;
      }
      int end = text.indexOf('}', i);
      if (end < 0) {
        throw new IllegalArgumentException("unclosed placeholder at character " + (i + 1));
      }
      String body = text.substring(i + 1, end).trim();
      if (body.isEmpty() || body.indexOf('{') >= 0) {
        throw new IllegalArgumentException("empty or nested placeholder at character " + (i + 1));
      }
      if (literal.length() > 0) {
        parts.add(new Part(literal.toString(), null, null));
        literal.setLength(0);
      }
      int dot = body.lastIndexOf('.');
      String field = dot < 0 ? null : body.substring(dot + 1);
      if (field != null && Fields.ALL.contains(field)) {
        parts.add(new Part(null, body.substring(0, dot), field));
      } else {
        parts.add(new Part(null, body, null));
      }
      i = end + 1;
    }
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), null, null));
    }
    return new Template(List.copyOf(parts));
  }

  /**
   * The references whose value {@code text} prints ({@code {ref}} or {@code {ref.value}}, not a status
   * or count field), in order; none when it has no placeholders or a malformed one (the validator says so).
   */
  public static List<String> valueRefs(String text) {
    if (!hasPlaceholders(text)) {
      return List.of();
    }
    try {
      return parse(text).parts().stream()
          .filter(part -> !part.literal() && (part.field() == null || Fields.VALUE.equals(part.field())))
          .map(Part::ref).toList();
    } catch (IllegalArgumentException malformed) {
      return List.of();
    }
  }

  /** Fields a reference may select; anything else after a dot is part of the reference name. */
  public static final class Fields {
    public static final String DECISION = "decision";
    public static final String STATUS = "status";
    public static final String DONE = "done";
    public static final String TOTAL = "total";
    public static final String VALUE = "value";
    /** The status in lower case, for prose ("infrastructure status: blocked"). */
    public static final String STATE = "state";
    public static final java.util.Set<String> ALL = java.util.Set.of(DECISION, STATUS, DONE, TOTAL, VALUE, STATE);

    private Fields() {
    }
  }
}

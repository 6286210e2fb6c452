package io.bfg.console.copilot;

import io.bfg.console.eval.Evaluation;
import io.bfg.console.eval.Evaluation.CheckView;
import io.bfg.console.eval.Evaluation.GroupView;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an answer against the evaluation before it reaches anyone, whichever model wrote it:
 * every cited {@code [id]} must exist, and every {@code x/y} count and decision code must be what
 * the evaluation says for the id it is quoted with (the nearest citation before it in the same
 * sentence, else the nearest after). A wrong figure next to a known id is corrected in place; an
 * unknown citation is removed; a figure that belongs to nothing is flagged ({@code grounded=false}).
 * Works one sentence at a time, so a streamed answer is checked as it goes.
 */
public final class Grounding {

  private static final Pattern CITATION = Pattern.compile("\\[([A-Za-z0-9][A-Za-z0-9._-]*)]");
  private static final Pattern COUNT = Pattern.compile("(?<![\\d/])(\\d+)/(\\d+)(?![\\d/])");
  private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");

  /** What a checked text says and whether it holds. */
  public record Checked(String text, List<String> citations, List<String> corrections, List<String> warnings) {
    public boolean grounded() {
      return warnings.isEmpty();
    }
  }

  private record Count(int done, int total) {
  }

  private final Map<String, Count> counts = new HashMap<>();
  private final Map<String, String> decisions = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<String, String> readyCodes = new HashMap<>();
  private final Set<String> ids = new LinkedHashSet<>();
  private final Set<String> codes = new LinkedHashSet<>();
  private final Count gates;

  public Grounding(Scenario scenario, Evaluation evaluation) {
    List<GroupView> groups = new ArrayList<>(evaluation.groups());
    groups.add(evaluation.production());
    for (GroupView group : groups) {
      ids.add(group.id());
      counts.put(group.id(), new Count(group.done(), group.total()));
      decisions.put(group.id(), group.decision());
      codes.add(group.decision());
      for (CheckView check : group.checks()) {
        ids.add(check.id());
        if (check.done() != null) {
          counts.put(check.id(), new Count(check.done(), check.total()));
        }
      }
    }
    List<GroupDef> defs = new ArrayList<>(scenario.groups());
    defs.add(scenario.production());
    for (GroupDef def : defs) {
      tokens.put(def.id(), "BLOCKED_PENDING_" + def.token());
      readyCodes.put(def.id(), def.readyCode());
      codes.add("BLOCKED_PENDING_" + def.token());
      if (def.blockedToken() != null) {
        codes.add("BLOCKED_PENDING_" + def.blockedToken());
      }
      codes.add(def.readyCode());
    }
    gates = new Count(evaluation.summary().gatesReady(), evaluation.summary().gatesTotal());
  }

  /** Checks a whole answer. */
  public Checked check(String text) {
    List<String> citations = new ArrayList<>();
    List<String> corrections = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (String sentence : sentences(text)) {
      out.append(sentence(sentence, citations, corrections, warnings));
    }
    return new Checked(out.toString(), List.copyOf(new LinkedHashSet<>(citations)), corrections, warnings);
  }

  /** Splits after sentence ends and line breaks, keeping every character. */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean end = c == '\n' || (c == '.' || c == '!' || c == '?') && (i + 1 == text.length()
          || Character.isWhitespace(text.charAt(i + 1)));
      if (end) {
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  /**
   * The index where the last complete sentence of {@code text} ends (0 if none is complete yet): just
   * after its last line break or its last sentence end followed by a space. Called for every streamed
   * piece, so it scans instead of splitting.
   */
  static int completeUpTo(CharSequence text) {
    int length = text.length();
    if (length > 0 && text.charAt(length - 1) == '\n') {
      return length;
    }
    for (int i = length - 2; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '.' || c == '!' || c == '?') && Character.isWhitespace(text.charAt(i + 1))) {
        return i + 1;
      }
    }
    return 0;
  }

  private String sentence(String sentence, List<String> citations, List<String> corrections,
                          List<String> warnings) {
    // each pass runs only if the sentence has its pattern's mark ('[', '/', '_'): most sentences lack one
    String text = sentence;
    List<int[]> spans = new ArrayList<>();
    List<String> spanIds = new ArrayList<>();
    if (sentence.indexOf('[') >= 0) {
      text = cited(sentence, citations, corrections);
      Matcher known = CITATION.matcher(text);
      while (known.find()) {
        spans.add(new int[] {known.start(), known.end()});
        spanIds.add(known.group(1));
      }
    }
    if (text.indexOf('/') >= 0) {
      text = counted(text, spans, spanIds, corrections, warnings);
    }
    return text.indexOf('_') < 0 ? text : coded(text, spans, spanIds, corrections, warnings);
  }

  /** The sentence without its unknown citations (listed in {@code corrections}); known ones go to {@code citations}. */
  private String cited(String sentence, List<String> citations, List<String> corrections) {
    // unknown citations go first, so figures are attributed only to ids that exist
    Matcher cited = CITATION.matcher(sentence);
    StringBuilder cleaned = new StringBuilder();
    while (cited.find()) {
      String id = cited.group(1);
      if (ids.contains(id)) {
        citations.add(id);
        cited.appendReplacement(cleaned, Matcher.quoteReplacement(cited.group()));
      } else {
        corrections.add("removed the citation [" + id + "]: no such gate, group or check");
        cited.appendReplacement(cleaned, "");
        // and the space before it, so "waits [x]." does not become "waits ."
        int last = cleaned.length() - 1;
        if (last >= 0 && cleaned.charAt(last) == ' ') {
          cleaned.setLength(last);
        }
      }
    }
    cited.appendTail(cleaned);
    return cleaned.toString();
  }

  /** {@code text} with every x/y count next to a known id made the evaluation's. */
  private String counted(String text, List<int[]> spans, List<String> spanIds, List<String> corrections,
                         List<String> warnings) {
    StringBuilder counted = new StringBuilder();
    Matcher count = COUNT.matcher(text);
    while (count.find()) {
      Count said = new Count(Integer.parseInt(count.group(1)), Integer.parseInt(count.group(2)));
      String id = attribute(count.start(), count.end(), spans, spanIds, counts.keySet());
      String replacement = count.group();
      if (id != null) {
        Count actual = counts.get(id);
        if (!actual.equals(said)) {
          replacement = actual.done() + "/" + actual.total();
          corrections.add("[" + id + "] is " + replacement + ", not " + count.group());
        }
      } else if (!said.equals(gates) && !counts.containsValue(said)) {
        warnings.add(count.group() + " matches no count in the evaluation");
      }
      count.appendReplacement(counted, Matcher.quoteReplacement(replacement));
    }
    count.appendTail(counted);
    return counted.toString();
  }

  /** {@code text} with every decision code next to a known id made the evaluation's. */
  private String coded(String text, List<int[]> spans, List<String> spanIds, List<String> corrections,
                       List<String> warnings) {
    StringBuilder coded = new StringBuilder();
    Matcher code = CODE.matcher(text);
    while (code.find()) {
      String said = code.group();
      String replacement = said;
      boolean decisionShaped = said.startsWith("BLOCKED_") || codes.contains(said);
      if (decisionShaped) {
        String id = attribute(code.start(), code.end(), spans, spanIds, decisions.keySet());
        if (id != null) {
          boolean fits = said.equals(decisions.get(id)) || said.equals(tokens.get(id)) || said.equals(readyCodes.get(id));
          if (!fits) {
            replacement = decisions.get(id);
            corrections.add("[" + id + "] is " + replacement + ", not " + said);
          }
        } else if (!codes.contains(said)) {
          warnings.add(said + " is not a decision code of this scenario");
        }
      }
      code.appendReplacement(coded, Matcher.quoteReplacement(replacement));
    }
    code.appendTail(coded);
    return coded.toString();
  }

  /** The nearest citation before the figure in the sentence, else the nearest after, among {@code eligible}. */
  private static String attribute(int start, int end, List<int[]> spans, List<String> spanIds, Set<String> eligible) {
    for (int i = spans.size() - 1; i >= 0; i--) {
      if (spans.get(i)[1] <= start && eligible.contains(spanIds.get(i))) {
        return spanIds.get(i);
      }
    }
    for (int i = 0; i < spans.size(); i++) {
      if (spans.get(i)[0] >= end && eligible.contains(spanIds.get(i))) {
        return spanIds.get(i);
      }
    }
    return null;
  }
}

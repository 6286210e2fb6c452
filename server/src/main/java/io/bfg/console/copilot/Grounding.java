package io.bfg.console.copilot;

import io.bfg.console.command.ActorActions;
import io.bfg.console.command.CommandRejected;
import io.bfg.console.eval.Evaluation;
import io.bfg.console.eval.Evaluation.CheckView;
import io.bfg.console.eval.Evaluation.GroupView;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.model.Actor;
import io.bfg.console.model.Aliases;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Label;
import io.bfg.console.model.Lang;
import io.bfg.console.model.Permissions;
import io.bfg.console.model.Provider;
import io.bfg.console.model.Scenario;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an answer against the evaluation before it reaches anyone, whichever model wrote it. In each
 * sentence it finds the things named (cited {@code [id]}s, else the scenario's labels and aliases in
 * either language) and the actors named (name, first name, role, id, aliases), then every claim:
 * <ul>
 *   <li>a cited id exists;</li>
 *   <li>an {@code x/y}, "x of y" or "x z y" count is that of its id, of the gates ("2 of 9 gates") or
 *       of the checks; a percentage is its id's or the evaluation's;</li>
 *   <li>a status (READY/REVIEW/BLOCKED, "is ready", "jest zablokowana", "do przeglądu") and a decision
 *       code are those of the id they are said of; GO/NO-GO is production's;</li>
 *   <li>an actor named as an id's owner owns it;</li>
 *   <li>an actor said to be able (or not) to accept checks, record decisions or run pipelines holds
 *       (or lacks) that permission, and an actor's number of tasks is what they can do now
 *       ({@link ActorActions#available}).</li>
 * </ul>
 * A claim is said of the nearest named thing in its clause, before it first, else in its sentence
 * (citations win over labels when a sentence has any). A wrong fact is corrected in place when it can
 * be, else its sentence is dropped; either is listed in {@code corrections}. A figure that belongs to
 * nothing is flagged in {@code warnings} ({@code grounded=false}). Works one sentence at a time, so a
 * streamed answer is checked as it goes. The scenario's words are read from the scenario
 * ({@link Lexicon}, built once); the console's own words (status, owner, permission) are below.
 */
public final class Grounding {

  private static final Pattern CITATION = Pattern.compile("\\[([A-Za-z0-9][A-Za-z0-9._-]*)]");
  private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
  private static final Pattern GO = Pattern.compile("(?<![\\w-])(NO[- ]GO|GO)(?![\\w-])");
  /** "no-go" in any case is a claim too; a lower-case "go" only after a copula ("production is a go"). */
  private static final Pattern GO_LOWER = Pattern.compile("(?<![\\w-])(?i:no[- ]go)(?![\\w-])"
      + "|(?<=\\b(?i:is|are|jest|są|status) (?:a )?)(?i:go)(?![\\w-])");
  /** The console's own stores, by the names its session reports (the journal's adapter). */
  private static final Pattern STORE = Pattern.compile("(?<=\\b(?i:in|on|w|na|:) )(?i:file-local|postgres)(?![\\w-])");
  private static final Set<String> STORAGE_CUES = WordSet.of("stored", "stores", "store", "storage", "keeps", "kept",
      "state", "journal", "stan", "stanu", "dziennik", "trzyma", "magazyn");

  // ---- the console's own words, folded (lower case, no diacritics) ----
  private static final Set<String> COPULAS = WordSet.of("is", "are", "s", "was", "were", "remains", "remain", "stays",
      "stay", "still", "now", "currently", "already", "isnt", "arent", "not", "jest", "sa", "byl", "byla", "bylo",
      "pozostaje", "pozostaja", "nadal", "juz", "teraz", "nie", "status", "stan");
  private static final Set<String> NEGATIONS = WordSet.of("not", "isnt", "arent", "nie");
  /** Words by which a sentence says someone cannot do a thing: it offers no command then. */
  private static final Set<String> REFUSALS = WordSet.of("cannot", "cant", "nobody", "nikt", "lacks", "lack", "refuse",
      "refused", "odrzuci", "odrzuca");
  /** A command an answer offers: a sign-off, a decision, a pipeline run. */
  private static final Pattern COMMAND = Pattern.compile("/api/(checks|decisions|pipelines)/([A-Za-z0-9][A-Za-z0-9._-]*)");
  private static final Set<String> CONDITIONS = WordSet.of("when", "once", "until", "unless", "if", "before", "after",
      "only", "gdy", "kiedy", "dopiero", "zanim", "jesli", "jezeli", "az", "dopoki", "would", "will", "bedzie", "beda",
      "why", "whether", "dlaczego", "czemu", "czy");
  /** Possessives before a role's word that make it a relation ("its owner"), not the person of that role. */
  private static final Set<String> RELATIONS = WordSet.of("its", "their", "jego", "jej", "ich");
  /**
   * Words that put a sentence in a state that would be, not the one that is: "would", "byłoby", and a what-if's
   * "po zrobieniu X" ("with X done").
   */
  private static final Set<String> HYPOTHETICAL = WordSet.of("would", "wouldnt", "byloby", "bylaby", "bylby", "bylyby",
      "bylibysmy", "zrobieniu",
      // ("Produkcja miałaby wtedy GO": a what-if's production, in a sentence of its own)
      "mialaby", "mialby", "mialoby", "mialyby", "mielibysmy");
  /** Words a full stop follows without ending a sentence: titles in names ("Mgr. Lukáš Horák") and "e.g.". */
  private static final Set<String> ABBREVIATIONS = WordSet.of("mgr", "ing", "dr", "mudr", "mvdr", "judr", "phdr", "bc",
      "prof", "doc", "hab", "inz", "mr", "mrs", "ms", "np", "e.g", "i.e", "tj");
  private static final Set<String> OWNER_CUES = WordSet.of("owner", "owners", "owns", "owned", "belongs",
      "responsible", "nalezy", "naleza", "odpowiada", "odpowiadaja");
  private static final Set<String> GATE_NOUNS = WordSet.of("gate", "gates");
  private static final Set<String> CHECK_NOUNS = WordSet.of("check", "checks");
  private static final Set<String> GROUP_NOUNS = WordSet.of("group", "groups", "grup", "grupy", "grupa");
  private static final Set<String> TASK_NOUNS = WordSet.of("task", "tasks", "thing", "things", "action", "actions",
      "item", "items", "rzecz", "rzeczy", "akcja", "akcje", "akcji");
  private static final Set<String> CAPABILITY = WordSet.of("can", "could", "may", "act", "plate", "todo", "moze", "mozna",
      "moga", "wykonac", "zrobienia", "zrobic");
  private static final Set<String> MODALS = WordSet.of("can", "cannot", "cant", "may", "could", "couldnt", "allowed",
      "moze", "moga", "wolno", "mozna");
  private static final String[] PL_OWNER_PREFIXES = {"wlasciciel", "odpowiedzialn"};

  /** What a checked text says and whether it holds. */
  public record Checked(String text, List<String> citations, List<String> corrections, List<String> warnings) {
    public boolean grounded() {
      return warnings.isEmpty();
    }
  }

  private record Count(int done, int total) {
    @Override
    public String toString() {
      return done + "/" + total;
    }
  }

  private final Lexicon lexicon;
  /** Words ending in a full stop that end no sentence: titles, and those of the scenario's own names. */
  private final Set<String> titles;
  private final Scenario scenario;
  private final Evaluator.Assessment assessment;
  private final Map<String, Count> counts = new HashMap<>();
  private final Map<String, String> decisions = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<String, String> readyCodes = new HashMap<>();
  private final Map<String, String> statuses = new HashMap<>();
  private final Set<String> ids = new LinkedHashSet<>();
  private final Set<String> codes = new LinkedHashSet<>();
  private final Map<String, Count> gatesBy = new HashMap<>();
  /** Every group (the checklist's gates and the others) by status, and "!READY" for those not ready. */
  private final Map<String, Count> groupsBy = new HashMap<>();
  /** How many of the evaluation's checks each actor owns (the check tool's owners). */
  private final Map<String, Integer> ownedChecks = new HashMap<>();
  private final Count gates;
  private final Count checks;
  private final int percent;
  private final boolean go;
  /** Where the live session keeps its state ("file-local", "postgres"), or null when the evaluation has no session. */
  private final String storage;
  /**
   * Sentences already checked against this evaluation and what checking found: a sentence's verdict
   * depends only on its text and the evaluation, and answers repeat their sentences (a summary line,
   * a next step) across questions and askers, so each is checked once per evaluation. Bounded: past
   * {@link #REMEMBERED} sentences, new ones are checked every time.
   */
  private final Map<String, Checked> checkedSentences = new ConcurrentHashMap<>();
  private static final int REMEMBERED = 4_096;
  /** The longest name in capitals read as an abbreviation, matched only when written in capitals. */
  private static final int MAX_ABBREVIATION = 5;
  /** Each actor's tasks by kind (null key: all), computed the first time an answer counts them. */
  private volatile Map<String, Map<ActorActions.Kind, Integer>> tasks;

  /** With a lexicon of its own; the copilot builds one {@link Lexicon} per scenario and shares it. */
  public Grounding(Scenario scenario, Evaluator.Assessment assessment, Evaluation evaluation) {
    this(new Lexicon(scenario), scenario, assessment, evaluation);
  }

  public Grounding(Lexicon lexicon, Scenario scenario, Evaluator.Assessment assessment, Evaluation evaluation) {
    this.lexicon = lexicon;
    this.scenario = scenario;
    this.titles = titles(scenario);
    this.assessment = assessment;
    List<GroupView> groups = new ArrayList<>(evaluation.groups());
    groups.add(evaluation.production());
    for (GroupView group : groups) {
      ids.add(group.id());
      counts.put(group.id(), new Count(group.done(), group.total()));
      decisions.put(group.id(), group.decision());
      statuses.put(group.id(), group.status());
      codes.add(group.decision());
      for (CheckView check : group.checks()) {
        ids.add(check.id());
        statuses.put(check.id(), check.status());
        if (check.owner() != null) {
          ownedChecks.merge(check.owner(), 1, Integer::sum);
        }
        if (check.done() != null) {
          counts.put(check.id(), new Count(check.done(), check.total()));
        }
      }
    }
    for (Evaluation.ProviderView provider : evaluation.providers()) {
      statuses.put(Lexicon.PROVIDER + provider.id(), provider.status());
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
    Evaluation.Summary summary = evaluation.summary();
    gates = new Count(summary.gatesReady(), summary.gatesTotal());
    checks = new Count(summary.checksReady(), summary.checksTotal());
    percent = summary.percent();
    go = summary.go();
    storage = evaluation.session() == null ? null : evaluation.session().storage();
    for (String status : List.of("READY", "REVIEW", "BLOCKED")) {
      int n = (int) evaluation.gates().stream().filter(g -> status.equals(g.status())).count();
      gatesBy.put(status, new Count(n, summary.gatesTotal()));
    }
    gatesBy.put("!READY", new Count(summary.gatesTotal() - summary.gatesReady(), summary.gatesTotal()));
    int groupCount = evaluation.groups().size();
    for (String status : List.of("READY", "REVIEW", "BLOCKED")) {
      int n = (int) evaluation.groups().stream().filter(g -> status.equals(g.status())).count();
      groupsBy.put(status, new Count(n, groupCount));
    }
    groupsBy.put("!READY", new Count(groupCount - groupsBy.get("READY").done(), groupCount));
  }

  /**
   * The words of the scenario's own names that end in a full stop ("mgr farm. Piotr Zieliński"): no sentence
   * ends there, whatever titles {@link #ABBREVIATIONS} knows.
   */
  private static Set<String> titles(Scenario scenario) {
    Set<String> out = new HashSet<>(ABBREVIATIONS);
    for (Actor actor : scenario.actors()) {
      for (String word : actor.name().split("\\s+")) {
        if (word.length() > 1 && word.endsWith(".")) {
          out.add(word.substring(0, word.length() - 1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return Set.copyOf(out);
  }

  /** Checks a whole answer. */
  public Checked check(String text) {
    List<String> citations = new ArrayList<>();
    List<String> corrections = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (String sentence : sentences(text, titles)) {
      Checked checked = checkedSentences.get(sentence);
      if (checked == null) {
        List<String> cited = new ArrayList<>(2);
        List<String> corrected = new ArrayList<>(0);
        List<String> warned = new ArrayList<>(0);
        checked = new Checked(sentence(sentence, cited, corrected, warned), List.copyOf(cited), List.copyOf(corrected),
            List.copyOf(warned));
        if (checkedSentences.size() < REMEMBERED) {
          checkedSentences.put(sentence, checked);
        }
      }
      out.append(checked.text());
      citations.addAll(checked.citations());
      corrections.addAll(checked.corrections());
      warnings.addAll(checked.warnings());
    }
    return new Checked(out.toString(), List.copyOf(new LinkedHashSet<>(citations)), corrections, warnings);
  }

  /** Splits after sentence ends and line breaks, keeping every character. */
  static List<String> sentences(String text, Set<String> titles) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean end = c == '\n' || (c == '.' || c == '!' || c == '?') && (i + 1 == text.length()
          || Character.isWhitespace(text.charAt(i + 1))) && !abbreviation(text, i, titles);
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
  int completeUpTo(CharSequence text) {
    return completeUpTo(text, 0);
  }

  /**
   * As {@link #completeUpTo(CharSequence)}, when no sentence ended before {@code scanned} (the length
   * already looked at): a stream's pending text is scanned once, not again with every piece.
   */
  int completeUpTo(CharSequence text, int scanned) {
    int length = text.length();
    if (length > 0 && text.charAt(length - 1) == '\n') {
      return length;
    }
    for (int i = length - 2; i >= Math.max(0, scanned - 1); i--) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '.' || c == '!' || c == '?') && Character.isWhitespace(text.charAt(i + 1))
          && !abbreviation(text, i, titles)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** Whether the full stop at {@code dot} closes an abbreviation such as a title, not a sentence. */
  private static boolean abbreviation(CharSequence text, int dot, Set<String> titles) {
    if (text.charAt(dot) != '.') {
      return false;
    }
    int start = dot;
    while (start > 0 && (Character.isLetter(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
      start--;
    }
    int length = dot - start;
    if (length == 0 || length > 8) {
      return false;
    }
    StringBuilder word = new StringBuilder(length);
    for (int i = start; i < dot; i++) {
      word.append(Character.toLowerCase(text.charAt(i)));
    }
    return titles.contains(word.toString());
  }

  // ---- one sentence ----

  /** A word of a sentence: where it is and how it folds. */
  record Tok(int start, int end, String fold, boolean upper) {
  }

  /** A named thing in a sentence: subjects (ids; provider ids prefixed) or one actor. */
  private record Mention(int start, int end, int firstTok, int lastTok, Set<String> subjects, String actor,
                         boolean cited, boolean byName) {
  }

  /** A replacement of [start, end) in the sentence. */
  private record Edit(int start, int end, String text) {
  }

  /** The work on one sentence: its words, mentions, clauses, and what is to change. */
  private final class Sentence {
    final String text;
    final List<Tok> toks;
    final List<Mention> mentions;
    final boolean anyCited;
    final int[] clause;
    final List<Edit> edits = new ArrayList<>();
    final List<String> corrections;
    final List<String> warnings;
    final Set<String> said = new LinkedHashSet<>();
    String drop;
    /** Where the sentence's double quotes are, found the first time a claim asks. */
    private int[] quotes;

    Sentence(String text, List<String> corrections, List<String> warnings) {
      this.text = text;
      this.toks = tokenize(text);
      this.mentions = lexicon.link(text, toks);
      this.anyCited = mentions.stream().anyMatch(Mention::cited);
      this.clause = new int[text.length() + 1];
      int c = 0;
      for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        if (ch == ',' || ch == ';' || ch == '(' || ch == ')' || ch == ':' || ch == '\n' || ch == '—') {
          c++;
        }
        clause[i + 1] = c;
      }
      this.corrections = corrections;
      this.warnings = warnings;
    }

    boolean inMention(int start, int end) {
      for (Mention m : mentions) {
        if (start < m.end() && end > m.start()) {
          return true;
        }
      }
      return quoted(start);
    }

    /**
     * Whether {@code at} is inside double quotes: a label quoted whole ("Płatności kartą są gotowe do
     * produkcji") is a name, and its words claim nothing, even where a shorter name matched only its start.
     */
    private boolean quoted(int at) {
      if (quotes == null) {
        // the quotes' positions, found once per sentence: this is asked of every token
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
          count += text.charAt(i) == '"' ? 1 : 0;
        }
        quotes = new int[count];
        for (int i = 0, q = 0; i < text.length(); i++) {
          if (text.charAt(i) == '"') {
            quotes[q++] = i;
          }
        }
      }
      // inside a pair: an opening quote before it whose closing quote is after it
      for (int q = 0; q + 1 < quotes.length; q += 2) {
        if (quotes[q] < at && at < quotes[q + 1]) {
          return true;
        }
        if (quotes[q] >= at) {
          return false;
        }
      }
      return false;
    }

    String fold(int i) {
      return i >= 0 && i < toks.size() ? toks.get(i).fold() : "";
    }

    /**
     * The subjects a claim at [start, end) is said of: among citations if the sentence has any (else
     * labels), the nearest before it in its clause, after it in its clause, before it in the
     * sentence, after it; restricted to mentions whose every id has {@code known}.
     */
    Set<String> subjectOf(int start, int end, Map<String, ?> known) {
      Mention best = null;
      for (int pass = 0; pass < 4 && best == null; pass++) {
        boolean sameClause = pass < 2;
        boolean before = pass % 2 == 0;
        for (Mention m : mentions) {
          if (m.subjects() == null || anyCited && !m.cited() || !known.keySet().containsAll(m.subjects())) {
            continue;
          }
          // a thing named by its words, not cited, is what a claim is about only in the claim's clause
          if (!sameClause && !m.cited()) {
            continue;
          }
              if (sameClause && clause[Math.min(m.start(), start)] != clause[Math.max(m.end(), end)]) {
            continue;
          }
          if (before && m.end() <= start && (best == null || m.end() > best.end())) {
            best = m;
          } else if (!before && m.start() >= end && (best == null || m.start() < best.start())) {
            best = m;
          }
        }
      }
      return best == null ? null : best.subjects();
    }

    void edit(int start, int end, String replacement, String correction) {
      edits.add(new Edit(start, end, replacement));
      // a name and its role corrected together are one wrong fact
      if (said.add(correction)) {
        corrections.add(correction);
      }
    }

    void dropBecause(String reason) {
      if (drop == null) {
        drop = reason;
      }
    }

    String result() {
      if (drop != null) {
        corrections.add("dropped \"" + text.strip() + "\": " + drop);
        // keep the line break, so a list stays a list
        return text.endsWith("\n") ? "\n" : "";
      }
      if (edits.isEmpty()) {
        return text;
      }
      edits.sort((a, b) -> Integer.compare(b.start(), a.start()));
      StringBuilder out = new StringBuilder(text);
      int limit = Integer.MAX_VALUE;
      for (Edit e : edits) {
        if (e.end() <= limit) {
          out.replace(e.start(), e.end(), e.text());
          limit = e.start();
        }
      }
      return out.toString();
    }
  }

  private String sentence(String sentence, List<String> citations, List<String> corrections,
                          List<String> warnings) {
    String text = sentence.indexOf('[') >= 0 ? cited(sentence, citations, corrections) : sentence;
    Sentence s = new Sentence(text, corrections, warnings);
    counted(s);
    if (text.indexOf('_') >= 0) {
      coded(s);
    }
    stated(s);
    goNoGo(s);
    stored(s);
    owned(s);
    permitted(s);
    if (text.indexOf("/api/") >= 0) {
      commanded(s);
    }
    return s.result();
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

  // ---- counts and percentages ----

  private void counted(Sentence s) {
    List<Tok> toks = s.toks;
    // "then 3 of 6 gates would be ready": a what-if's count, of a state that is not the evaluation's
    for (Tok tok : toks) {
      if (HYPOTHETICAL.contains(tok.fold())) {
        return;
      }
    }
    for (int i = 0; i < toks.size(); i++) {
      Tok tok = toks.get(i);
      if (number(tok.fold()) < 0 || s.inMention(tok.start(), tok.end()) || partOfOther(s.text, tok)) {
        continue;
      }
      int second = -1;
      String between = i + 1 < toks.size() ? s.text.substring(tok.end(), toks.get(i + 1).start()) : "";
      if (i + 1 < toks.size() && between.equals("/") && digits(toks.get(i + 1).fold()) && digits(tok.fold())
          && !partOfOther(s.text, toks.get(i + 1))) {
        second = i + 1;
      } else if (i + 2 < toks.size() && between.isBlank() && Set.of("of", "z").contains(toks.get(i + 1).fold())
          && number(toks.get(i + 2).fold()) >= 0) {
        second = i + 2;
      } else if (i + 3 < toks.size() && between.isBlank() && toks.get(i + 1).fold().equals("out")
          && toks.get(i + 2).fold().equals("of") && number(toks.get(i + 3).fold()) >= 0) {
        second = i + 3;
      }
      boolean written = digits(tok.fold());
      if (second >= 0) {
        pair(s, i, second);
        i = second;
      } else if (written && tok.end() < s.text.length() && (s.text.charAt(tok.end()) == '%'
          || s.fold(i + 1).startsWith("procent") || s.fold(i + 1).equals("percent"))) {
        percentage(s, i);
      } else if (written || number(tok.fold()) > 1) {
        // "one" alone is as often a pronoun ("the next one is ready") as a count
        single(s, i);
      }
    }
  }

  /** A digit run glued to a date, a time, a version or an id ("2026-11-23", "14.22", "24/7h") is no count. */
  private static boolean partOfOther(String text, Tok tok) {
    char before = tok.start() > 0 ? text.charAt(tok.start() - 1) : ' ';
    char after = tok.end() < text.length() ? text.charAt(tok.end()) : ' ';
    char after2 = tok.end() + 1 < text.length() ? text.charAt(tok.end() + 1) : ' ';
    return before == '-' || before == ':' || before == '.' || before == '#' || Character.isLetter(before)
        || after == '-' || after == ':' || (after == '.' && Character.isDigit(after2)) || Character.isLetter(after);
  }

  /** Numbers written as words, folded, as answers say small counts ("two of nine", "dwie z dziewięciu"). */
  private static final Map<String, Integer> NUMBER_WORDS = numberWords();

  private static Map<String, Integer> numberWords() {
    String[][] forms = {{"zero", "zero"}, {"one", "jeden jedna jedno jednej jednego"}, {"two", "dwa dwie dwoch dwu"},
        {"three", "trzy trzech"}, {"four", "cztery czterech"}, {"five", "piec pieciu"}, {"six", "szesc szesciu"},
        {"seven", "siedem siedmiu"}, {"eight", "osiem osmiu"}, {"nine", "dziewiec dziewieciu"},
        {"ten", "dziesiec dziesieciu"}, {"eleven", "jedenascie jedenastu"}, {"twelve", "dwanascie dwunastu"}};
    Map<String, Integer> out = new HashMap<>();
    for (int n = 0; n < forms.length; n++) {
      out.put(forms[n][0], n);
      for (String form : forms[n][1].split(" ")) {
        out.put(form, n);
      }
    }
    return Map.copyOf(out);
  }

  /** The count a folded word says, in digits or in words; -1 when it says none. */
  private static int number(String word) {
    if (digits(word)) {
      return Integer.parseInt(word);
    }
    return NUMBER_WORDS.getOrDefault(word, -1);
  }

  private static boolean digits(String word) {
    if (word.isEmpty() || word.length() > 6) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (word.charAt(i) < '0' || word.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The noun a number counts: a gate or check noun within two words after it, or three before it in its clause. */
  private static String noun(Sentence s, int first, int last) {
    for (int j = last + 1; j <= last + 3 && j < s.toks.size(); j++) {
      // "Lift passes show 1/3; the gates must read ...": a noun past the clause's end counts nothing of it
      if (clauseEnds(s.text.substring(s.toks.get(j - 1).end(), s.toks.get(j).start()))) {
        break;
      }
      String kind = nounKind(s.fold(j));
      if (kind != null) {
        return kind;
      }
    }
    // before the number only a gate or group noun counts ("Gotowe bramki: 2 z 9"): "Connection checks show 0/4" is a
    // group's
    for (int j = first - 1; j >= Math.max(0, first - 3); j--) {
      if (clauseEnds(s.text.substring(s.toks.get(j).end(), s.toks.get(first).start()))) {
        break;
      }
      String kind = nounKind(s.fold(j));
      if ("gate".equals(kind) || "group".equals(kind)) {
        return kind;
      }
    }
    return null;
  }

  private static boolean clauseEnds(String gap) {
    return gap.indexOf(',') >= 0 || gap.indexOf(';') >= 0 || gap.indexOf('(') >= 0 || gap.indexOf(')') >= 0
        || gap.indexOf('\n') >= 0;
  }

  private static String nounKind(String word) {
    if (GATE_NOUNS.contains(word) || word.startsWith("bram")) {
      return "gate";
    }
    if (CHECK_NOUNS.contains(word) || word.startsWith("kontrol") || word.startsWith("checkow")
        || word.equals("checki")) {
      return "check";
    }
    return GROUP_NOUNS.contains(word) ? "group" : null;
  }

  /** The status words of the clause around token {@code i} ("ready", "zablokowanych"), for counts of gates. */
  private String clauseStatus(Sentence s, int i) {
    int clause = s.clause[s.toks.get(i).start()];
    boolean negated = false;
    for (int j = 0; j < s.toks.size(); j++) {
      Tok t = s.toks.get(j);
      if (s.clause[t.start()] != clause) {
        continue;
      }
      negated |= NEGATIONS.contains(t.fold()) || t.fold().startsWith("niegotow");
      String status = statusWord(t, s, j);
      if (status != null) {
        return negated && status.equals("READY") ? "!READY" : status;
      }
    }
    return null;
  }

  private void pair(Sentence s, int first, int second) {
    Tok a = s.toks.get(first);
    Tok b = s.toks.get(second);
    Count said = new Count(number(a.fold()), number(b.fold()));
    String noun = noun(s, first, second);
    Count actual = null;
    String what = null;
    if ("gate".equals(noun) || "group".equals(noun)) {
      String status = clauseStatus(s, first);
      Map<String, Count> by = "gate".equals(noun) ? gatesBy : groupsBy;
      actual = by.getOrDefault(status == null ? "READY" : status, by.get("READY"));
      what = "the " + noun + "s " + (status == null ? "ready" : status.equals("!READY") ? "not ready"
          : status.toLowerCase(Locale.ROOT));
    } else {
      Set<String> subject = s.subjectOf(a.start(), b.end(), counts);
      if (subject != null) {
        actual = same(subject, counts);
        what = subject.size() == 1 ? "[" + subject.iterator().next() + "]" : null;
        if (actual == null) {
          return;
        }
      } else if ("check".equals(noun) && actorIn(s) == null) {
        actual = checks;
        what = "the checks ready";
      }
    }
    if (actual == null) {
      // more done than there are ("24/7" in an option's label) is no count at all
      if (said.done() <= said.total() && !said.equals(gates) && !counts.containsValue(said) && !said.equals(checks)) {
        s.warnings.add(s.text.substring(a.start(), b.end()) + " matches no count in the evaluation");
      }
      return;
    }
    if (!actual.equals(said)) {
      s.edits.add(new Edit(a.start(), a.end(), String.valueOf(actual.done())));
      s.edits.add(new Edit(b.start(), b.end(), String.valueOf(actual.total())));
      s.corrections.add((what == null ? "it" : what) + " " + (what != null && what.startsWith("the") ? "are " : "is ")
          + actual + ", not " + said);
    }
  }

  private void percentage(Sentence s, int i) {
    Tok tok = s.toks.get(i);
    int said = Integer.parseInt(tok.fold());
    // the scenario's own words quoted ("overbook-3pct (Up to 3% overbooking)"): its text, not a readiness claim
    if (quoted(s.text, tok.start())) {
      return;
    }
    Set<String> subject = s.subjectOf(tok.start(), tok.end(), counts);
    Count of = subject == null ? null : same(subject, counts);
    if (subject != null && of == null) {
      return;
    }
    if (of != null) {
      if (!near(said, of)) {
        String right = String.valueOf(round(of));
        s.edit(tok.start(), tok.end(), right, "[" + subject.iterator().next() + "] is " + right + "%, not " + said + "%");
      }
      return;
    }
    boolean aboutGates = "gate".equals(noun(s, i, i + 1));
    if (near(said, checks) && !aboutGates || aboutGates && near(said, gates)) {
      return;
    }
    String right = String.valueOf(aboutGates ? round(gates) : percent);
    s.edit(tok.start(), tok.end(), right, (aboutGates ? "the gates are " : "the checks are ") + right
        + "% ready, not " + said + "%");
  }

  /** Whether the percentage at {@code at} in {@code text} sits inside one of the scenario's own phrases. */
  private boolean quoted(String text, int at) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String phrase : lexicon.quotedPercents) {
      for (int from = lower.indexOf(phrase); from >= 0; from = lower.indexOf(phrase, from + 1)) {
        if (from <= at && at < from + phrase.length()) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean near(int said, Count count) {
    if (count.total() == 0) {
      return said == 100;
    }
    double exact = 100.0 * count.done() / count.total();
    return Math.abs(said - exact) < 1.0;
  }

  private static int round(Count count) {
    return count.total() == 0 ? 100 : (int) Math.round(100.0 * count.done() / count.total());
  }

  /** A number alone: "5 gates are ready", "Ewa can act on 30 checks now", "13 zadań", "two gates are ready". */
  private void single(Sentence s, int i) {
    Tok tok = s.toks.get(i);
    int said = number(tok.fold());
    String actor = actorIn(s);
    if (actor != null) {
      tasksClaim(s, i, actor, said);
      return;
    }
    String next = s.fold(i + 1);
    String noun = nounKind(next) != null ? nounKind(next) : nounKind(s.fold(i + 2));
    if (noun == null) {
      return;
    }
    String status = clauseStatus(s, i);
    if (status == null) {
      return;
    }
    int actual;
    String what;
    if (noun.equals("gate")) {
      actual = gatesBy.get(status).done();
      what = "gates " + (status.equals("!READY") ? "not ready" : status);
    } else if (status.equals("READY")) {
      actual = checks.done();
      what = "checks READY";
    } else {
      return;
    }
    if (actual != said) {
      s.edit(tok.start(), tok.end(), String.valueOf(actual), actual + " " + what + ", not " + said);
    }
  }

  /** The one actor a sentence names, or null for none or several. */
  private static String actorIn(Sentence s) {
    String found = null;
    for (Mention m : s.mentions) {
      if (m.actor() != null) {
        if (found != null && !found.equals(m.actor())) {
          return null;
        }
        found = m.actor();
      }
    }
    return found;
  }

  private void tasksClaim(Sentence s, int i, String actor, int said) {
    String next = s.fold(i + 1).isEmpty() ? "" : s.fold(i + 1);
    String after = s.fold(i + 2);
    ActorActions.Kind kind = taskKind(next);
    boolean counted = kind != null || TASK_NOUNS.contains(next) || next.startsWith("zada") || nounKind(next) != null;
    if (!counted) {
      kind = taskKind(after);
      counted = kind != null || TASK_NOUNS.contains(after) || after.startsWith("zada") || nounKind(after) != null;
    }
    if (!counted || assessment == null) {
      return;
    }
    boolean capable = TASK_NOUNS.contains(next) || next.startsWith("zada") || TASK_NOUNS.contains(after)
        || after.startsWith("zada");
    for (Tok t : s.toks) {
      capable |= CAPABILITY.contains(t.fold());
    }
    if (s.inMention(s.toks.get(i).start(), s.toks.get(i).end())) {
      return;
    }
    if (!capable) {
      owns(s, i, actor, said);
      return;
    }
    Map<ActorActions.Kind, Integer> byKind = tasks().get(actor);
    int actual = kind == null ? byKind.values().stream().mapToInt(Integer::intValue).sum() : byKind.get(kind);
    if (actual != said) {
      Tok tok = s.toks.get(i);
      s.edit(tok.start(), tok.end(), String.valueOf(actual), lexicon.name(actor) + " can do " + actual
          + (kind == null ? " things" : " " + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "s")
          + " now, not " + said);
    }
  }

  /**
   * "X owns 12 checks" / "X jest właścicielką 12 kontroli": the number of checks the actor
   * owns, all of them. Said of some of them ("5 open checks", "2 are ready") it is left alone.
   */
  private void owns(Sentence s, int i, String actor, int said) {
    if (!"check".equals(nounKind(s.fold(i + 1))) || clauseStatus(s, i) != null) {
      return;
    }
    boolean cue = false;
    for (Tok t : s.toks) {
      String w = t.fold();
      if (w.equals("open") || w.equals("remaining") || w.startsWith("otwart") || w.startsWith("pozosta")
          || w.equals("left") || w.startsWith("niezamkni")) {
        return;
      }
      cue |= ownerCue(w) && !s.inMention(t.start(), t.end());
    }
    if (!cue) {
      return;
    }
    int actual = ownedChecks.getOrDefault(actor, 0);
    if (actual != said) {
      Tok tok = s.toks.get(i);
      s.edit(tok.start(), tok.end(), String.valueOf(actual), lexicon.name(actor) + " owns " + actual
          + " checks, not " + said);
    }
  }

  private static ActorActions.Kind taskKind(String word) {
    if (word.startsWith("sign") || word.startsWith("akcept") || word.startsWith("podpis")) {
      return ActorActions.Kind.SIGN_OFF;
    }
    if (word.startsWith("decision") || word.startsWith("decyzj")) {
      return ActorActions.Kind.DECISION;
    }
    if (word.startsWith("pipeline") || word.startsWith("run")) {
      return ActorActions.Kind.PIPELINE;
    }
    return null;
  }

  private Map<String, Map<ActorActions.Kind, Integer>> tasks() {
    Map<String, Map<ActorActions.Kind, Integer>> known = tasks;
    if (known == null) {
      known = new HashMap<>();
      for (Actor actor : scenario.actors()) {
        Map<ActorActions.Kind, Integer> byKind = new LinkedHashMap<>();
        for (ActorActions.Kind kind : ActorActions.Kind.values()) {
          byKind.put(kind, 0);
        }
        for (ActorActions.Action action : ActorActions.toDo(scenario, assessment, actor)) {
          byKind.merge(action.kind(), 1, Integer::sum);
        }
        known.put(actor.id(), byKind);
      }
      tasks = known;
    }
    return known;
  }

  /** The value all of {@code subjects} share in {@code values}, or null when they differ. */
  private static <T> T same(Set<String> subjects, Map<String, T> values) {
    T value = null;
    for (String id : subjects) {
      T v = values.get(id);
      if (v == null || value != null && !value.equals(v)) {
        return null;
      }
      value = v;
    }
    return value;
  }

  // ---- decision codes, statuses, GO ----

  /** Every decision code next to a known id made the evaluation's. */
  private void coded(Sentence s) {
    Matcher code = CODE.matcher(s.text);
    while (code.find()) {
      String said = code.group();
      boolean decisionShaped = said.startsWith("BLOCKED_") || codes.contains(said);
      if (!decisionShaped) {
        continue;
      }
      Set<String> subject = s.subjectOf(code.start(), code.end(), decisions);
      String id = subject == null || subject.size() != 1 ? null : subject.iterator().next();
      if (id != null) {
        boolean fits = said.equals(decisions.get(id)) || said.equals(tokens.get(id)) || said.equals(readyCodes.get(id));
        if (!fits) {
          s.edit(code.start(), code.end(), decisions.get(id), "[" + id + "] is " + decisions.get(id) + ", not " + said);
        }
      } else if (!codes.contains(said)) {
        s.warnings.add(said + " is not a decision code of this scenario");
      }
    }
  }

  /**
   * The status a word states, or null: READY/REVIEW/BLOCKED in capitals anywhere, a status word
   * after a copula ("is ready", "jest zablokowana", "status gotowe"), not in a condition ("once it
   * is ready").
   */
  private static String statusWord(Tok t, Sentence s, int j) {
    String w = t.fold();
    String status = null;
    if (t.upper() && (w.equals("ready") || w.equals("review") || w.equals("blocked"))) {
      return w.toUpperCase(Locale.ROOT);
    }
    if (w.equals("ready") || w.equals("green") || w.startsWith("gotow") || w.startsWith("niegotow")) {
      status = "READY";
    } else if (w.equals("blocked") || w.startsWith("zablokowan")) {
      status = "BLOCKED";
    } else if ((w.equals("review") && Set.of("in", "under", "needs").contains(s.fold(j - 1)))
        || w.startsWith("przeglad") && Set.of("do", "w").contains(s.fold(j - 1))) {
      status = "REVIEW";
    }
    if (status == null || Set.of("the", "a", "an", "its", "their").contains(s.fold(j - 1))) {
      // "the ready code": a status word before a noun describes it, it claims nothing
      return null;
    }
    boolean copula = false;
    for (int k = j - 1; k >= Math.max(0, j - 3); k--) {
      String before = s.fold(k);
      if (CONDITIONS.contains(before)) {
        return null;
      }
      copula |= COPULAS.contains(before);
    }
    for (int k = j - 4; k >= Math.max(0, j - 6); k--) {
      if (CONDITIONS.contains(s.fold(k))) {
        return null;
      }
    }
    return copula ? status : null;
  }

  /** Each status said of an id is the evaluation's; a wrong one is replaced, a wrong denial drops the sentence. */
  private void stated(Sentence s) {
    for (int j = 0; j < s.toks.size(); j++) {
      Tok t = s.toks.get(j);
      String status = statusWord(t, s, j);
      if (status == null || s.inMention(t.start(), t.end())) {
        continue;
      }
      boolean negated = NEGATIONS.contains(s.fold(j - 1)) || NEGATIONS.contains(s.fold(j - 2))
          || t.fold().startsWith("niegotow");
      int end = t.end();
      int start = !t.upper() && (t.fold().equals("review") || t.fold().startsWith("przeglad"))
          ? s.toks.get(j - 1).start() : t.start();
      Set<String> subject = s.subjectOf(start, end, statuses);
      if (subject == null) {
        continue;
      }
      String actual = same(subject, statuses);
      if (actual == null) {
        continue;
      }
      String id = subject.iterator().next();
      String shown = id.startsWith(Lexicon.PROVIDER) ? lexicon.labelOf(id) : "[" + id + "]";
      if (negated) {
        if (actual.equals(status)) {
          s.dropBecause(shown + " is " + actual);
        }
      } else if (!actual.equals(status)) {
        s.edit(start, end, restate(t, s.text.substring(t.start(), end), actual), shown + " is " + actual
            + ", not " + status);
      }
    }
  }

  /** {@code actual} in the form the wrong word had: a code for a code, Polish for Polish, the ending kept. */
  private static String restate(Tok t, String said, String actual) {
    if (t.upper()) {
      return actual;
    }
    String w = t.fold();
    boolean polish = w.startsWith("gotow") || w.startsWith("zablokowan") || w.startsWith("przeglad");
    if (!polish) {
      return switch (actual) {
        case "READY" -> "ready";
        case "BLOCKED" -> "blocked";
        default -> "review".equals(w) ? "review" : "in review";
      };
    }
    String ending = w.startsWith("gotow") ? said.substring(Math.min(said.length(), 5))
        : w.startsWith("zablokowan") ? said.substring(Math.min(said.length(), 10)) : "e";
    return switch (actual) {
      case "READY" -> "gotow" + ending;
      case "BLOCKED" -> "zablokowan" + ending;
      default -> "do przeglądu";
    };
  }

  /** GO or NO-GO in capitals (outside a label) is production's decision. */
  private void goNoGo(Sentence s) {
    boolean upper = s.text.indexOf("GO") >= 0;
    boolean lower = !upper && (s.text.indexOf("go") >= 0 || s.text.indexOf("Go") >= 0);
    if (!upper && !lower) {
      return;
    }
    for (Tok t : s.toks) {
      if (t.fold().equals("code") || t.fold().startsWith("kod")) {
        // "GO is the ready code of ..." names the code, it does not claim the decision
        return;
      }
      if (HYPOTHETICAL.contains(t.fold())) {
        // "with X done, production would be GO": a what-if's state, not the evaluation's
        return;
      }
    }
    Matcher m = (upper ? GO : GO_LOWER).matcher(s.text);
    while (m.find()) {
      boolean labelled = false;
      for (Mention mention : s.mentions) {
        if (m.start() >= mention.start() && m.end() <= mention.end() && mention.byName()) {
          labelled = true;
        }
      }
      boolean saidGo = m.group().equalsIgnoreCase("GO");
      if (!labelled && saidGo != go) {
        String right = go ? "GO" : "NO-GO";
        s.edit(m.start(), m.end(), right, "production is " + right + ", not " + m.group());
      }
    }
  }

  /**
   * "The state is stored in postgres": a sentence about where the state is kept that says it is in
   * one of the console's stores must name the live session's. Only the stores' own names count
   * ("file-local", "postgres": "PostgreSQL" is also the target's database), and only said as where
   * it is ("in", "on", "w", "na", ":"), not where it could go ("store-move to postgres").
   */
  private void stored(Sentence s) {
    if (storage == null || s.text.indexOf('-') < 0 && s.text.toLowerCase(Locale.ROOT).indexOf("postgres") < 0) {
      return;
    }
    boolean cue = false;
    for (Tok t : s.toks) {
      cue |= STORAGE_CUES.contains(t.fold()) || t.fold().startsWith("przechowyw");
    }
    if (!cue) {
      return;
    }
    Matcher m = STORE.matcher(s.text);
    while (m.find()) {
      if (!m.group().equalsIgnoreCase(storage)) {
        s.edit(m.start(), m.end(), storage, "the state is stored in " + storage + ", not " + m.group());
      }
    }
  }

  // ---- owners and permissions ----

  private static boolean ownerCue(String w) {
    if (OWNER_CUES.contains(w)) {
      return true;
    }
    for (String prefix : PL_OWNER_PREFIXES) {
      if (w.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** An actor named with owner words for an id must own it; else the owner's name replaces theirs. */
  private void owned(Sentence s) {
    boolean cue = false;
    for (int j = 0; j < s.toks.size(); j++) {
      Tok t = s.toks.get(j);
      cue |= ownerCue(t.fold()) && !s.inMention(t.start(), t.end());
    }
    if (!cue) {
      return;
    }
    for (Mention m : s.mentions) {
      if (m.actor() == null) {
        continue;
      }
      Set<String> subject = s.subjectOf(m.start(), m.end(), lexicon.owners);
      String owner = subject == null ? null : same(subject, lexicon.owners);
      if (owner == null || owner.equals(m.actor())) {
        continue;
      }
      String id = subject.iterator().next();
      String shown = id.startsWith(Lexicon.PROVIDER) ? lexicon.labelOf(id) : "[" + id + "]";
      String said = s.text.substring(m.start(), m.end());
      s.edit(m.start(), m.end(), lexicon.sameForm(said, m.actor(), owner),
          shown + " is owned by " + lexicon.name(owner) + ", not " + lexicon.name(m.actor()));
    }
  }

  /** A permission a verb names: accepting checks, recording decisions, running pipelines. */
  private static String permissionOf(String w, String next) {
    if (w.equals("accept") || w.equals("approve") || w.equals("sign") || w.startsWith("akcept")
        || w.startsWith("zaakcept") || w.startsWith("zatwierdz") || w.startsWith("podpis") || w.startsWith("klepn")
        || w.equals(Permissions.ACCEPT_CHECKS)) {
      return Permissions.ACCEPT_CHECKS;
    }
    if (w.equals("decide") || w.equals("record") && (next.startsWith("decision") || next.equals("a"))
        || w.equals("make") && next.startsWith("decision") || w.startsWith("decyd") || w.startsWith("podejmow")
        || w.startsWith("podjac") || w.startsWith("zapisyw") && next.startsWith("decyzj")
        || w.equals(Permissions.RECORD_DECISIONS)) {
      return Permissions.RECORD_DECISIONS;
    }
    if (w.equals("run") || w.equals("start") || w.equals("launch") || w.equals("trigger") || w.equals("kick")
        || w.startsWith("uruchom") || w.startsWith("odpal") || w.startsWith("pusc") || w.startsWith("puszcz")
        || w.equals(Permissions.RUN_PIPELINES)) {
      return Permissions.RUN_PIPELINES;
    }
    return null;
  }

  /**
   * "Jan can run pipelines", "the driver cannot accept checks", "Petra nie może uruchamiać
   * pipeline'ów": each actor the claim names must hold (or lack) the permission. One wrong actor's
   * modal is turned; a wrong actor among several drops the sentence.
   */
  private void permitted(Sentence s) {
    for (int j = 0; j < s.toks.size(); j++) {
      String w = s.fold(j);
      if (!MODALS.contains(w)) {
        continue;
      }
      // "nobody can accept it: X lacks ...": the claim is about nobody, not about the actor named
      if (s.fold(j - 1).equals("nobody") || s.fold(j - 1).equals("nikt") || s.fold(j - 2).equals("nikt")
          || s.fold(j - 1).equals("one") && s.fold(j - 2).equals("no")) {
        continue;
      }
      boolean negated = w.equals("cannot") || w.equals("cant") || w.equals("couldnt")
          || NEGATIONS.contains(s.fold(j - 1)) || NEGATIONS.contains(s.fold(j + 1));
      String permission = null;
      int verb = -1;
      for (int k = j + 1; k <= j + 4 && k < s.toks.size() && permission == null; k++) {
        // (not a word of a thing's label: "may do it now: Launch date [launch.date]" names no launching)
        if (!s.inMention(s.toks.get(k).start(), s.toks.get(k).end())) {
          permission = permissionOf(s.fold(k), s.fold(k + 1));
          verb = k;
        }
      }
      if (permission == null) {
        continue;
      }
      int modalStart = s.toks.get(j).start();
      int modalEnd = s.toks.get(j).end();
      List<Mention> actors = new ArrayList<>();
      for (Mention m : s.mentions) {
        if (m.actor() != null && m.end() <= modalStart && !between(s, m.end(), modalStart, ';')) {
          actors.add(m);
        }
      }
      if (actors.isEmpty()) {
        int verbEnd = s.toks.get(verb).end();
        for (Mention m : s.mentions) {
          if (m.actor() != null && m.start() >= verbEnd) {
            actors.add(m);
          }
        }
      }
      List<String> wrong = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      for (Mention m : actors) {
        if (seen.add(m.actor()) && lexicon.actor(m.actor()).can(permission) == negated) {
          wrong.add(m.actor());
        }
      }
      if (wrong.isEmpty()) {
        continue;
      }
      List<String> facts = new ArrayList<>();
      for (String actor : wrong) {
        facts.add(lexicon.name(actor) + (negated ? " holds " : " lacks ") + permission);
      }
      String fact = String.join(", ", facts);
      if (seen.size() == 1) {
        int[] span = negationSpan(s, j);
        String flipped = flip(s, j, negated);
        if (flipped != null) {
          s.edit(span[0], span[1], flipped, fact);
          continue;
        }
      }
      s.dropBecause(fact);
    }
  }

  /**
   * "X can do it: POST /api/checks/c/accept": a command a sentence offers must be one the server would
   * take. Only a check's owner may sign it off or record it, so one whose owner lacks the permission
   * nobody can move, and an actor named beside a sign-off or decision they do not own, or beside a
   * pipeline they may not run, is not the one who can. A sentence that says someone cannot is left alone.
   */
  private void commanded(Sentence s) {
    for (int j = 0; j < s.toks.size(); j++) {
      String w = s.fold(j);
      if (NEGATIONS.contains(w) || REFUSALS.contains(w)) {
        return;
      }
    }
    Matcher m = COMMAND.matcher(s.text);
    while (m.find()) {
      String target = m.group(2).replaceAll("\\.+$", "");
      if (m.group(1).equals("pipelines")) {
        for (Mention mention : s.mentions) {
          if (mention.actor() != null && !lexicon.actor(mention.actor()).can(Permissions.RUN_PIPELINES)) {
            s.dropBecause(lexicon.name(mention.actor()) + " lacks " + Permissions.RUN_PIPELINES);
          }
        }
        continue;
      }
      CheckDef check = assessment.check(target);
      if (check == null || scenario.actor(check.owner()) == null) {
        continue;
      }
      ActorActions.Action byOwner = ActorActions.ofOwner(scenario, assessment, target);
      if (byOwner != null && byOwner.refusal() == CommandRejected.Reason.FORBIDDEN) {
        s.dropBecause("nobody can move [" + target + "]: only its owner may, and " + lexicon.name(check.owner())
            + " lacks " + ActorActions.ownerPermission(check));
        continue;
      }
      for (Mention mention : s.mentions) {
        if (mention.actor() != null && !mention.actor().equals(check.owner())) {
          s.dropBecause("[" + target + "] is moved only by its owner " + lexicon.name(check.owner()) + ", not "
              + lexicon.name(mention.actor()));
        }
      }
    }
  }

  private static boolean between(Sentence s, int from, int to, char c) {
    return s.text.substring(from, to).indexOf(c) >= 0;
  }

  /** The span of the modal with its negation: "cannot", "can't", "can not", "may not", "nie może". */
  private static int[] negationSpan(Sentence s, int j) {
    int start = s.toks.get(j).start();
    int end = s.toks.get(j).end();
    if (NEGATIONS.contains(s.fold(j - 1))) {
      start = s.toks.get(j - 1).start();
    } else if (s.fold(j + 1).equals("not")) {
      end = s.toks.get(j + 1).end();
    }
    return new int[] {start, end};
  }

  /** The modal turned: can/cannot, may/may not, może/nie może; null when the form is not one of these. */
  private static String flip(Sentence s, int j, boolean negated) {
    String w = s.fold(j);
    String raw = s.text.substring(s.toks.get(j).start(), s.toks.get(j).end());
    boolean capital = Character.isUpperCase(s.text.charAt(negationSpan(s, j)[0]));
    String out;
    if (w.equals("can") || w.equals("cannot") || w.equals("cant")) {
      out = negated ? "can" : "cannot";
    } else if (w.equals("may")) {
      out = negated ? "may" : "may not";
    } else if (w.equals("moze") || w.equals("moga")) {
      out = negated ? raw.toLowerCase(Locale.ROOT) : "nie " + raw.toLowerCase(Locale.ROOT);
    } else {
      return null;
    }
    return capital ? Character.toUpperCase(out.charAt(0)) + out.substring(1) : out;
  }

  // ---- words ----

  /** Folds one word: lower case, no diacritics, ł as l, apostrophes gone ("can't" = "cant"). */
  static String foldWord(String word) {
    boolean ascii = true;
    boolean folded = true;
    for (int i = 0; i < word.length() && ascii; i++) {
      char c = word.charAt(i);
      ascii = c < 0x80;
      folded &= c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_';
    }
    if (ascii && folded) {
      // most words of an answer are already folded: no copy (every answer's every word comes here)
      return word;
    }
    String w = word;
    if (!ascii) {
      w = Normalizer.normalize(w.replace('ł', 'l').replace('Ł', 'L'), Normalizer.Form.NFD);
    }
    StringBuilder out = new StringBuilder(w.length());
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '\'' || c == '’';
  }

  /** Whether upper-casing would leave {@code word} as it is (as {@code word.equals(word.toUpperCase(ROOT))}, without the copy). */
  private static boolean noLowerCase(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (Character.toUpperCase(c) != c) {
        return false;
      }
    }
    return true;
  }

  /** The words of {@code text}: letters and digits, with apostrophes and dots inside a word kept in it. */
  static List<Tok> tokenize(String text) {
    List<Tok> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && (wordChar(text.charAt(i)) || text.charAt(i) == '.' && i + 1 < n
          && Character.isLetterOrDigit(text.charAt(i + 1)) && !Character.isDigit(text.charAt(i - 1)))) {
        i++;
      }
      String raw = text.substring(start, i);
      boolean upper = raw.length() > 1 && Character.isLetter(raw.charAt(0)) && noLowerCase(raw);
      out.add(new Tok(start, i, foldWord(raw), upper));
    }
    return out;
  }

  /**
   * The scenario's words for its things, in both languages: labels and aliases of groups, checks,
   * providers and production; actors' names, first names, roles, ids and aliases. Built once per
   * scenario; a phrase that names several things names none of them for certain, so a claim next
   * to it is checked only where they all agree.
   */
  public static final class Lexicon {
    static final String PROVIDER = "provider:";

    private void quotePercents(Label label) {
      for (Lang lang : Lang.values()) {
        String text = label == null ? null : label.in(lang);
        if (text != null && text.indexOf('%') >= 0) {
          quotedPercents.add(text.toLowerCase(Locale.ROOT));
        }
      }
    }

    /**
     * {@code capitalsOnly}: every name it came from is a short abbreviation in capitals, so only a word written
     * in capitals is it: an alias that spells the Polish "po" or the English "his" must not find them in prose.
     */
    private record Phrase(String[] words, boolean prefix, Set<String> subjects, Set<String> actors,
                          boolean byName, AtomicBoolean capitalsOnly) {
    }

    private final Map<String, List<Phrase>> byFirst = new HashMap<>();
    /** One-word prefix names ("faktur*") by their first letter: a token can only begin those that share it. */
    private final Map<Character, List<Phrase>> prefixedByInitial = new HashMap<>();
    private final Map<String, Actor> actors = new LinkedHashMap<>();
    private final Map<String, String> firstNames = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();
    /** The owner of each group, check and provider (provider ids prefixed). */
    final Map<String, String> owners = new HashMap<>();
    /**
     * The scenario's own words holding a percentage ("Up to 3% overbooking"), folded: quoted in an answer
     * they are the scenario's text, not a claim about readiness to correct.
     */
    final List<String> quotedPercents = new ArrayList<>();

    public Lexicon(Scenario scenario) {
      Map<String, Phrase> phrases = new LinkedHashMap<>();
      List<GroupDef> groups = new ArrayList<>(scenario.groups());
      groups.add(scenario.production());
      for (GroupDef group : groups) {
        quotePercents(group.label());
        for (CheckDef check : group.checks() == null ? List.<CheckDef>of() : group.checks()) {
          quotePercents(check.label());
          quotePercents(check.description());
          for (CheckDef.DecisionOption option : check.options() == null ? List.<CheckDef.DecisionOption>of()
              : check.options()) {
            quotePercents(option.label());
          }
        }
      }
      for (GroupDef group : groups) {
        subject(phrases, group.id(), group.label(), group.aliases());
        if (group.owner() != null) {
          owners.put(group.id(), group.owner());
        }
        for (CheckDef check : group.checks() == null ? List.<CheckDef>of() : group.checks()) {
          subject(phrases, check.id(), check.label(), check.aliases());
          owners.put(check.id(), check.owner());
        }
      }
      for (Provider provider : scenario.providers()) {
        subject(phrases, PROVIDER + provider.id(), provider.label(), provider.aliases());
        // what it runs as today and becomes ("ING virtual accounts") names the provider, not an actor one of its
        // words names ("ING")
        add(phrases, provider.currentMode(), PROVIDER + provider.id(), null, false);
        add(phrases, provider.targetMode(), PROVIDER + provider.id(), null, false);
        owners.put(PROVIDER + provider.id(), provider.owner());
        labels.put(PROVIDER + provider.id(), provider.label().en());
      }
      for (Actor actor : scenario.actors()) {
        actors.put(actor.id(), actor);
        add(phrases, actor.name(), null, actor.id(), true);
        add(phrases, actor.id(), null, actor.id(), true);
        add(phrases, actor.role().en(), null, actor.id(), false);
        add(phrases, actor.role().pl(), null, actor.id(), false);
        for (String alias : all(actor.aliases())) {
          add(phrases, alias, null, actor.id(), false);
        }
        // a name's words that are no title ("MUDr.", "Ing."): the first is how people call each other
        String[] words = actor.name().split("\\s+");
        for (String word : words) {
          if (word.length() >= 3 && !word.endsWith(".") && Character.isUpperCase(word.charAt(0))) {
            firstNames.putIfAbsent(actor.id(), word);
            add(phrases, word, null, actor.id(), false);
            for (String form : declined(foldWord(word))) {
              add(phrases, form, null, actor.id(), false);
            }
          }
        }
      }
      // a one-word name that is also a word of another thing's name ("Rollback" in "Rollback drill")
      // says too little to attribute a claim to it
      Map<String, Set<String>> wordOwners = new HashMap<>();
      for (Phrase phrase : phrases.values()) {
        if (phrase.words().length > 1) {
          for (String word : phrase.words()) {
            Set<String> things = wordOwners.computeIfAbsent(word, k -> new LinkedHashSet<>());
            things.addAll(phrase.subjects());
            phrase.actors().forEach(a -> things.add("actor:" + a));
          }
        }
      }
      for (Phrase phrase : phrases.values()) {
        if (phrase.words().length == 1 && !phrase.prefix() && phrase.actors().isEmpty()) {
          Set<String> others = new LinkedHashSet<>(wordOwners.getOrDefault(phrase.words()[0], Set.of()));
          others.removeAll(phrase.subjects());
          phrase.actors().forEach(a -> others.remove("actor:" + a));
          if (!others.isEmpty()) {
            continue;
          }
        }
        if (phrase.prefix() && phrase.words().length == 1) {
          prefixedByInitial.computeIfAbsent(phrase.words()[0].charAt(0), k -> new ArrayList<>()).add(phrase);
        } else {
          byFirst.computeIfAbsent(phrase.words()[0], k -> new ArrayList<>()).add(phrase);
        }
      }
      byFirst.values().forEach(list -> list.sort((a, b) -> b.words().length - a.words().length));
    }

    /**
     * A name's Polish case forms, folded: "Ewa" as Ewy, Ewie, Ewą; "Jacek" as Jacka, Jackowi,
     * Jackiem; "Nowicka" as Nowickiej. Polish answers decline names ("należy do Jacka").
     */
    static List<String> declined(String name) {
      List<String> out = new ArrayList<>();
      if (name.endsWith("ska") || name.endsWith("cka") || name.endsWith("dzka")) {
        String stem = name.substring(0, name.length() - 1);
        out.addAll(List.of(stem + "iej", stem + "a"));
      } else if (name.endsWith("a")) {
        String stem = name.substring(0, name.length() - 1);
        out.addAll(List.of(stem + "y", stem + "i", stem + "ie", stem + "e", stem + "o"));
      } else if (name.endsWith("o")) {
        String stem = name.substring(0, name.length() - 1);
        out.addAll(List.of(stem + "a", stem + "y", stem + "owi", stem + "em", stem + "ie"));
      } else if (name.endsWith("y") || name.endsWith("i")) {
        out.addAll(List.of(name + "ego", name + "emu", name + "m"));
      } else {
        String stem = name.endsWith("ek") ? name.substring(0, name.length() - 2) + "k" : name;
        out.addAll(List.of(stem + "a", stem + "owi", stem + "iem", stem + "em", stem + "u", stem + "ie"));
      }
      return out;
    }

    private static List<String> all(Aliases aliases) {
      List<String> out = new ArrayList<>(aliases.en());
      out.addAll(aliases.pl());
      return out;
    }

    private void subject(Map<String, Phrase> phrases, String id, Label label, Aliases aliases) {
      if (label != null) {
        add(phrases, label.en(), id, null, true);
        add(phrases, label.pl(), id, null, true);
        labels.putIfAbsent(id, label.en());
      }
      for (String alias : all(aliases)) {
        add(phrases, alias, id, null, false);
      }
    }

    private static void add(Map<String, Phrase> phrases, String text, String subject, String actor, boolean byName) {
      if (text == null || text.isBlank() || text.contains("{")) {
        return;
      }
      boolean prefix = text.endsWith("*");
      List<String> words = new ArrayList<>();
      for (Tok tok : tokenize(prefix ? text.substring(0, text.length() - 1) : text)) {
        words.add(tok.fold());
      }
      if (words.isEmpty()) {
        return;
      }
      String key = String.join(" ", words) + (prefix ? "*" : "");
      boolean abbreviation = words.size() == 1 && !prefix && text.length() <= MAX_ABBREVIATION
          && text.chars().allMatch(Character::isUpperCase);
      Phrase phrase = phrases.computeIfAbsent(key, k -> new Phrase(words.toArray(String[]::new), prefix,
          new LinkedHashSet<>(), new LinkedHashSet<>(), byName, new AtomicBoolean(abbreviation)));
      if (!abbreviation) {
        phrase.capitalsOnly().set(false);
      }
      if (subject != null) {
        phrase.subjects().add(subject);
      }
      if (actor != null) {
        phrase.actors().add(actor);
      }
    }

    Actor actor(String id) {
      return actors.get(id);
    }

    String name(String actorId) {
      Actor actor = actors.get(actorId);
      return actor == null ? actorId : actor.name();
    }

    String labelOf(String id) {
      return labels.getOrDefault(id, id);
    }

    /** The owner named the way the wrong actor was: by id, full name, first name, else full name. */
    String sameForm(String said, String wrong, String owner) {
      Actor w = actors.get(wrong);
      Actor o = actors.get(owner);
      if (said.equals(w.id())) {
        return o.id();
      }
      String first = firstNames.get(wrong);
      if (first != null && foldWord(said).equals(foldWord(first)) && firstNames.containsKey(owner)) {
        return firstNames.get(owner);
      }
      if (foldWord(said).equals(foldWord(w.role().en()))) {
        return o.role().en();
      }
      if (foldWord(said).equals(foldWord(w.role().pl()))) {
        return o.role().pl();
      }
      return o.name();
    }

    /** The things and actors a sentence names: its citations, then the longest phrase at each word. */
    List<Mention> link(String text, List<Tok> toks) {
      List<Mention> out = new ArrayList<>();
      boolean[] taken = new boolean[toks.size()];
      if (text.indexOf('[') >= 0) {
        Matcher cited = CITATION.matcher(text);
        while (cited.find()) {
          int first = -1;
          int last = -1;
          for (int i = 0; i < toks.size(); i++) {
            if (toks.get(i).start() >= cited.start() && toks.get(i).end() <= cited.end()) {
              taken[i] = true;
              first = first < 0 ? i : first;
              last = i;
            }
          }
          out.add(new Mention(cited.start(), cited.end(), first, last, Set.of(cited.group(1)), null, true, false));
        }
      }
      for (int i = 0; i < toks.size(); i++) {
        if (taken[i]) {
          continue;
        }
        Phrase found = null;
        int length = 0;
        for (Phrase phrase : byFirst.getOrDefault(toks.get(i).fold(), List.of())) {
          int n = phrase.words().length;
          if (matches(phrase, toks, taken, i) && (!phrase.capitalsOnly().get() || toks.get(i).upper())) {
            found = phrase;
            length = n;
            break;
          }
        }
        String fold = toks.get(i).fold();
        if (found == null && !fold.isEmpty()) {
          for (Phrase phrase : prefixedByInitial.getOrDefault(fold.charAt(0), List.of())) {
            if (fold.startsWith(phrase.words()[0])) {
              found = phrase;
              length = 1;
              break;
            }
          }
        }
        if (found == null) {
          continue;
        }
        int last = i + length - 1;
        boolean actorOnly = found.subjects().isEmpty() && found.actors().size() == 1;
        // a role's word inside an id ("legacy-fleet-mysql") is part of that id, no person; nor is "its owner" the
        // actor whose role is "Owner and CEO"
        if (actorOnly && !found.byName() && (glued(text, toks.get(i).start(), toks.get(last).end())
            || i > 0 && RELATIONS.contains(toks.get(i - 1).fold()))) {
          continue;
        }
        for (int k = i; k <= last; k++) {
          taken[k] = true;
        }
        boolean subjectOnly = found.actors().isEmpty();
        out.add(new Mention(toks.get(i).start(), toks.get(last).end(), i, last,
            subjectOnly ? Set.copyOf(found.subjects()) : null, actorOnly ? found.actors().iterator().next() : null,
            false, found.byName()));
        i = last;
      }
      out.sort((a, b) -> Integer.compare(a.start(), b.start()));
      return joined(out, text);
    }

    /** Whether the span {@code start..end} of {@code text} is joined by "-" or "_" to a word on either side. */
    private static boolean glued(String text, int start, int end) {
      return start >= 2 && (text.charAt(start - 1) == '-' || text.charAt(start - 1) == '_')
          && Character.isLetterOrDigit(text.charAt(start - 2))
          || end + 1 < text.length() && (text.charAt(end) == '-' || text.charAt(end) == '_')
          && Character.isLetterOrDigit(text.charAt(end + 1));
    }

    /** Adjacent mentions of one actor ("Anny" "Kowalskiej") are one mention. */
    private static List<Mention> joined(List<Mention> mentions, String text) {
      List<Mention> out = new ArrayList<>(mentions.size());
      for (Mention m : mentions) {
        Mention last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && m.actor() != null && m.actor().equals(last.actor())
            && text.substring(last.end(), m.start()).isBlank()) {
          out.set(out.size() - 1, new Mention(last.start(), m.end(), last.firstTok(), m.lastTok(), null, m.actor(),
              false, last.byName() || m.byName()));
        } else {
          out.add(m);
        }
      }
      return out;
    }

    private static boolean matches(Phrase phrase, List<Tok> toks, boolean[] taken, int at) {
      String[] words = phrase.words();
      if (at + words.length > toks.size()) {
        return false;
      }
      for (int k = 0; k < words.length; k++) {
        if (taken[at + k]) {
          return false;
        }
        String word = toks.get(at + k).fold();
        boolean last = k == words.length - 1;
        if (!(word.equals(words[k]) || last && phrase.prefix() && word.startsWith(words[k]))) {
          return false;
        }
      }
      return true;
    }
  }
}

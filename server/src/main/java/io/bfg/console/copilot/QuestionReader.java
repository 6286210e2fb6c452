package io.bfg.console.copilot;

import io.bfg.console.eval.Evaluation;
import io.bfg.console.model.Lang;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the local model understands a question, English or Polish: its language, what is asked
 * (the intent) and what about (a gate, check, actor, provider, pipeline or decision code), turned
 * into the read-only tool calls that answer it. Deterministic and pure: the same question and
 * evaluation always choose the same tools.
 */
public final class QuestionReader {

  /** What a question asks for; {@link #UNKNOWN} gets an honest list of what can be answered. */
  public enum Intent {
    CHANGE_REQUEST, DECISION_CODE, LAST_RUN, RECENT, OWNER, TASKS, PROVIDER, WHY, NEXT, BLOCKERS, STATUS, UNKNOWN
  }

  /** A tool to call; {@code parameter} names its one argument (null for none). */
  public record ToolCall(String tool, String parameter, Object argument) {
  }

  public record Question(Lang lang, Intent intent, String subject, List<ToolCall> calls) {
  }

  private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
  private static final Pattern CHECK_ID = Pattern.compile("\\b[a-z][a-z0-9-]*\\.[a-zA-Z0-9.-]+\\b");
  private static final Pattern POLISH_LETTERS = Pattern.compile("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]");
  private static final List<String> POLISH_WORDS = List.of("co", "czy", "jest", "sa", "dlaczego", "czemu", "kto",
      "jak", "jaki", "jakie", "ktory", "ktora", "ktore", "sie", "nie", "mam", "mamy", "dalej", "teraz", "znaczy",
      "zadania", "ostatni", "ostatnio", "blokuje", "produkcje", "produkcji", "zrobic", "powinienem", "powinnismy",
      "wlasciciel", "wlascicielem", "odpowiada", "pokazal", "znalazl", "zmienilo", "status", "dostawcy", "jaka",
      "prosze", "powiedz", "opowiedz", "mi", "na", "dla", "oraz", "moge", "mozesz", "teraz", "juz", "wszystko");
  private static final List<String> POLISH_ONLY = List.of("co", "czy", "jest", "dlaczego", "czemu", "kto", "jak",
      "sie", "nie", "dalej", "znaczy", "zadania", "blokuje", "jakie", "ktory", "mam", "zrobic", "ostatni", "prosze",
      "powiedz", "opowiedz", "mozesz");
  private static final List<String> ENGLISH_WORDS = List.of("what", "why", "who", "which", "is", "are", "the", "does",
      "do", "how", "next", "blocks", "mean", "owns", "should");

  private QuestionReader() {
  }

  public static Question read(String question, Lang fallback, ReadinessFacts facts) {
    String folded = " " + ReadinessFacts.fold(question) + " ";
    Lang lang = language(question, folded, fallback);
    String code = decisionCode(question);
    String pipeline = pipeline(folded, facts.names());
    Evaluation.ActorView actor = actor(folded, facts.names());
    Evaluation.ProviderView provider = provider(folded, facts.names());
    Evaluation.CheckView check = check(question, folded, facts);
    String group = group(folded, facts.names());
    String production = facts.production().id();

    if (has(folded, "ignore", "disregard", "forget your", "zignoruj", "pomin instrukc")
        || (has(folded, "accept ", "approve", "sign off", "signoff", "mark ", "set ", "change ", "record ", "revoke",
        "zaakceptuj", "zatwierdz", "podpisz", "oznacz", "ustaw", "zmien", "cofnij")
        && !has(folded, "who ", "kto ", "how ", "jak ", "what ", "co "))) {
      return question(lang, Intent.CHANGE_REQUEST, null, call("nextAction", null, null));
    }
    if (code != null) {
      return question(lang, Intent.DECISION_CODE, code, call("decisionCode", "code", code));
    }
    if (pipeline != null && has(folded, "last", "latest", "found", "find", "result", "show", "say", "report",
        "ostatni", "wynik", "znalazl", "pokazal", "wykazal", "przebieg")) {
      return question(lang, Intent.LAST_RUN, pipeline, call("lastRun", "pipeline", pipeline));
    }
    if (has(folded, "changed", "change recently", "recent", "happened", "latest events", "history", "what s new",
        "zmienilo", "zmiany", "ostatnio", "histori", "wydarzyl", "nowego")) {
      return question(lang, Intent.RECENT, null, call("recentChanges", "limit", 10));
    }
    if (provider != null) {
      return question(lang, Intent.PROVIDER, provider.id(), call("provider", "provider", provider.id()));
    }
    if (has(folded, "who owns", "owner of", "owns ", "who signs", "who must sign", "who is responsible", "whose",
        "responsible for", "wlasciciel", "kto odpowiada", "kto podpisuje", "czyj", "kto musi podpisac")) {
      if (check != null) {
        return question(lang, Intent.OWNER, check.id(), call("check", "id", check.id()));
      }
      if (group != null) {
        return question(lang, Intent.OWNER, group, call("gate", "id", group));
      }
    }
    if (actor != null && has(folded, "task", "todo", "to do", "open items", "needs to", "need to", "must ",
        "has to", "should", "can ", "do ", "zadani", "musi", "ma zrobic", "do zrobienia", "czeka na", "powin",
        "moze")) {
      return question(lang, Intent.TASKS, actor.id(), call("ownerTasks", "actor", actor.id()));
    }
    if (has(folded, "why", "dlaczego", "czemu", "what holds", "what is holding", "what blocks", "co blokuje",
        "co wstrzymuje")) {
      if (check != null) {
        return question(lang, Intent.WHY, check.id(), call("check", "id", check.id()));
      }
      if (group != null && !group.equals(production)) {
        return question(lang, Intent.WHY, group, call("gate", "id", group));
      }
    }
    if (has(folded, "next", "what should", "what do i", "what do we", "what now", "what to do", "where do i start",
        "co dalej", "nastepn", "co teraz", "co zrobic", "co mam", "zrobic", "co powinn", "od czego zaczac",
        "who must", "who has to", "kto musi")) {
      return question(lang, Intent.NEXT, null, call("nextAction", null, null));
    }
    if (production.equals(group) || has(folded, "block", "go ", "no go", "cut over", "ready for prod", "stopping",
        "preventing", "holding back", "stands in the way",
        "blokuj", "gotow", "wdroz", "can we release", "may we")) {
      return question(lang, Intent.BLOCKERS, null, call("blockers", null, null));
    }
    if (check != null) {
      return question(lang, Intent.STATUS, check.id(), call("check", "id", check.id()));
    }
    if (group != null) {
      return question(lang, Intent.STATUS, group, call("gate", "id", group));
    }
    if (actor != null) {
      return question(lang, Intent.TASKS, actor.id(), call("ownerTasks", "actor", actor.id()));
    }
    if (has(folded, "status", "state", "progress", "summary", "overview", "stan", "postep", "podsumow")) {
      return question(lang, Intent.BLOCKERS, null, call("blockers", null, null));
    }
    return new Question(lang, Intent.UNKNOWN, null, List.of());
  }

  /** Polish if it has Polish letters or enough Polish function words; the fallback when nothing tells. */
  public static Lang language(String question, Lang fallback) {
    return language(question, " " + ReadinessFacts.fold(question) + " ", fallback);
  }

  /** {@code folded} is the question folded and padded with a space at each end. */
  private static Lang language(String question, String folded, Lang fallback) {
    if (POLISH_LETTERS.matcher(question).find()) {
      return Lang.PL;
    }
    int polish = 0;
    for (String word : POLISH_WORDS) {
      if (ReadinessFacts.containsWord(folded, word)) {
        polish += POLISH_ONLY.contains(word) ? 2 : 1;
      }
    }
    if (polish >= 2) {
      return Lang.PL;
    }
    int english = 0;
    for (String word : ENGLISH_WORDS) {
      if (ReadinessFacts.containsWord(folded, word)) {
        english++;
      }
    }
    return english > 0 ? Lang.EN : fallback;
  }

  private static String decisionCode(String question) {
    Matcher m = CODE.matcher(question);
    return m.find() ? m.group() : null;
  }

  /**
   * The pipeline a question names: by its id or by the group it proves (that group's label, id or
   * synonyms). The later pipeline in run order wins when both are named, as it is the one that waits
   * for the other.
   */
  private static String pipeline(String folded, FoldedNames names) {
    List<FoldedNames.PipelineName> pipelines = names.pipelines();
    for (int i = pipelines.size() - 1; i >= 0; i--) {
      FoldedNames.PipelineName name = pipelines.get(i);
      FoldedNames.GroupName group = name.proves();
      if (name.id().in(folded) || group != null && (matchesAny(folded, group.synonyms())
          || ReadinessFacts.containsAfterSpace(folded, group.label())
          || ReadinessFacts.containsAfterSpace(folded, group.id()))) {
        return name.pipeline().id();
      }
    }
    return null;
  }

  /**
   * An actor named by id, role, declared alias or first name, Polish inflections included ("Ewy"
   * for Ewa, "Piotra" for Piotr): a word with the name's first three letters and about its length.
   */
  private static Evaluation.ActorView actor(String folded, FoldedNames names) {
    String[] words = folded.trim().split(" ");
    for (FoldedNames.ActorName name : names.actors()) {
      Evaluation.ActorView actor = name.actor();
      String first = name.first();
      for (String word : words) {
        boolean inflected = first.length() >= 3 && word.startsWith(first.substring(0, 3))
            && word.length() >= first.length() - 1 && word.length() <= first.length() + 3;
        if (inflected || word.equals(actor.id().toLowerCase())) {
          return actor;
        }
      }
      if (folded.contains(name.paddedRole()) || folded.contains(name.paddedRoleKey())
          || matchesAny(folded, name.synonyms())) {
        return actor;
      }
    }
    return null;
  }

  private static Evaluation.ProviderView provider(String folded, FoldedNames names) {
    for (FoldedNames.ProviderName name : names.providers()) {
      if (matchesAny(folded, name.synonyms()) || ReadinessFacts.containsAfterSpace(folded, name.label())
          || ReadinessFacts.containsAfterSpace(folded, name.id())) {
        return name.provider();
      }
    }
    return null;
  }

  private static Evaluation.CheckView check(String question, String folded, ReadinessFacts facts) {
    Matcher id = CHECK_ID.matcher(question);
    while (id.find()) {
      Evaluation.CheckView check = facts.findCheck(id.group());
      if (check != null) {
        return check;
      }
    }
    return facts.findCheck(folded);
  }

  private static String group(String folded, FoldedNames names) {
    String best = null;
    int bestLength = 0;
    for (FoldedNames.GroupName name : names.groups()) {
      String id = name.group().id();
      for (FoldedNames.Phrase synonym : name.synonyms()) {
        if (synonym.length() > bestLength && synonym.in(folded)) {
          best = id;
          bestLength = synonym.length();
        }
      }
      if (longerMatch(folded, name.label(), bestLength)) {
        best = id;
        bestLength = name.label().length();
      }
      if (longerMatch(folded, name.id(), bestLength)) {
        best = id;
        bestLength = name.id().length();
      }
    }
    return best;
  }

  private static boolean longerMatch(String folded, String word, int bestLength) {
    return !word.isBlank() && ReadinessFacts.containsAfterSpace(folded, word) && word.length() > bestLength;
  }

  private static boolean matchesAny(String folded, List<FoldedNames.Phrase> phrases) {
    for (FoldedNames.Phrase phrase : phrases) {
      if (phrase.in(folded)) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(String folded, String... phrases) {
    for (String phrase : phrases) {
      if (ReadinessFacts.containsAfterSpace(folded, phrase)
          || folded.startsWith(phrase) && folded.contains(phrase + " ")) {
        return true;
      }
    }
    return false;
  }

  private static ToolCall call(String tool, String parameter, Object argument) {
    return new ToolCall(tool, parameter, argument);
  }

  private static Question question(Lang lang, Intent intent, String subject, ToolCall... calls) {
    return new Question(lang, intent, subject, List.of(calls));
  }
}

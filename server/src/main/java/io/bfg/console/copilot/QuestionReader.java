package io.bfg.console.copilot;

import io.bfg.console.command.CommandRejected;
import io.bfg.console.copilot.Lexicon.Kind;
import io.bfg.console.copilot.Lexicon.Link;
import io.bfg.console.copilot.Words.Word;
import io.bfg.console.eval.Evaluation;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.CheckKind;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Label;
import io.bfg.console.model.Lang;
import io.bfg.console.model.PacketBinding;
import io.bfg.console.model.Permissions;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.Scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the local model understands a question, English or Polish. The question is cut into words
 * with their morphology ({@link Words}); the things it names are linked against everything the
 * scenario names ({@link Lexicon}); every kind of question is scored by the words that ask it (in
 * either language) together with how well the things named fit it ("who owns" wants a check, "what
 * does X have to do" an actor), and the best reading wins, whatever order its words came in. When a
 * second reading comes close, its tools are called too and the answer gives both. Deterministic and
 * pure: the same question and scenario always choose the same tools.
 */
public final class QuestionReader {

  /** What a question asks for. {@link #UNKNOWN} and {@link #OUT_OF_SCOPE} get a decline and what can be answered. */
  public enum Intent {
    COUNT, BLOCKERS, STATUS, WHY, OWNER, TASKS, NEXT, MEANING, PERMISSION, PROVIDER, SESSION, PIPELINE_RESULT,
    RECENT, SNAPSHOT, OTHER_OWNERS, ACT_REQUEST, OUT_OF_SCOPE, UNKNOWN,
    /** Every check one actor owns, whatever its status: "which checks does X own", "list every check I own". */
    OWNED
  }

  /** The command a question is about, by the permission it needs. */
  public enum Action { ACCEPT, DECIDE, RUN }

  /** A tool to call; {@code parameter} names its one argument (null for none). */
  public record ToolCall(String tool, Map<String, Object> arguments) {
  }

  /**
   * One reading: its language and intent, what it is about ({@code subject}, an id), the tools that
   * answer it, the actor and command it names if any, the environment it names, and a close second
   * reading ({@code also}, whose calls follow this one's) or null.
   */
  public record Question(Lang lang, Intent intent, String subject, List<ToolCall> calls, String actor,
                         Action action, String environment, Question also, Set<String> asks) {

    public Question {
      asks = asks == null ? Set.of() : Set.copyOf(asks);
    }

    public Question(Lang lang, Intent intent, String subject, List<ToolCall> calls, String actor, Action action,
                    String environment, Question also) {
      this(lang, intent, subject, calls, actor, action, environment, also, Set.of());
    }

    /**
     * This reading with what else the question asks of its one thing: {@link #ASKS_READY} (a yes or no
     * to "is it ready/done"), {@link #ASKS_BLOCKED}, {@link #ASKS_DEPENDS} (what it depends on).
     */
    Question asking(Set<String> more) {
      return more.isEmpty() ? this : new Question(lang, intent, subject, calls, actor, action, environment, also, more);
    }

    /** Every call, this reading's and then the second reading's. */
    public List<ToolCall> allCalls() {
      if (also == null) {
        return calls;
      }
      List<ToolCall> all = new ArrayList<>(calls);
      all.addAll(also.calls());
      return all;
    }
  }

  static final String ASKS_READY = "ready";
  static final String ASKS_BLOCKED = "blocked";
  /** "why isn't X blocked": whether it is, and what it depends on. */
  static final String ASKS_NOT_BLOCKED = "notBlocked";
  static final String ASKS_DEPENDS = "depends";
  static final String ASKS_REVOKE = "revoke";
  /** Who signed off each of a gate's checks ("who signed off the fallback stuff"). */
  static final String ASKS_SIGNERS = "signers";
  /** A what-if asked what it changes: what it would complete and the gates then. */
  static final String ASKS_EFFECT = "effect";
  /** "can anyone besides me ...": then the asker's id. */
  static final String ASKS_OTHERS = "others:";
  /** "who can't record decisions": those without the permission. */
  static final String ASKS_NOT = "not";
  /** What a withdrawal would leave waiting, or left ("if I pull my sign-off", "czy moje wycofanie coś zablokowało"). */
  static final String ASKS_WITHDRAWN = "withdrawn:";
  /** A what-if asked of a gate and of going live as well ("is fiscal done, and are we GO then?"). */
  static final String ASKS_GO_TOO = "goToo";
  /** A what-if asked for production's decision code then. */
  static final String ASKS_CODE = "code";
  /** Asked how many ("how many people can record decisions"). */
  static final String ASKS_COUNT = "count";
  /** Asked who has the most ("who has the most open items"). */
  static final String ASKS_MOST = "most";
  /** Asked of the first run ("who ran the first dry-run"). */
  static final String ASKS_FIRST = "first";
  /** Asked which step failed ("which step of the dry run failed", "co padło"). */
  static final String ASKS_FAILED = "failed";
  /** Asked which, as well as how many ("ile bramek jest zielonych i które"). */
  static final String ASKS_WHICH = "which";
  /** Asked whether two runs differ ("did the second dry-run change anything vs the first"). */
  static final String ASKS_COMPARED = "compared";
  /** Asked what comes next once a thing is done ("jak podpiszę X, to co dalej"). */
  static final String ASKS_NEXT = "next";
  /**
   * The subject of two things' events put in order ("did Kasia pick the guarantee before or after I first signed
   * the mapping"): then the first thing's id, the second's, whose event on the second it is (or empty) and "first"
   * or "last" of theirs, tab-separated.
   */
  static final String ORDER = "order:";
  /** Asked on which of its runs a pipeline first passed ("za którym razem przeszedł"). */
  static final String ASKS_WHICH_TRY = "whichTry";
  /** Asked when each run of a pipeline was ("when did I run the two dry runs"). */
  static final String ASKS_RUNS_WHEN = "runsWhen";
  /** Asked whether a named sign-off still stands ("is my tariff sign-off still valid or did it go stale"). */
  static final String ASKS_VALID = "valid";
  /** The subject prefix of who holds a permission the console itself does not use (then its name): "audit.read". */
  static final String HOLDERS = "holders:";
  /** Marks on a since's thing: its first event rather than its last, a run that failed. */
  static final String SINCE_FIRST = "!first";
  static final String SINCE_FAILED = "!failed";
  /** Asked which steps a pipeline runs ("which steps does the dry-run go through"). */
  static final String ASKS_STEPS = "steps";
  /** Asked whether anyone but a check's owner may sign it off or record it ("or only me?"). */
  static final String ASKS_ONLY_OWNER = "onlyOwner";
  /** "the run that passed": the latest run that passed, when a later one did not. */
  static final String ASKS_PASSED = "passed";
  /** What a permission lets one do to any check, no check in particular: "record decisions", "sign off checks". */
  private static final Set<String> KIND_WORDS = WordSet.of("decisions", "decision", "record", "recorded", "make",
      "checks", "check", "signoffs", "sign", "off", "accept", "approve", "decyzje", "decyzji", "zapisywac", "zapisac",
      "podejmowac", "kontrole", "kontroli", "checki", "akceptowac", "zatwierdzac", "podpisywac");
  /** "evidence hash on the chamber map sign-off?": the hash its sign-off recorded. */
  static final String ASKS_HASH = "hash";
  private static final Set<String> HASH_WORDS = WordSet.of("hash", "sha", "sha256", "skrot", "skrotu", "hasz",
      "hashem", "hasha", "hashu");
  /** "what can X do, permissions": the permissions they hold, after their tasks. */
  static final String ASKS_PERMISSIONS = "permissions";
  /** "how long did each step take", "ile ms zajął replay": each step of the run with the time it took. */
  static final String ASKS_DURATION = "duration";
  private static final Set<String> DURATION_WORDS = WordSet.of("ms", "millis", "milliseconds", "seconds",
      "duration", "durations", "long", "took", "timing", "timings", "trwal", "trwala", "trwalo", "trwaly", "trwa",
      "dlugo", "zajal", "zajela", "zajelo", "zajely", "milisekund", "sekund",
      // "which connection step was the slowest", "który krok był najwolniejszy": each step with its time
      "slowest", "fastest", "longest", "quickest", "najwolniejszy", "najwolniejsza", "najwolniejszym", "najszybszy",
      "najszybsza", "najdluzej", "najdluzszy", "najdluzsza");
  private static final Set<String> PASSED_RUN_WORDS = WordSet.of("passed", "succeeded", "successful", "green",
      "przeszedl", "przeszla", "przeszlo", "udany", "udanym", "udanego", "udana", "zielony", "zielone", "zielono",
      "zaliczony", "zaliczyl");
  /** "who can ...": the people first. */
  static final String ASKS_WHO = "who";
  private static final Set<String> WHO_OPENERS = WordSet.of("who", "whom", "kto", "kogo");
  private static final Set<String> ASKER_WORDS = WordSet.of("i", "me", "myself", "ja", "mnie", "sam", "sama");
  private static final Set<String> REVOKE_VERBS = WordSet.of("revoke", "withdraw", "unsign", "undo",
      "retract", "cofnij", "wycofaj", "odwolaj", "uniewaznij", "anuluj");

  /** Below this a link is a word in common, not a thing named. */
  private static final double MIN_LINK = 1.5;
  /** A thing asked to be acted on must be named at least this clearly: a wrong target would name the wrong owner. */
  private static final double NAMED = 3;
  /** A check linked this well, named with a verb by someone asking whether they may do it, is the thing asked about. */
  private static final double DOABLE = 2;
  /** A decision asked for its choices may be named this loosely: the choosing words already say which kind of thing. */
  private static final double LOOSE_DECISION = 0.75;
  /** How well a provider must be named when the question asks what replaces something and names nothing else. */
  private static final double LOOSE_PROVIDER = 1.0;
  private static final Set<String> MODALS = WordSet.of("can", "could", "may", "might", "allowed", "able",
      "moze", "moga", "moge", "mozemy", "wolno", "mozna", "potrafi", "uprawniony", "uprawniona", "possible", "mozliwe", "da");
  private static final Pattern CODE = Pattern.compile("\\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\\b");
  /** A code written in capitals with spaces: "CLINICS LIVE". */
  private static final Pattern ONE_WORD_CODE = Pattern.compile("\\b[A-Z][A-Z0-9]{2,}\\b");
  private static final Pattern CAPITALS = Pattern.compile("\\b[A-Z][A-Z0-9]+(?:[ \\t]+[A-Z][A-Z0-9]+)+\\b");
  private static final Set<String> PROVIDERS_WORDS = WordSet.of("providers", "dostawcy", "dostawcow",
      "dostawcach", "dostawcami", "providerzy", "providerow", "providery", "providerach", "services", "uslugi",
      "uslug", "serwisy", "serwisow");
  /** Integrations are the providers, unless the question is about the console's integration gates. */
  private static final Set<String> INTEGRATION_WORDS = WordSet.of("integrations", "integracje",
      "integracji", "integracjach", "integracjami");
  private static final Set<String> GATE_WORDS = WordSet.of("gate", "gates", "bramka", "bramki", "bramek",
      "bramkach", "bramce", "bramke", "integracyjne", "integracyjnych");
  /** A mode that is no production one: a question naming it asks for every provider not in its target mode yet. */
  private static final Set<String> NOT_PRODUCTION_MODES = WordSet.of("mock", "mocked", "mocks", "mocku",
      "mockach", "mockami", "mockiem", "mockowane", "mockowani", "local", "lokalnie", "lokalny", "lokalne", "stub",
      "stubbed", "stubs", "sandbox", "fake", "fakes", "zamockowane", "zamockowani", "simulator", "simulated",
      "symulator", "symulatorze", "symulatora", "emulator", "emulatorze");
  private static final Set<String> PRODUCTION_WORDS = WordSet.of("production", "prod", "produkcji",
      "produkcje", "produkcja", "produkcyjnym", "produkcyjny", "live", "target", "docelowym", "docelowy", "prodzie");
  private static final Set<String> NOT_YET_WORDS = WordSet.of("not", "aren", "isn", "yet", "still", "nie",
      "jeszcze", "wciaz", "nadal", "dalej");
  private static final Set<String> ENV_WORDS = WordSet.of("env", "envs", "environment", "environments",
      "srodowisko", "srodowiska", "srodowisku", "srodowisk", "srodowiskiem");
  private static final Set<String> NOW_WORDS = WordSet.of("active", "current", "currently", "live", "now",
      "running", "teraz", "aktywne", "aktywny", "biezace", "obecne", "obecnie", "dziala", "aktualne", "aktualnie",
      "moment", "chwili");
  /** Going to production: "go live", "przejść na produkcję", "move to production". */
  private static final Set<String> GO_VERBS = WordSet.of("go", "move", "switch", "cut", "przejsc",
      "wejsc", "isc", "przejdziemy", "wejdziemy", "przejda", "wejda", "przelaczyc", "ruszyc", "przeniesc");
  private static final Set<String> GO_TARGETS = WordSet.of("production", "prod", "live", "produkcje",
      "produkcji", "produkcja");
  private static final Set<String> YES_NO = WordSet.of("can", "could", "may", "czy", "are", "is", "moga",
      "mozemy", "mozna", "moze", "allowed", "do", "will", "shall");
  /** Words that open a question asking for something else than yes or no ("what code will go-live show"). */
  private static final Set<String> WH_WORDS = WordSet.of("what", "whats", "which", "who", "whose", "when",
      "why", "how", "where", "co", "kto", "jaki", "jaka", "jakie", "jakim", "ktory", "ktora", "ktore", "kiedy",
      "dlaczego", "czemu", "jak", "gdzie", "ile", "czyj", "czyje");
  /** The words that ask what a thing is: "what is", "what's a", "co to jest", "czym jest". */
  private static final Set<String> WHAT_IS_FILLER = WordSet.of("what", "whats", "s", "is", "are", "a", "an",
      "the", "exactly", "actually", "about", "all", "co", "to", "jest", "czym", "sa", "wlasciwie", "dokladnie", "does",
      "mean",
      "means", "oznacza", "znaczy", "prove", "proves", "cover", "covers", "step", "dowodzi", "potwierdza",
      "sprawdza", "obejmuje", "krok", "check", "gate", "kontrola", "bramka");
  private static final Set<String> MEANING_WORDS = WordSet.of("mean", "means", "meaning", "meant", "stand",
      "stands", "difference", "diff", "differ", "differs", "define", "definition", "explain", "znaczy", "oznacza", "oznaczaja",
      "znacza", "rozni", "roznia", "roznica", "roznice", "definicja", "wyjasnij", "code", "kod", "kodu");
  /** The console's own words whose meaning the templates give ({@code term.<key>}). */
  private static final Map<String, String> TERMS = Map.ofEntries(Map.entry("ready", "READY"),
      Map.entry("gotowy", "READY"), Map.entry("gotowa", "READY"), Map.entry("gotowe", "READY"),
      Map.entry("review", "REVIEW"), Map.entry("blocked", "BLOCKED"), Map.entry("zablokowany", "BLOCKED"),
      Map.entry("zablokowana", "BLOCKED"), Map.entry("zablokowane", "BLOCKED"), Map.entry("gate", "gate"),
      Map.entry("gates", "gate"), Map.entry("bramka", "gate"), Map.entry("bramki", "gate"),
      Map.entry("bramek", "gate"), Map.entry("check", "check"), Map.entry("checks", "check"),
      Map.entry("kontrola", "check"), Map.entry("kontrole", "check"), Map.entry("kontroli", "check"),
      Map.entry("checkow", "check"), Map.entry("checki", "check"), Map.entry("checkach", "check"));
  /**
   * The kinds of check and what happens to a sign-off ({@code term.<key>}): explained only when the question names
   * nothing of its own ("what is a derived check"; not "what does the hosting decision mean", which is that check).
   */
  private static final Map<String, String> CONCEPTS = Map.ofEntries(Map.entry("derived", "derived"),
      Map.entry("pochodna", "derived"), Map.entry("pochodny", "derived"), Map.entry("pochodne", "derived"),
      Map.entry("wyliczana", "derived"), Map.entry("wyliczany", "derived"), Map.entry("stale", "stale"),
      Map.entry("nieaktualna", "stale"), Map.entry("nieaktualny", "stale"), Map.entry("nieaktualne", "stale"),
      Map.entry("signoff", "signoff"), Map.entry("acceptance", "signoff"), Map.entry("akceptacja", "signoff"),
      Map.entry("akceptacji", "signoff"), Map.entry("akceptacje", "signoff"), Map.entry("podpis", "signoff"),
      Map.entry("decision", "decision"), Map.entry("decyzja", "decision"), Map.entry("decyzji", "decision"),
      Map.entry("decyzje", "decision"), Map.entry("pipeline", "pipeline"));
  /** Words that ask for a plain explanation of what follows: "eli5", "what is a", "czym jest". */
  private static final Set<String> EXPLAIN_OPENERS = WordSet.of("eli5", "czym");
  private static final Set<String> ARTICLES = WordSet.of("a", "an");
  private static final Pattern POLISH_LETTERS = Pattern.compile("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]");
  private static final Set<String> POLISH = WordSet.of("co", "czy", "jest", "sa", "dlaczego", "czemu", "kto", "jak",
      "jaki", "jaka", "jakie", "ktory", "ktora", "ktore", "sie", "nie", "mam", "mamy", "ma", "dalej", "teraz",
      "znaczy", "oznacza", "ile", "juz", "jeszcze", "moze", "moga", "mozemy", "prosze", "powiedz", "mi", "na", "dla",
      "oraz", "z", "w", "do", "od", "za", "o", "czyje", "czyj", "czego", "gdzie", "kiedy", "wszystko", "zrob",
      "odpal", "uruchom", "zatwierdz", "zaakceptuj", "klepnij", "pokaz", "bedzie", "byl", "bylo", "mnie", "nic",
      "cos", "ktos", "tego", "jakim", "trybie", "czym", "przez", "wlasciciel", "wlascicielem", "odpowiada", "ilu",
      "moge", "mozesz", "sama", "musze", "trzeba", "odpalic", "uruchomic", "zrobic", "podpisac", "zatwierdzic",
      // a condition in Polish: "jeśli Aga zaakceptuje retencję a ja podstawę, to prywatność gotowa?"
      "jesli", "jezeli", "gdyby", "ja", "ty", "wtedy", "tez", "ze", "zeby", "czyli", "albo", "lub", "gotowa",
      "gotowe", "gotowy", "caly", "cala", "cale");
  /**
   * English function words; not "status", which Polish uses as well ("status wydania?"), nor "a" and "to", which
   * Polish uses as much ("a ja podstawę, to ...").
   */
  private static final Set<String> ENGLISH = WordSet.of("what", "why", "who", "whose", "which", "is", "are", "the",
      "does", "do", "how", "next", "blocks", "mean", "owns", "should", "can", "could", "many", "much", "of", "for",
      "me", "please", "run", "accept", "has", "have", "been", "yet", "any", "anything", "on", "in", "my", "it",
      "did", "will", "we", "our", "there", "right", "now", "where", "whats", "owner", "its", "an",
      "and", "or", "with", "at", "be");

  /**
   * The words that ask each kind of question, in English and Polish: a phrase counts when all its
   * words are in the question (in any form). General language only: no scenario's words.
   */
  private static final Map<Intent, List<Cue>> CUES = new EnumMap<>(Intent.class);

  private record Cue(List<Word> words, double weight) {
  }

  static {
    cues(Intent.COUNT, 3, "how many", "how much of", "how far", "percent", "percentage", "complete", "ile",
        "procent", "ilu", "count", "number of", "liczba", "progress", "postep", "total", "of total", "w sumie",
        "lacznie", "ogolem");
    cues(Intent.BLOCKERS, 1, "block", "blocks", "blocker", "blocking", "go live", "no go", "cut over", "ready for",
        "stopping", "preventing", "holding back", "blokuje", "blokuja", "wdrozyc", "wejsc", "release", "traffic",
        "enabled", "disabled", "wlaczony", "wylaczony", "ruch", "go", "dzis", "today", "overall", "summary",
        "podsumowanie", "stan");
    cues(Intent.STATUS, 1, "status", "state", "how is", "how s", "where are we", "jak stoi", "jak wyglada",
        "signed", "accepted", "approved", "ready", "gotowy", "gotowa", "done", "open", "otwarte", "zamrozone",
        "frozen", "zaakceptowane", "podpisane", "options", "option", "opcje", "opcja", "choices", "decisions",
        "decyzje", "co z");
    cues(Intent.WHY, 1.5, "why", "dlaczego", "czemu", "what holds", "holds up", "missing", "brakuje", "brak",
        "stuck", "waiting", "czeka", "zablokowany", "zablokowana", "blocked");
    cues(Intent.OWNER, 2, "who owns", "owner", "owns", "whose", "responsible", "who signs", "who approves",
        "wlasciciel", "wlascicielem", "czyj", "czyje", "odpowiada", "kto klepie", "kto podpisuje", "kto zatwierdza",
        "kto akceptuje", "who accepts");
    // "does the office isolation step belong to me", "czy ten krok należy do mnie": whose it is
    cues(Intent.OWNER, 4, "belong to", "belongs to", "nalezy do", "naleza do");
    // "what does X still need to sign": the person's own list, whichever sign-off a word of it names
    cues(Intent.TASKS, 3, "need to sign", "needs to sign", "have to sign", "has to sign", "need to approve",
        "needs to approve", "has to approve", "still need", "still needs", "still has to", "still have to",
        "musi podpisac", "musi zatwierdzic", "musi zaakceptowac", "musi jeszcze", "ma jeszcze", "ma podpisac",
        "ma zatwierdzic");
    cues(Intent.TASKS, 2, "my list", "plate", "to do", "need to do", "needs to do", "tasks", "task", "todo",
        "work on", "zadania", "do zrobienia", "na glowie", "do roboty", "ruszyc", "has to do", "should do",
        "ma zrobic", "can do", "moze zrobic", "pending for", "czeka na", "waiting on", "waits on", "pending on",
        "waiting for me", "waiting on me", "czeka na mnie", "czekaja na mnie");
    // "na kim teraz wisi start?": who it hangs on is who must act next
    cues(Intent.NEXT, 4, "na kim wisi", "od kogo zalezy", "na kogo czekamy");
    cues(Intent.NEXT, 2, "next", "what now", "co dalej", "nastepny", "nastepny krok", "kolejny krok", "who must",
        "who has to", "move first", "unblock", "where do i start", "co teraz", "co zrobic", "ma teraz ruch",
        "kto musi", "od czego zaczac", "first step", "what do we do", "what should i do", "what should we do",
        "od czego zaczynamy", "pierwszy ruch", "first move", "where do we start", "where do we begin");
    cues(Intent.MEANING, 2, "diff between", "difference between", "roznica miedzy", "czym sie rozni",
        "czym sie roznia");
    // "kto ma dostęp do odpalania pipeline'ów": access to a command is the permission for it
    cues(Intent.PERMISSION, 3, "ma dostep", "maja dostep", "has access", "have access");
    // "jakie terminale obejmuje pozwolenie upoważnionego nadawcy": what a thing covers is in its description
    cues(Intent.MEANING, 3, "obejmuje", "obejmuja", "covers", "cover", "zawiera", "includes");
    cues(Intent.MEANING, 2, "mean", "means", "meaning", "stands for", "znaczy", "oznacza", "o co chodzi",
        "co to za kod", "what s", "about");
    // "what am I allowed to do here": the asker's permissions, not their tasks
    cues(Intent.PERMISSION, 3, "allowed to do", "am i allowed", "wolno mi", "co mi wolno", "nie ma prawa",
        "nie maja prawa", "ma prawo", "maja prawo", "has the right", "have the right");
    cues(Intent.PERMISSION, 2, "who can", "who may", "permission", "permissions", "perms", "allowed", "rights",
        "uprawnienia", "uprawnien", "kto moze", "wolno", "is able", "may not");
    // "what's the sms mock now and what replaces it", "co zastąpi atrapę SMS"
    cues(Intent.PROVIDER, 2, "replaces", "replace", "replaced", "replacing", "instead of", "zastapi", "zastepuje",
        "zastapiony", "zastapiona", "zamiast",
        // "login provider - whats it now and what's it becoming": what it turns into
        "becoming", "becomes", "turn into", "turns into", "stanie sie", "zmieni sie w");
    cues(Intent.PROVIDER, 1.5, "provider", "mode", "modes", "moving to", "target", "tryb", "trybie", "docelowo",
        "na czym jedziemy", "current", "przechodzimy", "run on", "runs on", "running on", "dziala na",
        "where are we with", "contract", "kontrakt", "kontraktu", "dostawca", "dostawcy");
    // "płatności: z czego na co przechodzimy", "from what to what": a provider's two modes
    // (not "switching to": "switch the maps provider to the live API" asks to act)
    // "płatności - co jest teraz mockiem a co będzie na prodzie": a provider's mode now and its target
    cues(Intent.PROVIDER, 3, "jest mockiem", "teraz mockiem", "bedzie na prodzie", "na prodzie");
    cues(Intent.PROVIDER, 3, "z czego na co", "from what to what", "przechodzimy z", "na co przechodzi",
        "przechodzi na", "przechodza na", "na co zmieniamy", "na co go zmieniamy", "na co je zmieniamy",
        "na co przepinamy", "na co je przepinamy", "na co go przepinamy", "na co podmieniamy", "na czym stoja",
        "na czym stoi", "co bedzie na produkcji",
        "what are we replacing it with", "what do we replace it with",
        // "courier - what are we on now vs prod", "na czym będzie stał katalog", "czym zastępujemy atrapę
        // logowania"
        "are we on", "we on now", "vs prod", "versus prod", "na czym bedzie", "bedzie stal", "bedzie stala",
        "zastepujemy", "zastapimy", "podmieniamy");
    cues(Intent.SESSION, 2, "session", "sesja", "storage", "tenant", "live session", "stored", "przechowywany",
        "environment", "environments", "srodowisko", "srodowiska", "adapter", "right now", "instance", "instancja",
        "auth mode", "tryb auth", "storage and auth", "this console", "ta konsola", "session contract",
        "kontrakt sesji");
    cues(Intent.PIPELINE_RESULT, 2, "result", "results", "found", "find", "last run", "latest run", "pass",
        "passed", "fail", "failed", "wynik", "wyniki", "wyszlo", "przeszedl", "przeszla", "pokazal", "ostatni",
        // past forms with their auxiliary: a long word also matches by its first letters, and "uruchomiony"
        // alone would match "uruchomić" ("can I run it myself?")
        "run yet", "has run", "been run", "ran", "byl uruchomiony", "byla uruchomiona", "zostal uruchomiony",
        "zostala uruchomiona", "byl odpalony", "byla odpalona", "zostal odpalony", "zostala odpalona", "sie uruchomil",
        "sie uruchomila", "sie odpalil",
        "ostatniego", "step", "krok", "output", "report");
    cues(Intent.RECENT, 2, "changed", "change recently", "recently", "so far", "history", "happened", "lately",
        "sign offs so far", "zmienilo", "zmiany", "ostatnio", "historia", "wydarzylo", "ktos zaakceptowal",
        "anyone accepted", "anyone signed", "anybody", "nowego", "what s new", "audit");
    // the snapshot the migration moves: its rows, checksum and batches; "wiersz" alone is a poem (out of scope)
    cues(Intent.SNAPSHOT, 3, "snapshot", "snapshotu", "snapshocie", "checksum", "sample data", "przykladowe dane",
        "danych przykladowych", "danych testowych");
    // one cue for the whole "wiersz" family (one stem): a poem's "wiersz" stays out of scope
    cues(Intent.SNAPSHOT, 3.5, "rows", "row count", "wierszy", "tables", "tabele", "tabel", "tabelach");
    // casual Polish and synonyms: what still holds us, how people sign in, which store is in use, ran before
    cues(Intent.BLOCKERS, 2.5, "trzyma", "trzymaja", "wstrzymuje", "holding us", "holds us", "hold us");

    cues(Intent.SESSION, 3, "loguja", "logowanie", "zalogowac", "loguje", "log in", "sign in", "login", "logins",
        "authenticate", "authentication", "uwierzytelnianie", "uwierzytelniaja", "magazyn danych", "data store",
        "in use", "uzywany", "uzywana", "uzywane");
    // the console's own footing, whatever a provider "runs on": "what is the console itself running on - store and auth"
    cues(Intent.SESSION, 4, "console itself", "the console running", "console running on", "console run on",
        "store and auth", "auth and store", "sama konsola", "konsola dziala", "dziala konsola", "na czym stoi konsola",
        "beda trzymane", "bedzie trzymane", "beda przechowywane", "where will the data", "where will data",
        "teraz w konsoli", "w konsoli teraz", "in the console now", "console using", "konsola uzywa",
        // "what is the live session", "jaka sesja jest aktywna i gdzie trzymany jest stan konsoli": the console's own
        "the live session", "active session", "aktywna sesja", "sesja jest aktywna", "stan konsoli",
        "trzymany jest stan", "gdzie trzymany", "gdzie jest trzymany",
        // "gdzie teraz trzymamy dane pulpitu", "where do we keep the console's data": where the state is stored
        "gdzie trzymamy", "gdzie przechowujemy", "where do we keep",
        // the console's own store and sign-in named by their values: "is the console still on file-local + mock auth?"
        "file local", "mock auth", "auth header");
    // what a run recorded: "what TLS fingerprint did the connection check record", "jaki odcisk zapisała"
    cues(Intent.PIPELINE_RESULT, 2, "fingerprint", "odcisk", "evidence", "did record", "recorded", "zapisala",
        "zapisal", "zarejestrowal", "zarejestrowala");
    // "próba migracji była już?": whether it has happened, its runs
    cues(Intent.PIPELINE_RESULT, 3, "byla juz", "byl juz", "juz byla", "juz byl");
    cues(Intent.PIPELINE_RESULT, 2, "byl puszczany", "byla puszczana", "bylo puszczane", "puszczony",
        "puszczona", "puszczone");
    // "what did the isolation step actually prove": what a run found
    cues(Intent.PIPELINE_RESULT, 2, "actually prove", "did it prove");
    cues(Intent.PIPELINE_RESULT, 2, "byl uruchamiany", "byla uruchamiana", "byl odpalany", "byla odpalana",
        "bylo uruchamiane", "bylo sprawdzane", "byla sprawdzana", "byl sprawdzany", "bylo testowane",
        "byla testowana", "byl testowany", "been tested");
    cues(Intent.STATUS, 1, "ok", "okay", "green", "zielona", "zielony");
    // what people did: "the last thing someone did in here"
    cues(Intent.RECENT, 3, "last thing", "did in here", "done in here");
    // "which gates are still red": the dashboard's colour for not ready
    cues(Intent.BLOCKERS, 2, "red", "czerwone", "czerwona", "czerwony", "czerwonych", "na czerwono");
    // a letter to write for someone, a tool to pick: "a decent vpn client" (an e-mail only with a verb writing it:
    // "nadal idzie mailem" asks how a provider works today)
    cues(Intent.OUT_OF_SCOPE, 4, "letter", "vpn", "macos");
    cues(Intent.OUT_OF_SCOPE, 4, "weather", "haiku", "poem", "poems", "joke", "jokes", "limerick", "limericks",
        "sonnet", "song", "songs", "lyrics", "rhyme", "rhymes", "fairy tale", "limeryk", "fraszka",
        "fraszke", "piosenka", "piosenke", "piosenki", "zart", "zarty", "zartu", "opowiadanie", "bajka", "bajke",
        "rymowanka", "rymowanke", "cost", "costs", "price", "pricing", "share price", "stock price",
        "stock market", "kurs akcji", "gielda", "gieldzie", "notowania gieldowe",
        "per month", "salary", "recipe", "pogoda", "pogode", "dowcip", "kawal", "koszt",
        "kosztowac", "kosztuje", "cena", "miesiecznie", "football", "pilka", "aws", "azure", "gcp", "budget",
        "budzet", "run us", "set us back", "usd", "eur", "pln", "dollars", "dolarow", "euro", "fog", "foggy",
        "rain", "snow", "snowfall", "forecast", "temperature", "mgla", "mgly", "deszcz", "snieg", "prognoza",
        "temperatura");
    // business forecasts: "how much revenue will season tickets bring", "ile zarobimy na karnetach"
    cues(Intent.OUT_OF_SCOPE, 4, "revenue", "revenues", "income", "profit", "profits", "turnover", "margin",
        "bring in", "przychod", "przychody", "przychodu", "zysk", "zyski", "zysku", "zarobimy", "zarobi", "marza");
    // programming and general writing tasks: out of scope even when a word of them ("write") names a check
    cues(Intent.OUT_OF_SCOPE, 4, "python", "pythonie", "javascript", "regex", "regular expression", "wyrazenie regularne", "function that", "funkcje ktora", "write code",
        "napisz kod", "napisz program", "sql query", "zapytanie sql", "translate", "translation",
        "przetlumacz", "tlumaczenie", "sort list", "sortuje liste", "parse file", "parsuje",
        // "zrób mi zapytanie SQL, które policzy bilety", "write me an excel formula to sum tuition by month"
        "sql", "excel", "formula", "formule", "spreadsheet", "arkusz kalkulacyjny", "vba", "macro", "makro");
    // legal knowledge: "jakie są kary UODO za wyciek danych"
    cues(Intent.OUT_OF_SCOPE, 4, "kary", "kara", "grzywna", "grzywny", "penalty", "penalties", "uodo");
    // texts to write for people: "write me a short press release announcing the paywall"
    cues(Intent.OUT_OF_SCOPE, 4, "press release", "komunikat prasowy", "blog post", "wpis na bloga", "tweet",
        "linkedin post", "post na linkedin", "speech", "przemowienie", "slogan", "ad copy", "tekst reklamowy",
        // "napisz mi życzenia świąteczne dla personelu", "write holiday greetings for the team"
        "zyczenia", "zyczen", "greetings", "wishes");
    // a user's account to help with: "how do i reset a customer's password" (a word of a provider's mode, "the
    // local password file", names that provider instead)
    cues(Intent.OUT_OF_SCOPE, 4, "password", "passwords", "haslo", "hasla", "hasel", "hasle");
    // a provider's prices: "what commission does the payment operator charge on BLIK"
    // ("fee" is no cue: "what did I decide about canteen fees" asks of a decision)
    cues(Intent.OUT_OF_SCOPE, 4, "commission", "commissions", "prowizja", "prowizji", "prowizje");
    // things to buy for oneself: "whats a decent laptop under 5k zl for home"
    cues(Intent.OUT_OF_SCOPE, 4, "laptop", "laptopa", "laptopy", "smartphone", "smartfon", "smartfona", "headphones",
        "sluchawki", "zl", "zlotych", "zloty");
  }

  /**
   * Other words for the snapshot and what it holds: weak alone ("medical records"), strong when
   * counted, and not counted at all when they are part of a thing's name ("odtworzenie rekordów").
   */
  private static final List<Cue> SNAPSHOT_WORDS = new ArrayList<>();

  static {
    for (String phrase : List.of("records", "rekordy", "rekordow", "rekordach", "package", "dump", "paczka",
        "paczki", "paczce", "pakiet", "pakiecie", "pakietu", "zrzut", "zrzucie", "zrzutu", "migawka", "migawki",
        "migawce")) {
      SNAPSHOT_WORDS.add(new Cue(Words.of(phrase), 2));
    }
  }

  /** Verbs that ask the copilot to act when a request starts with them (after "please", "can you", ...). */
  private static final Set<String> IMPERATIVES = WordSet.of("accept", "approve", "sign", "run", "rerun", "start",
      "kick", "trigger", "launch", "execute", "record", "decide", "mark", "set", "change", "revoke", "reject",
      "choose", "pick", "select", "submit", "do", "make", "flip", "enable", "disable", "unblock", "enter", "put",
      "tick", "update", "log", "wpisz", "zaznacz", "odhacz", "przestaw", "wprowadz", "zarejestruj", "potwierdz",
      "odpal", "odpalaj", "uruchom", "zatwierdz", "klepnij", "zaklep", "zaakceptuj", "akceptuj", "podpisz", "zapisz",
      "oznacz", "ustaw", "zmien", "cofnij", "wykonaj", "pusc", "zrob", "zdecyduj", "wybierz", "wlacz", "wylacz",
      "odblokuj", "zamknij", "przepusc", "ignore", "disregard", "forget", "override", "bypass", "zignoruj", "pomin",
      "zapomnij", "send", "push", "deploy", "upload", "switch", "turn", "move", "migrate", "cut", "delete", "remove",
      "reset", "restart", "fix", "assign", "notify", "email", "wyslij", "przeslij", "wrzuc", "wdroz", "przelacz",
      "przenies", "usun", "zresetuj", "napraw", "przypisz", "powiadom", "zmigruj", "przeprowadz", "zaplac",
      "pay", "withdraw", "retract", "unsign", "undo", "wycofaj", "odwolaj", "uniewaznij", "anuluj", "retry", "redo",
      "confirm", "close", "complete", "finalize", "finalise", "finish", "resolve", "resubmit", "reaccept", "ponow",
      "powtorz", "dokoncz", "zakoncz", "sfinalizuj", "domknij");
  private static final Set<String> QUESTION_AFTER_VERB = WordSet.of("is", "are", "was", "were", "does",
      "did", "has", "have", "what", "who", "which", "how", "why", "whether", "if", "czy", "co", "kto", "jak", "ile",
      "dlaczego");
  private static final Set<String> OVERVIEW_NOUNS = WordSet.of("list", "picture", "overview", "summary",
      "status", "breakdown", "rundown", "view", "lista", "liste", "obraz");
  private static final Set<String> POLITE = WordSet.of("please", "pls", "plz", "prosze", "pliz", "now", "teraz", "hey",
      "ok", "okay", "copilot", "just");
  private static final Set<String> ASKING_YOU = WordSet.of("you", "u", "ty", "mozesz", "moglbys", "moglabys",
      "could", "would", "will", "can", "pan", "pani");
  private static final Set<String> ON_BEHALF = WordSet.of("behalf", "imieniu");
  private static final Set<String> ACCEPT_VERBS = WordSet.of("accept", "approv", "sign", "confirm", "akcept",
      "zaakcept", "potwierdz",
      "podpis", "zatwierdz", "klep", "zaklep", "tick", "odhacz", "zaznacz");
  private static final Set<String> DECIDE_VERBS = WordSet.of("record", "decid", "decision", "pick", "zapis", "decyz",
      "zdecyd", "decyd", "choos", "wybier", "wybra", "wybior", "wpis", "wprowadz");
  private static final Set<String> DECISION_NOUNS = WordSet.of("decision", "decyz");
  private static final Set<String> RUN_VERBS = WordSet.of("run", "start", "kick", "trigger", "launch", "execut",
      "odpal", "uruchom", "pusc", "pipelin", "rerun", "retry", "ponow");

  private QuestionReader() {
  }

  private static void cues(Intent intent, double weight, String... phrases) {
    List<Cue> list = CUES.computeIfAbsent(intent, k -> new ArrayList<>());
    for (String phrase : phrases) {
      // "czemu" has "czy" for its lemma: by that, every Polish yes/no question would ask why
      List<Word> words = Words.of(phrase).stream().map(w -> w.text().equals("czemu")
          ? new Word(w.text(), w.text(), w.text(), null) : w).toList();
      list.add(new Cue(words, weight * (words.size() > 1 ? 1.25 : 1)));
    }
  }

  /** "who do I ping to rerun the dry run", "kogo mam pingnąć w sprawie DPIA": whom to turn to is who may do it. */
  private static final Pattern WHOM_TO_DO = Pattern.compile("\\bwho(?:m)? (?:do|should|can|must|shall) (?:i|we) "
      + "(?:ping|ask|contact|talk to|chase|poke|nudge|bug|reach out to|go to) to\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern WHOM_ABOUT = Pattern.compile("\\bwho(?:m)? (?:do|should|can|must|shall) (?:i|we) "
      + "(?:ping|ask|contact|talk to|chase|poke|nudge|bug|reach out to|go to) (?:about|for|re|regarding|on)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final String WHOM_PL = "\\b(?:kogo|do kogo) (?:(?:mam|mamy|mog(?:e|ę)|musz(?:e|ę)|trzeba|"
      + "powinie(?:n|nem)|powinnam|nale(?:z|ż)y) )?(?:pingn(?:a|ą)(?:c|ć)|zapyta(?:c|ć)|poprosi(?:c|ć)|"
      + "szturchn(?:a|ą)(?:c|ć)|ponagli(?:c|ć)|pisa(?:c|ć)|napisa(?:c|ć)|dzwoni(?:c|ć)|zadzwoni(?:c|ć)|"
      + "si(?:e|ę) zg(?:l|ł)osi(?:c|ć)|uderzy(?:c|ć)) ";
  private static final Pattern WHOM_ABOUT_PL = Pattern.compile(WHOM_PL + "(?:w sprawie|ws\\.?|odno(?:s|ś)nie|o)\\b",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern WHOM_TO_DO_PL = Pattern.compile(WHOM_PL + "(?:(?:z|ż)eby|aby|by)\\b",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * "kto go wybrał", "kiedy go odpalimy": in Polish a lower-case "go" is "it" (him), the pronoun, not production's GO
   * (written in capitals, or "go live", "no go"); read as "jego", a word pointing back like "jej".
   */
  private static final Pattern POLISH_GO = Pattern.compile("(?<!\\bno[ -])(?<![\\w-])go(?![\\w-])"
      + "(?!\\s+(?:live|ahead)\\b)", Pattern.UNICODE_CHARACTER_CLASS);

  /**
   * "co się stanie, jak Duc puści dry run i przejdzie?", "jak dry run przejdzie, to ruszamy?": a spoken "jak" is "if"
   * there (elsewhere it asks how: "jak stoi X"), read as "jeśli".
   */
  private static final Pattern WHAT_HAPPENS_IF = Pattern.compile("\\b(co (?:si[eę] )?stanie,?\\s+)jak\\b",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern IF_THEN = Pattern.compile("^(\\s*)jak(?=\\s[^?]*[\\s,](?:to|wtedy)\\s)",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** "the last good connection run", "dobry przebieg": a run that passed ("is the link good?" asks its state). */
  private static final Pattern GOOD_RUN = Pattern.compile("\\b(?:good|dobry|dobrym|dobrego)(?=\\s+(?:\\S+\\s+)?"
      + "(?:run|runs|runie|przebieg|przebiegu|przebiegiem)\\b)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  // (most questions hold none of these words: the patterns are not run on them)
  private static String polishIf(String question) {
    return !question.toLowerCase(Locale.ROOT).contains("jak") ? question
        : IF_THEN.matcher(WHAT_HAPPENS_IF.matcher(question).replaceAll("$1jeśli")).replaceFirst("$1jeśli");
  }

  private static String polishGo(String question) {
    return !question.contains("go") ? question : POLISH_GO.matcher(question).replaceAll("jego");
  }

  private static String goodRun(String question) {
    String lower = question.toLowerCase(Locale.ROOT);
    return !lower.contains("good") && !lower.contains("dobr") ? question
        : GOOD_RUN.matcher(question).replaceAll("successful");
  }

  private static String whomToAsk(String question) {
    // (most questions ask no one whom to turn to: four patterns are not run on them)
    String lower = question.toLowerCase(Locale.ROOT);
    if (!lower.contains("who") && !lower.contains("kogo")) {
      return question;
    }
    String about = WHOM_ABOUT_PL.matcher(WHOM_ABOUT.matcher(question).replaceFirst("who owns"))
        .replaceFirst("kto odpowiada za");
    return WHOM_TO_DO_PL.matcher(WHOM_TO_DO.matcher(about).replaceFirst("who can")).replaceFirst("kto może");
  }

  /**
   * Builds what reading needs for {@code scenario} (the analyzers' tables, the scenario's names) now,
   * so the first question is answered as fast as the others.
   */
  public static void prepare(Scenario scenario) {
    Lexicon.of(scenario);
  }

  /**
   * Reads {@code question} in {@code lang} against the scenario of {@code facts}. Two questions joined
   * in one ("how many people are on it and how many interfaces are we moving?", "kto jest właścicielem
   * X i na jaki adapter wracamy") are read each on its own and both answered.
   */
  public static Question read(String typed, Lang lang, ReadinessFacts facts) {
    String question = whomToAsk(goodRun(lang == Lang.PL ? polishIf(polishGo(typed)) : typed));
    int second = secondAsk(question);
    // "who owns the GDPR register check and what does it depend on": "it" is the first part's thing, named
    Question first = null;
    String thenAsked = null;
    if (second < 0 && (second = secondAsk(question, lang)) > 0) {
      first = readOne(question.substring(0, second), lang, facts);
      thenAsked = pointedAt(question.substring(second), first, facts.scenario(), lang);
      second = thenAsked == null ? -1 : second;
    }
    if (second > 0) {
      first = first != null ? first : readOne(question.substring(0, second), lang, facts);
      Question then = readOne(thenAsked == null ? question.substring(second) : thenAsked, lang, facts);
      // "first connection run - who kicked it off and which step died": "it" is the first part's thing here too
      if (thenAsked == null && then.subject() == null) {
        String pointed = pointedAt(question.substring(second), first, facts.scenario(), lang);
        if (pointed != null && !pointed.equals(question.substring(second))) {
          thenAsked = pointed;
          then = readOne(pointed, lang, facts);
        }
      }
      // (a second part that needs the first to mean anything, "and what are the options", "i na co ma przejść",
      // reads as the overview or the next step on its own: the question is read whole)
      // ("kto odpalał dry runa i ile razy": how many times it ran, not the overview counted)
      boolean timesOfFirst = then.intent() == Intent.COUNT && then.subject() == null
          && first.intent() == Intent.PIPELINE_RESULT && Words.of(question.substring(second)).stream()
          .anyMatch(w -> RUN_COUNT_WORDS.contains(w.text()));
      if (first.also() == null && then.also() == null && answerable(first) && answerable(then) && !timesOfFirst
          && (then.subject() != null || STANDALONE.contains(then.intent()))
          && then.intent() != Intent.BLOCKERS
          && (then.intent() != Intent.NEXT || Words.of(question.substring(second)).stream()
              .anyMatch(w -> NEXT_WORDS.contains(w.text())))
          && !(first.calls().equals(then.calls()) && java.util.Objects.equals(first.subject(), then.subject()))) {
        return new Question(first.lang(), first.intent(), first.subject(), first.calls(), first.actor(),
            first.action(), first.environment(), then, first.asks());
      }
      // ("whats payments waiting on and who's on it": what one thing waits for, said with whose each open part is)
      if (thenAsked != null && first.calls().equals(then.calls()) && then.intent() == Intent.OWNER
          && first.intent() == Intent.WHY && then.asks().isEmpty()) {
        return first;
      }
      // ("who owns X and what does it depend on": one thing, its owner said with what else is asked of it)
      if (thenAsked != null && first.calls().equals(then.calls()) && !then.asks().isEmpty()) {
        Set<String> asks = new HashSet<>(first.asks());
        asks.addAll(then.asks());
        return first.asking(asks);
      }
    }
    // "Ewa klepnęła cennik, to co jeszcze blokuje płatności?": what is said first is news, the question follows it
    Matcher stated = STATED_THEN.matcher(question);
    if (stated.find() && question.indexOf('?') > stated.start() && Words.of(question.substring(0, stated.start()))
        .stream().noneMatch(w -> IF_WORDS.contains(w.text()) || CONDITION_WHEN.contains(w.text()))) {
      Question asked = readOne(question.substring(stated.end()), lang, facts);
      if (answerable(asked) && (asked.subject() != null || STANDALONE.contains(asked.intent()))) {
        return asked;
      }
    }
    // "a sms-y na produkcji przez co pójdą? i czyje to": a short follow-up on the same thing, whose answer says its
    // owner and state anyway
    int mark = question.indexOf('?');
    if (mark > 0 && followUp(question.substring(mark + 1))) {
      Question asked = readOne(question.substring(0, mark + 1), lang, facts);
      if (answerable(asked) && asked.subject() != null) {
        return asked;
      }
    }
    // "próba migracji była już? kto może ją odpalić": a second question pointing back at the first one's thing
    if (mark > 0 && mark < question.length() - 1 && !question.substring(mark + 1).isBlank()) {
      Question asked = readOne(question.substring(0, mark + 1), lang, facts);
      String rest = question.substring(mark + 1);
      String pointed = asked.subject() == null || !answerable(asked) ? null
          : pointedAt(rest, asked, facts.scenario(), lang);
      if (pointed != null && !pointed.equals(rest) && asked.also() == null) {
        Question then = readOne(pointed, lang, facts);
        if (answerable(then) && then.subject() != null && then.also() == null && !then.calls().equals(asked.calls())) {
          return new Question(asked.lang(), asked.intent(), asked.subject(), asked.calls(), asked.actor(),
              asked.action(), asked.environment(), then, asked.asks());
        }
        // ("kasia signed the KNF notice didnt she? why's it still open": the one thing's answer says both)
        if (answerable(then) && then.calls().equals(asked.calls())) {
          Set<String> asks = new HashSet<>(asked.asks());
          asks.addAll(then.asks());
          return asked.asking(asks);
        }
      }
    }
    // "can I just pick the launch date myself? tomasz is taking forever": the question, not the remark after it
    if (mark > 0 && mark < question.length() - 1 && question.indexOf('?', mark + 1) < 0
        && !question.substring(mark + 1).isBlank() && remarkAbout(question.substring(0, mark),
        question.substring(mark + 1), facts)) {
      Question asked = readOne(question.substring(0, mark + 1), lang, facts);
      if (answerable(asked)) {
        return asked;
      }
    }
    Question read = readOne(question, lang, facts);
    List<Word> words = Words.of(question);
    // "what happens to launch if safety isn't finished": a supposition, not what happened; production's blockers
    if (read.intent() == Intent.RECENT && read.also() == null
        && words.stream().anyMatch(w -> IF_WORDS.contains(w.text()))) {
      return new Question(read.lang(), Intent.BLOCKERS, facts.scenario().production().id(),
          List.of(call("blockers", null, null)), read.actor(), read.action(), null, null);
    }
    // "na jaką rolę runtime robimy SET ROLE", "which db and roles - app role / runtime role": the target database's
    // names, whatever check a word of them names ("Role pracowników"); not what a run found of a role ("does the
    // migrator role have BYPASSRLS")
    if (read.intent() != Intent.ACT_REQUEST && read.intent() != Intent.PIPELINE_RESULT
        && databaseRolesAsked(words)) {
      return new Question(read.lang(), Intent.SESSION, DATABASE, List.of(call("summary", null, null)), read.actor(),
          read.action(), null, null);
    }
    // "ile statementów miał runbook w schema-map", "na ilu tabelach dry run wymusił RLS": what the dry-run's step
    // found, not the snapshot's rows nor the gates counted
    if ((read.intent() == Intent.SNAPSHOT || read.intent() == Intent.COUNT) && read.also() == null) {
      String step = dryRunEvidence(words, facts.scenario());
      if (step != null) {
        // (a step no check proves is read in the run told whole)
        List<ToolCall> calls = step.equals(Pipelines.DRY_RUN) ? List.of(call("lastRun", "pipeline", step))
            : List.of(call("lastRun", "pipeline", Pipelines.DRY_RUN), call("check", "id", step));
        return new Question(read.lang(), Intent.PIPELINE_RESULT, step, calls, read.actor(), read.action(), null,
            null, Set.of(ASKS_PASSED));
      }
    }
    // "czy wszystkie kontrakty dostawców są zmapowane": every provider, and the gate that holds their contracts' checks
    // (its own count: a gate may hold more checks than there are providers)
    if (read.intent() == Intent.PROVIDER && ALL_PROVIDERS.equals(read.subject()) && read.also() == null
        && words.stream().anyMatch(w -> MAPPED_WORDS.contains(w.text()))) {
      String contracts = contractsGroup(facts.scenario());
      if (contracts != null) {
        return new Question(read.lang(), read.intent(), read.subject(), read.calls(), read.actor(), read.action(),
            read.environment(), new Question(read.lang(), Intent.STATUS, contracts,
            List.of(call("gate", "id", contracts)), read.actor(), read.action(), null, null));
      }
    }
    // "ile % gotowości i czemu nie 100", "why aren't we at 100%": the figure, and what keeps it from full
    if (read.intent() == Intent.COUNT && read.subject() == null && read.also() == null && read.asks().isEmpty()
        && whyNotFull(words)) {
      return new Question(read.lang(), read.intent(), null, read.calls(), read.actor(), read.action(),
          read.environment(), new Question(read.lang(), Intent.BLOCKERS, facts.scenario().production().id(),
          List.of(call("blockers", null, null)), read.actor(), read.action(), null, null));
    }
    return read;
  }

  /** The subject of a question about the target database's names and roles. */
  static final String DATABASE = "database";
  private static final Set<String> ROLE_WORDS = WordSet.of("role", "roles", "rola", "roli", "rol", "rolach");
  /** Which roles: the one the application runs as, the one the pipelines log in as. */
  private static final Set<String> DB_ROLE_KINDS = WordSet.of("runtime", "app", "application", "aplikacji",
      "aplikacyjna", "migrator", "migracyjna", "set", "db", "database", "postgres", "postgresa");

  private static boolean databaseRolesAsked(List<Word> words) {
    return words.stream().anyMatch(w -> ROLE_WORDS.contains(w.text()))
        && words.stream().anyMatch(w -> DB_ROLE_KINDS.contains(w.text()));
  }

  /**
   * The check that proves the dry-run step whose finding {@code words} ask for by its own words, the dry-run itself
   * when no check proves that step, or null.
   */
  private static String dryRunEvidence(List<Word> words, Scenario scenario) {
    String step = null;
    for (Word word : words) {
      String found = EVIDENCE_STEPS.get(word.text());
      if (found != null && Pipelines.STEPS.get(Pipelines.DRY_RUN).contains(found)) {
        step = step == null ? found : step;
      }
    }
    if (step == null || scenario.pipelines().stream().noneMatch(p -> p.id().equals(Pipelines.DRY_RUN))) {
      return null;
    }
    for (GroupDef group : scenario.groups()) {
      for (CheckDef check : group.checks()) {
        if (step.equals(check.step()) && Pipelines.DRY_RUN.equals(check.pipeline())) {
          return check.id();
        }
      }
    }
    return Pipelines.DRY_RUN;
  }

  private static final Set<String> MAPPED_WORDS = WordSet.of("mapped", "zmapowane", "zmapowanych", "zmapowany",
      "zmapowana", "mapping", "mapowanie");

  /** The group whose checks follow from the providers' contracts, or null when no check does. */
  private static String contractsGroup(Scenario scenario) {
    for (GroupDef group : scenario.groups()) {
      for (CheckDef check : group.checks()) {
        if (check.fact() != null && check.fact().startsWith(io.bfg.console.model.Facts.PROVIDER_CONTRACT + ":")) {
          return group.id();
        }
      }
    }
    return null;
  }

  private static boolean whyNotFull(List<Word> words) {
    return words.stream().anyMatch(w -> WHY_WORDS.contains(w.text()))
        && words.stream().anyMatch(w -> w.text().equals("100") || w.text().equals("full") || w.text().equals("pelne"));
  }

  /**
   * A second question ({@code then}) with its word pointing back ("it", "jej") replaced by the label of the thing
   * {@code first} is about; null when that is no gate, group or check.
   */
  private static String pointedAt(String then, Question first, Scenario scenario, Lang lang) {
    if (first.subject() == null || !answerable(first) || first.also() != null) {
      return null;
    }
    CheckDef check = checkDef(scenario, first.subject());
    Label label = check != null ? check.label() : scenario.groups().stream()
        .filter(g -> g.id().equals(first.subject())).map(GroupDef::label).findFirst().orElse(null);
    // ("did the dry-run pass? how many rows did it replay": a pipeline, by its name)
    if (label == null && scenario.pipelines().stream().anyMatch(p -> p.id().equals(first.subject()))) {
      label = new Label(first.subject(), first.subject());
    }
    if (label == null) {
      return null;
    }
    String[] words = then.split("(?<=[\\s,;])|(?=[\\s,;?.!])");
    StringBuilder named = new StringBuilder();
    boolean replaced = false;
    String before = "";
    for (String word : words) {
      String lower = word.toLowerCase(Locale.ROOT);
      boolean itAsJa = lang == Lang.PL && lower.strip().equals("ja") && BEFORE_JA_AS_IT.contains(before);
      if (!lower.isBlank()) {
        before = lower.strip();
      }
      if (!replaced && ((lang == Lang.PL ? POINTERS_PL : POINTERS).contains(lower) || itAsJa)) {
        named.append(label.in(lang));
        replaced = true;
      } else {
        named.append(word);
      }
    }
    return named.toString();
  }

  /** "i czyje to", "and whose is it", "and who owns it": a few words asking more of the thing just asked about. */
  private static boolean followUp(String rest) {
    List<Word> words = Words.of(rest);
    return words.size() >= 2 && words.size() <= 4 && JOINERS.contains(words.get(0).text())
        && (ASK_OPENERS.contains(words.get(1).text()) || WHO_WORDS.contains(words.get(1).text()))
        && words.stream().anyMatch(w -> BACK_REFERENCES.contains(w.text()));
  }

  /**
   * Whether what follows a question's mark is a remark about someone ("tomasz is taking forever") while the question
   * is the asker's own ("can I just pick the launch date myself?"): the person remarked on is not the one asked about.
   */
  private static boolean remarkAbout(String question, String remark, ReadinessFacts facts) {
    List<Word> asked = Words.of(question);
    List<Word> said = Words.of(remark);
    return !said.isEmpty() && !ASK_OPENERS.contains(said.get(0).text())
        && !YES_NO_OPENERS.contains(said.get(0).text())
        && asked.stream().anyMatch(w -> ME_OR_I.contains(w.text()) || w.text().equals("myself")
            || w.text().equals("moge"))
        // ("... for Tomek? he pulled it": someone told of by "he" or by name)
        && (THIRD_PERSON.contains(said.get(0).text()) || Lexicon.of(facts.scenario()).link(said).stream()
            .anyMatch(l -> l.kind() == Kind.ACTOR && l.score() >= NAMED));
  }

  private static final Set<String> THIRD_PERSON = WordSet.of("he", "she", "they", "on", "ona", "oni", "one");

  /** A statement, then ", so" / ", to" and a question of its own ("X is signed, so what's left for Y?"). */
  private static final Pattern STATED_THEN = Pattern.compile("[,;]\\s*(?:to|so|wi(?:ę|e)c)\\s+(?=(?:what|who|which|"
      + "how|why|is|are|does|do|can|co|kto|czy|ile|jak|jaki|jakie|dlaczego|czemu|kiedy)\\b)",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Kinds of question that need nothing named to mean something: "and how many gates are ready". */
  private static final Set<Intent> STANDALONE = Set.of(Intent.COUNT, Intent.RECENT, Intent.SNAPSHOT);

  private static boolean answerable(Question q) {
    return !Set.of(Intent.UNKNOWN, Intent.OUT_OF_SCOPE, Intent.ACT_REQUEST).contains(q.intent()) && !q.calls().isEmpty();
  }

  /** Words that open a question of their own after "and" / "i" (a preposition may come first: "i na jaki"). */
  private static final Set<String> ASK_OPENERS = WordSet.of("how", "what", "what's", "whats", "who",
      "who's", "whose", "which", "where", "when", "why", "ile", "ilu", "kto", "kogo", "komu", "co", "jaki", "jaka",
      "jakie", "jakim", "jakiego", "jakiej", "ktory", "która", "ktora", "które", "ktore", "którzy", "ktorzy", "gdzie",
      "kiedy", "dlaczego", "czemu", "jak", "czy", "czego", "czym", "kim", "czyj", "czyja", "czyje");
  private static final Set<String> JOINERS = WordSet.of("and", "i", "oraz", "a");
  /** Words that open a yes-or-no question of its own after a question mark ("... done? is the link proven?"). */
  private static final Set<String> YES_NO_OPENERS = WordSet.of("is", "are", "does", "do", "did", "has", "have", "can",
      "was", "were");
  /** Most questions join nothing: this finds a joining word before the question is split into words. */
  private static final Pattern JOINED = Pattern.compile("[\\s,;](and|i|oraz|a)[\\s,;]",
      Pattern.CASE_INSENSITIVE);
  private static final Set<String> LEADING_PREPOSITIONS = WordSet.of("na", "do", "w", "z", "o", "od", "za",
      "dla", "przez", "po", "for", "on", "in", "at", "with", "to", "by", "from");
  /** A second question that says "it" means the first one's thing: it cannot be read on its own. */
  private static final Set<String> BACK_REFERENCES = WordSet.of("it", "its", "it's", "them", "they", "their",
      "this", "that", "those", "these", "he", "she", "his", "her", "one", "ones", "jego", "jej", "ich", "niego",
      "niej", "nich", "tego", "tym", "ten", "ta", "te", "to", "tej", "nim", "on", "ona", "oni", "one");

  /** Of those, the words that cannot be anything but a pointer back ("to" and "one" may be a preposition, a number). */
  private static final Set<String> POINTERS = WordSet.of("it", "its", "it's", "them", "they", "their",
      "jego", "jej", "ich", "niego", "niej", "nich", "nim", "ona", "oni");
  /** In Polish "on" is "it" too ("od czego on zależy"), and "ją", "je" ("kto może ją odpalić"). */
  private static final Set<String> POINTERS_PL = java.util.stream.Stream.concat(POINTERS.stream(),
      java.util.stream.Stream.of("on", "ją", "je")).collect(java.util.stream.Collectors.toUnmodifiableSet());
  /** Words after which "ja" written without its mark is "ją", not "I": "kto może ja odpalić". */
  private static final Set<String> BEFORE_JA_AS_IT = WordSet.of("moze", "może", "moga", "mogą", "mozna", "można",
      "trzeba", "musi", "ma", "powinien", "powinna");

  /**
   * Where a second question joined to the first begins (the index of its first word), else -1: a joining
   * word followed (perhaps after a preposition) by a word that opens a question, with something asked before it
   * and no word in the second that points back at the first.
   */
  static int secondAsk(String question) {
    return secondAsk(question, (Set<String>) null);
  }

  /**
   * As {@link #secondAsk(String)}, but where a second question begins that points back at the first one's thing
   * ("... and what does it depend on", "... i od czego on zależy"), else -1.
   */
  private static int secondAsk(String question, Lang lang) {
    return secondAsk(question, lang == Lang.PL ? POINTERS_PL : POINTERS);
  }

  /** With {@code pointers} null, {@link #secondAsk(String)}; else the second question that says one of them. */
  private static int secondAsk(String question, Set<String> pointers) {
    boolean pointing = pointers != null;
    // "seat plans done? who did the wheelchair places": two questions, each with its own mark
    int mark = question.indexOf('?');
    if (mark > 0 && mark < question.length() - 1) {
      String rest = question.substring(mark + 1).strip();
      String[] after = rest.split("[\\s,;]+");
      if (after.length >= 2 && (ASK_OPENERS.contains(after[0].toLowerCase(Locale.ROOT))
          || YES_NO_OPENERS.contains(after[0].toLowerCase(Locale.ROOT)))
          && (pointing ? java.util.Arrays.stream(after).anyMatch(w -> pointers.contains(
              w.toLowerCase(Locale.ROOT).replaceAll("[?.!]+$", "")))
              : java.util.Arrays.stream(after).noneMatch(w -> BACK_REFERENCES.contains(
              w.toLowerCase(Locale.ROOT).replaceAll("[?.!]+$", ""))))) {
        return question.indexOf(rest, mark);
      }
    }
    if (!JOINED.matcher(question).find()) {
      return -1;
    }
    String[] words = question.split("[\\s,;]+");
    int at = 0;
    int position = -1;
    for (int i = 0; i < words.length; i++) {
      at = question.indexOf(words[i], at);
      String word = words[i].toLowerCase(Locale.ROOT);
      if (i >= 2 && JOINERS.contains(word) && i + 1 < words.length) {
        int next = i + 1;
        if (LEADING_PREPOSITIONS.contains(words[next].toLowerCase(Locale.ROOT)) && next + 1 < words.length) {
          next++;
        }
        if (ASK_OPENERS.contains(words[next].toLowerCase(Locale.ROOT))) {
          position = question.indexOf(words[i + 1], at + words[i].length());
          for (int j = i + 1; j < words.length; j++) {
            String later = words[j].toLowerCase(Locale.ROOT).replaceAll("[?.!]+$", "");
            if (pointing && pointers.contains(later)) {
              return position;
            }
            // ("i kto to konto zewnętrzne", "a co to X": "to" after "kto"/"co" is "is", no pointer back)
            boolean copula = later.equals("to") && j > i + 1 && COPULA_BEFORE.contains(
                words[j - 1].toLowerCase(Locale.ROOT));
            if (!pointing && BACK_REFERENCES.contains(later) && !copula) {
              return -1;
            }
          }
          return pointing ? -1 : position;
        }
      }
      at += words[i].length();
    }
    return -1;
  }

  private static final Set<String> ALREADY_WORDS = WordSet.of("already", "juz");
  private static final Set<String> COPULA_BEFORE = Set.of("kto", "co", "czym", "kim");

  private static Question readOne(String question, Lang lang, ReadinessFacts facts) {
    Scan s = new Scan(question, lang, facts);
    linked(s);
    meant(s);
    envAsked(s);
    dependentsAsked(s);
    scorePeople(s);
    scoreAsks(s);
    scoreThings(s);
    scoreTopics(s);
    scoreCounts(s);
    stateAsked(s);
    return refusedAt(otherAction(thingsJoined(providersJoined(chosen(s), s), s), s), s);
  }

  /**
   * "co znaczy DEPENDENCY_UNMET przy PCI": a refusal's code asked of a thing named, the code's meaning and then what
   * that thing waits for.
   */
  private static Question refusedAt(Question reading, Scan s) {
    if (reading.intent() != Intent.MEANING || !REFUSAL_CODES.contains(String.valueOf(reading.subject()))
        || reading.also() != null || s.thing == null || s.thing.score() < NAMED) {
      return reading;
    }
    // a command is refused of a check: one named as well as its group is the one meant
    Link named = s.check != null && s.check.score() >= s.thing.score() ? s.check : s.thing;
    Question then = new Question(reading.lang(), Intent.WHY, named.id(), List.of(tool(named)), reading.actor(),
        reading.action(), reading.environment(), null);
    return new Question(reading.lang(), reading.intent(), reading.subject(), reading.calls(), reading.actor(),
        reading.action(), reading.environment(), then, reading.asks());
  }

  /**
   * "who owns the database schema and the secrets", "co wybrano dla regionu i hostingu": the owner or state of one
   * check or gate of two named and joined, asked of the second too; a gate holding the first is where it stands
   * ("i za sekrety w checkliście cutover"), not a second thing.
   */
  private static Question thingsJoined(Question reading, Scan s) {
    if (reading.intent() != Intent.OWNER && reading.intent() != Intent.STATUS || reading.also() != null
        || reading.subject() == null || reading.calls().size() != 1 || !reading.asks().isEmpty()) {
      return reading;
    }
    Link first = s.links.stream().filter(l -> l.id().equals(reading.subject()) && !l.at().isEmpty()
        && (l.kind() == Kind.CHECK || l.kind() == Kind.GROUP)).findFirst().orElse(null);
    if (first == null) {
      return reading;
    }
    int and = -1;
    for (int i = Collections.max(first.at()) + 1; i < s.words.size() && and < 0; i++) {
      and = AND_WORDS.contains(s.words.get(i).text()) ? i : -1;
    }
    if (and < 0) {
      return reading;
    }
    String holder = first.kind() == Kind.CHECK ? groupOf(s.scenario, first.id()) : null;
    Link second = null;
    for (Link link : s.links) {
      if ((link.kind() == Kind.CHECK || link.kind() == Kind.GROUP) && link.score() >= NAMED
          && !link.id().equals(first.id()) && !link.id().equals(holder) && !link.at().isEmpty()
          && Collections.min(link.at()) > and && link.at().stream().noneMatch(first.at()::contains)
          && (second == null || link.score() > second.score())) {
        second = link;
      }
    }
    if (second == null) {
      return reading;
    }
    Question then = new Question(reading.lang(), reading.intent(), second.id(), List.of(tool(second)),
        reading.actor(), reading.action(), reading.environment(), null);
    return new Question(reading.lang(), reading.intent(), reading.subject(), reading.calls(), reading.actor(),
        reading.action(), reading.environment(), then, reading.asks());
  }

  /**
   * "can Bartek sign stuff or only run pipelines?": whether someone may do one thing or another, each answered (a
   * second permission reading for the other command, when no thing is named).
   */
  private static Question otherAction(Question reading, Scan s) {
    if (reading.intent() != Intent.PERMISSION || reading.action() == null || reading.actor() == null
        || reading.also() != null || reading.subject() != null) {
      return reading;
    }
    // the other command after "or" / "only" ("czy" opening the question is no "or")
    int or = -1;
    for (int i = 1; i < s.words.size() && or < 0; i++) {
      or = Set.of("or", "albo", "lub", "czy", "only", "tylko").contains(s.words.get(i).text()) ? i : -1;
    }
    Action other = null;
    for (int i = or + 1; or > 0 && i < s.words.size(); i++) {
      String text = s.words.get(i).text();
      Action found = startsWithAny(text, ACCEPT_VERBS) ? Action.ACCEPT
          : startsWithAny(text, DECIDE_VERBS) ? Action.DECIDE : runVerb(text) ? Action.RUN : null;
      if (found != null && found != reading.action()) {
        other = found;
      }
    }
    if (other == null) {
      return reading;
    }
    Question then = new Question(reading.lang(), Intent.PERMISSION, null, List.of(call("summary", null, null)),
        reading.actor(), other, reading.environment(), null);
    return new Question(reading.lang(), reading.intent(), reading.subject(), reading.calls(), reading.actor(),
        reading.action(), reading.environment(), then, reading.asks());
  }

  /**
   * "erp and edi - what are they on today and what replaces them": a provider's reading of one of several providers
   * named and joined, for each of them.
   */
  private static Question providersJoined(Question reading, Scan s) {
    if (reading.intent() != Intent.PROVIDER || reading.calls().size() != 1 || reading.also() != null) {
      return reading;
    }
    List<Link> named = s.links.stream().filter(l -> l.kind() == Kind.PROVIDER && l.score() >= NAMED)
        .sorted(Comparator.comparingInt(l -> Collections.min(l.at()))).toList();
    List<String> ids = new ArrayList<>();
    for (int k = 0; k < named.size(); k++) {
      Link link = named.get(k);
      if (ids.contains(link.id()) || link.at().isEmpty()) {
        continue;
      }
      if (!ids.isEmpty()) {
        Link before = named.get(k - 1);
        int from = Collections.max(before.at());
        int to = Collections.min(link.at());
        if (to <= from || s.words.subList(from, to).stream().noneMatch(w -> AND_WORDS.contains(w.text()))) {
          continue;
        }
      }
      ids.add(link.id());
    }
    if (ids.size() < 2 || !ids.contains(String.valueOf(reading.calls().get(0).arguments().get("provider")))) {
      return reading;
    }
    List<ToolCall> calls = new ArrayList<>();
    ids.forEach(id -> calls.add(call("provider", "provider", id)));
    return new Question(reading.lang(), reading.intent(), null, calls, reading.actor(), reading.action(),
        reading.environment(), null, reading.asks());
  }

  /**
   * "w bramce wyników", "the payments gate": a group whose words stand beside a word for a gate is named by them,
   * though they are few of its label's (and the provider of the same words is not).
   */
  private static List<Link> gateNamed(List<Link> links, List<Word> words) {
    // most questions say no gate word: nothing to look at
    if (words.stream().noneMatch(w -> GATE_WORDS.contains(w.text()))) {
      return links;
    }
    // not where the gate word is the scenario's own ("test bramek": the lift gates' test)
    Set<Integer> named = new HashSet<>();
    links.stream().filter(l -> l.score() >= MIN_LINK).forEach(l -> named.addAll(l.at()));
    List<Link> out = new ArrayList<>(links.size());
    for (Link link : links) {
      boolean beside = false;
      if (link.kind() == Kind.GROUP && !link.at().isEmpty() && link.score() < NAMED
          && link.score() >= BESIDE_GATE_FLOOR
          && link.at().stream().noneMatch(i -> ALL_WORDS.contains(words.get(i).text()))) {
        int before = Collections.min(link.at()) - 1;
        int after = Collections.max(link.at()) + 1;
        beside = before >= 0 && GATE_WORDS.contains(words.get(before).text()) && !named.contains(before)
            || after < words.size() && GATE_WORDS.contains(words.get(after).text()) && !named.contains(after);
      }
      out.add(beside ? new Link(link.entity(), link.score() + BESIDE_GATE_WORD, link.at()) : link);
    }
    return out;
  }

  private static final double BESIDE_GATE_WORD = 1.6;
  /** How well a group's words alone must name it for a gate word beside them to make it named. */
  private static final double BESIDE_GATE_FLOOR = 0.8;

  /** What the question names: its words linked to the scenario's things, the verb it asks about, the thing meant. */
  private static void linked(Scan s) {
    s.scenario = s.facts.scenario();
    s.lexicon = Lexicon.of(s.scenario);
    s.words = wentWith(Words.of(s.question));
    // "which weekend" as an alias is not named by "which" alone: a question's own words name nothing
    s.all = gateNamed(s.lexicon.link(s.words), s.words).stream()
        .filter(l -> !l.at().stream().allMatch(i -> ASK_OPENERS.contains(s.words.get(i).text()))).toList();
    // nor does a letter cut off by an apostrophe ("pipeline'y") or a verb's particle alone ("sign off" names no
    // "write-off")
    s.links = s.all.stream().filter(link -> link.score() >= MIN_LINK && !particlesOnly(link, s.words)).toList();
    s.firstPerson = firstPerson(s.words, s.lang) || onMe(s.words) || leftToMe(s.words);
    // "co mam podpisać", "what do I have to approve": the asker's duties, not a label sharing the verb's stem
    s.duty = s.firstPerson && s.facts.asker() != null && dutyAsked(s.words);
    s.links = withoutVerbOnly(s.links, s.words, s.duty);
    // "kiedy mamy go-live": a decision named by going live's words is the date asked, though it names nothing else
    s.goLiveDecision = s.links.stream().filter(l -> l.kind() == Kind.CHECK && hasOptions(s.scenario, l.id())
        && goLiveOnly(l, s.words, s.scenario.production().id())).findFirst().orElse(null);
    s.links = withoutGoLiveOnly(s.links, s.words, s.scenario.production().id());
    s.links = withoutRunOnly(s.links, s.words);
    s.links = withoutOwnerWord(s.links, s.words);
    s.links = withoutCollectiveOnly(s.links, s.words);
    s.links = withinPerson(s.links, s.words);
    s.links = roleInName(s.links);
    s.links = inNamedGroup(s.links, s.scenario);
    // "decision code of the invoicing group": "decision" there names the code, no group of decisions
    if (codeAsked(s.words)) {
      s.links = s.links.stream().filter(l -> l.kind() != Kind.CHECK && l.kind() != Kind.GROUP
          || !l.at().stream().allMatch(i -> CODE_WORDS.contains(s.words.get(i).text())
          || startsWithAny(s.words.get(i).text(), DECISION_NOUNS))).toList();
    }
    // "czego brakuje", "na co czeka": the verb asking what is missing names no "Brak pozostałości"
    s.links = s.links.stream().filter(l -> l.kind() != Kind.CHECK && l.kind() != Kind.GROUP
        || !l.at().stream().allMatch(i -> MISSING_VERBS.contains(s.words.get(i).text()))).toList();
    s.action = action(s.words);
    // "who is allowed to sign off checks": the verb asked about names no check ("Desk sign-in")
    // (but called a gate it is a name: "why is the launch gate blocked")
    if (s.action != null) {
      // ("how many launch gates are ready": gates in the plural are all of them)
      boolean oneGate = s.words.stream().noneMatch(w -> GATES_PLURAL.contains(w.text()));
      s.links = s.links.stream().filter(l -> l.kind() != Kind.CHECK && l.kind() != Kind.GROUP || !verbOnly(l, s.words)
          || oneGate && gateWorded(s.words, l)).toList();
    }
    // "is production traffic switched on": the console's own state word, not a provider called "traffic"
    s.traffic = trafficAsked(s.words);
    if (s.traffic) {
      s.links = s.links.stream().filter(l -> l.kind() != Kind.PROVIDER || !trafficWords(s.words).containsAll(l.at()))
          .toList();
    }
    s.lastWrite = lastWriteAsked(s.words);
    s.meaningAsked = meaningAsked(s.words);
    s.code = explicitCode(s.question, s.lexicon, s.links, s.meaningAsked);
    if (s.code == null) {
      s.code = oneWordCode(s.question, s.scenario, s.meaningAsked);
    }
    // "what code will my gate job see, is that GO or NO-GO": the decision asked, not what the code GO means
    boolean goOrNoGo = noGoSaid(s.words);
    if (goOrNoGo && s.code != null && s.code.at().stream().allMatch(i -> "go".equals(s.words.get(i).text())
        || "no".equals(s.words.get(i).text()))) {
      s.code = null;
    }
    s.terms = s.meaningAsked ? terms(s.words, s.links) : List.of();
    // "ile bramek gotowych i jaki mamy kod decyzji": the count and production's code, no term explained
    if (s.code == null && codeAsked(s.words) && s.words.stream().anyMatch(w -> COUNT_WORDS.contains(w.text()))) {
      s.meaningAsked = false;
      s.terms = List.of();
    }
    s.group = best(s.links, Kind.GROUP);
    // "production decision code right now?": production's code, though "production" names an environment too
    if (s.code == null && codeAsked(s.words) && (s.group == null || s.group.score() < NAMED)
        && (goOrNoGo || s.words.stream().anyMatch(w -> GO_TARGETS.contains(w.text()) || w.text().startsWith("produkcyj")))) {
      Set<Integer> at = new HashSet<>();
      for (int i = 0; i < s.words.size(); i++) {
        if (GO_TARGETS.contains(s.words.get(i).text()) || s.words.get(i).text().startsWith("produkcyj")) {
          at.add(i);
        }
      }
      s.group = new Link(new Lexicon.Entity(Kind.GROUP, s.scenario.production().id(), List.of()), NAMED, at);
    }
    // "what code will go-live show", "the decision code on the X gate": that group's code, asked outright
    s.groupCodeAsked = s.code == null && codeAsked(s.words) && s.group != null;
    if (s.groupCodeAsked) {
      s.code = groupCode(s.lexicon, s.facts, s.group.id(), readyAfterCode(s.words) || futureAsked(s.words));
      s.terms = List.of();
    }
    s.check = best(s.links, Kind.CHECK);
    // "why can't I sign the damage report -> claim one": a sign-off named by more of the words, rather than the
    // check nobody signs that shares some of them
    if (s.check != null && s.action == Action.ACCEPT && noSignOff(s.scenario, s.check.id())) {
      Link named = s.check;
      s.check = s.links.stream().filter(l -> l.kind() == Kind.CHECK && l.score() >= NAMED
          && l.at().size() > named.at().size() && l.at().containsAll(named.at())
          && !noSignOff(s.scenario, l.id())).findFirst().orElse(s.check);
    }
    s.actor = best(s.links, Kind.ACTOR);
    // "can I sign off the passengers informed check myself": a role's words that are also the check's name do not
    // name that person; "I" is the asker
    if (s.actor != null && s.check != null && s.firstPerson && s.facts.asker() != null
        && s.check.score() >= s.actor.score() && s.check.at().containsAll(s.actor.at())) {
      s.actor = null;
    }
    // "did <person> sign the secrets thing": of the checks named by the same words, the one the person named owns
    if (s.check != null && s.actor != null && s.actor.score() >= NAMED
        && !s.actor.id().equals(ownerOf(s.scenario, s.check.id()))
        && s.words.stream().anyMatch(w -> startsWithAny(w.text(), ACCEPT_VERBS))) {
      Link named = s.check;
      String person = s.actor.id();
      s.check = s.links.stream().filter(l -> l.kind() == Kind.CHECK && l.score() >= MIN_LINK
          && l.at().equals(named.at()) && person.equals(ownerOf(s.scenario, l.id()))).findFirst().orElse(s.check);
    }
    s.others = othersAsked(s.words);
    s.leftAndWho = leftAndWho(s.words);
    s.chase = s.leftAndWho || chaseAsked(s.words);
    s.permissionNamed = permissionNamed(s.question);
    if (s.actor == null && (s.firstPerson || s.others) && s.facts.asker() != null) {
      s.actor = asker(s.facts.asker().id());
    }
    s.provider = best(s.links, Kind.PROVIDER);
    s.pipeline = best(s.links, Kind.PIPELINE);
    // "what does the dry-run actually do", "na czym polega dry-run": the gate it proves, with its checks
    // (not "which steps got skipped on that failed run": a run's result)
    s.purpose = s.pipeline != null && purposeAsked(s.words)
        && (s.check == null || s.pipeline.score() >= s.check.score())
        && s.words.stream().noneMatch(w -> FAILED_WORDS.contains(w.text()) || SKIPPED_WORDS.contains(w.text()));
    s.environment = best(s.links, Kind.ENVIRONMENT);
    // "production decision code right now?": the word names production's code, not the environment of that name
    if (s.groupCodeAsked && s.environment != null && s.group.at().containsAll(s.environment.at())) {
      s.environment = null;
    }
    s.production = s.scenario.production().id();
    // "how many gates are ready": a label's "ready" or "gate" names no thing ("Card payments are ready for production")
    if (s.check != null && statusWordsOnly(s.check, s.words)) {
      s.check = null;
    }
    if (s.group != null && statusWordsOnly(s.group, s.words)) {
      s.group = null;
    }
    // a check outranks its own group only when it is named more specifically than the group is
    s.thing = s.check != null && (s.group == null || s.check.score() > s.group.score()) ? s.check : s.group;
    // "is PCI signed? by who": a sign-off is a check's, so a check named by the same words as its own group is it
    // ("is the e-book sso signoff blocked": a check of that group named by its words and more)
    if (s.thing != null && s.thing == s.group && s.check != null && (s.check.score() >= s.group.score()
        || s.check.at().size() > s.group.at().size() && s.check.at().containsAll(s.group.at()))
        && s.group.id().equals(groupOf(s.scenario, s.check.id()))
        && s.words.stream().anyMatch(w -> startsWithAny(w.text(), ACCEPT_VERBS))) {
      s.thing = s.check;
    }
    // "why is the rollback gate blocked": a group called a gate is named, however many labels share its word
    if (s.thing != null && s.thing == s.group && s.group.score() < NAMED && gateWorded(s.words, s.group)) {
      s.group = new Link(s.group.entity(), NAMED, s.group.at());
      s.thing = s.group;
    }
    // "who owns the customs gate": a check linked through "gate" ("Customs gateway") beside a group named by the
    // same other words is that group
    if (s.thing != null && s.thing == s.check && s.group != null && gateSaid(s.words)
        && s.check.at().stream().anyMatch(s.group.at()::contains)) {
      s.group = new Link(s.group.entity(), Math.max(s.group.score(), s.check.score()), s.group.at());
      s.thing = s.group;
      s.check = null;
    }
    // "why is the launch weekend gate blocked": a check's words with "gate" name the gate it sits in
    if (s.thing != null && s.thing == s.check && gateWorded(s.words, s.check)
        && (s.group == null || s.group.id().equals(groupOf(s.scenario, s.check.id())))) {
      s.group = s.group != null ? s.group : new Link(new Lexicon.Entity(Kind.GROUP, groupOf(s.scenario, s.check.id()),
          List.of()), s.check.score(), s.check.at());
      s.thing = s.group;
      s.check = null;
    }
  }

  private static final Set<String> AT_ALL_WORDS = WordSet.of("console", "konsoli", "konsola", "actually", "generally",
      "general", "ogole", "ogolnie");
  private static final Set<String> USABLE_WORDS = WordSet.of("usable", "use", "uzyc", "uzywac", "uzytku", "uzycia");

  /**
   * A packet's variable named as written ("app_release_decision"), or a packet's variables asked for:
   * "the release env export", "ile zmiennych ma release" (the packet of the group named, else every one).
   */
  private static void envAsked(Scan s) {
    s.env = null;
    String unknown = null;
    boolean codeNamed = false;
    Matcher m = CODE.matcher(s.question);
    while (m.find()) {
      String written = m.group().toUpperCase(Locale.ROOT);
      boolean known = code(s.lexicon, written) != null;
      if (unknown == null && !known) {
        unknown = written;
      }
      codeNamed |= known;
      for (PacketBinding packet : s.scenario.packets()) {
        for (PacketBinding.EnvVar variable : packet.env()) {
          if (variable.name().equalsIgnoreCase(m.group())) {
            s.env = variable.name();
            return;
          }
        }
      }
    }
    String packet = null;
    boolean several = false;
    boolean envAfterGroup = false;
    for (PacketBinding binding : s.scenario.packets()) {
      for (Link link : s.links) {
        if (!binding.env().isEmpty() && link.kind() == Kind.GROUP && link.id().equals(binding.reportsOn())) {
          several = packet != null && !packet.equals(binding.id());
          packet = binding.id();
          // "the release env": the block of the group just named
          envAfterGroup |= link.at().stream().anyMatch(i -> i + 1 < s.words.size()
              && "env".equals(s.words.get(i + 1).text()));
        }
      }
    }
    boolean env = s.words.stream().anyMatch(w -> "env".equals(w.text()));
    // "co jest w pakiecie rollback drill": the packet of a group named, whose content is its variables
    // (a word of the group's own label, "Rollback drill packet is owner-ready", is no packet asked for)
    // ("co znaczy BLOCKED_PENDING_X przy pakiecie wydania", "is the handoff packet usable yet": a code asked of it,
    // or whether it can be used, which is its gate's state)
    boolean packetOfGroup = packet != null && !several && packetWord(s) && !codeNamed
        && s.words.stream().noneMatch(w -> READY_WORDS.contains(w.text()) || USABLE_WORDS.contains(w.text()));
    // "jakie pakiety mam w tym scenariuszu", "which packets are there": every packet, none named
    boolean packetsListed = packet == null && !s.scenario.packets().isEmpty() && packetWord(s)
        && s.words.stream().anyMatch(w -> w.text().equals("packets") || w.text().equals("pakiety")
        || w.text().equals("pakietow"))
        && s.words.stream().anyMatch(w -> WHAT_WHICH.contains(w.text()) || w.text().equals("list"));
    if (packetsListed) {
      s.env = CopilotTools.EVERY_PACKET;
      return;
    }
    if (packetOfGroup || s.words.stream().anyMatch(w -> VARIABLE_WORDS.contains(w.text()))
        || env && (envAfterGroup || s.words.stream().anyMatch(w -> ENV_BLOCK_WORDS.contains(w.text())))) {
      // "what is the PAY_URL variable": a name no packet exports is said to be none, not swapped for all of them
      s.env = unknown != null ? unknown : packet == null || several ? "" : packet;
    }
  }

  /**
   * "What does X unblock", "if I pick a launch date, what does that unblock": what waits on the thing named;
   * "which checks wait on my freeze window decision", "what depends on the db link", "co czeka na X": the
   * thing named after the waiting word (before it, "what is X waiting for", it is what X waits on).
   */
  /**
   * What the state's history is asked: a thing done in the past by the asker ("have I signed X", "co ja już
   * podpisałem"), a withdrawal ("what did the revoke undo", "cofnięcie"), who ran a pipeline ("kto odpalił
   * test połączenia"). Verbs of doing in a past form ask what happened, not what is to do.
   */
  private static void stateAsked(Scan s) {
    // "what did Ewa sign": "did" with a verb of signing says it was done
    boolean did = s.words.stream().anyMatch(w -> w.text().equals("did"))
        && s.words.stream().anyMatch(w -> startsWithAny(w.text(), ACCEPT_VERBS));
    boolean done = did || s.words.stream().anyMatch(w -> doneForm(w.text()));
    // "co ja już podpisałem": a Polish verb in the first person past says "I" by itself
    boolean me = s.firstPerson || s.lang == Lang.PL && s.words.stream().anyMatch(w -> w.text().equals("ja")
        || doneForm(w.text()) && (w.text().endsWith("lem") || w.text().endsWith("lam")));
    // "what has she signed", "co podpisała Kasia": someone named, in the third person
    boolean named = s.actor != null && s.actor.score() >= NAMED && (did || s.words.stream().anyMatch(w ->
        SHE_HE.contains(w.text())
        || doneForm(w.text()) && s.lang == Lang.PL && !w.text().endsWith("lem") && !w.text().endsWith("lam")));
    if (done && (me || named) && s.facts.asker() != null && !s.act) {
      s.signedAsked = true;
      s.scores.put(Intent.TASKS, Math.min(s.scores.get(Intent.TASKS), 0.0));
      add(s.scores, Intent.STATUS, s.thing != null ? 6 : 0);
    }
    // (not "a jakby Kasia wycofała umowę powierzenia, to co padnie": a withdrawal supposed, not one that happened)
    s.revokedAsked = !s.act && s.words.stream().anyMatch(w -> REVOKED_WORDS.contains(w.text()))
        && s.words.stream().noneMatch(w -> IF_WORDS.contains(w.text()));
    // "whats stale rn", "ktore akceptacje sa nieaktualne": not what "stale" means (that is a term)
    s.staleAsked = !s.act && !s.terms.contains("stale") && (s.words.stream().anyMatch(w -> STALE_WORDS.contains(w.text())
        || startsWithAny(w.text(), STALE_STEMS)) || noLongerCounts(s.words) || changeBroke(s.words));
    for (int i = 1; i < s.words.size() && !s.act; i++) {
      String before = s.words.get(i - 1).text();
      s.revokedAsked |= REVOKE_VERBS.contains(s.words.get(i).text())
          && (NOUN_MARKERS.contains(before) || possessive(before, s.scenario));
      // "what did Bartosz withdraw and when": a withdrawal asked about, not asked for
      // ("what time did Agnieszka pull her signature": "pull" withdraws only a sign-off named after it)
      boolean pulled = s.words.get(i).text().equals("pull") && s.words.subList(i + 1, Math.min(s.words.size(), i + 4))
          .stream().anyMatch(w -> SIGNATURE_NOUNS.contains(w.text()));
      for (int j = Math.max(0, i - 3); j < i; j++) {
        s.revokedAsked |= (REVOKE_VERBS.contains(s.words.get(i).text()) || pulled)
            && Set.of("did", "has", "have", "had").contains(s.words.get(j).text());
      }
    }
    // "what got skipped in that run", "co zostało pominięte w tym przebiegu": the run that finished last
    s.latestRun = !s.act && (s.pipeline == null || s.pipeline.score() < NAMED) && s.facts.latestRun() != null
        && (s.words.stream().anyMatch(w -> SKIPPED_WORDS.contains(w.text())) || thatRun(s.words));
    if (s.latestRun) {
      add(s.scores, Intent.PIPELINE_RESULT, 10);
    }
    boolean who = s.words.stream().anyMatch(w -> WHO.contains(w.text()));
    // "who still needs to sign something in the DPIA": whoever owes it, not the asker's own list
    if (who && !s.firstPerson && s.thing != null && !s.act) {
      s.scores.put(Intent.TASKS, Math.min(s.scores.get(Intent.TASKS), 0.0));
    }
    // "when did I run the two dry runs", "kiedy odpaliłem dry-run": a pipeline's runs, asked when
    if (!s.act && s.pipeline != null && s.words.stream().anyMatch(w -> WHEN_WORDS.contains(w.text()))
        && (s.pipeline.score() >= NAMED || pipelineWordsAfter(s, -1) != null)
        && s.words.stream().anyMatch(w -> Set.of("did", "was", "were", "byl", "byla", "bylo", "byly")
            .contains(w.text()) || ranForm(w.text()))) {
      add(s.scores, Intent.PIPELINE_RESULT, 8);
    }
    // ("kto robił dry run i kiedy", "who did the connection check": a pipeline named is done by its run)
    boolean pipelineDone = s.pipeline != null && s.pipeline.score() >= NAMED
        && s.words.stream().anyMatch(w -> DID_WORDS.contains(w.text()) || w.text().equals("did"));
    if (!s.act && who && (pipelineDone || s.words.stream().anyMatch(w -> ranForm(w.text())))) {
      add(s.scores, Intent.PIPELINE_RESULT, 8);
      s.scores.put(Intent.OWNER, Math.min(s.scores.get(Intent.OWNER), 0.0));
    }
  }

  /**
   * Without the things named only by a person's own words and a verb ("czy inspektor ochrony danych podpisał": the
   * DPO's role says "ochrony danych", so does the data-protection gate, and "podpisał" is no name).
   */
  private static List<Link> withinPerson(List<Link> links, List<Word> words) {
    List<Link> people = links.stream().filter(l -> l.kind() == Kind.ACTOR && l.score() >= NAMED).toList();
    if (people.isEmpty()) {
      return links;
    }
    return links.stream().filter(l -> l.kind() != Kind.CHECK && l.kind() != Kind.GROUP
        || !l.at().stream().allMatch(i -> people.stream().anyMatch(p -> p.at().contains(i) && p.score() > l.score())
        || startsWithAny(words.get(i).text(), ACCEPT_VERBS) || startsWithAny(words.get(i).text(), DECIDE_VERBS)))
        .toList();
  }

  private static final Set<String> SKIPPED_WORDS = WordSet.of("skipped", "skip", "skips", "pominiete",
      "pominieto", "pominiety", "pominieta", "pominal", "pominela");
  private static final Set<String> RUN_NOUNS = WordSet.of("run", "przebieg", "przebiegu", "przebiegiem");
  private static final Set<String> THAT = WordSet.of("that", "this", "last", "latest", "ten", "tym", "tego",
      "ostatni", "ostatnim", "ostatniego");

  /**
   * "board approval - what is it waiting on": a role's word inside a check named by more words ("Management board
   * approval") names that check, not the person whose role says "board".
   */
  private static List<Link> roleInName(List<Link> links) {
    return links.stream().filter(l -> l.kind() != Kind.ACTOR || links.stream().noneMatch(t ->
        t.kind() == Kind.CHECK && t.score() >= NAMED && t.score() >= 2 * l.score()
            && t.at().size() > l.at().size() && t.at().containsAll(l.at()))).toList();
  }

  /** "that run", "the last run", "w tym przebiegu": a run pointed at, not named. */
  /**
   * "pawels run", "Paweł's connection run", "the run Pawel started", "my run": a run, the noun, beside the person
   * (not "who else can run pipelines": the verb).
   */
  private static boolean runOf(List<Word> words, Link person) {
    for (int i = 0; i < words.size(); i++) {
      int at = i;
      if (RUN_NOUNS.contains(words.get(i).text()) && (i == 0 || !RUN_VERB_BEFORE.contains(words.get(i - 1).text()))
          && person.at().stream().anyMatch(p -> Math.abs(p - at) <= 2)) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> RUN_VERB_BEFORE = WordSet.of("can", "could", "may", "might", "to", "will",
      "would", "should", "must", "did", "do", "does", "i", "we", "you", "they", "he", "she", "allowed", "able");

  private static boolean thatRun(List<Word> words) {
    for (int i = 1; i < words.size(); i++) {
      // ("the failed run", "nieudany przebieg": the one that failed last; "a failed pipeline run" too)
      int before = i - 1 > 0 && PIPELINE_NOUNS.contains(words.get(i - 1).text()) ? i - 2 : i - 1;
      if (RUN_NOUNS.contains(words.get(i).text()) && (THAT.contains(words.get(before).text())
          || FAILED_WORDS.contains(words.get(before).text()))) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> PIPELINE_NOUNS = WordSet.of("pipeline", "pipelineu", "pipelinu");

  /** Words of a sign-off whose evidence changed since it was given. */
  private static final Set<String> SHE_HE = WordSet.of("she", "he", "they", "her", "his");
  /** "why's my cert sign-off not counting anymore", "czemu mój podpis się już nie liczy": a sign-off gone stale. */
  private static boolean noLongerCounts(List<Word> words) {
    return words.stream().anyMatch(w -> COUNTS_WORDS.contains(w.text()))
        && words.stream().anyMatch(w -> NO_LONGER.contains(w.text()));
  }

  /** "czy przestawienie na PUESC coś popsuło", "did the route change break anything": what a change left stale. */
  private static boolean changeBroke(List<Word> words) {
    return words.stream().anyMatch(w -> BROKE_WORDS.contains(w.text()))
        && words.stream().anyMatch(w -> CHANGE_NOUNS.contains(w.text()));
  }

  private static final Set<String> COUNTS_WORDS = WordSet.of("counting", "counts", "liczy");
  private static final Set<String> NO_LONGER = WordSet.of("anymore", "longer", "juz");
  private static final Set<String> BROKE_WORDS = WordSet.of("popsulo", "zepsulo", "rozwalilo", "broke", "break",
      "broken", "messed");
  private static final Set<String> CHANGE_NOUNS = WordSet.of("przestawienie", "zmiana", "zmiany", "change", "switch",
      "switching", "przelaczenie", "zmienienie");
  private static final Set<String> FILE_WORDS = WordSet.of("file", "files", "plik", "pliku", "plikach", "pliki");
  private static final Set<String> VALID_WORDS = WordSet.of("valid", "wazna", "wazny", "wazne", "aktualna",
      "aktualny", "aktualne");
  private static final Set<String> STALE_WORDS = WordSet.of("stale", "outdated", "invalidated");
  private static final Set<String> STALE_STEMS = WordSet.of("nieaktualn", "przeterminowan", "uniewaznion", "przedawnion");

  private static final Word CHOOSE = Words.of("choose").get(0);

  /** "what cadence did Kasia go with", "which region are we going with": a choice, read as "choose". */
  private static List<Word> wentWith(List<Word> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      if ((GO_FORMS.contains(words.get(i).text()) || words.get(i).text().equals("gone"))
          && words.get(i + 1).text().equals("with")) {
        List<Word> chose = new ArrayList<>(words.subList(0, i));
        chose.add(CHOOSE);
        chose.addAll(words.subList(i + 2, words.size()));
        return chose;
      }
    }
    return words;
  }

  private static final Set<String> SIGNATURE_NOUNS = WordSet.of("signature", "signoff", "sign", "approval",
      "acceptance");
  /** Past forms of withdrawing, and the noun: "revoked", "withdrew", "cofnięcie", "wycofała". */
  private static final Set<String> REVOKED_WORDS = WordSet.of("revoked", "revocation", "revoking", "withdrew",
      "withdrawn", "withdrawal", "retracted", "pulled", "pulling", "unsigned", "cofniecie", "cofniete", "cofnieta",
      "cofniety", "cofnal", "cofnela", "cofneli", "cofnelo", "wycofal", "wycofala", "wycofali", "wycofalem",
      "wycofalam", "wycofalismy", "cofnalem", "cofnelam", "cofnelismy",
      "wycofywal", "wycofywala", "wycofywali", "cofal", "cofala", "cofali", "odwolal", "odwolala", "odwolali",
      "odwolalem", "odwolalam");
  /** "petras", "petra's": a person's first name in the possessive. */
  private static boolean possessive(String word, Scenario scenario) {
    if (!word.endsWith("s")) {
      return false;
    }
    String name = word.endsWith("'s") ? word.substring(0, word.length() - 2) : word.substring(0, word.length() - 1);
    return scenario.actors().stream().map(a -> Words.of(a.name())).anyMatch(w -> !w.isEmpty()
        && w.get(0).text().equals(name));
  }

  /**
   * "petra's revoke", "the revoke": the verb as a noun, after a possessive or an article; "did anybody revoke": asked of
   * someone in the past, not a request.
   */
  private static final Set<String> NOUN_MARKERS = WordSet.of("the", "that", "this", "her", "his", "my", "your",
      "their", "anybody", "anyone", "somebody", "someone");
  /** Choosing in the past: "did I set the on-call", "czy Halinka już wybrała". */
  private static final Set<String> CHOSEN = WordSet.of("set", "chose", "chosen", "picked", "ustawil",
      "ustawila", "ustawilem", "ustawilam", "ustawiony", "ustawiona", "ustawione", "wybral", "wybrala", "wybralem",
      "wybralam", "wybrany", "wybrana", "wybrane");
  private static final Pattern POLISH_PAST = Pattern.compile(".*(l|la|lo|li|ly|lem|lam|les|las|any|ana|ane|ony|ona|one)");

  /**
   * A verb in the past ("signed", "przećwiczyła") among the words that do not name {@code actor} (a label may share
   * its stem: "Ręczne uzgadnianie bagażu przećwiczone").
   */
  private static boolean pastVerbBeside(List<Word> words, Link actor) {
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      if (actor.at().contains(i)) {
        continue;
      }
      if (doneForm(text) || text.length() > 5 && (text.endsWith("la") || text.endsWith("al") || text.endsWith("il"))) {
        return true;
      }
    }
    return false;
  }

  /** A verb of signing or deciding in a past form: "signed", "approved", "podpisałem", "zatwierdzony". */
  private static boolean doneForm(String text) {
    if (CHOSEN.contains(text) || DONE_WORDS.contains(text) && !text.startsWith("gotow") && !text.startsWith("ziel")) {
      return true;
    }
    boolean verb = startsWithAny(text, ACCEPT_VERBS) && !text.startsWith("tick")
        || startsWithAny(text, DECIDE_VERBS) && !startsWithAny(text, DECISION_NOUNS) && !text.startsWith("zapis");
    return verb && (text.endsWith("ed") || POLISH_PAST.matcher(text).matches() && !text.endsWith("nie"));
  }

  /** A run's going in a past form, by the verb of going: "czy dry run już kiedyś szedł". */
  private static final Set<String> RAN_WORDS = WordSet.of("szedl", "poszedl", "poszla", "szla", "lecial", "polecial",
      "puszczony", "puszczany");

  /** A verb of running in a past form: "ran", "kicked off", "odpalił", "puściła". */
  private static boolean ranForm(String text) {
    return text.equals("ran") || RAN_WORDS.contains(text)
        || startsWithAny(text, RUN_VERBS) && !text.startsWith("pipelin")
        && (text.endsWith("ed") || POLISH_PAST.matcher(text).matches());
  }

  private static void dependentsAsked(Scan s) {
    s.dependents = null;
    if (s.thing == null || s.act || s.words.isEmpty()) {
      return;
    }
    int unblock = -1;
    int waitOn = -1;
    for (int i = 0; i < s.words.size(); i++) {
      String text = s.words.get(i).text();
      if (UNBLOCK_WORDS.contains(text)) {
        unblock = i;
      } else if (WAIT_ON_WORDS.contains(text) && i + 1 < s.words.size()
          && Set.of("on", "upon", "for", "na", "od").contains(s.words.get(i + 1).text())) {
        waitOn = i;
      }
    }
    // "what does X unblock" (not "who can unblock production": what X waits on), nor a person named ("co czeka
    // na inspektora")
    if (s.actor != null && !s.actor.at().isEmpty()) {
      return;
    }
    int unblocking = unblock;
    // ("who can unblock it" asks who moves it; production itself unblocks nothing)
    boolean whoFirst = false;
    for (int i = 0; i < unblock; i++) {
      whoFirst |= WHO.contains(s.words.get(i).text());
    }
    if (whoFirst || s.thing.id().equals(s.scenario.production().id())) {
      return;
    }
    // "co odblokuje kontrola połączenia": in Polish the thing that unblocks may follow the verb
    boolean polishWhat = s.words.get(0).text().equals("co") && unblock >= 0;
    if (unblock >= 0 && (polishWhat || s.thing.at().stream().allMatch(i -> i < unblocking))) {
      s.dependents = s.thing.id();
      return;
    }
    int asked = waitOn;
    boolean asking = WHAT_WHICH.contains(s.words.get(0).text())
        || s.words.size() > 1 && WHAT_WHICH.contains(s.words.get(1).text());
    if (asked >= 0 && asking && s.thing.at().stream().allMatch(i -> i > asked)) {
      s.dependents = s.thing.id();
    }
  }

  private static boolean packetWord(Scan s) {
    for (int i = 0; i < s.words.size(); i++) {
      int at = i;
      if (PACKET_WORDS.contains(s.words.get(i).text())
          && s.links.stream().noneMatch(l -> l.kind() == Kind.GROUP && l.at().contains(at))) {
        return true;
      }
    }
    return false;
  }

  /**
   * "launch date options again?": the opening verb is the first word of a thing named with the words after it (a
   * question mark and no object), not a bid.
   */
  private static boolean verbInName(Scan s) {
    // ("launch gate is at 3/5? whats missing there": a gate named by the verb's word and "gate")
    return s.question.contains("?") && s.links.stream().anyMatch(l -> (l.kind() == Kind.CHECK
        || l.kind() == Kind.GROUP) && l.score() >= NAMED && l.at().contains(0) && (l.at().contains(1)
        || s.words.size() > 1 && GATE_WORDS.contains(s.words.get(1).text())));
  }

  /** A decision asked for its value or choices, a provider or a group meant, going live, what a thing is. */
  private static void meant(Scan s) {
    // ("do kiedy ...": "do" opens a Polish question, it bids nothing)
    s.act = (actRequest(s.words) || commandAfterRemark(s.question))
        && !(s.lang == Lang.PL && !s.words.isEmpty() && s.words.get(0).text().equals("do")) && !verbInName(s);
    s.modal = s.words.stream().anyMatch(w -> MODALS.contains(w.text()));
    // a question about choices wants the decision that has them, not the gate it sits in
    // "who is on call", "which provider was chosen": the value a decision records, not the gate it sits in
    s.value = false;
    s.decisionMeant = false;
    s.choicesAsked = false;
    if (optionsAsked(s.words) || s.action == Action.DECIDE || valueAsked(s.words)) {
      // a decision named by two of its words counts even when the link is loose ("which payment provider")
      String production = s.scenario.production().id();
      Link decision = s.all.stream().filter(l -> l.kind() == Kind.CHECK && hasOptions(s.scenario, l.id())
          && (l.score() >= MIN_LINK || l.score() >= 1 && l.at().size() >= 2) && !goLiveOnly(l, s.words, production))
          .findFirst().orElse(null);
      // "which payment providers can I choose from": a decision named loosely, beside a provider that shares its words
      if (decision == null && (optionsAsked(s.words) || s.action == Action.DECIDE)
          && s.words.stream().anyMatch(w -> WHICH_WORDS.contains(w.text()))) {
        decision = s.all.stream().filter(l -> l.kind() == Kind.CHECK && l.score() >= LOOSE_DECISION
            && hasOptions(s.scenario, l.id()) && !goLiveOnly(l, s.words, production)).findFirst().orElse(null);
      }
      // "zapisz decyzję: startujemy po sezonie": a decision asked of a group with only one decision is that one
      if (decision == null && s.act && s.action == Action.DECIDE && s.thing != null && s.thing.kind() == Kind.GROUP) {
        String asked = s.thing.id();
        List<CheckDef> decisions = s.scenario.groups().stream().filter(g -> g.id().equals(asked))
            .flatMap(g -> g.checks().stream()).filter(c -> c.options() != null && !c.options().isEmpty()).toList();
        // several: the one whose options the question names ("startujemy po sezonie": "After the ski season")
        CheckDef chosen = decisions.size() == 1 ? decisions.get(0) : optionNamed(decisions, s.words);
        if (chosen != null) {
          decision = new Link(new Lexicon.Entity(Kind.CHECK, chosen.id(), List.of()), NAMED, s.thing.at());
        }
      }
      // asked for its value only when named by a word of its own, not only by its gate's ("status weekendu")
      // "which provider is payments on": a provider named better than the decision is asked about, unless
      // the words ask what was chosen
      // ("jaki jest następny krok dla całego przełączenia": the next step, not the value of "Okno przełączenia")
      s.value = decision != null && !optionsAsked(s.words) && s.action != Action.DECIDE && valueAsked(s.words)
          && s.words.stream().noneMatch(w -> NEXT_WORDS.contains(w.text()))
          && !ownerAsked(s.words) && (s.thing == null || s.thing.id().equals(decision.id())
              // "when is the cutover night": a group and its decision named by the same words, the value asked
              || s.thing.kind() == Kind.GROUP && s.thing.at().equals(decision.at())
              // nor when another check is named more clearly ("which endpoint do I call to sign off X")
              || !s.thing.at().containsAll(decision.at())
              && (s.thing.kind() != Kind.CHECK || s.thing.score() <= decision.score()))
          && (s.provider == null || s.provider.score() <= decision.score() || choiceAsked(s.words));
      if (decision != null && (s.value || optionsAsked(s.words) || s.action == Action.DECIDE)) {
        s.decisionMeant = true;
        s.thing = decision;
        s.check = decision;
        // "which payment providers can I choose from": the decision's options, not a provider nor the permission
        s.choicesAsked = !s.act && namedBeyondVerbs(decision, s.words)
            && (optionsAsked(s.words) || s.words.stream().anyMatch(w -> WHICH_WORDS.contains(w.text())));
      }
    }
    // a provider's contract check is the provider itself to the asker: the provider's answer includes it
    // "jak wygląda sprawa połączenia z bazą rezerwacji": a group named by more of the question's words than a
    // provider (and nearly as surely) is the group
    s.groupOverProvider = s.provider != null && s.group != null && !s.decisionMeant
        && s.group.at().size() > s.provider.at().size() && s.group.at().containsAll(s.provider.at())
        && s.group.score() >= 0.8 * s.provider.score()
        && (s.check == null || s.group.at().size() > s.check.at().size() && s.group.at().containsAll(s.check.at()));
    if (s.groupOverProvider) {
      s.thing = s.group;
    }
    // a group named exactly as surely as a provider is the group, unless the words speak of providers
    // ("claims status?")
    s.providerMeant = s.provider != null && !s.decisionMeant && !s.groupOverProvider && (s.thing == null
        || s.provider.score() > s.thing.score() || s.provider.score() == s.thing.score()
        && (s.thing.kind() != Kind.GROUP || s.words.stream().anyMatch(w -> PROVIDER_WORDS.contains(w.text())))
        // "what's the ETA provider gonna be in prod": a provider's target, production only its mode's name
        || s.thing.id().equals(s.scenario.production().id())
        && s.words.stream().anyMatch(w -> PROVIDER_WORDS.contains(w.text()))
        || s.thing.id().equals(providerCheck(s.facts, s.provider.id())));

    // "can the clinics go to production": the go/no-go, whatever environment or gate a word of it names
    // ("what's the ETA provider gonna be in prod": a provider's target, not going live)
    // (someone named asks about them; a role's word linked loosely, "liczniki" for the meter lead, does not)
    // (not "go live date is still the 4th of may right?": a decision named beyond those words is asked)
    s.goLive = !s.act && (goLiveAsked(s.words) || whyNotLive(s.words))
        && (s.actor == null || s.actor.at().isEmpty() || s.actor.score() < NAMED)
        && !(s.check != null && s.check.score() >= NAMED && hasOptions(s.scenario, s.check.id())
            && s.check.at().stream().anyMatch(i -> GO_LIVE_WORDS.contains(s.words.get(i).text()))
            && s.check.at().stream().anyMatch(i -> !GO_LIVE_WORDS.contains(s.words.get(i).text())))
        && !(s.provider != null && s.words.stream().anyMatch(w -> PROVIDER_WORDS.contains(w.text())))
        // ("dpd - what's it running on now vs after go live": the provider's mode now and then)
        && !(s.provider != null && s.provider.score() >= NAMED && runsOn(s.words));
    if (s.goLive) {
      s.thing = null;
      s.group = null;
      s.check = null;
      s.environment = null;
    }
    // "which env is active": the session's environments, not a check whose label says env
    s.environmentAsked = (!s.goLive || envsListed(s.words)) && environmentAsked(s.words, s.thing);
    // ("which envs have we got and which one is live": no "go-live weekend" is named by "which" and "live")
    if (s.environmentAsked && envsListed(s.words) && s.thing != null && s.thing.at().stream().allMatch(i ->
        WHICH_ENV.contains(s.words.get(i).text()) || PRODUCTION_WORDS.contains(s.words.get(i).text()))) {
      s.thing = null;
      s.group = null;
      s.check = null;
    }
    // "what's a DPIA", "co to jest HIS": what the thing is, then its status
    s.named = s.provider != null && (s.thing == null || s.provider.score() >= s.thing.score()) ? s.provider : s.thing;
    s.whatIs = s.code == null && s.terms.isEmpty() && s.named != null && !s.goLive && (whatIs(s.words, s.named)
        || s.named.kind() != Kind.PROVIDER && describedAsked(s.words, s.named, s.pipeline));
    // "what's ledger-staging": an environment named outright is answered with the environments
    if (!s.whatIs && s.environment != null && s.environment.score() >= NAMED
        && (s.named == null || s.environment.score() > s.named.score()) && whatIs(s.words, s.environment)) {
      s.environmentAsked = true;
    }

  }

  /**
   * The words that ask each kind of question; who is asked about: a person, two people compared, the owner
   * of the thing named, the asker's own.
   */
  private static void scorePeople(Scan s) {
    s.forms = forms(s.words);
    s.scores = cueScores(s.words, s.forms);
    // "jaki ocr będzie na produkcji": what a provider will be in production, said in these very words (as a cue, the
    // words anywhere, "gdzie będzie produkcja" would ask it of environments)
    if ((said(s.words, "bedzie", "na", "produkcji") || said(s.words, "will", "be", "in", "production"))
        && s.all.stream().anyMatch(l -> l.kind() == Kind.PROVIDER && l.score() >= LOOSE_PROVIDER)) {
      add(s.scores, Intent.PROVIDER, 3);
    }
    s.tasksWorded = s.scores.get(Intent.TASKS);
    if (s.scores.get(Intent.OUT_OF_SCOPE) > 0 && !s.links.isEmpty()) {
      // (a compound out of scope whole stays so though a word of it names a thing: a "share price" is no price list)
      s.scores.put(Intent.OUT_OF_SCOPE, Math.max(outOfScopeCompound(s.words) ? 4 : 0, cued(Intent.OUT_OF_SCOPE,
          outside(s.words, s.links.stream().filter(l -> l.kind() != Kind.ACTOR && l.score() >= NAMED).toList()))));
    }
    s.providerWorded = s.scores.get(Intent.PROVIDER) >= 1.5;
    // "co będzie zamiast tego folderu z pdfami": a provider asked what replaces it, named by a word of its mode
    if (s.provider == null && s.scores.get(Intent.PROVIDER) >= 2 && s.links.stream().noneMatch(l ->
        l.kind() == Kind.GROUP || l.kind() == Kind.CHECK || l.kind() == Kind.PIPELINE)) {
      s.provider = s.all.stream().filter(l -> l.kind() == Kind.PROVIDER && l.score() >= LOOSE_PROVIDER)
          .max(Comparator.comparingDouble(Link::score)).orElse(null);
      if (s.provider != null) {
        s.links = new ArrayList<>(s.links);
        s.links.add(s.provider);
      }
    }
    // "dry run sprawdził izolację wierszy?": what a run found, by the past forms only ("sprawdzenie", "sprawdzał"
    // share their lemma)
    if (s.words.stream().anyMatch(w -> FOUND_FORMS.contains(w.text()))) {
      add(s.scores, Intent.PIPELINE_RESULT, 2);
    }
    // "is my sign-off still counted", "czy mój podpis nadal się liczy": whether it still stands, not a count
    // (words said together: cues match anywhere)
    if (said(s.words, "still", "count") || said(s.words, "still", "counted") || said(s.words, "still", "counts")
        || said(s.words, "still", "valid") || said(s.words, "nadal", "sie", "liczy")
        || said(s.words, "wciaz", "sie", "liczy") || said(s.words, "sie", "nadal", "liczy")
        || said(s.words, "sie", "jeszcze", "liczy")) {
      add(s.scores, Intent.STATUS, 4);
      // ("is my vat mapping sign-off still counted": that one sign-off of mine, not all I own)
      add(s.scores, Intent.OWNED, s.check != null ? -4 : 0);
      add(s.scores, Intent.TASKS, s.check != null ? -4 : 0);
    }
    // "o której poszedł pierwszy test połączenia": when a pipeline's first run went, not its gate's state now
    if (s.pipeline != null && s.words.stream().anyMatch(w -> FIRST_WORDS.contains(w.text()))
        && s.words.stream().anyMatch(w -> WHEN_WORDS.contains(w.text()) || w.text().equals("ktorej"))) {
      add(s.scores, Intent.PIPELINE_RESULT, 6);
    }
    // "cutover day is set to what now?": the value it holds now, not "what now" (what to do next)
    if (s.check != null && said(s.words, "to", "what", "now")) {
      add(s.scores, Intent.NEXT, -2);
      add(s.scores, Intent.STATUS, 2);
    }
    // raw cue scores, before the things named weigh in: what each part of a joined question asks
    s.cued = new EnumMap<>(s.scores);
    s.unnamed = s.thing != null && s.thing.score() >= NAMED ? outside(s.words, s.thing) : s.words;
    s.unnamedForms = s.unnamed == s.words ? s.forms : forms(s.unnamed);
    for (Cue cue : SNAPSHOT_WORDS) {
      if (matches(cue, s.unnamed, s.unnamedForms)) {
        add(s.scores, Intent.SNAPSHOT, cue.weight());
      }
    }
    // "why is the payments gate not ready": a gate that shares its name with a provider is the gate when
    // the question says gate or asks why it is not ready (unless it speaks of providers and modes)
    s.sharing = s.provider == null ? null : s.links.stream().filter(l -> l.kind() == Kind.GROUP
        && l.at().stream().anyMatch(s.provider.at()::contains)).findFirst().orElse(null);
    // (not a check of it named by those words and more: "is the e-book sso signoff blocked")
    boolean checkNamedMore = s.sharing != null && s.thing != null && s.thing.kind() == Kind.CHECK
        && s.thing.at().size() > s.sharing.at().size() && s.thing.at().containsAll(s.sharing.at());
    if (s.sharing != null && !checkNamedMore && (gateWorded(s.words, s.provider) || s.scores.get(Intent.WHY) >= 1.5
        && s.scores.get(Intent.PROVIDER) < 1.5)) {
      // "what's blocking the kyc gate": called a gate, it is named as clearly as a gate can be
      s.thing = gateWorded(s.words, s.provider)
          ? new Link(s.sharing.entity(), Math.max(NAMED, s.sharing.score()), s.sharing.at()) : s.sharing;
      s.group = s.thing;
      s.providerMeant = false;
      add(s.scores, Intent.PROVIDER, -4);
    }
    if (s.choicesAsked) {
      s.providerMeant = false;
      add(s.scores, Intent.STATUS, 6);
      add(s.scores, Intent.PROVIDER, -4);
      add(s.scores, Intent.PERMISSION, -4);
    }
    s.whoAsked = s.words.stream().anyMatch(w -> WHO_WORDS.contains(w.text()));
    // "who is allowed to record decisions": decisions at all, not the gate whose label says "decisions are recorded"
    if (s.whoAsked && s.action != null && s.cued.get(Intent.PERMISSION) >= 2 && s.thing != null
        && !s.thing.at().isEmpty() && s.thing.at().stream().allMatch(i -> i < s.words.size()
        && KIND_WORDS.contains(s.words.get(i).text()))) {
      s.thing = null;
      s.group = null;
      s.check = null;
      add(s.scores, Intent.PERMISSION, 6);
    }
    s.actorNamed = s.actor != null && !s.actor.at().isEmpty();
    // "who's Krzysztof and what does he own", "which checks does Ewa own": that person, their role and what they own
    // "list every check I own", "co należy do mnie": the asker's own
    s.ownWorded = s.words.stream().anyMatch(w -> OWN_WORDS.contains(w.text())) || mineSaid(s.words);
    s.owner = s.actorNamed ? s.actor : s.facts.asker() != null && s.ownWorded
        && (s.firstPerson || s.words.stream().anyMatch(w -> ME.contains(w.text())))
        ? asker(s.facts.asker().id()) : null;
    s.person = s.owner != null && s.action == null && !s.act
        && (s.thing == null || s.thing.score() < s.owner.score())
        && (s.provider == null || s.provider.score() < s.owner.score())
        && (s.whoAsked && s.actorNamed || s.ownWorded)
        && s.tasksWorded < 2 && s.scores.get(Intent.PERMISSION) < 2 && s.scores.get(Intent.COUNT) < 3;
    if (s.person) {
      s.actor = s.owner;
      add(s.scores, Intent.OWNER, 6);
    }
    // "who of me and Ewa owns more checks", "kto z Jany i Petry ma więcej do zaakceptowania": two people, and
    // "what's the difference between Jan's and Tomasz's permissions": each of them answered
    s.otherActor = s.act ? null : otherActor(s.links, s.actor, s.facts, s.firstPerson
        || s.words.stream().anyMatch(w -> ME.contains(w.text()) || w.text().equals("ja")));
    // answered in the order named: "Ewa and Jan" is Ewa first
    if (s.otherActor != null && !s.otherActor.at().isEmpty()
        && Collections.min(s.otherActor.at()) < Collections.min(s.actor.at())) {
      Link earlier = s.otherActor;
      s.otherActor = s.actor;
      s.actor = earlier;
    }
    s.measure = s.otherActor == null || s.words.stream().noneMatch(w -> MORE_WORDS.contains(w.text())) ? null
        : s.words.stream().anyMatch(w -> PERMISSION_NOUNS.contains(w.text())) ? "permissions"
        : s.words.stream().anyMatch(w -> OPEN_WORDS.contains(w.text()))
        ? s.action == Action.ACCEPT ? "openSignOffs" : "open"
        : s.action == Action.ACCEPT ? "signOffs" : s.tasksWorded >= 2 ? "now" : "owned";
    if (s.measure != null) {
      add(s.scores, Intent.OWNED, 12);
    }
    // "how many things has Paweł still got open", "ile Paweł ma otwartych": what he owns, counted, not the overview
    if (s.measure == null && s.actor != null && s.actor.score() >= NAMED && !s.actor.at().isEmpty()
        && s.thing == null && !s.act && s.cued.get(Intent.COUNT) >= 2
        && s.words.stream().anyMatch(w -> OPEN_WORDS.contains(w.text()))) {
      add(s.scores, Intent.OWNED, 8);
    }
    // "who has to do the PCI review": the owner of the thing named, not whoever moves next
    if (s.whoAsked && !s.actorNamed && s.thing != null && s.thing.score() >= NAMED && !s.act && !s.providerMeant
        && !s.value && s.scores.get(Intent.PERMISSION) < 2) {
      add(s.scores, Intent.OWNER, 3);
    }
    // "what does the rehearsal gate still need": what that thing waits for, not whoever's next step
    if (s.thing != null && s.thing.score() >= NAMED && !s.actorNamed && !s.firstPerson && !s.act
        && s.words.stream().anyMatch(w -> NEED_WORDS.contains(w.text()))) {
      add(s.scores, Intent.WHY, 6);
    }
    // "what should I do", "co muszę zrobić": from a known asker, their own tasks rather than whoever's next step
    if (s.firstPerson && s.actor != null && s.actor.at().isEmpty()) {
      add(s.scores, Intent.TASKS, s.scores.get(Intent.NEXT));
    }
  }

  /** What else the words ask: why not, rows counted, going live, the environment or target, a pipeline's purpose. */
  private static void scoreAsks(Scan s) {
    s.whyNot = whyNot(s.words, s.actor, s.action, s.act);
    if (s.whyNot) {
      add(s.scores, Intent.PERMISSION, 4);
      // "Łucja chciała odpalić test połączenia i jej nie puściło, czemu?", "I got a 403, why": a refusal told of
      if (s.words.stream().anyMatch(w -> REFUSAL_WORDS.contains(w.text()))) {
        add(s.scores, Intent.PERMISSION, 6);
      }
    }
    // "how many rows are there to move": rows counted are the snapshot's, whatever group a word names;
    // and counting "wierszy" is no poem
    s.rowsCounted = s.scores.get(Intent.SNAPSHOT) >= 3.5 && s.scores.get(Intent.COUNT) >= 3;
    if (s.rowsCounted) {
      add(s.scores, Intent.SNAPSHOT, 3);
      add(s.scores, Intent.OUT_OF_SCOPE, -4);
    }
    // "co to jest kw-eeafc78d": the snapshot's own checksum, named by its value
    if (checksumNamed(s.question, s.facts.evaluation().snapshot())) {
      add(s.scores, Intent.SNAPSHOT, 10);
      add(s.scores, Intent.OUT_OF_SCOPE, -10);
    }
    if (s.goLive) {
      add(s.scores, Intent.BLOCKERS, 8);
    }
    // "are we live yet or not", "czy już jesteśmy na produkcji": going live asked as a state, in these very words
    // (a cue's words may stand anywhere: "are we on ..., is season live up yet" asks of environments)
    if (!s.environmentAsked && (said(s.words, "are", "we", "live") || said(s.words, "jestesmy", "live")
        || said(s.words, "jestesmy", "na", "produkcji"))) {
      add(s.scores, Intent.BLOCKERS, 4);
    }
    // "which environment are we actually running in now": the console's own, not a check whose label has the word
    // "environment" (named by that one word)
    if (s.thing != null && !s.thing.at().isEmpty() && s.thing.at().stream().allMatch(i -> i < s.words.size()
        && ENV_NOUNS.contains(s.words.get(i).text())) && s.words.stream().anyMatch(w -> WHICH_ENV.contains(w.text()))) {
      s.thing = null;
      s.group = null;
      s.check = null;
      add(s.scores, Intent.SESSION, 6);
    }
    // "which auth mode + store is the console running on", "sesja pulpitu - jaki auth i magazyn?": the console's own
    // footing, both asked together (one alone may be a provider's)
    if (s.words.stream().anyMatch(w -> AUTH_WORDS.contains(w.text()))
        && s.words.stream().anyMatch(w -> STORE_WORDS.contains(w.text()))) {
      add(s.scores, Intent.SESSION, 8);
      s.providerMeant = false;
    }
    if (s.environmentAsked) {
      // "which envs have we got and which one is live": listed outright, whatever "live" says of going live
      add(s.scores, Intent.SESSION, envsListed(s.words) ? 12 : 6);
    }
    // "what's staging gonna run on": an environment named outright, nothing else named as well, is the environments'
    // (not "explain LOCAL_DEMO_GO", a code, nor "can the DPO accept checks", an "Acceptance" environment's verb)
    if (!s.environmentAsked && !s.goLive && s.code == null && s.environment != null
        && s.environment.score() >= NAMED && !verbOnly(s.environment, s.words)
        && (s.provider == null || s.provider.score() < s.environment.score() / 2)
        && (s.thing == null || s.thing.score() < s.environment.score())) {
      add(s.scores, Intent.SESSION, 3);
    }
    // "what's the target adapter and its contract", "jaki jest adapter docelowy": where the cutover goes, not a gate
    // or check whose label says target (unless a provider's target is asked)
    if (!s.act && targetAsked(s.words) && (s.provider == null || s.provider.score() < NAMED)) {
      add(s.scores, Intent.SESSION, 10);
    }
    // "where will production run", "gdzie będzie produkcja i na jakim adapterze": production's environment
    if (!s.act && !s.words.isEmpty() && Set.of("where", "gdzie").contains(s.words.get(0).text())
        && s.words.stream().anyMatch(w -> GO_TARGETS.contains(w.text()) || w.text().startsWith("produkcyj"))
        && s.words.stream().noneMatch(w -> BLOCK_VERBS.contains(w.text()) || WHY_WORDS.contains(w.text()))) {
      add(s.scores, Intent.SESSION, 10);
    }
    // "a docelowy prod na czym stoi?", "what will prod run on": production's environment and its adapter
    if (!s.act && s.provider == null && (s.thing == null || s.thing.id().equals(s.production))
        && s.words.stream().anyMatch(w -> w.text().equals("prod") || w.text().equals("prodzie")
        || w.text().startsWith("produkcj") || w.text().equals("production"))
        && (runsOn(s.words) || onWhat(s.words))) {
      add(s.scores, Intent.SESSION, 10);
    }
    // "what does <person> still need to sign": a person named with words asking what is still theirs
    if (s.actor != null && !s.actor.at().isEmpty() && s.scores.get(Intent.TASKS) >= 3 && !s.modal) {
      add(s.scores, Intent.TASKS, 3);
    }
    if (s.question.indexOf('%') >= 0) {
      add(s.scores, Intent.COUNT, 3);
    }
    if (s.purpose) {
      String proves = s.scenario.pipelines().stream().filter(p -> p.id().equals(s.pipeline.id())).map(p -> p.proves())
          .findFirst().orElse(null);
      if (proves != null) {
        s.thing = new Link(new Lexicon.Entity(Kind.GROUP, proves, List.of()), 5, Set.of());
        s.group = s.thing;
        add(s.scores, Intent.STATUS, 6);
      }
    }
    // words that name the thing asked about do not also ask for recent changes ("przekazania zmiany")
    if (s.thing != null && s.thing.score() >= NAMED && s.scores.get(Intent.RECENT) > 0) {
      s.scores.put(Intent.RECENT, cued(Intent.RECENT, outside(s.words, s.thing)));
    }
    // "what is stopping the cutover": when production is named about as clearly as another gate, words
    // asking what blocks say which was meant
    s.productionLink = s.links.stream().filter(l -> l.kind() == Kind.GROUP && l.id().equals(s.production))
        .findFirst().orElse(null);
    // (a thing called a gate is that gate: "why is the launch gate blocked" beside a production called "city-launch")
    if (s.productionLink != null && s.thing != null && s.thing != s.productionLink && s.scores.get(Intent.BLOCKERS) >= 1
        && s.productionLink.score() >= 0.9 * s.thing.score() && !gateWorded(s.words, s.thing)) {
      s.thing = s.productionLink;
      s.group = s.productionLink;
    }
  }

  /** What the things named say about the question; lists, decisions and the asker's own, counted or narrowed. */
  private static void scoreThings(Scan s) {
    s.productionNamed = s.group != null && s.group.id().equals(s.production) && s.thing == s.group;
    s.thingFit = fit(s.thing);
    // what the things named say about the question, whichever words asked it
    add(s.scores, Intent.STATUS, s.thing != null && !s.productionNamed ? 0.6 + s.thingFit : 0);
    add(s.scores, Intent.WHY, s.thing != null ? s.thingFit : 0);
    add(s.scores, Intent.OWNER, s.thing != null && !s.productionNamed ? s.thingFit : -1.5);
    add(s.scores, Intent.BLOCKERS, s.productionNamed ? 1.2 + s.thingFit : 0);
    // "why are routes blocked": why asked of a thing named is about that thing, not the overview of blocked gates
    if (s.thing != null && !s.productionNamed && !s.goLive
        && s.words.stream().anyMatch(w -> WHY_WORDS.contains(w.text()))
        && (s.thing.kind() == Kind.GROUP || s.thing.kind() == Kind.CHECK)) {
      add(s.scores, Intent.WHY, 1.5);
    }
    // "did Kasia finish compliance?", "czy Aga skończyła przenoszenie?": the thing's state, not the person's tasks
    // (the thing may be named by the word the person's role shares: "Kasia" the Compliance Officer, "compliance")
    // ("na czym stoją finanse u Halinki": a thing's state asked at someone's)
    if (s.actor != null && !s.act && !s.words.isEmpty() && (READY_QUESTION.contains(s.words.get(0).text())
        && s.words.stream().anyMatch(w -> finishWord(w.text())) || stateAskedAt(s.words))) {
      Link person = s.actor;
      Link finished = s.thing != null && s.thing.score() >= NAMED && !person.at().containsAll(s.thing.at()) ? s.thing
          : s.all.stream().filter(l -> (l.kind() == Kind.GROUP || l.kind() == Kind.CHECK)
              && l.score() >= BLOCKER_NAMED && !l.at().isEmpty() && person.at().size() > l.at().size())
              .max(Comparator.comparingDouble(Link::score).thenComparing(l -> l.kind() == Kind.GROUP)).orElse(null);
      if (finished != null) {
        s.thing = finished;
        add(s.scores, Intent.STATUS, 6);
        add(s.scores, Intent.TASKS, -4);
      }
    }
    // "what is blocking payments", "what's holding up the catalogue": what blocks that thing, not the overview
    if (s.thing != null && !s.productionNamed && !s.goLive && s.thing.score() >= 2
        && (s.thing.kind() == Kind.GROUP || s.thing.kind() == Kind.CHECK) && blockVerbBefore(s.words, s.thing)) {
      add(s.scores, Intent.WHY, 3);
    }
    // "list every gate that is not ready and who owns each": the overview, each gate with its owners
    s.gatesListed = (s.thing == null || s.thing.score() < NAMED || s.thing.id().equals(s.production))
        && s.cued.get(Intent.COUNT) < 3
        && gatesNotReadyAsked(s.words);
    if (s.gatesListed) {
      add(s.scores, Intent.BLOCKERS, 6);
      add(s.scores, Intent.NEXT, -4);
    }
    s.ownersListed = s.gatesListed && (s.whoAsked || s.cued.get(Intent.OWNER) >= 2);
    // "which decisions are still open, all of them, with who decides": every decision, none in particular
    // (not "who may record decisions", nor "kod decyzji": a permission and a code)
    // ("jakie decyzje infrastrukturalne zapadły": those of the group named)
    s.decisionsListed = !s.act && (s.thing == null || s.thing.score() < NAMED || s.productionNamed
        || s.thing == s.group)
        && s.cued.get(Intent.PERMISSION) < 2 && s.action != Action.ACCEPT && !codeAsked(s.words)
        && s.words.stream().noneMatch(w -> PEOPLE_WORDS.contains(w.text())) && !s.permissionNamed
        && s.words.stream().anyMatch(w -> DECISIONS_PLURAL.contains(w.text()))
        && s.words.stream().anyMatch(w -> LIST_WORDS.contains(w.text()) || ALL_WORDS.contains(w.text())
            || WH_WORDS.contains(w.text()));
    if (s.decisionsListed) {
      add(s.scores, Intent.STATUS, 10);
      add(s.scores, Intent.PERMISSION, -4);
    }
    // "how many checks do I own that aren't ready", "ile mam otwartych checków": the asker's own, counted
    if (s.cued.get(Intent.COUNT) >= 3 && s.firstPerson && s.facts.asker() != null && !s.duty
        && s.words.stream().anyMatch(w -> ITEM_WORDS.contains(w.text()) || w.text().startsWith("check"))) {
      add(s.scores, Intent.OWNED, 8);
    }
    // "which infrastructure decisions are still open and who makes them": the group's open items, each with its owner
    if (s.thing != null && s.thing == s.group && !s.productionNamed && !s.act && !s.firstPerson && !s.actorNamed
        && (s.words.stream().anyMatch(w -> LIST_WORDS.contains(w.text()) || ALL_WORDS.contains(w.text()))
        && s.words.stream().anyMatch(w -> ITEM_WORDS.contains(w.text()))
        || s.words.stream().anyMatch(w -> REMAINING.contains(w.text())))) {
      add(s.scores, Intent.STATUS, 8);
    }
    // "what does OCR run on and who owns it": a provider named better than anything else, its owner is in its card
    if (s.providerMeant && s.provider.score() > (s.thing == null ? 0 : s.thing.score()) && s.providerWorded
        && s.cued.get(Intent.OWNER) >= 2) {
      add(s.scores, Intent.PROVIDER, 4);
    }
    // "which interface do I own", "what in the runbook is mine": the asker's own within the group named, not the
    // group's owner
    if (s.firstPerson && s.facts.asker() != null
        && (s.ownWorded || s.words.stream().anyMatch(w -> w.text().equals("mine")))
        && !whoOwns(s.words) && !s.act && s.thing != null
        && s.thing == s.group && !s.productionNamed && s.group.score() >= NAMED) {
      s.actor = asker(s.facts.asker().id());
      add(s.scores, Intent.OWNED, 8);
    }
    // "is my gate ready", "czy moja bramka jest gotowa": the one gate the asker owns
    if (s.firstPerson && s.facts.asker() != null && !s.act && (s.thing == null || s.thing.score() < NAMED)
        && myGate(s.words)) {
      List<GroupDef> mine = s.scenario.groups().stream().filter(g -> s.facts.asker().id().equals(g.owner())).toList();
      if (mine.size() == 1) {
        s.thing = new Link(new Lexicon.Entity(Kind.GROUP, mine.get(0).id(), List.of()), NAMED, Set.of());
        s.group = s.thing;
        add(s.scores, Intent.STATUS, 6);
        add(s.scores, Intent.TASKS, -6);
      }
    }
    // a permission by its own name: "who has pipelines.run"
    if (s.permissionNamed) {
      add(s.scores, Intent.PERMISSION, 4);
    }
    // "is the national login thing working yet": a gate or pipeline named by the login words is that gate, not how
    // this console signs people in
    if (s.cued.get(Intent.PROVIDER) < 1 && s.words.stream().anyMatch(w -> LOGIN_WORDS.contains(w.text()))
        && s.links.stream().anyMatch(l ->
        (l.kind() == Kind.GROUP || l.kind() == Kind.PIPELINE) && l.score() >= NAMED
        && l.at().stream().anyMatch(i -> LOGIN_WORDS.contains(s.words.get(i).text())))) {
      add(s.scores, Intent.SESSION, -5);
    }
    // "czy mogę zmienić datę startu", "can i still switch the operator to payu": changing a decision is recording it
    // again ("start" there is in its name)
    if (s.modal && s.thing != null && s.thing.kind() == Kind.CHECK && s.thing.score() >= NAMED
        && hasOptions(s.scenario, s.thing.id()) && s.words.stream().anyMatch(w -> startsWithAny(w.text(),
        CHANGE_VERBS))) {
      s.action = Action.DECIDE;
    }
    // "mogę już zrobić testową wysyłkę?", "Kasia może już robić uzgodnienie wpłat?": doing a check is its own action
    if (s.action == null && s.modal && (s.actor != null || s.firstPerson) && s.thing != null
        && s.thing.kind() == Kind.CHECK && s.thing.score() >= NAMED
        && s.words.stream().anyMatch(w -> DO_VERBS.contains(w.text()) || w.text().equals("robic"))) {
      s.action = hasOptions(s.scenario, s.thing.id()) ? Action.DECIDE : Action.ACCEPT;
    }
    // "what can I sign off right now": the asker's own tasks, not whether they hold the permission
    if (s.modal && s.firstPerson && s.action != null && !s.act && !s.words.isEmpty()
        && WH_WORDS.contains(s.words.get(0).text())
        && (s.thing == null || s.thing.score() < NAMED || verbOnly(s.thing, s.words))) {
      add(s.scores, Intent.TASKS, 4);
    }
    // "can I run the connection check myself": whether the asker may, and who may if not
    if (s.modal && s.firstPerson && s.action != null && !s.act && yesNo(s.words)
        && (s.pipeline != null || s.thing != null && s.thing.score() >= NAMED)) {
      add(s.scores, Intent.PERMISSION, 4);
      add(s.scores, Intent.TASKS, -6);
    }
    // "can we kick off the dry run now or is it still blocked": whether it starts now, its blocker said with the no
    if (s.modal && s.action == Action.RUN && !s.act && s.pipeline != null && s.pipeline.score() >= BLOCKER_NAMED
        && s.words.stream().noneMatch(w -> WHY_WORDS.contains(w.text()))) {
      add(s.scores, Intent.PERMISSION, 3);
    }
    // "has anyone signed anything off yet": what someone did, whatever a sign-off's word names
    if (s.words.stream().anyMatch(w -> SOMEONE.contains(w.text())) && s.cued.get(Intent.RECENT) >= 2 && !s.modal) {
      add(s.scores, Intent.RECENT, 5);
    }
    // "kto może zaakceptować X": who may, not who did ("ktoś zaakceptował")
    if (s.modal) {
      add(s.scores, Intent.RECENT, -2);
    }
    add(s.scores, Intent.TASKS, s.actor != null ? 0.8 + fit(s.actor) : s.firstPerson ? 0.8 : -3);
    // "what should X do now?" asks for their tasks, not for whoever's next step
    add(s.scores, Intent.NEXT, s.actor != null && s.scores.get(Intent.TASKS) > 2 ? -2 : 0);
    add(s.scores, Intent.PERMISSION, s.actor != null && s.action != null || s.pipeline != null && s.action == Action.RUN
        ? 1.0 : s.actor == null && s.action == null && s.scores.get(Intent.PERMISSION) < 3 ? -1.5 : 0);
    // "can the driver accept ...", "czy X moze zapisac ...": whether someone may, not what something is
    if (s.modal && s.actor != null && s.action != null && !s.act && !(s.firstPerson && s.tasksWorded >= 2)) {
      add(s.scores, Intent.PERMISSION, 3);
    }
    // "kto może podpisać X - tylko Aga czy ktoś z nas też?": who may sign a check is its owner, whoever is named
    // ("can anyone else record the hosting decision or only me?": whether it is anyone's but its owner's)
    if (s.modal && !s.act && (s.action == Action.ACCEPT || s.action == Action.DECIDE) && !s.words.isEmpty()
        && (WHO.contains(s.words.get(0).text()) || s.words.stream().anyMatch(w -> SOMEONE.contains(w.text()))
        && s.words.stream().anyMatch(w -> w.text().equals("only") || w.text().equals("tylko")))
        && s.thing != null && s.thing.kind() == Kind.CHECK && s.thing.score() >= NAMED) {
      add(s.scores, Intent.OWNER, 5);
    }
    // "which checks does Ewa own", "list every check I own": all of one person's checks, not one thing's owner
    // ("who owns the drivers' offline sync" asks for a thing's owner: a person named there is not the subject)
    if (s.actor != null && s.action == null && !s.act && (s.thing == null || s.thing.score() < NAMED)
        && s.provider == null && !whoOwns(s.words) && s.words.stream().anyMatch(QuestionReader::ownWord)) {
      add(s.scores, Intent.OWNED, 6);
    }
    // "can the dry-run be started now": whether the server would start it, not what the gate it proves is
    // ("da się uruchomić": a modal's infinitive, which the past "się uruchomił(a)" cues match by their stem)
    if (s.modal && s.actor == null && s.pipeline != null && s.action == Action.RUN && !s.act) {
      add(s.scores, Intent.PERMISSION, 3);
      add(s.scores, Intent.PIPELINE_RESULT, -2);
    }
    // "how many provider contracts are mapped": a thing named far more clearly than a provider is what is asked about
    if (s.provider != null && s.thing != null && s.thing.score() > 1.5 * s.provider.score() && !s.providerMeant) {
      add(s.scores, Intent.PROVIDER, -2);
    }
  }

  /** Providers listed, counted or the asker's own; the way back, pipelines, the console's API, scope. */
  private static void scoreTopics(Scan s) {
    // "list the providers", "which providers are mocked": several providers, none in particular
    s.providersWorded = providersWorded(s.words);
    // "ilu jest dostawców w sumie": the providers counted, not a gate whose label says provider
    s.providersCounted = s.providersWorded && s.scores.get(Intent.COUNT) >= 3
        && (s.thing == null || s.thing.score() < NAMED || providerWordsOnly(s.thing, s.words));
    // "which integrations are not on production yet": the providers not in their target mode, though it names
    // production
    s.notProduction = s.providersWorded && notProductionAsked(s.words);
    s.providers = s.providersCounted || s.notProduction || s.thing == null || s.thing.score() < NAMED
        || s.providerMeant
        ? providersListed(s.words, s.links, s.scenario, s.providersCounted ? null : s.provider) : List.of();
    if (!s.providers.isEmpty()) {
      add(s.scores, Intent.PROVIDER, s.providersCounted || s.notProduction ? 9 : 5);
    }
    // "which providers are mine", "jakie providery są moje": the asker's own providers, not their tasks
    s.providersMine = s.providersWorded && s.firstPerson && s.facts.asker() != null && !s.act
        && (s.ownWorded || s.words.stream().anyMatch(w -> MY.contains(w.text()) || w.text().equals("mine")));
    if (s.providersMine) {
      add(s.scores, Intent.PROVIDER, 8);
      add(s.scores, Intent.TASKS, -8);
    }
    // "have patients been notified": the words naming a provider name a check more clearly
    if (s.provider != null && s.thing != null && !s.providerMeant && s.thing.at().containsAll(s.provider.at())) {
      add(s.scores, Intent.PROVIDER, -2);
    }
    // "is anything waiting on the medical director": a person named more clearly than a provider is who is meant
    if (s.provider != null && s.actor != null && s.actor.score() > s.provider.score()) {
      add(s.scores, Intent.PROVIDER, -2);
    }
    s.ownCheck = s.provider != null && s.thing != null && s.thing.id().equals(providerCheck(s.facts, s.provider.id()));
    add(s.scores, Intent.PROVIDER, s.provider != null ? 0.9 + fit(s.provider) + (s.providerMeant ? 1.5 : 0)
        + (s.ownCheck ? 1.0 : 0) : -3);
    if (s.whatIs) {
      add(s.scores, Intent.MEANING, 9);
    }
    // the console's own words asked what they mean: "blocked" in it is not a question about blockers
    add(s.scores, Intent.MEANING, s.code != null ? 3 + fit(s.code) + (s.groupCodeAsked ? 2 : 0)
        : !s.terms.isEmpty() ? 5.5 : -3);
    add(s.scores, Intent.SESSION, s.environment != null ? 0.6 + fit(s.environment) : 0);
    // "who answers for a rollback to the depot server": the way back to an environment named is the session's
    // "suma kontrolna" by its own forms: "kontroli" and "w sumie" ask about checks
    if (s.words.stream().anyMatch(w -> w.text().startsWith("kontroln"))
        && s.words.stream().anyMatch(w -> w.text().startsWith("sum"))) {
      add(s.scores, Intent.SNAPSHOT, 4);
    }
    // "who is the rollback owner and which adapter do we fall back to": the way back, both its owner and adapter
    // "if we have to roll back, who owns that": the way back itself, when no gate of that name is meant
    s.rollback = rollbackAsked(s.words) && (s.environment != null || s.scores.get(Intent.SESSION) >= 2
        || s.thing == null && s.whoAsked || fallBackAsked(s.words));
    // ("podpisz za Jane akceptację drogi powrotu": a request naming the way back is still a request)
    if (s.rollback && !s.act) {
      // its owner asked as well ("who owns the rollback and which adapter"): the way back says both
      add(s.scores, Intent.SESSION, s.environment != null ? 6 : 10);
    }
    // a pipeline named outright outweighs the gate of the same name ("has the dry-run been run?")
    add(s.scores, Intent.PIPELINE_RESULT, s.pipeline != null ? 0.8
        : s.check != null && pipelineOf(s.scenario, s.check.id()) != null ? 0.5 : -3);
    // "what endpoint and TLS fingerprint did we record": what a pipeline step's run found, not the check's status
    // (not "what does the TLS fingerprint check prove": what it is for)
    if (!s.act && !s.lastWrite && s.cued.get(Intent.PIPELINE_RESULT) >= 2 && s.check != null
        && pipelineOf(s.scenario, s.check.id()) != null && !purposeAsked(s.words)
        && s.words.stream().noneMatch(w -> w.text().startsWith("prov") || w.text().startsWith("potwierdz"))) {
      add(s.scores, Intent.PIPELINE_RESULT, 6);
    }
    add(s.scores, Intent.COUNT, s.thing != null ? 0.3 : 0);
    if (s.act) {
      // "pull my GDPR sign-off back pls, need to fix the register first": a request, whatever duty it mentions
      add(s.scores, Intent.ACT_REQUEST, pullBack(s.words) ? 10 : 6);
      // "zatwierdź tabelę taryf za Magdę": a request names a check, whatever batch of rows its words also name
      add(s.scores, Intent.SNAPSHOT, -4);
      // ("zaakceptuj paragony fiskalne zamiast Roberta": nor a provider its owner is named beside)
      add(s.scores, Intent.PROVIDER, -4);
    }
    // "rbac-claims - can another tenant see our rows?", "ile statementów poszło w schema-map": a step named by its own
    // id asks what its run found, not the snapshot's rows nor the gates counted
    if (!s.act && (s.scores.get(Intent.SNAPSHOT) >= 3 || s.scores.get(Intent.COUNT) >= 3) && stepNamed(s)
        && s.words.stream().noneMatch(w -> WHO.contains(w.text()))) {
      add(s.scores, Intent.PIPELINE_RESULT, 8);
    }
    if (s.duty && !s.act) {
      add(s.scores, Intent.TASKS, 4);
    }
    if (s.value && !s.act) {
      add(s.scores, Intent.STATUS, 5);
      add(s.scores, Intent.PROVIDER, -5);
    }
    if (s.traffic && !s.act) {
      add(s.scores, Intent.BLOCKERS, 6);
      add(s.scores, Intent.PROVIDER, -5);
    }
    // "czemu rozliczenia dalej nie są zielone": why a group is not ready, though a provider shares its words
    // (not "why can't Ewa sign off the payments reconciliation": a check, and whether she may)
    if (!s.act && !s.modal && s.provider != null && s.words.stream().anyMatch(w -> WHY_WORDS.contains(w.text()))) {
      Link provider = s.provider;
      Link group = s.all.stream().filter(l -> l.kind() == Kind.GROUP && l.score() >= MIN_LINK
          && l.at().stream().anyMatch(provider.at()::contains)).max(Comparator.comparingDouble(Link::score))
          .orElse(null);
      if (group != null && (s.check == null || s.check.score() < group.score())) {
        s.thing = group;
        s.group = group;
        add(s.scores, Intent.WHY, 6);
        add(s.scores, Intent.PROVIDER, -6);
      }
    }
    // "gdzie siedzi sesja pulpitu, w pliku czy w bazie": where the console keeps its state, a file or a database
    // (not "is the bank ok with our test file or not": a file a check is named by)
    if (!s.act && (s.provider == null || s.provider.score() < NAMED)
        && s.words.stream().anyMatch(w -> FILE_WORDS.contains(w.text())) && s.links.stream().noneMatch(l ->
        (l.kind() == Kind.CHECK || l.kind() == Kind.GROUP) && l.score() >= NAMED
            && l.at().stream().anyMatch(i -> FILE_WORDS.contains(s.words.get(i).text())))
        && s.words.stream().anyMatch(w -> w.text().equals("gdzie") || w.text().equals("where")
        || w.text().equals("czy") || w.text().equals("or"))) {
      add(s.scores, Intent.SESSION, 8);
    }
    if (s.lastWrite && !s.act) {
      add(s.scores, Intent.SESSION, 6);
      // "kto ostatni coś zapisał": a write's words name no run unless a pipeline is named
      if (s.pipeline == null || s.pipeline.score() < NAMED) {
        add(s.scores, Intent.PIPELINE_RESULT, -4);
      }
    }
    // "what broke in the connection check", "który krok się wywalił w pierwszym dry runie": a named pipeline's
    // failure is its runs' (named in a Polish case too)
    if (!s.act && s.words.stream().anyMatch(w -> FAILED_WORDS.contains(w.text()))
        && (s.pipeline != null && s.pipeline.score() >= BLOCKER_NAMED || pipelineWordsAfter(s, -1) != null)) {
      add(s.scores, Intent.PIPELINE_RESULT, 6);
    }
    // "which step of the dry run failed", "postgres version the connection check hit": what a named pipeline's run
    // found (not "next step", nor a step named as a check)
    if (s.pipeline != null && s.pipeline.score() >= MIN_LINK && !s.act
        && (s.check == null || s.check.score() < s.pipeline.score())
        && s.words.stream().anyMatch(w -> RUN_DETAIL_WORDS.contains(w.text()))) {
      add(s.scores, Intent.PIPELINE_RESULT, 4);
    }
    // "czy drugi dry-run coś zmienił vs pierwszy? ten sam checksum?": the runs compared, not the snapshot
    if (s.pipeline != null && s.pipeline.score() >= MIN_LINK && !s.act && runsCompared(s.words)) {
      add(s.scores, Intent.PIPELINE_RESULT, 8);
      s.scores.put(Intent.SNAPSHOT, 0.0);
    }
    // "czy dry run już kiedyś szedł? jak wyszedł": whether it ran and how, not the gate it proves
    if (s.pipeline != null && s.pipeline.score() >= BLOCKER_NAMED && !s.act && !s.words.isEmpty()
        && (YES_NO.contains(s.words.get(0).text()) || READY_QUESTION.contains(s.words.get(0).text()))
        && s.words.stream().anyMatch(w -> ranForm(w.text()))) {
      add(s.scores, Intent.PIPELINE_RESULT, 4);
    }
    // "dpd - what's it running on now vs after go live": a provider's mode now and its target
    if (s.provider != null && s.provider.score() >= NAMED && !s.act && runsOn(s.words)) {
      add(s.scores, Intent.PROVIDER, 8);
    }
    // "kto był ostatni przy dry-runie? Paweł?", "who was last on the dry run": who started its last run
    if (s.pipeline != null && s.pipeline.score() >= MIN_LINK && !s.act && !s.words.isEmpty()
        && WHO.contains(s.words.get(0).text()) && s.words.stream().anyMatch(w -> LAST_WORDS.contains(w.text())
        || w.text().startsWith("ostatni"))) {
      add(s.scores, Intent.PIPELINE_RESULT, 6);
    }
    // "kto odpowiada za X i czy to już gotowe": whose it is, said with its state
    if (!s.act && s.thing != null && s.thing.score() >= MIN_LINK && !s.words.isEmpty()
        && WHO.contains(s.words.get(0).text()) && whoOwns(s.words)
        && s.words.stream().anyMatch(w -> isDoneWord(w.text()))
        && (s.provider == null || s.provider.score() < s.thing.score())) {
      add(s.scores, Intent.OWNER, 2);
    }
    // "what happened w/ agnieszka's sms consent signoff", "co się stało z podpisem X": that check's story
    if (!s.act && s.check != null && s.check.score() >= NAMED && s.thing == s.check
        && s.words.stream().anyMatch(w -> w.text().equals("happened") || w.text().equals("stalo"))) {
      add(s.scores, Intent.STATUS, 8);
      add(s.scores, Intent.TASKS, -6);
    }
    // "besides the parallel run whats still left before go-live", "co poza PCI jeszcze zostało": what production waits
    // for, the thing named set aside (it is among them anyway)
    if (!s.act && s.thing != null && !s.thing.at().isEmpty() && s.words.stream().anyMatch(w -> REMAINING.contains(
        w.text()) || w.text().equals("brakuje"))) {
      int at = Collections.min(s.thing.at());
      boolean aside = at > 0 && OTHERS.contains(s.words.get(at - 1).text())
          || at > 1 && OTHERS.contains(s.words.get(at - 2).text()) && NOUN_MARKERS.contains(s.words.get(at - 1).text());
      if (aside) {
        s.thing = null;
        s.check = null;
        s.group = null;
        add(s.scores, Intent.BLOCKERS, 8);
      }
    }
    // "what's left?", "co jeszcze zostało?", "czego brakuje?": nothing named and nobody's, so what production waits for
    // (not "ile bramek gotowych a ile zostało": both counted)
    if (s.thing == null && s.actor == null && !s.firstPerson && !s.act && s.words.size() <= 6
        && s.cued.get(Intent.COUNT) < 3
        && s.words.stream().anyMatch(w -> REMAINING.contains(w.text()) || w.text().equals("brakuje"))) {
      add(s.scores, Intent.BLOCKERS, 4);
    }
    // "who else apart from me is still holding things up": what production waits for, by person, the asker aside
    boolean othersHolding = s.others && s.thing == null && !s.act && s.facts.asker() != null
        && (s.cued.get(Intent.BLOCKERS) >= 1 || s.words.stream().anyMatch(w -> BLOCK_VERBS.contains(w.text())))
        && s.words.stream().anyMatch(w -> WHO.contains(w.text()));
    // "who has the most open items", "kto poza mną ma najwięcej otwartych rzeczy": production's open checks by person,
    // the one with most first
    s.mostOpen = s.thing == null && !s.act && (s.actor == null || s.actor.at().isEmpty())
        && s.words.stream().anyMatch(w -> WHO.contains(w.text()))
        && s.words.stream().anyMatch(w -> MOST_WORDS.contains(w.text()))
        && s.words.stream().anyMatch(w -> OPEN_WORDS.contains(w.text()) || ITEM_WORDS.contains(w.text())
        || THING_WORDS.contains(w.text()));
    // "who is holding up the season opening", "kto wstrzymuje otwarcie sezonu": whoever owes its open checks; with
    // nothing named ("which gate is still open and who's holding it up"), production's
    boolean holdingUp = !s.act && (s.actor == null || s.actor.at().isEmpty()) && whoHolds(s.words);
    if (holdingUp) {
      // a group or check named, though the provider of the same words scores higher ("kto blokuje powiadomienia");
      // not one named only by "open" ("which gate is still open": the "season opening" is not named)
      s.thing = s.links.stream().filter(l -> (l.kind() == Kind.GROUP || l.kind() == Kind.CHECK)
          && l.at().stream().noneMatch(i -> OPEN_WORDS.contains(s.words.get(i).text())))
          .max(Comparator.comparingDouble(Link::score).thenComparing(l -> l.kind() == Kind.GROUP)).orElse(null);
    }
    s.chase |= holdingUp;
    // "what is still left and who has to do it": nothing named, so what production waits for, by person
    // ("apart from me who still has to do something", "kto jeszcze poza mną musi coś zrobić": everyone else's)
    // (not "who else besides me can kick off pipelines": who may)
    boolean othersThanMe = s.others && s.facts.asker() != null && s.actor != null && s.action == null
        && !s.modal && !s.permissionNamed && s.pipeline == null
        && s.actor.id().equals(s.facts.asker().id()) && s.words.stream().anyMatch(w -> w.text().equals("me")
        || w.text().equals("mna") || w.text().equals("mnie"));
    // ("kto jeszcze musi coś klepnąć, żebyśmy ruszyli": everyone who still owes something, the asker too)
    // ("who else still has to sign something": the same, but for the others)
    boolean stillOwed = s.others && s.words.stream().anyMatch(w -> STILL.contains(w.text())) && !s.modal
        && WHO.contains(s.words.get(0).text())
        && s.words.stream().anyMatch(w -> ANYTHING.contains(w.text()));
    if ((s.chase && s.actor == null && (s.leftAndWho || holdingUp) || othersHolding || s.mostOpen || othersThanMe
        || stillOwed) && s.thing == null && !s.act) {
      s.thing = new Link(new Lexicon.Entity(Kind.GROUP, s.production, List.of()), NAMED, Set.of());
    }
    // "besides me, who else has to sign in X": the other owners of X's open checks
    if ((s.others || s.chase || s.mostOpen) && s.thing != null && !s.act) {
      // "what is left before go-live and who has to do it": by person, not the overview of gates
      add(s.scores, Intent.OTHER_OWNERS, s.thing.id().equals(s.production)
          && (s.chase && s.leftAndWho || othersHolding || s.mostOpen || holdingUp || stillOwed) ? 16 : 8);
      // "who owns each item": each open check's owner, not the group's
      add(s.scores, Intent.OWNER, s.chase ? -6 : 0);
      // "who else still has to sign": what others owe, however much of it reads like the asker's own list
      add(s.scores, Intent.TASKS, -8);
    }
    if (s.links.isEmpty() && s.scores.values().stream().allMatch(score -> score < 1.5)) {
      add(s.scores, Intent.OUT_OF_SCOPE, 1);
    }
    // "which pipelines do we have, has any of them run": every pipeline with its last run, none in particular
    // (not "who may run the pipelines": a permission)
    s.pipelinesListed = !s.act && !s.modal && pipelinesAsked(s.words)
        && (s.pipeline == null || s.pipeline.score() < NAMED) && s.cued.get(Intent.PERMISSION) < 2
        && !s.permissionNamed;
    if (s.pipelinesListed) {
      s.scores.put(Intent.OUT_OF_SCOPE, 0.0);
      add(s.scores, Intent.PIPELINE_RESULT, 10);
    }
    // "for a CI script: which endpoint starts the connection check": the console's own API for a thing named is
    // known; a pipeline's is the one that starts it, a check's the command that moves it
    s.api = null;
    // ("czy kontrola połączenia przeszła? na jaki endpoint?": the endpoint its run reached, asked with its result)
    if (!s.act && apiAsked(s.words, s.links) && s.cued.get(Intent.PIPELINE_RESULT) < 2
        && (s.pipeline != null || s.thing != null && s.thing.score() >= NAMED)
        && !s.words.isEmpty() && !WRITE_WORDS.contains(s.words.get(0).text())) {
      s.scores.put(Intent.OUT_OF_SCOPE, 0.0);
      s.api = s.pipeline != null && (s.action == Action.RUN || s.thing == null || s.thing.kind() != Kind.CHECK)
          ? s.pipeline.id() : s.thing != null ? provedBy(s.scenario, s.thing.id()) : null;
      if (s.api == null && s.thing != null && s.thing.kind() == Kind.CHECK && s.action == Action.RUN) {
        s.api = pipelineOf(s.scenario, s.thing.id());
      }
      add(s.scores, s.api != null ? Intent.PIPELINE_RESULT : Intent.STATUS, 8);
    }
    // "write me a bash script that polls the gate": a script to write is out of scope ("ci script here: what code
    // does go-live return" is someone scripting against the console, asking its facts)
    if (s.words.stream().anyMatch(w -> SCRIPT_WORDS.contains(w.text()))
        && s.words.stream().anyMatch(w -> SCRIPT_VERBS.contains(w.text()))) {
      add(s.scores, Intent.OUT_OF_SCOPE, 4);
    }
    // "can u plan tomorrow's routes for X", "zamów kuriera": the business's own work, not the cutover's state
    if (workRequested(s.words) && s.links.stream().noneMatch(l -> (l.kind() == Kind.GROUP || l.kind() == Kind.CHECK
        || l.kind() == Kind.PIPELINE) && l.score() >= NAMED)) {
      add(s.scores, Intent.OUT_OF_SCOPE, 4);
    }
    // "recommend me a good crime novel for the weekend": declined, whatever "weekend" names
    if (recommended(s.words, 0)) {
      add(s.scores, Intent.OUT_OF_SCOPE, 4);
    }
    // "napisz wiersz", "wierszyk o bramkach": a poem, by the word's own forms ("wierszy" are a table's rows, though
    // the lemma is the same: "izolacja wierszy")
    if (s.words.stream().anyMatch(w -> POEM_WORDS.contains(w.text()))) {
      add(s.scores, Intent.OUT_OF_SCOPE, 4);
    }
    // "napisz mi maila do klienta", "can you send an email to the customer": a message to write
    if (s.words.stream().anyMatch(w -> MAIL_WORDS.contains(w.text()))
        && s.words.stream().anyMatch(w -> WRITE_WORDS.contains(w.text()) || MESSAGE_VERBS.contains(w.text()))) {
      add(s.scores, Intent.OUT_OF_SCOPE, 4);
    }
    if (documentRequested(s.words)) {
      add(s.scores, Intent.OUT_OF_SCOPE, 14);
    }
    // "what's the EUR/PLN rate today", "kurs euro": an exchange rate, whatever currency a decision names
    if (s.words.stream().anyMatch(w -> RATE_WORDS.contains(w.text()))
        && s.words.stream().anyMatch(w -> CURRENCY_WORDS.contains(w.text()))) {
      add(s.scores, Intent.OUT_OF_SCOPE, 4);
    }
    // "napisz wiersz o aptece", "write a poem about X": a request for a poem is one, whatever a word of it names
    if (!s.words.isEmpty() && WRITE_WORDS.contains(s.words.get(0).text()) && cued(Intent.OUT_OF_SCOPE, s.words) >= 4) {
      s.scores.put(Intent.OUT_OF_SCOPE, Math.max(s.scores.get(Intent.OUT_OF_SCOPE), 4.0));
      add(s.scores, Intent.SNAPSHOT, -4);
    }
    // a cost, a poem or the weather is out of scope even when it names a thing ("hosting cost per month")
    // (but "is the football ticket sale approved?" asks a thing's state: the word says which thing, in its trade)
    if (stateOfNamed(s)) {
      s.scores.put(Intent.OUT_OF_SCOPE, 0.0);
    } else if (s.scores.get(Intent.OUT_OF_SCOPE) >= 4 && !s.act && !s.rowsCounted) {
      add(s.scores, Intent.OUT_OF_SCOPE, 10);
    }
    // "zaakceptuj za Oksanę harmonogram, mam jej zgodę na mailu": a request to sign, decide or run, whatever else it
    // mentions, is refused (read-only), not declined
    if (s.act && s.action != null) {
      s.scores.put(Intent.OUT_OF_SCOPE, 0.0);
    } else if (s.act && !s.words.isEmpty() && WRITE_WORDS.contains(s.words.get(0).text())
        && cued(Intent.OUT_OF_SCOPE, s.words) >= 4) {
      // "zrób mi zapytanie SQL": something to write for someone, declined, not a command refused
      s.act = false;
      add(s.scores, Intent.OUT_OF_SCOPE, 10);
      s.scores.put(Intent.ACT_REQUEST, 0.0);
    }

  }

  /** Counts: statuses, people, groups, the gates of a status listed. */
  private static void scoreCounts(Scan s) {
    // "how many gates are blocked": a status counted, unless a thing named clearly is what is counted
    // "why is go-live blocked? every reason": the status is the question's word for not ready, not a filter
    s.status = (s.thing == null || s.thing.score() < NAMED)
        && s.words.stream().noneMatch(w -> WHY_WORDS.contains(w.text())) ? statusNamed(s.words) : null;
    if (s.status != null && s.scores.get(Intent.COUNT) >= 3) {
      add(s.scores, Intent.COUNT, 2);
    }
    // "does Magda have anything she can sign off today", "is there anything I can sign off": their sign-offs
    // now, not whether they hold the permission
    if (!s.act && s.action != null && s.thing == null && s.actor != null
        && s.words.stream().anyMatch(w -> ANYTHING.contains(w.text()))) {
      add(s.scores, Intent.TASKS, 5);
    }
    // "is Zbigniew blocked on anything", "Agnieszka ma coś zablokowanego": what that person is held up on
    if (!s.act && s.thing == null && s.actor != null && !s.actor.at().isEmpty() && s.actor.score() >= NAMED
        && s.words.stream().anyMatch(w -> w.text().equals("blocked") || w.text().startsWith("zablokowan")
        || w.text().equals("stuck"))) {
      add(s.scores, Intent.TASKS, 5);
    }
    // "ile grup (razem z tymi spoza listy bramek) nie jest gotowych": groups counted, whatever a word of it names
    s.groupsCounted = groupsCounted(s.words) && !s.act;
    if (s.groupsCounted) {
      add(s.scores, Intent.COUNT, 8);
    }
    // "how many people are in this scenario", "ile jest ról": the actors, counted and named
    // (a check named by those words, "staff roles", is no number: the people are what is counted)
    // (not "overall % done? people say we're not live": a percentage is of the work)
    // ("how many people are in the RBAC map": the people asked by name, whatever else the words name)
    // ("who are the actors here", "kto jest w tym projekcie": the people, listed)
    boolean listed = peopleListed(s.words);
    s.people = (s.scores.get(Intent.COUNT) >= 3 || listed) && !s.actorNamed && s.action == null
        && (s.thing == null || s.thing.score() < NAMED || s.thing.kind() == Kind.CHECK || peopleCounted(s.words))
        && (listed || s.words.stream().anyMatch(w -> PEOPLE_WORDS.contains(w.text()))) && s.question.indexOf('%') < 0
        && s.words.stream().noneMatch(w -> w.text().startsWith("percent") || w.text().startsWith("procent"));
    if (s.people) {
      add(s.scores, Intent.COUNT, listed ? 10 : 5);
    }
    // "how many people can record decisions", "ile osób może podejmować decyzje": who holds the permission, counted
    s.holdersCounted = s.scores.get(Intent.COUNT) >= 3 && !s.actorNamed && s.action != null && !s.act
        && (s.thing == null || s.thing.score() < NAMED)
        && s.words.stream().anyMatch(w -> PEOPLE_WORDS.contains(w.text()));
    if (s.holdersCounted) {
      add(s.scores, Intent.PERMISSION, 12);
    }
    if (s.scores.get(Intent.COUNT) >= 3 && statusesNamed(s.words) >= 2) {
      add(s.scores, Intent.COUNT, 6);
    }
    if ((s.thing == null || s.thing.score() < NAMED) && readyGatesListed(s.words)) {
      add(s.scores, Intent.COUNT, 8);
    }
    // "how many gates are there and which are ready": the count, and the gates of the status asked named
    s.listed = s.scores.get(Intent.COUNT) >= 3 && s.words.stream().anyMatch(w -> LIST_WORDS.contains(w.text()))
        ? s.status != null ? s.status : s.words.stream().anyMatch(w -> READY_WORDS.contains(w.text()))
        ? notAfterListing(s.words) ? NOT_READY : "READY" : null
        : null;
    // "when was the last write": the live session's last write, said even when there is none
    s.whenAsked = s.words.stream().anyMatch(w -> LAST_OR_WHEN_WORDS.contains(w.text()));
  }

  /** The best reading and, when another is close or joined, a second one; then what else it asks of its thing. */
  private static Question chosen(Scan s) {
    s.first = null;
    s.second = null;
    for (Intent intent : Intent.values()) {
      double score = s.scores.getOrDefault(intent, 0.0);
      if (score <= 0.5) {
        continue;
      }
      if (s.first == null || score > s.scores.get(s.first)) {
        s.second = s.first;
        s.first = intent;
      } else if (s.second == null || score > s.scores.get(s.second)) {
        s.second = intent;
      }
    }
    s.language = s.lang;
    // "what's APP_RELEASE_DECISION now", "ile zmiennych ma eksport env release": the packets' own values
    if (s.env != null && s.first != Intent.ACT_REQUEST) {
      return new Question(s.language, Intent.MEANING, ENV + s.env, List.of(call("packetEnv", "name", s.env)),
          s.actor == null ? null : s.actor.id(), s.action, null, null);
    }
    // "czemu dry run nie ruszył?", "why hasn't the dry-run started": it never ran, nothing holds it, and who may start
    // it (one that waits for its dependency is answered by what it waits for; one that ran, by its run)
    if (s.first != Intent.ACT_REQUEST && s.pipeline != null && s.pipeline.score() >= BLOCKER_NAMED
        && !s.facts.ran(s.pipeline.id()) && !"BLOCKED".equals(s.facts.status(provedGroup(s.scenario, s.pipeline.id())))
        && s.words.stream().anyMatch(w -> WHY_WORDS.contains(w.text()))
        && s.words.stream().anyMatch(w -> NOT_WORDS.contains(w.text()))
        && s.words.stream().anyMatch(w -> STARTED_WORDS.contains(w.text()) || ranForm(w.text()))) {
      return new Question(s.language, Intent.PIPELINE_RESULT, s.pipeline.id(),
          List.of(call("lastRun", "pipeline", s.pipeline.id())), s.actor == null ? null : s.actor.id(), s.action,
          null, null);
    }
    // "who on the team has audit.read": the holders of a permission of the scenario's own, named as written
    String held = s.first == Intent.ACT_REQUEST || s.words.stream().noneMatch(w -> WHO.contains(w.text())) ? null
        : scenarioPermission(s.question, s.scenario);
    if (held != null) {
      return new Question(s.language, Intent.PERMISSION, HOLDERS + held, List.of(call("summary", null, null)), null,
          null, null, null);
    }
    // "co znaczy, że RLS jest wymuszone w dry-runie": what RLS is, though the dry-run's own words are there too
    if (s.first != Intent.ACT_REQUEST && s.terms.contains("rls")) {
      return new Question(s.language, Intent.MEANING, String.join(" ", s.terms), List.of(), null, null, null, null);
    }
    // "how long did each step of the connection check take", "ile ms zajął replay w dry runie": the last run told
    // whole, each step with the time it took (and the run that passed, asked of: "w udanym checku połączenia")
    String timed = s.first == Intent.ACT_REQUEST || s.words.stream().noneMatch(w -> DURATION_WORDS.contains(w.text()))
        ? null : s.check != null && s.check.score() >= NAMED && pipelineOf(s.scenario, s.check.id()) != null
        && (s.pipeline == null || s.check.score() > s.pipeline.score()) ? pipelineOf(s.scenario, s.check.id())
        : s.pipeline != null && s.pipeline.score() >= BLOCKER_NAMED ? s.pipeline.id()
        : s.check != null && s.check.score() >= NAMED ? pipelineOf(s.scenario, s.check.id()) : null;
    if (timed != null) {
      Set<String> asks = new HashSet<>(Set.of(ASKS_DURATION));
      if (s.words.stream().anyMatch(w -> PASSED_RUN_WORDS.contains(w.text()))) {
        asks.add(ASKS_PASSED);
      }
      return new Question(s.language, Intent.PIPELINE_RESULT, timed, List.of(call("lastRun", "pipeline", timed)),
          s.actor == null ? null : s.actor.id(), s.action, null, null, Set.copyOf(asks));
    }
    // "which steps does the dry-run go thru", "jakie kroki ma kontrola połączenia": the pipeline's steps in order
    // (steps in the plural: "what did the isolation step prove" asks of one)
    if (s.first != Intent.ACT_REQUEST && s.pipeline != null && s.pipeline.score() >= BLOCKER_NAMED
        && s.words.stream().anyMatch(w -> STEPS_PLURAL.contains(w.text()))
        && s.words.stream().anyMatch(w -> WHAT_WHICH.contains(w.text()) || ALL_WORDS.contains(w.text()))
        && s.words.stream().noneMatch(w -> FAILED_WORDS.contains(w.text()) || SKIPPED_WORDS.contains(w.text())
        || w.text().startsWith("pass") || w.text().startsWith("przesz") || w.text().startsWith("zalicz"))) {
      return new Question(s.language, Intent.PIPELINE_RESULT, s.pipeline.id(),
          List.of(call("lastRun", "pipeline", s.pipeline.id())), s.actor == null ? null : s.actor.id(), s.action,
          null, null, Set.of(ASKS_STEPS));
    }
    // "which step failed in pawels run": the pipeline that person ran last, when no pipeline is named
    String runBy = s.first == Intent.ACT_REQUEST || s.actor == null || s.pipeline != null && s.pipeline.score() >= NAMED
        || !runOf(s.words, s.actor) ? null : s.facts.latestRunBy(s.actor.id());
    if (runBy != null || s.latestRun && s.first == Intent.PIPELINE_RESULT) {
      // ("which steps got skipped on that failed run": the run that failed last, though another finished after it)
      boolean failed = s.words.stream().anyMatch(w -> FAILED_WORDS.contains(w.text()))
          && s.facts.latestFailedRun() != null;
      String pipeline = runBy != null ? runBy : failed ? s.facts.latestFailedRun() : s.facts.latestRun();
      return new Question(s.language, Intent.PIPELINE_RESULT, pipeline, List.of(call("lastRun", "pipeline", pipeline)),
          s.actor == null ? null : s.actor.id(), s.action, null, null, failed ? Set.of(ASKS_FAILED)
          : s.words.stream().anyMatch(w -> PASSED_RUN_WORDS.contains(w.text())) ? Set.of(ASKS_PASSED) : Set.of());
    }
    // "która wersja postgresa odpowiedziała", "does the migrator role have bypassrls", "jaki fingerprint ma cert
    // bazy": what one step of the console's own pipelines found, asked by its words, not by the check it proves
    String evidence = s.first == Intent.ACT_REQUEST ? null : evidenceAsked(s);
    if (evidence != null) {
      // (and the run that passed, when the last one did not: "która wersja postgresa odpowiedziała" after a failed
      // run asks what the last run that got that far found)
      return new Question(s.language, Intent.PIPELINE_RESULT, evidence,
          List.of(call("lastRun", "pipeline", pipelineOf(s.scenario, evidence)), call("check", "id", evidence)),
          s.actor == null ? null : s.actor.id(), s.action, null, null, Set.of(ASKS_PASSED));
    }
    // "the operator isolation check has my name on it - do I need to sign it?": a check a run proves, or one that
    // follows from other evidence, is signed by nobody
    if (s.first != Intent.ACT_REQUEST && s.check != null && s.check.score() >= NAMED && noSignOff(s.scenario,
        s.check.id()) && s.words.stream().anyMatch(w -> startsWithAny(w.text(), ACCEPT_VERBS))
        && s.words.stream().anyMatch(w -> MUST_WORDS.contains(w.text()) || SHOULD_WORDS.contains(w.text()))) {
      return new Question(s.language, Intent.STATUS, NO_SIGN_OFF + s.check.id(), List.of(tool(s.check)),
          s.actor == null ? null : s.actor.id(), s.action, null, null);
    }
    // "kiedy mamy go-live", "when do we go live": the decision that sets the date, when one is named by those words
    if (s.goLiveDecision != null && s.first != Intent.ACT_REQUEST && sinceAt(s.words) < 0
        && s.words.stream().anyMatch(w -> GO_LIVE_WHEN.contains(w.text()))) {
      return new Question(s.language, Intent.STATUS, s.goLiveDecision.id(), List.of(tool(s.goLiveDecision)),
          null, s.action, null, null);
    }
    // "does the identity gate block go-live at all", "czy X blokuje produkcję": whether production waits for it
    Link blocking = s.first == Intent.ACT_REQUEST ? null : blocksProductionAsked(s);
    if (blocking != null) {
      return new Question(s.language, Intent.STATUS, BLOCKS_PRODUCTION + blocking.id(), List.of(tool(blocking)),
          s.actor == null ? null : s.actor.id(), s.action, null, null);
    }
    // "czy rejestracja kas dalej czeka na ten VAT?", "is the go-live window still blocked by fiscal?": whether the
    // one waits on the other, and on what it waits now
    Link[] waits = s.first == Intent.ACT_REQUEST ? null : waitsOnAsked(s);
    if (waits != null) {
      String x = waits[0].id();
      String y = waits[1].id();
      // resting on it at all, and waiting on it now: through what is not ready yet
      boolean rests = dependsOn(s.scenario, x, y, id -> true);
      boolean now = rests && dependsOn(s.scenario, x, y, id -> !"READY".equals(s.facts.status(id)));
      // ("does X depend on Y": whether it rests on it at all, said so)
      boolean depends = s.words.stream().anyMatch(w -> DEPEND_WORDS.contains(w.text()));
      return new Question(s.language, Intent.STATUS, WAITS_ON + y + (depends ? DEPENDS : "") + (rests ? WAITS : "")
          + (now ? WAITS_NOW : ""),
          List.of(tool(waits[0]), tool(waits[1])), s.actor == null ? null : s.actor.id(), s.action, null, null);
    }
    // "is telematics still on the simulator", "płatności kartą - jesteśmy na mocku czy już prod?", "strefy parkowania
    // - skąd je teraz bierzemy?": a provider's mode asked by the words it shares with its gate
    // (not "which providers are still mocked": every provider in that mode is listed)
    if (s.first != Intent.ACT_REQUEST && s.provider != null && s.provider.score() >= MIN_LINK && s.thing != null
        && s.provider.at().stream().anyMatch(s.thing.at()::contains) && s.providers.isEmpty()
        && s.words.stream().noneMatch(w -> PROVIDERS_WORDS.contains(w.text()) || INTEGRATION_WORDS.contains(w.text())
        || Set.of("which", "ktore", "ktora", "ktory", "jakie").contains(w.text()))
        && (notProductionAsked(s.words) || sourceAsked(s.words) || stillWorksAsked(s.words))) {
      return new Question(s.language, Intent.PROVIDER, s.provider.id(),
          List.of(call("provider", "provider", s.provider.id())), s.actor == null ? null : s.actor.id(), s.action,
          null, null);
    }
    // "last few entries of the audit trail pls - who did what", "show me the last 5 audit entries": the trail's
    // latest entries (the auditor's role is no reading of "audit")
    if (s.first != Intent.ACT_REQUEST && s.cued.get(Intent.COUNT) < 3 && auditTrailAsked(s.words)
        && (s.actor == null || s.actor.at().stream().allMatch(i -> i < s.words.size()
        && AUDIT_LOG_WORDS.contains(s.words.get(i).text())))) {
      // ("the last 5": as many as asked, within reason)
      int limit = s.words.stream().map(Word::text).filter(w -> w.matches("[1-9][0-9]?")).mapToInt(Integer::parseInt)
          .findFirst().orElse(10);
      return new Question(s.language, Intent.RECENT, null, List.of(call("recentChanges", "limit", Math.min(limit,
          50))), null, s.action, null, null);
    }
    // "audit log - how many events so far", "ile zdarzeń jest w dzienniku": the journal's length
    if (s.first != Intent.ACT_REQUEST && s.cued.get(Intent.COUNT) >= 3
        && s.words.stream().anyMatch(w -> EVENT_WORDS.contains(w.text()))) {
      return new Question(s.language, Intent.RECENT, EVENTS_COUNTED, List.of(call("recentChanges", "limit", 50)),
          s.actor == null ? null : s.actor.id(), s.action, null, null);
    }
    // "when did Gosia sign the tariffs", "kiedy Gosia klepnęła taryfy": the check's sign-off, not Gosia's tasks
    if (s.first != Intent.ACT_REQUEST && sinceAt(s.words) < 0 && s.check != null && s.check.score() >= NAMED
        && s.words.stream().anyMatch(w -> Set.of("when", "kiedy", "ktorej").contains(w.text()))
        && s.words.stream().anyMatch(w -> startsWithAny(w.text(), ACCEPT_VERBS) || startsWithAny(w.text(),
        DECIDE_VERBS))) {
      return new Question(s.language, Intent.STATUS, s.check.id(), List.of(tool(s.check)),
          s.actor == null ? null : s.actor.id(), s.action, null, null);
    }
    // "Agnieszka już przećwiczyła ręczne uzgadnianie bagażu?", "has Ewa already signed the templates": whether that
    // check is done, not Agnieszka's tasks (a past verb of hers, with "już"/"already"/"yet")
    if (s.first != Intent.ACT_REQUEST && sinceAt(s.words) < 0 && s.check != null && s.check.score() >= NAMED
        && s.actor != null && s.actor.score() >= NAMED && !s.modal && !s.signedAsked
        && s.words.stream().anyMatch(w -> Set.of("juz", "already", "yet").contains(w.text()))
        && pastVerbBeside(s.words, s.actor)) {
      return new Question(s.language, Intent.STATUS, s.check.id(), List.of(tool(s.check)), s.actor.id(), s.action,
          null, null);
    }
    // "Krzysiek już odpalił kontrolę połączenia?", "has the dry run been run": its last run, not his tasks
    // (EnumSet: no intent read yet, s.first null, is none of them; Set.of would throw)
    if (EnumSet.of(Intent.TASKS, Intent.OWNED, Intent.PERMISSION).contains(s.first) && s.pipeline != null
        && s.pipeline.score() >= BLOCKER_NAMED && s.actor != null && s.actor.score() >= NAMED && !s.firstPerson
        && sinceAt(s.words) < 0 && s.words.stream().anyMatch(w -> ranForm(w.text()))
        && s.words.stream().noneMatch(w -> REFUSAL_WORDS.contains(w.text()))) {
      return new Question(s.language, Intent.PIPELINE_RESULT, s.pipeline.id(),
          List.of(call("lastRun", "pipeline", s.pipeline.id())), s.actor == null ? null : s.actor.id(), s.action,
          null, null);
    }
    // "if Jan re-signs the store rehearsal, can we go live?", "jak zaakceptuję X, to produkcja ruszy?": production
    // as it would then be; nothing is recorded
    // ("if you can, sign off the store rehearsal so we go live" asks to act: refused like any request)
    WhatIf whatIf = s.first == Intent.ACT_REQUEST ? null : ifDoneAsked(s);
    if (whatIf != null) {
      Map<String, Object> arguments = new LinkedHashMap<>();
      arguments.put("id", String.join(", ", whatIf.assumed()));
      arguments.put("outcome", whatIf.outcome());
      // "is fiscal done, and are we GO then?": the gate asked, and production too
      // ("... to prywatność gotowa? a cały start?": the launch as a noun)
      boolean goToo = whatIf.outcome() != null && s.words.stream().anyMatch(w -> w.text().equals("go")
          || PRODUCTION_WORDS.contains(w.text()) || w.text().startsWith("produkc") || LAUNCH_VERBS.contains(w.text())
          || LAUNCH_NOUNS.contains(w.text()));
      // "... how many gates r ready then", "to ile bramek będzie gotowych": the gates then, counted
      boolean counted = s.cued.get(Intent.COUNT) >= 3 && s.words.stream().anyMatch(w -> GATE_WORDS.contains(w.text()));
      Set<String> asks = new HashSet<>();
      if (goToo) {
        asks.add(ASKS_GO_TOO);
      }
      if (counted) {
        asks.add(ASKS_COUNT);
      }
      if (s.words.stream().anyMatch(w -> NEXT_WORDS.contains(w.text()) || w.text().equals("dalej"))) {
        asks.add(ASKS_NEXT);
      }
      // "if Agnieszka signs the agreements, what will the decision code be": production's code then
      if (whatIf.outcome() == null && s.words.stream().anyMatch(w -> CODE_WORDS.contains(w.text()))) {
        asks.add(ASKS_CODE);
      }
      // "if she records it, what changes": what doing it completes and the gates then, before production
      if (whatIf.outcome() == null && (s.words.stream().anyMatch(w -> EFFECT_WORDS.contains(w.text()))
          || whatThen(s.words))) {
        asks.add(ASKS_EFFECT);
      }
      return new Question(s.language, Intent.STATUS, IF_DONE + arguments.get("id"),
          List.of(new ToolCall("ifDone", arguments)), s.actor == null ? null : s.actor.id(), s.action, null, null,
          asks);
    }
    // "dlaczego ćwiczenie odtworzenia znowu wisi, przecież Paweł to podpisał": why of the thing, the person aside
    // (not "czemu ja nie mogę sam puścić testu": whether they may, a permission)
    if (s.words.stream().anyMatch(w -> WHY_WORDS.contains(w.text())) && s.thing != null && s.thing.score() >= NAMED
        && (s.thing.kind() == Kind.CHECK || s.thing.kind() == Kind.GROUP) && s.actor != null && !s.modal
        && s.words.stream().noneMatch(w -> w.text().startsWith("moz") || w.text().startsWith("mog")
            || REFUSAL_WORDS.contains(w.text()))
        && EnumSet.of(Intent.TASKS, Intent.PERMISSION, Intent.OWNER, Intent.OWNED).contains(s.first)) {
      return new Question(s.language, Intent.WHY, s.thing.id(), List.of(tool(s.thing)), s.actor.id(), s.action, null,
          null);
    }
    // "Zofia changed the declarant?? what was it before": the decision, with its earlier value, not Zofia's tasks
    // (not "which sign-offs went stale after the limit change": those, below)
    // (nor "who else besides me can change the retention decision": who may, below)
    Link decision = s.first == Intent.ACT_REQUEST || s.staleAsked || besidesMe(s.words) ? null
        : decisionHistoryAsked(s);
    if (decision != null) {
      return new Question(s.language, Intent.STATUS, decision.id(), List.of(tool(decision)),
          s.actor == null ? null : s.actor.id(), s.action, null, null);
    }
    // "did Kasia pick the guarantee before or after I first signed the mapping", "PCI klepnięte przed czy po mojej
    // zmianie terminali": the two events in order
    String order = s.first == Intent.ACT_REQUEST ? null : orderAsked(s);
    if (order != null) {
      return new Question(s.language, Intent.RECENT, ORDER + order, List.of(call("recentChanges", "limit", 50)),
          null, s.action, null, null);
    }
    // "what changed since I ran the connection check", "co się zmieniło od mojej akceptacji X": what came after it
    String since = s.first == Intent.ACT_REQUEST ? null : sinceAsked(s);
    if (since != null) {
      String mine = s.firstPerson && s.facts.asker() != null ? s.facts.asker().id() : null;
      // "od kiedy połączenie padło pierwszy raz": its first event, a failed run
      if (!since.startsWith("#")) {
        since += (s.words.stream().anyMatch(w -> FIRST_WORDS.contains(w.text())) ? SINCE_FIRST : "")
            + (s.words.stream().anyMatch(w -> FAILED_WORDS.contains(w.text())) ? SINCE_FAILED : "");
      }
      return new Question(s.language, Intent.RECENT, SINCE + since + (mine == null ? "" : "@" + mine),
          List.of(call("recentChanges", "limit", 50)), mine, s.action, null, null);
    }
    // "how many dry-runs have passed so far", "ile razy puszczaliśmy dry-run": the runs, not the gate's count
    String counted = s.first == Intent.ACT_REQUEST ? null : runsCounted(s);
    if (counted != null) {
      return new Question(s.language, Intent.PIPELINE_RESULT, RUNS + counted,
          List.of(call("lastRun", "pipeline", counted)), s.actor == null ? null : s.actor.id(), s.action, null, null);
    }
    // "what did Tomek do today", "co dziś robił Tomek": what they recorded, not what they have to do
    String doneBy = s.first == Intent.ACT_REQUEST ? null : doneByAsked(s);
    if (doneBy != null) {
      return new Question(s.language, Intent.RECENT, DONE_BY + doneBy + "\t" + s.facts.actorName(doneBy),
          List.of(call("recentChanges", "limit", 50)),
          doneBy, s.action, null, null);
    }
    // "who did what today", "kto dziś coś robił w konsoli", "kto co dziś podpisał": everyone's recent events
    if (s.first != Intent.ACT_REQUEST && someoneDidAsked(s)) {
      return new Question(s.language, Intent.RECENT, null, List.of(call("recentChanges", "limit", 10)), null,
          s.action, null, null);
    }
    // "is my tariff sign-off still valid or did it go stale", "czy moja akceptacja taryfy jest nadal ważna": that
    // sign-off, whether it stands
    if (s.first != Intent.ACT_REQUEST && s.check != null && s.check.score() >= NAMED
        && s.words.stream().anyMatch(w -> VALID_WORDS.contains(w.text()))
        && s.words.stream().noneMatch(w -> WHY_WORDS.contains(w.text()) || WHICH_WORDS.contains(w.text()))) {
      return new Question(s.language, Intent.STATUS, s.check.id(), List.of(tool(s.check)),
          s.actor == null ? null : s.actor.id(), s.action, null, null, Set.of(ASKS_VALID));
    }
    // "so the KNF cloud notice went stale after I changed the region? who has to fix it": that check, what left it
    // stale and whose it is
    // (not "did switching the region make any sign-offs stale": the decision changed is no stale one)
    // ("the processor agreement - did it go stale when i changed the refund policy?": no, it still stands)
    if (s.staleAsked && s.first != Intent.ACT_REQUEST && s.check != null && s.check.score() >= NAMED
        && s.thing == s.check && s.words.stream().noneMatch(w -> WHICH_WORDS.contains(w.text()))
        && s.facts.check(s.check.id()) != null) {
      boolean stale = Boolean.TRUE.equals(s.facts.check(s.check.id()).get("stale"));
      boolean any = s.words.stream().anyMatch(w -> w.text().equals("any") || ANYTHING.contains(w.text())
          || w.text().startsWith("jakie") || w.text().endsWith("offs") || w.text().equals("podpisy"));
      // ("did my hosting change make the processor agreement stale?" of one never signed: none to go stale)
      if (stale || !any) {
        return new Question(s.language, Intent.STATUS, s.check.id(), List.of(tool(s.check)),
            s.actor == null ? null : s.actor.id(), s.action, null, null, stale ? Set.of() : Set.of(ASKS_VALID));
      }
    }
    // "which of my sign-offs went stale", "co jest nieaktualne": the sign-offs and decisions whose evidence changed
    if (s.staleAsked && s.first != Intent.ACT_REQUEST) {
      String mine = s.firstPerson && s.facts.asker() != null ? s.facts.asker().id() : null;
      return new Question(s.language, Intent.BLOCKERS, STALE + (mine == null ? "" : ":" + mine),
          List.of(call("blockers", null, null)), mine, s.action, null, null);
    }
    // "what did the revoke undo": each withdrawal that stands, and what it left
    if (s.revokedAsked && s.first != Intent.ACT_REQUEST) {
      return new Question(s.language, Intent.RECENT, REVOKED, List.of(call("recentChanges", "limit", 50)),
          s.actor == null ? null : s.actor.id(), s.action, null, null);
    }
    // "which of my sign-offs are stuck and on what", "które moje kontrole czekają": the asker's plate, what waits too
    if (s.first != Intent.ACT_REQUEST && mineWaitingAsked(s)) {
      String mine = s.facts.asker().id();
      return new Question(s.language, Intent.TASKS, mine, List.of(call("ownerTasks", "actor", mine)), mine, null,
          null, null);
    }
    // "what have I signed so far", "co ja już zatwierdziłem": nothing named, the asker's own
    if (s.signedAsked && s.thing == null && s.first != Intent.ACT_REQUEST) {
      // "the kasia from the insurer - what has she signed": the person named, else the asker
      String asker = s.actor != null && s.actor.score() >= NAMED && !s.firstPerson ? s.actor.id()
          : s.facts.asker().id();
      return new Question(s.language, Intent.TASKS, SIGNED, List.of(call("ownerTasks", "actor", asker)), asker,
          s.action, null, null);
    }
    // "what happens to the connection gate if I pull my firewall sign-off", "czy moje wycofanie retencji coś
    // zablokowało": what waits on the sign-off, which would wait again without it
    if (s.first != Intent.ACT_REQUEST && s.check != null && s.check.score() >= NAMED
        && withdrawalAsked(s.words, s.check.at())) {
      // nothing waits on the check itself: its gate is what it leaves open
      String withdrawn = s.check.id();
      String open = waitedOn(s.scenario, withdrawn) ? withdrawn : groupOf(s.scenario, withdrawn);
      return new Question(s.language, Intent.STATUS, DEPENDENTS + open, List.of(call("dependents", "id", open)),
          s.actor == null ? null : s.actor.id(), s.action, null, null, Set.of(ASKS_WITHDRAWN + withdrawn));
    }
    // "what does signing X unblock", "which checks wait on my freeze window decision": what waits on it
    if (s.dependents != null && s.first != Intent.ACT_REQUEST) {
      return new Question(s.language, Intent.STATUS, DEPENDENTS + s.dependents,
          List.of(call("dependents", "id", s.dependents)), s.actor == null ? null : s.actor.id(), s.action, null, null);
    }
    s.context = new Context(s.scenario, s.code, s.thing, s.group, s.check, s.actor, s.provider, s.pipeline,
        s.environment,
        s.production, s.productionNamed, s.action, s.whyNot, s.firstPerson, s.terms, s.providers, s.status,
        s.group != null && !onlyProgressWords(s.group, s.words), s.rollback, namedBeyondVerbs(s.check, s.words),
        s.whatIs ? s.named : null, s.providersCounted,
        s.first == Intent.SNAPSHOT ? batchNamed(s.words, s.scenario) : null, s.traffic, s.lastWrite, s.person,
        s.people, s.listed, s.whenAsked, s.scores.get(Intent.COUNT) >= 3, s.api, s.ownersListed,
        allAsked(s.words) || s.others && stillAsked(s.words) && !besidesMe(s.words) || s.chase
        || s.mostOpen && !s.others,
        s.decisionsListed, s.cued.get(Intent.COUNT) >= 3 && statusesNamed(s.words) >= 2, s.pipelinesListed,
        s.groupsCounted, s.otherActor, s.measure, s.providersMine);
    if (s.first == null) {
      return new Question(s.language, Intent.UNKNOWN, null, List.of(), null, s.action, null, null);
    }
    s.reading = reading(s.first, s.language, s.context);
    // two people named, asked the same of both ("Jan's and Tomasz's permissions"): each answered
    if (s.context.otherActor() != null && s.context.measure() == null && s.reading.actor() != null
        && s.reading.also() == null
        && Set.of(Intent.PERMISSION, Intent.TASKS, Intent.OWNED).contains(s.reading.intent())) {
      Question other = reading(s.reading.intent(), s.language, s.context.of(s.context.otherActor()));
      // (a permission's calls name no one: the two differ by whom they are of)
      if (!other.calls().equals(s.reading.calls()) || !java.util.Objects.equals(other.actor(), s.reading.actor())) {
        return new Question(s.reading.lang(), s.reading.intent(), s.reading.subject(), s.reading.calls(),
            s.reading.actor(), s.reading.action(), s.reading.environment(), other);
      }
    }
    // "how far along are we, and what's next": two asks joined, each by its own words, both answered
    if (joined(s.words, s.lang) && (s.cued.getOrDefault(s.first, 0.0) >= 2 || s.first == Intent.MEANING && s.code != null)
        && (s.second == null || s.scores.get(s.second) < CLOSE * s.scores.get(s.first))) {
      for (Intent other : Intent.values()) {
        // a provider's card already names its owner
        if (other != s.first && JOINED_ASKS.contains(other) && !(s.first == Intent.PROVIDER && other == Intent.OWNER)
            && s.cued.getOrDefault(other, 0.0) >= 2 && s.scores.get(other) > 0.5 && compatible(s.first, other)
            && (s.second == null || s.second == other || s.cued.getOrDefault(s.second, 0.0) < 2
            || s.scores.get(other) > s.scores.get(s.second))) {
          s.second = other;
          s.scores.put(other, Math.max(s.scores.get(other), CLOSE * s.scores.get(s.first)));
        }
      }
    }
    // "who else besides me can change the retention decision": a named sign-off or decision is its owner's alone
    // ("kto jeszcze może podpisać LOTO, jak mnie nie będzie": who else, with a verb of doing it)
    boolean onlyOwner = s.facts.asker() != null && s.check != null && s.check.score() >= NAMED
        && (besidesMe(s.words) || whoElseMay(s.words))
        && Set.of(Intent.STATUS, Intent.PERMISSION, Intent.OTHER_OWNERS, Intent.OWNER).contains(s.reading.intent())
        && s.check.id().equals(s.reading.subject());
    if (onlyOwner) {
      s.reading = new Question(s.reading.lang(), Intent.OWNER, s.check.id(), List.of(tool(s.check)),
          s.reading.actor(), s.reading.action(), s.reading.environment(), null);
    }
    Set<String> asks = new HashSet<>(asks(s.reading, s.words));
    if (onlyOwner) {
      asks.add(ASKS_ONLY_OWNER);
    }
    // "can anyone besides me run the pipelines": who else, the asker aside
    if (s.reading.intent() == Intent.PERMISSION && s.facts.asker() != null && besidesMe(s.words)) {
      asks.add(ASKS_OTHERS + s.facts.asker().id());
    }
    if (s.reading.intent() == Intent.OTHER_OWNERS && s.mostOpen) {
      asks.add(ASKS_MOST);
    }
    if (s.reading.intent() == Intent.PERMISSION && s.holdersCounted) {
      asks.add(ASKS_COUNT);
    }
    // "who can rerun the dry run": who may comes first, whether it can start now after
    // (not when the asker asks of themselves too: "kto może odpalić test połączenia, ja?")
    if (s.reading.intent() == Intent.PERMISSION && s.pipeline != null && s.pipeline.id().equals(s.reading.subject())
        && !s.words.isEmpty() && WHO_OPENERS.contains(s.words.get(0).text())
        && s.words.stream().noneMatch(w -> ASKER_WORDS.contains(w.text()))) {
      asks.add(ASKS_WHO);
    }
    // "evidence hash on the chamber map sign-off?": the hash its sign-off recorded
    if (s.reading.intent() == Intent.STATUS && s.words.stream().anyMatch(w -> HASH_WORDS.contains(w.text()))) {
      asks.add(ASKS_HASH);
    }
    // "what can the customer service lead do in here, permissions": what they may do at all as well
    // ("what can the devops engineer actually do in this console": what they may do in it at all, not only now)
    if (s.reading.intent() == Intent.TASKS && (s.words.stream().anyMatch(w -> PERMISSION_NOUNS.contains(w.text()))
        || s.modal && s.words.stream().anyMatch(w -> AT_ALL_WORDS.contains(w.text())))) {
      asks.add(ASKS_PERMISSIONS);
    }
    // "which step of the dry run failed": a run that passed is said to have none
    if (s.reading.intent() == Intent.PIPELINE_RESULT
        && s.words.stream().anyMatch(w -> FAILED_WORDS.contains(w.text()))) {
      asks.add(ASKS_FAILED);
    }
    // "the cert fingerprint from the run that passed", "kiedy ostatnio był zielony": the run that passed, when the
    // last one did not
    if (s.reading.intent() == Intent.PIPELINE_RESULT && s.words.stream().anyMatch(w -> PASSED_RUN_WORDS.contains(
        w.text()))) {
      asks.add(ASKS_PASSED);
    }
    // "can anyone else record the hosting decision or only me?": only its owner may, said outright
    if (s.reading.intent() == Intent.OWNER && s.words.stream().anyMatch(w -> w.text().equals("only")
        || w.text().equals("tylko")) && s.words.stream().anyMatch(w -> SOMEONE.contains(w.text()))) {
      asks.add(ASKS_ONLY_OWNER);
    }
    // "ile bramek jest zielonych i które": the ready gates named as well as counted
    if (s.reading.intent() == Intent.COUNT && s.reading.subject() == null
        && s.words.stream().anyMatch(w -> LIST_WORDS.contains(w.text()))) {
      asks.add(ASKS_WHICH);
    }
    // "czy drugi dry-run coś zmienił vs pierwszy?": the first run and the last, side by side
    if (s.reading.intent() == Intent.PIPELINE_RESULT && runsCompared(s.words)) {
      asks.add(ASKS_COMPARED);
    }
    // "when did I run the two dry runs", "kiedy były oba dry runy": each run with its time
    if (s.reading.intent() == Intent.PIPELINE_RESULT && s.words.stream().anyMatch(w -> WHEN_WORDS.contains(w.text()))
        && s.words.stream().anyMatch(w -> RUN_COUNT_WORDS.contains(w.text()) || w.text().equals("both")
        || w.text().equals("oba") || w.text().equals("obydwa") || w.text().equals("runy"))) {
      asks.add(ASKS_RUNS_WHEN);
    }
    // "czy dry run w końcu przeszedł? za którym razem": which run passed first
    if (s.reading.intent() == Intent.PIPELINE_RESULT && whichTry(s.words)) {
      asks.add(ASKS_WHICH_TRY);
    }
    // "kto odpalił pierwszy dry-run": the earliest run as well as the last
    if (s.reading.intent() == Intent.PIPELINE_RESULT
        && s.words.stream().anyMatch(w -> FIRST_WORDS.contains(w.text()))) {
      asks.add(ASKS_FIRST);
    }
    // "who can't record decisions", "who is not allowed to run pipelines": those without the permission
    if (s.reading.intent() == Intent.PERMISSION && s.reading.actor() == null && whoMayNot(s.words)) {
      asks.add(ASKS_NOT);
    }
    // a close second reading that asks something else about the same question is answered too, briefly
    if (s.second != null && s.scores.get(s.second) >= CLOSE * s.scores.get(s.first) && s.scores.get(s.second) >= 2.5
        && compatible(s.first, s.second)) {
      Question also = reading(s.second, s.language, s.context);
      if (!also.calls().isEmpty() && !also.calls().equals(s.reading.calls())
          && (also.subject() == null || !also.subject().equals(s.reading.subject()))) {
        return new Question(s.reading.lang(), s.reading.intent(), s.reading.subject(), s.reading.calls(),
            s.reading.actor(), s.reading.action(), s.reading.environment(), also, asks);
      }
    }
    return s.reading.asking(asks);
  }

  /** "who can't ...", "who cannot ...", "who is not allowed to ...", "kto nie może ...": asked of who may not. */
  private static boolean whoMayNot(List<Word> words) {
    if (words.isEmpty() || !Set.of("who", "kto", "which", "ktore", "ktory", "ktora").contains(words.get(0).text())) {
      return false;
    }
    for (int i = 1; i + 1 < words.size() && i < 5; i++) {
      String a = words.get(i).text();
      String b = words.get(i + 1).text();
      if (a.equals("cannot") || a.equals("can") && b.equals("t") || a.equals("not") && (b.equals("allowed")
          || b.equals("permitted")) || a.equals("nie") && (b.startsWith("moz") || b.startsWith("moga")
          || b.equals("ma"))) {
        return true;
      }
    }
    return false;
  }

  /** "besides me", "apart from me", "other than me", "oprócz mnie", "poza mną", "ktoś inny niż ja". */
  /** "who else can sign X", "kto jeszcze / kto inny może podpisać X": someone but its owner, with a modal. */
  private static boolean whoElseMay(List<Word> words) {
    for (int i = 0; i + 2 < words.size(); i++) {
      String a = words.get(i).text();
      String b = words.get(i + 1).text();
      if ((a.equals("who") && b.equals("else") || a.equals("kto") && (b.equals("jeszcze") || b.equals("inny")))
          && MODALS.contains(words.get(i + 2).text())) {
        return true;
      }
    }
    return false;
  }

  private static boolean besidesMe(List<Word> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      String a = words.get(i).text();
      String b = words.get(i + 1).text();
      if (Set.of("besides", "apart", "other", "except", "oprocz", "poza", "procz", "niz").contains(a)
          && Set.of("me", "mnie", "mna", "ja", "from", "than", "for").contains(b)
          && (!Set.of("from", "than", "for").contains(b) || i + 2 < words.size()
          && words.get(i + 2).text().equals("me"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * One question as it is read: what it says, the things it names, and how each kind of question scores.
   * The reading is done in steps (each small enough for the JIT to compile and inline well), which share
   * it here rather than in one long method's locals.
   */
  private static final class Scan {
    final String question;
    final Lang lang;
    final ReadinessFacts facts;
    Scenario scenario;
    Lexicon lexicon;
    List<Word> words;
    List<Link> all;
    List<Link> links;
    boolean firstPerson;
    boolean duty;
    Action action;
    boolean traffic;
    boolean lastWrite;
    boolean meaningAsked;
    Link code;
    /** The thing whose dependents are asked for ("what does X unblock"), else null. */
    String dependents;
    /** "what have I signed so far": the asker's own standing sign-offs and decisions. */
    boolean signedAsked;
    /** "what did the revoke undo", "czy ktoś coś cofnął": the withdrawals that stand. */
    boolean revokedAsked;
    /** "which sign-offs went stale": those whose evidence changed since they were given. */
    boolean staleAsked;
    /** "what got skipped in that run": the run that finished last, whichever pipeline it was. */
    boolean latestRun;
    /** The packet variable asked for, a packet's id when only its variables are, "" for every packet's; else null. */
    String env;
    List<String> terms;
    Link group;
    boolean groupCodeAsked;
    Link check;
    Link actor;
    boolean others;
    /** "who do we chase", "kto musi co zrobić": everyone who still owes something in the thing named. */
    boolean chase;
    /** "how many people can record decisions": the holders of a permission, counted. */
    boolean holdersCounted;
    /** "who has the most open items": production's open checks by person, the most first. */
    boolean mostOpen;
    /** "what is still left and who has to do it": production's open checks, by person. */
    boolean leftAndWho;
    /** "who has pipelines.run": a permission said by its own name. */
    boolean permissionNamed;
    /** A decision named only by going live's words ("Go-live date"), for "when do we go live". */
    Link goLiveDecision;
    Link provider;
    Link pipeline;
    boolean purpose;
    Link environment;
    String production;
    Link thing;
    boolean act;
    boolean modal;
    boolean value;
    boolean decisionMeant;
    boolean choicesAsked;
    boolean groupOverProvider;
    boolean providerMeant;
    boolean goLive;
    boolean environmentAsked;
    Link named;
    boolean whatIs;
    Set<String> forms;
    Map<Intent, Double> scores;
    double tasksWorded;
    boolean providerWorded;
    Map<Intent, Double> cued;
    List<Word> unnamed;
    Set<String> unnamedForms;
    Link sharing;
    boolean whoAsked;
    boolean actorNamed;
    boolean ownWorded;
    Link owner;
    boolean person;
    Link otherActor;
    String measure;
    boolean whyNot;
    boolean rowsCounted;
    Link productionLink;
    boolean productionNamed;
    double thingFit;
    boolean gatesListed;
    boolean ownersListed;
    boolean decisionsListed;
    boolean providersWorded;
    boolean providersCounted;
    boolean notProduction;
    List<String> providers;
    boolean providersMine;
    boolean ownCheck;
    boolean rollback;
    boolean pipelinesListed;
    String api;
    String status;
    boolean groupsCounted;
    boolean people;
    String listed;
    boolean whenAsked;
    Intent first;
    Intent second;
    Lang language;
    Context context;
    Question reading;

    Scan(String question, Lang lang, ReadinessFacts facts) {
      this.question = question;
      this.lang = lang;
      this.facts = facts;
    }
  }


  private static final Set<String> CHANGE_VERBS = WordSet.of("zmieni", "change", "switch", "swap", "przestaw",
      "przelacz", "zamieni");
  private static final Set<String> STILL_OWED = WordSet.of("still", "yet", "left", "remaining", "pending",
      "jeszcze", "nadal", "wciaz", "musi", "musza");

  /**
   * What a question about one thing asks besides its status: "is it ready?" wants a yes or no first,
   * "what does it depend on?" its dependencies.
   */
  private static Set<String> asks(Question reading, List<Word> words) {
    // "revoke Piotr's sign-off": refused like any request, but what is said is whether there is one to revoke
    if (reading.intent() == Intent.ACT_REQUEST) {
      // ("pull my sign-off back": a withdrawal too)
      return words.stream().anyMatch(w -> REVOKE_VERBS.contains(w.text())) || pullBack(words) ? Set.of(ASKS_REVOKE)
          : Set.of();
    }
    // "who signed off the fallback stuff": each of the gate's sign-offs, by whom; "who still has to sign in X": the
    // same answer, which names whose are still open
    if (reading.intent() == Intent.OWNER && !reading.calls().isEmpty() && "gate".equals(reading.calls().get(0).tool())
        && (words.stream().anyMatch(w -> doneForm(w.text()) && !DONE_WORDS.contains(w.text())
        || Set.of("signed", "accepted", "approved", "podpisal", "podpisala", "zatwierdzil", "zatwierdzila")
            .contains(w.text())) || words.stream().anyMatch(w -> STILL_OWED.contains(w.text()))
        && words.stream().anyMatch(w -> startsWithAny(w.text(), ACCEPT_VERBS)))) {
      return Set.of(ASKS_SIGNERS);
    }
    if (reading.intent() != Intent.STATUS && reading.intent() != Intent.WHY || reading.subject() == null
        || reading.calls().isEmpty() || !Set.of("gate", "check").contains(reading.calls().get(0).tool())) {
      return Set.of();
    }
    Set<String> asks = new HashSet<>();
    int first = 0;
    while (first < words.size() && POLITE.contains(words.get(first).text())) {
      first++;
    }
    if (first < words.size() && READY_QUESTION.contains(words.get(first).text())) {
      // ("czy dane dostępowe produkcji są już dostarczone": "already" asks whether it is done, whatever the verb)
      if (words.stream().anyMatch(w -> READY_WORDS.contains(w.text()) || DONE_WORDS.contains(w.text())
          || finishWord(w.text()) || doneForm(w.text()) || ALREADY_WORDS.contains(w.text()))) {
        asks.add(ASKS_READY);
      } else if ("BLOCKED".equals(statusNamed(words))) {
        asks.add(ASKS_BLOCKED);
      }
    }
    if (words.stream().anyMatch(w -> DEPEND_WORDS.contains(w.text()))) {
      asks.add(ASKS_DEPENDS);
    }
    // "czemu replay nie jest zablokowany skoro dry-run padł": what it depends on is what it would be blocked by
    if (reading.intent() == Intent.WHY && words.stream().anyMatch(w -> NOT_WORDS.contains(w.text()))
        && "BLOCKED".equals(statusNamed(words))) {
      asks.add(ASKS_NOT_BLOCKED);
      asks.add(ASKS_DEPENDS);
    }
    return asks;
  }

  /** "is the X approved?", "czy X jest gotowe?": whether a gate or check named by its words is done. */
  private static boolean stateOfNamed(Scan s) {
    return s.thing != null && s.thing.score() >= NAMED && s.thing.at().size() >= 2 && !s.words.isEmpty()
        && READY_QUESTION.contains(s.words.get(0).text()) && s.words.stream().anyMatch(w ->
        READY_WORDS.contains(w.text()) || DONE_WORDS.contains(w.text()) || doneForm(w.text()));
  }

  /** The first words of a yes/no question about a state: "is", "has", "czy". */
  private static final Set<String> READY_QUESTION = WordSet.of("is", "are", "has", "have", "was", "were",
      "did", "czy", "jest", "sa");
  private static final Set<String> DONE_WORDS = WordSet.of("signed", "accepted", "approved", "complete",
      "completed", "finished", "cleared", "proven", "podpisane", "podpisana", "podpisany", "zaakceptowane",
      "zaakceptowana", "zaakceptowany", "zatwierdzone", "zatwierdzona", "zatwierdzony", "zakonczone",
      "zakonczona", "zakonczony", "skonczone", "gotowa", "gotowe", "gotowy", "zielona", "zielone", "zielony");
  private static final Set<String> DEPEND_WORDS = WordSet.of("depend", "depends", "dependent",
      "dependencies", "dependency", "relies", "rely", "zalezy", "zaleza", "zalezne", "zaleznosci", "zaleznosc");

  /** Words that say "the snapshot's data" rather than name one batch of it. */
  private static final Set<String> SNAPSHOT_STEMS = WordSet.of("row", "record", "rekord", "wiersz", "package",
      "dump", "paczk", "pakiet", "zrzut", "migawk", "snapshot", "data", "dane", "danych", "batch", "parti", "table",
      "tabel", "checksum");

  /**
   * The one batch of the snapshot a question names ("the operations package"), by a word of its
   * label in either language; null when none or several are named. Only snapshot questions pay for
   * it, over the scenario's few batches.
   */
  private static String batchNamed(List<Word> words, Scenario scenario) {
    String found = null;
    boolean whole = false;
    for (DataModel.BatchGroup batch : scenario.dataModel().batches()) {
      if (labelNamed(words, batch.label().in(Lang.EN), false) || labelNamed(words, batch.label().in(Lang.PL), false)) {
        if (found != null) {
          return null;
        }
        found = batch.id();
        whole = labelNamed(words, batch.label().in(Lang.EN), true)
            || labelNamed(words, batch.label().in(Lang.PL), true);
      }
    }
    if (whole) {
      return found;
    }
    // "ilu odbiorców jest w snapshocie": one table named by its whole label says more than a word of a batch's
    String table = null;
    for (DataModel.TableDef def : scenario.dataModel().tables()) {
      if (def.label() != null && (labelNamed(words, def.label().in(Lang.EN), true)
          || labelNamed(words, def.label().in(Lang.PL), true))
          || labelNamed(words, def.name().replace('_', ' '), true)) {
        if (table != null) {
          return found;
        }
        table = def.name();
      }
    }
    if (table == null && found == null && words.stream().anyMatch(w -> TABLE_WORDS.contains(w.text()))) {
      // "rows per table in the snapshot", "ile wierszy w każdej tabeli": every table's rows
      return TABLE + EVERY_TABLE;
    }
    return table != null ? TABLE + table : found;
  }

  /** The words that ask the snapshot's rows table by table ("per table", "po tabelach", "w każdej tabeli"). */
  private static final Set<String> TABLE_WORDS = WordSet.of("table", "tables", "tabela", "tabele", "tabeli",
      "tabel", "tabelach", "tabelami");
  /** The table name a snapshot question about every table asks of ({@link #TABLE} then this). */
  static final String EVERY_TABLE = "*";

  /** The subject prefix of a snapshot question about one table (then the table's name). */
  static final String TABLE = "table:";

  /** Whether {@code words} name a word of {@code label} ({@code all}: every word of it that names anything). */
  private static boolean labelNamed(List<Word> words, String label, boolean all) {
    boolean any = false;
    for (Word part : Words.of(label)) {
      if (part.text().length() < 4 || startsWithAny(part.text(), SNAPSHOT_STEMS)) {
        continue;
      }
      boolean named = false;
      for (Word word : words) {
        if (!startsWithAny(word.text(), SNAPSHOT_STEMS)
            && (part.same(word) || Lexicon.inflected(part.text(), word.text()))) {
          named = true;
          break;
        }
      }
      if (named && !all) {
        return true;
      }
      if (!named && all) {
        return false;
      }
      any |= named;
    }
    return any;
  }

  /** The question's words that are not part of {@code thing}'s name. */
  private static boolean outOfScopeCompound(List<Word> words) {
    return said(words, "share", "price") || said(words, "stock", "price") || said(words, "stock", "market")
        || said(words, "kurs", "akcji") || said(words, "notowania", "gieldowe");
  }

  private static List<Word> outside(List<Word> words, Link thing) {
    List<Word> rest = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (!thing.at().contains(i)) {
        rest.add(words.get(i));
      }
    }
    return rest;
  }

  /** Two readings worth giving together: neither refuses nor declines, and they differ. */
  private static boolean compatible(Intent a, Intent b) {
    // a named thing's status already says what it blocks: the production overview would only repeat it
    Set<Intent> alone = Set.of(Intent.ACT_REQUEST, Intent.OUT_OF_SCOPE, Intent.UNKNOWN, Intent.BLOCKERS,
        Intent.OTHER_OWNERS);
    return !alone.contains(a) && !alone.contains(b) && a != b
        && !(Set.of(Intent.STATUS, Intent.WHY).contains(a) && Set.of(Intent.STATUS, Intent.WHY).contains(b));
  }

  private record Context(Scenario scenario, Link code, Link thing, Link group, Link check, Link actor, Link provider,
                         Link pipeline, Link environment, String production, boolean productionNamed, Action action,
                         boolean whyNot, boolean firstPerson, List<String> terms, List<String> providers,
                         String status, boolean groupCounted, boolean rollback, boolean checkNamed,
                         Link defined, boolean providersCounted, String batch, boolean traffic,
                         boolean lastWrite, boolean person, boolean people, String listed, boolean whenAsked,
                         boolean counted, String api, boolean ownersListed, boolean everyone,
                         boolean decisionsListed, boolean byStatus, boolean pipelinesListed,
                         boolean groupsCounted, Link otherActor, String measure, boolean providersMine) {

    /** The same question asked of another person ("and Tomek's?"). */
    Context of(Link person) {
      return new Context(scenario, code, thing, group, check, person, provider, pipeline, environment, production,
          productionNamed, action, whyNot, firstPerson && person.at().isEmpty(), terms, providers, status,
          groupCounted, rollback, checkNamed, defined, providersCounted, batch, traffic, lastWrite, person != null,
          people, listed, whenAsked, counted, api, ownersListed, everyone, decisionsListed, byStatus,
          pipelinesListed, groupsCounted, null, null, false);
    }
  }

  /**
   * Whether {@code check} is named by some word that is not a verb of doing ("accept" in "can X
   * accept checks" links to an "acceptance" check without naming it; "the test batch" names one).
   */
  private static boolean namedBeyondVerbs(Link check, List<Word> words) {
    if (check == null) {
      return false;
    }
    for (int at : check.at()) {
      String word = words.get(at).text();
      // nor by the console's own nouns: "checks" in "who can accept checks" names none of them
      if (!startsWithAny(word, ACCEPT_VERBS) && !startsWithAny(word, DECIDE_VERBS) && !runVerb(word)
          && !TERMS.containsKey(word)) {
        return true;
      }
    }
    return false;
  }

  private static Question reading(Intent intent, Lang lang, Context c) {
    String actor = c.actor() == null ? null : c.actor().id();
    String environment = c.environment() == null ? null : c.environment().id();
    return switch (intent) {
      case COUNT -> c.people()
          ? question(lang, intent, "actors", actor, c.action(), environment, call("summary", null, null))
          // "how many are ready, how many in review, how many blocked": each status counted
          // "how many groups are blocked": every group counted, the checklist's gates and the others
          : c.groupsCounted()
          ? question(lang, intent, GROUPS + (c.status() != null ? ":" + c.status() : ""), actor, c.action(),
              environment, call("counts", null, null))
          : c.byStatus()
          ? question(lang, intent, BY_STATUS, actor, c.action(), environment, call("counts", null, null))
          : c.listed() != null
          ? question(lang, intent, "list:" + c.listed(), actor, c.action(), environment,
              c.status() != null ? call("counts", null, null) : call("summary", null, null))
          : c.status() != null
          ? question(lang, intent, c.status(), actor, c.action(), environment, call("counts", null, null))
          // ("what percentage of the cutover readiness is done": a word in common is no group counted)
          : c.group() != null && c.thing() == c.group() && !c.productionNamed() && c.groupCounted()
          && c.group().score() >= MIN_LINK + 0.5
          ? question(lang, intent, c.group().id(), actor, c.action(), environment, tool(c.group()))
          : question(lang, intent, null, actor, c.action(), environment, call("summary", null, null));
      // "what blocks the runbook": that group's (or a thing named very clearly) own blocker, not the
      // whole production overview; its answer says what it waits for
      case BLOCKERS -> c.traffic()
          ? question(lang, intent, "traffic", actor, c.action(), environment, call("blockers", null, null))
          : c.thing() != null && !c.productionNamed()
          && (c.thing() == c.group() && c.thing().score() >= NAMED || c.thing().score() >= NAMED * 2)
          ? question(lang, Intent.WHY, c.thing().id(), actor, c.action(), environment, tool(c.thing()))
          // "which gates are blocked": the overview, listing the gates of the status asked
          : question(lang, intent, c.status() != null ? c.status() : c.ownersListed() ? OWNERS : c.production(),
              actor, c.action(), environment, c.ownersListed() ? call("blockers", "owners", true)
                  : call("blockers", null, null));
      case STATUS, WHY -> c.decisionsListed()
          ? question(lang, Intent.STATUS, "decisions", actor, c.action(), environment, c.thing() != null
              && c.thing() == c.group() && c.thing().score() >= NAMED && !c.productionNamed()
              ? call("decisions", "group", c.group().id()) : call("decisions", null, null))
          : c.thing() == null || c.productionNamed()
          ? question(lang, Intent.BLOCKERS, c.status() != null ? c.status() : c.production(), actor, c.action(),
              environment, call("blockers", null, null))
          : question(lang, intent, c.thing().id(), actor, c.action(), environment, tool(c.thing()));
      case OWNER -> c.person()
          ? question(lang, intent, actor, actor, c.action(), environment, call("ownerTasks", "actor", actor))
          : c.thing() == null
          ? question(lang, Intent.NEXT, null, actor, c.action(), environment, call("nextAction", null, null))
          : question(lang, intent, c.thing().id(), actor, c.action(), environment, tool(c.thing()));
      // "what's on my plate" from someone unknown: whose tasks can be listed, rather than a guess
      case TASKS -> c.actor() == null && c.firstPerson()
          ? question(lang, intent, null, null, c.action(), environment, call("summary", null, null))
          : c.actor() == null
          ? question(lang, Intent.NEXT, null, null, c.action(), environment, call("nextAction", null, null))
          : question(lang, intent, actor, actor, c.action(), environment, call("ownerTasks", "actor", actor));
      case NEXT -> question(lang, intent, null, actor, c.action(), environment, call("nextAction", null, null));
      // "which interface checks do I own", "ile decyzji infrastrukturalnych na mnie czeka": within that group
      case OWNED -> c.measure() != null
          ? new Question(lang, intent, COMPARED + c.measure(), List.of(call("ownerTasks", "actor", actor),
              call("ownerTasks", "actor", c.otherActor().id())), actor, c.action(), environment, null)
          : c.group() != null && c.thing() == c.group() && !c.productionNamed()
          && c.group().score() >= NAMED
          ? question(lang, intent, actor, actor, c.action(), environment, call("ownerTasks", "actor", actor),
              tool(c.group()))
          : question(lang, intent, actor, actor, c.action(), environment, call("ownerTasks", "actor", actor));
      // "what is X": the tool that describes X; the answer says what it is before its status
      case MEANING -> c.defined() != null
          ? question(lang, intent, c.defined().id(), actor, c.action(), environment,
              c.defined().kind() == Kind.PROVIDER ? call("provider", "provider", c.defined().id()) : tool(c.defined()))
          : c.code() != null
          ? question(lang, intent, c.code().id(), actor, c.action(), environment,
              call("decisionCode", "code", c.code().id()))
          : !c.terms().isEmpty()
          // the console's own words: their meaning is in the templates, no tool needed; said of a thing named ("co
          // to znaczy, że noc przełączenia jest BLOCKED"), with that thing's state and what it waits for
          ? new Question(lang, intent, String.join(" ", c.terms()), List.of(), actor, c.action(), environment,
              c.thing() != null && c.thing().score() >= NAMED && !c.productionNamed()
                  && (c.thing().kind() == Kind.GROUP || c.thing().kind() == Kind.CHECK)
                  ? question(lang, Intent.WHY, c.thing().id(), actor, c.action(), environment, tool(c.thing()))
                  : null)
          // "what does the four-eyes rule mean here": what the thing named is
          : c.thing() != null && c.thing().score() >= NAMED && !c.productionNamed()
          ? question(lang, intent, c.thing().id(), actor, c.action(), environment, tool(c.thing()))
          : question(lang, Intent.BLOCKERS, c.production(), actor, c.action(), environment,
              call("blockers", null, null));
      case PERMISSION -> {
        List<ToolCall> calls = new ArrayList<>();
        calls.add(call("summary", null, null));
        // a check named only by the verb ("accept" in "acceptance") is not the check asked about
        // someone asking whether they may do a thing names it less formally ("can I sign the test batch")
        Link named = c.check() != null && (c.thing() == c.check() || c.whyNot())
            && (c.check().score() >= 3 || c.whyNot() || actor != null && c.action() != null
            && (c.check().score() >= DOABLE || c.checkNamed() && c.check().score() >= MIN_LINK)
            // "who can accept the test batch": a check named by its own words with the verb asked about
            || c.action() != null && c.checkNamed() && c.check().score() >= MIN_LINK) ? c.check() : null;
        Action asked = c.action() == null && c.pipeline() != null ? Action.RUN : c.action();
        // "can the director record decisions": a sign-off that a word names ("medical records") is not a decision
        if (named != null && asked == Action.DECIDE && !hasOptions(c.scenario(), named.id())) {
          named = null;
        }
        if (named != null) {
          calls.add(call("check", "id", named.id()));
        }
        String pipeline = asked == Action.RUN && c.pipeline() != null ? c.pipeline().id() : null;
        // "why can't X do it": what the server would say to X now, not whether X holds the permission
        // "can I run the dry-run now": likewise, for a thing named, and for "can X record decisions" whether any is theirs
        if (actor != null && (c.whyNot() || named != null || pipeline != null || asked == Action.DECIDE)) {
          calls.add(call("ownerTasks", "actor", actor));
          // "can I retry the connection check": how its last run ended comes with the answer
          if (pipeline != null && named == null) {
            calls.add(call("lastRun", "pipeline", pipeline));
          }
        } else if (pipeline != null) {
          // whether the server would start it now comes before who may
          calls.add(call("lastRun", "pipeline", pipeline));
        }
        yield new Question(lang, intent, named != null ? named.id() : pipeline, calls, actor, asked, environment,
            null);
      }
      case PROVIDER -> {
        if (c.providers().isEmpty() && c.provider() != null) {
          yield question(lang, intent, c.provider().id(), actor, c.action(), environment,
              call("provider", "provider", c.provider().id()));
        }
        List<String> listed = c.providers().isEmpty() ? providerIds(c.scenario()) : c.providers();
        List<ToolCall> calls = new ArrayList<>();
        listed.forEach(id -> calls.add(call("provider", "provider", id)));
        // "how many providers are there and which are mine": counted, and the asker's own named
        String counted = c.providersMine() && actor != null ? COUNTED + ":mine"
            : !c.counted() && !c.providersCounted()
            ? (listed.size() > 1 && listed.size() == c.scenario().providers().size() ? ALL_PROVIDERS : null)
            : c.firstPerson() && actor != null ? COUNTED + ":mine" : COUNTED;
        yield new Question(lang, intent, counted, calls, actor, c.action(), environment, null);
      }
      // the last write with what it was ("kto ostatnio coś zapisywał w konsoli i co"): the journal's last event
      case SESSION -> c.lastWrite()
          ? question(lang, intent, "lastWrite", actor, c.action(), environment, call("summary", null, null),
              call("recentChanges", "limit", 1))
          : c.rollback()
          ? question(lang, intent, "rollback", actor, c.action(), environment, call("session", null, null))
          : question(lang, intent, c.whenAsked() ? "lastWrite" : null, actor, c.action(), environment,
              call("summary", null, null));
      case PIPELINE_RESULT -> {
        if (c.api() != null) {
          yield question(lang, intent, "api:" + c.api(), actor, Action.RUN, environment,
              call("lastRun", "pipeline", c.api()));
        }
        if (c.pipelinesListed()) {
          List<ToolCall> calls = new ArrayList<>();
          c.scenario().pipelines().forEach(p -> calls.add(call("lastRun", "pipeline", p.id())));
          yield new Question(lang, intent, PIPELINES, calls, actor, c.action(), environment, null);
        }
        String pipeline = c.pipeline() != null && (c.check() == null || c.pipeline().score() >= c.check().score()
            || pipelineOf(c.scenario(), c.check().id()) == null)
            ? c.pipeline().id() : c.check() != null ? pipelineOf(c.scenario(), c.check().id()) : null;
        // "czy już przeszły?" with nothing named: every pipeline and its last run, not a guess
        if (pipeline == null) {
          List<ToolCall> calls = new ArrayList<>();
          c.scenario().pipelines().forEach(p -> calls.add(call("lastRun", "pipeline", p.id())));
          yield new Question(lang, intent, PIPELINES, calls, actor, c.action(), environment, null);
        }
        List<ToolCall> calls = new ArrayList<>();
        calls.add(call("lastRun", "pipeline", pipeline));
        String step = c.check() != null && pipeline.equals(pipelineOf(c.scenario(), c.check().id()))
            && c.thing() == c.check() ? c.check().id() : null;
        if (step != null) {
          calls.add(call("check", "id", step));
        }
        yield new Question(lang, intent, step == null ? pipeline : step, calls, actor, c.action(), environment, null);
      }
      case RECENT -> question(lang, intent, null, actor, c.action(), environment, call("recentChanges", "limit", 10));
      case SNAPSHOT -> question(lang, intent, c.batch(), actor, c.action(), environment, call("snapshot", null, null));
      // "kto jeszcze musi podpisać? wszyscy": everyone who still owes one, the asker too
      case OTHER_OWNERS -> question(lang, intent, c.thing().id(), c.everyone() ? null : actor, c.action(), environment,
          call("gate", "id",
          c.thing().kind() == Kind.CHECK ? groupOf(c.scenario(), c.thing().id()) : c.thing().id()));
      case ACT_REQUEST -> actRequest(lang, c, actor, environment);
      case OUT_OF_SCOPE, UNKNOWN -> new Question(lang, intent, null, List.of(), actor, c.action(), environment, null);
    };
  }

  /** What is asked to be done, and the facts that say who may do it and how. */
  private static Question actRequest(Lang lang, Context c, String actor, String environment) {
    List<ToolCall> calls = new ArrayList<>();
    String subject = null;
    Action action = c.action();
    // "accept every check": nothing in particular is named, so the answer says what can move now
    Link thing = c.thing() != null && c.thing().score() >= NAMED ? c.thing() : null;
    // "zatwierdź mi paczkę testową": a check named by words beyond the verb, however loosely, is what was asked
    if (thing == null && c.check() != null && c.checkNamed() && c.check() == c.thing()) {
      thing = c.check();
    }
    boolean pipelineMeant = c.pipeline() != null && c.pipeline().score() >= NAMED && (action == Action.RUN
        || thing == null || c.pipeline().score() >= thing.score());
    if (pipelineMeant) {
      subject = c.pipeline().id();
      action = Action.RUN;
      calls.add(call("lastRun", "pipeline", subject));
      calls.add(call("summary", null, null));
    } else if (thing != null && thing == c.check()) {
      subject = thing.id();
      calls.add(call("check", "id", subject));
    } else if (thing != null && !c.productionNamed()) {
      subject = thing.id();
      calls.add(call("gate", "id", subject));
    } else if (c.firstPerson() && actor != null && c.actor() != null && c.actor().at().isEmpty()) {
      // "zatwierdź wszystko co moje": what is the asker's to do, which they can do themselves
      calls.add(call("ownerTasks", "actor", actor));
    } else {
      calls.add(call("nextAction", null, null));
    }
    return new Question(lang, Intent.ACT_REQUEST, subject, calls, actor, action, environment, null);
  }

  /** Words asking what someone owns ("wlasciciel..." by its prefix). */
  private static final Set<String> WHO_WORDS = WordSet.of("who", "whose", "whom", "kto", "kim", "kogo", "czyja", "czyj", "czyje");

  private static boolean ownWord(Word w) {
    return OWN_WORDS.contains(w.text()) || w.text().startsWith("wlasciciel");
  }

  /** "who owns ...", "kto jest właścicielem ...": an own word within three words of "who". */
  private static boolean whoOwns(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      if (WHO_WORDS.contains(words.get(i).text())) {
        for (int j = i + 1; j <= i + 3 && j < words.size(); j++) {
          if (ownWord(words.get(j))) {
            return true;
          }
        }
      }
    }
    return false;
  }
  private static final Set<String> OWN_WORDS = WordSet.of("own", "owns", "owned", "owner", "belong", "belongs",
      "naleza", "nalezy", "posiada", "wlasciciel", "wlascicielem", "odpowiada", "responsible", "odpowiedzialny",
      "odpowiedzialna");

  private static final double CLOSE = 0.9;
  /** The subject of a count asked for every status ("how many ready, how many blocked"). */
  static final String BY_STATUS = "byStatus";
  /** The subject of the production overview asked with each gate's owners ("and who owns each"). */
  static final String OWNERS = "owners";
  /** Words asking for every one of something, not a summary or the first. */
  private static final Set<String> ALL_WORDS = WordSet.of("all", "every", "everyone", "everybody",
      "everything", "each", "complete", "full", "wszyscy", "wszystkie", "wszystkich", "wszystko", "kazdy", "kazda",
      "kazde", "kazdego", "kazdej", "komplet", "pelna", "calosc");
  /** What a second ask joined to a question usually is: what next, how far, whose, on which mode. */
  private static final Set<Intent> JOINED_ASKS = Set.of(Intent.NEXT, Intent.COUNT, Intent.OWNER, Intent.PROVIDER,
      Intent.SNAPSHOT);
  /** Words joining two asks in one question. */
  private static final Set<String> JOINING = WordSet.of("and", "also", "then", "plus", "oraz", "potem");
  /** The subject of every group counted, not only the checklist's gates ("how many groups are blocked"). */
  static final String GROUPS = "groups";
  private static final Set<String> GROUP_PLURAL = WordSet.of("groups", "grup", "grupy", "grupach",
      "grupami");
  private static final Set<String> COUNT_WORDS = WordSet.of("many", "number", "count", "ile", "liczba",
      "liczbe");
  private static final Set<String> COUNT_FILLERS = WordSet.of("of", "the", "all", "in", "total", "jest",
      "wszystkich", "lacznie", "razem", "calych", "mamy");
  /** The subject of two people compared, then what is compared: owned, open, now. */
  static final String COMPARED = "compare:";
  private static final Set<String> NEXT_WORDS = WordSet.of("next", "nastepny", "nastepna", "nastepne",
      "kolejny", "kolejna", "kolejne");
  private static final Set<String> PERMISSION_NOUNS = WordSet.of("permission", "permissions", "perms", "rights",
      "uprawnien", "uprawnienia", "uprawnieniach", "prawa");
  private static final Set<String> MORE_WORDS = WordSet.of("more", "most", "fewer", "less", "wiecej",
      "najwiecej", "mniej", "najmniej", "bigger", "wieksza", "wiekszy");
  private static final Set<String> MOST_WORDS = WordSet.of("most", "najwiecej");
  private static final Set<String> THING_WORDS = WordSet.of("things", "tasks", "rzeczy", "zadan", "pozycji");
  private static final Set<String> OPEN_WORDS = WordSet.of("open", "outstanding", "pending", "left",
      "remaining", "otwartych", "otwarte", "niegotowych", "niezamknietych", "zaleglych", "pozostalo");
  /** The subject of what waits on a thing, then its id. */
  static final String DEPENDENTS = "dependents:";
  private static final Set<String> UNBLOCK_WORDS = WordSet.of("unblock", "unblocks", "unblocked",
      "unblocking", "unlock", "unlocks", "odblokuje", "odblokuja", "odblokowuje", "odblokowalby", "odblokowaloby",
      "odblokuje", "odblokowac", "odblokujemy", "odblokujesz");
  /** Words that ask what waits on the thing named after them: "what depends on X", "co czeka na X". */
  private static final Set<String> WAIT_ON_WORDS = WordSet.of("depends", "depend", "wait", "waits",
      "waiting", "zalezy", "zaleza", "czeka", "czekaja", "hinge", "hinges", "relies", "rely");
  private static final Set<String> WHAT_WHICH = WordSet.of("what", "which", "whats", "co", "ktore",
      "ktora", "ktory", "jakie", "ile", "how");
  /** The subject of a packet's variables asked for, then the variable or packet named ("" for all). */
  static final String ENV = "env:";
  private static final Set<String> VARIABLE_WORDS = WordSet.of("variable", "variables", "vars", "var",
      "zmienna", "zmienne", "zmiennych", "zmiennej", "zmiennymi", "zmiennym");
  private static final Set<String> PACKET_WORDS = WordSet.of("packet", "packets", "pakiet", "pakiecie",
      "pakietu", "pakiety", "pakietow");
  private static final Set<String> WHICH_ENV = WordSet.of("which", "what", "ktore", "jakie", "jakim",
      "ktorym");
  /** Words that make "env" the packet's block rather than an environment ("the release env export"). */
  private static final Set<String> ENV_BLOCK_WORDS = WordSet.of("export", "exports", "eksport",
      "eksportu", "eksporcie", "block", "blok", "bloku", "packet", "pakiet", "pakiecie", "pakietu", "file", "plik");
  /** The subject of every pipeline listed with its last run ("which pipelines do we have"). */
  static final String PIPELINES = "pipelines";
  /** The subject prefix of "does X block production" (then X's id). */
  static final String BLOCKS_PRODUCTION = "blocksProduction:";

  /**
   * The group or check a yes/no question asks whether production waits for ("does the identity gate block go-live",
   * "is X holding up production", "czy X w ogóle blokuje produkcję"), else null.
   */
  private static Link blocksProductionAsked(Scan s) {
    if (s.words.isEmpty() || !YES_NO.contains(s.words.get(0).text()) && !s.words.get(0).text().equals("does")) {
      return null;
    }
    boolean blockWord = s.words.stream().anyMatch(w -> BLOCK_VERBS.contains(w.text())
        || startsWithAny(w.text(), BLOCK_STEMS));
    boolean productionWord = s.words.stream().anyMatch(w -> PRODUCTION_WORDS.contains(w.text())
        || w.text().startsWith("produkc") || w.text().equals("golive"));
    // "does X have to be done before Monday", "czy X musi być zrobione przed startem": needed before the switch
    boolean mustBefore = s.words.stream().anyMatch(w -> MUST_WORDS.contains(w.text()))
        && s.words.stream().anyMatch(w -> w.text().equals("before") || w.text().equals("przed"));
    boolean deadline = s.words.stream().anyMatch(w -> startsWithAny(w.text(), DEADLINE_STEMS));
    if (!(blockWord || mustBefore) || !(productionWord || mustBefore && deadline)) {
      return null;
    }
    // the thing named by other words than production's own ("go-live" names the production group too); production
    // itself ("does anything block production") is the overview, not this
    String production = s.facts.production().id();
    // the thing meant first; else a group before a check named as well ("rollback": the gate, and a release check)
    List<Link> candidates = new ArrayList<>();
    if (s.thing != null) {
      candidates.add(s.thing);
    }
    s.links.stream().sorted(Comparator.comparingDouble((Link l) -> -l.score())
        .thenComparing(l -> l.kind() == Kind.GROUP ? 0 : 1)).forEach(candidates::add);
    return candidates.stream().filter(l -> (l.kind() == Kind.GROUP || l.kind() == Kind.CHECK)
        && !l.id().equals(production) && l.score() >= BLOCKER_NAMED && l.at().stream().anyMatch(i -> {
          String text = s.words.get(i).text();
          return !PRODUCTION_WORDS.contains(text) && !text.startsWith("produkc") && !text.equals("go")
              && !text.equals("golive") && !BLOCK_VERBS.contains(text) && !TERMS.containsKey(text);
        })).findFirst().orElse(null);
  }

  /** The subject prefix of "do I need to sign X" of a check nobody signs (then its id). */
  static final String NO_SIGN_OFF = "noSignOff:";
  private static final Set<String> SHOULD_WORDS = WordSet.of("should", "musze", "powinnam", "powinienem", "powinna",
      "powinien", "mam");

  /** Whether nobody signs check {@code id} off: a pipeline's run proves it, or it follows from other evidence. */
  private static boolean noSignOff(Scenario scenario, String id) {
    CheckDef check = checkDef(scenario, id);
    return check != null && (check.pipeline() != null || check.kind() == CheckKind.DERIVED);
  }

  /** The subject prefix of "does X still wait on Y": then Y's id, and {@link #WAITS} when X rests on Y. */
  static final String WAITS_ON = "waitsOn:";
  static final String WAITS = "\trests";
  static final String WAITS_NOW = "\twaits";
  /** Asked whether one depends on the other at all ("does X depend on Y"). */
  static final String DEPENDS = "\tdepends";
  /** Words of waiting on something: "still stuck behind VAT", "czeka na", "blocked by". */
  private static final Set<String> WAIT_WORDS = WordSet.of("wait", "waits", "waiting", "behind", "blocked", "held", "stuck",
      "czeka", "czekaja", "zablokowana", "zablokowany", "zablokowane", "wstrzymana", "wstrzymany", "wstrzymane");

  /**
   * The thing asked about and the one it is asked to wait on, named before and after a word of waiting ("is the KAS
   * registration still waiting on the VAT rates"); of several things named after it, one the first rests on. Null
   * unless both are named apart, neither is production (that is {@link #blocksProductionAsked}).
   */
  private static Link[] waitsOnAsked(Scan s) {
    int at = -1;
    for (int i = 0; i < s.words.size() && at < 0; i++) {
      at = WAIT_WORDS.contains(s.words.get(i).text()) || DEPEND_WORDS.contains(s.words.get(i).text()) ? i : -1;
    }
    int wait = at;
    // a yes-or-no question ("settlement file check - can I sign it yet or is it still stuck on the dry run?", "does
    // the cutover night depend on the dry run?")
    if (at < 0 || s.words.subList(0, wait).stream().noneMatch(w -> YES_NO.contains(w.text())
        || Set.of("still", "nadal", "dalej", "wciaz", "does", "do").contains(w.text()))) {
      return null;
    }
    String production = s.facts.production().id();
    List<Link> things = s.links.stream().filter(l -> (l.kind() == Kind.GROUP || l.kind() == Kind.CHECK)
        && !l.id().equals(production) && !l.at().isEmpty()).toList();
    Link first = things.stream().filter(l -> Collections.max(l.at()) < wait && l.score() >= BLOCKER_NAMED)
        .max(Comparator.comparingDouble(Link::score)).orElse(null);
    if (first == null) {
      return null;
    }
    List<Link> after = things.stream().filter(l -> Collections.min(l.at()) > wait && !l.id().equals(first.id()))
        .sorted(Comparator.comparingDouble((Link l) -> -l.score())).toList();
    Link on = after.stream().filter(l -> dependsOn(s.scenario, first.id(), l.id(), id -> true)).findFirst()
        .orElse(after.stream().filter(l -> l.score() >= BLOCKER_NAMED).findFirst().orElse(null));
    return on == null ? null : new Link[] {first, on};
  }

  /**
   * Whether {@code id} rests on {@code on}, directly or through what it rests on: a check on what it depends on or
   * follows from (else on its group's dependencies), a group on its dependencies and its own checks; only through
   * the things {@code through} lets pass (what is not ready yet, for what it waits on now).
   */
  static boolean dependsOn(Scenario scenario, String id, String on, java.util.function.Predicate<String> through) {
    Map<String, GroupDef> groups = new HashMap<>();
    Map<String, CheckDef> checks = new HashMap<>();
    Map<String, GroupDef> groupOfCheck = new HashMap<>();
    List<GroupDef> all = new ArrayList<>(scenario.groups());
    all.add(scenario.production());
    for (GroupDef group : all) {
      groups.put(group.id(), group);
      for (CheckDef check : group.checks()) {
        checks.put(check.id(), check);
        groupOfCheck.put(check.id(), group);
      }
    }
    Set<String> seen = new HashSet<>();
    List<String> next = new ArrayList<>(List.of(id));
    while (!next.isEmpty()) {
      String current = next.remove(next.size() - 1);
      if (!seen.add(current) || !current.equals(id) && !through.test(current)) {
        continue;
      }
      // resting on one of a group's checks is resting on the group ("stuck on the dry run": its round-trip check),
      // unless the check asked about is in that group itself
      GroupDef holder = groupOfCheck.get(current);
      if (!current.equals(id) && (current.equals(on) || holder != null && holder.id().equals(on)
          && (groupOfCheck.get(id) == null || !groupOfCheck.get(id).id().equals(on)))) {
        return true;
      }
      GroupDef group = groups.get(current);
      CheckDef check = checks.get(current);
      if (group != null) {
        next.addAll(group.dependsOn() == null ? List.of() : group.dependsOn());
        group.checks().forEach(c -> next.add(c.id()));
      } else if (check != null) {
        List<String> rests = new ArrayList<>(check.dependsOn() == null ? List.of() : check.dependsOn());
        rests.addAll(check.from() == null ? List.of() : check.from());
        if (check.dependsOn() == null && groupOfCheck.get(current).dependsOn() != null) {
          rests.addAll(groupOfCheck.get(current).dependsOn());
        }
        next.addAll(rests);
      }
    }
    return false;
  }

  private static final Set<String> MUST_WORDS = WordSet.of("have", "has", "must", "need", "needs",
      "needed", "required", "musi", "musza", "musimy", "trzeba", "potrzebne", "potrzebny", "potrzebna", "wymagane",
      "wymagany", "wymagana");
  /** What a deadline is said by: a weekday, the launch, the switch, the weekend. */
  private static final Set<String> DEADLINE_STEMS = WordSet.of("monday", "tuesday", "wednesday", "thursday",
      "friday", "saturday", "sunday", "weekend", "launch", "start", "switch", "cutover", "golive", "tomorrow",
      "poniedzia", "wtor", "srod", "czwart", "piat", "sobot", "niedziel", "startem", "startu", "przelacz",
      "uruchomien", "jutr");

  /** The subject of every provider listed ("which integrations are still on mocks"). */
  static final String ALL_PROVIDERS = "allProviders";
  /** The subject of "how many events has the journal recorded". */
  static final String EVENTS_COUNTED = "eventsCounted";
  private static final Set<String> EVENT_WORDS = WordSet.of("events", "entries", "zdarzen", "zdarzenia",
      "wpisow", "wpisy", "wpisach");
  /** "skąd je teraz bierzemy", "where do we get them from now": the source a provider stands for today. */
  private static boolean sourceAsked(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      if (text.equals("skad") || text.equals("where") && words.subList(i, words.size()).stream()
          .anyMatch(w -> w.text().equals("from"))) {
        return true;
      }
    }
    return false;
  }

  /** The subject prefix of "how many times did X run" (then the pipeline's id). */
  static final String RUNS = "runs:";
  private static final Set<String> RUN_COUNT_WORDS = WordSet.of("runs", "times", "razy", "przebiegi",
      "przebiegow", "przebiegach", "uruchomien", "uruchomienia", "dryruns");

  /** Whether the question says {@code wanted} word after word, as written. */
  private static boolean said(List<Word> words, String... wanted) {
    for (int i = 0; i + wanted.length <= words.size(); i++) {
      int k = 0;
      while (k < wanted.length && words.get(i + k).text().equals(wanted[k])) {
        k++;
      }
      if (k == wanted.length) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> ENV_NOUNS = WordSet.of("environment", "environments", "env", "envs",
      "srodowisko", "srodowisku", "srodowiska", "srodowiskiem");
  private static final Set<String> AUTH_WORDS = WordSet.of("auth", "authentication", "login", "logowanie",
      "uwierzytelnianie", "identity");
  private static final Set<String> STORE_WORDS = WordSet.of("store", "storage", "magazyn", "przechowywanie");

  /** "how many connection checks were run", "ile testów połączenia uruchomiono": runs counted by their verb. */
  private static boolean ranPassive(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      if (RAN_PASSIVE.contains(text) || text.equals("run") && i > 0
          && Set.of("were", "was", "been", "got").contains(words.get(i - 1).text())) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> RAN_PASSIVE = WordSet.of("ran", "executed", "uruchomiono", "puszczono",
      "odpalono", "wykonano");

  /** The pipeline whose runs a question counts ("how many dry-runs have passed", "ile razy szedł connection"). */
  private static String runsCounted(Scan s) {
    if (s.cued.get(Intent.COUNT) < 3 && !timesAsked(s.words)
        || s.words.stream().noneMatch(w -> RUN_COUNT_WORDS.contains(w.text())) && !ranPassive(s.words)) {
      return null;
    }
    if (s.pipeline != null && s.pipeline.score() >= BLOCKER_NAMED) {
      return s.pipeline.id();
    }
    return pipelineWordsAfter(s, -1);
  }

  /**
   * "X before or after Y", "X przed czy po Y": the check named before the words and the one named after them, with
   * whose event on the second is meant ("after I first signed the mapping": the asker's first); else null.
   */
  private static String orderAsked(Scan s) {
    int before = -1;
    int after = -1;
    for (int i = 0; i < s.words.size(); i++) {
      String text = s.words.get(i).text();
      if (before < 0 && (text.equals("before") || text.equals("przed") || text.equals("earlier")
          || text.equals("wczesniej"))) {
        before = i;
      } else if (before >= 0 && after < 0 && i - before <= 3 && (text.equals("after") || text.equals("po")
          || text.equals("later") || text.equals("pozniej"))) {
        after = i;
      }
    }
    if (after < 0) {
      return null;
    }
    int split = before;
    int end = after;
    Link first = s.links.stream().filter(l -> l.kind() == Kind.CHECK && !l.at().isEmpty()
        && Collections.max(l.at()) < split).max(Comparator.comparingDouble(Link::score)).orElse(null);
    List<Word> rest = s.words.subList(end + 1, s.words.size());
    boolean mine = s.facts.asker() != null && rest.stream().anyMatch(w -> ME_OR_I.contains(w.text())
        || MY.contains(w.text()));
    // ("po mojej zmianie terminali": of the things named after, one the asker recorded something on)
    Link second = s.links.stream().filter(l -> l.kind() == Kind.CHECK && !l.at().isEmpty()
        && Collections.min(l.at()) > end && (!mine || s.facts.eventBy(s.facts.asker().id(), null, l.id(), false, null)
        >= 0)).max(Comparator.comparingDouble(Link::score)).orElse(null);
    if (first == null || second == null || first.id().equals(second.id())) {
      return null;
    }
    boolean earliest = rest.stream().anyMatch(w -> FIRST_WORDS.contains(w.text()));
    return first.id() + "\t" + second.id() + "\t" + (mine ? s.facts.asker().id() : "") + "\t"
        + (earliest ? "first" : "last");
  }

  /** "za którym razem", "on which try", "which attempt": which of the runs. */
  private static boolean whichTry(List<Word> words) {
    boolean which = false;
    for (Word w : words) {
      String text = w.text();
      if (which && (text.equals("razem") || text.equals("try") || text.equals("attempt")
          || text.equals("podejsciem"))) {
        return true;
      }
      which = text.equals("ktorym") || text.equals("which") || text.equals("what");
    }
    return false;
  }

  /** "ile razy", "how many times": a count of times, said outright. */
  private static boolean timesAsked(List<Word> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      String text = words.get(i).text();
      String next = words.get(i + 1).text();
      if (text.equals("ile") && next.equals("razy") || text.equals("many") && next.equals("times")) {
        return true;
      }
    }
    return false;
  }

  /** Where "since" ("od kiedy", "od czasu", "odkąd") stands in a question, or -1. */
  private static int sinceAt(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      String next = i + 1 < words.size() ? words.get(i + 1).text() : "";
      // ("zależy od przebiegu": what it depends on)
      if (SINCE_WORDS.contains(text) || text.equals("od") && SINCE_AFTER_OD.contains(next)
          && (i == 0 || !words.get(i - 1).text().startsWith("zalez"))) {
        return i;
      }
      // "who signed stuff after I pulled my sign-off": after something done, not a condition
      if (text.equals("after") && words.subList(i + 1, Math.min(words.size(), i + 4)).stream()
          .anyMatch(w -> REVOKED_WORDS.contains(w.text()) || doneForm(w.text()) || ranForm(w.text()))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * "co się zmieniło, od kiedy Oksana wycofała podpis", "what happened since I withdrew": the latest event of that
   * person (the asker for "I") of the kind its verb says, as "#" and its seq; null when none is found.
   */
  private static String eventAfter(Scan s, int from, String on) {
    String actor = s.actor != null && s.actor.score() >= NAMED && s.actor.at().stream().allMatch(i -> i > from)
        ? s.actor.id() : iDid(s, from) && s.facts.asker() != null ? s.facts.asker().id() : null;
    if (actor == null) {
      return null;
    }
    String type = null;
    for (int i = from + 1; i < s.words.size() && type == null; i++) {
      type = eventVerb(s.words.get(i).text());
    }
    boolean first = s.words.subList(from + 1, s.words.size()).stream().anyMatch(w -> FIRST_WORDS.contains(w.text()));
    // "since I moved the window to the christmas break": the recording of that option, not the latest one
    String value = "decision.recorded".equals(type) ? optionNamed(s, from) : null;
    // "since my failed conn check": the asker's run that failed
    boolean failed = s.words.subList(from + 1, s.words.size()).stream().anyMatch(w -> FAILED_WORDS.contains(w.text()));
    long seq = s.facts.eventBy(actor, type, on, first, value, failed);
    if (seq < 0 && value != null) {
      seq = s.facts.eventBy(actor, type, on, first, null);
    }
    return seq < 0 ? null : "#" + seq;
  }

  /**
   * The value of the decision option named by the words after {@code from} ("to the christmas break"): the option
   * with most words of its label there that no other option of its decision shares; null when none.
   */
  private static String optionNamed(Scan s, int from) {
    Set<String> said = new HashSet<>();
    s.words.subList(from + 1, s.words.size()).forEach(w -> said.add(w.text()));
    String best = null;
    int most = 0;
    for (GroupDef group : s.scenario.groups()) {
      for (CheckDef check : group.checks()) {
        if (check.options() == null) {
          continue;
        }
        for (CheckDef.DecisionOption option : check.options()) {
          Set<String> own = optionWords(option);
          check.options().stream().filter(o -> o != option).forEach(o -> own.removeAll(optionWords(o)));
          int named = (int) own.stream().filter(said::contains).count();
          if (named > most) {
            most = named;
            best = option.value();
          }
        }
      }
    }
    return best;
  }

  private static Set<String> optionWords(CheckDef.DecisionOption option) {
    Set<String> out = new HashSet<>();
    for (Lang lang : Lang.values()) {
      Words.of(option.label().in(lang)).stream().filter(w -> w.text().length() >= 4).forEach(w -> out.add(w.text()));
    }
    return out;
  }

  private static final Set<String> FIRST_WORDS = WordSet.of("first", "earliest", "pierwszy", "pierwszego",
      "pierwsza", "pierwszej", "pierwsze", "pierwszym");

  /** "since I signed", "od kiedy zatwierdziłam": the asker did what the words after {@code from} say. */
  private static boolean iDid(Scan s, int from) {
    return s.firstPerson || s.words.subList(from + 1, s.words.size()).stream().anyMatch(w -> eventVerb(w.text()) != null
        && (w.text().endsWith("lem") || w.text().endsWith("lam")));
  }

  private static final Set<String> MY_OWN = WordSet.of("swoje", "swoja", "swoj", "swojego", "swoich", "moje", "moja",
      "moj", "moich", "mine");

  /** The kind of event a verb says ("withdrew", "wycofała", "signed", "odpalił"), or null. */
  private static String eventVerb(String text) {
    return REVOKED_WORDS.contains(text) || REVOKE_VERBS.contains(text) || startsWithAny(text, UNDONE_STEMS)
        || text.startsWith("withdr") || text.startsWith("revok") ? "check.revoked"
        : startsWithAny(text, ACCEPT_VERBS) ? "check.accepted"
        : startsWithAny(text, DECIDE_VERBS) ? "decision.recorded"
        : ranForm(text) || RUN_VERBS.contains(text) ? "pipeline.finished"
        // "od czasu jak zmieniłam decyzję", "since I switched it": a decision recorded again
        : text.startsWith("zmienil") || text.equals("switched") || text.equals("moved") ? "decision.recorded" : null;
  }

  /** The subject prefix of "what did Tomek do today" (then the actor's id, a tab and their name): what they recorded. */
  static final String DONE_BY = "doneBy:";
  private static final Set<String> DID_WORDS = WordSet.of("done", "robil", "robila", "zrobil", "zrobila",
      "robili", "zrobili", "porobil", "porobila");

  /** "what did Tomek do today", "co dziś robił Tomek", "what has Jan done": whom the recent events are asked of. */
  private static String doneByAsked(Scan s) {
    if (s.actor == null || s.actor.score() < NAMED || s.thing != null && s.thing.score() >= NAMED) {
      return null;
    }
    boolean did = false;
    for (int i = 0; i < s.words.size(); i++) {
      String text = s.words.get(i).text();
      did |= DID_WORDS.contains(text) || text.equals("do") && i > 0 && s.words.subList(0, i).stream()
          .anyMatch(w -> w.text().equals("did") || w.text().equals("has"));
    }
    return did ? s.actor.id() : null;
  }

  private static final Set<String> SIGN_OFF_NOUNS = WordSet.of("sign", "off", "offs", "signoff", "signoffs",
      "signatures", "checks", "items", "podpisy", "podpisow", "akceptacje", "akceptacji", "kontrole", "kontroli",
      "rzeczy");

  /**
   * "which of my sign-offs are stuck", "które moje kontrole są zablokowane": the asker's own that wait, nothing named
   * but the words for sign-offs (which a label such as "Finance is signed off" shares).
   */
  private static boolean mineWaitingAsked(Scan s) {
    if (s.facts.asker() == null || s.actor != null && !s.actor.id().equals(s.facts.asker().id())
        || s.words.stream().noneMatch(w -> MY.contains(w.text()))
        || s.words.stream().noneMatch(w -> WAIT_WORDS.contains(w.text()) || w.text().startsWith("zablokowan"))) {
      return false;
    }
    return s.links.stream().filter(l -> l.score() >= NAMED && l.kind() != Kind.ACTOR)
        .allMatch(l -> l.at().stream().allMatch(i -> SIGN_OFF_NOUNS.contains(s.words.get(i).text())));
  }

  /** "which checks are mine", "które sprawdzenia są moje": what the asker owns, said without "own". */
  private static boolean mineSaid(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      if (text.equals("mine") || i > 0 && Set.of("moje", "moja", "moj", "moi").contains(text)
          && Set.of("sa", "jest").contains(words.get(i - 1).text())) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> SOMEONE_DID_WORDS = WordSet.of("did", "signed", "podpisal", "podpisala",
      "podpisali", "zaakceptowal", "zaakceptowala", "zaakceptowali", "klepnal", "klepnela", "klepneli");

  /**
   * "who did what today", "kto co dziś podpisał": a who with a past deed and nobody, nothing named asks what everyone
   * did; not "who didn't sign" (what is still owed) nor "who did the connection check" (that thing's).
   */
  private static boolean someoneDidAsked(Scan s) {
    if (s.actor != null && s.actor.score() >= NAMED || s.thing != null && s.thing.score() >= NAMED
        || s.pipeline != null && s.pipeline.score() >= NAMED || s.firstPerson) {
      return false;
    }
    boolean who = false;
    boolean did = false;
    for (int i = 0; i < s.words.size(); i++) {
      Word w = s.words.get(i);
      who |= WHO.contains(w.text());
      // ("who's on the hook for X and is it done": a state, not a deed; "who has done what": a deed)
      did |= SOMEONE_DID_WORDS.contains(w.text()) || DID_WORDS.contains(w.text()) && (!w.text().equals("done")
          || i > 0 && Set.of("has", "have", "had").contains(s.words.get(i - 1).text()));
      if (NOT_WORDS.contains(w.text()) || STILL.contains(w.text())) {
        return false;
      }
    }
    return who && did;
  }

  private static final Set<String> SINCE_AFTER_OD = WordSet.of("czasu", "kiedy", "ostatniego", "ostatniej",
      "momentu", "tego", "mojego", "mojej", "dry", "przebiegu", "rana", "wczoraj", "akceptacji", "podpisu",
      "decyzji", "wycofania", "zgody",
      // "co się zmieniło od próby migracji", "od pierwszego checku połączenia": since a run named
      "proby", "probnego", "probnej", "pierwszego", "pierwszej", "drugiego", "drugiej", "testu", "sprawdzenia",
      "kontroli", "checku");

  /**
   * A pipeline named by its id's words after {@code from}, in a Polish case too ("od czasu dry-runu": "dry" "runu"
   * is dry-run with an ending the names do not carry), else null.
   */
  private static String pipelineWordsAfter(Scan s, int from) {
    for (Evaluation.PipelineView pipeline : s.facts.evaluation().pipelines()) {
      String id = pipeline.id().replace("-", "").toLowerCase(Locale.ROOT);
      for (int i = from + 1; i < s.words.size(); i++) {
        StringBuilder joined = new StringBuilder();
        for (int j = i; j < s.words.size() && joined.length() < id.length(); j++) {
          joined.append(s.words.get(j).text());
        }
        if (joined.toString().startsWith(id) && joined.length() - id.length() <= 3) {
          return pipeline.id();
        }
      }
    }
    return null;
  }

  private static final Set<String> CHANGED_WORDS = WordSet.of("change", "changed", "changes", "switched",
      "zmienil", "zmienila", "zmienili", "zmienilo", "zmiana", "zmiane", "zmienione", "zmieniona", "zmieniony",
      "przestawil", "przestawila", "zmienilam", "zmienilem", "zmieniana", "zmieniany", "zmieniane", "zmienialam",
      "zmienial", "zmieniala", "moved", "changing", "zmieniano", "zmienia", "zmieniaja", "zmieniali");
  private static final Set<String> EARLIER_WORDS = WordSet.of("before", "previously", "earlier", "previous",
      "prior", "originally", "wczesniej", "poprzednio", "przedtem", "poprzednia", "poprzedni", "poprzednie",
      "pierwotnie", "history", "historia", "historie", "historii");

  /**
   * A decision named clearly with a word asking what it was earlier ("what was the region before", "jaka była
   * wcześniej decyzja o regionie"), else null: its earlier value is part of the decision's own answer.
   */
  private static Link decisionHistoryAsked(Scan s) {
    // "what did Aga change on the terminals", "co zmieniła w terminalach": a change to a decision named is one too
    boolean changed = false;
    for (int i = 0; i < s.words.size(); i++) {
      String text = s.words.get(i).text();
      // "did Aga switch the payment operator", not "can we switch on Tuesday night"
      changed |= EARLIER_WORDS.contains(text) || CHANGED_WORDS.contains(text) || text.equals("switch")
          && s.words.subList(0, i).stream().anyMatch(w -> Set.of("did", "has", "have", "had").contains(w.text()));
    }
    if (!changed || sinceAt(s.words) >= 0) {
      return null;
    }
    Link named = s.all.stream().filter(l -> l.kind() == Kind.CHECK && l.score() >= NAMED
        && hasOptions(s.scenario, l.id()) && !goLiveOnly(l, s.words, s.scenario.production().id()))
        .max(Comparator.comparingDouble(Link::score)).orElse(null);
    if (named != null) {
      return named;
    }
    // "a co było wybrane wcześniej, zanim Aga to zmieniła": none named, the one decision changed (by whoever is named)
    // ("what was my launch pick before I switched it": the asker's one changed decision)
    boolean chosenWord = s.words.stream().anyMatch(w -> CHOSEN.contains(w.text())
        || startsWithAny(w.text(), DECISION_NOUNS) || w.text().startsWith("wybra") || OPTION_WORDS.contains(w.text())
        || w.text().equals("pick"));
    String by = s.actor != null && s.actor.score() >= NAMED ? s.actor.id()
        : s.firstPerson && s.facts.asker() != null ? s.facts.asker().id() : null;
    if (!chosenWord && by == null) {
      return null;
    }
    List<String> decisions = s.facts.changedDecisions().entrySet().stream()
        .filter(e -> by == null || e.getValue().equals(by))
        .map(Map.Entry::getKey).toList();
    return decisions.size() == 1 ? new Link(new Lexicon.Entity(Kind.CHECK, decisions.get(0), List.of()), NAMED,
        Set.of()) : null;
  }

  /** The subject prefix of "what changed since X" (then X's id, and "@" and the asker's id for "since I ..."). */
  static final String SINCE = "since:";
  private static final Set<String> SINCE_WORDS = WordSet.of("since", "odkad", "odkąd");
  private static final Set<String> CHANGE_WORDS = WordSet.of("changed", "change", "changes", "happened",
      "touch", "touched", "modified",
      "happen", "new", "moved", "recorded", "done", "signed", "accepted", "anything", "zmienilo", "zmiany", "zmian",
      "zmienil", "zmienila", "stalo", "wydarzylo", "nowego", "ruszylo", "zapisano", "zrobiono", "podpisal",
      "podpisala", "zaakceptowal", "zaakceptowala", "cos", "dzialo", "happening", "działo");

  /**
   * What a question asks the changes since ("what changed since I ran the connection check", "co się zmieniło od
   * czasu przebiegu dry-run"): the pipeline (by the gate it proves) or the check named after "since", else null.
   */
  private static String sinceAsked(Scan s) {
    int since = sinceAt(s.words);
    if (since < 0) {
      return null;
    }
    // "what changed since X", "since I signed X what else happened"
    if (s.words.stream().noneMatch(w -> CHANGE_WORDS.contains(w.text()))) {
      return null;
    }
    int from = since;
    Link named = null;
    for (Link link : s.all) {
      // (not a thing named by the verb's stem: "wycofała" is no "Tryb wycofania")
      // ("since the uplink passed": a thing's one word right after "since" names it too)
      double floor = link.at().stream().allMatch(i -> i > from && i <= from + 2) ? MIN_LINK + 0.5 : BLOCKER_NAMED;
      if ((link.kind() == Kind.GROUP || link.kind() == Kind.CHECK || link.kind() == Kind.PIPELINE)
          && link.score() >= floor && link.at().stream().allMatch(i -> i > from)
          && !link.at().stream().allMatch(i -> eventVerb(s.words.get(i).text()) != null
              || SIGN_OFF_NOUNS.contains(s.words.get(i).text()))
          // (a pipeline and the gate it proves named by the same words: the pipeline's runs)
          && (named == null || link.score() > named.score()
              || link.score() == named.score() && link.kind() == Kind.PIPELINE)) {
        named = link;
      }
    }
    // ("since the uplink passed": a gate a pipeline proves, said to pass, is that pipeline's run)
    String pipeline = named == null ? pipelineWordsAfter(s, since) : named.kind() == Kind.PIPELINE ? named.id()
        : named.kind() == Kind.CHECK ? pipelineOf(s.scenario, named.id())
        : s.words.stream().anyMatch(w -> w.text().startsWith("pass") || w.text().startsWith("przesz")
            || w.text().startsWith("zalicz")) ? provedBy(s.scenario, named.id()) : null;
    // "since Oksana withdrew her sign-off", "since I signed CEPiK": that person's event (on the thing named, if any),
    // before any thing a verb's stem may name
    if (s.actor != null && s.actor.score() >= NAMED && s.actor.at().stream().allMatch(i -> i > from)
        || iDid(s, since) && s.facts.asker() != null) {
      String event = eventAfter(s, since, pipeline != null ? pipeline : named == null ? null : named.id());
      if (event != null) {
        return event;
      }
    }
    return pipeline != null ? pipeline : named != null ? named.id() : null;
  }

  /** Whether the check named is named by its pipeline step's own id ("rbac-claims", "schema-map"). */
  private static boolean stepNamed(Scan s) {
    CheckDef check = s.check == null ? null : checkDef(s.scenario, s.check.id());
    if (check == null || check.pipeline() == null || check.step() == null) {
      return false;
    }
    Set<String> said = new HashSet<>();
    s.check.at().forEach(i -> said.add(s.words.get(i).text()));
    return Words.of(check.step()).stream().allMatch(w -> said.contains(w.text()));
  }

  /** Whether {@code question} holds the snapshot's checksum, short or full, as written, in any case. */
  private static boolean checksumNamed(String question, Evaluation.SnapshotView snapshot) {
    if (snapshot == null) {
      return false;
    }
    String lower = question.toLowerCase(Locale.ROOT);
    for (String checksum : new String[] {snapshot.checksumShort(), snapshot.checksum()}) {
      if (checksum != null && checksum.length() >= 6 && lower.contains(checksum.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** The subject prefix of "if X is done, can we go live" (then X's id). */
  static final String IF_DONE = "ifDone:";
  private static final Set<String> IF_WORDS = WordSet.of("if", "assuming", "suppose", "supposing",
      "provided", "jesli", "jezeli", "gdyby", "gdybym", "gdybysmy", "jakby", "jakbym", "jesliby", "jezeliby",
      "zakladajac");
  /** "when X passes, ...", "jak X podpisze, to ...": a condition only when no verb asks when or how right after. */
  private static final Set<String> CONDITION_WHEN = WordSet.of("when", "once", "after", "gdy", "kiedy", "jak",
      "jakby", "skoro");
  private static final Set<String> NOT_A_CONDITION_AFTER = WordSet.of("will", "would", "is", "are", "was",
      "were", "can", "could", "did", "does", "do", "should", "has", "have", "bedzie", "beda", "jest", "sa", "byl",
      "byla", "bylo", "zostanie", "zostal", "zostala", "mozna", "mozemy", "moge", "to", "sie", "dlugo", "wyglada",
      "stoi", "stoimy", "idzie", "dokladnie", "daleko", "wiele", "duzo", "many", "much", "long", "far", "soon",
      "exactly");
  /**
   * What a what-if asks about production: going live, or what would be left ("what would it unblock" asks what
   * waits on the thing: its dependents).
   */
  private static final Set<String> OUTCOME_WORDS = WordSet.of("go", "golive", "live", "prod", "production",
      "left", "remain", "remains", "remaining", "cutover", "launch", "ruszy", "ruszymy", "ruszamy", "ruszyc",
      "ruszac",
      "start", "starts", "begin", "startowac", "wystartowac", "wystartujemy", "wystartuja",
      "odpalimy", "startujemy", "zostanie", "zostaje", "zostana", "zostaja", "pozostanie", "pozostaje");

  /** A what-if as read: what it takes as done (ids; a person's id for what they owe) and the gate asked, else null. */
  record WhatIf(List<String> assumed, String outcome) {
  }

  /**
   * What a what-if takes as done ("if I re-sign the store rehearsal will prod go?", "once the dry-run passes are we
   * good to go live", "jak X znowu zaakceptuje, to produkcja ruszy?", "if I pick 30 days and sign the DPIA is the
   * licensing gate done?", "if Petra and I sign our bits, GO?"), else null: a condition word, then the things (or
   * the people whose sign-offs), then production, what would be left, or a gate said to be done.
   */
  private static WhatIf ifDoneAsked(Scan s) {
    int condition = -1;
    for (int i = 0; i < s.words.size() && condition < 0; i++) {
      String text = s.words.get(i).text();
      String next = i + 1 < s.words.size() ? s.words.get(i + 1).text() : "";
      // ("a jak Jędrek znowu zatwierdzi ...": "jak" after a joining word opens the condition too)
      // ("jak zresetować hasło": "jak" before an infinitive asks how to, it sets no condition)
      if (IF_WORDS.contains(text) || CONDITION_WHEN.contains(text) && !NOT_A_CONDITION_AFTER.contains(next)
          && !WH_WORDS.contains(next) && !(!IF_WORDS.contains(text) && next.length() > 3 && next.endsWith("c")
          && POLISH_WHEN.contains(text))
          && (i == 0 || !text.equals("jak") || i == 1
          && JOINERS.contains(s.words.get(0).text()))) {
        condition = i;
      } else if (text.equals("po") && next.equals("tym")) {
        condition = i + 1;
      }
    }
    if (condition < 0) {
      return null;
    }
    int from = condition;
    // the condition's clause and the question's ("... and auth | does that close out the cutover rehearsals"), each
    // linked on its own: a gate's words in one clause and a check's in the other make no third thing
    int boundary = clauseEnd(s.words, condition);
    String production = s.facts.production().id();
    List<Link> clauseLinks = relink(s, condition + 1, boundary, OWNED_CHECK_FLOOR);
    List<Link> named = things(s, clauseLinks.stream().filter(l -> l.score() >= MIN_LINK).toList(), production);
    // "jak Kasia podpisze KNF i AML": a gate named through the verb that signs ("Zgody regulacyjne są podpisane") is
    // its check named by the other words
    for (int k = 0; k < named.size(); k++) {
      Link gate = named.get(k);
      Set<Integer> rest = new HashSet<>(gate.at());
      rest.removeIf(i -> startsWithAny(s.words.get(i).text(), ACCEPT_VERBS)
          || startsWithAny(s.words.get(i).text(), DECIDE_VERBS));
      if (gate.kind() != Kind.GROUP || rest.size() == gate.at().size() || rest.isEmpty()) {
        continue;
      }
      Link check = clauseLinks.stream().filter(l -> l.kind() == Kind.CHECK && l.score() >= MIN_LINK
              && gate.id().equals(groupOf(s.scenario, l.id())) && l.at().containsAll(rest))
          .max(Comparator.comparingDouble(Link::score)).orElse(null);
      if (check != null && named.stream().noneMatch(n -> n.id().equals(check.id()))) {
        named.set(k, check);
      }
    }
    // "jak Tomek wybierze harmonogram i zrobi testową płatność": a check of whoever the condition names (the asker
    // when it names nobody) is named by fewer of its words, with a verb that gives it
    if (s.words.subList(condition + 1, boundary).stream().anyMatch(w -> startsWithAny(w.text(), ACCEPT_VERBS)
        || startsWithAny(w.text(), DECIDE_VERBS))) {
      Set<String> people = new HashSet<>();
      s.all.stream().filter(l -> l.kind() == Kind.ACTOR && l.score() >= NAMED
          && l.at().stream().allMatch(i -> i > from && i < boundary)).forEach(l -> people.add(l.id()));
      // ("jak Magda podpisze X a ja zdecyduje o Y": the asker too, said "ja"; Polish "i" is "and")
      if (s.facts.asker() != null && (people.isEmpty() || s.words.subList(condition + 1, boundary).stream()
          .anyMatch(w -> ME_OR_I.contains(w.text()) && (s.lang == Lang.EN || !w.text().equals("i"))))) {
        people.add(s.facts.asker().id());
      }
      // of the things named by the same words, the one a person of the condition gives ("zdecyduję o fakturach przy
      // wycofaniu": the write-off decision, not the rollback gate nor an invoices check the words also name)
      for (int k = 0; k < named.size(); k++) {
        Link thing = named.get(k);
        if (thing.kind() == Kind.CHECK && people.contains(ownerOf(s.scenario, thing.id()))) {
          continue;
        }
        Link theirs = clauseLinks.stream().filter(l -> l.kind() == Kind.CHECK && l.score() >= MIN_LINK
                && people.contains(ownerOf(s.scenario, l.id())) && l.at().size() > 1
                && !Collections.disjoint(l.at(), thing.at()) && named.stream().noneMatch(n -> n.id().equals(l.id())))
            .max(Comparator.comparingDouble(Link::score)).orElse(null);
        if (theirs != null) {
          named.set(k, theirs);
        }
      }
      named.removeIf(thing -> named.stream().anyMatch(other -> other != thing && other.at().size() > thing.at().size()
          && other.at().containsAll(thing.at())));
      clauseLinks.stream().filter(l -> l.kind() == Kind.CHECK && l.score() < BLOCKER_NAMED
              && people.contains(ownerOf(s.scenario, l.id())) && namesThing(l, s.words)
              && named.stream().noneMatch(n -> n.id().equals(l.id())))
          .sorted(Comparator.comparingDouble((Link l) -> -l.score()))
          .forEach(l -> {
            if (named.stream().allMatch(n -> Collections.disjoint(n.at(), l.at()))) {
              named.add(l);
            }
          });
    }
    // a second thing only when joined to the first ("X and Y", "X i Y"): any other word that names something is not
    // another assumption
    for (int k = named.size() - 1; k >= 1; k--) {
      // each by the words that are its own: "zasadę wyników i obieg (wyników)" share "wyników"
      Set<Integer> best = new HashSet<>(named.get(0).at());
      Set<Integer> other = new HashSet<>(named.get(k).at());
      if (!best.equals(other) && !best.containsAll(other) && !other.containsAll(best)) {
        best.removeAll(named.get(k).at());
        other.removeAll(named.get(0).at());
      }
      int lo = Math.min(Collections.max(best), Collections.max(other));
      int hi = Math.max(Collections.min(best), Collections.min(other));
      List<Word> between = s.words.subList(Math.min(lo, hi), Math.max(lo, hi));
      if (between.stream().noneMatch(w -> AND_WORDS.contains(w.text()))) {
        named.remove(k);
      }
    }
    named.sort(Comparator.comparingInt(link -> Collections.min(link.at())));
    // "... is the licensing gate done?": a gate said to be done in the question's clause is the outcome
    Link outcome = null;
    // ("... to czego jeszcze będzie brakować w rozliczeniach?": a gate asked what it would still lack)
    if (boundary < s.words.size() && s.words.subList(boundary, s.words.size()).stream()
        .anyMatch(w -> isDoneWord(w.text()) || LACKING_WORDS.contains(w.text()))) {
      // (a gate said to be done is named by fewer of its words: "to katalog będzie gotowy?")
      for (Link link : relink(s, boundary, s.words.size())) {
        // "if the link is proven, what does that unblock": the thing itself again, in its own label's words
        if (link.kind() == Kind.GROUP && !link.id().equals(production) && namesThing(link, s.words)
            && named.stream().noneMatch(n -> n.id().equals(link.id()))
            && !link.at().stream().allMatch(i -> isDoneWord(s.words.get(i).text()))
            && (outcome == null || link.score() > outcome.score())) {
          outcome = link;
        }
      }
    }
    // "gdyby Ewa klepnęła podstawę, prywatność będzie gotowa?": the gate said before the question's verb, after the
    // things assumed
    if (outcome == null && !named.isEmpty() && boundary < s.words.size() && s.words.subList(boundary,
        s.words.size()).stream().anyMatch(w -> isDoneWord(w.text()))) {
      int last = named.stream().mapToInt(link -> Collections.max(link.at())).max().orElse(condition);
      for (Link link : candidates(s, relink(s, last + 1, boundary), production)) {
        if (link.kind() == Kind.GROUP && (outcome == null || link.score() > outcome.score())) {
          outcome = link;
        }
      }
    }
    if (outcome == null) {
      outcome = checkAskedThen(s, boundary, named);
    }
    // a group named beside one of its own checks, a gate beside its pipeline: the one thing, said twice
    named.removeIf(link -> named.stream().anyMatch(other -> other != link && partOf(s.scenario, other, link)));
    List<String> assumed = new ArrayList<>(named.stream().map(Link::id).toList());
    int after;
    if (!assumed.isEmpty()) {
      after = named.stream().mapToInt(link -> Collections.max(link.at())).max().orElse(condition);
      // "jak Aga klepnie mapowanie ulg a ja tabele taryf": a person the condition names as giving something whose
      // thing no words name well gives what they still owe (said so in the answer), beside the things named
      // (only beside the asker's own: "... a ja tabele taryf", every thing named being the asker's)
      String me = s.facts.asker() == null ? null : s.facts.asker().id();
      boolean gives = me != null && s.words.subList(condition + 1, boundary).stream().anyMatch(w -> startsWithAny(
          w.text(), ACCEPT_VERBS) || startsWithAny(w.text(), DECIDE_VERBS))
          && s.words.subList(condition + 1, boundary).stream().anyMatch(w -> ME_OR_I.contains(w.text()))
          && named.stream().allMatch(n -> me.equals(ownerOf(s.scenario, n.id())))
          && s.words.subList(condition + 1, boundary).stream().anyMatch(w -> AND_WORDS.contains(w.text()));
      for (Link person : s.all) {
        if (gives && person.kind() == Kind.ACTOR && person.score() >= NAMED && !person.at().isEmpty()
            && person.at().stream().allMatch(i -> i > from && i < boundary) && !assumed.contains(person.id())
            && named.stream().allMatch(n -> Collections.disjoint(n.at(), person.at()))
            && named.stream().noneMatch(n -> person.id().equals(ownerOf(s.scenario, n.id())))) {
          assumed.add(person.id());
        }
      }
    } else {
      // "if Petra and I sign our bits": what those people owe, when a verb says they give it
      int signed = -1;
      for (int i = condition + 1; i < s.words.size() && signed < 0; i++) {
        String text = s.words.get(i).text();
        signed = startsWithAny(text, ACCEPT_VERBS) || startsWithAny(text, DECIDE_VERBS) || finishWord(text) ? i : -1;
      }
      if (signed < 0) {
        return null;
      }
      for (Link link : s.all) {
        if (link.kind() == Kind.ACTOR && link.score() >= NAMED && link.at().stream().allMatch(i -> i > from)
            && !assumed.contains(link.id())) {
          assumed.add(link.id());
        }
      }
      // "if Petra and I sign", "jeśli Aga zaakceptuje retencję a ja podstawę": the asker anywhere in the condition
      // ("jeśli podpiszę oba swoje": the asker by a verb in the first person or "my own")
      boolean me = s.facts.asker() != null && s.words.subList(condition + 1, Math.max(signed + 1, boundary)).stream()
          .anyMatch(w -> ME_OR_I.contains(w.text()) || MY_OWN.contains(w.text())
              // ("podpisze" folded is "podpiszę" and "podpisze": the asker's only when nobody else is named)
              || assumed.isEmpty() && FIRST_PERSON_CAN.contains(w.text()));
      if (me && !assumed.contains(s.facts.asker().id())) {
        assumed.add(0, s.facts.asker().id());
      }
      if (assumed.isEmpty()) {
        return null;
      }
      after = signed;
    }
    // "if X is revoked", "jeśli X nie przejdzie": the opposite of done, not this
    for (int i = condition + 1; i <= after + 2 && i < s.words.size(); i++) {
      String text = s.words.get(i).text();
      // (a withdrawal's word in a thing's own name is no withdrawal: "o fakturach przy wycofaniu")
      int word = i;
      if (named.stream().anyMatch(link -> link.at().contains(word))) {
        continue;
      }
      if (REVOKE_VERBS.contains(text) || UNDONE_WORDS.contains(text) || startsWithAny(text, UNDONE_STEMS)) {
        return null;
      }
    }
    if (outcome != null) {
      return new WhatIf(assumed, outcome.id());
    }
    // "jak X podpisze, to produkcja ruszy": the Polish "jak"/"kiedy" is a condition with its "to"; else it asks how
    boolean polishWhen = !IF_WORDS.contains(s.words.get(condition).text()) && POLISH_WHEN.contains(
        s.words.get(condition).text());
    boolean then = !polishWhen;
    boolean asked = false;
    boolean whatThen = whatThen(s.words);
    for (int i = after + 1; i < s.words.size(); i++) {
      String text = s.words.get(i).text();
      // ("which sign-offs went stale after the limit change": a change named, not asked what it would be)
      asked |= WH_WORDS.contains(text);
      // ("jak Kasia zatwierdzi rozliczenie i wybierze retry, co dalej blokuje start?": a question word opens it too)
      then |= text.equals("to") || WH_WORDS.contains(text) && !text.equals("jak");
      // ("... to ile będzie gotowych bramek?": the gates then, counted)
      // ("jak już podpiszę gabaryty, to co jest następne": what production would still wait for is what comes next)
      // ("jak pani Halina podpisze zwroty, to co wtedy": what it would change)
      if (then && (OUTCOME_WORDS.contains(text) || asked && EFFECT_WORDS.contains(text) || whatThen
          || PRODUCTION_WORDS.contains(text) || text.startsWith("produkc") || READY_WE.contains(text)
          || text.equals("go") || text.equals("ready") || GATE_WORDS.contains(text) || CODE_WORDS.contains(text)
          || NEXT_WORDS.contains(text) || text.equals("dalej"))) {
        return new WhatIf(assumed, null);
      }
    }
    return null;
  }

  /** "jak X podpisze, to będziemy gotowi?": we, ready, is production. */
  private static final Set<String> READY_WE = WordSet.of("gotowi", "gotowe");

  /** "co wtedy", "what then", said together: what a what-if would change. */
  private static boolean whatThen(List<Word> words) {
    return said(words, "co", "wtedy") || said(words, "what", "then") || said(words, "and", "then");
  }

  /** "if X records Y, what changes": a what-if asked what it does, which is where production would then stand. */
  private static final Set<String> EFFECT_WORDS = WordSet.of("change", "changes", "happens", "happen", "zmieni",
      "zmienia", "zmienilo", "zmieniloby");
  /** "what would the billing gate still lack", "czego będzie brakować": what would be left of a gate. */
  private static final Set<String> LACKING_WORDS = WordSet.of("lack", "lacks", "missing", "brakowac", "brakuje",
      "brakowalo", "zabraknie", "brak");

  private static final Set<String> LAUNCH_NOUNS = WordSet.of("start", "startu", "launch", "golive", "uruchomienie",
      "uruchomienia");
  private static final Set<String> AND_WORDS = WordSet.of("and", "i", "oraz", "plus", "also", "both", "tez", "takze", "a");

  /**
   * "what happens to X if I pull my sign-off", "czy moje wycofanie retencji coś zablokowało": a withdrawal, with a
   * condition or asked what it does (blocks, breaks, happens).
   */
  private static boolean withdrawalAsked(List<Word> words, Set<Integer> named) {
    boolean withdrawal = false;
    boolean effect = false;
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      // (a withdrawal's word in the thing's own name is none: "czy mogę już zapisać wyzwalacz wycofania")
      boolean verb = !named.contains(i) && (REVOKE_VERBS.contains(text) || REVOKED_WORDS.contains(text)
          || startsWithAny(text, UNDONE_STEMS)
          || text.equals("pull") || text.startsWith("wycofan"));
      withdrawal |= verb;
      effect |= IF_WORDS.contains(text) || WITHDRAWAL_EFFECT.contains(text) || text.startsWith("zablokow")
          || text.startsWith("zepsu")
          // "jak cofnę podpis ..., to co z X": the Polish "jak"/"gdy" before a withdrawal still to come
          || verb && text.endsWith("e") && i > 0 && Set.of("jak", "gdy", "jesli", "jezeli").contains(words.get(i - 1).text());
    }
    return withdrawal && effect;
  }

  /** Whether anything (a check or a group) depends on {@code id} directly. */
  private static boolean waitedOn(Scenario scenario, String id) {
    for (GroupDef group : scenario.groups()) {
      if (group.dependsOn() != null && group.dependsOn().contains(id)) {
        return true;
      }
      for (CheckDef check : group.checks()) {
        if (check.dependsOn() != null && check.dependsOn().contains(id)) {
          return true;
        }
      }
    }
    return false;
  }

  private static final Set<String> WITHDRAWAL_EFFECT = WordSet.of("happens", "happen", "affect", "affects",
      "break", "breaks", "block", "blocks", "blocked", "dalej", "stanie", "gdybym", "jakbym");

  /** "me and Petra", "ja i Petra": the asker among the people a what-if names. */
  private static final Set<String> ME_OR_I = WordSet.of("me", "i", "myself", "ja", "mnie");

  /**
   * "... to Magda od razu podpisze treści komunikatów?", "then can I sign the wording?": the check the question's
   * clause asks whether it could be done, by a verb of doing it and its words; a check of the person that clause
   * names (or of the asker, said "I") is taken by fewer of its words. Null when none.
   */
  private static Link checkAskedThen(Scan s, int boundary, List<Link> named) {
    if (boundary >= s.words.size()) {
      return null;
    }
    List<Word> clause = s.words.subList(boundary, s.words.size());
    // ("... to będzie mógł robić etykiety?", "... to etykiety będą odblokowane?": done, or free to be done)
    // ("... to co wtedy z moim banerem?", "what about my banner then": its fate asked, whether it could then be done)
    boolean fate = clause.stream().anyMatch(w -> w.text().equals("about")) || clause.stream().anyMatch(w ->
        w.text().equals("co")) && clause.stream().anyMatch(w -> w.text().equals("z"));
    if (!fate && clause.stream().noneMatch(w -> startsWithAny(w.text(), ACCEPT_VERBS)
        || startsWithAny(w.text(), DECIDE_VERBS) || DO_VERBS.contains(w.text()) || w.text().equals("robic")
        || w.text().startsWith("odblok") || w.text().startsWith("unblock"))) {
      return null;
    }
    String person = s.all.stream().filter(l -> l.kind() == Kind.ACTOR && l.score() >= NAMED
        && l.at().stream().allMatch(i -> i >= boundary)).map(Link::id).findFirst().orElse(null);
    if (person == null && s.facts.asker() != null && clause.stream().anyMatch(w -> ME_OR_I.contains(w.text())
        || FIRST_PERSON_CAN.contains(w.text()))) {
      person = s.facts.asker().id();
    }
    String owner = person;
    Link best = null;
    for (Link link : s.lexicon.link(clause)) {
      String id = link.id();
      if (link.kind() != Kind.CHECK || named.stream().anyMatch(n -> n.id().equals(id)) || !namesThing(link, clause)
          || !(link.score() >= BLOCKER_NAMED || owner != null && link.score() >= OWNED_CHECK_FLOOR
          && owner.equals(ownerOf(s.scenario, id)))) {
        continue;
      }
      if (best == null || link.score() > best.score()) {
        Set<Integer> at = new HashSet<>();
        link.at().forEach(i -> at.add(i + boundary));
        best = new Link(link.entity(), link.score(), at);
      }
    }
    return best;
  }

  /** Whether {@code link} names a thing by more than verbs, going live's words and words for all. */
  private static boolean namesThing(Link link, List<Word> words) {
    return !verbOnly(link, words) && !link.at().stream().allMatch(i -> {
      String text = words.get(i).text();
      return OUTCOME_WORDS.contains(text) || PRODUCTION_WORDS.contains(text) || text.startsWith("produkc")
          || ALL_WORDS.contains(text);
    });
  }

  /** How well a check of the person asked about must be named by the words of a what-if's question. */
  private static final double OWNED_CHECK_FLOOR = 0.9;
  private static final Set<String> FIRST_PERSON_CAN = WordSet.of("moge", "bede", "mam", "podpisze", "zaakceptuje",
      "zatwierdze");

  /** Words that say a gate would be done: "is the licensing gate done?", "czy cutover będzie zamknięty?". */
  private static boolean isDoneWord(String text) {
    return DONE_WORDS.contains(text) || GATE_DONE_WORDS.contains(text) || startsWithAny(text, DONE_STEMS);
  }

  private static final Set<String> GATE_DONE_WORDS = WordSet.of("done", "ready", "closed", "close", "closes",
      "finish", "finishes", "green", "clear", "unblocked", "unblock", "unblocks", "pass", "passes", "passed",
      "przejdzie", "przejda", "complete", "completed");
  private static final Set<String> DONE_STEMS = WordSet.of("gotow", "zamkn", "domkn", "zakoncz", "skoncz",
      "zielon", "odblok", "zaliczon", "zrobion", "zaakceptowan", "kompletn");

  /**
   * Where a what-if's condition ends: at the first word that opens the question it asks ("does", "will", "is",
   * "czy", the Polish "to"; "then" unless "and then"), else at the end.
   */
  private static int clauseEnd(List<Word> words, int condition) {
    for (int i = condition + 2; i < words.size(); i++) {
      String text = words.get(i).text();
      // ("if she picks the date, what about my sign-off then": "what about" opens the question)
      if (CLAUSE_OPENERS.contains(text) || text.equals("then") && !words.get(i - 1).text().equals("and")
          || text.equals("what") && i + 1 < words.size() && words.get(i + 1).text().equals("about")) {
        return i;
      }
    }
    return words.size();
  }

  private static final Set<String> CLAUSE_OPENERS = WordSet.of("does", "do", "will", "would", "is", "are",
      "can", "could", "should", "shall", "czy", "to", "bedzie", "beda", "bedziemy", "mozemy", "mozna");

  /** The links of the words from {@code from} to {@code to} alone, at their places in the whole question. */
  private static List<Link> relink(Scan s, int from, int to) {
    return relink(s, from, to, MIN_LINK);
  }

  private static List<Link> relink(Scan s, int from, int to, double floor) {
    if (from >= to) {
      return List.of();
    }
    List<Word> clause = s.words.subList(from, to);
    List<Link> out = new ArrayList<>();
    for (Link link : withoutVerbOnly(gateNamed(s.lexicon.link(clause), clause), clause, false)) {
      if (link.score() >= floor && !particlesOnly(link, clause)) {
        Set<Integer> at = new HashSet<>();
        link.at().forEach(i -> at.add(i + from));
        out.add(new Link(link.entity(), link.score(), at));
      }
    }
    return out;
  }

  /**
   * What a what-if's clause names as things: the best reading of each stretch of words (one named by words another
   * names better is no second thing).
   */
  private static List<Link> things(Scan s, List<Link> links, String production) {
    List<Link> candidates = candidates(s, links, production);
    candidates.sort(Comparator.comparingDouble(Link::score).reversed());
    List<Link> named = new ArrayList<>();
    for (Link link : candidates) {
      // "zasadę wyników i obieg (wyników)": two things sharing a word, each with as many words of its own
      Set<Integer> own = new HashSet<>(link.at());
      named.forEach(taken -> own.removeAll(taken.at()));
      if (named.stream().allMatch(taken -> Collections.disjoint(taken.at(), link.at()))
          || !own.isEmpty() && own.size() * 2 >= link.at().size()) {
        named.add(link);
      }
    }
    // "pick the start date": a decision named as well as its own group, with a verb that decides, is the one meant
    boolean decides = s.words.stream().anyMatch(w -> startsWithAny(w.text(), DECIDE_VERBS));
    for (int k = 0; k < named.size(); k++) {
      Link group = named.get(k);
      for (Link check : candidates) {
        if (decides && group.kind() == Kind.GROUP && partOf(s.scenario, check, group)
            && hasOptions(s.scenario, check.id()) && check.at().containsAll(group.at())
            && check.score() >= group.score()) {
          named.set(k, check);
          break;
        }
      }
    }
    return named;
  }

  /** The checks, groups and pipelines {@code links} name well enough, not production nor only going-live words. */
  private static List<Link> candidates(Scan s, List<Link> links, String production) {
    List<Link> candidates = new ArrayList<>();
    for (Link link : links) {
      if ((link.kind() == Kind.GROUP || link.kind() == Kind.CHECK || link.kind() == Kind.PIPELINE)
          && !link.id().equals(production) && link.score() >= BLOCKER_NAMED && !verbOnly(link, s.words)
          && !link.at().stream().allMatch(i -> OUTCOME_WORDS.contains(s.words.get(i).text())
              || PRODUCTION_WORDS.contains(s.words.get(i).text()) || s.words.get(i).text().startsWith("produkc"))) {
        candidates.add(link);
      }
    }
    return candidates;
  }

  /** Whether {@code part} is a check of the group {@code whole} names, or the pipeline proving it (or the reverse). */
  private static boolean partOf(Scenario scenario, Link part, Link whole) {
    if (whole.kind() == Kind.GROUP && part.kind() == Kind.CHECK) {
      return part.id().startsWith(whole.id() + ".") || scenario.groups().stream().anyMatch(g -> g.id().equals(
          whole.id()) && g.checks().stream().anyMatch(c -> c.id().equals(part.id())));
    }
    if (whole.kind() == Kind.GROUP && part.kind() == Kind.PIPELINE) {
      return scenario.pipelines().stream().anyMatch(p -> p.id().equals(part.id()) && whole.id().equals(p.proves()));
    }
    return false;
  }

  private static final Set<String> POLISH_WHEN = WordSet.of("gdy", "kiedy", "jak", "skoro");
  private static final Set<String> UNDONE_WORDS = WordSet.of("not", "nie", "doesn", "don", "isn", "won",
      "fail", "fails", "failed", "breaks", "rejected", "reject", "rejects");
  private static final Set<String> UNDONE_STEMS = WordSet.of("wycof", "cofn", "odwol", "uniewazn", "odrzuc",
      "padnie", "oblej", "obleje");

  /** A thing named by one word of its own ("rollback") is named well enough beside "block" and "production". */
  private static final double BLOCKER_NAMED = 2.5;

  private static final Set<String> COMPARE_WORDS = WordSet.of("vs", "versus", "compared", "compare",
      "comparison", "between", "differ", "differs", "different", "difference", "same", "miedzy", "sam", "sama",
      "samo", "porownaniu", "porownaj",
      "porownanie", "porownac", "rozni", "roznia", "roznica", "roznice", "inny", "inna", "inne");
  private static final Set<String> TWO_RUNS_WORDS = WordSet.of("first", "second", "both", "previous",
      "earlier", "runs", "pierwszy", "pierwszym", "pierwsza", "pierwszej", "drugi", "druga", "drugim", "drugiej",
      "poprzedni", "poprzednim", "oba", "obu", "obydwa", "probami", "przebiegami", "przebiegow", "prob");

  /** "did the second dry-run change anything vs the first", "czy suma kontrolna zmieniła się między próbami". */
  private static boolean runsCompared(List<Word> words) {
    return words.stream().anyMatch(w -> COMPARE_WORDS.contains(w.text()))
        && words.stream().anyMatch(w -> TWO_RUNS_WORDS.contains(w.text()));
  }

  /** "na czym stoją X u Halinki", "how's X going at Tomek's": a state asked of a thing at someone's. */
  private static boolean stateAskedAt(List<Word> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      String a = words.get(i).text();
      String b = words.get(i + 1).text();
      if (a.equals("na") && b.equals("czym") || a.equals("jak") && (b.equals("idzie") || b.equals("ida"))
          || a.equals("how") && (b.equals("s") || b.equals("is") || b.equals("are"))) {
        return words.stream().anyMatch(w -> w.text().equals("u") || w.text().equals("at"));
      }
    }
    return false;
  }

  /** Verbs of finishing a piece of work by their stems: "did Kasia finish X", "czy Aga skończyła X", "zrobią". */
  private static final Set<String> FINISH_STEMS = WordSet.of("finish", "complet", "wrap", "skoncz",
      "dokoncz", "zamkn", "ogarn", "zrobi");

  private static boolean finishWord(String text) {
    return startsWithAny(text, FINISH_STEMS);
  }

  /** "what is blocking X", "co blokuje X": a verb of blocking right before the thing's words, asked by what. */
  private static boolean blockVerbBefore(List<Word> words, Link thing) {
    int first = thing.at().isEmpty() ? 0 : Collections.min(thing.at());
    if (first == 0 || !Set.of("what", "what's", "whats", "co", "czego").contains(words.get(0).text())) {
      return false;
    }
    for (int i = Math.max(0, first - 3); i < first; i++) {
      String text = words.get(i).text();
      if (Set.of("block", "blocks", "blocking", "holding", "stopping", "gating").contains(text)
          || startsWithAny(text, BLOCK_STEMS)) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> BLOCK_VERBS = WordSet.of("block", "blocks", "blocking", "hold", "holds",
      "holding", "stop", "stops", "stopping", "required", "needed", "need", "needs", "gating");
  private static final Set<String> BLOCK_STEMS = WordSet.of("blokuj", "wstrzymuj", "zatrzymuj", "hamuj",
      "wymagan", "potrzebn");

  /** Listed as asked by "how many are ready and which aren't": every gate not READY. */
  static final String NOT_READY = "NOT_READY";

  /** "... and which ones still aren't", "a które nie": a negation after the word asking for the list. */
  private static boolean notAfterListing(List<Word> words) {
    boolean listing = false;
    for (Word word : words) {
      String text = word.text();
      listing |= LIST_WORDS.contains(text);
      if (listing && (text.equals("not") || text.equals("aren") || text.equals("isn") || text.equals("nie")
          || text.startsWith("niegotow"))) {
        return true;
      }
    }
    return false;
  }

  /** The subject of "which sign-offs are stale" (":" and the asker's id when asked of their own). */
  static final String STALE = "stale";
  /** The subject of "what did the revoke undo": the withdrawals that stand. */
  static final String REVOKED = "revoked";
  /** The subject of "what have I signed so far": the asker's standing sign-offs and decisions. */
  static final String SIGNED = "signed";
  /** A pipeline word in the plural, in English and Polish ("pipeline'y" is "pipeline" and a cut-off "y"). */
  private static final Set<String> PIPELINES_PLURAL = WordSet.of("pipelines", "pipeliny", "pipelinow",
      "pipelineow", "pipelinach", "pipelineach", "pipelinami", "potoki", "potokow", "potokach");
  private static final Set<String> PLURAL_TAILS = WordSet.of("y", "ow", "ach", "ami");
  /** "any pipeline", "któryś pipeline": one of them, whichever. */
  private static final Set<String> ANY_ONE = WordSet.of("any", "ktorys", "ktorykolwiek", "jakikolwiek",
      "zaden", "either");
  /** The subject of a provider listing that was asked as a count ("how many providers"). */
  static final String COUNTED = "count";
  /** The asker's own words for themselves: "my plate", "can I", "co mam", "czy mogę sama". */
  private static final Set<String> FIRST_PERSON = WordSet.of("i", "my", "mine", "myself", "mam", "moje",
      "moja", "moj", "moich", "mojej", "moge", "musze", "sama", "sam", "powinienem", "powinnam", "jestem", "mnie",
      "mojego", "mojemu", "moim", "moimi");
  /** Words of having to: with a verb of doing and "I", the asker's own duties ("co mam podpisać", "do I need to sign"). */
  private static final Set<String> DUTY = WordSet.of("mam", "musze", "powinienem", "powinnam", "have",
      "need", "needs", "should", "must", "supposed", "trzeba", "nalezy", "left", "remaining", "zostalo", "zostaly",
      "pozostalo", "pozostaly");
  /** Verbs of an owner's duties beyond the commands: "co mam zrobić", "what do I have to do". */
  private static final Set<String> DO_VERBS = WordSet.of("do", "zrobic", "zrobienia", "wykonac");
  /** "besides me", "who else", "oprócz mnie", "kto jeszcze": the others. */
  private static final Set<String> OTHERS = WordSet.of("else", "besides", "apart", "except", "oprocz",
      "poza", "procz", "others");
  private static final Set<String> WHO = WordSet.of("who", "kto", "whom", "kogo");
  private static final Set<String> STILL = WordSet.of("still", "jeszcze");

  /** "who still has to sign X", "kto jeszcze musi": everyone who owes, the asker too (no "else" said). */
  private static boolean stillAsked(List<Word> words) {
    return words.stream().anyMatch(w -> STILL.contains(w.text())) && words.stream().noneMatch(w -> OTHERS.contains(
        w.text()) || w.text().startsWith("inn"));
  }
  /** Words asking for the value a decision holds: "which one was picked", "kto ma dyżur", "jaki wybrano". */
  private static final Set<String> VALUE_WORDS = WordSet.of("which", "chosen", "picked", "selected",
      "decided", "jaki", "jaka", "jakie", "ktory", "ktora", "ktore", "wybrany", "wybrana", "wybrane", "wybrano",
      "wybralismy", "wybrali", "ustalony", "ustalona", "ustalono",
      // "zosia już wybrała zgłaszającego?": whether someone has chosen is the value asked
      "wybral", "wybrala", "zdecydowal", "zdecydowala", "zdecydowali", "ustalil", "ustalila", "ustalili");
  private static final Set<String> CHOICE_WORDS = WordSet.of("chosen", "picked", "pick", "selected",
      "decided", "wybrany", "wybrana", "wybrane", "wybrano", "wybralismy", "wybrali", "ustalony", "ustalona",
      "ustalono",
      "wybral", "wybrala", "zdecydowal", "zdecydowala", "zdecydowali", "ustalil", "ustalila", "ustalili");
  private static final Set<String> OWNER_WORDS = WordSet.of("owner", "owns", "own", "responsible", "decides",
      "status", "state", "stan",
      "decide", "wlasciciel", "wlascicielem", "odpowiada", "decyduje", "zdecyduje", "whose", "czyj", "czyje",
      "options", "opcje");
  private static final Set<String> TRAFFIC = WordSet.of("traffic", "ruch", "ruchu");
  private static final Set<String> SWITCH_WORDS = WordSet.of("on", "off", "enabled", "disabled", "switched",
      "live", "flowing", "wlaczony", "wylaczony", "wlaczyc", "wlaczone", "idzie", "puszczony", "produkcyjny",
      "produkcyjnego", "production", "produkcji");
  private static final Set<String> LAST_WORDS = WordSet.of("last", "lastly", "latest", "ostatni", "ostatnio",
      "ostatniego", "ostatnia");
  private static final Set<String> WHEN_WORDS = WordSet.of("when", "kiedy", "time", "godzinie", "czas");

  private static boolean dutyAsked(List<Word> words) {
    boolean having = false;
    boolean verb = false;
    for (Word word : words) {
      String text = word.text();
      having |= DUTY.contains(text);
      verb |= DO_VERBS.contains(text) || startsWithAny(text, ACCEPT_VERBS)
          || startsWithAny(text, DECIDE_VERBS) && !startsWithAny(text, DECISION_NOUNS);
    }
    return having && verb;
  }

  /** Whether every word linking to {@code link} is a verb of doing (a decision, as a noun, names the board). */
  private static boolean verbOnly(Link link, List<Word> words) {
    for (int at : link.at()) {
      String text = words.get(at).text();
      // "sign off" is one verb: a label or alias saying "sign-off" is not named by it
      if (PARTICLES.contains(text)) {
        continue;
      }
      if (startsWithAny(text, DECISION_NOUNS) || !startsWithAny(text, ACCEPT_VERBS)
          && !startsWithAny(text, DECIDE_VERBS) && !runVerb(text) && !withdrawnSignOff(words, at)) {
        return false;
      }
      // "jak Kasia wybierze retry", "approve the launch": a run's word as the object of a verb that gives a thing
      if (runVerb(text) && !startsWithAny(text, ACCEPT_VERBS) && !startsWithAny(text, DECIDE_VERBS)
          && objectOfGiving(words, at)) {
        return false;
      }
    }
    return !link.at().isEmpty();
  }

  /** Whether the word at {@code at} follows a verb that signs or decides ("wybierze retry", "approve the launch"). */
  private static boolean objectOfGiving(List<Word> words, int at) {
    int verb = at > 0 && NOUN_MARKERS.contains(words.get(at - 1).text()) ? at - 2 : at - 1;
    return verb >= 0 && (startsWithAny(words.get(verb).text(), ACCEPT_VERBS)
        || startsWithAny(words.get(verb).text(), DECIDE_VERBS));
  }

  /** "kiedy wycofałem podpis", "pulled my sign-off": a withdrawing verb before a sign-off's noun is a verb. */
  private static boolean withdrawnSignOff(List<Word> words, int at) {
    if (!startsWithAny(words.get(at).text(), UNDONE_STEMS) && !REVOKE_VERBS.contains(words.get(at).text())) {
      return false;
    }
    for (int i = at + 1; i < words.size() && i <= at + 3; i++) {
      String text = words.get(i).text();
      if (text.startsWith("podpis") || text.startsWith("akcept") || text.startsWith("sign")
          || text.startsWith("zgod")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A gate or check linked only by a verb ("kto zatwierdza rollback" and a label "... są zatwierdzone")
   * is a stem in common: dropped when something else is named, or when the asker asks their own duties.
   */
  private static List<Link> withoutVerbOnly(List<Link> links, List<Word> words, boolean duty) {
    boolean named = links.stream().anyMatch(l -> (l.kind() == Kind.CHECK || l.kind() == Kind.GROUP)
        && l.score() >= DOABLE && !verbOnly(l, words));
    if (!named && !duty) {
      return links;
    }
    return links.stream().filter(l -> l.kind() != Kind.CHECK && l.kind() != Kind.GROUP || !verbOnly(l, words))
        .toList();
  }

  /**
   * "who do we chase before go-live": a check or group named only by going live's words ("Go-live date") is not
   * named by them; production is (said with a word of its own, "go-live date?", the check is).
   */
  private static List<Link> withoutGoLiveOnly(List<Link> links, List<Word> words, String production) {
    if (links.stream().noneMatch(l -> goLiveOnly(l, words, production))) {
      return links;
    }
    return links.stream().filter(l -> !goLiveOnly(l, words, production)).toList();
  }

  /**
   * "who has pipelines.run", "what are we still running on mocks": the permission's name, or what something runs
   * on, names no pipeline, nor the gate one proves.
   */
  private static List<Link> withoutRunOnly(List<Link> links, List<Word> words) {
    return links.stream().filter(l -> !(l.kind() == Kind.PIPELINE || l.kind() == Kind.GROUP) || l.at().isEmpty()
        || !l.at().stream().allMatch(i -> RUN_FORMS.contains(words.get(i).text()) && (i > 0
            && words.get(i - 1).text().equals("pipelines") || i + 1 < words.size()
            && words.get(i + 1).text().equals("on")))).toList();
  }

  private static boolean goLiveOnly(Link link, List<Word> words, String production) {
    return (link.kind() == Kind.CHECK || link.kind() == Kind.GROUP) && !link.id().equals(production)
        && !link.at().isEmpty() && link.at().stream().allMatch(i -> GO_LIVE_WORDS.contains(words.get(i).text()));
  }

  private static final Set<String> GO_LIVE_WORDS = WordSet.of("go", "live", "golive");
  private static final Set<String> GO_LIVE_WHEN = WordSet.of("when", "kiedy", "date", "data", "termin",
      "day", "dzien", "dnia");
  private static final Set<String> LOGIN_WORDS = WordSet.of("login", "logins", "logowanie", "logowania",
      "logowaniu", "logowaniem", "sso", "signin");

  /** A permission some actor holds that the console's own commands do not use, named as written, or null. */
  private static String scenarioPermission(String question, Scenario scenario) {
    String asked = question.toLowerCase(Locale.ROOT);
    for (io.bfg.console.model.Actor actor : scenario.actors()) {
      for (String permission : actor.permissions() == null ? List.<String>of() : actor.permissions()) {
        if (permission.contains(".") && asked.contains(permission.toLowerCase(Locale.ROOT))
            && !Permissions.RUN_PIPELINES.equals(permission) && !Permissions.ACCEPT_CHECKS.equals(permission)
            && !Permissions.RECORD_DECISIONS.equals(permission)) {
          return permission;
        }
      }
    }
    return null;
  }

  /** "who has pipelines.run": a permission said by its own name. */
  private static boolean permissionNamed(String question) {
    String asked = question.toLowerCase(Locale.ROOT);
    return asked.contains(Permissions.RUN_PIPELINES) || asked.contains(Permissions.ACCEPT_CHECKS)
        || asked.contains(Permissions.RECORD_DECISIONS);
  }
  private static final Set<String> FAILED_WORDS = WordSet.of("failed", "fail", "fails", "failing", "broke",
      "padl", "padla", "padlo", "wywalil", "wywalila", "nieudany", "zawiodl", "zawiodla", "blew", "died", "crashed",
      "errored", "wysypal", "wysypala", "wywalilo", "wysypalo", "umarl", "polecial", "poleciala", "polecialo", "killed",
      "broken", "sank", "tanked", "wykrzaczyl", "wykrzaczylo", "rozwalil", "rozwalilo", "blow", "blown", "exploded");
  private static final Set<String> RUN_DETAIL_WORDS = WordSet.of("step", "steps", "krok", "kroku", "kroki",
      "krokow", "version", "wersja", "wersji", "hit", "endpoint", "cert", "certyfikat", "fingerprint", "failed",
      "twice", "times",
      // "did the dry-run leave anything behind on the target db": its residue step
      "behind", "residue", "leftover", "leftovers", "zostawil", "zostawila", "pozostalosci", "slady", "smieci",
      "junk", "garbage", "resztki");

  private static boolean othersAsked(List<Word> words) {
    boolean who = false;
    boolean other = false;
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      who |= WHO.contains(text);
      // "kto jeszcze", "kto musi jeszcze": who else, still
      other |= OTHERS.contains(text) || STILL.contains(text) && (i > 0 && WHO.contains(words.get(i - 1).text())
          || i > 1 && WHO.contains(words.get(i - 2).text()));
    }
    return who && other;
  }

  /**
   * "Schema and RLS on the decision board": of checks named equally well (one label in two groups), the one
   * in a group the question names comes first.
   */
  private static List<Link> inNamedGroup(List<Link> links, Scenario scenario) {
    Link first = best(links, Kind.CHECK);
    if (first == null) {
      return links;
    }
    for (Link link : links) {
      if (link.kind() == Kind.CHECK && link != first && link.score() >= first.score() * 0.99) {
        String group = groupOf(scenario, link.id());
        boolean named = links.stream().anyMatch(l -> l.kind() == Kind.GROUP && l.id().equals(group)
            && l.score() >= NAMED && l.at().stream().noneMatch(link.at()::contains));
        if (named && !groupNamed(links, groupOf(scenario, first.id()), first)) {
          List<Link> out = new ArrayList<>(links);
          out.remove(link);
          out.add(out.indexOf(first), link);
          return out;
        }
      }
    }
    return links;
  }

  private static boolean groupNamed(List<Link> links, String group, Link check) {
    return links.stream().anyMatch(l -> l.kind() == Kind.GROUP && l.id().equals(group) && l.score() >= NAMED
        && l.at().stream().noneMatch(check.at()::contains));
  }

  /** "who do we chase", "kogo pogonić", "kto musi co zrobić", "who needs to do what": everyone still owing. */
  private static boolean chaseAsked(List<Word> words) {
    boolean who = false;
    int lastWho = -1;
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      // ("kto ma teraz ruch w compliance": whose move it is, as in a game)
      if (CHASE_WORDS.contains(text) || text.equals("ruch") && who && i - lastWho <= 3) {
        return true;
      }
      // "who owns each item", "kto odpowiada za każdą": every open check's owner
      if (who && EACH.contains(text) && i - lastWho <= 3) {
        return true;
      }
      // "who signs what", "kto musi co zrobić", "who needs to do what": who, then what, at most four words on
      // (not "who has to move first to unblock the cutover, and what do they do")
      if (who && (text.equals("what") || text.equals("co")) && i - lastWho <= 4) {
        return true;
      }
      if (WHO.contains(text)) {
        who = true;
        lastWho = i;
      }
      // "who owns the invoicing provider and what mode is it in": two asks joined, not who does what
      if (JOINERS.contains(text)) {
        who = false;
      }
    }
    return false;
  }

  /** "what is still left and who has to do it", "co jeszcze zostało i kto musi to zrobić". */
  private static boolean leftAndWho(List<Word> words) {
    return words.stream().anyMatch(w -> REMAINING.contains(w.text()) || w.text().equals("brakuje"))
        && words.stream().anyMatch(w -> WHO.contains(w.text()));
  }

  private static final Set<String> EACH = WordSet.of("each", "kazda", "kazdy", "kazde", "kazdej",
      "kazdego", "kazdym");
  private static final Set<String> ANYTHING = WordSet.of("anything", "something", "cos", "czegos",
      "cokolwiek");
  /** "who is holding it up", "who's blocking the notices", "kto wstrzymuje otwarcie": who, then a verb of holding. */
  private static boolean whoHolds(List<Word> words) {
    int lastWho = -9;
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      if (WHO.contains(text)) {
        lastWho = i;
      } else if (HOLD_VERBS.contains(text) && i - lastWho <= 3) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> HOLD_VERBS = WordSet.of("holding", "blocking", "stalling", "wstrzymuje", "blokuje",
      "trzyma", "hamuje", "blokuja", "wstrzymuja", "trzymaja");
  private static final Set<String> CHASE_WORDS = WordSet.of("chase", "chasing", "nudge", "poke", "gonic",
      "pogonic", "scigac", "ponaglic", "ponaglac", "pogonie");

  private static boolean valueAsked(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      String next = i + 1 < words.size() ? words.get(i + 1).text() : "";
      // "who is on call", "when is the cutover night": the value a decision records
      // "kiedy otwieramy rekrutację": when, asked first, is the value of a decision named
      if (VALUE_WORDS.contains(text) || (WHO.contains(text) || text.equals("when") || text.equals("kiedy"))
          && Set.of("is", "s", "will", "ma", "bedzie", "jest").contains(next)
          || i == 0 && (text.equals("when") || text.equals("kiedy"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean choiceAsked(List<Word> words) {
    return words.stream().anyMatch(w -> CHOICE_WORDS.contains(w.text()));
  }

  private static boolean ownerAsked(List<Word> words) {
    return words.stream().anyMatch(w -> OWNER_WORDS.contains(w.text()));
  }

  private static Set<Integer> trafficWords(List<Word> words) {
    Set<Integer> out = new HashSet<>();
    for (int i = 0; i < words.size(); i++) {
      if (TRAFFIC.contains(words.get(i).text())) {
        out.add(i);
      }
    }
    return out;
  }

  /** "is production traffic on", "czy ruch produkcyjny jest włączony"; not "whose move is it" ("kto ma ruch"). */
  private static boolean trafficAsked(List<Word> words) {
    return !trafficWords(words).isEmpty() && words.stream().anyMatch(w -> SWITCH_WORDS.contains(w.text()));
  }

  /** "when was the last write", "kiedy był ostatni zapis": the state store's last write, not a pipeline's run. */
  private static boolean lastWriteAsked(List<Word> words) {
    boolean last = false;
    boolean write = false;
    boolean when = false;
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      last |= LAST_WORDS.contains(text);
      // "o której": at what time
      when |= WHEN_WORDS.contains(text) || text.equals("ktorej") && i > 0 && words.get(i - 1).text().equals("o");
      // ("who last touched the console", "kto ostatnio coś zmienił"): a change of any kind is a write
      write |= text.startsWith("writ") || text.equals("wrote") || text.startsWith("saved") || text.startsWith("zapis")
          || TOUCHED_WORDS.contains(text);
      if (runVerb(text) || text.equals("ran")) {
        return false;
      }
    }
    // "kto ostatni coś zapisał w konsoli": who wrote last is the same write; "the latest thing in the audit log"
    return last && (write && (when || words.stream().anyMatch(w -> WHO.contains(w.text())))
        || words.stream().anyMatch(w -> AUDIT_LOG_WORDS.contains(w.text()))
        && words.stream().anyMatch(w -> ENTRY_WORDS.contains(w.text())));
  }

  /**
   * "the last few entries of the audit trail", "ostatnie wpisy w dzienniku audytu": its latest entries, several
   * ("the last entry in the audit log" is one, the last write).
   */
  private static boolean auditTrailAsked(List<Word> words) {
    boolean several = words.stream().anyMatch(w -> RECENT_WORDS.contains(w.text()));
    return words.stream().anyMatch(w -> AUDIT_LOG_WORDS.contains(w.text()))
        && words.stream().anyMatch(w -> EVENT_WORDS.contains(w.text()) || several && TRAIL_WORDS.contains(w.text()))
        && (several || words.stream().anyMatch(w -> LAST_WORDS.contains(w.text())));
  }

  private static final Set<String> TRAIL_WORDS = WordSet.of("trail", "log", "journal", "sciezka", "sciezce",
      "sciezki", "dziennik", "dzienniku", "logu");
  private static final Set<String> RECENT_WORDS = WordSet.of("recent", "few", "ostatnie", "ostatnich", "najnowsze",
      "kilka");

  /** One entry of the log: "the latest thing in the audit log" asks for one, not the changes of the last hour. */
  private static final Set<String> ENTRY_WORDS = WordSet.of("thing", "entry", "event", "record", "wpis", "wpisem",
      "zdarzenie", "rzecz");
  private static final Set<String> AUDIT_LOG_WORDS = WordSet.of("audit", "log", "journal", "logu", "dzienniku",
      "dziennika", "audytu");
  private static final Set<String> TOUCHED_WORDS = WordSet.of("touched", "modified", "ruszal", "ruszala",
      "dotykal", "dotykala", "grzebal", "grzebala");

  /** Polish "i" is "and". */
  private static boolean firstPerson(List<Word> words, Lang lang) {
    return words.stream().anyMatch(w -> FIRST_PERSON.contains(w.text()) && (lang == Lang.EN || !w.text().equals("i")));
  }

  /**
   * The second person of a question naming two, in the order named ({@code actor} is the one named more
   * clearly): another actor named, or the asker when the question also says "me"; null when there is none.
   */
  private static Link otherActor(List<Link> links, Link actor, ReadinessFacts facts, boolean self) {
    if (actor == null || actor.at().isEmpty()) {
      return null;
    }
    for (Link link : links) {
      if (link.kind() == Kind.ACTOR && !link.id().equals(actor.id()) && !link.at().isEmpty()
          && link.at().stream().noneMatch(actor.at()::contains)) {
        return link;
      }
    }
    return self && facts.asker() != null && !facts.asker().id().equals(actor.id()) ? asker(facts.asker().id())
        : null;
  }

  private static Link asker(String actorId) {
    return new Link(new Lexicon.Entity(Kind.ACTOR, actorId, List.of()), 2, Set.of());
  }

  /** Words telling of a refusal: "got a 403", "it wouldn't let me", "nie puściło", "odrzuciło". */
  private static final Set<String> REFUSAL_WORDS = WordSet.of("403", "409", "refused", "denied", "forbidden",
      "rejected", "wouldn", "puscilo", "puscil", "pozwolilo", "pozwolil", "odrzucilo", "odrzucil", "odmowa",
      "odmowil", "odmowilo", "zablokowalo");

  /** "why can't X accept it", "dlaczego X nie może": asks what stops someone from one command. */
  private static boolean whyNot(List<Word> words, Link actor, Action action, boolean act) {
    return actor != null && action != null && !act && words.stream().anyMatch(w -> WHY_WORDS.contains(w.text()));
  }

  private static final Set<String> FOUND_FORMS = WordSet.of("sprawdzil", "sprawdzila", "sprawdzilo", "wykazal",
      "wykazala", "wykazalo");
  private static final Set<String> WHY_WORDS = WordSet.of("why", "dlaczego", "czemu", "wherefore");
  private static final Set<String> OPTION_WORDS = WordSet.of("option", "options", "opcje", "opcja",
      "opcji", "choices", "choice", "wybor", "alternatives", "warianty");

  private static final Set<String> WHICH_WORDS = WordSet.of("which", "what", "jakie", "jakich", "jaki",
      "jaka", "jakim", "ktore", "ktorych", "ktory", "ktora", "sposrod");
  private static final Set<String> PEOPLE_WORDS = WordSet.of("people", "persons", "person", "actors",
      "users", "members", "staff", "roles", "role", "humans", "ludzi", "osob", "osoby", "aktorow", "aktorzy",
      "uzytkownikow", "rol", "personelu", "czlonkow", "pracownikow");
  private static final Set<String> LIST_WORDS = WordSet.of("which", "ktore", "ktorych", "ktora", "ktory",
      "jakie", "list", "name", "wymien", "wypisz", "pokaz");
  private static final Set<String> READY_WORDS = WordSet.of("ready", "gotowe", "gotowych", "gotowa",
      "gotowy", "gotowymi", "gotowosci", "gotowosc", "readiness", "done", "green", "zielone");
  private static final Set<String> LAST_OR_WHEN_WORDS = WordSet.of("when", "kiedy", "last", "ostatni",
      "ostatnio");
  /** Words that ask about the console's own API rather than ask for a program. */
  private static final Set<String> API_WORDS = WordSet.of("endpoint", "endpoints", "api", "url", "curl",
      "post", "http", "request", "wywolac", "wywolanie", "endpointu", "endpointem");
  private static final Set<String> POEM_WORDS = WordSet.of("wiersz", "wierszyk", "wierszyka", "wierszem", "wierszyki",
      "wierszykiem", "wierszyku");
  private static final Set<String> MAIL_WORDS = WordSet.of("email", "mail", "maila", "mejla", "mejl", "maile", "emaila");
  private static final Set<String> MESSAGE_VERBS = WordSet.of("draft", "send", "compose", "wyslij", "napisac", "wyslac",
      "przygotuj", "zredaguj");
  private static final Set<String> WRITE_WORDS = WordSet.of("write", "napisz", "generate", "wygeneruj",
      "create", "stworz", "code", "draft", "compose", "przygotuj", "zredaguj", "zrob",
      // "napiszesz mi skrypt ...?": asked as "will you write", a request all the same
      "napiszesz", "wygenerujesz", "przygotujesz", "zrobisz", "stworzysz");
  private static final Set<String> SCRIPT_WORDS = WordSet.of("script", "scripts", "skrypt", "skryptu",
      "skrypty");
  private static final Set<String> SCRIPT_VERBS = WordSet.of("write", "napisz", "generate", "wygeneruj",
      "create", "stworz", "give", "daj", "make", "zrob");
  /** "co należy do mnie", "what belongs to me": the asker, where no first-person verb says so. */
  private static final Set<String> ME = WordSet.of("me", "mnie");
  private static final Set<String> GATE_OR_GROUP_WORDS = WordSet.of("gate", "gates", "group", "groups",
      "bramka", "bramki", "bramce", "bramke", "bramek", "grupa", "grupy", "grupie", "grupe");

  private static boolean gateSaid(List<Word> words) {
    return words.stream().anyMatch(w -> GATE_OR_GROUP_WORDS.contains(w.text()));
  }

  /** The question says gate or group by a word that is not part of the provider's own name ("bramka płatnicza"). */
  private static boolean gateWorded(List<Word> words, Link provider) {
    for (int i = 0; i < words.size(); i++) {
      if (GATE_OR_GROUP_WORDS.contains(words.get(i).text()) && !provider.at().contains(i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean optionsAsked(List<Word> words) {
    return words.stream().anyMatch(w -> OPTION_WORDS.contains(w.text()));
  }

  private static boolean hasOptions(Scenario scenario, String checkId) {
    for (GroupDef group : scenario.groups()) {
      for (CheckDef check : group.checks()) {
        if (check.id().equals(checkId)) {
          return !check.options().isEmpty();
        }
      }
    }
    return false;
  }

  private static String providerCheck(ReadinessFacts facts, String providerId) {
    for (var provider : facts.evaluation().providers()) {
      if (provider.id().equals(providerId)) {
        return provider.check();
      }
    }
    return null;
  }

  /** The tool that describes a gate or check. */
  private static ToolCall tool(Link thing) {
    return thing.kind() == Kind.CHECK ? call("check", "id", thing.id()) : call("gate", "id", thing.id());
  }

  /** How well a link fits: a rough 0..1.5 from its specificity. */
  private static double fit(Link link) {
    return link == null ? 0 : Math.min(1.5, link.score() / 3);
  }

  private static String groupOf(Scenario scenario, String checkId) {
    for (GroupDef group : scenario.groups()) {
      for (CheckDef check : group.checks()) {
        if (check.id().equals(checkId)) {
          return group.id();
        }
      }
    }
    return checkId;
  }

  /** The group pipeline {@code pipelineId} proves, or null. */
  private static String provedGroup(Scenario scenario, String pipelineId) {
    return scenario.pipelines().stream().filter(p -> p.id().equals(pipelineId)).map(p -> p.proves()).findFirst()
        .orElse(null);
  }

  /** The pipeline that proves group {@code groupId}, or null. */
  private static String provedBy(Scenario scenario, String groupId) {
    return scenario.pipelines().stream().filter(p -> groupId.equals(p.proves())).map(p -> p.id()).findFirst()
        .orElse(null);
  }

  private static String pipelineOf(Scenario scenario, String checkId) {
    CheckDef check = checkDef(scenario, checkId);
    return check == null ? null : check.pipeline();
  }

  private static String ownerOf(Scenario scenario, String checkId) {
    CheckDef check = checkDef(scenario, checkId);
    return check == null ? null : check.owner();
  }

  private static CheckDef checkDef(Scenario scenario, String checkId) {
    for (GroupDef group : scenario.groups()) {
      for (CheckDef check : group.checks()) {
        if (check.id().equals(checkId)) {
          return check;
        }
      }
    }
    return null;
  }

  private static Link best(List<Link> links, Kind kind) {
    for (Link link : links) {
      if (link.kind() == kind) {
        return link;
      }
    }
    return null;
  }

  /**
   * A decision code written as one, in any case ("blocked_pending_preflight") or in capitals
   * ("CLINICS LIVE"), else one named word by word in a question asking what something means: "is
   * the runbook ready?" names the words of RUNBOOK_READY but asks about the runbook.
   */
  private static Link explicitCode(String question, Lexicon lexicon, List<Link> links, boolean meaningAsked) {
    Matcher m = CODE.matcher(question);
    while (m.find()) {
      String wanted = m.group().toUpperCase(Locale.ROOT);
      Link known = code(lexicon, wanted);
      if (known != null) {
        return known;
      }
      // a code-shaped word that is no code of this scenario still asks what a code means
      if (wanted.startsWith("BLOCKED_") || wanted.endsWith("_GO") || REFUSAL_CODES.contains(wanted)) {
        return new Link(new Lexicon.Entity(Kind.CODE, wanted, List.of()), 5, Set.of());
      }
    }
    Matcher capitals = CAPITALS.matcher(question);
    while (capitals.find()) {
      Link known = code(lexicon, capitals.group().replaceAll("\\s+", "_"));
      if (known != null) {
        return known;
      }
    }

    return meaningAsked ? best(links, Kind.CODE) : null;
  }

  /** The codes the console refuses a command with ("got a 409 DEPENDENCY_UNMET, what does it mean"). */
  private static final Set<String> REFUSAL_CODES = java.util.Arrays.stream(CommandRejected.Reason.values())
      .map(Enum::name).collect(Collectors.toUnmodifiableSet());

  /** "co znaczy kod SAIL": a ready code of one word, written in capitals (not "GO", which asks the go/no-go). */
  private static Link oneWordCode(String question, Scenario scenario, boolean meaningAsked) {
    Matcher word = ONE_WORD_CODE.matcher(question);
    while (word.find()) {
      String wanted = word.group();
      // ("dostałem FORBIDDEN, co to znaczy": a refusal's code of one word, when its meaning is asked)
      boolean known = wanted.equals(scenario.production().readyCode())
          || scenario.groups().stream().anyMatch(g -> wanted.equals(g.readyCode()))
          || meaningAsked && REFUSAL_CODES.contains(wanted);
      if (known) {
        return new Link(new Lexicon.Entity(Kind.CODE, wanted, List.of()), 10, Set.of());
      }
    }
    return null;
  }

  private static Link code(Lexicon lexicon, String wanted) {
    for (Lexicon.Entity entity : lexicon.entities()) {
      if (entity.kind() == Kind.CODE && entity.id().equals(wanted)) {
        return new Link(entity, 10, Set.of());
      }
    }
    return null;
  }

  /**
   * The providers a question lists: those named equally well (by a mode word they share, "mocked"),
   * or every one when it asks about providers in the plural and names none. Empty when one is meant.
   */
  private static List<String> providersListed(List<Word> words, List<Link> links, Scenario scenario, Link best) {
    if (providersWorded(words)) {
      // "still on mock", "not on production yet": every provider not in its target mode, whatever its mode is called
      if (notProductionAsked(words)) {
        return scenario.providers().stream().filter(p -> !p.currentMode().equals(p.targetMode())).map(p -> p.id())
            .toList();
      }
      // "which providers run shared-ldap": those whose current mode the question names
      List<String> inMode = scenario.providers().stream().filter(p -> modeSaid(p.currentMode(), words))
          .map(p -> p.id()).toList();
      return inMode.isEmpty() && best == null ? providerIds(scenario) : inMode.size() > 1 ? inMode : List.of();
    }
    if (best != null) {
      List<String> tied = links.stream().filter(l -> l.kind() == Kind.PROVIDER && l.score() >= 0.99 * best.score())
          .map(Link::id).toList();
      return tied.size() > 1 ? tied : List.of();
    }
    return List.of();
  }

  private static boolean modeSaid(String mode, List<Word> words) {
    for (Word part : Words.of(mode)) {
      for (Word word : words) {
        if (part.text().length() >= 3 && (part.same(word) || Lexicon.inflected(part.text(), word.text()))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean providersWorded(List<Word> words) {
    boolean gates = words.stream().anyMatch(w -> GATE_WORDS.contains(w.text()));
    return words.stream().anyMatch(w -> PROVIDERS_WORDS.contains(w.text())
        || !gates && INTEGRATION_WORDS.contains(w.text())) || onMocks(words);
  }

  /** "what are we still running on mocks", "co jeszcze chodzi na atrapach": everything that runs on a mock. */
  private static boolean onMocks(List<Word> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      if ((words.get(i).text().equals("on") || words.get(i).text().equals("na"))
          && ON_MOCK_WORDS.contains(words.get(i + 1).text())) {
        return words.stream().anyMatch(w -> w.text().equals("still") || w.text().equals("we")
            || w.text().equals("nadal") || w.text().equals("wciaz") || w.text().equals("dalej")
            || w.text().equals("jeszcze"));
      }
    }
    return false;
  }

  private static final Set<String> ON_MOCK_WORDS = WordSet.of("mocks", "mock", "mocku", "mockach", "stubs",
      "stub", "stubach", "atrapach", "atrapie", "simulators", "symulatorach");

  /** Whether a thing is linked only by the words that say "providers" ("dostawców" of "Dostawca tożsamości"). */
  private static boolean providerWordsOnly(Link thing, List<Word> words) {
    for (int at : thing.at()) {
      if (at < words.size() && !PROVIDERS_WORDS.contains(words.get(at).text())
          && !INTEGRATION_WORDS.contains(words.get(at).text())) {
        return false;
      }
    }
    return true;
  }

  private static boolean notProductionAsked(List<Word> words) {
    boolean production = false;
    boolean notYet = false;
    for (Word word : words) {
      String text = word.text();
      // ("SMSy dalej na atrapie?": a mock, in Polish)
      if (NOT_PRODUCTION_MODES.contains(text) || text.startsWith("mock") || text.startsWith("atrap")) {
        return true;
      }
      production |= PRODUCTION_WORDS.contains(text);
      notYet |= NOT_YET_WORDS.contains(text);
    }
    return production && notYet;
  }

  /** "manifest - nadal idzie mailem?", "is it still going out by fax": how a provider works today, asked with "still". */
  private static boolean stillWorksAsked(List<Word> words) {
    return words.stream().anyMatch(w -> NOT_YET_WORDS.contains(w.text()))
        && words.stream().anyMatch(w -> WORKS_VERBS.contains(w.text()));
  }

  private static final Set<String> WORKS_VERBS = WordSet.of("idzie", "ida", "leci", "leca", "chodzi", "goes", "going",
      "sent", "wysylane", "wysylany", "wysylana", "wysylamy");

  /** "can we go live", "czy kliniki mogą przejść na produkcję": a yes/no question about going to production. */
  private static boolean goLiveAsked(List<Word> words) {
    if (words.isEmpty() || WH_WORDS.contains(words.get(0).text())
        || words.stream().noneMatch(w -> YES_NO.contains(w.text()))) {
      return false;
    }
    return goingLive(words);
  }

  private static final Set<String> ENVS_LISTED = WordSet.of("envs", "environments", "srodowiska", "srodowisk");

  /** "which envs have we got", "jakie mamy środowiska": the environments, listed. */
  private static boolean envsListed(List<Word> words) {
    return !words.isEmpty() && WHICH_ENV.contains(words.get(0).text())
        && words.stream().anyMatch(w -> ENVS_LISTED.contains(w.text()));
  }

  /**
   * "which env is active", "jakie środowisko działa teraz": an environment word with one of now,
   * unless a thing is named clearly by other words ("is the release env check active").
   */
  private static boolean environmentAsked(List<Word> words, Link thing) {
    // "which environment are we in", "w jakim środowisku jesteśmy": asked outright
    int first = words.size() > 2 && words.get(0).text().equals("w") ? 1 : 0;
    if (first + 1 < words.size() && WHICH_ENV.contains(words.get(first).text())
        && ENV_WORDS.contains(words.get(first + 1).text())) {
      return true;
    }
    boolean env = false;
    boolean now = false;
    for (Word word : words) {
      env |= ENV_WORDS.contains(word.text());
      now |= NOW_WORDS.contains(word.text());
    }
    boolean listed = envsListed(words);
    if (!env || !now && !listed) {
      return false;
    }
    if (thing == null || thing.score() < NAMED) {
      return true;
    }
    for (int at : thing.at()) {
      String text = at < words.size() ? words.get(at).text() : "";
      // ("which envs have we got and which one is live": no go-live decision is named by "live")
      if (!ENV_WORDS.contains(text) && !NOW_WORDS.contains(text) && !(listed && PRODUCTION_WORDS.contains(text))) {
        return false;
      }
    }
    return true;
  }

  /** "what is a DPIA", "co to jest HIS": nothing but words asking what, and the words naming the thing. */
  private static boolean whatIs(List<Word> words, Link named) {
    if (words.isEmpty() || !Set.of("what", "whats", "co", "czym").contains(words.get(0).text())) {
      return false;
    }
    // ("what about payments?": how it stands, not what it is)
    if (words.size() > 1 && words.get(1).text().equals("about")) {
      return false;
    }
    boolean asked = false;
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      if (named.at().contains(i)) {
        continue;
      }
      if (!WHAT_IS_FILLER.contains(text)) {
        return false;
      }
      asked |= !text.equals("what") && !text.equals("co");
    }
    return asked;
  }

  /** The verbs that ask what a check attests: "what am I confirming with X", "co sprawdza X". */
  private static final Set<String> ATTEST_VERBS = WordSet.of("confirm", "confirming", "confirms", "attest",
      "attesting", "attests", "certify", "certifying", "verify", "verifies", "verifying", "checks", "checking",
      "potwierdzam", "potwierdza", "potwierdzamy", "poswiadczam", "poswiadcza", "sprawdza", "sprawdzamy", "dotyczy",
      // "co właściwie obejmuje to mapowanie", "what does X cover"
      "obejmuje", "zawiera", "cover", "covers", "include", "includes");
  private static final Set<String> WHAT_WORDS = WordSet.of("what", "whats", "co", "czego");

  /**
   * "what exactly am I confirming with the reconciliation", "is X ready, and what does it check", "co właściwie
   * potwierdzam": what a check attests (its description), asked a few words after "what".
   */
  private static boolean describedAsked(List<Word> words, Link named, Link pipeline) {
    // a pipeline or its step named ("what does the dry run check", "co sprawdza krok X") is asked what it does
    if (pipeline != null && pipeline.at().stream().anyMatch(i -> !ATTEST_VERBS.contains(words.get(i).text()))
        || words.stream().anyMatch(w -> STEP_WORDS.contains(w.text()))) {
      return false;
    }
    for (int i = 0; i < words.size(); i++) {
      if (!WHAT_WORDS.contains(words.get(i).text())) {
        continue;
      }
      // the thing's own words between "what" and the verb do not count: "what does the payments check verify"
      for (int j = i + 1, between = 0; j < words.size() && between < 4; j++) {
        String text = words.get(j).text();
        if (ATTEST_VERBS.contains(text) || text.equals("check") && words.get(j - 1).text().equals("it")) {
          return true;
        }
        between += named.at().contains(j) ? 0 : 1;
      }
    }
    return false;
  }

  private static List<String> providerIds(Scenario scenario) {
    return scenario.providers().stream().map(p -> p.id()).toList();
  }

  /** The items a group holds, in the plural: "which decisions", "wszystkie kontrole". */
  private static final Set<String> ITEM_WORDS = WordSet.of("decisions", "checks", "signoffs", "sign", "items", "steps",
      "decyzje", "decyzji", "kontrole", "kontroli", "podpisy", "podpisow", "kroki", "elementy");
  /** "what's left in X", "co zostało w X": its open items. */
  private static final Set<String> REMAINING = WordSet.of("left", "remaining", "remains", "outstanding", "zostalo",
      "pozostalo", "pozostaje", "zostaje");
  private static final Set<String> DECISIONS_PLURAL = WordSet.of("decisions", "decyzje", "decyzjach");
  private static final Set<String> GATES_PLURAL = WordSet.of("gates", "bramki", "bramek", "bramkach");
  private static final Set<String> PRONOUNS = WordSet.of("i", "we", "you", "they");
  private static final Set<String> SOMEONE = WordSet.of("anyone", "anybody", "someone", "somebody", "ktos",
      "ktokolwiek");
  private static final Set<String> PARTICLES = WordSet.of("off", "up", "out", "on", "in", "over");

  private static boolean particlesOnly(Link link, List<Word> words) {
    for (int at : link.at()) {
      String text = words.get(at).text();
      if (text.length() > 1 && !PARTICLES.contains(text)) {
        return false;
      }
    }
    return !link.at().isEmpty();
  }

  /** Whether every word linking to {@code link} is a status word or the console's own noun (ready, gate, check). */
  private static boolean statusWordsOnly(Link link, List<Word> words) {
    for (int at : link.at()) {
      String text = words.get(at).text();
      if (!READY_WORDS.contains(text) && !TERMS.containsKey(text) && !GATE_WORDS.contains(text)) {
        return false;
      }
    }
    return !link.at().isEmpty();
  }

  /** "which gates are ready already", "które bramki są gotowe": the ready gates named, not the overview. */
  private static boolean readyGatesListed(List<Word> words) {
    boolean gates = false;
    boolean list = false;
    boolean ready = false;
    for (Word word : words) {
      String text = word.text();
      gates |= GATE_WORDS.contains(text);
      list |= LIST_WORDS.contains(text);
      ready |= READY_WORDS.contains(text);
      if (NOT_YET_WORDS.contains(text) && !text.equals("yet") && !text.equals("jeszcze") || text.startsWith("niegotow")) {
        return false;
      }
    }
    return gates && list && ready;
  }

  private static boolean allAsked(List<Word> words) {
    return words.stream().anyMatch(w -> ALL_WORDS.contains(w.text()));
  }

  private static boolean joined(List<Word> words, Lang lang) {
    // a joining word between two words, not the first: "and what's next", not "and who owns it?" alone;
    // the Polish "i" and "a" only in Polish, where "i" is no pronoun
    for (int i = 1; i < words.size() - 1; i++) {
      String text = words.get(i).text();
      if (JOINING.contains(text) || lang == Lang.PL && (text.equals("i") || text.equals("a"))) {
        return true;
      }
    }
    return false;
  }

  /** A yes/no question: it starts with a modal or "czy" ("can I run it", "czy mogę"). */
  private static boolean yesNo(List<Word> words) {
    return !words.isEmpty() && (YES_NO.contains(words.get(0).text()) || MODALS.contains(words.get(0).text()));
  }

  /** "which gates are not ready", "list every gate not done yet": gates in the plural, or all of them, not ready. */
  private static boolean gatesNotReadyAsked(List<Word> words) {
    boolean gates = false;
    boolean plural = false;
    boolean notReady = statusNamed(words) != null;
    boolean not = false;
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      gates |= GATE_WORDS.contains(text);
      // "gates", or "every gate", "all the gates", "każda bramka": all of them, not "the rollback gate ... all reasons"
      plural |= GATES_PLURAL.contains(text) || GATE_WORDS.contains(text)
          && allBefore(words, i);
      not |= NOT_YET_WORDS.contains(text) || text.equals("niegotowe") || text.equals("open") || text.equals("otwarte");
      notReady |= not && READY_WORDS.contains(text) || text.startsWith("niegotow");
    }
    return gates && plural && notReady;
  }

  /**
   * Groups counted as such, not gates (the checklist holds only some of them): "how many groups", "ile
   * wszystkich grup"; not "ile kontroli z grupy płatności", a group's own checks counted.
   */
  private static boolean groupsCounted(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      if (GROUP_PLURAL.contains(words.get(i).text())) {
        // only fillers between: "ile wszystkich grup", "how many of the groups"; "ile kontroli z grupy X" counts checks
        for (int j = i - 1; j >= Math.max(0, i - 3); j--) {
          if (COUNT_WORDS.contains(words.get(j).text())) {
            return true;
          }
          if (!COUNT_FILLERS.contains(words.get(j).text())) {
            break;
          }
        }
      }
    }
    return false;
  }

  private static final Set<String> OVER_VERBS = WordSet.of("cutting", "cut", "switching", "switch", "moving", "going",
      "change", "changing", "flip", "flipping");
  private static final Set<String> TARGET_WORDS = WordSet.of("target", "targeted", "docelowy", "docelowe",
      "docelowa", "docelowym", "docelowego", "docelowej");
  private static final Set<String> TARGET_THINGS = WordSet.of("adapter", "adaptera", "adapterem",
      "environment", "env", "srodowisko", "srodowiska", "srodowisku", "contract", "kontrakt", "kontraktu", "store",
      "magazyn", "magazynu");

  /** The cutover's target asked for: "target adapter", "adapter docelowy", "which adapter are we cutting over to". */
  private static boolean targetAsked(List<Word> words) {
    boolean thing = words.stream().anyMatch(w -> TARGET_THINGS.contains(w.text()));
    for (int i = 0; i + 2 < words.size(); i++) {
      if (thing && OVER_VERBS.contains(words.get(i).text()) && words.get(i + 1).text().equals("over")
          && words.get(i + 2).text().equals("to")) {
        return true;
      }
    }
    for (int i = 0; i < words.size(); i++) {
      if (TARGET_WORDS.contains(words.get(i).text())) {
        for (int j = Math.max(0, i - 2); j <= Math.min(words.size() - 1, i + 2); j++) {
          if (TARGET_THINGS.contains(words.get(j).text())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static final Set<String> MY = WordSet.of("my", "mine", "moja", "moje", "moj", "mojej", "moich",
      "moimi");

  /** "my gate", "moja bramka": a first-person word right before a gate word. */
  private static boolean myGate(List<Word> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      String next = words.get(i + 1).text();
      if (MY.contains(words.get(i).text()) && (next.startsWith("gate") || next.startsWith("bramk"))) {
        return true;
      }
    }
    return false;
  }

  /** "waiting on me", "for me", "czeka na mnie", "dla mnie": the asker, though no "I" or "my" is said. */
  private static boolean onMe(List<Word> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      if (ON_ME.contains(words.get(i).text()) && ME.contains(words.get(i + 1).text())) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> ON_ME = WordSet.of("on", "for", "to", "na", "dla", "do", "od");

  /**
   * "co mi zostało", "ile mi jeszcze pozostało": what is left to the asker. "mi" alone says nothing of who is meant
   * ("powiedz mi, co blokuje" asks about the whole console).
   */
  private static boolean leftToMe(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).text().equals("mi") && (i + 1 < words.size() && REMAINING.contains(words.get(i + 1).text())
          || i + 2 < words.size() && STILL.contains(words.get(i + 1).text())
          && REMAINING.contains(words.get(i + 2).text()))) {
        return true;
      }
    }
    return false;
  }

  /** Words that speak of providers themselves: their modes, contracts and targets. */
  private static final Set<String> PROVIDER_WORDS = WordSet.of("provider", "providers", "dostawca",
      "dostawcy", "dostawcow", "mode", "modes", "tryb", "trybie", "contract", "kontrakt", "target", "docelowo",
      "integration", "integracja", "vendor");

  /** The one decision of {@code decisions} whose options' words the question says most; null when none or a tie. */
  private static CheckDef optionNamed(List<CheckDef> decisions, List<Word> words) {
    CheckDef best = null;
    int most = 0;
    boolean tie = false;
    for (CheckDef decision : decisions) {
      int said = 0;
      for (CheckDef.DecisionOption option : decision.options()) {
        for (Lang lang : Lang.values()) {
          String label = option.label() == null ? null : option.label().in(lang);
          for (Word part : label == null ? List.<Word>of() : Words.of(label)) {
            if (part.text().length() >= 4 && words.stream().anyMatch(w -> part.same(w)
                || Lexicon.inflected(part.text(), w.text()))) {
              said++;
            }
          }
        }
      }
      if (said > most) {
        best = decision;
        most = said;
        tie = false;
      } else if (said == most && said > 0) {
        tie = true;
      }
    }
    return tie ? null : best;
  }

  /** Pipelines asked about in general: "which pipelines", "has any pipeline run", "jakie mamy pipeline'y". */
  private static boolean pipelinesAsked(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      if (PIPELINES_PLURAL.contains(text)) {
        return true;
      }
      boolean one = text.equals("pipeline") || text.equals("potok");
      if (one && (i + 1 < words.size() && PLURAL_TAILS.contains(words.get(i + 1).text())
          || i > 0 && ANY_ONE.contains(words.get(i - 1).text()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The check proved by the pipeline step whose findings the question asks by their own words (the server's version,
   * the certificate's fingerprint, the role's BYPASSRLS), when the scenario proves that step and nothing of the
   * scenario's own is named by those words; else null.
   */
  private static String evidenceAsked(Scan s) {
    // "who's gotta sign off the PUESC cert": a check's owner, whatever its certificate's run found
    // ("does the office isolation step belong to me": whose it is, not what its run found)
    if (s.act || purposeAsked(s.words) || sinceAt(s.words) >= 0
        || s.words.stream().anyMatch(w -> WHO.contains(w.text()) || startsWithAny(w.text(), ACCEPT_VERBS)
        || BELONG_WORDS.contains(w.text()))) {
      return null;
    }
    String found = null;
    for (int i = 0; i < s.words.size(); i++) {
      String step = EVIDENCE_STEPS.get(s.words.get(i).text());
      int at = i;
      // "which postgres version is production getting": the target's, a provider's fact, not a run's
      if (step == null || s.links.stream().anyMatch(l -> l.at().contains(at))
          || step.equals(EVIDENCE_VERSION)
          && s.words.stream().anyMatch(w -> TARGET_WORDS.contains(w.text()) || PLANNED_WORDS.contains(w.text()))) {
        continue;
      }
      // "what TLS fingerprint did it record": the certificate's step, not the session's TLS
      if (found == null || found.equals(EVIDENCE_VERSION)) {
        found = step;
      }
    }
    for (GroupDef group : s.scenario.groups()) {
      for (CheckDef check : group.checks()) {
        if (check.step() != null && check.step().equals(found) && check.pipeline() != null) {
          return check.id();
        }
      }
    }
    return null;
  }

  private static final Set<String> BELONG_WORDS = WordSet.of("belong", "belongs", "mine", "nalezy", "naleza", "czyje",
      "czyja", "czyj", "owner", "owns", "whose", "wlasciciel", "wlascicielem");
  private static final String EVIDENCE_VERSION = Pipelines.STEPS.get(Pipelines.CONNECTION).get(0);
  /** Words for what a step of the connection check finds, each to the step that finds it. */
  private static final Map<String, String> EVIDENCE_STEPS = evidenceSteps();

  private static Map<String, String> evidenceSteps() {
    List<String> connection = Pipelines.STEPS.get(Pipelines.CONNECTION);
    Map<String, String> steps = new HashMap<>();
    // the endpoint's step says the session's version and whether it is encrypted
    for (String word : List.of("version", "versions", "wersja", "wersji", "wersje", "encrypted", "encryption",
        "szyfrowane", "szyfrowana", "szyfrowany", "szyfrowanie", "zaszyfrowane", "zaszyfrowana", "zaszyfrowany", "tls",
        "ssl", "redacted", "zredagowany", "zamaskowany")) {
      steps.put(word, connection.get(0));
    }
    for (String word : List.of("fingerprint", "odcisk", "odcisku", "cert", "certem", "certu", "certyfikat",
        "certyfikatu", "certyfikatem", "certificate", "sha")) {
      steps.put(word, connection.get(1));
    }
    for (String word : List.of("bypassrls", "superuser", "superuserem", "superusera")) {
      steps.put(word, connection.get(2));
    }
    // the dry-run's: how many statements the runbook ran, on how many tables row-level security is forced
    List<String> dryRun = Pipelines.STEPS.get(Pipelines.DRY_RUN);
    for (String word : List.of("statements", "statement", "statementow", "statementy", "instrukcji", "instrukcje",
        "polecen", "polecenia")) {
      steps.put(word, dryRun.get(1));
    }
    // "dry run status + how many rows got replayed": the replay step's rows, not the snapshot's
    for (String word : List.of("replayed", "zreplayowano", "zreplayowal", "odtworzono", "odtworzyl")) {
      steps.put(word, dryRun.get(3));
    }
    // (RLS alone is also the connection check's "does the role bypass RLS": forced is the dry-run's)
    // ("which policy is in force now" is no RLS: the verb's other forms are)
    for (String word : List.of("forced", "enforce", "enforces", "enforced", "wymuszony", "wymuszone", "wymuszona",
        "wymusza", "wymusil", "wymusila", "wymusilo")) {
      steps.put(word, dryRun.get(2));
    }
    return Map.copyOf(steps);
  }

  private static final Set<String> NOT_WORDS = WordSet.of("not", "nie", "hasn", "didn", "isn", "wasn", "never", "nigdy");
  private static final Set<String> STARTED_WORDS = WordSet.of("started", "start", "run", "ran", "ruszyl", "ruszyla",
      "ruszylo", "wystartowal", "wystartowala", "kicked");
  private static final Set<String> PLANNED_WORDS = WordSet.of("docelowo", "will", "bedzie", "planned", "planowana");

  /** An API word that is not part of a provider's name (a provider called "... API" is not the console's API). */
  private static boolean apiAsked(List<Word> words, List<Link> links) {
    for (int i = 0; i < words.size(); i++) {
      int at = i;
      if (API_WORDS.contains(words.get(i).text())
          && links.stream().noneMatch(l -> l.kind() == Kind.PROVIDER && l.at().contains(at))) {
        return true;
      }
    }
    return false;
  }

  /** "every gate", "all the gates", "every go-live gate": an all-word at most three words before {@code at}. */
  private static boolean allBefore(List<Word> words, int at) {
    for (int i = Math.max(0, at - 3); i < at; i++) {
      if (ALL_WORDS.contains(words.get(i).text())) {
        return true;
      }
    }
    return false;
  }

  /** A verb of going followed within three words by production: "go live", "przejść na produkcję". */
  private static boolean goingLive(List<Word> words) {
    // "czy możemy już startować w szkołach?", "can we launch yet?": launching, asked of now
    if (words.stream().anyMatch(w -> LAUNCH_VERBS.contains(w.text()))
        && words.stream().anyMatch(w -> LAUNCH_NOW.contains(w.text()))) {
      return true;
    }
    // "czy możemy ruszać z semestrem? tak czy nie": whether we may start, in Polish
    if (words.stream().anyMatch(w -> w.text().equals("mozemy") || w.text().equals("mozna"))
        && words.stream().anyMatch(w -> Set.of("ruszac", "ruszyc", "startowac", "wystartowac").contains(w.text()))) {
      return true;
    }
    for (int i = 0; i < words.size(); i++) {
      // "can the clinics switch over on monday", "are we good to flip the meters over to prod"
      if (OVER_VERBS.contains(words.get(i).text())) {
        for (int j = i + 1; j < Math.min(words.size(), i + 4); j++) {
          if ("over".equals(words.get(j).text())) {
            return true;
          }
        }
      }
      if (GO_VERBS.contains(words.get(i).text())) {
        for (int j = i + 1; j < Math.min(words.size(), i + 4); j++) {
          if (GO_TARGETS.contains(words.get(j).text())) {
            return true;
          }
        }
      }
      // "can we switch on tuesday night", "czy możemy przełączyć się we wtorek w nocy": the cutover, when
      if (SWITCH_VERBS.contains(words.get(i).text())) {
        for (int j = Math.max(0, i - 3); j < Math.min(words.size(), i + 5); j++) {
          if (WHEN_NAMED.contains(words.get(j).text())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static final Set<String> LAUNCH_VERBS = WordSet.of("launch", "startowac", "wystartowac", "ruszac",
      "ruszyc", "wystartujemy", "startujemy", "ruszamy", "ruszymy");
  private static final Set<String> LAUNCH_NOW = WordSet.of("juz", "teraz", "now", "already", "yet");
  private static final Set<String> SWITCH_VERBS = WordSet.of("switch", "cut", "flip", "przelaczyc",
      "przelaczymy", "przelaczamy", "przepiac", "przepniemy", "ruszaja", "ruszamy", "ruszymy", "startujemy",
      "startuja");
  private static final Set<String> WHEN_NAMED = WordSet.of("monday", "tuesday", "wednesday", "thursday",
      "friday", "saturday", "sunday", "tonight", "tomorrow", "today", "night", "weekend", "poniedzialek", "wtorek",
      "sroda", "srode", "czwartek", "piatek", "sobota", "sobote", "niedziela", "niedziele", "dzis", "dzisiaj", "jutro",
      "noc", "nocy", "weekendzie");

  /** "why can't we go live", "dlaczego kliniki nie mogą przejść na produkcję": the go/no-go asked why. */
  private static boolean whyNotLive(List<Word> words) {
    if (words.stream().noneMatch(w -> WHY_WORDS.contains(w.text()))) {
      return false;
    }
    return goingLive(words);
  }

  /**
   * "jaki tryb ma auth i kto jest jego ownerem": asked who, an owner word belongs to the question, so a check
   * named only by it and a provider's own words ("Auth owner") is not named; the provider is.
   */
  private static List<Link> withoutOwnerWord(List<Link> links, List<Word> words) {
    if (words.stream().noneMatch(w -> WHO_WORDS.contains(w.text()))) {
      return links;
    }
    // "kto jest odpowiedzialny za RODO": "odpowiedzialny" asks who, it names no "odpowiednik"
    Link provider = links.stream().filter(l -> l.kind() == Kind.PROVIDER).findFirst().orElse(null);
    return links.stream().filter(l -> l.kind() != Kind.CHECK && l.kind() != Kind.GROUP
        || l.at().stream().noneMatch(i -> ownerWord(words.get(i).text()))
        || !l.at().stream().allMatch(i -> provider != null && provider.at().contains(i)
            || ownerWord(words.get(i).text()))).toList();
  }

  /** "integration", "integracja z", "provider": a word every provider shares, naming one thing only by itself. */
  private static boolean collectiveWord(String text) {
    return PROVIDERS_WORDS.contains(text) || text.startsWith("integrat") || text.startsWith("integrac")
        || text.equals("provider") || text.equals("service") || text.startsWith("uslug") || text.startsWith("dostawc");
  }

  /**
   * "who owns the Legimi integration", "kto odpowiada za integrację z SMSAPI": a group aliased "integrations"
   * is not meant when the word only says which kind of thing the provider named beside it is.
   */
  private static List<Link> withoutCollectiveOnly(List<Link> links, List<Word> words) {
    Set<Integer> providerNamed = new HashSet<>();
    links.stream().filter(l -> l.kind() == Kind.PROVIDER && l.score() >= NAMED)
        .forEach(l -> l.at().stream().filter(i -> !collectiveWord(words.get(i).text())).forEach(providerNamed::add));
    if (providerNamed.isEmpty()) {
      return links;
    }
    return links.stream().filter(l -> l.kind() != Kind.CHECK && l.kind() != Kind.GROUP
        || !l.at().stream().allMatch(i -> collectiveWord(words.get(i).text()))).toList();
  }

  private static final Set<String> NEED_WORDS = WordSet.of("need", "needs", "require", "requires",
      "potrzebuje", "potrzeba", "wymaga");

  /** Verbs asking what is missing or awaited, never a thing's name. */
  private static final Set<String> MISSING_VERBS = WordSet.of("brakuje", "brakowalo", "brakowac",
      "brakujace", "brakujacych", "brakujacy", "brakujaca", "czeka", "czekaja", "czekamy", "czekacie");

  private static boolean ownerWord(String text) {
    return OWN_WORDS.contains(text) || text.startsWith("owner") || text.startsWith("wlasciciel")
        || text.startsWith("odpowiedzial") || text.startsWith("responsib");
  }

  /**
   * What each kind of question scores by the words that ask it. Apart from {@link #read} (and small), so
   * the cue matching is compiled into it and allocates nothing.
   */
  private static Map<Intent, Double> cueScores(List<Word> words, Set<String> forms) {
    Map<Intent, Double> scores = new EnumMap<>(Intent.class);
    for (Intent intent : CUES.keySet()) {
      scores.put(intent, 0.0);
    }
    for (CueIndex.Entry entry : CueIndex.candidates(forms)) {
      if (matches(entry.cue(), words, forms)) {
        scores.merge(entry.intent(), entry.cue().weight(), Double::sum);
      }
    }
    return scores;
  }

  /** What the cues of {@code intent} score over {@code words} alone. */
  private static double cued(Intent intent, List<Word> words) {
    Set<String> forms = forms(words);
    double score = 0;
    for (CueIndex.Entry entry : CueIndex.candidates(forms)) {
      if (entry.intent() == intent && matches(entry.cue(), words, forms)) {
        score += entry.cue().weight();
      }
    }
    return score;
  }

  /**
   * The cues by each form of their first word: a question can only match cues whose first word it says,
   * so it tries those few rather than all of them (built once, after every cue is declared).
   */
  private static final class CueIndex {
    private record Entry(Intent intent, Cue cue) {
    }

    private static final Map<String, List<Entry>> BY_FIRST_WORD = new HashMap<>();

    static {
      for (Map.Entry<Intent, List<Cue>> intent : CUES.entrySet()) {
        for (Cue cue : intent.getValue()) {
          if (cue.words().isEmpty()) {
            continue;
          }
          Word first = cue.words().get(0);
          Set<String> keys = new HashSet<>();
          for (String key : new String[] {first.text(), first.pl(), first.en(), first.head()}) {
            if (key != null && keys.add(key)) {
              BY_FIRST_WORD.computeIfAbsent(key, k -> new ArrayList<>()).add(new Entry(intent.getKey(), cue));
            }
          }
        }
      }
    }

    /** Each cue whose first word is one of {@code forms}, once. */
    static List<Entry> candidates(Set<String> forms) {
      List<Entry> out = new ArrayList<>();
      Set<Cue> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      for (String form : forms) {
        List<Entry> entries = BY_FIRST_WORD.get(form);
        if (entries != null) {
          for (int i = 0; i < entries.size(); i++) {
            if (seen.add(entries.get(i).cue())) {
              out.add(entries.get(i));
            }
          }
        }
      }
      return out;
    }
  }

  /** The words no link names. */
  private static List<Word> outside(List<Word> words, List<Link> links) {
    List<Word> rest = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      int at = i;
      if (links.stream().noneMatch(l -> l.at().contains(at))) {
        rest.add(words.get(i));
      }
    }
    return rest;
  }

  /** How many of the gate statuses (ready, review, blocked) the question names. */
  private static int statusesNamed(List<Word> words) {
    Set<String> named = new HashSet<>();
    for (Word word : words) {
      String text = word.text();
      if (READY_WORDS.contains(text) || text.startsWith("gotow")) {
        named.add("READY");
      } else if (text.equals("review") || text.startsWith("przeglad")) {
        named.add("REVIEW");
      } else if (text.equals("blocked") || text.startsWith("zablokowan")) {
        named.add("BLOCKED");
      }
    }
    return named.size();
  }

  /** A gate status other than ready the question names ("blocked", "in REVIEW", "zablokowanych"), or null: "how many are ready" is the overall count. */
  private static String statusNamed(List<Word> words) {
    for (Word word : words) {
      String text = word.text();
      if (text.equals("review")) {
        return "REVIEW";
      }
      if (text.equals("blocked") || text.startsWith("zablokowan")) {
        return "BLOCKED";
      }
    }
    return null;
  }

  private static final Set<String> GO_FORMS = WordSet.of("go", "goes", "going", "went");

  /** "what do we fall back to", "the way back", "na co wracamy": the adapter of the way back. */
  private static boolean fallBackAsked(List<Word> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      if ((words.get(i).text().equals("fall") || words.get(i).text().equals("way"))
          && words.get(i + 1).text().equals("back")
          // "what do we roll back to": where the way back goes
          || words.get(i).text().equals("back") && words.get(i + 1).text().equals("to") && i > 0
          && words.get(i - 1).text().startsWith("roll")
          || words.get(i).text().equals("fallback") || words.get(i).text().startsWith("wraca")
          // "rollback goes back to what exactly"
          || GO_FORMS.contains(words.get(i).text()) && words.get(i + 1).text().equals("back")) {
        return true;
      }
    }
    return false;
  }

  private static boolean rollbackAsked(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      // "rollbacku", "na jaki adapter wracamy": the way back in Polish forms
      if (text.startsWith("rollback") || text.startsWith("wycofa") || text.startsWith("powrot")
          || text.startsWith("wraca") || text.startsWith("wrocimy") || text.startsWith("wrocic")
          || (text.startsWith("roll") || text.equals("fall")) && i + 1 < words.size()
          && words.get(i + 1).text().equals("back")) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> CODE_WORDS = WordSet.of("code", "codes", "kod", "kodu", "kody");
  /** Words that ask what something will show, not what it shows now: "once everything is ready", "gdy będzie". */
  private static final Set<String> FUTURE_WORDS = WordSet.of("will", "once", "bedzie", "beda", "pokaze",
      "gdy", "kiedy", "when");

  /** "what does X do", "what is X for", "na czym polega", "co robi": the purpose of a pipeline. */
  private static final Set<String> STEP_WORDS = WordSet.of("step", "steps", "krok", "kroki", "krokow",
      "etapy", "etapow");
  private static final Set<String> STEPS_PLURAL = WordSet.of("steps", "kroki", "krokow", "etapy", "etapow");

  private static boolean purposeAsked(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      String next = i + 1 < words.size() ? words.get(i + 1).text() : "";
      // "what steps does it run", "jakie kroki ma dry-run": what it does, step by step
      if (text.equals("doing") || text.equals("purpose") || text.equals("polega") || text.equals("cel")
          || text.equals("robi") || text.equals("sprawdza")
          || STEP_WORDS.contains(text) && WH_WORDS.contains(words.get(0).text())
          || text.equals("for") && i == words.size() - 1
          || text.equals("does") && words.get(words.size() - 1).text().equals("do")) {
        return true;
      }
      if (text.equals("what") && next.equals("happens")) {
        return true;
      }
    }
    return false;
  }

  /** "GO or NO-GO", "nogo": the go decision named as such. */
  private static boolean noGoSaid(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      if ("nogo".equals(words.get(i).text())
          || "no".equals(words.get(i).text()) && i + 1 < words.size() && "go".equals(words.get(i + 1).text())) {
        return true;
      }
    }
    return false;
  }

  /**
   * "what code does it show when ready": ready said after the code asked ("how many gates are ready, what's the
   * decision code" asks the code it carries now).
   */
  private static boolean readyAfterCode(List<Word> words) {
    boolean code = false;
    for (Word word : words) {
      code |= CODE_WORDS.contains(word.text());
      if (code && "READY".equals(TERMS.get(word.text()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean codeAsked(List<Word> words) {
    return words.stream().anyMatch(w -> CODE_WORDS.contains(w.text()));
  }

  private static boolean futureAsked(List<Word> words) {
    // "what code will my job see right now": now, however the verb is put
    return words.stream().anyMatch(w -> FUTURE_WORDS.contains(w.text()))
        && words.stream().noneMatch(w -> "now".equals(w.text()) || "teraz".equals(w.text()));
  }

  /**
   * The decision code a group named in "what code does X show" carries: its ready code when asked
   * what it will show once ready, else the code it carries now.
   */
  private static Link groupCode(Lexicon lexicon, ReadinessFacts facts, String groupId, boolean ready) {
    String wanted = null;
    if (ready) {
      for (GroupDef def : facts.scenario().groups()) {
        if (def.id().equals(groupId)) {
          wanted = def.readyCode();
        }
      }
      if (groupId.equals(facts.scenario().production().id())) {
        wanted = facts.scenario().production().readyCode();
      }
    } else {
      wanted = facts.evaluation().groups().stream().filter(g -> g.id().equals(groupId)).map(g -> g.decision())
          .findFirst().orElse(null);
      // production is no group of the list: "the production decision code" is its own
      if (groupId.equals(facts.evaluation().production().id())) {
        wanted = facts.evaluation().production().decision();
      }
    }
    if (wanted == null) {
      return null;
    }
    Link known = code(lexicon, wanted);
    return known != null ? known : new Link(new Lexicon.Entity(Kind.CODE, wanted, List.of()), 5, Set.of());
  }

  /** Words that ask how far along something is: a group named only by them ("percent complete?") is not named. */
  private static final Set<String> PROGRESS_WORDS = WordSet.of("complete", "completed", "completion", "done",
      "ready", "finished", "total", "gotowe", "gotowych", "zakonczone", "zakonczonych", "ukonczone", "postep");

  private static boolean onlyProgressWords(Link link, List<Word> words) {
    for (int at : link.at()) {
      if (at < words.size() && !PROGRESS_WORDS.contains(words.get(at).text())) {
        return false;
      }
    }
    return true;
  }

  /** Whether the question asks what something means ("what does X mean", "co znaczy", "the difference between"). */
  private static boolean meaningAsked(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      if (MEANING_WORDS.contains(text) || EXPLAIN_OPENERS.contains(text) || i + 2 < words.size() && text.equals("co")
          && words.get(i + 1).text().equals("to") && Set.of("jest", "sa", "za").contains(words.get(i + 2).text())) {
        return true;
      }
      // "what is RLS", "co to (jest) RLS": a term of the dry-run's asked what it is ("wymuszony jest RLS" asks where,
      // "is rls forced on every table" whether)
      if (text.equals("rls") && i > 0 && (words.get(i - 1).text().equals("whats") || i > 1
          && Set.of("is", "s", "to", "jest").contains(words.get(i - 1).text())
          && Set.of("what", "co", "to").contains(words.get(i - 2).text()))) {
        return true;
      }
      // "what is a derived check", "what's a sign-off": an article before a kind of check asks what such a thing is
      if (ARTICLES.contains(text) && i > 0 && Set.of("is", "s", "whats").contains(words.get(i - 1).text())
          && words.subList(i + 1, Math.min(words.size(), i + 3)).stream().anyMatch(w -> CONCEPTS.containsKey(
          w.text()) || TERMS.containsKey(w.text()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The console's own terms a question asks the meaning of, in the order asked: status words, "gate", "check", and
   * the kinds of check and "stale" when the question names no thing of the scenario beyond such words. The kind
   * said is meant, not "check" beside it ("a derived check"); "stale" is what is asked of a stale sign-off.
   */
  private static List<String> terms(List<Word> words, List<Link> links) {
    // "jaki jest kod decyzji": a decision code is asked, not what a decision is
    boolean namesAThing = words.stream().anyMatch(w -> CODE_WORDS.contains(w.text()))
        || links.stream().anyMatch(l -> l.score() >= NAMED && l.at().stream().anyMatch(i -> {
          String text = words.get(i).text();
          return !TERMS.containsKey(text) && !CONCEPTS.containsKey(text) && !text.equals("sign") && !text.equals("off");
        }));
    // "co to jest próba zapisu w kontroli połączenia": "kontroli" there is a word of the thing's name, no term
    Set<Integer> inNames = new HashSet<>();
    links.stream().filter(l -> l.score() >= NAMED && (l.kind() == Kind.GROUP || l.kind() == Kind.CHECK)
        && l.at().stream().anyMatch(i -> !TERMS.containsKey(words.get(i).text()))).forEach(l -> inNames.addAll(l.at()));
    List<String> out = new ArrayList<>();
    List<String> concepts = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      // "sign-off" is read as two words
      String concept = text.equals("sign") && i + 1 < words.size() && words.get(i + 1).text().startsWith("off")
          ? "signoff" : CONCEPTS.get(text);
      if (concept != null && !namesAThing && !concepts.contains(concept)) {
        concepts.add(concept);
      }
      // ("co znaczy, że RLS jest wymuszone w dry-runie": the dry-run's own word, when no name of the scenario's has it)
      String term = inNames.contains(i) ? null : text.equals("rls") ? "rls" : TERMS.get(text);
      if (term != null && !out.contains(term)) {
        out.add(term);
      }
    }
    if (concepts.contains("stale")) {
      return List.of("stale");
    }
    if (!concepts.isEmpty()) {
      out.remove("check");
      out.addAll(concepts);
    }
    return out;
  }

  /** Every form of the question's words: a cue word that has none of them cannot match, and most have none. */
  private static Set<String> forms(List<Word> words) {
    Set<String> out = new HashSet<>();
    for (Word word : words) {
      out.add(word.text());
      out.add(word.pl());
      out.add(word.en());
      if (word.head() != null) {
        out.add(word.head());
      }
    }
    return out;
  }

  private static boolean matches(Cue cue, List<Word> words, Set<String> forms) {
    List<Word> cueWords = cue.words();
    if (cueWords.isEmpty()) {
      return false;
    }
    // indexed loops: this runs for every cue of every question
    for (int i = 0; i < cueWords.size(); i++) {
      Word wanted = cueWords.get(i);
      if (!forms.contains(wanted.text()) && !forms.contains(wanted.pl()) && !forms.contains(wanted.en())
          && (wanted.head() == null || !forms.contains(wanted.head()))) {
        return false;
      }
    }
    for (int i = 0; i < cueWords.size(); i++) {
      Word wanted = cueWords.get(i);
      boolean found = false;
      for (int j = 0; j < words.size(); j++) {
        Word word = words.get(j);
        if (word.text().equals(wanted.text()) || wanted.text().length() >= 4 && wanted.same(word)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /**
   * A request to act: it starts with a verb of command (after "please", "can you", ...), or it asks
   * for something done for someone ("for me", "za mnie", "on her behalf").
   */
  /** Work a business does that is not the cutover's: planned, booked, bought or forecast. */
  private static final Set<String> WORK_VERBS = WordSet.of("plan", "optimize", "optimise", "forecast", "book",
      "order", "buy", "reserve", "draft", "zaplanuj", "zamow", "zarezerwuj", "kup", "uloz", "rozpisz", "prognozuj",
      "zoptymalizuj");
  private static final Set<String> RECOMMEND_VERBS = WordSet.of("recommend", "suggest", "polec", "polecisz",
      "zaproponuj", "doradz");
  private static final Set<String> PRODUCT_NOUNS = WordSet.of("program", "software", "tool", "tools", "app",
      "apps", "aplikacje", "aplikacja", "narzedzie", "narzedzia", "laptop", "vendor", "firma", "firme", "system",
      "restaurant", "restaurants", "restauracje", "restauracja", "restauracji", "hotel", "hotels", "hotelu", "cafe",
      "kawiarnie", "kawiarnia", "pub", "bar", "knajpe", "knajpa", "film", "movie", "book", "ksiazke");
  private static final Set<String> RATE_WORDS = WordSet.of("rate", "rates", "kurs", "kursy", "kursie",
      "kursu", "exchange");
  private static final Set<String> CURRENCY_WORDS = WordSet.of("eur", "euro", "usd", "pln", "zl", "zloty",
      "zlotego", "zlotych", "dolar", "dolara", "dollar", "dollars", "chf", "gbp", "frank", "funt", "fx", "czk",
      "walut", "waluty", "currency");

  /** Documents someone may ask the copilot to draft: "draft me a privacy notice for drivers". */
  private static final Set<String> DOCUMENT_NOUNS = WordSet.of("notice", "policy", "letter", "memo", "email",
      "announcement", "post", "template", "contract", "agreement", "document", "faq", "pismo", "notatka", "notatke",
      "regulamin", "polityka", "polityke", "ogloszenie", "umowa", "umowe", "szablon", "dokument", "klauzula",
      "klauzule",
      // code and configuration: "napisz mi docker-compose dla postgresa"
      "script", "skrypt", "code", "kod", "config", "konfiguracje", "compose", "dockerfile", "yaml", "yml", "sql",
      "query", "zapytanie", "snippet", "function", "funkcje", "makefile", "regex");

  /**
   * "recommend me a good crime novel for the weekend", "poleć jakąś dobrą pizzerię": something to pick from the world,
   * a product or anything "good", whatever word of it names a thing of the scenario.
   */
  private static boolean recommended(List<Word> words, int at) {
    return at < words.size() && RECOMMEND_VERBS.contains(words.get(at).text())
        && words.subList(at, words.size()).stream().anyMatch(w -> PRODUCT_NOUNS.contains(w.text())
            || GOOD_WORDS.contains(w.text()));
  }

  private static final Set<String> GOOD_WORDS = WordSet.of("good", "best", "decent", "nice", "dobra", "dobry", "dobre",
      "dobrego", "dobrej", "najlepsza", "najlepszy", "najlepsze", "fajna", "fajny", "fajne");

  /** "can u plan the routes", "please book a courier", "zaplanuj dostawy": a request to do such work. */
  private static boolean workRequested(List<Word> words) {
    int i = 0;
    while (i < words.size() && (POLITE.contains(words.get(i).text()) || ASKING_YOU.contains(words.get(i).text()))) {
      i++;
    }
    // "polec mi dobry program do księgowości", "recommend a tool for ...": a product to pick
    if (recommended(words, i)) {
      return true;
    }
    return i < words.size() && WORK_VERBS.contains(words.get(i).text())
        && (i + 1 >= words.size() || !QUESTION_AFTER_VERB.contains(words.get(i + 1).text()));
  }

  /** "draft me a privacy notice for drivers", "napisz klauzulę informacyjną": a document to write, whatever it is about. */
  private static boolean documentRequested(List<Word> words) {
    int i = 0;
    while (i < words.size() && (POLITE.contains(words.get(i).text()) || ASKING_YOU.contains(words.get(i).text()))) {
      i++;
    }
    return i < words.size() && (WRITE_WORDS.contains(words.get(i).text()) || words.get(i).text().equals("draft"))
        && words.subList(i + 1, words.size()).stream().anyMatch(w -> DOCUMENT_NOUNS.contains(w.text()));
  }

  /** "pull my GDPR sign-off back pls": a withdrawal asked for (not "pull up the status": a look). */
  private static boolean pullBack(List<Word> words) {
    return !words.isEmpty() && words.get(0).text().equals("pull")
        && words.subList(1, Math.min(words.size(), 7)).stream().anyMatch(w -> w.text().equals("back"));
  }

  /**
   * "ok target's fixed, kick off the dry run again pls": a remark, then the command in a clause of its own (no
   * question mark anywhere).
   */
  private static boolean commandAfterRemark(String question) {
    if (question.indexOf('?') >= 0) {
      return false;
    }
    int cut = Math.max(Math.max(question.lastIndexOf(','), question.lastIndexOf(';')), question.lastIndexOf(" - "));
    return cut > 0 && actRequest(Words.of(question.substring(cut + 1)));
  }

  private static boolean actRequest(List<Word> words) {
    int i = 0;
    while (i < words.size() && (POLITE.contains(words.get(i).text()) || ASKING_YOU.contains(words.get(i).text()))) {
      i++;
    }
    // "go ahead and kick off the connection check": the urging before the verb
    boolean urged = false;
    if (i + 1 < words.size() && words.get(i).text().equals("go") && words.get(i + 1).text().equals("ahead")) {
      urged = true;
      i += 2;
      if (i < words.size() && words.get(i).text().equals("and")) {
        i++;
      }
    }
    boolean askedYou = false;
    for (int j = 0; j < i; j++) {
      askedYou |= Set.of("you", "u", "ty", "mozesz", "moglbys", "moglabys").contains(words.get(j).text())
          || words.get(j).text().equals("please") || words.get(j).text().equals("prosze");
    }
    // "do I own any checks", "do we have ...": "do" before a pronoun asks, it does not tell
    boolean asking = i + 1 < words.size() && words.get(i).text().equals("do")
        && PRONOUNS.contains(words.get(i + 1).text())
        // "confirm: is the dry-run still blocked", "potwierdź: czy ...": a question follows the verb
        || i + 1 < words.size() && IMPERATIVES.contains(words.get(i).text())
        && QUESTION_AFTER_VERB.contains(words.get(i + 1).text())
        // "close to go-live?", "complete list of blockers": the words as adjectives
        || i + 1 < words.size() && (words.get(i).text().equals("close") && words.get(i + 1).text().equals("to")
        || words.get(i).text().equals("complete") && OVERVIEW_NOUNS.contains(words.get(i + 1).text()));
    if (i < words.size() && IMPERATIVES.contains(words.get(i).text()) && !asking && (i == 0 || askedYou || urged
        || POLITE.contains(words.get(0).text()))) {
      return true;
    }
    if (i == 0 && pullBack(words)) {
      return true;
    }
    // "dry-run it now", "dry run the adapter please": the pipeline's name used as the verb
    if (i + 2 < words.size() && words.get(i).text().equals("dry") && words.get(i + 1).text().equals("run")
        && DRY_RUN_OBJECTS.contains(words.get(i + 2).text())) {
      return true;
    }
    // "can Krzysztof record it for me?": whether someone else may, not a request to the copilot
    boolean askingOfOther = words.size() > 1 && (MODALS.contains(words.get(0).text())
        || YES_NO.contains(words.get(0).text())) && !ASKING_YOU.contains(words.get(1).text());
    for (int j = 0; j + 1 < words.size() && !askingOfOther; j++) {
      String a = words.get(j).text();
      String b = words.get(j + 1).text();
      // ("anything left for me to do?": what waits for the asker, nothing asked of the copilot)
      boolean waiting = j > 0 && Set.of("left", "remaining", "waiting", "pending", "open").contains(words.get(j - 1).text());
      if (a.equals("for") && b.equals("me") && !waiting || a.equals("za") && b.equals("mnie")
          || ON_BEHALF.contains(b) && (a.equals("s") || a.equals("w") || a.equals("her") || a.equals("his"))) {
        return hasVerb(words);
      }
    }
    // "zaakceptuj ... za Marka": an imperative anywhere with "za" + a person
    return false;
  }

  /** What follows "dry-run" used as a verb: its object or a word of urging, never "is" or "status". */
  private static final Set<String> DRY_RUN_OBJECTS = WordSet.of("it", "this", "that", "now", "the",
      "again", "please", "pls", "plz", "asap", "everything", "all");

  private static boolean hasVerb(List<Word> words) {
    for (Word word : words) {
      if (IMPERATIVES.contains(word.text()) || startsWithAny(word.text(), ACCEPT_VERBS)
          || runVerb(word.text()) || startsWithAny(word.text(), DECIDE_VERBS)) {
        return true;
      }
    }
    return false;
  }

  /** A verb of recording or deciding in the past ("has Ewa decided", "jaki odcisk zapisała"): nothing to do now. */
  private static final Set<String> PAST_RECORDED = WordSet.of("decided", "chosen", "picked", "selected",
      "zdecydowal", "zdecydowala", "zdecydowali", "zdecydowano", "wybral", "wybrala", "wybrali", "wybrano",
      "wybrany", "wybrana", "wybrane", "zapisal", "zapisala", "zapisalo", "zapisali",
      "zapisaly", "zapisany", "zapisana", "zapisane", "wpisal", "wpisala", "wpisalo", "wpisany", "wpisana",
      "wpisane", "wprowadzil", "wprowadzila", "wprowadzony", "wprowadzona", "wprowadzone");

  /** The command a question is about: accepting, recording a decision, running a pipeline. */
  private static Action action(List<Word> words) {
    Action found = null;
    // "the production decision code", "kod decyzji": a code's name, nothing to decide
    boolean code = words.stream().anyMatch(w -> CODE_WORDS.contains(w.text()));
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      // "what are we still running on mocks": what something runs on, nothing to run
      if (RUN_FORMS.contains(text) && i + 1 < words.size() && words.get(i + 1).text().equals("on")) {
        continue;
      }
      boolean decision = startsWithAny(text, DECISION_NOUNS);
      // "zatwierdzać decyzje", "sign off decisions": a decision is recorded whichever verb asks for it
      if (decision && !code) {
        return Action.DECIDE;
      }
      if (found != Action.ACCEPT && startsWithAny(text, ACCEPT_VERBS)) {
        found = Action.ACCEPT;
      }
      // "jaki odcisk zapisała kontrola": what was recorded, nothing to record
      if (found == null && !decision && startsWithAny(text, DECIDE_VERBS) && !PAST_RECORDED.contains(text)) {
        found = Action.DECIDE;
      }
      if (found == null && runVerb(text)) {
        found = Action.RUN;
      }
    }
    return found;
  }

  /** A verb of running a pipeline: "run", "uruchom", "odpal", ...; not "runbook", which only begins like one. */
  private static boolean runVerb(String word) {
    return startsWithAny(word, RUN_VERBS) && (!word.startsWith("run") || RUN_FORMS.contains(word));
  }

  private static final Set<String> RUN_FORMS = WordSet.of("run", "runs", "running", "runned");

  /** "what's it running on", "what does it run on": a mode asked. */
  /** "how many people", "ilu jest aktorów", "ile osób": the people counted, said outright. */
  private static boolean peopleCounted(List<Word> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      String next = words.get(i + 1).text().equals("jest") && i + 2 < words.size() ? words.get(i + 2).text()
          : words.get(i + 1).text();
      if ((words.get(i).text().equals("many") || words.get(i).text().equals("ile")
          || words.get(i).text().equals("ilu")) && PEOPLE_WORDS.contains(next)) {
        return true;
      }
    }
    return false;
  }

  /** "who are the actors", "who's in this project", "kto jest w tym projekcie", "kto tu jest": the people asked for. */
  private static boolean peopleListed(List<Word> words) {
    if (words.size() < 2 || !WHO_OPENERS.contains(words.get(0).text())) {
      return false;
    }
    String second = words.get(1).text();
    return (second.equals("are") || second.equals("s") || second.equals("sa") || second.equals("jest"))
        && (words.stream().skip(2).anyMatch(w -> PEOPLE_WORDS.contains(w.text()))
        || words.size() <= 5 && words.stream().skip(2).anyMatch(w -> PROJECT_WORDS.contains(w.text())));
  }

  private static final Set<String> PROJECT_WORDS = WordSet.of("project", "projekcie", "here", "tu", "tutaj",
      "scenario", "scenariuszu", "cutover", "przejsciu");

  /** "na czym stoi", "na czym będzie działać": on what something runs, asked in Polish. */
  private static boolean onWhat(List<Word> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      if (words.get(i).text().equals("na") && words.get(i + 1).text().equals("czym")) {
        return true;
      }
    }
    return false;
  }

  private static boolean runsOn(List<Word> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      if (RUN_FORMS.contains(words.get(i).text()) && words.get(i + 1).text().equals("on")) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWithAny(String word, Set<String> stems) {
    if (stems instanceof WordSet indexed) {
      return indexed.begins(word);
    }
    for (String stem : stems) {
      if (word.startsWith(stem)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The question's language: Polish letters say Polish; otherwise the function words of each
   * language are counted, and a question that tells neither way (a bare name, a code) is answered in
   * {@code fallback}, the language the request asked for.
   */
  public static Lang language(String question, Lang fallback) {
    boolean polishLetters = POLISH_LETTERS.matcher(question).find();
    int polish = 0;
    int english = 0;
    String lower = null;
    for (Word word : Words.of(question)) {
      if (POLISH.contains(word.text())) {
        polish++;
      }
      if (ENGLISH.contains(word.text())) {
        // "moge odpalic dry-run?": a word of a hyphenated name ("dry-run", "go-live") is no English said
        lower = lower == null ? question.toLowerCase(Locale.ROOT) : lower;
        if (!lower.contains("-" + word.text()) && !lower.contains(word.text() + "-")) {
          english++;
        }
      }
    }
    // a Polish name in an English question ("the weather in Rzeszów", "who is Małgorzata") keeps it English
    if (polishLetters) {
      return english > polish + 1 ? Lang.EN : Lang.PL;
    }
    if (polish > english) {
      return Lang.PL;
    }
    if (english > polish) {
      return Lang.EN;
    }
    return fallback;
  }

  private static void add(Map<Intent, Double> scores, Intent intent, double value) {
    scores.merge(intent, value, Double::sum);
  }

  private static ToolCall call(String tool, String parameter, Object argument) {
    return new ToolCall(tool, parameter == null ? Map.of() : Collections.singletonMap(parameter, argument));
  }

  private static Question question(Lang lang, Intent intent, String subject, String actor, Action action,
                                   String environment, ToolCall... calls) {
    return new Question(lang, intent, subject, List.of(calls), actor, action, environment, null);
  }
}

package io.bfg.console.copilot;

import io.bfg.console.copilot.Words.Word;
import io.bfg.console.model.Actor;
import io.bfg.console.model.Aliases;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.Environment;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Label;
import io.bfg.console.model.PipelineBinding;
import io.bfg.console.model.Provider;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SectionDef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything a scenario names, as a question may mention it: gates and groups, checks, actors (by
 * name, first or last name, role and role key), providers (and their modes), pipelines (and the gate
 * each proves), environments and decision codes, each under its labels in both languages, its id and
 * the aliases the scenario declares. Nothing else: the engine knows no company's words. A word that
 * many things share ("check", "gate") weighs little, a rare one much, so the thing a question names
 * most specifically wins. Built once per scenario: labels in a scenario do not change while it runs.
 */
final class Lexicon {

  enum Kind { GROUP, CHECK, ACTOR, PROVIDER, PIPELINE, ENVIRONMENT, CODE }

  /** One way to name a thing: its words, which of them may be begun ("faktur*"), and how strongly it names it. */
  record Name(List<Word> words, boolean[] prefix, double strength, boolean person, boolean whole) {
  }

  record Entity(Kind kind, String id, List<Name> names) {
  }

  /** A thing a question names, how specifically, and which of the question's words named it. */
  record Link(Entity entity, double score, Set<Integer> at) {
    Kind kind() {
      return entity.kind();
    }

    String id() {
      return entity.id();
    }
  }

  /** Words that name nothing in either language: they never make a link. */
  static final Set<String> FUNCTION_WORDS = WordSet.of("the", "a", "an", "of", "and", "or", "is", "are", "to", "for",
      "in", "on", "with", "by", "at", "be", "it", "its", "this", "that", "i", "w", "z", "na", "do", "o", "od", "po",
      "za", "jest", "sa", "nie", "sie", "ze", "lub", "oraz", "dla", "s", "my", "me", "we", "our", "you", "what",
      "who", "how", "co", "kto", "jak", "czy", "ma", "mam", "has", "have", "does", "do", "did", "can", "yet", "juz",
      "jeszcze", "still", "now", "teraz", "any", "anything", "cos", "something", "is", "was", "been");
  /**
   * Words a question asks with that would name a scenario's thing by their stem: the Polish "może" (lemmatised to
   * "móc", which begins "mocki"), "ile osób" ("osob", which begins "osobowe" in "dane osobowe").
   */
  private static final Set<String> NAME_NOTHING = WordSet.of("moze", "moga", "moge", "mozemy", "mozesz",
      "mozna", "mogl", "mogla", "moglby", "mogliby", "moc", "osob", "osoby", "osoba", "ludzi");

  /**
   * The console's own words for its things, in both languages: every scenario's questions use them
   * ("how many checks", "ile bramek"), so they say little about which thing is meant.
   */
  private static final Set<String> CONSOLE_WORDS = WordSet.of("check", "checks", "gate", "gates",
      "kontrola", "kontroli", "kontrol", "kontrole", "bramka", "bramki", "bramek", "checkow", "checka", "status",
      "ready", "gotowy", "gotowe", "gotowa", "gotowych", "owner", "ownera", "decision", "decyzja", "decyzje",
      "decyzji", "pipeline", "pipelines", "mode", "tryb", "provider", "providers");
  private static final double CONSOLE_WORD_WEIGHT = 0.3;
  private static final Set<String> ENGLISH_NOUNS = WordSet.of("gate", "gates", "check", "checks");
  /** A name's words said one after another ("go live") name it more surely than scattered ones. */
  private static final double ADJACENT = 1.3;

  private static volatile Lexicon last;

  private final Scenario scenario;
  private final List<Entity> entities = new ArrayList<>();
  private final Map<String, Double> weights = new HashMap<>();
  private final List<Slot> slots = new ArrayList<>();
  /** Per entity, per name, the slot of each word. */
  private final List<int[][]> entitySlots = new ArrayList<>();
  private double[] slotWeights;
  /** The entities each slot is a word of: only those a question says a slot of can be linked. */
  private int[][] slotHolders;
  /** Slots by each form of their word (as written, stems, first letters), by their first four letters, by a person's first three. */
  private final Map<String, List<Integer>> byKey = new HashMap<>();
  private final Map<String, List<Integer>> byHead = new HashMap<>();
  private final Map<String, List<Integer>> byPerson = new HashMap<>();
  private final List<Integer> prefixSlots = new ArrayList<>();
  /** What each word read so far says (see slotsSaying); the copilot's worker threads share it. */
  private final Map<Word, int[]> saying = new ConcurrentHashMap<>();

  /** The lexicon of {@code scenario}, built once: the copilot asks for it with every question. */
  static Lexicon of(Scenario scenario) {
    Lexicon current = last;
    if (current == null || current.scenario != scenario) {
      current = new Lexicon(scenario);
      last = current;
    }
    return current;
  }

  private Lexicon(Scenario scenario) {
    this.scenario = scenario;
    List<GroupDef> groups = new ArrayList<>(scenario.groups());
    groups.add(scenario.production());
    for (GroupDef group : groups) {
      List<Name> names = new ArrayList<>();
      label(names, group.label(), 1.0);
      add(names, group.id(), 1.0, false);
      aliases(names, group.aliases());
      // the page's own heading over the gate alone ("Decision board" over the decisions gate) is how a reader names
      // it, said whole: a heading's single words often name other things ("Rental stock and deposits")
      for (SectionDef section : scenario.sections()) {
        if ("group".equals(section.kind()) && section.title() != null && List.of(group.id()).equals(section.groups())) {
          names.add(name(section.title().en(), 1.0, false, true));
          if (section.title().pl() != null && !section.title().pl().equals(section.title().en())) {
            names.add(name(section.title().pl(), 1.0, false, true));
          }
        }
      }
      entities.add(new Entity(Kind.GROUP, group.id(), names));
      for (CheckDef check : group.checks()) {
        List<Name> checkNames = new ArrayList<>();
        label(checkNames, check.label(), 1.0);
        add(checkNames, check.id().substring(check.id().indexOf('.') + 1), 1.0, false);
        aliases(checkNames, check.aliases());
        // "what does the rbac-claims step check": a pipeline step's own id, whole, names the check it proves
        if (check.pipeline() != null && check.step() != null) {
          checkNames.add(name(check.step(), 0.9, false, true));
        }
        for (CheckDef.DecisionOption option : check.options()) {
          add(checkNames, option.value(), 0.7, false);
          label(checkNames, option.label(), 0.6);
        }
        entities.add(new Entity(Kind.CHECK, check.id(), checkNames));
      }
    }
    for (GroupDef group : groups) {
      Set<String> codes = new LinkedHashSet<>();
      codes.add("BLOCKED_PENDING_" + group.token());
      if (group.blockedToken() != null) {
        codes.add("BLOCKED_PENDING_" + group.blockedToken());
      }
      codes.add(group.readyCode());
      for (String code : codes) {
        // a one-word code ("GO") is a word of every question: it is linked only when written as a code
        if (!code.contains("_")) {
          continue;
        }
        if (entities.stream().noneMatch(e -> e.kind() == Kind.CODE && e.id().equals(code))) {
          List<Name> names = new ArrayList<>();
          names.add(name(code, 1.0, false, true));
          entities.add(new Entity(Kind.CODE, code, names));
        }
      }
    }
    for (Actor actor : scenario.actors()) {
      List<Name> names = new ArrayList<>();
      add(names, actor.name(), 1.0, false);
      String[] parts = actor.name().trim().split("\\s+");
      // the first name is the first word after any title ("MUDr. Jana Dvořáková": "Jany" is Jana's)
      int first = 0;
      while (first < parts.length - 1 && parts[first].endsWith(".")) {
        first++;
      }
      if (parts.length - first > 1) {
        names.add(name(parts[first], 1.0, true, false));
        names.add(name(parts[parts.length - 1], 1.0, true, false));
      }
      label(names, actor.role(), 1.0);
      add(names, actor.roleKey(), 1.0, false);
      aliases(names, actor.aliases());
      entities.add(new Entity(Kind.ACTOR, actor.id(), names));
    }
    for (Provider provider : scenario.providers()) {
      List<Name> names = new ArrayList<>();
      label(names, provider.label(), 1.0);
      add(names, provider.id(), 1.0, false);
      aliases(names, provider.aliases());
      add(names, provider.currentMode(), 0.8, false);
      add(names, provider.targetMode(), 0.8, false);
      // "what's DamageClaim.v1": a contract is named by its own name, version and all
      if (provider.contract() != null) {
        add(names, provider.contract(), 1.0, false);
      }
      entities.add(new Entity(Kind.PROVIDER, provider.id(), names));
    }
    for (PipelineBinding pipeline : scenario.pipelines()) {
      List<Name> names = new ArrayList<>();
      add(names, pipeline.id(), 1.0, false);
      for (String console : CONSOLE_PIPELINE_NAMES.getOrDefault(pipeline.id(), List.of())) {
        add(names, console, 1.0, false);
      }
      GroupDef proves = groups.stream().filter(g -> g.id().equals(pipeline.proves())).findFirst().orElse(null);
      if (proves != null) {
        label(names, proves.label(), 0.9);
        add(names, proves.id(), 0.9, false);
        aliases(names, proves.aliases());
      }
      entities.add(new Entity(Kind.PIPELINE, pipeline.id(), names));
    }
    for (Environment environment : scenario.environments()) {
      List<Name> names = new ArrayList<>();
      label(names, environment.label(), 1.0);
      add(names, environment.id(), 1.0, false);
      entities.add(new Entity(Kind.ENVIRONMENT, environment.id(), names));
    }
    index();
  }

  Scenario scenario() {
    return scenario;
  }

  List<Entity> entities() {
    return entities;
  }

  /** Every thing {@code question} names, the most specific first. */
  List<Link> link(List<Word> question) {
    int[] at = positions(question);
    boolean[] said = new boolean[entities.size()];
    for (int slot = 0; slot < at.length; slot++) {
      if (at[slot] >= 0) {
        for (int e : slotHolders[slot]) {
          said[e] = true;
        }
      }
    }
    List<Link> links = new ArrayList<>();
    for (int e = 0; e < entities.size(); e++) {
      // an entity none of whose words the question says cannot be linked: most are skipped here
      Link link = said[e] ? link(e, question, at) : null;
      if (link != null) {
        links.add(link);
      }
    }
    links.sort(Comparator.comparingDouble(Link::score).reversed());
    return links;
  }

  /**
   * For every slot (a name's word, as a prefix or a person's name or plain), the first position in
   * {@code question} that says it, or -1. Looked up through the index, not by comparing every word
   * of every name: that was most of the cost of reading a question.
   */
  private int[] positions(List<Word> question) {
    int[] at = new int[slots.size()];
    java.util.Arrays.fill(at, -1);
    for (int i = 0; i < question.size(); i++) {
      for (int slot : slotsSaying(question.get(i))) {
        if (at[slot] < 0) {
          at[slot] = i;
        }
      }
    }
    return at;
  }

  /**
   * The slots {@code said} says, remembered by the word: operators' questions reuse few words, and trying a word
   * against its candidate slots (stems, inflections) was the largest part of linking. At most {@link #REMEMBERED}
   * words are kept, so odd input cannot grow it without bound.
   */
  private int[] slotsSaying(Word said) {
    if (NAME_NOTHING.contains(said.text())) {
      return new int[0];
    }
    int[] known = saying.get(said);
    if (known != null) {
      return known;
    }
    int[] found = candidates(said).stream().filter(slot -> says(slots.get(slot), said))
        .mapToInt(Integer::intValue).toArray();
    if (found.length == 0) {
      found = mistyped(said);
    }
    if (found.length == 0) {
      found = clipped(said);
    }
    if (found.length == 0) {
      found = sameMeaning(said);
    }
    if (saying.size() < REMEMBERED) {
      saying.put(said, found);
    }
    return found;
  }

  private static final int REMEMBERED = 20_000;
  /** The shortest word read as a typo of a name's word: shorter ones are one letter from too many others. */
  private static final int TYPO_MIN = 6;

  /**
   * The slots of the names' words {@code said} is one slip away from ("conection", "rehersal", "migartion": a
   * letter missing, added, changed or two swapped), for a long word that says nothing as it is written. The
   * first letter must be right, so a different word of the same shape ("passed" is "passes") is not taken.
   */
  private int[] mistyped(Word said) {
    String text = said.text();
    if (text.length() < TYPO_MIN || !text.chars().allMatch(Character::isLetter)) {
      return new int[0];
    }
    List<Integer> out = new ArrayList<>();
    for (int slot = 0; slot < slots.size(); slot++) {
      Slot candidate = slots.get(slot);
      String word = candidate.word().text();
      if (!candidate.person() && word.length() >= TYPO_MIN && word.charAt(0) == text.charAt(0)
          && oneSlip(word, text)) {
        out.add(slot);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The slots of the long words a clipped plural that says nothing as it is written stands for: "dims" for
   * "dimensions", "creds" for "credentials", "certs" for "certificates" (English shop talk; the clipped stem must
   * begin a word at least four letters longer).
   */
  private int[] clipped(Word said) {
    String text = said.text();
    if (text.length() < 4 || text.length() > 6 || !text.endsWith("s") || !text.chars().allMatch(Character::isLetter)) {
      return new int[0];
    }
    String stem = text.substring(0, text.length() - 1);
    List<Integer> out = new ArrayList<>();
    for (int slot = 0; slot < slots.size(); slot++) {
      Slot candidate = slots.get(slot);
      String word = candidate.word().text();
      if (!candidate.person() && word.length() >= stem.length() + 4 && word.startsWith(stem)) {
        out.add(slot);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Words of one meaning that share no stem, in the language's own vocabulary, not any scenario's: people say
   * "powiadomienie pasażerów" of "Pasażerowie poinformowani", "przeszkolenie" of "Szkolenie personelu". A word
   * ending in "*" stands for every word it begins; the others are whole words.
   */
  private static final List<List<String>> SAME_MEANING = List.of(
      List.of("powiadom*", "poinform*", "zawiadom*", "informowa*", "inform", "informed", "informing", "notif*",
          "notice", "notices", "announc*"),
      List.of("szkolen*", "przeszkol*", "szkolon*", "train", "trained", "training", "briefing*", "briefed"),
      List.of("umow*", "kontrakt*", "contract*", "agreement*"),
      List.of("klient*", "odbiorc*", "customer*", "client*"),
      List.of("pracownik*", "pracownic*", "personel*", "staff", "employee*", "personnel"),
      List.of("harmonogram*", "grafik*", "schedul*", "timetabl*", "rozklad*"),
      List.of("cennik*", "taryf*", "tariff*", "pricing", "price", "prices"),
      List.of("rabat*", "znizk*", "ulg*", "discount*", "concession*"),
      List.of("haslo", "hasla", "hasel", "password*", "credential*", "poswiadcz*"),
      List.of("raport*", "sprawozd*", "report", "reports", "reporting"),
      List.of("mapowan*", "odwzorowan*", "mapping*", "mapped"),
      List.of("zamroz*", "zamrozen*", "freeze*", "frozen"),
      List.of("szablon*", "template*", "wzor", "wzory", "wzorzec*"),
      List.of("migracj*", "przeniesien*", "migrat*"));

  /** The slots of the names' words that mean what {@code said} means ({@link #SAME_MEANING}), when it says nothing. */
  private int[] sameMeaning(Word said) {
    String text = said.text();
    List<String> meaning = null;
    for (List<String> group : SAME_MEANING) {
      if (group.stream().anyMatch(word -> means(word, text))) {
        meaning = group;
        break;
      }
    }
    if (meaning == null) {
      return new int[0];
    }
    List<Integer> out = new ArrayList<>();
    for (int slot = 0; slot < slots.size(); slot++) {
      Slot candidate = slots.get(slot);
      String word = candidate.word().text();
      if (!candidate.person() && meaning.stream().anyMatch(m -> means(m, word))) {
        out.add(slot);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean means(String entry, String word) {
    return entry.endsWith("*") ? word.startsWith(entry.substring(0, entry.length() - 1)) : word.equals(entry);
  }

  /** Whether {@code a} and {@code b} differ by one letter missing, added or changed, or two neighbours swapped. */
  static boolean oneSlip(String a, String b) {
    if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
      return false;
    }
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (a.length() == b.length()) {
      return a.substring(i + 1).equals(b.substring(i + 1))
          || i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
          && a.substring(i + 2).equals(b.substring(i + 2));
    }
    return a.length() > b.length() ? a.substring(i + 1).equals(b.substring(i)) : a.substring(i).equals(b.substring(i + 1));
  }

  /** The slots that may match {@code said}; {@link #says} decides. */
  private Set<Integer> candidates(Word said) {
    Set<Integer> out = new LinkedHashSet<>();
    for (String key : keys(said)) {
      out.addAll(byKey.getOrDefault(key, List.of()));
    }
    if (said.text().length() >= 4) {
      out.addAll(byHead.getOrDefault(said.text().substring(0, 4), List.of()));
    }
    if (said.text().length() >= 3) {
      out.addAll(byPerson.getOrDefault(said.text().substring(0, 3), List.of()));
    }
    out.addAll(prefixSlots);
    return out;
  }

  private static boolean says(Slot slot, Word said) {
    Word word = slot.word();
    // the console's own nouns are no beginning of a longer word: "gate" names no "gateway", "check" no "checkout"
    return word.same(said) || slot.prefix() && word.begins(said)
        || inflected(word.text(), said.text()) && !ENGLISH_NOUNS.contains(said.text())
        || slot.person() && personInflected(word.text(), said.text());
  }

  /**
   * How specifically {@code question} names entity {@code e}: its best name's matched weight, scaled
   * by how much of that name was said, plus half the weight of words only its other names matched
   * ("the rollback drill": the gate's id matches "rollback", its label also "drill").
   */
  private Link link(int e, List<Word> question, int[] at) {
    Entity entity = entities.get(e);
    int[][] nameSlots = entitySlots.get(e);
    double best = 0;
    Set<Integer> bestAt = Set.of();
    Set<Integer> all = null;
    for (int n = 0; n < nameSlots.length; n++) {
      Name name = entity.names().get(n);
      double said = 0;
      double total = 0;
      Set<Integer> found = null;
      for (int w = 0; w < nameSlots[n].length; w++) {
        double weight = slotWeights[nameSlots[n][w]];
        if (weight == 0) {
          continue;
        }
        total += weight;
        int position = at[nameSlots[n][w]];
        if (position >= 0) {
          said += weight;
          if (found == null) {
            found = new LinkedHashSet<>();
          }
          found.add(position);
        }
      }
      // a decision code is named whole and in order ("blocked pending preflight"), not by words scattered in a question
      if (said == 0 || name.whole() && (said < total || !adjacent(found))) {
        continue;
      }
      if (all == null) {
        all = new LinkedHashSet<>();
      }
      all.addAll(found);
      double score = said * (said / total) * name.strength();
      if (said == total && found.size() > 1 && adjacent(found)) {
        score *= ADJACENT;
      }
      if (score > best) {
        best = score;
        bestAt = found;
      }
    }
    if (best == 0 || entity.kind() == Kind.PROVIDER && consoleWordsOnly(question, all)) {
      // "ile bramek": the console's own word for its gates, not a provider a scenario calls its payment "bramka"
      return null;
    }
    double extra = 0;
    for (int i : all) {
      if (!bestAt.contains(i)) {
        extra += weight(question.get(i));
      }
    }
    return new Link(entity, best + extra / 2, all);
  }

  private static boolean consoleWordsOnly(List<Word> question, Set<Integer> at) {
    return at.stream().allMatch(i -> CONSOLE_WORDS.contains(question.get(i).text()));
  }

  private static boolean adjacent(Set<Integer> at) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i : at) {
      min = Math.min(min, i);
      max = Math.max(max, i);
    }
    return max - min + 1 == at.size();
  }

  /** "rollbacku" for "rollback", "runbooka" for "runbook": an ending of up to three letters on a word of four or more. */
  static boolean inflected(String a, String b) {
    String shorter = a.length() <= b.length() ? a : b;
    String longer = shorter == a ? b : a;
    return shorter.length() >= 4 && longer.length() - shorter.length() <= 3 && longer.startsWith(shorter)
        // a Polish noun's case ending written without diacritics: "probe" (próbę) is "proba"
        || a.length() == b.length() && a.length() >= 5 && vowel(a.charAt(a.length() - 1))
        && vowel(b.charAt(b.length() - 1)) && a.regionMatches(0, b, 0, a.length() - 1)
        // a locative's softened consonant: "limicie" is "limit", "ogrodzie" "ogrod", "rowerze" "rower"
        || softened(a, b) || softened(b, a)
        // an adjective in another case: "bramki celnej" names "odprawa celna", "urzędem celnym"
        || sameStem(a, b);
  }

  private static boolean sameStem(String a, String b) {
    if (a.length() < 5 || b.length() < 5) {
      return false;
    }
    int kept = a.length() - adjectiveEnding(a);
    return kept >= 4 && kept == b.length() - adjectiveEnding(b) && a.regionMatches(0, b, 0, kept);
  }

  private static int adjectiveEnding(String word) {
    for (String ending : ADJECTIVE_ENDINGS) {
      if (word.endsWith(ending)) {
        return ending.length();
      }
    }
    return 0;
  }

  /** Polish adjective (and some noun) case endings, folded, longest first. */
  private static final String[] ADJECTIVE_ENDINGS = {"ego", "emu", "ych", "ymi", "ej", "ym", "a", "y", "e", "i"};

  private static boolean softened(String said, String name) {
    // compared in place: this runs for every word a name's word is tried against
    for (String[] pair : SOFTENED) {
      int kept = said.length() - pair[0].length();
      if (kept >= 3 && said.endsWith(pair[0]) && name.regionMatches(0, said, 0, kept)
          && name.startsWith(pair[1], kept) && name.length() - kept - pair[1].length() <= 2) {
        return true;
      }
    }
    return false;
  }

  private static final String[][] SOFTENED = {{"cie", "t"}, {"dzie", "d"}, {"rze", "r"}};

  private static boolean vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  }

  /** A first or last name declined in Polish: "Marka", "Ewy", "Olenie". */
  private static boolean personInflected(String name, String said) {
    if (name.length() <= 4) {
      // a short name is declined by its endings only: "Lisa", "Lisowi", "Ewy", "Ewie", but "list" is no "Lis"
      return ending(name, said) || vowel(name.charAt(name.length() - 1))
          && ending(name.substring(0, name.length() - 1), said);
    }
    // a longer one keeps all but its last letter ("Jakuba", "Piotrowi"), or drops an "e" before it ("Marka",
    // "Pawła"), or in a long name changes its last two ("Agnieszce"): "jakie" is no "Jakub"
    int n = name.length();
    boolean stem = said.startsWith(name.substring(0, n - 1))
        || name.charAt(n - 2) == 'e' && said.startsWith(name.substring(0, n - 2) + name.charAt(n - 1))
        || n >= 7 && said.startsWith(name.substring(0, n - 2));
    return stem && !FUNCTION_WORDS.contains(said) && said.length() >= n - 1 && said.length() <= n + 3;
  }

  private static boolean ending(String stem, String said) {
    return said.startsWith(stem) && NAME_ENDINGS.contains(said.substring(stem.length()));
  }

  /** The case endings of Polish names, folded: "Lis-owi", "Ew-ie", "Jan-em". */
  private static final Set<String> NAME_ENDINGS = WordSet.of("", "a", "y", "i", "e", "ie", "o", "u", "owi", "em", "om",
      "ow", "ach", "ami", "ego", "emu", "ej", "ich", "im", "owie");

  /** How much a word says about which thing is meant: little for words many things share, nothing for function words. */
  double weight(Word word) {
    if (FUNCTION_WORDS.contains(word.text())) {
      return 0;
    }
    if (CONSOLE_WORDS.contains(word.text())) {
      return CONSOLE_WORD_WEIGHT;
    }
    Double known = weights.get(word.text());
    // a question word no name holds counts as rare, but it is only weighed when some name matched it
    return known != null ? known : Math.log(1 + entities.size());
  }

  /** A name's word as it is matched: plainly, as a declared prefix ("faktur*"), or as a person's name. */
  private record Slot(Word word, boolean prefix, boolean person) {
  }

  private static List<String> keys(Word word) {
    List<String> keys = new ArrayList<>(4);
    keys.add(word.text());
    if (word.pl() != null && word.pl().length() >= 3) {
      keys.add(word.pl());
    }
    if (word.en() != null && word.en().length() >= 3) {
      keys.add(word.en());
    }
    if (word.head() != null) {
      keys.add(word.head());
    }
    return keys;
  }

  /** Gives every name's words their slots, indexes the slots and weighs each word by how many things share it. */
  private void index() {
    Map<Slot, Integer> ids = new HashMap<>();
    List<Set<Integer>> holders = new ArrayList<>();
    // the things a word's weight counts: a pipeline step's id names its check, a page's heading its gate, but makes
    // none of its words rarer
    List<Set<Integer>> counted = new ArrayList<>();
    for (int e = 0; e < entities.size(); e++) {
      List<Name> names = entities.get(e).names();
      int[][] nameSlots = new int[names.size()][];
      for (int n = 0; n < names.size(); n++) {
        Name name = names.get(n);
        nameSlots[n] = new int[name.words().size()];
        for (int w = 0; w < name.words().size(); w++) {
          Slot slot = new Slot(name.words().get(w), name.prefix()[w], name.person());
          Integer id = ids.get(slot);
          if (id == null) {
            id = slots.size();
            ids.put(slot, id);
            slots.add(slot);
            holders.add(new LinkedHashSet<>());
            counted.add(new LinkedHashSet<>());
            index(slot, id);
          }
          holders.get(id).add(e);
          if (!(name.whole() && (entities.get(e).kind() == Kind.CHECK || entities.get(e).kind() == Kind.GROUP))) {
            counted.get(id).add(e);
          }
          nameSlots[n][w] = id;
        }
      }
      entitySlots.add(nameSlots);
    }
    // a word's weight: how few things hold it (in any of its forms)
    for (Slot slot : slots) {
      Word word = slot.word();
      if (weights.containsKey(word.text())) {
        continue;
      }
      Set<Integer> things = new LinkedHashSet<>();
      for (int candidate : candidates(word)) {
        Slot other = slots.get(candidate);
        if (other.word().same(word) || inflected(other.word().text(), word.text())) {
          things.addAll(counted.get(candidate));
        }
      }
      weights.put(word.text(), Math.log(1 + (double) entities.size() / Math.max(1, things.size())));
    }
    slotWeights = new double[slots.size()];
    slotHolders = new int[slots.size()][];
    for (int i = 0; i < slots.size(); i++) {
      slotWeights[i] = weight(slots.get(i).word());
      slotHolders[i] = holders.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private void index(Slot slot, int id) {
    for (String key : keys(slot.word())) {
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
    }
    String text = slot.word().text();
    if (text.length() >= 4) {
      byHead.computeIfAbsent(text.substring(0, 4), k -> new ArrayList<>()).add(id);
    }
    if (slot.person() && text.length() >= 3) {
      byPerson.computeIfAbsent(text.substring(0, 3), k -> new ArrayList<>()).add(id);
    }
    if (slot.prefix()) {
      prefixSlots.add(id);
    }
  }

  // ---- building names ----

  /** The console's own names for its built-in pipelines, in both languages ("sprawdzenie połączenia"). */
  private static final Map<String, List<String>> CONSOLE_PIPELINE_NAMES = Map.of(
      io.bfg.console.model.Pipelines.CONNECTION, List.of("connection check", "connection test", "conn check",
          "test połączenia", "sprawdzenie połączenia", "połączenie"),
      io.bfg.console.model.Pipelines.DRY_RUN, List.of("dry run", "próba generalna", "przebieg próbny"));

  private static void label(List<Name> names, Label label, double strength) {
    if (label == null) {
      return;
    }
    words(names, label.en(), strength);
    if (label.pl() != null && !label.pl().equals(label.en())) {
      words(names, label.pl(), strength);
    }
  }

  private static void aliases(List<Name> names, Aliases aliases) {
    if (aliases == null) {
      return;
    }
    for (String alias : aliases.en()) {
      words(names, alias, 1.0);
    }
    for (String alias : aliases.pl()) {
      words(names, alias, 1.0);
    }
  }

  /**
   * A label or alias, and written as people also type it: "oncall" for "on-call", "signoff" for "sign-off" (a
   * compound with a short part; not "database-schema", whose joined first letters would answer to any
   * "database"). Ids are not joined: "livecz" would answer to "live".
   */
  private static void words(List<Name> names, String text, double strength) {
    add(names, text, strength, false);
    if (text != null) {
      String joined = COMPOUND.matcher(text).replaceAll(m -> Math.min(m.group(1).length(), m.group(2).length()) <= 3
          ? m.group(1) + m.group(2) : m.group());
      if (!joined.equals(text)) {
        add(names, joined, strength, false);
      }
    }
  }

  private static final Pattern COMPOUND = Pattern.compile("(?<!\\p{L})(\\p{L}+)-(\\p{L}+)(?!\\p{L})");

  private static void add(List<Name> names, String text, double strength, boolean person) {
    if (text == null || text.isBlank()) {
      return;
    }
    Name name = name(text, strength, person, false);
    if (!name.words().isEmpty()) {
      names.add(name);
    }
  }

  /** {@code whole}: only the whole name names the thing (a decision code, not one of its words). */
  private static Name name(String text, double strength, boolean person, boolean whole) {
    // a label may hold {ref} placeholders filled from live state: they name nothing
    String plain = text.replaceAll("\\{[^}]*}", " ");
    List<Word> words = new ArrayList<>();
    List<Boolean> prefixes = new ArrayList<>();
    for (String part : plain.trim().split("\\s+")) {
      boolean prefix = part.endsWith("*");
      List<Word> analysed = Words.of(prefix ? part.substring(0, part.length() - 1) : part);
      for (int i = 0; i < analysed.size(); i++) {
        words.add(analysed.get(i));
        prefixes.add(prefix && i == analysed.size() - 1);
      }
    }
    boolean[] prefix = new boolean[prefixes.size()];
    for (int i = 0; i < prefix.length; i++) {
      prefix[i] = prefixes.get(i);
    }
    return new Name(List.copyOf(words), prefix, strength, person, whole);
  }
}

package io.bfg.console.copilot;

import io.bfg.console.eval.Evaluation;
import io.bfg.console.eval.Evaluation.CheckView;
import io.bfg.console.eval.Evaluation.GroupView;
import io.bfg.console.model.Actor;
import io.bfg.console.model.Aliases;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Label;
import io.bfg.console.model.Provider;
import io.bfg.console.model.Scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The names of one evaluation folded for matching ({@link ReadinessFacts#fold}): labels, ids, roles
 * and the aliases the scenario declares for its groups, checks, providers and actors. These are the
 * only words that link a question to a thing: the engine knows no company's vocabulary. An
 * evaluation never changes, so they are folded once for it and shared by every question asked
 * while it is current; folding every label of the evaluation for every question was most of the
 * cost of answering one (see README, Benchmarks).
 */
final class FoldedNames {

  /**
   * A name as it is matched: folded, and either whole words ({@code "infra"} matches "infra" but
   * not "infrastructure") or, for a declared alias ending in {@code *}, any words starting with it
   * ({@code "faktur*"} matches "faktura" and "faktury"). Labels and ids match as prefixes, as
   * people add endings to them ("runbooka", "connections").
   */
  record Phrase(String text, boolean prefix) {

    static Phrase alias(String declared) {
      String trimmed = declared.strip();
      boolean prefix = trimmed.endsWith("*");
      return new Phrase(ReadinessFacts.fold(prefix ? trimmed.substring(0, trimmed.length() - 1) : trimmed), prefix);
    }

    static Phrase prefixOf(String text) {
      return new Phrase(text, true);
    }

    /** Whether {@code padded}, a folded text with a space at each end, holds this phrase. */
    boolean in(String padded) {
      return !text.isEmpty() && (prefix ? ReadinessFacts.containsAfterSpace(padded, text)
          : ReadinessFacts.containsWord(padded, text));
    }

    int length() {
      return text.length();
    }
  }

  /**
   * A check with its folded label, the distinctive words of its id and label, in order (repeats
   * kept), and its synonyms (see {@link #synonyms}).
   */
  record CheckName(CheckView check, String label, boolean multiWord, List<String> words, List<Phrase> synonyms) {
  }

  /** A group (the production group last) with its folded label and id and its synonyms. */
  record GroupName(GroupView group, String label, String id, List<Phrase> synonyms) {
  }

  /**
   * An actor with its folded name, first name and role; the role and role key also as a word
   * (padded with spaces); its declared aliases as synonyms.
   */
  record ActorName(Evaluation.ActorView actor, String name, String first, String role, String paddedRole,
                   String paddedRoleKey, List<Phrase> synonyms) {
  }

  /** A provider with its folded label and id and its synonyms. */
  record ProviderName(Evaluation.ProviderView provider, String label, String id, List<Phrase> synonyms) {
  }

  /** A pipeline the scenario runs, its id folded as a phrase, and the group it proves (null if none). */
  record PipelineName(Evaluation.PipelineView pipeline, Phrase id, GroupName proves) {
  }

  /**
   * Words of a readiness console's own vocabulary, too common in any scenario's labels to pick one
   * check out. Every word of a group's id joins them (see {@link #FoldedNames}): a word that names
   * a group names no single check.
   */
  private static final Set<String> NEUTRAL = WordSet.of("production", "produkcji", "adapter",
      "adaptera", "check", "checks", "gate", "gates", "ready", "gotowy", "evidence", "owner", "ownera", "owners",
      "decision", "decyzja", "status", "local", "live", "with", "from", "that", "this", "jest", "oraz", "dla",
      "contract", "kontrakt", "block", "blocker", "blocked", "next", "what", "does", "mean", "run", "data", "demo",
      "packet", "pakiet", "owner's", "accepted", "rehearsal", "cutover", "migration", "migracji", "scenario",
      "snapshot", "store", "auth", "provider", "providers", "dostawcy", "tasks", "task");

  private final Evaluation evaluation;
  private final List<CheckName> checks = new ArrayList<>();
  private final List<GroupName> groups = new ArrayList<>();
  private final List<ActorName> actors = new ArrayList<>();
  private final List<ProviderName> providers = new ArrayList<>();
  private final List<PipelineName> pipelines = new ArrayList<>();

  FoldedNames(Scenario scenario, Evaluation evaluation) {
    this.evaluation = evaluation;
    Map<String, GroupDef> groupDefs = new HashMap<>();
    Map<String, CheckDef> checkDefs = new HashMap<>();
    Set<String> generic = new HashSet<>(NEUTRAL);
    List<GroupDef> defs = new ArrayList<>(scenario.groups());
    defs.add(scenario.production());
    for (GroupDef def : defs) {
      groupDefs.put(def.id(), def);
      def.checks().forEach(check -> checkDefs.put(check.id(), check));
      generic.addAll(List.of(def.id().toLowerCase(Locale.ROOT).split("-")));
    }
    for (GroupView group : evaluation.groups()) {
      for (CheckView check : group.checks()) {
        String label = ReadinessFacts.fold(check.label());
        String suffix = check.id().substring(check.id().indexOf('.') + 1).replace('-', ' ').toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String word : (suffix + " " + label).split(" ")) {
          if (word.length() >= 4 && !generic.contains(word)) {
            words.add(word);
          }
        }
        CheckDef def = checkDefs.get(check.id());
        checks.add(new CheckName(check, label, label.contains(" "), List.copyOf(words),
            def == null ? List.of() : synonyms(label, def.label(), def.aliases(), false)));
      }
    }
    List<GroupView> all = new ArrayList<>(evaluation.groups());
    all.add(evaluation.production());
    for (GroupView group : all) {
      GroupDef def = groupDefs.get(group.id());
      String label = ReadinessFacts.fold(group.label());
      groups.add(new GroupName(group, label, ReadinessFacts.fold(group.id().replace('-', ' ')),
          def == null ? List.of() : synonyms(label, def.label(), def.aliases(), true)));
    }
    for (Evaluation.ActorView actor : evaluation.actors()) {
      String name = ReadinessFacts.fold(actor.name());
      String role = ReadinessFacts.fold(actor.role());
      Actor def = scenario.actor(actor.id());
      actors.add(new ActorName(actor, name, name.split(" ")[0], role, " " + role + " ",
          " " + actor.roleKey().replace('_', ' ') + " ", def == null ? List.of() : aliases(def.aliases())));
    }
    for (Evaluation.ProviderView provider : evaluation.providers()) {
      Provider def = scenario.providers().stream().filter(p -> p.id().equals(provider.id())).findFirst()
          .orElse(null);
      String label = ReadinessFacts.fold(provider.label());
      providers.add(new ProviderName(provider, label, ReadinessFacts.fold(provider.id().replace('-', ' ')),
          def == null ? List.of() : synonyms(label, def.label(), def.aliases(), true)));
    }
    if (evaluation.pipelines() != null) {
      for (Evaluation.PipelineView pipeline : evaluation.pipelines()) {
        GroupName proves = groups.stream().filter(g -> g.group().id().equals(pipeline.group())).findFirst()
            .orElse(null);
        pipelines.add(new PipelineName(pipeline, Phrase.prefixOf(ReadinessFacts.fold(pipeline.id())), proves));
      }
    }
  }

  /**
   * The other names of a thing besides {@code label} (its folded label in the evaluation's
   * language): its label in the other language and its aliases in both, as people mix languages
   * ("co z dry run?", "status of the e-faktura"). A check's one-word label names a group as often
   * as the check ("Rollback"), so for checks ({@code singleWordLabels} false) only labels of several
   * words count, as whole words.
   */
  private static List<Phrase> synonyms(String label, Label labels, Aliases declared, boolean singleWordLabels) {
    List<Phrase> out = new ArrayList<>();
    for (String other : List.of(labels.en(), labels.pl())) {
      String folded = ReadinessFacts.fold(other);
      if (!folded.isEmpty() && !folded.equals(label) && (singleWordLabels || folded.contains(" "))) {
        out.add(new Phrase(folded, singleWordLabels));
      }
    }
    out.addAll(aliases(declared));
    return List.copyOf(out);
  }

  /** Both languages' aliases. */
  private static List<Phrase> aliases(Aliases declared) {
    List<Phrase> out = new ArrayList<>();
    for (String alias : declared.en()) {
      out.add(Phrase.alias(alias));
    }
    for (String alias : declared.pl()) {
      out.add(Phrase.alias(alias));
    }
    return List.copyOf(out);
  }

  /** The evaluation these names were folded from. */
  Evaluation evaluation() {
    return evaluation;
  }

  /** Every check, in checklist order. */
  List<CheckName> checks() {
    return checks;
  }

  /** Every group in checklist order, the production group last. */
  List<GroupName> groups() {
    return groups;
  }

  List<ActorName> actors() {
    return actors;
  }

  List<ProviderName> providers() {
    return providers;
  }

  /** The pipelines the scenario runs, in run order. */
  List<PipelineName> pipelines() {
    return pipelines;
  }
}

package io.bfg.console.copilot;

import io.bfg.console.eval.Evaluation;
import io.bfg.console.eval.Evaluation.CheckView;
import io.bfg.console.eval.Evaluation.GroupView;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names of one evaluation folded for matching ({@link ReadinessFacts#fold}): labels, ids, roles.
 * An evaluation never changes, so they are folded once for it and shared by every question asked
 * while it is current; folding every label of the evaluation for every question was most of the
 * cost of answering one (see README, Benchmarks).
 */
final class FoldedNames {

  /** A check with its folded label and the distinctive words of its id and label, in order (repeats kept). */
  record CheckName(CheckView check, String label, boolean multiWord, List<String> words) {
  }

  /** A group (the production group last) with its folded label and id. */
  record GroupName(GroupView group, String label, String id) {
  }

  /** An actor with its folded name, first name and role; the role and role key also as a word (padded with spaces). */
  record ActorName(Evaluation.ActorView actor, String name, String first, String role, String paddedRole,
                   String paddedRoleKey) {
  }

  /** A provider with its folded label and id. */
  record ProviderName(Evaluation.ProviderView provider, String label, String id) {
  }

  /** Words too common in labels to pick one check out. */
  private static final Set<String> GENERIC = Set.of("production", "produkcji", "adapter",
      "adaptera", "check", "checks", "gate", "gates", "ready", "gotowy", "evidence", "owner", "ownera", "owners",
      "decision", "decyzja", "status", "local", "live", "with", "from", "that", "this", "jest", "oraz", "dla",
      "contract", "kontrakt", "blocker", "blocked", "next", "what", "does", "mean", "connection", "dry run", "run",
      "data", "demo", "packet", "pakiet", "owner's", "accepted", "rehearsal", "cutover", "migration", "migracji",
      "scenario", "snapshot", "store", "auth", "provider", "providers", "dostawcy", "release", "rollback",
      "infrastructure", "preflight", "runbook", "selection", "session", "wiring", "board", "tasks", "task");

  private final Evaluation evaluation;
  private final List<CheckName> checks = new ArrayList<>();
  private final List<GroupName> groups = new ArrayList<>();
  private final List<ActorName> actors = new ArrayList<>();
  private final List<ProviderName> providers = new ArrayList<>();

  FoldedNames(Evaluation evaluation) {
    this.evaluation = evaluation;
    for (GroupView group : evaluation.groups()) {
      for (CheckView check : group.checks()) {
        String label = ReadinessFacts.fold(check.label());
        String suffix = check.id().substring(check.id().indexOf('.') + 1).replace('-', ' ').toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String word : (suffix + " " + label).split(" ")) {
          if (word.length() >= 4 && !GENERIC.contains(word)) {
            words.add(word);
          }
        }
        checks.add(new CheckName(check, label, label.contains(" "), List.copyOf(words)));
      }
    }
    List<GroupView> all = new ArrayList<>(evaluation.groups());
    all.add(evaluation.production());
    for (GroupView group : all) {
      groups.add(new GroupName(group, ReadinessFacts.fold(group.label()),
          ReadinessFacts.fold(group.id().replace('-', ' '))));
    }
    for (Evaluation.ActorView actor : evaluation.actors()) {
      String name = ReadinessFacts.fold(actor.name());
      String role = ReadinessFacts.fold(actor.role());
      actors.add(new ActorName(actor, name, name.split(" ")[0], role, " " + role + " ",
          " " + actor.roleKey().replace('_', ' ') + " "));
    }
    for (Evaluation.ProviderView provider : evaluation.providers()) {
      providers.add(new ProviderName(provider, ReadinessFacts.fold(provider.label()),
          ReadinessFacts.fold(provider.id().replace('-', ' '))));
    }
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
}

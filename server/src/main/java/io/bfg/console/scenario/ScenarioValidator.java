package io.bfg.console.scenario;

import io.bfg.console.command.ActorActions;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.model.Actor;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.CheckKind;
import io.bfg.console.model.DatabaseNames;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.Environment;
import io.bfg.console.model.Facts;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Label;
import io.bfg.console.model.PacketBinding;
import io.bfg.console.model.Permissions;
import io.bfg.console.model.PipelineBinding;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.Provider;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SectionDef;
import io.bfg.console.model.Template;
import io.bfg.console.model.PacketIds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a scenario must keep to be evaluated: unique ids, known references, no dependency
 * cycles, owners that are actors, well-formed kinds, facts, templates and tokens. Every problem is
 * reported with its path.
 */
final class ScenarioValidator {

  private static final Pattern TOKEN = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern SQL_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Scenario scenario;
  private final YamlReader r;
  /** Check and group ids (one namespace, since either may be depended on) with their paths. */
  private final Map<String, String> nodePaths = new LinkedHashMap<>();
  private final Map<String, List<String>> edges = new HashMap<>();
  private final Set<String> actorIds = new HashSet<>();

  private final String file;
  private final List<ScenarioException.Problem> warnings;

  private ScenarioValidator(Scenario scenario, String file, List<ScenarioException.Problem> problems,
                            List<ScenarioException.Problem> warnings) {
    this.scenario = scenario;
    this.r = new YamlReader(file, problems);
    this.file = file;
    this.warnings = warnings;
  }

  /** Problems make the scenario unusable; warnings are kept to in {@code warnings} and it still loads. */
  static void validate(Scenario scenario, String file, List<ScenarioException.Problem> problems,
                       List<ScenarioException.Problem> warnings) {
    new ScenarioValidator(scenario, file, problems, warnings).run();
  }

  private void run() {
    uniqueIds();
    owners();
    identities();
    List<GroupDef> groups = scenario.groups();
    if (groups.stream().noneMatch(GroupDef::gate)) {
      r.problem("groups", "no group is marked gate: true; the blocker checklist would be empty");
    }
    for (int g = 0; g < groups.size(); g++) {
      GroupDef group = groups.get(g);
      String path = YamlReader.at("groups", g);
      groupRules(group, path);
      for (int c = 0; c < group.checks().size(); c++) {
        checkRules(group.checks().get(c), YamlReader.at(YamlReader.at(path, "checks"), c));
      }
    }
    groupRules(scenario.production(), "production");
    cycles();
    sections();
    templates();
    pipelineBindings();
    packetBindings();
    databaseNames();
    Set<String> environments = new HashSet<>();
    scenario.environments().forEach(e -> environments.add(e.id()));
    if (!environments.contains(scenario.target().environment())) {
      r.problem("target.environment", "unknown environment '" + scenario.target().environment() + "'");
    }
  }

  private void uniqueIds() {
    unique("actors", scenario.actors().stream().map(Actor::id).toList());
    unique("providers", scenario.providers().stream().map(Provider::id).toList());
    unique("environments", scenario.environments().stream().map(Environment::id).toList());
    unique("sections", scenario.sections().stream().map(SectionDef::id).toList());
    actorIds.addAll(scenario.actors().stream().map(Actor::id).toList());
    for (int g = 0; g < scenario.groups().size(); g++) {
      GroupDef group = scenario.groups().get(g);
      String path = YamlReader.at("groups", g);
      boolean groupIsNew = node(group.id(), YamlReader.at(path, "id"));
      List<String> out = new ArrayList<>(group.dependsOn());
      for (int c = 0; c < group.checks().size(); c++) {
        CheckDef check = group.checks().get(c);
        out.add(check.id());
        if (node(check.id(), YamlReader.at(YamlReader.at(YamlReader.at(path, "checks"), c), "id"))) {
          List<String> checkOut = new ArrayList<>(check.dependsOn());
          checkOut.addAll(check.from());
          checkOut.addAll(scenario.impliedDependsOn(check));
          edges.put(check.id(), checkOut);
        }
      }
      if (groupIsNew) {
        edges.put(group.id(), out);
      }
    }
    if (node(scenario.production().id(), "production.id")) {
      edges.put(scenario.production().id(), scenario.production().dependsOn());
    }
  }

  private void unique(String path, List<String> ids) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!seen.add(ids.get(i))) {
        r.problem(YamlReader.at(YamlReader.at(path, i), "id"), "duplicate id '" + ids.get(i) + "'");
      }
    }
  }

  /** Registers a check or group id; false for a duplicate, whose edges must not replace the first one's. */
  private boolean node(String id, String path) {
    if (nodePaths.containsKey(id)) {
      r.problem(path, "duplicate id '" + id + "' (already used at " + nodePaths.get(id) + ")");
      return false;
    }
    nodePaths.put(id, path);
    return true;
  }

  /** An identity names one actor only: a token must never be two people. */
  private void identities() {
    Map<String, String> owner = new HashMap<>();
    for (int a = 0; a < scenario.actors().size(); a++) {
      Actor actor = scenario.actors().get(a);
      for (int i = 0; i < actor.identities().size(); i++) {
        String identity = actor.identities().get(i);
        String path = YamlReader.at(YamlReader.at(YamlReader.at("actors", a), "identities"), i);
        String other = owner.putIfAbsent(identity, actor.id());
        if (identity.isBlank()) {
          r.problem(path, "an identity must not be blank");
        } else if (other != null && !other.equals(actor.id())) {
          r.problem(path, "identity '" + identity + "' already names actor '" + other + "'");
        } else if (actorIds.contains(identity) && !identity.equals(actor.id())) {
          r.problem(path, "identity '" + identity + "' is another actor's id");
        }
      }
    }
  }

  private void owners() {
    for (int i = 0; i < scenario.providers().size(); i++) {
      owner(scenario.providers().get(i).owner(), YamlReader.at(YamlReader.at("providers", i), "owner"));
    }
    owner(scenario.target().rollbackOwner(), "target.rollbackOwner");
  }

  /**
   * Only a check's owner may sign it off or record it (CommandRules), so an owner without that
   * permission leaves it unmovable: nobody can ever make it ready. A warning, not a problem: the
   * scenario still loads (it may be on purpose, to show a blocked sign-off). A pipeline step is run by
   * anyone with pipelines.run, so its owner needs no permission.
   */
  private void ownerMayMove(CheckDef check, String path) {
    String permission = ActorActions.ownerPermission(check);
    Actor owner = scenario.actor(check.owner());
    if (permission != null && owner != null && !owner.can(permission)) {
      warnings.add(new ScenarioException.Problem(file, YamlReader.at(path, "owner"), "check " + check.id()
          + " is owned by " + owner.id() + ", who lacks " + permission + "; only its owner may "
          + (permission.equals(Permissions.RECORD_DECISIONS) ? "record it" : "sign it off")
          + ", so nobody can"));
    }
  }

  private void owner(String actor, String path) {
    if (actor != null && !actorIds.contains(actor)) {
      r.problem(path, "owner '" + actor + "' is not an actor of this scenario" + Suggestion.didYouMean(actor, actorIds));
    }
  }

  private void groupRules(GroupDef group, String path) {
    owner(group.owner(), YamlReader.at(path, "owner"));
    token(group.token(), YamlReader.at(path, "token"));
    if (group.blockedToken() != null) {
      token(group.blockedToken(), YamlReader.at(path, "blockedToken"));
    }
    references(group.dependsOn(), YamlReader.at(path, "dependsOn"));
  }

  private void token(String token, String path) {
    if (token != null && !TOKEN.matcher(token).matches()) {
      r.problem(path, "'" + token + "' must be UPPER_SNAKE_CASE (it becomes part of a decision code)");
    }
  }

  private void references(List<String> ids, String path) {
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (!nodePaths.containsKey(id)) {
        r.problem(YamlReader.at(path, i), "unknown id '" + id + "' (not a check or group of this scenario)"
            + Suggestion.didYouMean(id, nodePaths.keySet()));
      } else if (id.equals(scenario.production().id())) {
        r.problem(YamlReader.at(path, i), "nothing may depend on the production decision itself");
      }
    }
  }

  private void checkRules(CheckDef check, String path) {
    owner(check.owner(), YamlReader.at(path, "owner"));
    ownerMayMove(check, path);
    references(check.dependsOn(), YamlReader.at(path, "dependsOn"));
    references(check.from(), YamlReader.at(path, "from"));
    if (check.show() != null && !nodePaths.containsKey(check.show()) && !Evaluator.BUILTINS.contains(check.show())) {
      r.problem(YamlReader.at(path, "show"), "unknown id '" + check.show() + "'");
    }
    CheckKind kind = check.kind();
    boolean pipelineFields = check.pipeline() != null || check.step() != null;
    if (kind != CheckKind.PIPELINE && pipelineFields) {
      r.problem(path, "only a pipeline check names a pipeline and step");
    }
    if (kind != CheckKind.DERIVED && (check.fact() != null || !check.from().isEmpty())) {
      r.problem(path, "only a derived check has 'from' or 'fact'");
    }
    if (kind != CheckKind.DECISION && !check.options().isEmpty()) {
      r.problem(YamlReader.at(path, "options"), "only a decision check has options");
    }
    switch (kind) {
      case PIPELINE -> {
        List<String> steps = check.pipeline() == null ? null : Pipelines.STEPS.get(check.pipeline());
        if (steps == null) {
          r.problem(YamlReader.at(path, "pipeline"), "must be one of " + Pipelines.STEPS.keySet().stream().sorted().toList());
        } else if (check.step() == null || !steps.contains(check.step())) {
          r.problem(YamlReader.at(path, "step"), "must be one of " + steps);
        } else if (scenario.pipeline(check.pipeline()) == null) {
          r.problem(YamlReader.at(path, "pipeline"), "the " + check.pipeline() + " pipeline is not declared under "
              + "pipelines; add {id: " + check.pipeline() + ", proves: <this check's group>}");
        }
      }
      case DERIVED -> {
        if (check.fact() == null && check.from().isEmpty() && check.dependsOn().isEmpty()) {
          r.problem(path, "a derived check needs 'from', 'fact' or 'dependsOn' to be derived from");
        }
        if (check.fact() != null) {
          fact(check.fact(), YamlReader.at(path, "fact"));
        }
      }
      case DECISION -> {
        if (check.options().size() < 2) {
          r.problem(YamlReader.at(path, "options"), "a decision needs at least two options to choose from");
        }
        Set<String> values = new HashSet<>();
        for (int i = 0; i < check.options().size(); i++) {
          if (!values.add(check.options().get(i).value())) {
            r.problem(YamlReader.at(YamlReader.at(YamlReader.at(path, "options"), i), "value"), "duplicate option value");
          }
        }
      }
      case OWNER_ACCEPTANCE -> {
      }
    }
  }

  private void fact(String fact, String path) {
    if (!Facts.isWellFormed(fact)) {
      r.problem(path, "unknown fact '" + fact + "' (known: " + Facts.KNOWN + ")"
          + Suggestion.didYouMean(Facts.name(fact), Facts.KNOWN));
      return;
    }
    String argument = Facts.argument(fact);
    if (Facts.name(fact).equals(Facts.PROVIDER_CONTRACT)
        && scenario.providers().stream().noneMatch(p -> p.id().equals(argument))) {
      r.problem(path, "unknown provider '" + argument + "'");
    }
    if (Facts.name(fact).equals(Facts.BATCH_ROWS)
        && scenario.dataModel().batches().stream().map(DataModel.BatchGroup::id).noneMatch(argument::equals)) {
      r.problem(path, "unknown batch group '" + argument + "'");
    }
  }

  /** Reports each cycle once, as the chain of ids that closes it. */
  private void cycles() {
    Map<String, Integer> state = new HashMap<>();
    for (String id : nodePaths.keySet()) {
      walk(id, state, new ArrayList<>());
    }
  }

  private void walk(String id, Map<String, Integer> state, List<String> trail) {
    Integer seen = state.get(id);
    if (seen != null && seen == 2) {
      return;
    }
    if (seen != null && seen == 1) {
      List<String> cycle = new ArrayList<>(trail.subList(trail.indexOf(id), trail.size()));
      cycle.add(id);
      r.problem(nodePaths.get(id), "dependency cycle: " + String.join(" -> ", cycle));
      return;
    }
    state.put(id, 1);
    trail.add(id);
    for (String next : edges.getOrDefault(id, List.of())) {
      if (nodePaths.containsKey(next)) {
        walk(next, state, trail);
      }
    }
    trail.remove(trail.size() - 1);
    state.put(id, 2);
  }

  private void sections() {
    for (int s = 0; s < scenario.sections().size(); s++) {
      SectionDef section = scenario.sections().get(s);
      String path = YamlReader.at("sections", s);
      for (int i = 0; i < section.groups().size(); i++) {
        String id = section.groups().get(i);
        if (!nodePaths.containsKey(id) || scenario.groups().stream().noneMatch(g -> g.id().equals(id))) {
          r.problem(YamlReader.at(YamlReader.at(path, "groups"), i), "unknown group '" + id + "'" + groupHint(id));
        }
      }
      for (int i = 0; i < section.packets().size(); i++) {
        String packet = section.packets().get(i);
        if (scenario.packet(packet) == null) {
          r.problem(YamlReader.at(YamlReader.at(path, "packets"), i), "packet '" + packet + "' is not declared under "
              + "packets (declared: " + scenario.packets().stream().map(PacketBinding::id).toList() + ")");
        }
      }
      for (int i = 0; i < section.cards().size(); i++) {
        String show = section.cards().get(i).show();
        if (show != null && !nodePaths.containsKey(show) && !Evaluator.BUILTINS.contains(show)) {
          r.problem(YamlReader.at(YamlReader.at(YamlReader.at(path, "cards"), i), "show"), "unknown id '" + show + "'");
        }
      }
    }
  }

  /**
   * Each declared pipeline is one the console runs and proves an existing group with at least one of
   * its pipeline checks (its section, packet and gating follow that group); within that group a step
   * proves one check at most. Checks elsewhere may rest on the pipeline's steps too.
   */
  private void pipelineBindings() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < scenario.pipelines().size(); i++) {
      PipelineBinding binding = scenario.pipelines().get(i);
      String path = YamlReader.at("pipelines", i);
      List<String> steps = binding.id() == null ? null : Pipelines.STEPS.get(binding.id());
      if (steps == null) {
        r.problem(YamlReader.at(path, "id"), "unknown pipeline '" + binding.id() + "' (the console runs "
            + Pipelines.STEPS.keySet().stream().sorted().toList() + ")");
        continue;
      }
      if (!seen.add(binding.id())) {
        r.problem(YamlReader.at(path, "id"), "the " + binding.id() + " pipeline is declared twice");
        continue;
      }
      GroupDef group = group(binding.proves());
      if (group == null) {
        r.problem(YamlReader.at(path, "proves"), "unknown group '" + binding.proves() + "'" + groupHint(binding.proves()));
        continue;
      }
      // a scenario may leave steps unproven (they still run), but a step proves one check at most
      int proven = 0;
      for (String step : steps) {
        long proving = group.checks().stream().filter(c -> c.kind() == CheckKind.PIPELINE
            && binding.id().equals(c.pipeline()) && step.equals(c.step())).count();
        proven += proving > 0 ? 1 : 0;
        if (proving > 1) {
          r.problem(YamlReader.at(path, "proves"), "group '" + group.id() + "' has " + proving + " checks proving the "
              + binding.id() + " step " + step + "; a step proves one check");
        }
      }
      if (proven == 0) {
        r.problem(YamlReader.at(path, "proves"), "group '" + group.id() + "' has no check of kind pipeline with "
            + "pipeline: " + binding.id() + " (its steps: " + steps + ")");
      }
    }
  }

  /**
   * Each declared packet is one the console renders and reports on an existing group; an env packet
   * lists its variables, whose values are templates; the run-evidence packets report on the group
   * their pipeline proves.
   */
  private void packetBindings() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < scenario.packets().size(); i++) {
      PacketBinding binding = scenario.packets().get(i);
      String path = YamlReader.at("packets", i);
      if (!PacketIds.ALL.contains(binding.id())) {
        r.problem(YamlReader.at(path, "id"), "unknown packet '" + binding.id() + "' (the console renders "
            + PacketIds.ALL + ")");
        continue;
      }
      if (!seen.add(binding.id())) {
        r.problem(YamlReader.at(path, "id"), "packet '" + binding.id() + "' is declared twice");
        continue;
      }
      if (group(binding.reportsOn()) == null) {
        r.problem(YamlReader.at(path, "reportsOn"), "unknown group '" + binding.reportsOn() + "'"
            + groupHint(binding.reportsOn()));
      }
      boolean envPacket = PacketIds.ENV_PACKETS.contains(binding.id());
      if (envPacket && binding.env().isEmpty()) {
        r.problem(YamlReader.at(path, "env"), "an env packet lists its variables, e.g. "
            + "[{name: APP_RELEASE_DECISION, value: \"{" + binding.reportsOn() + ".decision}\"}]");
      }
      if (!envPacket && !binding.env().isEmpty()) {
        r.problem(YamlReader.at(path, "env"), "only " + PacketIds.ENV_PACKETS + " print env variables");
      }
      Set<String> names = new HashSet<>();
      for (int v = 0; v < binding.env().size(); v++) {
        PacketBinding.EnvVar variable = binding.env().get(v);
        String varPath = YamlReader.at(YamlReader.at(path, "env"), v);
        if (variable.name() != null && !ENV_NAME.matcher(variable.name()).matches()) {
          r.problem(YamlReader.at(varPath, "name"), "'" + variable.name() + "' is not an env variable name "
              + "(upper-case letters, digits and _, starting with a letter)");
        } else if (variable.name() != null && !names.add(variable.name())) {
          r.problem(YamlReader.at(varPath, "name"), "variable " + variable.name() + " is listed twice");
        }
        template(variable.value(), YamlReader.at(varPath, "value"));
      }
      boolean batchesNeeded = PacketIds.DATA_CUTOVER_PLAN.equals(binding.id());
      if (binding.batches() != null && !batchesNeeded) {
        r.problem(YamlReader.at(path, "batches"), "only " + PacketIds.DATA_CUTOVER_PLAN + " lists batch groups");
      } else if (binding.batches() != null && group(binding.batches()) == null) {
        r.problem(YamlReader.at(path, "batches"), "unknown group '" + binding.batches() + "'"
            + groupHint(binding.batches()));
      }
      String pipeline = PacketIds.PIPELINE_OF.get(binding.id());
      if (pipeline != null) {
        PipelineBinding run = scenario.pipeline(pipeline);
        if (run == null) {
          r.problem(YamlReader.at(path, "id"), binding.id() + " shows " + pipeline + " runs, but the " + pipeline
              + " pipeline is not declared under pipelines");
        } else if (!run.proves().equals(binding.reportsOn())) {
          r.problem(YamlReader.at(path, "reportsOn"), binding.id() + " reports on the group the " + pipeline
              + " pipeline proves ('" + run.proves() + "'), not '" + binding.reportsOn() + "'");
        }
      }
    }
    for (int g = 0; g < scenario.groups().size(); g++) {
      for (int c = 0; c < scenario.groups().get(g).checks().size(); c++) {
        CheckDef check = scenario.groups().get(g).checks().get(c);
        if (Facts.RELEASE_ENV.equals(check.fact()) && scenario.packet(PacketIds.RELEASE_HANDOFF) == null) {
          r.problem(YamlReader.at(YamlReader.at(YamlReader.at(YamlReader.at("groups", g), "checks"), c), "fact"),
              "fact release-env needs the " + PacketIds.RELEASE_HANDOFF + " packet declared under packets");
        }
      }
    }
  }

  private void databaseNames() {
    DatabaseNames names = scenario.database();
    if (names == null) {
      return;
    }
    for (String[] field : new String[][] {{"name", names.database()}, {"appRole", names.appRole()},
        {"runtimeRole", names.runtimeRole()}}) {
      if (!SQL_NAME.matcher(field[1]).matches()) {
        r.problem("database." + field[0], "'" + field[1] + "' is not a plain lower-case PostgreSQL name "
            + "(a-z, 0-9 and _, starting with a letter or _, at most 63 characters)");
      }
    }
    if (names.appRole().equals(names.runtimeRole())) {
      r.problem("database.runtimeRole", "must differ from appRole: isolation is proven under a role that owns nothing");
    }
  }

  private String groupHint(String id) {
    return Suggestion.didYouMean(id, scenario.groups().stream().map(GroupDef::id).toList());
  }

  private GroupDef group(String id) {
    for (GroupDef group : scenario.groups()) {
      if (group.id().equals(id)) {
        return group;
      }
    }
    return null;
  }

  /** Every placeholder in every label must parse and name a check, a group or a builtin. */
  private void templates() {
    for (int g = 0; g <= scenario.groups().size(); g++) {
      boolean production = g == scenario.groups().size();
      GroupDef group = production ? scenario.production() : scenario.groups().get(g);
      String path = production ? "production" : YamlReader.at("groups", g);
      template(group.label(), YamlReader.at(path, "label"));
      template(group.title(), YamlReader.at(path, "title"));
      template(group.description(), YamlReader.at(path, "description"));
      template(group.action(), YamlReader.at(path, "action"));
      template(group.reason(), YamlReader.at(path, "reason"));
      for (int c = 0; c < group.checks().size(); c++) {
        CheckDef check = group.checks().get(c);
        String checkPath = YamlReader.at(YamlReader.at(path, "checks"), c);
        template(check.label(), YamlReader.at(checkPath, "label"));
        template(check.description(), YamlReader.at(checkPath, "description"));
        template(check.value(), YamlReader.at(checkPath, "value"));
        template(check.action(), YamlReader.at(checkPath, "action"));
      }
    }
    for (int s = 0; s < scenario.sections().size(); s++) {
      SectionDef section = scenario.sections().get(s);
      String path = YamlReader.at("sections", s);
      template(section.eyebrow(), YamlReader.at(path, "eyebrow"));
      template(section.title(), YamlReader.at(path, "title"));
      template(section.description(), YamlReader.at(path, "description"));
      template(section.badge(), YamlReader.at(path, "badge"));
      for (int c = 0; c < section.cards().size(); c++) {
        SectionDef.CardDef card = section.cards().get(c);
        String cardPath = YamlReader.at(YamlReader.at(path, "cards"), c);
        template(card.label(), YamlReader.at(cardPath, "label"));
        template(card.value(), YamlReader.at(cardPath, "value"));
        template(card.description(), YamlReader.at(cardPath, "description"));
        template(card.subtitle(), YamlReader.at(cardPath, "subtitle"));
        template(card.evidence(), YamlReader.at(cardPath, "evidence"));
        template(card.badge(), YamlReader.at(cardPath, "badge"));
        for (int l = 0; l < card.lines().size(); l++) {
          SectionDef.Line line = card.lines().get(l);
          String linePath = YamlReader.at(YamlReader.at(cardPath, "lines"), l);
          template(line.label(), YamlReader.at(linePath, "label"));
          template(line.value(), YamlReader.at(linePath, "value"));
          template(line.otherwise(), YamlReader.at(linePath, "otherwise"));
        }
      }
    }
    for (int p = 0; p < scenario.providers().size(); p++) {
      template(scenario.providers().get(p).description(), YamlReader.at(YamlReader.at("providers", p), "description"));
    }
    for (int e = 0; e < scenario.environments().size(); e++) {
      template(scenario.environments().get(e).description(),
          YamlReader.at(YamlReader.at("environments", e), "description"));
    }
  }

  private void template(Label label, String path) {
    if (label == null) {
      return;
    }
    template(label.en(), YamlReader.at(path, "en"));
    template(label.pl(), YamlReader.at(path, "pl"));
  }

  private void template(String text, String path) {
    if (!Template.hasPlaceholders(text)) {
      return;
    }
    try {
      for (Template.Part part : Template.parse(text).parts()) {
        if (part.literal()) {
          continue;
        }
        String ref = part.ref();
        // a field applies to checks and groups; on a builtin the whole dotted name must be a builtin
        boolean known = nodePaths.containsKey(ref) || (part.field() == null
            ? Evaluator.BUILTINS.contains(ref) : Evaluator.BUILTINS.contains(ref + "." + part.field()));
        if (!known) {
          r.problem(path, "placeholder {" + ref + (part.field() == null ? "" : "." + part.field())
              + "} names no check, group or builtin");
        }
      }
    } catch (IllegalArgumentException e) {
      r.problem(path, e.getMessage());
    }
  }
}

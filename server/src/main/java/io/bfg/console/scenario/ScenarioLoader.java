package io.bfg.console.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.bfg.console.model.Actor;
import io.bfg.console.model.Branding;
import io.bfg.console.model.DatabaseNames;
import io.bfg.console.model.PacketBinding;
import io.bfg.console.model.PipelineBinding;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.CheckKind;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.Environment;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Label;
import io.bfg.console.model.Provider;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SectionDef;
import io.bfg.console.model.SnapshotSummary;
import io.bfg.console.model.Target;
import io.bfg.console.model.Tenant;
import io.bfg.console.snapshot.Snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Loads a scenario folder ({@code scenario.yaml}, {@code data-model.yaml}, {@code sample-data.json})
 * into an immutable, validated {@link Scenario}, or throws a {@link ScenarioException} listing every
 * problem with its file and path. Blocking file I/O: call it before the event loops start or from
 * a worker.
 */
public final class ScenarioLoader {

  public static final String SCENARIO_FILE = "scenario.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ScenarioLoader() {
  }

  /**
   * A loaded scenario, the full snapshot payload its summary was computed from, and the warnings its
   * validation found (it loads with them; {@code validate} prints them and start-up logs them).
   */
  public record Loaded(Scenario scenario, Snapshot snapshot, List<ScenarioException.Problem> warnings) {
    public Loaded {
      warnings = List.copyOf(warnings);
    }
  }

  public static Loaded load(Path folder) {
    Path file = folder.resolve(SCENARIO_FILE);
    List<ScenarioException.Problem> problems = new ArrayList<>();
    JsonNode root = parse(file, problems);
    if (root == null) {
      throw new ScenarioException(problems);
    }
    Snapshot[] snapshot = new Snapshot[1];
    Scenario scenario = read(root, file.toString(), folder, problems, snapshot);
    List<ScenarioException.Problem> warnings = new ArrayList<>();
    if (scenario != null) {
      ScenarioValidator.validate(scenario, file.toString(), problems, warnings);
    }
    if (!problems.isEmpty() || scenario == null) {
      throw new ScenarioException(problems);
    }
    return new Loaded(scenario, snapshot[0], warnings);
  }

  static JsonNode parse(Path file, List<ScenarioException.Problem> problems) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      String alias = firstAlias(bytes);
      if (alias != null) {
        problems.add(new ScenarioException.Problem(file.toString(), alias.substring(0, alias.indexOf('|')),
            "YAML aliases (" + alias.substring(alias.indexOf('|') + 1) + ") are not supported: the value would be "
                + "read as the alias's name; write it out in full"));
        return null;
      }
      JsonNode root = YAML.readTree(bytes);
      if (root == null || !root.isObject()) {
        problems.add(new ScenarioException.Problem(file.toString(), "", "must be a YAML mapping"));
        return null;
      }
      return root;
    } catch (NoSuchFileException e) {
      problems.add(new ScenarioException.Problem(file.toString(), "", "file not found"));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      problems.add(new ScenarioException.Problem(file.toString(), where, "not valid YAML: " + e.getOriginalMessage()));
    } catch (IOException e) {
      problems.add(new ScenarioException.Problem(file.toString(), "", "cannot be read: " + e.getMessage()));
    }
    return null;
  }

  /**
   * "line L, column C|*name" of the first alias, or null. Jackson's tree reader does not expand
   * aliases (it reads {@code *name} as the string "name"), so one must never pass silently.
   */
  private static String firstAlias(byte[] bytes) throws IOException {
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(bytes)) {
      while (parser.nextToken() != null) {
        if (parser.isCurrentAlias()) {
          var at = parser.currentTokenLocation();
          return "line " + at.getLineNr() + ", column " + at.getColumnNr() + "|*" + parser.getText();
        }
      }
    }
    return null;
  }

  /** Builds the records; structural problems are recorded, and null returned only if nothing usable remains. */
  private static Scenario read(JsonNode root, String file, Path folder, List<ScenarioException.Problem> problems,
                               Snapshot[] snapshotOut) {
    YamlReader r = new YamlReader(file, problems);
    r.onlyKeys(root, "", Set.of("schema", "id", "title", "subtitle", "tenant", "target", "actors", "providers",
        "environments", "groups", "production", "sections", "branding", "pipelines", "packets", "database"));
    String schema = r.text(root, "", "schema");
    if (schema != null && !schema.equals("IntegrationScenario.v1")) {
      r.problem("schema", "unsupported schema '" + schema + "' (this console reads IntegrationScenario.v1)");
    }
    String id = r.text(root, "", "id");
    Label title = r.label(root, "", "title");
    Label subtitle = r.optionalLabel(root, "", "subtitle");

    Tenant tenant = null;
    JsonNode tenantNode = root.get("tenant");
    if (r.isObject(tenantNode, "tenant")) {
      r.onlyKeys(tenantNode, "tenant", Set.of("id", "name", "mode", "session"));
      tenant = new Tenant(r.text(tenantNode, "tenant", "id"), r.text(tenantNode, "tenant", "name"),
          r.text(tenantNode, "tenant", "mode"), r.text(tenantNode, "tenant", "session"));
    }
    Target target = null;
    JsonNode targetNode = root.get("target");
    if (r.isObject(targetNode, "target")) {
      r.onlyKeys(targetNode, "target", Set.of("adapter", "contract", "environment", "rollbackAdapter", "rollbackOwner"));
      target = new Target(r.text(targetNode, "target", "adapter"), r.text(targetNode, "target", "contract"),
          r.text(targetNode, "target", "environment"), r.text(targetNode, "target", "rollbackAdapter"),
          r.text(targetNode, "target", "rollbackOwner"));
    }

    List<Actor> actors = new ArrayList<>();
    List<JsonNode> actorNodes = r.list(root, "", "actors", true);
    for (int i = 0; i < actorNodes.size(); i++) {
      String path = YamlReader.at("actors", i);
      JsonNode n = actorNodes.get(i);
      if (!r.isObject(n, path)) {
        continue;
      }
      r.onlyKeys(n, path, Set.of("id", "name", "roleKey", "role", "orgUnit", "permissions", "aliases", "identities"));
      List<String> permissions = r.strings(n, path, "permissions");
      if (permissions.isEmpty()) {
        r.problem(YamlReader.at(path, "permissions"), "an actor needs at least one permission");
      }
      actors.add(new Actor(r.text(n, path, "id"), r.text(n, path, "name"), r.text(n, path, "roleKey"),
          r.label(n, path, "role"), r.text(n, path, "orgUnit"), permissions, r.aliases(n, path),
          r.strings(n, path, "identities")));
    }

    List<Provider> providers = new ArrayList<>();
    List<JsonNode> providerNodes = r.list(root, "", "providers", true);
    for (int i = 0; i < providerNodes.size(); i++) {
      String path = YamlReader.at("providers", i);
      JsonNode n = providerNodes.get(i);
      if (!r.isObject(n, path)) {
        continue;
      }
      r.onlyKeys(n, path, Set.of("id", "label", "description", "current", "target", "contract", "owner", "aliases"));
      providers.add(new Provider(r.text(n, path, "id"), r.label(n, path, "label"), r.label(n, path, "description"),
          r.text(n, path, "current"), r.text(n, path, "target"), r.text(n, path, "contract"),
          r.text(n, path, "owner"), r.aliases(n, path)));
    }

    List<Environment> environments = new ArrayList<>();
    List<JsonNode> environmentNodes = r.list(root, "", "environments", true);
    for (int i = 0; i < environmentNodes.size(); i++) {
      String path = YamlReader.at("environments", i);
      JsonNode n = environmentNodes.get(i);
      if (!r.isObject(n, path)) {
        continue;
      }
      r.onlyKeys(n, path, Set.of("id", "label", "description", "adapter", "state"));
      environments.add(new Environment(r.text(n, path, "id"), r.label(n, path, "label"),
          r.label(n, path, "description"), r.text(n, path, "adapter"), r.text(n, path, "state")));
    }

    List<GroupDef> groups = new ArrayList<>();
    List<JsonNode> groupNodes = r.list(root, "", "groups", true);
    for (int i = 0; i < groupNodes.size(); i++) {
      GroupDef group = group(r, groupNodes.get(i), YamlReader.at("groups", i), false);
      if (group != null) {
        groups.add(group);
      }
    }
    GroupDef production = null;
    JsonNode productionNode = root.get("production");
    if (r.isObject(productionNode, "production")) {
      production = group(r, productionNode, "production", true);
    }

    List<SectionDef> sections = new ArrayList<>();
    List<JsonNode> sectionNodes = r.list(root, "", "sections", false);
    for (int i = 0; i < sectionNodes.size(); i++) {
      SectionDef section = section(r, sectionNodes.get(i), YamlReader.at("sections", i));
      if (section != null) {
        sections.add(section);
      }
    }

    Branding branding = branding(r, root, tenant);
    List<PipelineBinding> pipelines = pipelines(r, root);
    List<PacketBinding> packets = packets(r, root);
    DatabaseNames database = database(r, root);

    if (!problems.isEmpty()) {
      return null;
    }
    // tenants and users rows of the snapshot come from the actors, so the data loads after them
    ScenarioDataLoader.Data data = ScenarioDataLoader.load(folder, tenant, actors,
        branding, problems);
    if (data == null) {
      return null;
    }
    snapshotOut[0] = data.snapshot();
    return new Scenario(id, title, subtitle, tenant, target, List.copyOf(actors), List.copyOf(providers),
        List.copyOf(environments), List.copyOf(groups), production, List.copyOf(sections), data.dataModel(),
        data.summary(), branding, pipelines, packets, database);
  }

  /** Optional; the product name defaults to the tenant's, the snapshot names to neutral ones. */
  private static Branding branding(YamlReader r, JsonNode root, Tenant tenant) {
    JsonNode n = root.get("branding");
    Label fallback = tenant == null || tenant.name() == null ? null
        : new Label(tenant.name() + " operations centre", "Centrum operacyjne " + tenant.name());
    if (n == null || n.isNull()) {
      return new Branding(fallback, Branding.DEFAULT_SNAPSHOT_SCHEMA, Branding.DEFAULT_CHECKSUM_PREFIX);
    }
    if (!r.isObject(n, "branding")) {
      return null;
    }
    r.onlyKeys(n, "branding", Set.of("product", "snapshotSchema", "checksumPrefix"));
    Label product = r.optionalLabel(n, "branding", "product");
    String schema = r.optionalText(n, "branding", "snapshotSchema");
    String prefix = r.optionalText(n, "branding", "checksumPrefix");
    return new Branding(product == null ? fallback : product,
        schema == null ? Branding.DEFAULT_SNAPSHOT_SCHEMA : schema,
        prefix == null ? Branding.DEFAULT_CHECKSUM_PREFIX : prefix);
  }

  private static List<PipelineBinding> pipelines(YamlReader r, JsonNode root) {
    List<PipelineBinding> out = new ArrayList<>();
    List<JsonNode> nodes = r.list(root, "", "pipelines", false);
    for (int i = 0; i < nodes.size(); i++) {
      String path = YamlReader.at("pipelines", i);
      JsonNode n = nodes.get(i);
      if (!r.isObject(n, path)) {
        continue;
      }
      r.onlyKeys(n, path, Set.of("id", "proves"));
      out.add(new PipelineBinding(r.text(n, path, "id"), r.text(n, path, "proves")));
    }
    return List.copyOf(out);
  }

  private static List<PacketBinding> packets(YamlReader r, JsonNode root) {
    List<PacketBinding> out = new ArrayList<>();
    List<JsonNode> nodes = r.list(root, "", "packets", false);
    for (int i = 0; i < nodes.size(); i++) {
      String path = YamlReader.at("packets", i);
      JsonNode n = nodes.get(i);
      if (!r.isObject(n, path)) {
        continue;
      }
      r.onlyKeys(n, path, Set.of("id", "reportsOn", "batches", "env"));
      List<PacketBinding.EnvVar> env = new ArrayList<>();
      List<JsonNode> envNodes = r.list(n, path, "env", false);
      for (int v = 0; v < envNodes.size(); v++) {
        String envPath = YamlReader.at(YamlReader.at(path, "env"), v);
        JsonNode e = envNodes.get(v);
        if (!r.isObject(e, envPath)) {
          continue;
        }
        r.onlyKeys(e, envPath, Set.of("name", "value"));
        env.add(new PacketBinding.EnvVar(r.text(e, envPath, "name"), r.text(e, envPath, "value")));
      }
      out.add(new PacketBinding(r.text(n, path, "id"), r.text(n, path, "reportsOn"),
          r.optionalText(n, path, "batches"), env));
    }
    return List.copyOf(out);
  }

  private static DatabaseNames database(YamlReader r, JsonNode root) {
    JsonNode n = root.get("database");
    if (n == null || n.isNull()) {
      return DatabaseNames.DEFAULT;
    }
    if (!r.isObject(n, "database")) {
      return null;
    }
    r.onlyKeys(n, "database", Set.of("name", "appRole", "runtimeRole"));
    return new DatabaseNames(
        Objects.requireNonNullElse(r.optionalText(n, "database", "name"), DatabaseNames.DEFAULT.database()),
        Objects.requireNonNullElse(r.optionalText(n, "database", "appRole"), DatabaseNames.DEFAULT.appRole()),
        Objects.requireNonNullElse(r.optionalText(n, "database", "runtimeRole"), DatabaseNames.DEFAULT.runtimeRole()));
  }

  private static GroupDef group(YamlReader r, JsonNode n, String path, boolean production) {
    if (!r.isObject(n, path)) {
      return null;
    }
    r.onlyKeys(n, path, Set.of("id", "gate", "token", "owner", "label", "title", "description", "dependsOn",
        "readyCode", "blockedToken", "action", "reason", "checks", "aliases"));
    List<CheckDef> checks = new ArrayList<>();
    List<JsonNode> checkNodes = r.list(n, path, "checks", !production);
    if (production && !checkNodes.isEmpty()) {
      r.problem(YamlReader.at(path, "checks"), "the production decision has no checks of its own; list what it needs in dependsOn");
    }
    if (!production && checkNodes.isEmpty() && n.has("checks")) {
      r.problem(YamlReader.at(path, "checks"), "a group needs at least one check");
    }
    for (int i = 0; i < checkNodes.size(); i++) {
      CheckDef check = check(r, checkNodes.get(i), YamlReader.at(YamlReader.at(path, "checks"), i));
      if (check != null) {
        checks.add(check);
      }
    }
    return new GroupDef(r.text(n, path, "id"), r.flag(n, path, "gate"), r.text(n, path, "token"),
        r.optionalText(n, path, "owner"), r.label(n, path, "label"), r.optionalLabel(n, path, "title"),
        r.optionalLabel(n, path, "description"), r.strings(n, path, "dependsOn"), r.text(n, path, "readyCode"),
        r.optionalText(n, path, "blockedToken"), r.optionalLabel(n, path, "action"),
        r.optionalLabel(n, path, "reason"), List.copyOf(checks), r.aliases(n, path));
  }

  private static CheckDef check(YamlReader r, JsonNode n, String path) {
    if (!r.isObject(n, path)) {
      return null;
    }
    r.onlyKeys(n, path, Set.of("id", "kind", "owner", "label", "description", "value", "dependsOn", "from",
        "fact", "show", "pipeline", "step", "options", "action", "aliases"));
    String kindText = r.text(n, path, "kind");
    CheckKind kind = kindText == null ? null : CheckKind.parse(kindText).orElse(null);
    if (kindText != null && kind == null) {
      r.problem(YamlReader.at(path, "kind"), "unknown kind '" + kindText
          + "' (expected owner-acceptance, pipeline, derived or decision)");
    }
    List<CheckDef.DecisionOption> options = new ArrayList<>();
    List<JsonNode> optionNodes = r.list(n, path, "options", false);
    for (int i = 0; i < optionNodes.size(); i++) {
      String optionPath = YamlReader.at(YamlReader.at(path, "options"), i);
      JsonNode o = optionNodes.get(i);
      if (!r.isObject(o, optionPath)) {
        continue;
      }
      r.onlyKeys(o, optionPath, Set.of("value", "label"));
      options.add(new CheckDef.DecisionOption(r.text(o, optionPath, "value"), r.label(o, optionPath, "label")));
    }
    return new CheckDef(r.text(n, path, "id"), kind, r.text(n, path, "owner"), r.label(n, path, "label"),
        r.label(n, path, "description"), r.optionalLabel(n, path, "value"), r.strings(n, path, "dependsOn"),
        r.strings(n, path, "from"), r.optionalText(n, path, "fact"), r.optionalText(n, path, "show"),
        r.optionalText(n, path, "pipeline"), r.optionalText(n, path, "step"), List.copyOf(options),
        r.optionalLabel(n, path, "action"), r.aliases(n, path));
  }

  private static SectionDef section(YamlReader r, JsonNode n, String path) {
    if (!r.isObject(n, path)) {
      return null;
    }
    r.onlyKeys(n, path, Set.of("id", "kind", "eyebrow", "title", "description", "badge", "groups", "packets", "cards"));
    List<SectionDef.CardDef> cards = new ArrayList<>();
    List<JsonNode> cardNodes = r.list(n, path, "cards", false);
    for (int i = 0; i < cardNodes.size(); i++) {
      String cardPath = YamlReader.at(YamlReader.at(path, "cards"), i);
      JsonNode c = cardNodes.get(i);
      if (!r.isObject(c, cardPath)) {
        continue;
      }
      r.onlyKeys(c, cardPath, Set.of("id", "label", "value", "description", "show", "subtitle", "evidence", "badge",
          "lines"));
      List<SectionDef.Line> lines = new ArrayList<>();
      List<JsonNode> lineNodes = r.list(c, cardPath, "lines", false);
      for (int l = 0; l < lineNodes.size(); l++) {
        String linePath = YamlReader.at(YamlReader.at(cardPath, "lines"), l);
        JsonNode line = lineNodes.get(l);
        if (!r.isObject(line, linePath)) {
          continue;
        }
        r.onlyKeys(line, linePath, Set.of("label", "value", "otherwise"));
        lines.add(new SectionDef.Line(r.label(line, linePath, "label"), r.label(line, linePath, "value"),
            r.optionalLabel(line, linePath, "otherwise")));
      }
      cards.add(new SectionDef.CardDef(r.text(c, cardPath, "id"), r.label(c, cardPath, "label"),
          r.optionalLabel(c, cardPath, "value"), r.optionalLabel(c, cardPath, "description"),
          r.optionalText(c, cardPath, "show"), r.optionalLabel(c, cardPath, "subtitle"),
          r.optionalLabel(c, cardPath, "evidence"), r.optionalLabel(c, cardPath, "badge"), lines));
    }
    return new SectionDef(r.text(n, path, "id"), Objects.requireNonNullElse(r.optionalText(n, path, "kind"), "group"),
        r.optionalLabel(n, path, "eyebrow"), r.label(n, path, "title"), r.optionalLabel(n, path, "description"),
        r.optionalLabel(n, path, "badge"), r.strings(n, path, "groups"), r.strings(n, path, "packets"),
        List.copyOf(cards));
  }
}

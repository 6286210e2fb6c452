package io.bfg.console.copilot;

import io.bfg.console.eval.Evaluation;
import io.bfg.console.eval.Evaluation.CheckView;
import io.bfg.console.eval.Evaluation.GroupView;
import io.bfg.console.model.Actor;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.GroupDef;
import io.bfg.console.model.Lang;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;

import java.text.Normalizer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The copilot's read-only view of readiness: one evaluation (in one language), the state it was
 * computed from and the latest audit events, answered as plain maps the tools return as JSON.
 * Pure: nothing here can change state, so no question can either. Every answer carries the ids it
 * is about, which is what answers cite.
 */
public final class ReadinessFacts {

  private final Scenario scenario;
  private final Evaluation evaluation;
  private final SessionState state;
  private final List<AuditEvent> recent;
  private final FoldedNames names;
  /** Who asks the question these facts answer, when known: "my" and "I" in it mean this actor. */
  private final Actor asker;
  /** What production waits for, found once per evaluation read (see productionPath). */
  private Set<String> productionPath;

  /** Facts of an evaluation on its own. */
  public ReadinessFacts(Scenario scenario, Evaluation evaluation, SessionState state, List<AuditEvent> recent) {
    this(scenario, new FoldedNames(scenario, evaluation), state, recent);
  }

  /** With the evaluation's names already folded (the copilot folds them once per evaluation). */
  ReadinessFacts(Scenario scenario, FoldedNames names, SessionState state, List<AuditEvent> recent) {
    this(scenario, names, state, List.copyOf(recent), null);
  }

  private ReadinessFacts(Scenario scenario, FoldedNames names, SessionState state, List<AuditEvent> recent,
                         Actor asker) {
    this.scenario = scenario;
    this.evaluation = names.evaluation();
    this.state = state;
    this.recent = recent;
    this.names = names;
    this.asker = asker;
  }

  /** These facts as asked by the actor {@code actorId} (no one in particular when it names no actor). */
  ReadinessFacts askedBy(String actorId) {
    return new ReadinessFacts(scenario, names, state, recent, actorId == null ? null : scenario.actor(actorId));
  }

  /** The actor asking, or null. */
  Actor asker() {
    return asker;
  }

  Scenario scenario() {
    return scenario;
  }

  FoldedNames names() {
    return names;
  }

  public Evaluation evaluation() {
    return evaluation;
  }

  /** The headline and the nine gates. */
  public Map<String, Object> summary() {
    Evaluation.Summary s = evaluation.summary();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", production().id());
    out.put("decision", s.decision());
    out.put("go", s.go());
    out.put("gatesReady", s.gatesReady());
    out.put("gatesTotal", s.gatesTotal());
    out.put("percent", s.percent());
    out.put("traffic", s.traffic());
    out.put("target", s.target());
    // where the cutover goes: the adapter above, the store contract it serves and the environment it runs in
    if (scenario.target() != null) {
      out.put("targetContract", scenario.target().contract());
      out.put("targetEnvironment", scenario.target().environment());
    }
    // the target database the pipelines rehearse on, the role they log in as and the runtime role they SET ROLE to
    if (scenario.database() != null) {
      out.put("database", scenario.database().database());
      out.put("appRole", scenario.database().appRole());
      out.put("runtimeRole", scenario.database().runtimeRole());
    }
    List<Map<String, Object>> gates = new ArrayList<>();
    for (Evaluation.GateView gate : evaluation.gates()) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("id", gate.id());
      g.put("label", gate.label());
      g.put("status", gate.status());
      g.put("done", gate.done());
      g.put("total", gate.total());
      g.put("decision", gate.decision());
      gates.add(g);
    }
    out.put("gates", gates);
    // the ids the other tools take: a hosted model learns them here, not from a scenario's words in a prompt
    List<Map<String, Object>> providers = new ArrayList<>();
    for (Evaluation.ProviderView provider : evaluation.providers()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", provider.id());
      p.put("label", provider.label());
      p.put("status", provider.status());
      providers.add(p);
    }
    out.put("providers", providers);
    out.put("pipelines", names.pipelines().stream().map(p -> p.pipeline().id()).toList());
    out.put("checksReady", s.checksReady());
    out.put("checksTotal", s.checksTotal());
    out.put("gatesNotReady", s.gatesTotal() - s.gatesReady());
    // ("ile checków jeszcze nie przeszło": the ones not done, said, not left to subtract)
    out.put("checksNotReady", s.checksTotal() - s.checksReady());
    List<Map<String, Object>> actors = new ArrayList<>();
    for (Evaluation.ActorView actor : evaluation.actors()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("id", actor.id());
      a.put("name", actor.name());
      a.put("role", actor.role());
      a.put("permissions", actor.permissions());
      actors.add(a);
    }
    out.put("actors", actors);
    Evaluation.SessionView session = evaluation.session();
    if (session != null) {
      Map<String, Object> live = new LinkedHashMap<>();
      live.put("storage", session.storage());
      live.put("auth", session.auth());
      live.put("tenantMode", session.tenantMode());
      live.put("session", session.session());
      live.put("contract", session.contract());
      live.put("lastWriteAt", session.lastWriteAt());
      live.put("lastWriteBy", session.lastWriteBy() == null ? null : actorName(session.lastWriteBy()));
      out.put("session", live);
    }
    List<Map<String, Object>> environments = new ArrayList<>();
    for (Evaluation.EnvironmentView environment : evaluation.environments()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", environment.id());
      e.put("label", environment.label());
      e.put("adapter", environment.adapter());
      e.put("state", environment.state());
      environments.add(e);
    }
    out.put("environments", environments);
    return out;
  }

  /**
   * The gates that are not READY, in checklist order, each with what holds it (and with {@code owners}, who owns
   * its open checks), the other groups production waits for that are not ready, and the next action.
   */
  public Map<String, Object> blockers(boolean owners) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", production().id());
    out.put("decision", evaluation.summary().decision());
    out.put("go", evaluation.summary().go());
    out.put("gatesReady", evaluation.summary().gatesReady());
    out.put("gatesTotal", evaluation.summary().gatesTotal());
    out.put("checksReady", evaluation.summary().checksReady());
    out.put("checksTotal", evaluation.summary().checksTotal());
    out.put("percent", evaluation.summary().percent());
    out.put("target", evaluation.summary().target());
    out.put("traffic", evaluation.summary().traffic());
    List<Map<String, Object>> blockers = new ArrayList<>();
    // the groups behind the briefs, in their order: the gates', then the others'
    List<GroupView> waiting = new ArrayList<>();
    Set<String> gates = new HashSet<>();
    for (Evaluation.GateView gate : evaluation.gates()) {
      gates.add(gate.id());
      if (!"READY".equals(gate.status())) {
        GroupView group = group(gate.id());
        waiting.add(group);
        Map<String, Object> brief = groupBrief(group);
        if (owners) {
          brief.put("openOwners", openOwners(group));
        }
        blockers.add(brief);
      }
    }
    out.put("blockers", blockers);
    // production waits for more than the checklist's gates: every other group it depends on that is not ready
    List<Map<String, Object>> others = new ArrayList<>();
    for (String id : production().dependsOn()) {
      GroupView group = gates.contains(id) ? null : group(id);
      if (group != null && !"READY".equals(group.status())) {
        waiting.add(group);
        others.add(groupBrief(group));
      }
    }
    // few checks left in all: each is named with its owner ("list everything that still holds it up"); many are
    // counted by their groups, as the dashboard does
    int open = 0;
    for (GroupView group : waiting) {
      open += group.total() - group.done();
    }
    if (open <= OPEN_NAMED) {
      List<Map<String, Object>> briefs = new ArrayList<>(blockers);
      briefs.addAll(others);
      for (int i = 0; i < briefs.size(); i++) {
        briefs.get(i).put("open", openChecks(waiting.get(i)));
      }
    }
    if (!others.isEmpty()) {
      out.put("otherBlockers", others);
    }
    List<Map<String, Object>> stale = stale();
    if (!stale.isEmpty()) {
      out.put("stale", stale);
    }
    out.put("next", nextAction());
    return out;
  }

  /** At most this many open checks in all are each named in what production waits for. */
  private static final int OPEN_NAMED = 6;

  /** A group's checks that are not READY, each with its status and owner: "list everything that holds it up". */
  private List<Map<String, Object>> openChecks(GroupView group) {
    return group.checks().stream().filter(c -> !"READY".equals(c.status())).map(this::checkBrief).toList();
  }

  /**
   * Every sign-off and decision on record whose evidence has changed since it was given: it no longer counts until
   * its owner gives it again. Each with what it rests on and, of those, the pipeline runs that finished after it
   * (a re-run is new evidence, whatever it found).
   */
  private List<Map<String, Object>> stale() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (GroupView group : allGroups()) {
      for (CheckView check : group.checks()) {
        Evaluation.SignOffView signOff = check.signOff();
        if (signOff == null || !signOff.stale()) {
          continue;
        }
        Map<String, Object> item = new LinkedHashMap<>(checkBrief(check));
        item.put("group", group.id());
        item.put("givenBy", signOff.actor());
        item.put("givenByName", actorName(signOff.actor()));
        item.put("givenAt", signOff.at());
        if (signOff.value() != null) {
          item.put("value", signOff.value());
        }
        List<String> restsOn = check.dependsOn() != null ? check.dependsOn()
            : group.dependsOn() == null ? List.of() : group.dependsOn();
        item.put("restsOn", restsOn);
        putIfPresent(item, "runAfter", rerunsAfter(restsOn, signOff.at()));
        out.add(item);
      }
    }
    return out;
  }

  /** Of what {@code restsOn} names, the pipeline runs that finished after {@code given}; null when none did. */
  private List<Map<String, Object>> rerunsAfter(List<String> restsOn, String given) {
    List<Map<String, Object>> rerun = new ArrayList<>();
    for (String id : restsOn) {
      Map<String, Object> run = lastRunOf(id);
      if (run != null && run.get("finishedAt") instanceof String finished && after(finished, given)) {
        rerun.add(Map.of("id", id, "pipeline", run.get("pipeline"), "finishedAt", finished));
      }
    }
    return rerun.isEmpty() ? null : rerun;
  }

  private static boolean after(String instant, String than) {
    try {
      return than != null && Instant.parse(instant).isAfter(Instant.parse(than));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * Every group and check production waits for, directly or through others: its dependencies, each group's checks
   * and dependencies, each check's dependencies and what it is derived from. "Does X block go-live" is asked of it.
   */
  private Set<String> productionPath() {
    if (productionPath == null) {
      // by id only, each looked up once: the labels' folded lookups of findCheck cost more than the walk itself
      Map<String, GroupView> groups = new HashMap<>();
      Map<String, CheckView> checks = new HashMap<>();
      for (GroupView group : allGroups()) {
        groups.put(group.id(), group);
        group.checks().forEach(check -> checks.put(check.id(), check));
      }
      Set<String> path = new HashSet<>();
      ArrayDeque<String> next = new ArrayDeque<>(production().dependsOn() == null ? List.of()
          : production().dependsOn());
      while (!next.isEmpty()) {
        String id = next.poll();
        if (!path.add(id)) {
          continue;
        }
        GroupView group = groups.get(id);
        if (group != null) {
          if (group.dependsOn() != null) {
            next.addAll(group.dependsOn());
          }
          group.checks().forEach(check -> next.add(check.id()));
        } else if (checks.containsKey(id)) {
          next.addAll(dependencies(checks.get(id)));
        }
      }
      productionPath = path;
    }
    return productionPath;
  }

  /** Whether production waits for {@code id}, directly or through what it waits for. */
  boolean productionWaitsFor(String id) {
    return productionPath().contains(id);
  }

  /** One group (a gate or any other section's group), with its checks; null if none matches. */
  public Map<String, Object> gate(String idOrLabel) {
    GroupView group = findGroup(idOrLabel);
    if (group == null) {
      return null;
    }
    Map<String, Object> out = groupBrief(group);
    if (group.description() != null) {
      out.put("description", group.description());
    }
    if (group.blockedBy() != null) {
      Object blocker = lookup(group.blockedBy());
      out.put("blockedByDetail", blocker);
      // every reason it is blocked, not only the first: the other unmet dependencies
      List<Object> also = new ArrayList<>();
      for (String id : group.dependsOn() == null ? List.<String>of() : group.dependsOn()) {
        if (!id.equals(group.blockedBy()) && !"READY".equals(status(id))) {
          also.add(lookup(id));
        }
      }
      if (!also.isEmpty()) {
        out.put("alsoBlockedBy", also);
      }
    }
    List<Map<String, Object>> checks = new ArrayList<>();
    for (CheckView check : group.checks()) {
      checks.add(checkBrief(check));
    }
    out.put("checks", checks);
    out.put("productionWaits", productionPath().contains(group.id()));
    putIfPresent(out, "lastRun", lastRunOf(group.id()));
    // a group of no checks of its own (production) waits for its dependencies' checks: who still owes one is there
    if (group.checks().isEmpty() && group.dependsOn() != null) {
      List<Map<String, Object>> waiting = new ArrayList<>();
      for (String id : group.dependsOn()) {
        GroupView dependency = group(id);
        if (dependency != null && !"READY".equals(dependency.status())) {
          for (CheckView check : dependency.checks()) {
            if (!"READY".equals(check.status())) {
              waiting.add(checkBrief(check));
            }
          }
        }
      }
      out.put("dependencyChecks", waiting);
    }
    return out;
  }

  /** Every decision of the scenario (a check with options), in checklist order: its value or none yet, and who decides. */
  public Map<String, Object> decisions() {
    return decisions(null);
  }

  /** The decisions of one gate or group ({@code asked}: its id or label; null: of the whole cutover); null if unknown. */
  public Map<String, Object> decisions(String asked) {
    GroupView within = asked == null ? null : findGroup(asked);
    if (asked != null && within == null) {
      return null;
    }
    List<Map<String, Object>> decisions = new ArrayList<>();
    for (GroupView group : within == null ? allGroups() : List.of(within)) {
      for (CheckView check : group.checks()) {
        Map<String, Object> brief = check(check.id());
        if (brief != null && brief.get("options") != null) {
          decisions.add(brief);
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (within != null) {
      out.put("id", within.id());
      out.put("label", within.label());
    }
    out.put("decisions", decisions);
    return out;
  }

  /** The names of the owners of a group's open checks, each once (the group's own owner only if one is theirs). */
  private List<String> openOwners(GroupView group) {
    Set<String> names = new LinkedHashSet<>();
    for (CheckView check : group.checks()) {
      if (!"READY".equals(check.status())) {
        names.add(actorName(check.owner()));
      }
    }
    return List.copyOf(names);
  }

  /** One check with its owner and what blocks it; null if none matches. */
  public Map<String, Object> check(String idOrLabel) {
    CheckView check = findCheck(idOrLabel);
    if (check == null) {
      return null;
    }
    Map<String, Object> out = checkBrief(check);
    out.put("group", groupOf(check.id()).id());
    out.put("groupLabel", groupOf(check.id()).label());
    out.put("kind", check.kind());
    out.put("productionWaits", productionPath().contains(check.id()));
    if (check.description() != null) {
      out.put("description", check.description());
    }
    if (check.blockedBy() != null) {
      // every unmet dependency, the first one (blockedBy) included
      List<Map<String, Object>> unmet = new ArrayList<>();
      for (String id : dependencies(check)) {
        String status = status(id);
        if (status != null && !"READY".equals(status)) {
          unmet.add(Map.of("id", id, "status", status));
        }
      }
      if (unmet.size() > 1) {
        out.put("unmet", unmet);
      }
    }
    // what it depends on, each with its status: "what does it depend on?"
    List<Map<String, Object>> depends = new ArrayList<>();
    for (String id : dependencies(check)) {
      String status = status(id);
      if (status != null) {
        GroupView group = group(id);
        depends.add(Map.of("id", id, "status", status, "label", group != null ? group.label()
            : findCheck(id).label()));
      }
    }
    if (!depends.isEmpty()) {
      out.put("dependsOn", depends);
    }
    // "how do we get it to green": a derived check moves when what it follows from does, each by its owner
    if ("derived".equals(check.kind()) && !"READY".equals(check.status()) && check.from() != null) {
      List<Map<String, Object>> follows = new ArrayList<>();
      for (String id : check.from()) {
        CheckView source = findCheck(id);
        if (source != null && !"READY".equals(source.status())) {
          follows.add(checkBrief(source));
        }
      }
      if (!follows.isEmpty()) {
        out.put("follows", follows);
      }
    }
    if (check.value() != null) {
      out.put("value", check.value());
    }
    if (check.options() != null && !check.options().isEmpty()) {
      out.put("options", check.options().stream().map(o -> o.value() + " (" + o.label() + ")").toList());
      out.put("optionValues", check.options().stream().map(o -> o.value()).toList());
    }
    if (check.pipeline() != null) {
      out.put("pipeline", check.pipeline());
    }
    putIfPresent(out, "lastRun", lastRunOf(check.id()));
    if (check.signOff() == null) {
      putIfPresent(out, "revoked", revoked(check.id()));
    }
    if (check.signOff() != null) {
      out.put("signedOffBy", check.signOff().actor());
      out.put("signedOffByName", actorName(check.signOff().actor()));
      // "evidence hash on the chamber map sign-off?": what the sign-off accepted, as the trail records it
      putIfPresent(out, "evidenceHash", check.signOff().evidenceHash());
      if (check.signOff().value() == null) {
        putIfPresent(out, "signedBefore", signedBefore(check.id(), dependencies(check)));
      }
      if (check.signOff().value() != null) {
        out.put("decided", check.signOff().value());
        putIfPresent(out, "decidedBefore", decidedBefore(check.id(), check.signOff().value()));
        // "how many times have I changed the window": every value recorded, oldest first, when changed more than once
        List<Map<String, Object>> recorded = recorded(check.id());
        if (recorded.size() >= 3) {
          out.put("recorded", recorded);
        }
      }
      out.put("signedOffAt", check.signOff().at());
      out.put("stale", check.signOff().stale());
      if (check.signOff().stale()) {
        putIfPresent(out, "staleBy", staleBy(check.id(), dependencies(check)));
        putIfPresent(out, "runAfter", rerunsAfter(dependencies(check), check.signOff().at()));
      }
      out.put("revokeCommand", "POST /api/checks/" + check.id() + "/revoke");
    }
    return out;
  }

  /**
   * The recommendation: the earliest unmet root and who can move it. {@code actionable} is false
   * when nobody can move it from the console (a derived check: it follows from other evidence),
   * and {@code derivedFrom} then names what it follows from; {@code done} when everything is ready.
   */
  public Map<String, Object> nextAction() {
    Evaluation.Recommendation r = evaluation.recommendation();
    Map<String, Object> out = new LinkedHashMap<>();
    if (r == null || r.checkId() == null && r.groupId() == null) {
      out.put("id", production().id());
      out.put("done", true);
      return out;
    }
    out.put("id", r.checkId() != null ? r.checkId() : r.groupId());
    out.put("group", r.groupId());
    out.put("action", r.action());
    out.put("reason", r.reason());
    boolean actionable = r.actor() != null && r.command() != null;
    out.put("actionable", actionable);
    if (actionable) {
      out.put("actor", r.actor());
      out.put("actorName", r.actorName());
      out.put("role", role(r.actor()));
      out.put("command", r.command());
    } else {
      // what still holds it among what it follows from; none means evidence from outside the console
      CheckView check = r.checkId() == null ? null : findCheck(r.checkId());
      List<String> sources = new ArrayList<>();
      if (check != null) {
        sources.addAll(check.from() == null ? List.of() : check.from());
        sources.addAll(check.dependsOn() == null ? List.of() : check.dependsOn());
      }
      out.put("derivedFrom", sources.stream().distinct().filter(id -> !"READY".equals(status(id))).toList());
    }
    return out;
  }

  /** A provider contract with the check that proves it; null if none matches. */
  public Map<String, Object> provider(String idOrName) {
    Evaluation.ProviderView provider = findProvider(idOrName);
    if (provider == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", provider.id());
    out.put("label", provider.label());
    if (provider.description() != null) {
      out.put("description", provider.description());
    }
    out.put("currentMode", provider.currentMode());
    out.put("targetMode", provider.targetMode());
    out.put("contract", provider.contract());
    out.put("status", provider.status());
    out.put("owner", provider.owner());
    out.put("ownerName", actorName(provider.owner()));
    CheckView check = provider.check() == null ? null : findCheck(provider.check());
    if (check != null) {
      out.put("check", check.id());
      out.put("checkStatus", check.status());
      // the provider's owner is not always its contract check's: each is said of its own
      if (check.owner() != null && !check.owner().equals(provider.owner())) {
        out.put("checkOwnerName", actorName(check.owner()));
      }
    }
    return out;
  }

  /**
   * The latest run of a pipeline, step by step, each step with the check it proves; {@code ran:false}
   * if it never ran; null if the scenario runs no such pipeline. The pipeline is named by id, by
   * the group it proves, or left out for the first in run order.
   */
  public Map<String, Object> lastRun(String pipeline) {
    Evaluation.PipelineView view = findPipeline(pipeline);
    if (view == null) {
      return null;
    }
    String id = view.id();
    PipelineRun run = state.pipelines().get(id);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", view.group());
    out.put("pipeline", id);
    GroupView group = group(view.group());
    if (group != null) {
      out.put("label", group.label());
      out.put("done", group.done());
      out.put("total", group.total());
      out.put("decision", group.decision());
    }
    // "which steps does the dry-run go through": its steps in run order, each with the check it proves
    List<Map<String, Object>> planned = new ArrayList<>();
    for (Evaluation.StepView step : view.steps()) {
      Map<String, Object> item = new LinkedHashMap<>();
      CheckView proves = step.check() == null ? null : findCheck(step.check());
      item.put("step", step.id());
      item.put("stepName", stepName(step.id()));
      if (proves != null) {
        item.put("label", proves.label());
        item.put("check", step.check());
      }
      planned.add(item);
    }
    out.put("plannedSteps", planned);
    if (run == null) {
      out.put("ran", false);
      return out;
    }
    out.put("ran", true);
    // "how many dry-runs have passed so far": the runs among the recent events
    int passed = 0;
    int all = 0;
    Set<String> runners = new java.util.LinkedHashSet<>();
    List<Map<String, Object>> runList = new ArrayList<>();
    for (AuditEvent event : recent) {
      if (event.type().startsWith("pipeline.") && id.equals(event.payload().path("run").path("pipeline").asText())) {
        // "who ran the first dry-run": the earliest run among the recent events
        if (all == 0) {
          out.put("firstRunId", event.payload().path("run").path("runId").asText());
          out.put("firstActor", event.actor());
          out.put("firstActorName", actorName(event.actor()));
          out.put("firstStatus", event.payload().path("run").path("status").asText());
          out.put("firstAt", event.at());
          // "what changed in the target between the first and the second run": where each pointed
          out.put("firstTarget", event.payload().path("run").path("target").asText(""));
          // "did the second dry-run change anything vs the first": what each run recorded of the snapshot
          for (com.fasterxml.jackson.databind.JsonNode step : event.payload().path("run").path("steps")) {
            if (step.path("evidence").has("checksumShort") && !out.containsKey("firstChecksum")) {
              out.put("firstChecksum", step.path("evidence").path("checksumShort").asText());
            }
            if (step.path("evidence").has("rows") && !out.containsKey("firstRows")) {
              out.put("firstRows", step.path("evidence").path("rows").asLong());
            }
          }
        }
        // "the connection check blew up earlier - what broke": the latest failed run before the last one
        com.fasterxml.jackson.databind.JsonNode earlier = event.payload().path("run");
        if ("FAILED".equals(earlier.path("status").asText()) && !run.runId().equals(earlier.path("runId").asText())) {
          failedBefore(out, view, event, earlier);
        }
        // "the cert fingerprint from the run that passed", "kiedy ostatnio był zielony": the latest run that passed,
        // when a later one did not
        if (PipelineRun.PASSED.equals(earlier.path("status").asText()) && !PipelineRun.PASSED.equals(run.status())) {
          out.put("passedRun", passedRun(view, event, earlier));
        }
        all++;
        passed += "PASSED".equals(event.payload().path("run").path("status").asText()) ? 1 : 0;
        // "when did I run the two dry runs": each run, who started it and when
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("runId", event.payload().path("run").path("runId").asText());
        item.put("actorName", actorName(event.actor()));
        item.put("at", event.at());
        item.put("status", event.payload().path("run").path("status").asText());
        runList.add(item);
        // "za którym razem przeszedł": which of the runs passed first
        if (passed == 1 && !out.containsKey("firstPassedNth")
            && "PASSED".equals(event.payload().path("run").path("status").asText())) {
          out.put("firstPassedNth", all);
        }
        // "how many times did we run it and who ran it": whoever started each
        runners.add(actorName(event.actor()));
      }
    }
    if (!runners.isEmpty()) {
      out.put("runnersSeen", String.join(", ", runners));
    }
    out.put("runsSeen", all);
    out.put("runList", runList);
    out.put("runsPassed", passed);
    out.put("runsNotPassed", all - passed);
    out.put("runId", run.runId());
    out.put("status", run.status());
    out.put("finishedAt", run.finishedAt());
    out.put("actor", run.actor());
    out.put("actorName", actorName(run.actor()));
    out.put("target", run.target());
    List<Map<String, Object>> steps = new ArrayList<>();
    Lang lang = lang();
    for (PipelineRun.Step step : run.steps()) {
      if (step.evidence().get("checksumShort") != null && !out.containsKey("checksum")) {
        out.put("checksum", step.evidence().get("checksumShort"));
      }
      if (step.evidence().get("rows") instanceof Number rows && !out.containsKey("rows")) {
        out.put("rows", rows.longValue());
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("id", stepCheck(view, step.id()));
      s.put("stepName", stepName(step.id()));
      // (a step no check of the scenario proves has no id to cite: "connection.rbac-session" names nothing)
      s.put("proves", view.steps().stream().anyMatch(v -> v.id().equals(step.id()) && v.check() != null));
      s.put("status", step.status());
      s.put("detail", step.detail(lang));
      s.put("ms", step.ms());
      steps.add(s);
    }
    out.put("steps", steps);
    return out;
  }

  /** An earlier run that passed: who started it, when, where it pointed, and what each step found. */
  private Map<String, Object> passedRun(Evaluation.PipelineView view, AuditEvent event,
                                        com.fasterxml.jackson.databind.JsonNode run) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("runId", run.path("runId").asText());
    out.put("actorName", actorName(event.actor()));
    out.put("at", event.at());
    out.put("target", run.path("target").asText(""));
    List<String> steps = new ArrayList<>();
    List<String> timed = new ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode step : run.path("steps")) {
      String polish = step.path("detailPl").asText("");
      String named = stepSaid(view, step.path("id").asText());
      String said = " \"" + (lang() == Lang.PL && !polish.isEmpty() ? polish : step.path("detail").asText()) + "\"";
      steps.add(named + said);
      // ("how long did the tls step take in the run that passed")
      timed.add(named + " (" + step.path("ms").asLong() + " ms)" + said);
    }
    out.put("steps", String.join("; ", steps));
    out.put("stepsTimed", String.join("; ", timed));
    return out;
  }

  /** An earlier run that failed, with who started it, where it pointed, and the step that failed and why. */
  private void failedBefore(Map<String, Object> out, Evaluation.PipelineView view, AuditEvent event,
                            com.fasterxml.jackson.databind.JsonNode run) {
    out.put("failedRunId", run.path("runId").asText());
    out.put("failedStatus", run.path("status").asText());
    out.put("failedActorName", actorName(event.actor()));
    out.put("failedAt", event.at());
    out.put("failedTarget", run.path("target").asText(""));
    List<String> skipped = new ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode step : run.path("steps")) {
      if ("FAILED".equals(step.path("status").asText()) && !out.containsKey("failedStep")) {
        String polish = step.path("detailPl").asText("");
        out.put("failedStep", stepCheck(view, step.path("id").asText()));
        // "which step killed the first run": said by its own name too, not only as the check it proves
        out.put("failedStepName", stepName(step.path("id").asText()));
        out.put("failedDetail", lang() == Lang.PL && !polish.isEmpty() ? polish : step.path("detail").asText());
      } else if (PipelineRun.Step.SKIPPED.equals(step.path("status").asText())) {
        // "which steps got skipped on that failed run": those after the one that failed
        skipped.add(stepSaid(view, step.path("id").asText()));
      }
    }
    if (!skipped.isEmpty()) {
      out.put("failedSkipped", String.join(", ", skipped));
    }
  }

  /**
   * How the last run of the pipeline proving {@code id} (the group it proves, or the check one of its steps
   * proves) went: "REVIEW at 0/4" reads the same before any run and after a failed one. The step that failed
   * and those skipped after it are named; for a check, its own step's outcome. Null before any run.
   */
  private Map<String, Object> lastRunOf(String id) {
    Evaluation.PipelineView view = null;
    for (Evaluation.PipelineView pipeline : evaluation.pipelines()) {
      if (pipeline.group().equals(id) || pipeline.steps().stream().anyMatch(step -> id.equals(step.check()))) {
        view = pipeline;
        break;
      }
    }
    PipelineRun run = view == null ? null : state.pipelines().get(view.id());
    if (run == null) {
      return null;
    }
    Lang lang = lang();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pipeline", view.id());
    out.put("runStatus", run.status());
    out.put("finishedAt", run.finishedAt());
    List<String> skipped = new ArrayList<>();
    for (PipelineRun.Step step : run.steps()) {
      String proves = stepCheck(view, step.id());
      if (proves.equals(id)) {
        out.put("stepStatus", step.status());
        out.put("stepDetail", step.detail(lang));
      } else if (!out.containsKey("failedStep") && !out.containsKey("stepStatus")
          && Set.of(PipelineRun.FAILED, PipelineRun.ERRORED).contains(step.status())) {
        out.put("failedStep", proves);
        out.put("failedDetail", step.detail(lang));
      } else if (PipelineRun.Step.SKIPPED.equals(step.status())) {
        skipped.add(stepSaid(view, step.id()));
      }
    }
    if (!skipped.isEmpty() && !out.containsKey("stepStatus")) {
      out.put("skipped", String.join(", ", skipped));
    }
    return out;
  }

  /**
   * Who withdrew the sign-off or decision of check {@code id}, when the last thing recorded on it is that
   * withdrawal: "did I set the on-call?" is answered "you did, then withdrew it", not only "nothing chosen".
   */
  private Map<String, Object> revoked(String id) {
    for (int i = recent.size() - 1; i >= 0; i--) {
      AuditEvent event = recent.get(i);
      if (!id.equals(event.payload().path("checkId").asText(null))) {
        continue;
      }
      if (!SessionState.CHECK_REVOKED.equals(event.type())) {
        return null;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("revokedBy", event.actor());
      out.put("revokedByName", actorName(event.actor()));
      out.put("revokedAt", event.at());
      for (int j = i - 1; j >= 0; j--) {
        AuditEvent before = recent.get(j);
        if (id.equals(before.payload().path("checkId").asText(null))) {
          if (before.payload().hasNonNull("value")) {
            out.put("revokedValue", before.payload().get("value").asText());
          }
          // "when did I sign it and when did I pull it back": the sign-off the withdrawal undid
          out.put("givenBy", before.actor());
          out.put("givenByName", actorName(before.actor()));
          out.put("givenAt", before.at());
          break;
        }
      }
      return out;
    }
    return null;
  }

  /**
   * A decision recorded over one that {@code dependsOn} names (or over a check of a group it names), with who, what
   * and when: what leaves a sign-off resting on it stale; null for any other event.
   */
  private Map<String, Object> recordedOver(AuditEvent event, List<String> dependsOn) {
    String on = event.payload().path("checkId").asText("");
    if (!SessionState.DECISION_RECORDED.equals(event.type())
        || !dependsOn.contains(on) && !dependsOn.contains(groupOf(on).id())) {
      return null;
    }
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("id", on);
    change.put("byName", actorName(event.actor()));
    change.put("at", event.at());
    change.put("value", event.payload().path("value").asText());
    return change;
  }

  /**
   * The decisions check {@code id} rests on that were recorded over after its standing sign-off or decision was
   * given, oldest first (what left it stale); null when none was.
   */
  private List<Map<String, Object>> staleBy(String id, List<String> dependsOn) {
    List<Map<String, Object>> changes = new ArrayList<>();
    for (int i = recent.size() - 1; i >= 0; i--) {
      AuditEvent event = recent.get(i);
      String on = event.payload().path("checkId").asText("");
      if (on.equals(id) && (SessionState.CHECK_ACCEPTED.equals(event.type())
          || SessionState.DECISION_RECORDED.equals(event.type()))) {
        break;
      }
      Map<String, Object> change = recordedOver(event, dependsOn);
      if (change != null) {
        changes.add(0, change);
      }
    }
    return changes.isEmpty() ? null : changes;
  }

  /**
   * "why did Tomek sign the holdings twice": the sign-off of check {@code id} before the one that stands, when it was
   * given again without being withdrawn, with what changed in between among what it depends on (a decision recorded
   * over, a sign-off or run those rest on); null when it was signed off once.
   */
  private Map<String, Object> signedBefore(String id, List<String> dependsOn) {
    int last = -1;
    int revoke = -1;
    int before = -1;
    for (int i = recent.size() - 1; i >= 0 && before < 0; i--) {
      AuditEvent event = recent.get(i);
      if (!id.equals(event.payload().path("checkId").asText(null))) {
        continue;
      }
      // "kiedy wycofałam akceptację i kiedy podpisałam znowu": a withdrawal between the two sign-offs
      if (last >= 0 && revoke < 0 && SessionState.CHECK_REVOKED.equals(event.type())) {
        revoke = i;
      } else if (!SessionState.CHECK_ACCEPTED.equals(event.type())) {
        return null;
      } else if (last < 0) {
        last = i;
      } else {
        before = i;
      }
    }
    if (before < 0) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("earlierByName", actorName(recent.get(before).actor()));
    out.put("earlierAt", recent.get(before).at());
    out.put("againAt", recent.get(last).at());
    if (revoke >= 0) {
      out.put("revokedByName", actorName(recent.get(revoke).actor()));
      out.put("revokedAt", recent.get(revoke).at());
      return out;
    }
    List<Map<String, Object>> changes = new ArrayList<>();
    for (int i = before + 1; i < last; i++) {
      AuditEvent event = recent.get(i);
      Map<String, Object> change = recordedOver(event, dependsOn);
      if (change != null) {
        changes.add(change);
      }
    }
    out.put("changes", changes);
    return out;
  }

  /**
   * The value decision {@code id} had before {@code now} was recorded over it, with who recorded it and when
   * ("what was it before?"), found among the recent events; null when it was never anything else there.
   */
  private Map<String, Object> decidedBefore(String id, String now) {
    boolean current = false;
    for (int i = recent.size() - 1; i >= 0; i--) {
      AuditEvent event = recent.get(i);
      if (!SessionState.DECISION_RECORDED.equals(event.type())
          || !id.equals(event.payload().path("checkId").asText(null))) {
        continue;
      }
      String value = event.payload().path("value").asText();
      if (!current) {
        current = value.equals(now);
      } else if (!value.equals(now)) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", value);
        out.put("by", event.actor());
        out.put("byName", actorName(event.actor()));
        out.put("at", event.at());
        return out;
      }
    }
    return null;
  }

  /** Every value recorded for decision {@code id} among the recent events, oldest first, with who and when. */
  private List<Map<String, Object>> recorded(String id) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (AuditEvent event : recent) {
      if (SessionState.DECISION_RECORDED.equals(event.type())
          && id.equals(event.payload().path("checkId").asText(null))) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("value", event.payload().path("value").asText());
        item.put("byName", actorName(event.actor()));
        item.put("at", event.at());
        out.add(item);
      }
    }
    return out;
  }

  /**
   * The decisions recorded over an earlier, different value among the recent events, each with who recorded the
   * value it has now: "what was chosen before Aga changed it" names none, and one changed is the one meant.
   */
  Map<String, String> changedDecisions() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, SessionState.SignOff> decision : state.decisions().entrySet()) {
      if (decidedBefore(decision.getKey(), decision.getValue().value()) != null) {
        out.put(decision.getKey(), decision.getValue().actor());
      }
    }
    return out;
  }

  /**
   * The seq of the latest recent event by {@code actor} (the earliest when {@code first}), of {@code type} when given
   * and on {@code on} when given (a check, the group holding it, a pipeline or the group it proves), recording
   * {@code value} when given, or -1: "since Oksana withdrew her sign-off", "since my first dry-run", "since I moved
   * the window to the christmas break".
   */
  long eventBy(String actor, String type, String on, boolean first, String value) {
    return eventBy(actor, type, on, first, value, false);
  }

  /** As {@link #eventBy(String, String, String, boolean, String)}, only runs that failed when {@code failed}. */
  long eventBy(String actor, String type, String on, boolean first, String value, boolean failed) {
    for (int k = 0; k < recent.size(); k++) {
      AuditEvent event = recent.get(first ? k : recent.size() - 1 - k);
      if (!actor.equals(event.actor()) || type != null && !type.equals(event.type())
          || value != null && !value.equals(event.payload().path("value").asText(null))
          || failed && !failed(event.payload().path("run").path("status").asText(""))) {
        continue;
      }
      String check = event.payload().path("checkId").asText(null);
      String pipeline = event.payload().path("run").path("pipeline").asText(null);
      Evaluation.PipelineView run = pipeline == null ? null : findPipeline(pipeline);
      if (on == null || on.equals(check) || on.equals(pipeline) || run != null && on.equals(run.group())
          || check != null && on.equals(groupOf(check).id())) {
        return event.seq();
      }
    }
    return -1;
  }

  /** The language the evaluation was rendered in, as the tools read it. */
  private Lang lang() {
    return Lang.parse(evaluation.lang()).orElse(Lang.EN);
  }

  private static void putIfPresent(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  /** Whether a run's status is a failure (failed or errored), as the journal records it. */
  private static boolean failed(String status) {
    return PipelineRun.FAILED.equals(status) || PipelineRun.ERRORED.equals(status);
  }

  /** A step as an answer cites it: the check it proves by id, else the step by its name (no check to cite). */
  private String stepSaid(Evaluation.PipelineView pipeline, String step) {
    for (Evaluation.StepView view : pipeline.steps()) {
      if (view.id().equals(step) && view.check() != null) {
        return "[" + view.check() + "]";
      }
    }
    return stepName(step);
  }

  /** A pipeline step by its own name in the answer's language ("Endpoint reachability"), else by its id. */
  private String stepName(String step) {
    io.bfg.console.model.Label name = io.bfg.console.model.Pipelines.STEP_NAMES.get(step);
    return name == null ? step : name.in(lang());
  }

  private static String stepCheck(Evaluation.PipelineView pipeline, String step) {
    for (Evaluation.StepView view : pipeline.steps()) {
      if (view.id().equals(step) && view.check() != null) {
        return view.check();
      }
    }
    return pipeline.id() + "." + step;
  }

  /** The pipeline whose run finished last, or null before any run: "what got skipped in that run". */
  public String latestRun() {
    return state.pipelines().values().stream().filter(run -> run.finishedAt() != null)
        .max(java.util.Comparator.comparing(PipelineRun::finishedAt)).map(PipelineRun::pipeline).orElse(null);
  }

  /** The pipeline whose run failed last among the recent events ("that failed run"), or null when none failed. */
  public String latestFailedRun() {
    for (int i = recent.size() - 1; i >= 0; i--) {
      AuditEvent event = recent.get(i);
      com.fasterxml.jackson.databind.JsonNode run = event.payload().path("run");
      if (event.type().startsWith("pipeline.") && failed(run.path("status").asText(""))
          && run.hasNonNull("pipeline")) {
        return run.path("pipeline").asText();
      }
    }
    return null;
  }

  /** The pipeline {@code actor} last ran among the recent events ("which step failed in Paweł's run"), or null. */
  public String latestRunBy(String actor) {
    for (int i = recent.size() - 1; i >= 0; i--) {
      AuditEvent event = recent.get(i);
      com.fasterxml.jackson.databind.JsonNode run = event.payload().path("run");
      if (event.type().startsWith("pipeline.") && actor.equals(event.actor()) && run.hasNonNull("pipeline")) {
        return run.path("pipeline").asText();
      }
    }
    return null;
  }

  /** Whether pipeline {@code id} has run at all: "czemu dry run nie ruszył" of one never started. */
  public boolean ran(String id) {
    return state.pipelines().containsKey(id);
  }

  /** The latest audit events, newest last. */
  public Map<String, Object> recentChanges(int limit) {
    int from = Math.max(0, recent.size() - Math.max(1, Math.min(limit, 50)));
    List<Map<String, Object>> events = new ArrayList<>();
    for (AuditEvent event : recent.subList(from, recent.size())) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("seq", event.seq());
      e.put("type", event.type());
      e.put("actor", event.actor());
      e.put("actorName", actorName(event.actor()));
      e.put("at", event.at());
      if (event.payload().hasNonNull("checkId")) {
        e.put("id", event.payload().get("checkId").asText());
      }
      if (event.payload().hasNonNull("value")) {
        e.put("value", event.payload().get("value").asText());
      }
      if (event.payload().has("run")) {
        // a run is cited by the gate it proves: a pipeline's name is no gate, group or check id
        String pipeline = event.payload().path("run").path("pipeline").asText();
        Evaluation.PipelineView view = findPipeline(pipeline);
        e.put("pipeline", pipeline);
        e.put("id", view != null ? view.group() : pipeline);
        e.put("status", event.payload().path("run").path("status").asText());
      }
      events.add(e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("seq", state.seq());
    out.put("events", events);
    out.put("revocations", revocations());
    out.put("givenAgain", givenAgain());
    return out;
  }

  /**
   * Every withdrawal that still stands (nothing recorded on that check since), newest first: what was
   * withdrawn, by whom, the check and its group now, and what waits on it. "What did the revoke undo" is
   * answered from the state it left, not from the event alone.
   */
  private List<Map<String, Object>> revocations() {
    List<Map<String, Object>> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = recent.size() - 1; i >= 0; i--) {
      String id = recent.get(i).payload().path("checkId").asText(null);
      if (id == null || !seen.add(id)) {
        continue;
      }
      Map<String, Object> revoked = revoked(id);
      CheckView check = findCheck(id);
      if (revoked == null || check == null) {
        continue;
      }
      Map<String, Object> item = new LinkedHashMap<>(checkBrief(check));
      item.putAll(revoked);
      GroupView group = groupOf(id);
      item.put("group", group.id());
      item.put("groupLabel", group.label());
      item.put("groupDone", group.done());
      item.put("groupTotal", group.total());
      Map<String, Object> waiting = dependents(id);
      if (waiting != null) {
        item.put("waiting", waiting.get("direct"));
      }
      out.add(item);
    }
    return out;
  }

  /**
   * The withdrawals that were later given again, newest first: who withdrew what and when, and who gave it again
   * when ("did anyone withdraw anything": the ones that no longer stand happened too).
   */
  private List<Map<String, Object>> givenAgain() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = recent.size() - 1; i >= 0; i--) {
      AuditEvent revoke = recent.get(i);
      String id = revoke.payload().path("checkId").asText(null);
      if (!SessionState.CHECK_REVOKED.equals(revoke.type()) || id == null) {
        continue;
      }
      for (int j = i + 1; j < recent.size(); j++) {
        AuditEvent again = recent.get(j);
        if (id.equals(again.payload().path("checkId").asText(null))) {
          if (!SessionState.CHECK_REVOKED.equals(again.type())) {
            CheckView check = findCheck(id);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", id);
            item.put("label", check == null ? id : check.label());
            item.put("revokedByName", actorName(revoke.actor()));
            item.put("revokedAt", revoke.at());
            item.put("againByName", actorName(again.actor()));
            item.put("againAt", again.at());
            item.put("decision", SessionState.DECISION_RECORDED.equals(again.type()));
            item.put("status", check == null ? null : check.status());
            out.add(item);
          }
          break;
        }
      }
    }
    return out;
  }

  /** What a decision code means: the groups that carry it now and the group it waits for. */
  public Map<String, Object> decisionCode(String code) {
    String wanted = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("code", wanted);
    List<Map<String, Object>> carriers = new ArrayList<>();
    for (GroupView group : allGroups()) {
      if (wanted.equals(group.decision())) {
        carriers.add(groupBrief(group));
      }
    }
    out.put("carriedBy", carriers);
    // the production group's ready code ("CLINICS_LIVE") is a code of the scenario like any gate's
    List<GroupDef> defs = new ArrayList<>(scenario.groups());
    defs.add(scenario.production());
    for (GroupDef def : defs) {
      if (wanted.equals(def.readyCode())) {
        out.put("kind", "ready");
        out.put("id", def.id());
        out.put("readyFor", group(def.id()) == null ? def.id() : group(def.id()).label());
        if (group(def.id()) != null) {
          // what the code would mean is not what the group is now: the answer says both
          out.put("status", group(def.id()).status());
          out.put("done", group(def.id()).done());
          out.put("total", group(def.id()).total());
        }
      } else if (wanted.equals("BLOCKED_PENDING_" + def.token())) {
        out.put("kind", "blocked");
        out.put("id", def.id());
        out.put("waitingFor", groupBrief(group(def.id())));
        // "what does BLOCKED_PENDING_PAYMENTS mean": what is still open in what it waits for, and whose
        out.put("open", openChecks(group(def.id())));
      }
    }
    if (!out.containsKey("kind") && wanted.startsWith("BLOCKED_PENDING_")) {
      out.put("kind", "blocked");
      for (GroupDef def : scenario.groups()) {
        if (wanted.equals("BLOCKED_PENDING_" + def.blockedToken())) {
          out.put("id", def.id());
          out.put("waitingFor", groupBrief(group(def.id())));
        }
      }
    }
    // "co to znaczy DEPENDENCY_UNMET": the console's own refusal of a command, which the API answers with
    if (!out.containsKey("kind") && java.util.Arrays.stream(io.bfg.console.command.CommandRejected.Reason.values())
        .anyMatch(r -> r.name().equals(wanted))) {
      out.put("kind", "refusal");
    }
    if (!out.containsKey("kind")) {
      out.put("kind", "unknown");
    }
    // the code production carries is the go/no-go a gate job sees: said as such
    if (wanted.equals(production().decision())) {
      out.put("productionGo", evaluation.summary().go());
    }
    return out;
  }

  /**
   * What waits on a group or check ({@code idOrLabel}): the groups and checks that depend on it (or follow
   * from it) directly, then those that wait on them in turn. Null when it names nothing.
   */
  public Map<String, Object> dependents(String idOrLabel) {
    GroupView group = group(idOrLabel);
    CheckView check = group == null ? findCheck(idOrLabel) : null;
    // a hosted model may pass a gate's label: ids first, then labels
    if (group == null && check == null) {
      group = findGroup(idOrLabel);
      if (group == null) {
        return null;
      }
    }
    String id = group != null ? group.id() : check.id();
    Map<String, Object> out = group != null ? groupBrief(group) : checkBrief(check);
    List<String> direct = waitingOn(id);
    List<String> indirect = new ArrayList<>();
    List<String> frontier = new ArrayList<>(direct);
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (String waiting : frontier) {
        for (String further : waitingOn(waiting)) {
          if (!further.equals(id) && !direct.contains(further) && !indirect.contains(further)) {
            indirect.add(further);
            next.add(further);
          }
        }
      }
      frontier = next;
    }
    out.put("direct", direct.stream().map(this::brief).toList());
    out.put("indirect", indirect.stream().map(this::brief).toList());
    return out;
  }

  /** The groups and checks that name {@code id} among what they depend on or follow from. */
  private List<String> waitingOn(String id) {
    List<String> out = new ArrayList<>();
    for (GroupView g : allGroups()) {
      if (g.dependsOn() != null && g.dependsOn().contains(id)) {
        out.add(g.id());
      }
      for (CheckView c : g.checks()) {
        if (dependencies(c).contains(id) && !out.contains(c.id())) {
          out.add(c.id());
        }
      }
    }
    return out;
  }

  private Map<String, Object> brief(String id) {
    GroupView group = group(id);
    return group != null ? groupBrief(group) : checkBrief(findCheck(id));
  }

  // ---- lookups the question reader uses to resolve names ----

  public List<GroupView> allGroups() {
    List<GroupView> all = new ArrayList<>(evaluation.groups());
    all.add(production());
    return all;
  }

  public GroupView production() {
    return evaluation.production();
  }

  public GroupView group(String id) {
    for (GroupView group : allGroups()) {
      if (group.id().equals(id)) {
        return group;
      }
    }
    return null;
  }

  /** A group by id, or by a label it contains (accents and case ignored), the longest label first. */
  public GroupView findGroup(String text) {
    if (text == null) {
      return null;
    }
    GroupView exact = group(text.trim());
    if (exact != null) {
      return exact;
    }
    String wanted = fold(text);
    String padded = " " + wanted + " ";
    GroupView best = null;
    for (FoldedNames.GroupName name : names.groups()) {
      GroupView group = name.group();
      String label = name.label();
      if (wanted.equals(name.id()) || wanted.equals(label) || wanted.contains(label) || label.contains(wanted)
          || name.synonyms().stream().anyMatch(phrase -> phrase.in(padded))) {
        if (best == null || group.label().length() > best.label().length()) {
          best = group;
        }
      }
    }
    return best;
  }

  /**
   * A check by id, by a label (either language) or alias the text contains, or else by the
   * distinctive words of its id and label ("the region decision" finds a check labelled "Region and
   * data residency"); null when nothing stands out.
   */
  public CheckView findCheck(String text) {
    if (text == null) {
      return null;
    }
    String wanted = " " + fold(text) + " ";
    String trimmed = text.trim();
    CheckView best = null;
    int bestScore = 0;
    for (FoldedNames.CheckName name : names.checks()) {
      CheckView check = name.check();
      if (check.id().equalsIgnoreCase(trimmed)) {
        return check;
      }
      String label = name.label();
      // a one-word label ("Rollback") names a gate as often as a check: it needs the id's words to win
      int score = name.multiWord() && containsWord(wanted, label) ? 100 + label.length() : 0;
      for (FoldedNames.Phrase synonym : name.synonyms()) {
        if (synonym.in(wanted)) {
          score = Math.max(score, 100 + synonym.length());
        }
      }
      if (score == 0) {
        for (String word : name.words()) {
          if (containsAfterSpace(wanted, word)) {
            score += word.length();
          }
        }
      }
      if (score > bestScore) {
        best = check;
        bestScore = score;
      }
    }
    return bestScore >= 5 ? best : null;
  }

  /** A pipeline by id (folded: "dry run" finds dry-run) or by the group it proves; the first for none. */
  public Evaluation.PipelineView findPipeline(String text) {
    List<FoldedNames.PipelineName> pipelines = names.pipelines();
    if (pipelines.isEmpty()) {
      return null;
    }
    if (text == null || text.isBlank()) {
      return pipelines.get(0).pipeline();
    }
    String wanted = " " + fold(text) + " ";
    for (FoldedNames.PipelineName name : pipelines) {
      if (name.pipeline().id().equalsIgnoreCase(text.trim()) || name.id().in(wanted)) {
        return name.pipeline();
      }
    }
    GroupView group = findGroup(text);
    for (FoldedNames.PipelineName name : pipelines) {
      if (group != null && group.id().equals(name.pipeline().group())) {
        return name.pipeline();
      }
    }
    return null;
  }

  public Evaluation.ActorView findActor(String text) {
    if (text == null) {
      return null;
    }
    String wanted = fold(text);
    String padded = " " + wanted + " ";
    for (FoldedNames.ActorName name : names.actors()) {
      Evaluation.ActorView actor = name.actor();
      if (actor.id().equalsIgnoreCase(text.trim()) || name.name().equals(wanted)
          || name.name().startsWith(wanted + " ") || name.role().equals(wanted)
          || actor.roleKey().equalsIgnoreCase(text.trim())
          || name.synonyms().stream().anyMatch(phrase -> phrase.in(padded))) {
        return actor;
      }
    }
    return null;
  }

  public Evaluation.ProviderView findProvider(String text) {
    if (text == null) {
      return null;
    }
    String wanted = fold(text);
    String padded = " " + wanted + " ";
    for (FoldedNames.ProviderName name : names.providers()) {
      Evaluation.ProviderView provider = name.provider();
      if (provider.id().equalsIgnoreCase(text.trim()) || name.label().equals(wanted) || name.id().equals(wanted)
          || name.synonyms().stream().anyMatch(phrase -> phrase.in(padded))) {
        return provider;
      }
    }
    return null;
  }

  public String actorName(String id) {
    for (Evaluation.ActorView actor : evaluation.actors()) {
      if (actor.id().equals(id)) {
        return actor.name();
      }
    }
    return id;
  }

  /**
   * Lower case, no diacritics (Polish included), single spaces: how names are compared. Only a-z,
   * 0-9 and '.' are kept; every other run of characters becomes one space, none at either end.
   */
  public static String fold(String text) {
    String lower = text == null ? "" : text;
    // questions and the seed's labels are ASCII: only other text needs decomposing (it runs per question)
    if (!ascii(lower)) {
      lower = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("")
          .replace('ł', 'l').replace('Ł', 'L').toLowerCase(Locale.ROOT);
    }
    StringBuilder out = new StringBuilder(lower.length());
    boolean gap = false;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.') {
        if (gap && out.length() > 0) {
          out.append(' ');
        }
        gap = false;
        out.append(c);
      } else {
        gap = true;
      }
    }
    return out.toString();
  }

  private static final Pattern MARKS = Pattern.compile("\\p{M}");

  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code text} holds {@code word} right after a space: {@code text.contains(" " + word)}, without the copy. */
  static boolean containsAfterSpace(String text, String word) {
    if (word.isEmpty()) {
      return text.indexOf(' ') >= 0;
    }
    for (int i = text.indexOf(word, 1); i > 0; i = text.indexOf(word, i + 1)) {
      if (text.charAt(i - 1) == ' ') {
        return true;
      }
    }
    return false;
  }

  /** {@code text.contains(" " + word + " ")}, without the copy. */
  static boolean containsWord(String text, String word) {
    if (word.isEmpty()) {
      return text.contains("  ");
    }
    for (int i = text.indexOf(word, 1); i > 0; i = text.indexOf(word, i + 1)) {
      int end = i + word.length();
      if (text.charAt(i - 1) == ' ' && end < text.length() && text.charAt(end) == ' ') {
        return true;
      }
    }
    return false;
  }

  // ---- shapes ----

  private Map<String, Object> groupBrief(GroupView group) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", group.id());
    out.put("label", group.label());
    out.put("status", group.status());
    out.put("done", group.done());
    out.put("total", group.total());
    out.put("decision", group.decision());
    // a checklist gate or another section's group: the answer names it by its kind
    out.put("gate", group.gate());
    if (group.blockedBy() != null) {
      out.put("blockedBy", group.blockedBy());
    }
    if (group.owner() != null) {
      out.put("owner", group.owner());
      out.put("ownerName", actorName(group.owner()));
    }
    return out;
  }

  private Map<String, Object> checkBrief(CheckView check) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", check.id());
    out.put("label", check.label());
    out.put("status", check.status());
    out.put("owner", check.owner());
    out.put("ownerName", actorName(check.owner()));
    out.put("ownerRole", role(check.owner()));
    if (check.blockedBy() != null) {
      out.put("blockedBy", check.blockedBy());
      // stated with the blocker, so "it depends on [x]" never reads as a claim about x's status
      out.put("blockedByStatus", status(check.blockedBy()));
    }
    if (check.command() != null) {
      out.put("command", check.command());
    }
    if (check.signOff() != null) {
      out.put("signedOffByName", actorName(check.signOff().actor()));
      out.put("signedOffAt", check.signOff().at());
      // "who set the payout limit & to what": a decision's value with who recorded it
      putIfPresent(out, "decided", check.signOff().value());
    }
    return out;
  }

  private static List<String> dependencies(CheckView check) {
    List<String> out = new ArrayList<>();
    if (check.dependsOn() != null) {
      out.addAll(check.dependsOn());
    }
    if (check.from() != null) {
      check.from().stream().filter(id -> !out.contains(id)).forEach(out::add);
    }
    return out;
  }

  private Object lookup(String id) {
    GroupView group = group(id);
    if (group != null) {
      return groupBrief(group);
    }
    CheckView check = findCheck(id);
    return check == null ? id : checkBrief(check);
  }

  private GroupView groupOf(String checkId) {
    for (GroupView group : evaluation.groups()) {
      for (CheckView check : group.checks()) {
        if (check.id().equals(checkId)) {
          return group;
        }
      }
    }
    return production();
  }

  String status(String id) {
    GroupView group = group(id);
    if (group != null) {
      return group.status();
    }
    CheckView check = findCheck(id);
    return check == null || !check.id().equals(id) ? null : check.status();
  }

  private String role(String actorId) {
    for (Evaluation.ActorView actor : evaluation.actors()) {
      if (actor.id().equals(actorId)) {
        return actor.role();
      }
    }
    return null;
  }
}

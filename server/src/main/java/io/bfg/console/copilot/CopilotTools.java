package io.bfg.console.copilot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.bfg.console.command.ActorActions;
import io.bfg.console.command.CommandRejected;
import io.bfg.console.eval.Evaluation;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.model.Actor;
import io.bfg.console.model.CheckDef;
import io.bfg.console.model.CheckKind;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.Lang;
import io.bfg.console.model.PacketBinding;
import io.bfg.console.model.Permissions;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.Status;
import io.bfg.console.model.Template;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The copilot's tools: read-only questions to the current evaluation, answered as JSON. There is
 * deliberately no tool that writes, so no prompt, however it is worded, can change state. Each
 * call reads the state as it is at that moment. Every fact an answer may state is reachable here
 * (the validator, {@link Grounding}, checks the same facts): statuses, owners, counts and
 * percentages, what each actor can do now, who holds which permission, the live session.
 */
public final class CopilotTools {

  /** One state as the tools see it: the assessment commands are validated against and its evaluation. */
  public record Now(Scenario scenario, Evaluator.Assessment assessment, Evaluation evaluation) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The name {@link #packetEnv} takes for every packet, those that export no variables too. */
  static final String EVERY_PACKET = "*";

  /**
   * The values behind the results this thread handed out, by the very string: the local model, which runs on the
   * thread that ran its tools, reads them back without any JSON written or parsed (a sixth of an answer's CPU went
   * into parsing it back, a tenth into writing it).
   */
  private static final ThreadLocal<Map<String, Map<String, Object>>> VALUES =
      ThreadLocal.withInitial(IdentityHashMap::new);

  private final Supplier<ReadinessFacts> facts;
  private final Supplier<Now> now;
  private final boolean keepValues;

  /**
   * {@code keepValues}: remember each result's value for {@link #valueOf} (for the local model only: a hosted
   * model's tools run on its HTTP client's threads, where nothing would forget them).
   */
  public CopilotTools(Supplier<ReadinessFacts> facts, Supplier<Now> now, boolean keepValues) {
    this.facts = facts;
    this.now = now;
    this.keepValues = keepValues;
  }

  /**
   * The map a tool on this thread answered {@code text} for, or null when it is not this thread's (or the tool
   * answered something else, a record, which is read from its JSON).
   */
  static Map<String, Object> valueOf(String text) {
    return VALUES.get().get(text);
  }

  /** Drops what this thread remembered: an answer's tool results are read once. */
  static void forgetValues() {
    VALUES.get().clear();
  }

  @Tool("The production go/no-go decision, gates ready, every integration gate with its status, done/total and decision code, and the ids of the providers and pipelines")
  public String summary() {
    return result(facts.get().summary());
  }

  @Tool("The gates that are not ready, what each waits for, the other groups production waits for, and the next action with who must do it")
  public String blockers(@P(value = "true to name the owners of each gate's open checks", required = false)
                         Boolean owners) {
    return result(facts.get().blockers(Boolean.TRUE.equals(owners)));
  }

  @Tool("One gate or group by id (as the summary lists them) or label: status, done/total, decision code, what blocks it, its checks and owners")
  public String gate(@P("the gate or group id, or its label") String id) {
    return found(facts.get().gate(id), "no gate or group '" + id + "'");
  }

  @Tool("Every decision to record (a check with options): its options, the value chosen if any, its status and who decides; of one gate or group when given")
  public String decisions(@P(value = "a gate or group id or label, to list only its decisions", required = false)
                          String group) {
    return found(facts.get().decisions(group == null || group.isBlank() ? null : group.trim()),
        "no gate or group '" + group + "'");
  }

  @Tool("One check by id (as a gate lists its checks) or label: status, owner, what blocks it, its sign-off and the command that moves it")
  public String check(@P("the check id, or its label") String id) {
    Map<String, Object> check = facts.get().check(id);
    if (check != null) {
      check.putAll(whoMoves(now.get(), String.valueOf(check.get("id"))));
    }
    return found(check, "no check '" + id + "'");
  }

  @Tool("The recommended next action: what to do, why, who must do it and with which command, or why nobody can move it from the console")
  public String nextAction() {
    Map<String, Object> next = facts.get().nextAction();
    if (Boolean.TRUE.equals(next.get("actionable"))) {
      next.putAll(whoMoves(now.get(), String.valueOf(next.get("id"))));
    }
    return result(next);
  }

  @Tool("An actor's tasks: what the server would accept from them now (sign-offs they own, decisions they may record, pipelines they may run), each with its command, and what they are offered but refused, with why; pipelines whose gate is already proved apart, as reruns; counts by kind")
  public String ownerTasks(@P("the actor id, name, first name or role") String actor) {
    Now state = now.get();
    Actor who = actor(state.scenario(), actor);
    return who == null ? result(Map.of("error", "no actor '" + actor + "'")) : result(tasks(state, who));
  }

  @Tool("Counts and percentages: gates ready of all and by status, checks ready of all and the completion percent, and each group's done/total and percent")
  public String counts() {
    return result(counts(now.get().evaluation()));
  }

  @Tool("Who holds which permission (checks.accept signs off owned checks, decisions.record records owned decisions, pipelines.run starts pipelines); for one actor when named, else for all")
  public String permissions(@P("an actor id, name or role; empty for every actor") String actor) {
    Now state = now.get();
    if (actor == null || actor.isBlank()) {
      return result(permissions(state.scenario()));
    }
    Actor who = actor(state.scenario(), actor);
    return who == null ? result(Map.of("error", "no actor '" + actor + "'")) : result(permissions(who));
  }

  @Tool("The running console's live session: where the state is stored now, how actors authenticate, the store contract, the tenant, the last write, the active environment, the cutover target, and the rollback adapter with who owns a rollback")
  public String session() {
    return result(session(now.get()));
  }

  @Tool("A provider contract by id or name (the summary lists them): current and target mode, owner, status and the check that proves it")
  public String provider(@P("the provider id or name") String provider) {
    return found(facts.get().provider(provider), "no provider '" + provider + "'");
  }

  @Tool("The last run of a pipeline (one the summary lists) or of the pipeline proving a gate: status, when, and each step's result")
  public String lastRun(@P("the pipeline id, or the gate it proves") String pipeline) {
    Map<String, Object> run = facts.get().lastRun(pipeline);
    if (run != null) {
      Now state = now.get();
      run.putAll(startable(state, String.valueOf(run.get("pipeline"))));
      // "it is started with POST ..." is not the asker's to do when they may not run pipelines: whose it is
      run.put("runners", runners(state));
      run.put("runnerIds", state.scenario().actors().stream().filter(a -> a.can(Permissions.RUN_PIPELINES))
          .map(Actor::id).toList());
    }
    return found(run, "this scenario runs no pipeline '" + pipeline + "'");
  }

  @Tool("The most recent audit events: sign-offs, decisions and pipeline runs, with who and when")
  public String recentChanges(@P("how many events, 1 to 50") int limit) {
    return result(facts.get().recentChanges(limit));
  }

  @Tool("The snapshot payload the migration moves: its schema id, total rows, checksum (full and short), the rows in "
      + "each batch and in each table")
  public String snapshot() {
    return result(snapshot(now.get()));
  }

  static Map<String, Object> snapshot(Now state) {
    Evaluation.SnapshotView view = state.evaluation().snapshot();
    Lang lang = Lang.parse(state.evaluation().lang()).orElse(Lang.EN);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("schema", view.schema());
    out.put("rows", view.rows());
    out.put("checksum", view.checksum());
    out.put("checksumShort", view.checksumShort());
    List<Map<String, Object>> batches = new ArrayList<>();
    for (Evaluation.BatchView batch : view.batches()) {
      batches.add(Map.of("id", batch.id(), "label", batch.label() == null ? batch.id() : batch.label(),
          "rows", batch.rows()));
    }
    out.put("batches", batches);
    List<Map<String, Object>> tables = new ArrayList<>();
    Map<String, Long> rows = state.scenario().snapshot().rowsByTable();
    for (DataModel.TableDef table : state.scenario().dataModel().tables()) {
      String batch = view.batches().stream().filter(b -> b.id().equals(table.batch())).map(Evaluation.BatchView::label)
          .findFirst().orElse(table.batch());
      tables.add(Map.of("name", table.name(), "label", table.label() == null ? table.name() : table.label().in(lang),
          "batch", batch == null ? "" : batch, "rows", rows.getOrDefault(table.name(), 0L)));
    }
    out.put("tables", tables);
    return out;
  }

  @Tool("What a decision code such as BLOCKED_PENDING_DRY_RUN means and which groups carry it now")
  public String decisionCode(@P("the decision code") String code) {
    return result(facts.get().decisionCode(code));
  }

  @Tool("What waits on a gate, group or check: the groups and checks that depend on it directly, then those that wait on them in turn; what finishing it would unblock")
  public String dependents(@P("the gate, group or check id, or its label") String id) {
    return found(facts.get().dependents(id), id);
  }

  @Tool("The environment variables the packets export (the release handoff's, the rollback drill's): each name with its value now, as the packet renders it; one variable when named, a packet's when its id or the group it reports on is given, else every packet's")
  public String packetEnv(@P("a variable name, a packet id or the group it reports on; empty for every packet's variables, * for every packet") String name) {
    return result(env(now.get(), name));
  }

  @Tool("What doing checks, groups, pipelines' runs or what people still owe (ids, labels or people, comma-separated) would change, nothing being recorded: whether it can be done yet (else what it waits for), what else it would make done, and whether production (or the gate or group given as the outcome) would then be ready or what it would still wait for")
  public String ifDone(@P("the check, group, pipeline or person, or several comma-separated") String id,
                       @P(value = "the gate or group whose readiness is asked, or the check asked whether it could be "
                           + "done then; empty for production", required = false)
                       String outcome) {
    return found(ifDone(now.get(), facts.get(), id, outcome), "no check, group, pipeline or person '" + id + "'"
        + (outcome == null || outcome.isBlank() ? "" : " or no gate, group or check '" + outcome + "'"));
  }

  // ---- the facts behind the tools that read the assessment ----

  /**
   * The env packets asked for by {@code wanted} (a variable's name, a packet's id or its group's, or
   * nothing for all), each with every variable and its value now; {@code variable} is the one named.
   */
  static Map<String, Object> env(Now state, String wanted) {
    String name = wanted == null ? "" : wanted.trim();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    List<Map<String, Object>> packets = new ArrayList<>();
    for (PacketBinding binding : state.scenario().packets()) {
      // every packet asked for ("jakie pakiety mamy": "*"), those that export nothing said so
      if (binding.env().isEmpty() && !name.equals(EVERY_PACKET)) {
        continue;
      }
      List<Map<String, Object>> variables = new ArrayList<>();
      Map<String, Object> named = null;
      for (PacketBinding.EnvVar variable : binding.env()) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", variable.name());
        String value = state.assessment().envValue(Lang.EN, variable.value());
        v.put("value", value);
        if (value.isBlank()) {
          // empty because a decision it prints is not recorded yet: which, so the answer says why
          List<Map<String, Object>> undecided = new ArrayList<>();
          for (String ref : Template.valueRefs(variable.value())) {
            CheckDef read = state.assessment().check(ref);
            if (read != null && read.kind() == CheckKind.DECISION
                && state.assessment().state().decisions().get(ref) == null) {
              undecided.add(named(state.evaluation(), ref));
            }
          }
          v.put("undecided", undecided);
        }
        // an owner's id is said with the name it stands for
        Actor actor = state.scenario().actor(value);
        if (actor != null) {
          v.put("actorName", actor.name());
        }
        variables.add(v);
        if (variable.name().equalsIgnoreCase(name)) {
          named = v;
        }
      }
      if (name.isEmpty() || name.equals(EVERY_PACKET) || named != null || binding.id().equalsIgnoreCase(name)
          || binding.reportsOn().equals(name)) {
        Map<String, Object> packet = new LinkedHashMap<>();
        packet.put("packet", binding.id());
        packet.put("reportsOn", binding.reportsOn());
        packet.put("count", variables.size());
        if (named != null) {
          packet.put("variable", named.get("name"));
          packet.put("value", named.get("value"));
          packet.put("actorName", named.get("actorName"));
          packet.put("undecided", named.get("undecided"));
        }
        packet.put("variables", variables);
        packets.add(packet);
      }
    }
    out.put("packets", packets);
    return out;
  }

  /**
   * "If X signs Y, can we go live?": the state assessed as if what {@code wanted} names were done
   * ({@link Evaluator.Assessment#assuming}): a check, a group's checks, a pipeline's steps, or what a person still
   * owes (their sign-offs and decisions), several comma-separated (each by id, label or name). {@code assumed}: each
   * of those; {@code waitsFor}: what of it cannot be done yet and what that waits for; {@code alsoDone}: what else it
   * would complete; {@code go} and {@code stillWaits}: production then, and which of its dependencies would still
   * not be done (a group with its checks left, named when few); {@code outcome}: the gate or group asked about
   * instead of production, and whether it would then be ready or what it would wait for; {@code signedOnTop}: for a
   * pipeline's run, the sign-offs a run with other evidence would leave stale. Null when {@code wanted} or {@code
   * outcome} names nothing.
   */
  static Map<String, Object> ifDone(Now state, ReadinessFacts facts, String wanted, String outcome) {
    Evaluation evaluation = state.evaluation();
    Evaluator.Assessment now = state.assessment();
    List<Map<String, Object>> things = new ArrayList<>();
    List<String> assumed = new ArrayList<>();
    String whole = wanted == null ? "" : wanted.trim();
    // several things comma-separated, each by id or label; else one thing whose label may hold a comma
    if (!assume(state, facts, whole, false, things, assumed)) {
      for (String part : whole.split("[,;]")) {
        if (!part.isBlank() && !assume(state, facts, part.trim(), true, things, assumed)) {
          things.clear();
          assumed.clear();
          if (!assume(state, facts, whole, true, things, assumed)) {
            return null;
          }
          break;
        }
      }
    }
    Evaluation.GroupView byId = outcome == null || outcome.isBlank() ? null : facts.group(outcome.trim());
    // (a check's own id is that check, not the group an alias of which begins it: "safety.loto-procedure")
    Evaluation.CheckView checkById = byId != null || outcome == null || outcome.isBlank() ? null
        : facts.findCheck(outcome.trim());
    boolean namesCheck = checkById != null && checkById.id().equalsIgnoreCase(outcome.trim());
    Evaluation.GroupView asked = byId != null || namesCheck || outcome == null || outcome.isBlank() ? byId
        : facts.findGroup(outcome);
    // "jak wybiorę kanał, to Magda od razu podpisze treści?": a check asked of, whether it would be free to do
    Evaluation.CheckView askedCheck = asked != null || outcome == null || outcome.isBlank() ? null
        : checkById != null ? checkById : facts.findCheck(outcome.trim());
    if (things.isEmpty() || outcome != null && !outcome.isBlank() && asked == null && askedCheck == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>(things.get(0));
    out.put("assumed", things);
    List<String> ids = things.stream().map(t -> String.valueOf(t.get("id"))).toList();
    Evaluation.GroupView group = things.size() == 1 && "group".equals(things.get(0).get("kind"))
        ? group(evaluation, ids.get(0)) : null;
    out.put("alreadyDone", assumed.stream().allMatch(c -> now.status(c) == Status.READY)
        && (group == null || now.status(group.id()) == Status.READY));
    out.put("productionWaits", ids.stream().anyMatch(facts::productionWaitsFor)
        || assumed.stream().anyMatch(facts::productionWaitsFor));
    // a gate proven by a pipeline's run is that run: "if the dry-run passes again"
    String pipeline = things.size() == 1 ? (String) things.get(0).get("pipeline") : null;
    if (pipeline == null && things.size() == 1) {
      pipeline = evaluation.pipelines().stream().filter(p -> p.group().equals(ids.get(0))).findFirst()
          .map(Evaluation.PipelineView::id).orElse(null);
    }
    if (pipeline != null) {
      out.put("pipeline", pipeline);
      // a new run with other evidence (another checksum) leaves what was signed on top of the last one stale
      out.put("signedOnTop", now.signedOnTopOf(assumed).stream().map(c -> named(evaluation, c)).toList());
    }
    Evaluator.Assessment then = now.assuming(assumed);
    // what could not be done even so, and the first thing each waits for that the assumption does not cover
    List<Map<String, Object>> waitsFor = new ArrayList<>();
    List<String> blockers = new ArrayList<>();
    for (String c : assumed) {
      if (then.status(c) != Status.READY && then.blockedBy(c) != null && !blockers.contains(then.blockedBy(c))) {
        blockers.add(then.blockedBy(c));
      }
    }
    if (group != null && then.blockedBy(group.id()) != null && !blockers.contains(then.blockedBy(group.id()))) {
      blockers.add(then.blockedBy(group.id()));
    }
    blockers.forEach(b -> waitsFor.add(named(evaluation, b)));
    out.put("waitsFor", waitsFor);
    List<Map<String, Object>> alsoDone = new ArrayList<>();
    for (Evaluation.GroupView g : evaluation.groups()) {
      if (!ids.contains(g.id()) && (asked == null || !asked.id().equals(g.id()))
          && now.status(g.id()) != Status.READY && then.status(g.id()) == Status.READY) {
        alsoDone.add(named(evaluation, g.id()));
      }
      for (Evaluation.CheckView c : g.checks()) {
        if (!assumed.contains(c.id()) && now.status(c.id()) != Status.READY && then.status(c.id()) == Status.READY) {
          alsoDone.add(named(evaluation, c.id()));
        }
      }
    }
    out.put("alsoDone", alsoDone);
    if (asked != null) {
      Map<String, Object> result = waiting(state, then, asked.id());
      result.put("readyNow", now.status(asked.id()) == Status.READY);
      result.put("ready", then.status(asked.id()) == Status.READY);
      // "is the customs gate done then?": all its checks, and the code it would then carry
      result.put("total", asked.checks().size());
      result.put("codeThen", then.decision(asked.id()));
      String blockedBy = then.status(asked.id()) == Status.READY ? null : then.blockedBy(asked.id());
      if (blockedBy != null && !blockedBy.equals(asked.id())) {
        result.put("blockedBy", named(evaluation, blockedBy));
      }
      out.put("outcome", result);
    }
    if (askedCheck != null) {
      Map<String, Object> result = named(evaluation, askedCheck.id());
      result.put("check", true);
      result.put("owner", askedCheck.owner());
      Actor owner = state.scenario().actor(askedCheck.owner());
      result.put("ownerName", owner == null ? askedCheck.owner() : owner.name());
      result.put("readyNow", now.status(askedCheck.id()) == Status.READY);
      result.put("waitsNow", now.blockedBy(askedCheck.id()) != null);
      String blockedBy = then.blockedBy(askedCheck.id());
      if (blockedBy != null && !assumed.contains(askedCheck.id())) {
        result.put("blockedBy", named(evaluation, blockedBy));
      }
      out.put("outcome", result);
    }
    List<Map<String, Object>> stillWaits = new ArrayList<>();
    Evaluation.GroupView production = evaluation.production();
    for (String dependency : production.dependsOn() == null ? List.<String>of() : production.dependsOn()) {
      if (then.status(dependency) != Status.READY) {
        stillWaits.add(waiting(state, then, dependency));
      }
    }
    // "how many gates are ready then": the checklist's gates as they would then be
    out.put("gatesReadyThen", evaluation.groups().stream().filter(g -> g.gate() && then.status(g.id()) == Status.READY)
        .count());
    out.put("gatesTotal", evaluation.groups().stream().filter(Evaluation.GroupView::gate).count());
    out.put("go", then.productionGo());
    out.put("codeThen", then.productionDecision());
    out.put("goNow", now.productionGo());
    out.put("stillWaits", stillWaits);
    return out;
  }

  /**
   * Adds what {@code wanted} names to a what-if's {@code things} (one entry) and its checks to {@code assumed}:
   * a group's checks, a pipeline's steps, a check, or the sign-offs and decisions a person has still to give.
   * False when it names none of those.
   */
  private static boolean assume(Now state, ReadinessFacts facts, String wanted, boolean byLabel,
                                List<Map<String, Object>> things, List<String> assumed) {
    if (wanted.isEmpty()) {
      return false;
    }
    Evaluation evaluation = state.evaluation();
    Evaluation.GroupView group = facts.group(wanted);
    Evaluation.CheckView check = group == null ? check(evaluation, wanted) : null;
    Evaluation.PipelineView pipeline = group == null && check == null ? evaluation.pipelines().stream()
        .filter(p -> p.id().equalsIgnoreCase(wanted)).findFirst().orElse(null) : null;
    Actor actor = group == null && check == null && pipeline == null ? state.scenario().actor(wanted) : null;
    if (group == null && check == null && pipeline == null && actor == null) {
      if (!byLabel) {
        return false;
      }
      group = facts.findGroup(wanted);
      check = group == null ? facts.findCheck(wanted) : null;
      Evaluation.ActorView named = group == null && check == null ? facts.findActor(wanted) : null;
      actor = named == null ? null : state.scenario().actor(named.id());
      if (group == null && check == null && actor == null) {
        return false;
      }
    }
    Map<String, Object> thing = new LinkedHashMap<>();
    if (pipeline != null) {
      String id = pipeline.id();
      evaluation.groups().forEach(g -> g.checks().stream().filter(c -> id.equals(c.pipeline()))
          .forEach(c -> assumed.add(c.id())));
      Evaluation.GroupView proven = group(evaluation, pipeline.group());
      thing.put("id", pipeline.group());
      thing.put("label", proven == null ? pipeline.id() : proven.label());
      thing.put("kind", "pipeline");
      thing.put("pipeline", pipeline.id());
    } else if (group != null) {
      group.checks().forEach(c -> assumed.add(c.id()));
      thing.put("id", group.id());
      thing.put("label", group.label());
      thing.put("kind", "group");
    } else if (check != null) {
      assumed.add(check.id());
      thing.put("id", check.id());
      thing.put("label", check.label());
      thing.put("kind", "check");
    } else {
      // "if Petra and I sign our bits": what each still has to give, done or not yet possible
      List<String> owed = new ArrayList<>();
      for (ActorActions.Action action : ActorActions.of(state.scenario(), state.assessment(), actor)) {
        if (action.kind() != ActorActions.Kind.PIPELINE && action.state() != ActorActions.State.DONE) {
          owed.add(action.target());
        }
      }
      assumed.addAll(owed);
      thing.put("id", actor.id());
      thing.put("label", actor.name());
      thing.put("kind", "person");
      thing.put("owed", owed.stream().map(c -> named(evaluation, c)).toList());
    }
    things.add(thing);
    return true;
  }

  /** A group or check a what-if would still wait for: the group's checks then left, named with owners when few. */
  private static Map<String, Object> waiting(Now state, Evaluator.Assessment then, String id) {
    Evaluation evaluation = state.evaluation();
    Map<String, Object> waiting = named(evaluation, id);
    Evaluation.GroupView waitingGroup = group(evaluation, id);
    if (waitingGroup != null) {
      List<Evaluation.CheckView> left = waitingGroup.checks().stream()
          .filter(c -> then.status(c.id()) != Status.READY).toList();
      waiting.put("left", left.size());
      // a few left: which, and whose ("are we GO then?" is answered by who still has to act)
      if (!left.isEmpty() && left.size() <= OPEN_NAMED) {
        waiting.put("open", left.stream().map(c -> {
          Map<String, Object> item = named(evaluation, c.id());
          Actor owner = state.scenario().actor(c.owner());
          item.put("ownerName", owner == null ? c.owner() : owner.name());
          return item;
        }).toList());
      }
    }
    return waiting;
  }

  /** At most this many checks still open in a group production would wait for are named in a what-if. */
  private static final int OPEN_NAMED = 3;

  /** An id with its label, for a list an answer names without stating statuses. */
  private static Map<String, Object> named(Evaluation evaluation, String id) {
    Evaluation.GroupView group = group(evaluation, id);
    Evaluation.CheckView check = group == null ? check(evaluation, id) : null;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("label", group != null ? group.label() : check != null ? check.label() : id);
    return out;
  }

  /**
   * What {@code actor} can do now, asked of the command rules ({@link ActorActions}): {@code actionable}
   * are their tasks, {@code blocked} what they are offered but would be refused, {@code rerunnable} the pipelines
   * they may run again over a gate already proved (taken, but no task). The shape keeps
   * {@code id/name/role/actionable/blocked} so an answer written from it reads the same as before.
   */
  static Map<String, Object> tasks(Now state, Actor actor) {
    Evaluation evaluation = state.evaluation();
    List<Map<String, Object>> actionable = new ArrayList<>();
    List<Map<String, Object>> blocked = new ArrayList<>();
    List<Map<String, Object>> rerunnable = new ArrayList<>();
    Map<String, Integer> byKind = new LinkedHashMap<>();
    byKind.put("signOffs", 0);
    byKind.put("decisions", 0);
    byKind.put("pipelines", 0);
    int done = 0;
    for (ActorActions.Action action : ActorActions.of(state.scenario(), state.assessment(), actor)) {
      if (action.state() == ActorActions.State.DONE) {
        done++;
        continue;
      }
      Map<String, Object> item = action(evaluation, action);
      if (ActorActions.repeatsProof(state.scenario(), state.assessment(), action)) {
        rerunnable.add(item);
      } else if (action.available()) {
        actionable.add(item);
        byKind.merge(switch (action.kind()) {
          case SIGN_OFF -> "signOffs";
          case DECISION -> "decisions";
          case PIPELINE -> "pipelines";
        }, 1, Integer::sum);
      } else {
        blocked.add(item);
      }
    }
    // what they own but could never move: only an owner may, so nobody can (said, never hidden)
    List<Map<String, Object>> forbidden = new ArrayList<>();
    for (ActorActions.Action action : ActorActions.ownedButForbidden(state.scenario(), state.assessment(), actor)) {
      Map<String, Object> item = action(evaluation, action);
      item.put("lacks", ActorActions.ownerPermission(state.assessment().check(action.target())));
      forbidden.add(item);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", actor.id());
    out.put("name", actor.name());
    out.put("role", actor.role().in(Lang.parse(evaluation.lang()).orElse(Lang.EN)));
    out.put("permissions", actor.permissions() == null ? List.of() : List.copyOf(actor.permissions()));
    out.put("count", actionable.size());
    out.put("byKind", byKind);
    out.put("actionable", actionable);
    out.put("blocked", blocked);
    out.put("rerunnable", rerunnable);
    out.put("ownedButForbidden", forbidden);
    out.put("alreadyDone", done);
    // what they own, whatever its state: "who is X and what do they own", "which checks does X own"
    List<Evaluation.GroupView> groups = new ArrayList<>(evaluation.groups());
    groups.add(evaluation.production());
    List<Map<String, Object>> owns = new ArrayList<>();
    for (Evaluation.GroupView group : groups) {
      if (actor.id().equals(group.owner())) {
        owns.add(Map.of("id", group.id(), "label", group.label(), "status", group.status(), "group", true));
      }
      for (Evaluation.CheckView check : group.checks()) {
        if (actor.id().equals(check.owner())) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("id", check.id());
          item.put("label", check.label());
          item.put("status", check.status());
          item.put("kind", check.kind() == null ? "" : check.kind());
          if (check.pipeline() != null) {
            item.put("pipeline", check.pipeline());
          }
          // a pipeline's check waits with its gate: "Org isolation" waits for what its group waits for
          String blockedBy = check.blockedBy() != null ? check.blockedBy() : group.blockedBy();
          if (blockedBy != null && !"READY".equals(check.status())) {
            item.put("blockedBy", blockedBy);
          }
          owns.add(item);
        }
      }
    }
    out.put("owns", owns);
    out.put("owned", owns.stream().filter(item -> !item.containsKey("group")).toList());
    // what they signed off or decided that stands now: "what have I signed so far"
    List<Map<String, Object>> signed = new ArrayList<>();
    for (Evaluation.GroupView group : groups) {
      for (Evaluation.CheckView check : group.checks()) {
        if (check.signOff() != null && actor.id().equals(check.signOff().actor())) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("id", check.id());
          item.put("label", check.label());
          item.put("at", check.signOff().at());
          item.put("value", check.signOff().value());
          signed.add(item);
        }
      }
    }
    out.put("signed", signed);
    return out;
  }

  /**
   * Whether the server would start {@code pipeline} now for those allowed to run pipelines, and if
   * not, its refusal and what it waits for: "run it" is answered with why it cannot run yet.
   */
  static Map<String, Object> startable(Now state, String pipeline) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Actor actor : state.scenario().actors()) {
      if (!actor.can(Permissions.RUN_PIPELINES)) {
        continue;
      }
      for (ActorActions.Action action : ActorActions.of(state.scenario(), state.assessment(), actor)) {
        if (action.kind() == ActorActions.Kind.PIPELINE && action.target().equals(pipeline)) {
          out.put("startable", action.state() != ActorActions.State.REFUSED);
          if (action.state() == ActorActions.State.REFUSED) {
            out.put("refusal", action.refusal() == null ? null : action.refusal().name());
            if (action.blockedBy() != null) {
              out.put("blockedBy", action.blockedBy());
            }
          }
          return out;
        }
      }
    }
    return out;
  }

  /**
   * Who can move {@code checkId}, as the server would decide it: its owner's sign-off or decision
   * ({@code ownerCan}: AVAILABLE, DONE or REFUSED, with {@code ownerLacks} when the owner lacks the
   * permission, so nobody can), or for a pipeline step whether its pipeline would start now and who
   * may run it ({@code runners}). Empty for a derived check.
   */
  static Map<String, Object> whoMoves(Now state, String checkId) {
    Map<String, Object> out = new LinkedHashMap<>();
    CheckDef check = state.assessment().check(checkId);
    if (check == null) {
      return out;
    }
    if (check.kind() == CheckKind.PIPELINE && check.pipeline() != null) {
      Actor owner = state.scenario().actor(check.owner());
      // under their own names: the check's own blockedBy is another fact
      Map<String, Object> start = startable(state, check.pipeline());
      out.put("startable", start.get("startable"));
      out.put("startRefusal", start.get("refusal"));
      out.put("startBlockedBy", start.get("blockedBy"));
      out.put("runners", runners(state));
      out.put("ownerRuns", owner != null && owner.can(Permissions.RUN_PIPELINES));
      return out;
    }
    ActorActions.Action owner = ActorActions.ofOwner(state.scenario(), state.assessment(), checkId);
    if (owner != null) {
      out.put("ownerCan", owner.state().name());
      if (owner.refusal() == CommandRejected.Reason.FORBIDDEN) {
        out.put("ownerLacks", ActorActions.ownerPermission(check));
      }
    }
    return out;
  }

  /** Everyone who may start pipelines, as "Name (Role)". */
  static List<String> runners(Now state) {
    Lang lang = Lang.parse(state.evaluation().lang()).orElse(Lang.EN);
    List<String> out = new ArrayList<>();
    for (Actor actor : state.scenario().actors()) {
      if (actor.can(Permissions.RUN_PIPELINES)) {
        out.add(actor.name() + " (" + actor.role().in(lang) + ")");
      }
    }
    return out;
  }

  private static Map<String, Object> action(Evaluation evaluation, ActorActions.Action action) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (action.kind() == ActorActions.Kind.PIPELINE) {
      Evaluation.PipelineView pipeline = evaluation.pipelines().stream()
          .filter(p -> p.id().equals(action.target())).findFirst().orElse(null);
      Evaluation.GroupView group = pipeline == null ? null : group(evaluation, pipeline.group());
      out.put("id", pipeline == null ? action.target() : pipeline.group());
      out.put("pipeline", action.target());
      out.put("label", group == null ? action.target() : group.label());
      out.put("status", group == null ? null : group.status());
      out.put("command", "POST /api/pipelines/" + action.target());
    } else {
      Evaluation.CheckView check = check(evaluation, action.target());
      out.put("id", action.target());
      out.put("label", check == null ? action.target() : check.label());
      out.put("status", check == null ? null : check.status());
      out.put("command", check == null ? null : check.command());
    }
    out.put("kind", switch (action.kind()) {
      case SIGN_OFF -> "sign-off";
      case DECISION -> "decision";
      case PIPELINE -> "pipeline";
    });
    if (!action.available()) {
      out.put("refusal", action.refusal() == null ? null : action.refusal().name());
      out.put("why", action.message());
      if (action.blockedBy() != null) {
        out.put("blockedBy", action.blockedBy());
      }
    }
    return out;
  }

  static Map<String, Object> counts(Evaluation evaluation) {
    Evaluation.Summary s = evaluation.summary();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", evaluation.production().id());
    out.put("gatesReady", s.gatesReady());
    out.put("gatesTotal", s.gatesTotal());
    out.put("gatesPercent", percent(s.gatesReady(), s.gatesTotal()));
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    for (String status : List.of("READY", "REVIEW", "BLOCKED")) {
      byStatus.put(status, (int) evaluation.gates().stream().filter(g -> status.equals(g.status())).count());
    }
    out.put("gatesByStatus", byStatus);
    out.put("checksReady", s.checksReady());
    out.put("checksTotal", s.checksTotal());
    out.put("percent", s.percent());
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Evaluation.GroupView group : evaluation.groups()) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("id", group.id());
      g.put("label", group.label());
      g.put("gate", group.gate());
      g.put("status", group.status());
      g.put("done", group.done());
      g.put("total", group.total());
      g.put("percent", percent(group.done(), group.total()));
      groups.add(g);
    }
    out.put("groups", groups);
    return out;
  }

  private static int percent(int done, int total) {
    return total == 0 ? 100 : (int) Math.round(100.0 * done / total);
  }

  static Map<String, Object> permissions(Scenario scenario) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, List<String>> holders = new LinkedHashMap<>();
    for (String permission : List.of(Permissions.ACCEPT_CHECKS, Permissions.RECORD_DECISIONS, Permissions.RUN_PIPELINES)) {
      holders.put(permission, new ArrayList<>());
    }
    List<Map<String, Object>> actors = new ArrayList<>();
    for (Actor actor : scenario.actors()) {
      for (String permission : actor.permissions()) {
        holders.computeIfAbsent(permission, k -> new ArrayList<>()).add(actor.id());
      }
      actors.add(permissions(actor));
    }
    out.put("holders", holders);
    out.put("actors", actors);
    out.put("grants", Map.of(Permissions.ACCEPT_CHECKS, "sign off (and revoke) the owner-acceptance checks the actor owns",
        Permissions.RECORD_DECISIONS, "record the decision checks the actor owns",
        Permissions.RUN_PIPELINES, "start the scenario's pipelines"));
    return out;
  }

  static Map<String, Object> permissions(Actor actor) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", actor.id());
    out.put("name", actor.name());
    out.put("roleKey", actor.roleKey());
    out.put("permissions", actor.permissions());
    out.put("canAcceptChecks", actor.can(Permissions.ACCEPT_CHECKS));
    out.put("canRecordDecisions", actor.can(Permissions.RECORD_DECISIONS));
    out.put("canRunPipelines", actor.can(Permissions.RUN_PIPELINES));
    return out;
  }

  static Map<String, Object> session(Now state) {
    Evaluation evaluation = state.evaluation();
    Evaluation.SessionView session = evaluation.session();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("scenario", evaluation.scenario());
    out.put("seq", evaluation.seq());
    if (session != null) {
      out.put("storage", session.storage());
      out.put("auth", session.auth());
      out.put("contract", session.contract());
      out.put("tenantMode", session.tenantMode());
      out.put("session", session.session());
      out.put("lastWrite", session.lastWrite());
      out.put("lastWriteAt", session.lastWriteAt());
      out.put("lastWriteBy", session.lastWriteBy());
    }
    out.put("tenant", state.scenario().tenant().name());
    evaluation.environments().stream().filter(e -> "active".equals(e.state())).findFirst()
        .ifPresent(e -> out.put("activeEnvironment", Map.of("id", e.id(), "label", e.label(), "adapter", e.adapter())));
    out.put("target", evaluation.summary().target());
    // the way back: which adapter a rollback returns to and who answers for it
    var target = state.scenario().target();
    if (target != null && target.rollbackAdapter() != null) {
      out.put("rollbackAdapter", target.rollbackAdapter());
    }
    Actor rollbackOwner = target == null || target.rollbackOwner() == null ? null
        : state.scenario().actor(target.rollbackOwner());
    if (rollbackOwner != null) {
      out.put("rollbackOwner", rollbackOwner.name());
      out.put("rollbackOwnerRole", rollbackOwner.role().in(Lang.parse(evaluation.lang()).orElse(Lang.EN)));
    }
    return out;
  }

  /** An actor by id, full name, first name, role key, role label (either language) or alias, case and accents ignored. */
  static Actor actor(Scenario scenario, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String wanted = folded(text);
    for (Actor actor : scenario.actors()) {
      List<String> names = new ArrayList<>(List.of(actor.id(), actor.name(), actor.roleKey(), actor.role().en(),
          actor.role().pl()));
      names.addAll(actor.aliases().en());
      names.addAll(actor.aliases().pl());
      for (String word : actor.name().split("\\s+")) {
        if (!word.endsWith(".")) {
          names.add(word);
        }
      }
      for (String name : names) {
        if (wanted.equals(folded(name))) {
          return actor;
        }
      }
    }
    return null;
  }

  private static String folded(String text) {
    StringBuilder out = new StringBuilder();
    for (var tok : Grounding.tokenize(text)) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(tok.fold());
    }
    return out.toString();
  }

  private static Evaluation.GroupView group(Evaluation evaluation, String id) {
    return evaluation.groups().stream().filter(g -> g.id().equals(id)).findFirst().orElse(null);
  }

  private static Evaluation.CheckView check(Evaluation evaluation, String id) {
    for (Evaluation.GroupView group : evaluation.groups()) {
      for (Evaluation.CheckView check : group.checks()) {
        if (check.id().equals(id)) {
          return check;
        }
      }
    }
    return null;
  }

  private String found(Map<String, Object> value, String missing) {
    return value == null ? result(Map.of("error", missing)) : result(value);
  }

  private String result(Object value) {
    if (keepValues && value instanceof Map<?, ?>) {
      // the local model reads the map itself, so no JSON is written for it (writing it was a tenth of an answer's
      // CPU); the handle is a string of its own, found again by identity
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) value;
      String handle = new String(LOCAL_RESULT);
      VALUES.get().put(handle, map);
      return handle;
    }
    return json(value);
  }

  /** What a tool answers the local model: a handle to the value it reads (see {@link #valueOf}). */
  private static final String LOCAL_RESULT = "(a tool result the local model reads as it was made)";

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tool result failed to serialise", e);
    }
  }
}

package io.bfg.console.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.auth.Identity;
import io.bfg.console.command.ActorActions;
import io.bfg.console.command.CommandRules;
import io.bfg.console.eval.Evaluation;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.eval.JsonPatch;
import io.bfg.console.model.Actor;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.Lang;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;
import io.bfg.console.packets.Packets;
import io.bfg.console.snapshot.Snapshot;
import io.bfg.console.store.ChainVerification;
import io.bfg.console.store.ScenarioStore;
import io.bfg.console.store.StoreConflict;
import io.bfg.console.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The console's state: the scenario, the session state folded from the store, and the evaluation
 * of that state, cached per language as the JSON bytes every reader gets (evaluated and serialised
 * once per change, not once per request). Commands run one at a time in arrival order, each
 * validated against the state the previous one left, appended to the store, then published.
 *
 * <p>On a shared store other consoles append too. Their events enter through the same queue and
 * the same {@link #apply} as this console's own (event in seq order, new state, evaluation,
 * publish): {@link #catchUp} reads them, and a command whose append lost the race to another
 * console ({@link StoreConflict}) catches up and is decided again against the new state.
 */
public final class ReadinessService {

  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * How often one command may lose its append to another console before it answers
   * STORE_CONFLICT: each loss means another command was committed, so this bounds a starved command,
   * not the work done.
   */
  static final int CONFLICT_RETRIES = 16;

  private final Scenario scenario;
  private final Snapshot snapshot;
  private final Evaluator evaluator;
  private final Runtime runtime;
  private final ScenarioStore store;
  private final EventBus eventBus;
  private final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final ChangesInFlight changesInFlight = new ChangesInFlight();
  private volatile View view;
  private volatile Buffer snapshotJson;
  /** The tail of the command queue; guarded by {@code this}. */
  private Future<?> commandTail = Future.succeededFuture();
  /** The catch-up waiting in the queue, not reading yet: a request meanwhile joins it. Guarded by {@code this}. */
  private Promise<Integer> waitingCatchUp;

  /** One session state with its assessment and lazily rendered evaluations and packets. */
  private final class View {
    final SessionState state;
    final Evaluator.Assessment assessment;
    final ConcurrentHashMap<Lang, Evaluation> evaluations = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Lang, Buffer> json = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Packets.Packet> packets = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Lang, Buffer> patches = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Lang, JsonNode> trees = new ConcurrentHashMap<>();
    /** The view this one replaced, until the next change drops it: only one link is ever held. */
    volatile View previous;

    View(SessionState state, View previous) {
      this.state = state;
      this.assessment = evaluator.assess(runtime, state);
      this.previous = previous;
    }

    Evaluation evaluation(Lang lang) {
      return evaluations.computeIfAbsent(lang, l -> evaluator.render(assessment, l));
    }

    Buffer json(Lang lang) {
      return json.computeIfAbsent(lang, l -> Buffer.buffer(bytes(evaluation(l))));
    }

    /** Null when there is no previous view (the first state, or a later one already replaced this). */
    Buffer patch(Lang lang) {
      View before = previous;
      if (before == null) {
        return null;
      }
      return patches.computeIfAbsent(lang, l -> Buffer.buffer(bytes(JsonPatch.diff(before.tree(l), tree(l)))));
    }

    /** The evaluation JSON parsed back, kept so the next change's patch does not parse it again. */
    JsonNode tree(Lang lang) {
      return trees.computeIfAbsent(lang, l -> parse(json(l)));
    }
  }

  /**
   * One state's evaluation for the feed, taken from one view so the parts agree: its JSON, and the
   * RFC 6902 patch from the evaluation at {@code patchBase} to it (null when not known).
   */
  public record Published(long seq, Buffer evaluationJson, long patchBase, Buffer patchJson) {
  }

  public ReadinessService(Scenario scenario, Snapshot snapshot, Runtime runtime, ScenarioStore store,
                          EventBus eventBus) {
    this.scenario = scenario;
    this.snapshot = snapshot;
    this.evaluator = new Evaluator(scenario);
    this.runtime = runtime;
    this.store = store;
    this.eventBus = eventBus;
  }

  /** Replays the store; the console serves nothing before this completes. */
  public Future<Void> start(io.vertx.core.Vertx vertx) {
    return store.load().map(loaded -> {
      events.addAll(loaded);
      view = new View(SessionState.replay(loaded), null);
      return null;
    }).compose(ignored -> vertx.executeBlocking(() -> {
      snapshotJson();
      return null;
    }, false));
  }

  public Scenario scenario() {
    return scenario;
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  /**
   * GET /api/snapshot's body, serialised once: the snapshot never changes while the console runs.
   * Large (100,000 rows take seconds to write), so {@link #start} prepares it on a worker thread.
   */
  public Buffer snapshotJson() {
    Buffer json = snapshotJson;
    if (json == null) {
      synchronized (this) {
        if (snapshotJson == null) {
          var summary = scenario.snapshot();
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("schema", summary.schema());
          body.put("checksum", summary.checksum());
          body.put("checksumShort", summary.checksumShort());
          body.put("rows", summary.totalRows());
          body.put("rowsByBatch", summary.rowsByBatch());
          body.put("rowsByTable", summary.rowsByTable());
          body.put("payload", snapshot.payload());
          snapshotJson = Buffer.buffer(bytes(body));
        }
        json = snapshotJson;
      }
    }
    return json;
  }

  public ScenarioStore store() {
    return store;
  }

  /** Counts a change from its command (or catch-up) entering the queue until every feed hub has sent it. */
  public ChangesInFlight changesInFlight() {
    return changesInFlight;
  }

  public SessionState state() {
    return view.state;
  }

  public Evaluation evaluation(Lang lang) {
    return view.evaluation(lang);
  }

  /**
   * The current state's assessment, what commands are validated against: the copilot asks it what an
   * actor may do now ({@link io.bfg.console.command.ActorActions}). Its {@code state().seq()} tells
   * which evaluation it belongs to.
   */
  public Evaluator.Assessment assessment() {
    return view.assessment;
  }

  /** The evaluation as JSON, the same buffer for every caller until the state changes. */
  public Buffer evaluationJson(Lang lang) {
    return view.json(lang);
  }

  /** The current evaluation and the patch that led to it, for subscribers that hold the previous one. */
  public Published published(Lang lang) {
    View current = view;
    View before = current.previous;
    Buffer patch = before == null ? null : current.patch(lang);
    return new Published(current.state.seq(), current.json(lang), patch == null ? -1 : before.state.seq(), patch);
  }

  /** Null for a packet id the scenario does not declare. */
  public Packets.Packet packet(String id) {
    View current = view;
    Packets.Packet cached = current.packets.get(id);
    if (cached != null) {
      return cached;
    }
    Packets.Packet packet = Packets.render(id, scenario, current.evaluation(Lang.EN), current.state,
        template -> evaluator.envValue(current.assessment, Lang.EN, template));
    if (packet != null) {
      current.packets.put(id, packet);
    }
    return packet;
  }

  /** What {@code actor} may do now and what they would be refused, in the state of {@code seq}. */
  public record Actions(long seq, List<ActorActions.Action> actions) {
  }

  /** ActorActions for {@code actor} on the current state, so a page offers only what the server takes. */
  public Actions actions(Actor actor) {
    View current = view;
    return new Actions(current.state.seq(), ActorActions.of(scenario, current.assessment, actor));
  }

  public Actor actor(String id) {
    return scenario.actor(id);
  }

  /**
   * The actor a token's actor claim names: the actor with that id or listing it among its identities,
   * or null. Looked up per request, so the scenario's actors and permissions always decide.
   */
  public Actor actorKnownAs(String claimValue) {
    for (Actor actor : scenario.actors()) {
      if (actor.knownAs(claimValue)) {
        return actor;
      }
    }
    return null;
  }

  public List<AuditEvent> auditEvents() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** The last {@code limit} events, without copying the whole trail. */
  public List<AuditEvent> recentAuditEvents(int limit) {
    synchronized (events) {
      return List.copyOf(events.subList(Math.max(0, events.size() - limit), events.size()));
    }
  }

  public Future<ChainVerification> verifyAudit() {
    return store.verify();
  }

  /** The chain's verdict at the store's head (cheap): what /health reports. */
  public Future<ChainVerification> chainAtHead() {
    return store.checkHead();
  }

  /**
   * Fails with {@code AUDIT_CHAIN_BROKEN} unless the chain is intact at its head. Every command and
   * pipeline start passes here before its own rules: nothing is decided on a trail nobody can trust.
   */
  public Future<Void> requireIntactChain() {
    return store.checkHead().compose(chain -> chain.valid() ? Future.<Void>succeededFuture()
        : Future.failedFuture(StoreException.chainBroken(chain)));
  }

  /** The result of a command: the event it appended, or none when it repeated the current state. */
  public record CommandResult(AuditEvent event, SessionState state) {
    public boolean changed() {
      return event != null;
    }
  }

  public Future<CommandResult> accept(Actor actor, String checkId) {
    return accept(named(actor), checkId);
  }

  /** As {@link #accept(Actor, String)}; the event also records the identity's subject and issuer. */
  public Future<CommandResult> accept(Identity who, String checkId) {
    return command(a -> CommandRules.accept(scenario, a, who.actor(), checkId), who);
  }

  public Future<CommandResult> revoke(Actor actor, String checkId) {
    return revoke(named(actor), checkId);
  }

  public Future<CommandResult> revoke(Identity who, String checkId) {
    return command(a -> CommandRules.revoke(scenario, a, who.actor(), checkId), who);
  }

  public Future<CommandResult> decide(Actor actor, String checkId, String value) {
    return decide(named(actor), checkId, value);
  }

  public Future<CommandResult> decide(Identity who, String checkId, String value) {
    return command(a -> CommandRules.decide(scenario, a, who.actor(), checkId, value), who);
  }

  /** Refuses (CommandRejected) unless {@code actor} may start {@code pipeline} in the current state. */
  public void checkPipeline(Actor actor, String pipeline) {
    CommandRules.runPipeline(scenario, view.assessment, actor, pipeline);
  }

  /**
   * Appends a finished run; its steps become the evidence of the checks that pipeline proves. An
   * ERRORED run is recorded as {@code pipeline.errored}: in the trail, never evidence.
   */
  public Future<CommandResult> recordPipeline(Identity who, PipelineRun run) {
    ObjectNode payload = JSON.createObjectNode();
    payload.set("run", JSON.valueToTree(run));
    String type = PipelineRun.ERRORED.equals(run.status()) ? SessionState.PIPELINE_ERRORED
        : SessionState.PIPELINE_FINISHED;
    return command(a -> new CommandRules.Outcome(type, payload), who);
  }

  public Future<CommandResult> recordPipeline(Actor actor, PipelineRun run) {
    return recordPipeline(named(actor), run);
  }

  /** A recorded run by id, or null. */
  public PipelineRun recordedRun(String runId) {
    return latestRun(run -> runId.equals(run.path("runId").asText()));
  }

  /** The latest recorded run of {@code pipeline} (ERRORED ones included), or null. */
  public PipelineRun latestRecordedRun(String pipeline) {
    return latestRun(run -> pipeline.equals(run.path("pipeline").asText()));
  }

  private PipelineRun latestRun(java.util.function.Predicate<JsonNode> matches) {
    List<AuditEvent> all = auditEvents();
    for (int i = all.size() - 1; i >= 0; i--) {
      AuditEvent event = all.get(i);
      boolean isRun = SessionState.PIPELINE_FINISHED.equals(event.type())
          || SessionState.PIPELINE_ERRORED.equals(event.type());
      if (isRun && matches.test(event.payload().path("run"))) {
        return JSON.convertValue(event.payload().get("run"), PipelineRun.class);
      }
    }
    return null;
  }

  /**
   * Queues a command behind the previous one so each is validated against the state the one
   * before left: two owners signing off at once can never both pass a check that only one may.
   */
  private Future<CommandResult> command(Function<Evaluator.Assessment, CommandRules.Outcome> rule, Identity actor) {
    return queued(() -> requireIntactChain().compose(intact -> decideAndAppend(rule, actor, CONFLICT_RETRIES)));
  }

  /** {@code work} behind everything queued before it: commands and catch-ups, one at a time. */
  private <T> Future<T> queued(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    changesInFlight.begin();
    done.future().onComplete(ignored -> changesInFlight.end());
    synchronized (this) {
      commandTail = commandTail.transform(ignored -> {
        Future<T> result = work.get();
        result.onComplete(done);
        return result;
      });
    }
    return done.future();
  }

  /**
   * Reads what other consoles appended to the shared store since this state and applies it, in seq
   * order, exactly as a command of this console is applied. Queued behind the commands before it; a
   * request while one is still waiting to start joins that one. Completes with how many events it
   * applied, or fails as the store does. A store no other console writes to has nothing to give.
   */
  public synchronized Future<Integer> catchUp() {
    if (waitingCatchUp != null) {
      return waitingCatchUp.future();
    }
    Promise<Integer> done = Promise.promise();
    waitingCatchUp = done;
    queued(() -> {
      synchronized (this) {
        waitingCatchUp = null;
      }
      return readOthers();
    }).onComplete(done);
    return done.future();
  }

  /** Runs in the queue. */
  private Future<Integer> readOthers() {
    long known = view.state.seq();
    return store.readAfter(known).map(others -> {
      int applied = 0;
      for (AuditEvent event : others) {
        if (event.seq() > view.state.seq()) {
          apply(event);
          applied++;
        }
      }
      return applied;
    });
  }

  /**
   * The one way an event enters this console, its own or another console's: the trail, the new state
   * and its evaluation, then the change published once. Runs in the queue, in seq order.
   */
  private View apply(AuditEvent event) {
    View current = view;
    events.add(event);
    View next = new View(current.state.apply(event), current);
    current.previous = null;
    view = next;
    eventBus.publish(Addresses.STATE_CHANGED, Buffer.buffer(bytes(event)));
    return next;
  }

  /**
   * Decides against the current state and appends. Another console may have appended first: then
   * nothing was stored, and the command is decided again once this console has caught up (it may now
   * be refused, or repeat the state and answer {@code changed: false}).
   */
  private Future<CommandResult> decideAndAppend(Function<Evaluator.Assessment, CommandRules.Outcome> rule,
                                                Identity who, int retries) {
    CommandRules.Outcome outcome;
    View current = view;
    try {
      outcome = rule.apply(current.assessment);
    } catch (RuntimeException rejected) {
      return Future.failedFuture(rejected);
    }
    if (!outcome.changes()) {
      return Future.succeededFuture(new CommandResult(null, current.state));
    }
    return store.append(outcome.eventType(), who.actor().id(), attributed(outcome.payload(), who))
        .map(event -> new CommandResult(event, apply(event).state))
        .recover(failure -> failure instanceof StoreConflict && retries > 0
            ? readOthers().compose(caughtUp -> decideAndAppend(rule, who, retries - 1))
            : Future.failedFuture(failure));
  }

  /** An actor named without an identity provider (mock-auth-header, in-process callers). */
  private static Identity named(Actor actor) {
    return new Identity(actor, null, null, null, Identity.Via.MOCK_HEADER, null);
  }

  /**
   * An identity provider's subject and issuer go into the payload beside the actor id: the event's
   * fields, and so the hash rule and every journal written before, stay as they are.
   */
  private static ObjectNode attributed(ObjectNode payload, Identity who) {
    if (who.subject() == null && who.issuer() == null) {
      return payload;
    }
    ObjectNode copy = payload == null ? JSON.createObjectNode() : payload.deepCopy();
    copy.put("subject", who.subject());
    copy.put("issuer", who.issuer());
    return copy;
  }

  private static JsonNode parse(Buffer json) {
    try {
      return JSON.readTree(json.getBytes());
    } catch (IOException e) {
      throw new IllegalStateException("the console's own evaluation JSON failed to parse", e);
    }
  }

  public static byte[] bytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a console record failed to serialise", e);
    }
  }
}

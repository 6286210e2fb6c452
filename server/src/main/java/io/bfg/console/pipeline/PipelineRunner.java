package io.bfg.console.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.command.CommandRejected;
import io.bfg.console.auth.Identity;
import io.bfg.console.model.Actor;
import io.bfg.console.model.Lang;
import io.bfg.console.model.PipelineBinding;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.Scenario;
import io.bfg.console.packets.Packets;
import io.bfg.console.service.Addresses;
import io.bfg.console.service.ReadinessService;
import io.bfg.console.store.PipelineClaims;
import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TargetProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Starts pipeline runs (against the target PostgreSQL, or the identity check against the configured
 * OIDC issuer), streams their progress to the feed and records each finished run in the store, where
 * its steps become the evidence of the checks it proves. Only the pipelines the scenario declares run.
 * One run per pipeline at a time (a second start is refused with 409): this console's runs decide
 * for itself, and {@link PipelineClaims} across the consoles sharing a store, which also carry each
 * run's progress to the other consoles' feeds. The run executes as a chain of futures on the event
 * loop that accepted it, with CPU-heavy work (checksums) on worker threads.
 */
public final class PipelineRunner {

  /** Rows per INSERT of the dry-run replay. */
  public static final int DEFAULT_BATCH_ROWS = 2_000;
  private static final int KEEP_TRANSCRIPTS = 32;
  private static final System.Logger LOG = System.getLogger(PipelineRunner.class.getName());

  /**
   * Builds one run's steps against the target it reached (null for a pipeline that does not run against
   * the target); may throw (the run then ends ERRORED).
   */
  interface StepFactory {
    PipelineSteps steps(RunTranscript transcript, TargetEndpoint endpoint);
  }

  /** Records a concluded run in the trail. */
  interface Recorder {
    Future<?> record(Identity who, PipelineRun run);
  }

  private final Vertx vertx;
  private final ReadinessService service;
  private final TargetProvider targets;
  private final int batchRows;
  private final IdentityProbeSettings identity;
  private final StepFactory stepFactory;
  private final Consumer<ObjectNode> publisher;
  private final Recorder recorder;
  private final PipelineClaims claims;
  private final Map<String, RunTranscript> running = new ConcurrentHashMap<>();
  /** Transcripts by run id, the newest few, so a run is readable before (and while) it is recorded. */
  private final Map<String, RunTranscript> recent = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RunTranscript> eldest) {
          return size() > KEEP_TRANSCRIPTS;
        }
      });
  private final SecureRandom random = new SecureRandom();

  public PipelineRunner(Vertx vertx, ReadinessService service, TargetProvider targets, int batchRows,
                        IdentityProbeSettings identity) {
    this(vertx, service, targets, batchRows, identity, PipelineClaims.LOCAL);
  }

  /** With the claims of the store the console shares with others. */
  public PipelineRunner(Vertx vertx, ReadinessService service, TargetProvider targets, int batchRows,
                        IdentityProbeSettings identity, PipelineClaims claims) {
    this(vertx, service, targets, batchRows, identity, null, null, null, claims);
  }

  /**
   * With seams for the tests that prove a throw anywhere ends a run FAILED or ERRORED: null takes
   * the console's own step factory, feed publisher and recorder.
   */
  PipelineRunner(Vertx vertx, ReadinessService service, TargetProvider targets, int batchRows,
                 StepFactory stepFactory, Consumer<ObjectNode> publisher, Recorder recorder) {
    this(vertx, service, targets, batchRows, IdentityProbeSettings.none(), stepFactory, publisher, recorder,
        PipelineClaims.LOCAL);
  }

  private PipelineRunner(Vertx vertx, ReadinessService service, TargetProvider targets, int batchRows,
                         IdentityProbeSettings identity, StepFactory stepFactory, Consumer<ObjectNode> publisher,
                         Recorder recorder, PipelineClaims claims) {
    this.vertx = vertx;
    this.claims = claims;
    this.service = service;
    this.targets = targets;
    this.batchRows = batchRows;
    this.identity = identity;
    this.stepFactory = stepFactory != null ? stepFactory : this::steps;
    this.publisher = publisher != null ? publisher : this::publishEverywhere;
    this.recorder = recorder != null ? recorder : service::recordPipeline;
  }

  /** Whether the scenario runs {@code pipeline}. */
  public boolean declared(String pipeline) {
    return service.scenario().pipeline(pipeline) != null;
  }

  /**
   * Starts {@code pipeline} for {@code actor} and gives its transcript as it stands a moment later
   * (steps PENDING, the first perhaps RUNNING). Refuses before touching the target: with
   * {@code AUDIT_CHAIN_BROKEN} (503) when the trail it would be recorded in is broken, then with
   * {@link CommandRejected} (403/404/409) by the pipeline's rules.
   */
  public Future<PipelineRun> start(Actor actor, String pipeline) {
    return start(new Identity(actor, null, null, null, Identity.Via.MOCK_HEADER, null), pipeline);
  }

  /** As {@link #start(Actor, String)}; the recorded run's event also names the identity's subject and issuer. */
  public Future<PipelineRun> start(Identity who, String pipeline) {
    return service.requireIntactChain().compose(intact -> begin(who, pipeline));
  }

  private Future<PipelineRun> begin(Identity who, String pipeline) {
    Actor actor = who.actor();
    service.checkPipeline(actor, pipeline);
    String runId = "run-" + pipeline + "-" + HexFormat.of().formatHex(bytes(6));
    RunTranscript transcript = new RunTranscript(runId, pipeline, actor.id(), Pipelines.STEPS.get(pipeline));
    RunTranscript other = running.putIfAbsent(pipeline, transcript);
    if (other != null) {
      throw new CommandRejected(CommandRejected.Reason.PIPELINE_RUNNING, "a " + pipeline + " run is already in "
          + "progress (" + other.runId() + "); follow it at GET /api/pipelines/" + other.runId());
    }
    return claims.claim(transcript.snapshot()).transform(claimed -> {
      if (claimed.failed()) {
        running.remove(pipeline, transcript);
        return Future.failedFuture(claimed.cause() instanceof PipelineClaims.Taken taken
            ? new CommandRejected(CommandRejected.Reason.PIPELINE_RUNNING, "a " + pipeline + " run is already in "
                + "progress on instance " + taken.holder().instance() + " (" + taken.holder().run().runId()
                + "); follow it at GET /api/pipelines/" + taken.holder().run().runId())
            : claimed.cause());
      }
      recent.put(runId, transcript);
      execute(transcript, who);
      return Future.succeededFuture(transcript.snapshot());
    });
  }

  /**
   * Another console's run by id, as the shared store knows it (its transcript as far as that console
   * shared it, and which console runs it); null if none.
   */
  public Future<PipelineClaims.SharedRun> elsewhere(String runId) {
    return claims.find(runId);
  }

  /** A running, recent or recorded run by id; null if none has that id. */
  public PipelineRun transcript(String runId) {
    RunTranscript live = recent.get(runId);
    return live != null ? live.snapshot() : service.recordedRun(runId);
  }

  /**
   * The latest run of {@code pipeline}: the one in progress, else the newest this console started
   * (an ERRORED or unrecorded one included: it is what happened last, even though the evidence is
   * still the run before it), else the newest recorded; null if it never ran.
   */
  public PipelineRun latest(String pipeline) {
    RunTranscript newest = null;
    synchronized (recent) {
      for (RunTranscript transcript : recent.values()) {
        if (transcript.pipeline().equals(pipeline)) {
          newest = transcript;
        }
      }
    }
    return newest != null ? newest.snapshot() : service.latestRecordedRun(pipeline);
  }

  /**
   * The runs in progress (this console's, then other consoles' on a shared store, as far as it can be
   * read) and the latest recorded run of each pipeline the scenario declares, in run order.
   */
  public Future<Map<String, Object>> overview() {
    return claims.othersRunning().otherwise(List.of()).map(this::overview);
  }

  private Map<String, Object> overview(List<PipelineClaims.SharedRun> elsewhere) {
    List<PipelineRun> now = new ArrayList<>();
    running.values().forEach(t -> now.add(t.snapshot()));
    elsewhere.forEach(shared -> now.add(shared.run()));
    Map<String, PipelineRun> latest = new LinkedHashMap<>();
    for (PipelineBinding binding : service.scenario().pipelines()) {
      String pipeline = binding.id();
      PipelineRun run = latest(pipeline);
      latest.put(pipeline, run == null || PipelineRun.RUNNING.equals(run.status()) ? service.latestRecordedRun(pipeline)
          : run);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("running", now);
    out.put("latest", latest);
    return out;
  }

  /**
   * Runs the steps, then records the run, whatever happens on the way: the target failing a step is
   * a FAILED step; the console failing (its embedded target would not start, the steps could not be
   * built, a step could not be set up, a progress message could not be published, anything thrown)
   * ends the run ERRORED with the reason, never PASSED and never silent. Recording it comes last and
   * always runs, so no run is left RUNNING and the next one can start.
   */
  private void execute(RunTranscript transcript, Identity who) {
    Future<Void> run;
    try {
      run = carryOut(transcript);
    } catch (RuntimeException e) {
      run = Future.failedFuture(e);
    }
    run.onComplete(ran -> {
      try {
        if (ran.failed()) {
          Throwable cause = ran.cause();
          LOG.log(System.Logger.Level.ERROR, "run " + transcript.runId() + " could not be carried out", cause);
          String reason = cause instanceof ConsoleFault fault ? fault.getMessage()
              : "the console failed while running it: " + Failures.describe(cause, null);
          transcript.errored(cause instanceof ConsoleFault fault ? fault.step : null, reason)
              .forEach(this::announce);
        }
      } finally {
        finish(transcript, who);
      }
    });
  }

  private Future<Void> carryOut(RunTranscript transcript) {
    publisher.accept(transcript.started());
    if (!Pipelines.againstTarget(transcript.pipeline())) {
      return runPrepared(transcript, null);
    }
    String first = Pipelines.STEPS.get(transcript.pipeline()).get(0);
    // (said only when it is not up yet: "starting" on every run read as if each one restarted it)
    if (targets.embeddedToStart()) {
      publisher.accept(transcript.running(first,
          "starting the embedded PostgreSQL target (the first start creates it)",
          "uruchamianie wbudowanego PostgreSQL (pierwsze uruchomienie go tworzy)"));
    }
    return targets.endpoint()
        .recover(cause -> Future.failedFuture(new ConsoleFault(first,
            "the console could not start its embedded PostgreSQL target: " + Failures.describe(cause, null),
            cause)))
        .compose(endpoint -> {
          transcript.target(endpoint.redacted());
          return runPrepared(transcript, endpoint);
        });
  }

  /** Builds the run's steps (against {@code endpoint}, null when the pipeline needs no target) and runs them. */
  private Future<Void> runPrepared(RunTranscript transcript, TargetEndpoint endpoint) {
    PipelineSteps steps;
    try {
      steps = stepFactory.steps(transcript, endpoint);
    } catch (RuntimeException e) {
      return Future.failedFuture(new ConsoleFault(null, "the console could not prepare the "
          + transcript.pipeline() + " run: " + Failures.describe(e, null), e));
    }
    return runSteps(transcript, steps.steps(), 0, endpoint, publisher).eventually(steps::close);
  }

  private PipelineSteps steps(RunTranscript transcript, TargetEndpoint endpoint) {
    Scenario scenario = service.scenario();
    if (transcript.pipeline().equals(Pipelines.IDENTITY)) {
      // the issuer is public; what the run proved it against, as the target is for the others
      transcript.target(identity.issuerId());
      return new IdentityPipeline(vertx, identity, scenario.actors());
    }
    if (transcript.pipeline().equals(Pipelines.CONNECTION)) {
      return new ConnectionPipeline(vertx, endpoint, targets.settings(), scenario.dataModel().tenancy().setting(),
          scenario.tenant().id());
    }
    // the SQL the runbook packet shows, rendered here so a scenario without that packet can still rehearse
    String runbook = Packets.runbookSql(scenario, service.evaluation(Lang.EN));
    DryRunPipeline.Rehearsal rehearsal = new DryRunPipeline.Rehearsal(scenario.dataModel(), service.snapshot(),
        scenario.snapshot().schema(), scenario.branding().checksumPrefix(), runbook);
    return new DryRunPipeline(vertx, endpoint, targets.settings(), rehearsal,
        (step, done, total) -> publisher.accept(transcript.progress(step, done, total)), batchRows);
  }

  /** The console (not the target) could not carry out {@code step} (null: the run as a whole). */
  private static final class ConsoleFault extends RuntimeException {
    final String step;

    ConsoleFault(String step, String message, Throwable cause) {
      super(message, cause, false, false);
      this.step = step;
    }
  }

  /**
   * Runs {@code steps} from {@code index} in order, announcing each change through {@code publish};
   * after a failure the rest are skipped, except steps that always run. A step's failure is its
   * FAILED status and detail, with the endpoint's secrets scrubbed; a step the console could not
   * even set up (its work threw before returning a future) is ERRORED, and so is the run. Fails only
   * when {@code publish} throws. {@code endpoint} is null for a pipeline that runs without the target.
   */
  static Future<Void> runSteps(RunTranscript transcript, List<StepDef> steps, int index, TargetEndpoint endpoint,
                               Consumer<ObjectNode> publish) {
    if (index == steps.size()) {
      return Future.succeededFuture();
    }
    StepDef step = steps.get(index);
    if (transcript.failed() && !step.always()) {
      publish.accept(transcript.skipped(step.id(), "not run: an earlier step failed",
          "nie uruchomiono: wcześniejszy krok nie przeszedł"));
      return runSteps(transcript, steps, index + 1, endpoint, publish);
    }
    publish.accept(transcript.running(step.id()));
    long started = System.nanoTime();
    Future<StepOutcome> work;
    try {
      work = step.work().get();
    } catch (StepFailed verdict) {
      work = Future.failedFuture(verdict);
    } catch (RuntimeException e) {
      publish.accept(transcript.stepErrored(step.id(), "the console could not set up this step: "
          + Failures.describe(e, endpoint), (System.nanoTime() - started) / 1_000_000));
      return runSteps(transcript, steps, index + 1, endpoint, publish);
    }
    return work.transform(ar -> {
      long ms = (System.nanoTime() - started) / 1_000_000;
      if (ar.succeeded()) {
        StepOutcome outcome = ar.result();
        String detail = endpoint == null ? outcome.detail() : endpoint.scrub(outcome.detail());
        String detailPl = endpoint == null || outcome.detailPl() == null ? outcome.detailPl()
            : endpoint.scrub(outcome.detailPl());
        publish.accept(transcript.passed(step.id(), new StepOutcome(detail, detailPl,
            outcome.evidence(), outcome.metrics()), ms));
      } else if (ar.cause() instanceof StepFailed.NothingToDo nothing) {
        publish.accept(transcript.skipped(step.id(), nothing.getMessage()));
      } else {
        publish.accept(transcript.failed(step.id(), Failures.describe(ar.cause(), endpoint),
            Failures.describePl(ar.cause(), endpoint), ms));
      }
      return runSteps(transcript, steps, index + 1, endpoint, publish);
    });
  }

  /**
   * Records the run, then announces it finished: a client that sees the final message (or a
   * finished transcript) can rely on the evaluation already reflecting it. A recorder that throws or
   * fails leaves the run ERRORED (not recorded), never RUNNING.
   */
  private void finish(RunTranscript transcript, Identity who) {
    PipelineRun concluded = transcript.conclude();
    Future<?> recorded;
    try {
      recorded = recorder.record(who, concluded);
    } catch (RuntimeException e) {
      recorded = Future.failedFuture(e);
    }
    recorded.onComplete(done -> {
      String unrecorded = null;
      if (done.failed()) {
        unrecorded = Failures.describe(done.cause(), null);
        LOG.log(System.Logger.Level.ERROR, "run " + transcript.runId() + " finished but could not be recorded: "
            + unrecorded, done.cause());
      }
      ObjectNode last = transcript.finish(unrecorded);
      running.remove(transcript.pipeline(), transcript);
      announce(last);
      // after the last message, so other consoles relay the run's end before its pipeline is free
      claims.release(transcript.snapshot());
    });
  }

  /** Publishes a message of a run that is ending: a failure to publish is logged, not allowed to stop it. */
  private void announce(ObjectNode message) {
    try {
      publisher.accept(message);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "a pipeline message could not be published", e);
    }
  }

  /** To this console's feed, and through the claims to the other consoles'. */
  private void publishEverywhere(ObjectNode message) {
    publishToFeed(message);
    RunTranscript transcript = recent.get(message.path("runId").asText());
    if (transcript != null) {
      claims.progress(message, transcript.snapshot());
    }
  }

  /**
   * Another console's run message to this console's feed. Its end waits until this console has read
   * the journal up to the run's record (recorded before its end was sent), so here too a subscriber
   * that sees a run's end already holds the evaluation it led to.
   */
  public Future<Void> relay(ObjectNode message) {
    if (PipelineRun.RUNNING.equals(message.path("runStatus").asText())) {
      publishToFeed(message);
      return Future.succeededFuture();
    }
    return service.catchUp().otherwiseEmpty().map(caughtUp -> {
      publishToFeed(message);
      return null;
    });
  }

  private void publishToFeed(ObjectNode message) {
    vertx.eventBus().publish(Addresses.PIPELINE_PROGRESS, Buffer.buffer(ReadinessService.bytes(message)));
  }

  private byte[] bytes(int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }
}

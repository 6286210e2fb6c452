package io.bfg.console.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.Actor;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.SessionState;
import io.bfg.console.scenario.ScenarioLoader;
import io.bfg.console.service.ReadinessService;
import io.bfg.console.store.FileLocalStore;
import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TargetProvider;
import io.bfg.console.targetdb.TargetSettings;
import io.bfg.console.targetdb.TestTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A throw at each stage of a run, injected through the runner's seams (its step factory, feed
 * publisher and recorder) into the real runner, service, journal and a real PostgreSQL: every run
 * ends FAILED or ERRORED with the reason in its transcript, is never PASSED, never stays RUNNING,
 * and the next run can start.
 */
@DisplayName("A throw anywhere in a run")
class PipelineRunnerFaultsTest {

  private static Vertx vertx;
  private static ScenarioLoader.Loaded bfg;
  private static Actor anna;

  @TempDir
  Path dir;
  private ReadinessService service;
  private FileLocalStore store;
  private TargetProvider targets;
  private final List<ObjectNode> messages = Collections.synchronizedList(new ArrayList<>());
  private CompletableFuture<ObjectNode> finished = new CompletableFuture<>();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    bfg = ScenarioLoader.load(RunningConsole.BFG);
    anna = bfg.scenario().actor("user_md_anna");
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void console() {
    store = new FileLocalStore(vertx, dir.resolve("audit.ndjson"), Clock.systemUTC());
    service = new ReadinessService(bfg.scenario(), bfg.snapshot(),
        new Runtime(store.adapter(), "mock-auth-header", false), store, vertx.eventBus());
    RunningConsole.await(service.start(vertx));
    TargetEndpoint endpoint = TestTarget.get().freshDatabase();
    targets = new TargetProvider(vertx, new TargetSettings(endpoint, 5_000, 30_000, null), dir,
        bfg.scenario().database());
  }

  @AfterEach
  void close() {
    RunningConsole.await(store.close());
  }

  @Test
  @DisplayName("while the steps are built: ERRORED, the reason on the first step, the rest skipped, in the trail")
  void buildingSteps() {
    PipelineRunner runner = runner((transcript, endpoint) -> {
      throw new IllegalStateException("the runbook could not be rendered");
    }, null, null);

    PipelineRun run = run(runner);

    assertThat(statuses(run)).containsExactly("ERRORED", "SKIPPED", "SKIPPED", "SKIPPED");
    assertThat(run.steps().get(0).detail()).contains("could not prepare the connection run",
        "the runbook could not be rendered");
    assertThat(run.status()).isEqualTo(PipelineRun.ERRORED);
    assertRecorded(run, SessionState.PIPELINE_ERRORED);
  }

  @Test
  @DisplayName("in a step's setup: that step ERRORED with the reason, the run ERRORED, the rest skipped")
  void stepSetup() {
    PipelineRunner runner = runner(replacing("tls-fingerprint", () -> {
      throw new IllegalStateException("no TLS context");
    }), null, null);

    PipelineRun run = run(runner);

    assertThat(statuses(run)).containsExactly("PASSED", "ERRORED", "SKIPPED", "SKIPPED");
    assertThat(run.step("tls-fingerprint").detail()).contains("could not set up this step", "no TLS context");
    assertThat(run.status()).isEqualTo(PipelineRun.ERRORED);
    assertRecorded(run, SessionState.PIPELINE_ERRORED);
  }

  @Test
  @DisplayName("in a step's future: that step FAILED with the reason, the run FAILED, the rest skipped")
  void stepFuture() {
    PipelineRunner runner = runner(replacing("rbac-session",
        () -> Future.failedFuture(new IllegalStateException("lost the role catalogue"))), null, null);

    PipelineRun run = run(runner);

    assertThat(statuses(run)).containsExactly("PASSED", "PASSED", "FAILED", "SKIPPED");
    assertThat(run.step("rbac-session").detail()).contains("lost the role catalogue");
    assertThat(run.status()).isEqualTo(PipelineRun.FAILED);
    assertRecorded(run, SessionState.PIPELINE_FINISHED);
  }

  @Test
  @DisplayName("in publishing a step's progress: ERRORED with the reason on that step, recorded, and a new run starts")
  void publishingProgress() {
    PipelineRunner runner = runner(null, failingFrom(m -> "rbac-session".equals(m.path("step").asText())
        && "RUNNING".equals(m.path("status").asText())), null);

    PipelineRun run = run(runner);

    assertThat(statuses(run)).containsExactly("PASSED", "PASSED", "ERRORED", "SKIPPED");
    assertThat(run.step("rbac-session").detail()).contains("the console failed while running it", "the feed is gone");
    assertThat(run.status()).isEqualTo(PipelineRun.ERRORED);
    assertRecorded(run, SessionState.PIPELINE_ERRORED);
    assertThat(run(runner).status()).isEqualTo(PipelineRun.PASSED);
  }

  @Test
  @DisplayName("in publishing that the run started: ERRORED, recorded, and a new run starts")
  void publishingStart() {
    PipelineRunner runner = runner(null, failingFrom(m -> m.path("step").isNull()), null);

    PipelineRun run = run(runner);

    assertThat(run.status()).isEqualTo(PipelineRun.ERRORED);
    assertThat(run.steps().get(0).detail()).contains("the feed is gone");
    assertRecorded(run, SessionState.PIPELINE_ERRORED);
    assertThat(run(runner).status()).isEqualTo(PipelineRun.PASSED);
  }

  @Test
  @DisplayName("in recording: ERRORED (not recorded) with the reason, never left RUNNING, and a new run starts")
  void recording() {
    AtomicBoolean thrown = new AtomicBoolean();
    PipelineRunner runner = runner(null, null, (actor, concluded) -> {
      if (thrown.compareAndSet(false, true)) {
        throw new IllegalStateException("the run could not be serialised");
      }
      return service.recordPipeline(actor, concluded);
    });

    PipelineRun run = run(runner);

    assertThat(run.status()).isEqualTo(PipelineRun.ERRORED);
    assertThat(finished.join().path("detail").asText()).contains("not recorded", "the run could not be serialised");
    assertThat(service.latestRecordedRun(Pipelines.CONNECTION)).isNull();
    PipelineRun next = run(runner);
    assertThat(next.status()).isEqualTo(PipelineRun.PASSED);
    assertRecorded(next, SessionState.PIPELINE_FINISHED);
  }

  // ---- harness ----

  private PipelineRunner runner(PipelineRunner.StepFactory steps, Consumer<ObjectNode> publish,
                                PipelineRunner.Recorder recorder) {
    Consumer<ObjectNode> feed = publish != null ? publish : this::collect;
    return new PipelineRunner(vertx, service, targets, PipelineRunner.DEFAULT_BATCH_ROWS, steps, feed, recorder);
  }

  /** Starts a connection check and returns its transcript once the runner announced it finished. */
  private PipelineRun run(PipelineRunner runner) {
    finished = new CompletableFuture<>();
    PipelineRun started = RunningConsole.await(runner.start(anna, Pipelines.CONNECTION));
    try {
      finished.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the run did not finish: " + runner.transcript(started.runId()), e);
    }
    PipelineRun run = runner.transcript(started.runId());
    assertThat(run.status()).as("the transcript once finished").isNotEqualTo(PipelineRun.RUNNING);
    return run;
  }

  private void collect(ObjectNode message) {
    messages.add(message);
    if (message.path("step").isNull() && !PipelineRun.RUNNING.equals(message.path("status").asText())) {
      finished.complete(message);
    }
  }

  /**
   * A feed that goes away when it is handed a message {@code matching} and throws for every message
   * of that run until its last one (which it collects): the run must end without its announcements.
   */
  private Consumer<ObjectNode> failingFrom(Predicate<ObjectNode> matching) {
    AtomicBoolean tripped = new AtomicBoolean();
    AtomicBoolean down = new AtomicBoolean();
    return message -> {
      boolean last = message.path("step").isNull() && !PipelineRun.RUNNING.equals(message.path("status").asText());
      if (!tripped.get() && matching.test(message)) {
        tripped.set(true);
        down.set(true);
      }
      if (down.get() && !last) {
        throw new IllegalStateException("the feed is gone");
      }
      down.set(false);
      collect(message);
    };
  }

  /** The real connection check, with step {@code stepId}'s work replaced. */
  private PipelineRunner.StepFactory replacing(String stepId, Supplier<Future<StepOutcome>> work) {
    return (transcript, endpoint) -> {
      PipelineSteps real = new ConnectionPipeline(vertx, endpoint, targets.settings(),
          bfg.scenario().dataModel().tenancy().setting(), bfg.scenario().tenant().id());
      return new PipelineSteps() {
        @Override
        public List<StepDef> steps() {
          return real.steps().stream().map(s -> s.id().equals(stepId) ? new StepDef(s.id(), s.always(), work) : s)
              .toList();
        }

        @Override
        public Future<Void> close() {
          return real.close();
        }
      };
    };
  }

  private void assertRecorded(PipelineRun run, String eventType) {
    AuditEvent last = service.auditEvents().get(service.auditEvents().size() - 1);
    assertThat(last.type()).isEqualTo(eventType);
    assertThat(last.payload().path("run").path("runId").asText()).isEqualTo(run.runId());
    assertThat(last.payload().path("run").path("status").asText()).isEqualTo(run.status());
  }

  private static List<String> statuses(PipelineRun run) {
    return run.steps().stream().map(PipelineRun.Step::status).toList();
  }
}

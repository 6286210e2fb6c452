package io.bfg.console.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.PipelineRun.Step;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live transcript of one run. Every change produces the IntegrationFeed.v1 {@code pipeline}
 * message that announces it; {@link #snapshot()} is what GET /api/pipelines/{runId} shows and,
 * once finished, what the store records. Synchronized: the run advances on one event loop while
 * readers on others ask for its transcript.
 */
final class RunTranscript {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String runId;
  private final String pipeline;
  private final String actor;
  private final String startedAt;
  private final List<Step> steps = new ArrayList<>();
  private final Map<String, long[]> progress = new LinkedHashMap<>();
  private String target;
  private String status = PipelineRun.RUNNING;
  private String finishedAt;
  private String concluded;
  /** Why the console could not carry the run out; null while it could. */
  private String error;

  RunTranscript(String runId, String pipeline, String actor, List<String> stepIds) {
    this.runId = runId;
    this.pipeline = pipeline;
    this.actor = actor;
    this.startedAt = Instant.now().toString();
    for (String id : stepIds) {
      steps.add(new Step(id, Step.PENDING, null, 0, Map.of()));
    }
  }

  String runId() {
    return runId;
  }

  String pipeline() {
    return pipeline;
  }

  synchronized void target(String redactedEndpoint) {
    this.target = redactedEndpoint;
  }

  /** Whether a step failed or errored: the steps after it are skipped, except those that always run. */
  synchronized boolean failed() {
    return steps.stream().anyMatch(s -> PipelineRun.FAILED.equals(s.status())
        || PipelineRun.ERRORED.equals(s.status()));
  }

  synchronized ObjectNode started() {
    return runMessage("the " + pipeline + " run started");
  }

  synchronized ObjectNode running(String stepId) {
    set(stepId, PipelineRun.RUNNING, null, 0, Map.of(), Map.of());
    return stepMessage(stepId);
  }

  /** A step under way with what it is doing, in both languages (a Polish page must not read English). */
  synchronized ObjectNode running(String stepId, String detail, String detailPl) {
    set(stepId, PipelineRun.RUNNING, detail, detailPl, 0, Map.of(), Map.of());
    return stepMessage(stepId);
  }

  synchronized ObjectNode passed(String stepId, StepOutcome outcome, long ms) {
    set(stepId, PipelineRun.PASSED, outcome.detail(), outcome.detailPl(), ms, outcome.evidence(), outcome.metrics());
    return stepMessage(stepId);
  }

  synchronized ObjectNode failed(String stepId, String detail, long ms) {
    return failed(stepId, detail, null, ms);
  }

  /** A failed step whose reason is said in Polish too ({@code detailPl}, null where there is none). */
  synchronized ObjectNode failed(String stepId, String detail, String detailPl, long ms) {
    set(stepId, PipelineRun.FAILED, detail, detailPl, ms, Map.of(), Map.of());
    return stepMessage(stepId);
  }

  /**
   * The console, not the target, could not carry out step {@code stepId} (e.g. it threw while being
   * set up): the step is ERRORED and so will the run be, while later steps that always run still do.
   */
  synchronized ObjectNode stepErrored(String stepId, String reason, long ms) {
    error = error == null ? reason : error;
    set(stepId, PipelineRun.ERRORED, reason, ms, Map.of(), Map.of());
    return stepMessage(stepId);
  }

  synchronized ObjectNode skipped(String stepId, String detail) {
    return skipped(stepId, detail, null);
  }

  synchronized ObjectNode skipped(String stepId, String detail, String detailPl) {
    set(stepId, Step.SKIPPED, detail, detailPl, 0, Map.of(), Map.of());
    return stepMessage(stepId);
  }

  /**
   * The console, not the target, stopped the run at {@code stepId} (null: before or between steps,
   * when the step it was on, else the next one, carries the reason): the run ends ERRORED with
   * {@code reason}, and its other unfinished steps are skipped.
   */
  synchronized List<ObjectNode> errored(String stepId, String reason) {
    error = error == null ? reason : error;
    String at = stepId != null ? stepId : firstUnfinished();
    List<ObjectNode> messages = new ArrayList<>();
    for (Step step : List.copyOf(steps)) {
      boolean unfinished = Step.PENDING.equals(step.status()) || PipelineRun.RUNNING.equals(step.status());
      if (step.id().equals(at)) {
        set(step.id(), PipelineRun.ERRORED, reason, step.ms(), Map.of(), Map.of());
        messages.add(stepMessage(step.id()));
      } else if (unfinished) {
        set(step.id(), Step.SKIPPED, "not run: the console stopped the run", "nie uruchomiono: konsola przerwała "
            + "przebieg", 0, Map.of(), Map.of());
        messages.add(stepMessage(step.id()));
      }
    }
    return messages;
  }

  private String firstUnfinished() {
    return steps.stream().filter(s -> PipelineRun.RUNNING.equals(s.status())).findFirst()
        .or(() -> steps.stream().filter(s -> Step.PENDING.equals(s.status())).findFirst())
        .map(Step::id).orElse(null);
  }

  /** A running step's progress: {@code done} of {@code total} rows written so far; the step stays RUNNING. */
  synchronized ObjectNode progress(String stepId, long done, long total) {
    progress.put(stepId, new long[] {done, total});
    Step step = step(stepId);
    steps.set(steps.indexOf(step), new Step(stepId, step.status(), "wrote " + done + " of " + total + " rows",
        step.ms(), step.evidence(), step.metrics(), "zapisano " + done + " z " + total + " wierszy"));
    return stepMessage(stepId);
  }

  /**
   * The finished run as it is recorded; the transcript itself reads RUNNING until {@link #finish}.
   * PASSED only when every step finished and none failed: a step left PENDING or RUNNING means the
   * run stopped without a verdict, which is the console's error, never a pass.
   */
  synchronized PipelineRun conclude() {
    steps.stream().filter(s -> Step.PENDING.equals(s.status()) || PipelineRun.RUNNING.equals(s.status()))
        .findFirst()
        .ifPresent(unfinished -> errored(unfinished.id(), "the run ended before step " + unfinished.id()
            + " finished"));
    concluded = error != null ? PipelineRun.ERRORED : failed() ? PipelineRun.FAILED : PipelineRun.PASSED;
    finishedAt = Instant.now().toString();
    return new PipelineRun(runId, pipeline, concluded, startedAt, finishedAt, List.copyOf(steps), actor, target);
  }

  /**
   * Marks the run finished (after it was recorded, or not: {@code unrecorded} says why it could not
   * be, and a run nobody can find in the trail is ERRORED, whatever its steps said).
   */
  synchronized ObjectNode finish(String unrecorded) {
    status = unrecorded == null ? concluded : PipelineRun.ERRORED;
    long passed = steps.stream().filter(s -> PipelineRun.PASSED.equals(s.status())).count();
    String summary = passed + "/" + steps.size() + " steps passed";
    if (error != null) {
      summary += "; " + error;
    }
    if (unrecorded != null) {
      summary += "; not recorded: " + unrecorded;
    }
    return runMessage(summary);
  }

  synchronized PipelineRun snapshot() {
    return new PipelineRun(runId, pipeline, status, startedAt, PipelineRun.RUNNING.equals(status) ? null : finishedAt,
        List.copyOf(steps), actor, target);
  }

  private void set(String stepId, String stepStatus, String detail, long ms, Map<String, Object> evidence,
                   Map<String, Object> metrics) {
    set(stepId, stepStatus, detail, null, ms, evidence, metrics);
  }

  private void set(String stepId, String stepStatus, String detail, String detailPl, long ms,
                   Map<String, Object> evidence, Map<String, Object> metrics) {
    Step step = step(stepId);
    progress.remove(stepId);
    steps.set(steps.indexOf(step), new Step(stepId, stepStatus, detail, ms, evidence, metrics, detailPl));
  }

  private Step step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the " + pipeline + " has no step " + stepId));
  }

  /** A run-level message: {@code step} is null, {@code status} is the run's, {@code steps} the whole list. */
  private ObjectNode runMessage(String detail) {
    ObjectNode message = base();
    message.putNull("step");
    message.put("status", status);
    message.put("detail", detail);
    message.set("steps", JSON.valueToTree(steps));
    if (!PipelineRun.RUNNING.equals(status)) {
      message.put("finishedAt", finishedAt);
    }
    return message;
  }

  private ObjectNode stepMessage(String stepId) {
    Step step = step(stepId);
    ObjectNode message = base();
    message.put("step", stepId);
    message.put("status", step.status());
    message.put("detail", step.detail());
    if (step.detailPl() != null) {
      message.put("detailPl", step.detailPl());
    }
    message.put("ms", step.ms());
    if (!step.evidence().isEmpty()) {
      message.set("evidence", JSON.valueToTree(step.evidence()));
    }
    if (!step.metrics().isEmpty()) {
      message.set("metrics", JSON.valueToTree(step.metrics()));
    }
    long[] counts = progress.get(stepId);
    if (counts != null) {
      message.putObject("progress").put("done", counts[0]).put("total", counts[1]);
    }
    return message;
  }

  private ObjectNode base() {
    ObjectNode message = JSON.createObjectNode();
    message.put("type", "pipeline");
    message.put("runId", runId);
    message.put("pipeline", pipeline);
    message.put("runStatus", status);
    message.put("actor", actor);
    message.put("startedAt", startedAt);
    if (target != null) {
      message.put("target", target);
    }
    message.put("at", Instant.now().toString());
    return message;
  }
}

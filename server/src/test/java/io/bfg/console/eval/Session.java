package io.bfg.console.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.Lang;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.SessionState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A session driven the way the store drives it: every command is an {@link AuditEvent} folded into
 * {@link SessionState}. Acceptances carry the evidence hash of the moment they are made, as the
 * command layer records it. Hashes of the events themselves are dummies: the evaluator never reads them.
 */
final class Session {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Evaluator evaluator;
  private final Runtime runtime;
  private SessionState state = SessionState.empty();
  private long seq;

  Session(Evaluator evaluator, Runtime runtime) {
    this.evaluator = evaluator;
    this.runtime = runtime;
  }

  Session(Evaluator evaluator) {
    this(evaluator, Fixtures.LOCAL_DEMO);
  }

  SessionState state() {
    return state;
  }

  Evaluator.Assessment assess() {
    return evaluator.assess(runtime, state);
  }

  Evaluation evaluate(Lang lang) {
    return evaluator.evaluate(runtime, state, lang);
  }

  Evaluation evaluate() {
    return evaluate(Lang.EN);
  }

  /** Signs {@code checkId} off with the evidence hash it has now. */
  Session accept(String checkId, String actor) {
    return acceptWithHash(checkId, actor, assess().evidenceHash(checkId));
  }

  Session acceptWithHash(String checkId, String actor, String evidenceHash) {
    return append(SessionState.CHECK_ACCEPTED, actor, payload(checkId).put("evidenceHash", evidenceHash));
  }

  Session revoke(String checkId, String actor) {
    return append(SessionState.CHECK_REVOKED, actor, payload(checkId));
  }

  Session decide(String checkId, String actor, String value) {
    return append(SessionState.DECISION_RECORDED, actor, payload(checkId).put("value", value)
        .put("evidenceHash", assess().evidenceHash(checkId)));
  }

  Session pipeline(PipelineRun run) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.set("run", MAPPER.valueToTree(run));
    return append(SessionState.PIPELINE_FINISHED, "user_md_anna", payload);
  }

  private Session append(String type, String actor, ObjectNode payload) {
    seq++;
    String at = String.format("2026-04-01T08:%02d:%02dZ", seq / 60, seq % 60);
    state = state.apply(new AuditEvent(seq, type, actor, at, payload, "prev-" + (seq - 1), "hash-" + seq));
    return this;
  }

  private static ObjectNode payload(String checkId) {
    return JsonNodeFactory.instance.objectNode().put("checkId", checkId);
  }

  // ---- pipeline runs ----

  /** A finished run whose every step passed; {@code proof} is what the steps proved (it feeds evidence hashes). */
  static PipelineRun passed(String pipeline, String runId, String proof) {
    return run(pipeline, runId, proof, Map.of());
  }

  /** A finished run in which the named steps ended with the given status and the others passed. */
  static PipelineRun run(String pipeline, String runId, String proof, Map<String, String> statusByStep) {
    List<String> stepIds = Objects.requireNonNull(Pipelines.STEPS.get(pipeline), pipeline);
    List<PipelineRun.Step> steps = new ArrayList<>();
    boolean failed = false;
    for (String step : stepIds) {
      String status = statusByStep.getOrDefault(step, "PASSED");
      failed |= !status.equals("PASSED");
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("proof", proof + ":" + step);
      steps.add(new PipelineRun.Step(step, status, step + " " + status.toLowerCase() + " (" + proof + ")",
          17, evidence));
    }
    return new PipelineRun(runId, pipeline, failed ? "FAILED" : "PASSED", "2026-04-01T07:00:00Z",
        "2026-04-01T07:00:02Z", List.copyOf(steps), "user_md_anna", null);
  }

  /** The same proof with another run id, other timings and details: a re-run that proved the same thing. */
  static PipelineRun rerun(PipelineRun run, String runId) {
    List<PipelineRun.Step> steps = run.steps().stream().map(s -> new PipelineRun.Step(s.id(), s.status(),
        s.detail() + " again", s.ms() * 3 + 1, s.evidence())).toList();
    return new PipelineRun(runId, run.pipeline(), run.status(), "2026-04-02T07:00:00Z", "2026-04-02T07:00:09Z",
        steps, run.actor(), run.target());
  }
}

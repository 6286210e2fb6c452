package io.bfg.console.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.SessionState;

import java.util.List;
import java.util.Map;

/** Builds a {@link SessionState} by folding audit events, as the store does; sign-offs carry the current evidence hash. */
final class Journal {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Evaluator evaluator;
  private final Runtime runtime;
  private SessionState state = SessionState.empty();
  private long seq;

  Journal(Evaluator evaluator, Runtime runtime) {
    this.evaluator = evaluator;
    this.runtime = runtime;
  }

  SessionState state() {
    return state;
  }

  Journal accept(String checkId, String actor) {
    String hash = evaluator.assess(runtime, state).evidenceHash(checkId);
    return append(SessionState.CHECK_ACCEPTED, actor, payload(checkId).put("evidenceHash", hash));
  }

  Journal decide(String checkId, String actor, String value) {
    String hash = evaluator.assess(runtime, state).evidenceHash(checkId);
    return append(SessionState.DECISION_RECORDED, actor, payload(checkId).put("value", value).put("evidenceHash", hash));
  }

  /** A finished run in which every step of {@code pipeline} passed. */
  Journal passed(String pipeline, String runId) {
    List<PipelineRun.Step> steps = Pipelines.STEPS.get(pipeline).stream()
        .map(step -> new PipelineRun.Step(step, "PASSED", step + " passed", 12,
            Map.<String, Object>of("proof", runId + ":" + step)))
        .toList();
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.set("run", MAPPER.valueToTree(new PipelineRun(runId, pipeline, "PASSED", "2026-04-01T07:00:00Z",
        "2026-04-01T07:00:02Z", steps, "user_md_anna", null)));
    return append(SessionState.PIPELINE_FINISHED, "user_md_anna", payload);
  }

  private Journal append(String type, String actor, ObjectNode payload) {
    seq++;
    String at = String.format("2026-04-01T08:%02d:%02dZ", (seq / 60) % 60, seq % 60);
    state = state.apply(new AuditEvent(seq, type, actor, at, payload, "prev", "hash-" + seq));
    return this;
  }

  private static ObjectNode payload(String checkId) {
    return JsonNodeFactory.instance.objectNode().put("checkId", checkId);
  }
}

package io.bfg.console.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the store knows, folded from the audit trail: sign-offs, decisions, the latest run of
 * each pipeline and the last write. Immutable; {@link #apply} returns the next state.
 */
public record SessionState(long seq, String lastWriteAt, String lastWriteBy, Map<String, SignOff> signOffs,
                           Map<String, SignOff> decisions, Map<String, PipelineRun> pipelines) {

  public static final String CHECK_ACCEPTED = "check.accepted";
  public static final String CHECK_REVOKED = "check.revoked";
  public static final String DECISION_RECORDED = "decision.recorded";
  public static final String PIPELINE_FINISHED = "pipeline.finished";
  /** A run the console could not carry out (see {@link PipelineRun#ERRORED}); recorded, never evidence. */
  public static final String PIPELINE_ERRORED = "pipeline.errored";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * An owner's sign-off (or chosen value, for decisions) with the hash of the evidence it accepted.
   * {@code value} is null for plain acceptances.
   */
  public record SignOff(String checkId, String actor, String at, String evidenceHash, String value, long seq) {
  }

  public static SessionState empty() {
    return new SessionState(0, null, null, Map.of(), Map.of(), Map.of());
  }

  public static SessionState replay(List<AuditEvent> events) {
    SessionState state = empty();
    for (AuditEvent event : events) {
      state = state.apply(event);
    }
    return state;
  }

  /** Folds one event in; unknown event types still advance {@code seq} (forward compatible journals). */
  public SessionState apply(AuditEvent event) {
    Map<String, SignOff> nextSignOffs = signOffs;
    Map<String, SignOff> nextDecisions = decisions;
    Map<String, PipelineRun> nextPipelines = pipelines;
    ObjectNode payload = event.payload();
    switch (event.type()) {
      case CHECK_ACCEPTED -> {
        nextSignOffs = new HashMap<>(signOffs);
        String checkId = payload.path("checkId").asText();
        nextSignOffs.put(checkId, new SignOff(checkId, event.actor(), event.at(),
            payload.path("evidenceHash").asText(), null, event.seq()));
      }
      case CHECK_REVOKED -> {
        String checkId = payload.path("checkId").asText();
        nextSignOffs = new HashMap<>(signOffs);
        nextSignOffs.remove(checkId);
        nextDecisions = new HashMap<>(decisions);
        nextDecisions.remove(checkId);
      }
      case DECISION_RECORDED -> {
        nextDecisions = new HashMap<>(decisions);
        String checkId = payload.path("checkId").asText();
        nextDecisions.put(checkId, new SignOff(checkId, event.actor(), event.at(),
            payload.path("evidenceHash").asText(), payload.path("value").asText(), event.seq()));
      }
      case PIPELINE_FINISHED -> {
        JsonNode run = payload.path("run");
        PipelineRun parsed = MAPPER.convertValue(run, PipelineRun.class);
        nextPipelines = new HashMap<>(pipelines);
        nextPipelines.put(parsed.pipeline(), parsed);
      }
      default -> {
        // pipeline.errored, and an event type this version does not know, change nothing it evaluates
      }
    }
    return new SessionState(event.seq(), event.at(), event.actor(), Map.copyOf(nextSignOffs),
        Map.copyOf(nextDecisions), Map.copyOf(nextPipelines));
  }
}

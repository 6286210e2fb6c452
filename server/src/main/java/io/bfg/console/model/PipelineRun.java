package io.bfg.console.model;

import java.util.List;
import java.util.Map;

/** A finished or running pipeline against the target, as recorded in the store. */
public record PipelineRun(String runId, String pipeline, String status, String startedAt, String finishedAt,
                          List<Step> steps) {

  /** {@code evidence} holds what the step proved (fingerprints, row counts, checksums), never timings. */
  public record Step(String id, String status, String detail, long ms, Map<String, Object> evidence) {
  }

  public Step step(String id) {
    for (Step step : steps) {
      if (step.id().equals(id)) {
        return step;
      }
    }
    return null;
  }
}

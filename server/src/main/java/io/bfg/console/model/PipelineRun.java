package io.bfg.console.model;

import java.util.List;
import java.util.Map;

/** A finished or running pipeline against the target, as recorded in the store. */
public record PipelineRun(String runId, String pipeline, String status, String startedAt, String finishedAt,
                          List<Step> steps) {

  public PipelineRun {
    // a run recorded before any step started has none; it must not break every later evaluation
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

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

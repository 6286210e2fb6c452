package io.bfg.console.model;

import java.util.List;
import java.util.Map;

/**
 * A finished or running pipeline against the target, as recorded in the store and shown as its
 * transcript. {@code status} is RUNNING, PASSED, FAILED (the target fell short: evidence) or
 * ERRORED (the console itself could not run or record it, e.g. its embedded target would not start:
 * not evidence about the target, so the last real run stays the evidence); {@code actor} started
 * it; {@code target} is the redacted endpoint it ran against (never a password).
 */
public record PipelineRun(String runId, String pipeline, String status, String startedAt, String finishedAt,
                          List<Step> steps, String actor, String target) {

  public static final String RUNNING = "RUNNING";
  public static final String PASSED = "PASSED";
  public static final String FAILED = "FAILED";
  public static final String ERRORED = "ERRORED";

  public PipelineRun {
    // a run recorded before any step started has none; it must not break every later evaluation
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /**
   * One step: {@code status} is PENDING, RUNNING, PASSED, FAILED, SKIPPED (not run because an
   * earlier step failed) or ERRORED (the console failed, not the target). {@code evidence} holds what the step proved (fingerprints, row counts,
   * checksums), never timings, so re-running an unchanged target proves the same thing; the
   * evaluator hashes it. {@code metrics} holds how fast it went (rows per second), which it does not.
   * {@code detailPl} is {@code detail} in Polish where the console wrote one (a passed step of the
   * connection check or the dry-run, a failure it words itself, a step it skipped), else null: a
   * step's own verdicts and runs recorded before it existed have none.
   */
  public record Step(String id, String status, String detail, long ms, Map<String, Object> evidence,
                     Map<String, Object> metrics, String detailPl) {
    public static final String PENDING = "PENDING";
    public static final String SKIPPED = "SKIPPED";

    public Step {
      evidence = evidence == null ? Map.of() : evidence;
      metrics = metrics == null ? Map.of() : metrics;
    }

    public Step(String id, String status, String detail, long ms, Map<String, Object> evidence) {
      this(id, status, detail, ms, evidence, Map.of(), null);
    }

    public Step(String id, String status, String detail, long ms, Map<String, Object> evidence,
                Map<String, Object> metrics) {
      this(id, status, detail, ms, evidence, metrics, null);
    }

    /** The detail in {@code lang}: the Polish one where the step wrote it, else the English. */
    public String detail(Lang lang) {
      return lang == Lang.PL && detailPl != null ? detailPl : detail;
    }
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

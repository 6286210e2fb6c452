package io.bfg.console.pipeline;

import java.util.Map;

/**
 * What a passing step shows (a sentence for people, in English and, where written, Polish: null
 * otherwise), proves (deterministic evidence, no timings) and measured (metrics: durations and rates,
 * kept out of the evidence).
 */
record StepOutcome(String detail, String detailPl, Map<String, Object> evidence, Map<String, Object> metrics) {

  StepOutcome(String detail, Map<String, Object> evidence) {
    this(detail, null, evidence, Map.of());
  }

  StepOutcome(String detail, String detailPl, Map<String, Object> evidence) {
    this(detail, detailPl, evidence, Map.of());
  }
}

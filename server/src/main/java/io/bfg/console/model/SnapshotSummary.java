package io.bfg.console.model;

import java.util.Map;

/** Row counts and checksum of the BFGScenarioSnapshot.v1 payload shipped with a scenario. */
public record SnapshotSummary(String schema, Map<String, Long> rowsByBatch, Map<String, Long> rowsByTable,
                              long totalRows, String checksum, String checksumShort) {

  public long rowsIn(String batch) {
    return rowsByBatch.getOrDefault(batch, 0L);
  }
}

package io.bfg.console.model;

import java.util.Map;

/** Row counts and checksum of the snapshot payload shipped with a scenario (its schema id from the scenario's branding). */
public record SnapshotSummary(String schema, Map<String, Long> rowsByBatch, Map<String, Long> rowsByTable,
                              long totalRows, String checksum, String checksumShort) {

  public long rowsIn(String batch) {
    return rowsByBatch.getOrDefault(batch, 0L);
  }
}

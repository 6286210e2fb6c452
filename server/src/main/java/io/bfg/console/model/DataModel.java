package io.bfg.console.model;

import java.util.List;

/**
 * The tenant-scoped tables the runbook creates on the target and the batch groups the data
 * cutover replays them in. Every table carries {@code tenant_id}.
 */
public record DataModel(String schema, List<BatchGroup> batches, List<TableDef> tables) {

  /** A replay unit of the data cutover (tenant/RBAC seed, operations, finance, audit). */
  public record BatchGroup(String id, Label label, Label description) {
  }

  /** A target table; {@code key} is its primary-key column. */
  public record TableDef(String name, String batch, String key, Label label, List<ColumnDef> columns) {
  }

  /** {@code type} is one of text, text[], integer, bigint, numeric, boolean, date, timestamptz, jsonb. */
  public record ColumnDef(String name, String type, boolean nullable) {
  }
}

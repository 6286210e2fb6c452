package io.bfg.console.model;

import java.util.List;

/**
 * The tenant-scoped tables the runbook creates on the target and the batch groups the data
 * cutover replays them in. Every table carries the tenancy column, which row-level security keys on.
 */
public record DataModel(String schema, Tenancy tenancy, List<BatchGroup> batches, List<TableDef> tables) {

  /** A model with the default tenancy ({@link Tenancy#DEFAULT}). */
  public DataModel(String schema, List<BatchGroup> batches, List<TableDef> tables) {
    this(schema, Tenancy.DEFAULT, batches, tables);
  }

  /**
   * How rows belong to tenants: {@code table} holds one row per tenant, keyed by {@code column};
   * every table carries {@code column} (text, not null), and the runbook's policies compare it with
   * the session setting {@code setting}, which a tenant's session sets to its id.
   */
  public record Tenancy(String table, String column, String setting) {
    public static final Tenancy DEFAULT = new Tenancy("tenants", "tenant_id", "app.tenant_id");
  }

  /** A replay unit of the data cutover (e.g. tenant seed, operations, finance, audit). */
  public record BatchGroup(String id, Label label, Label description) {
  }

  /** A target table; {@code key} is its primary-key column. */
  public record TableDef(String name, String batch, String key, Label label, List<ColumnDef> columns) {
  }

  /** {@code type} is one of text, text[], integer, bigint, numeric, boolean, date, timestamptz, jsonb. */
  public record ColumnDef(String name, String type, boolean nullable) {
  }
}

package io.bfg.console.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * The tenant-scoped tables the runbook creates on the target, the batch groups the data cutover
 * replays them in, and where each table's rows come from: the scenario's tenant, its actors, or
 * the sample data ({@code sample-data.json}, written by hand or by {@code generate} from the
 * generators declared here). Every table carries the tenancy column, which row-level security keys on.
 */
public record DataModel(String schema, Tenancy tenancy, Sampling sampling, List<BatchGroup> batches,
                        List<TableDef> tables) {

  /** A model with the default sampling ({@link Sampling#DEFAULT}). */
  public DataModel(String schema, Tenancy tenancy, List<BatchGroup> batches, List<TableDef> tables) {
    this(schema, tenancy, Sampling.DEFAULT, batches, tables);
  }

  /** A model with the default tenancy ({@link Tenancy#DEFAULT}) and sampling. */
  public DataModel(String schema, List<BatchGroup> batches, List<TableDef> tables) {
    this(schema, Tenancy.DEFAULT, Sampling.DEFAULT, batches, tables);
  }

  /** The table named {@code name}, or null. */
  public TableDef table(String name) {
    for (TableDef table : tables) {
      if (table.name().equals(name)) {
        return table;
      }
    }
    return null;
  }

  /**
   * How rows belong to tenants: {@code table} holds one row per tenant, keyed by {@code column};
   * every table carries {@code column} (text, not null), and the runbook's policies compare it with
   * the session setting {@code setting}, which a tenant's session sets to its id.
   */
  public record Tenancy(String table, String column, String setting) {
    public static final Tenancy DEFAULT = new Tenancy("tenants", "tenant_id", "app.tenant_id");
  }

  /**
   * What the sample-data generator starts from: {@code rows} per generated table unless a table
   * says otherwise, timestamps between {@code from} and {@code to} unless a generator says
   * otherwise, dates read in {@code timeZone}, and {@code at}, a fixed moment rows may quote
   * (e.g. a tenant's creation time) so that they never depend on the clock.
   */
  public record Sampling(int rows, Instant from, Instant to, String timeZone, Instant at) {
    public static final Sampling DEFAULT = new Sampling(40, Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-07-01T00:00:00Z"), "UTC", Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** A replay unit of the data cutover (e.g. tenant seed, operations, finance, audit). */
  public record BatchGroup(String id, Label label, Label description) {
  }

  /** A target table; {@code key} is its primary-key column, {@code rows} where its rows come from. */
  public record TableDef(String name, String batch, String key, Label label, List<ColumnDef> columns, Rows rows) {

    /** A table whose rows come from the sample data, with no generator settings. */
    public TableDef(String name, String batch, String key, Label label, List<ColumnDef> columns) {
      this(name, batch, key, label, columns, Rows.SAMPLE);
    }

    public ColumnDef column(String name) {
      for (ColumnDef column : columns) {
        if (column.name().equals(name)) {
          return column;
        }
      }
      return null;
    }

    /** True when the rows come from the scenario (its tenant or actors) rather than the sample data. */
    public boolean fromScenario() {
      return rows.origin() != Origin.SAMPLE;
    }
  }

  /** Where a table's rows come from. */
  public enum Origin {
    /** One row, made from the scenario's tenant. */
    TENANT,
    /** One row per actor of the scenario. */
    ACTORS,
    /** Rows of {@code sample-data.json}, which {@code generate} writes from the columns' generators. */
    SAMPLE
  }

  /**
   * {@code count} rows to generate (null: {@link Sampling#rows}), sorted by {@code orderBy} (null:
   * generation order) before they are numbered, and chained by {@code hashChain} (null: none).
   */
  public record Rows(Origin origin, Integer count, String orderBy, HashChain hashChain) {
    public static final Rows SAMPLE = new Rows(Origin.SAMPLE, null, null, null);
  }

  /**
   * An audit-trail chain: each row's {@code previous} column holds the {@code hash} of the row
   * before it (64 zeros for the first), and its {@code hash} column the SHA-256 of the row's
   * canonical JSON without {@code hash}.
   */
  public record HashChain(String hash, String previous) {
  }

  /**
   * {@code type} is one of text, text[], integer, bigint, numeric, boolean, date, timestamptz, jsonb.
   * {@code fill} is how the column gets its values as declared (a source, a constant or a generator;
   * see scenarios/README.md), or null when nothing is declared.
   */
  public record ColumnDef(String name, String type, boolean nullable, JsonNode fill) {

    public ColumnDef(String name, String type, boolean nullable) {
      this(name, type, nullable, null);
    }
  }
}

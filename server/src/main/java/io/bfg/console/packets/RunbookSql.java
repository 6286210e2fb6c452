package io.bfg.console.packets;

import io.bfg.console.model.PacketIds;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.snapshot.DataModelReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders the ProductionAdapterMigrationRunbook.v1 SQL from the data model: the schema, every
 * table with its key and tenant reference, the runbook's own {@code scenario_snapshots} table,
 * and tenant isolation by row-level security. The same text is shown to reviewers and executed
 * by the dry-run, so it is deterministic and idempotent (every statement can run again).
 *
 * <p>Every table, {@code tenants} included, gets RLS enabled <em>and forced</em> with one policy
 * on {@code current_setting('bfg.tenant_id', true)}:
 * <ul>
 *   <li>FORCE, because without it the table owner (often the role the application or migration
 *       connects as) bypasses every policy and sees all tenants;</li>
 *   <li>{@code tenants} too, because its rows name every customer of the operator; a tenant
 *       session needs to see its own row only. Foreign-key checks bypass RLS, so the
 *       {@code references tenants} constraints keep working;</li>
 *   <li>{@code current_setting(..., true)} is null when the setting is absent, so a session that
 *       forgot to set its tenant sees nothing rather than failing open.</li>
 * </ul>
 */
public final class RunbookSql {

  public static final String SNAPSHOTS_TABLE = DataModelReader.SNAPSHOTS;
  static final String TENANT_PREDICATE = "tenant_id = current_setting('bfg.tenant_id', true)";

  /** The values of the header comment block; each must be a single line. */
  public record RunbookHeader(String source, String target, String session, String checksumShort, long rows,
                              String runbookDecision) {

    public RunbookHeader {
      singleLine("source", source);
      singleLine("target", target);
      singleLine("session", session);
      singleLine("checksumShort", checksumShort);
      singleLine("runbookDecision", runbookDecision);
      if (rows < 0) {
        throw new IllegalArgumentException("rows must not be negative");
      }
    }

    // A line break in a header value would turn the rest of it into executable SQL.
    private static void singleLine(String name, String value) {
      Objects.requireNonNull(value, name);
      if (value.chars().anyMatch(c -> c == '\n' || c == '\r')) {
        throw new IllegalArgumentException(name + " must be a single line");
      }
    }
  }

  private RunbookSql() {
  }

  /** Header comments, then every statement, one per line group, ending with a newline. */
  public static String render(DataModel model, RunbookHeader header) {
    StringBuilder sql = new StringBuilder()
        .append("-- ").append(PacketIds.RUNBOOK).append('\n')
        .append("-- source=").append(header.source()).append('\n')
        .append("-- target=").append(header.target()).append('\n')
        .append("-- session=").append(header.session()).append('\n')
        .append("-- checksum=").append(header.checksumShort()).append('\n')
        .append("-- rows=").append(header.rows()).append('\n')
        .append("-- runbook_decision=").append(header.runbookDecision()).append('\n');
    statements(model).forEach(statement -> sql.append(statement).append('\n'));
    return sql.toString();
  }

  /** The statements alone, each ending with {@code ;}, for running one at a time. */
  public static List<String> statements(DataModel model) {
    DataModelReader.validate(model);
    String schema = model.schema();
    List<String> out = new ArrayList<>();
    out.add("create schema if not exists " + schema + ";");
    for (TableDef table : ordered(model)) {
      out.add(createTable(schema, table));
    }
    out.add(createSnapshotsTable(schema));
    List<String> names = tableNames(model);
    for (String name : names) {
      if (!name.equals(DataModelReader.TENANTS)) {
        // Every RLS-filtered query has tenant_id = ...; without an index that is a scan per query.
        out.add("create index if not exists " + name + "_tenant_idx on " + schema + "." + name + " (tenant_id);");
      }
    }
    for (String name : names) {
      out.add("alter table " + schema + "." + name + " enable row level security;");
      out.add("alter table " + schema + "." + name + " force row level security;");
    }
    for (String name : names) {
      out.add("drop policy if exists " + policyName(name) + " on " + schema + "." + name + ";");
    }
    for (String name : names) {
      out.add("create policy " + policyName(name) + " on " + schema + "." + name + "\n"
          + "  using (" + TENANT_PREDICATE + ")\n"
          + "  with check (" + TENANT_PREDICATE + ");");
    }
    return List.copyOf(out);
  }

  /** Every table the runbook creates, in creation order: tenants, the model's, the snapshots table. */
  public static List<String> tableNames(DataModel model) {
    List<String> names = new ArrayList<>();
    ordered(model).forEach(t -> names.add(t.name()));
    names.add(SNAPSHOTS_TABLE);
    return List.copyOf(names);
  }

  public static String policyName(String table) {
    return "bfg_tenant_" + table;
  }

  // tenants first: every other table's tenant_id references it.
  private static List<TableDef> ordered(DataModel model) {
    List<TableDef> tables = new ArrayList<>();
    model.tables().stream().filter(t -> t.name().equals(DataModelReader.TENANTS)).forEach(tables::add);
    model.tables().stream().filter(t -> !t.name().equals(DataModelReader.TENANTS)).forEach(tables::add);
    return tables;
  }

  private static String createTable(String schema, TableDef table) {
    boolean isTenants = table.name().equals(DataModelReader.TENANTS);
    List<String> lines = new ArrayList<>();
    for (ColumnDef column : table.columns()) {
      StringBuilder line = new StringBuilder("  ").append(column.name()).append(' ').append(column.type());
      if (column.name().equals(table.key())) {
        line.append(" primary key");
      } else if (!column.nullable()) {
        line.append(" not null");
      }
      if (column.name().equals(DataModelReader.TENANT_ID) && !isTenants) {
        line.append(" references ").append(schema).append(".tenants(tenant_id)");
      }
      lines.add(line.toString());
    }
    return "create table if not exists " + schema + "." + table.name() + " (\n" + String.join(",\n", lines) + "\n);";
  }

  private static String createSnapshotsTable(String schema) {
    return "create table if not exists " + schema + "." + SNAPSHOTS_TABLE + " (\n"
        + "  snapshot_id text primary key,\n"
        + "  tenant_id text not null references " + schema + ".tenants(tenant_id),\n"
        + "  checksum text not null,\n"
        + "  schema_version text not null,\n"
        + "  payload jsonb not null,\n"
        + "  created_at timestamptz not null default now()\n"
        + ");";
  }
}

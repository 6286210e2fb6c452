package io.bfg.console.packets;

import io.bfg.console.model.PacketIds;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.model.DataModel.Tenancy;
import io.bfg.console.snapshot.DataModelReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders the ProductionAdapterMigrationRunbook.v1 SQL from the data model: the schema, every
 * table with its key and tenant reference, the runbook's own {@code scenario_snapshots} table,
 * and tenant isolation by row-level security. The same text is shown to reviewers and executed
 * by the dry-run, so it is deterministic and idempotent (every statement can run again). Table,
 * column and setting of the tenancy come from the model's {@link Tenancy}.
 *
 * <p>Every table, the tenants table included, gets RLS enabled <em>and forced</em> with one policy
 * comparing the tenancy column with {@code current_setting('<setting>', true)}:
 * <ul>
 *   <li>FORCE, because without it the table owner (often the role the application or migration
 *       connects as) bypasses every policy and sees all tenants;</li>
 *   <li>the tenants table too, because its rows name every customer of the operator; a tenant
 *       session needs to see its own row only. Foreign-key checks bypass RLS, so the references
 *       to it keep working;</li>
 *   <li>{@code current_setting(..., true)} is null when the setting is absent, so a session that
 *       forgot to set its tenant sees nothing rather than failing open.</li>
 * </ul>
 */
public final class RunbookSql {

  public static final String SNAPSHOTS_TABLE = DataModelReader.SNAPSHOTS;

  /**
   * The values of the header comment block; each must be a single line. {@code source} is the
   * snapshot's schema id; {@code runbookDecision} is null when no runbook packet reports one (the
   * line is left out).
   */
  public record RunbookHeader(String source, String target, String session, String checksumShort, long rows,
                              String runbookDecision) {

    public RunbookHeader {
      singleLine("source", source);
      singleLine("target", target);
      singleLine("session", session);
      singleLine("checksumShort", checksumShort);
      if (runbookDecision != null) {
        singleLine("runbookDecision", runbookDecision);
      }
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
        .append("-- rows=").append(header.rows()).append('\n');
    if (header.runbookDecision() != null) {
      sql.append("-- runbook_decision=").append(header.runbookDecision()).append('\n');
    }
    statements(model).forEach(statement -> sql.append(statement).append('\n'));
    return sql.toString();
  }

  /** The statements alone, each ending with {@code ;}, for running one at a time. */
  public static List<String> statements(DataModel model) {
    DataModelReader.validate(model);
    String schema = model.schema();
    Tenancy tenancy = model.tenancy();
    String predicate = tenantPredicate(tenancy);
    List<String> out = new ArrayList<>();
    out.add("create schema if not exists " + schema + ";");
    for (TableDef table : ordered(model)) {
      out.add(createTable(schema, tenancy, table));
    }
    out.add(createSnapshotsTable(schema, tenancy));
    List<String> names = tableNames(model);
    for (String name : names) {
      if (!name.equals(tenancy.table())) {
        // Every RLS-filtered query compares the tenancy column; without an index that is a scan per query.
        out.add("create index if not exists " + name + "_tenant_idx on " + schema + "." + name + " ("
            + tenancy.column() + ");");
      }
    }
    for (String name : names) {
      out.add("alter table " + schema + "." + name + " enable row level security;");
      out.add("alter table " + schema + "." + name + " force row level security;");
    }
    for (String name : names) {
      out.add("drop policy if exists " + policyName(model, name) + " on " + schema + "." + name + ";");
    }
    for (String name : names) {
      out.add("create policy " + policyName(model, name) + " on " + schema + "." + name + "\n"
          + "  using (" + predicate + ")\n"
          + "  with check (" + predicate + ");");
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

  /**
   * {@code <namespace>_tenant_<table>}, the namespace being the part of the tenancy setting before
   * its first dot (PostgreSQL's custom settings always have one): {@code app.tenant_id} names the
   * orders policy {@code app_tenant_orders}.
   */
  public static String policyName(DataModel model, String table) {
    String setting = model.tenancy().setting();
    int dot = setting.indexOf('.');
    return (dot > 0 ? setting.substring(0, dot) + "_" : "") + "tenant_" + table;
  }

  /** What every policy holds a row to: its tenancy column equals the session's setting. */
  static String tenantPredicate(Tenancy tenancy) {
    return tenancy.column() + " = current_setting('" + tenancy.setting() + "', true)";
  }

  // the tenants table first: every other table's tenancy column references it.
  private static List<TableDef> ordered(DataModel model) {
    String tenants = model.tenancy().table();
    List<TableDef> tables = new ArrayList<>();
    model.tables().stream().filter(t -> t.name().equals(tenants)).forEach(tables::add);
    model.tables().stream().filter(t -> !t.name().equals(tenants)).forEach(tables::add);
    return tables;
  }

  private static String createTable(String schema, Tenancy tenancy, TableDef table) {
    boolean isTenants = table.name().equals(tenancy.table());
    List<String> lines = new ArrayList<>();
    for (ColumnDef column : table.columns()) {
      StringBuilder line = new StringBuilder("  ").append(column.name()).append(' ').append(column.type());
      if (column.name().equals(table.key())) {
        line.append(" primary key");
      } else if (!column.nullable()) {
        line.append(" not null");
      }
      if (column.name().equals(tenancy.column()) && !isTenants) {
        line.append(" references ").append(schema).append('.').append(tenancy.table()).append('(')
            .append(tenancy.column()).append(')');
      }
      lines.add(line.toString());
    }
    return "create table if not exists " + schema + "." + table.name() + " (\n" + String.join(",\n", lines) + "\n);";
  }

  private static String createSnapshotsTable(String schema, Tenancy tenancy) {
    return "create table if not exists " + schema + "." + SNAPSHOTS_TABLE + " (\n"
        + "  snapshot_id text primary key,\n"
        + "  " + tenancy.column() + " text not null references " + schema + "." + tenancy.table() + "("
        + tenancy.column() + "),\n"
        + "  checksum text not null,\n"
        + "  schema_version text not null,\n"
        + "  payload jsonb not null,\n"
        + "  created_at timestamptz not null default now()\n"
        + ");";
  }
}

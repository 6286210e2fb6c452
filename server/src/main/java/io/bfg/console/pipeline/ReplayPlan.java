package io.bfg.console.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.snapshot.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the dry-run writes a snapshot and reads it back, worked out before it touches the target.
 * A batch is one INSERT whose parameters are one text array per column, {@code unnest}ed and cast
 * to the column's type on the server: PostgreSQL parses each value with its own input function,
 * as COPY does, and the column types come from the data model, not from guessing Java types.
 * Pure; CPU-bound, so build it off the event loop.
 */
record ReplayPlan(String schema, String tenantId, List<TablePlan> tables, Map<String, Long> rowsByBatch,
                  long totalRows, String checksum) {

  /**
   * {@code claims} marks the tables of the tenancy table's batch (the tenant and its actors), which the
   * RBAC rehearsal writes; the replay writes the
   * rest. Each batch holds one {@code String[]} per column.
   */
  record TablePlan(TableDef table, boolean claims, List<Object[]> batches, long rows, String insertSql,
                   String readSql) {
  }

  static ReplayPlan of(DataModel model, Snapshot snapshot, int batchRows) {
    String claimsBatch = model.tables().stream().filter(t -> t.name().equals(model.tenancy().table()))
        .map(TableDef::batch).findFirst().orElse(null);
    List<TablePlan> tables = new ArrayList<>();
    Map<String, Long> byBatch = new LinkedHashMap<>();
    model.batches().forEach(b -> byBatch.put(b.id(), 0L));
    for (TableDef table : model.tables()) {
      List<ObjectNode> rows = snapshot.tables().getOrDefault(table.name(), List.of());
      List<Object[]> batches = new ArrayList<>();
      for (int from = 0; from < rows.size(); from += batchRows) {
        batches.add(columns(table, rows.subList(from, Math.min(rows.size(), from + batchRows))));
      }
      tables.add(new TablePlan(table, table.batch().equals(claimsBatch), List.copyOf(batches), rows.size(),
          insertSql(model.schema(), table), ReadBackDigest.readSql(model.schema(), table)));
      byBatch.merge(table.batch(), (long) rows.size(), Long::sum);
    }
    return new ReplayPlan(model.schema(), snapshot.tenantId(), List.copyOf(tables), byBatch, snapshot.totalRows(),
        snapshot.checksum());
  }

  long rows(boolean claims) {
    return tables.stream().filter(t -> t.claims() == claims).mapToLong(TablePlan::rows).sum();
  }

  /** The claim tables and their rows, e.g. {@code tenants 1, users 5}. */
  String claims() {
    return tables.stream().filter(TablePlan::claims).map(t -> t.table().name() + " " + t.rows())
        .collect(Collectors.joining(", "));
  }

  /** The tables in the order their names sort, which is their order in the canonical payload. */
  List<TablePlan> tablesByName() {
    return tables.stream().sorted(Comparator.comparing(t -> t.table().name())).toList();
  }

  /** One text array per column: each value as PostgreSQL's input function for the column type reads it. */
  private static Object[] columns(TableDef table, List<ObjectNode> rows) {
    Object[] columns = new Object[table.columns().size()];
    for (int c = 0; c < columns.length; c++) {
      ColumnDef column = table.columns().get(c);
      String[] values = new String[rows.size()];
      for (int r = 0; r < values.length; r++) {
        values[r] = text(column.type(), rows.get(r).get(column.name()));
      }
      columns[c] = values;
    }
    return columns;
  }

  static String text(String type, JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    return switch (type) {
      case "numeric" -> value.decimalValue().toPlainString();
      case "jsonb" -> value.toString();
      case "text[]" -> arrayLiteral(value);
      default -> value.asText();
    };
  }

  /** {@code {"a","b"}}: every element quoted, backslashes and quotes escaped, JSON nulls as NULL. */
  private static String arrayLiteral(JsonNode array) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < array.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      JsonNode element = array.get(i);
      if (element == null || element.isNull()) {
        out.append("NULL");
      } else {
        out.append('"').append(element.asText().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
    }
    return out.append('}').toString();
  }

  private static String insertSql(String schema, TableDef table) {
    List<ColumnDef> columns = table.columns();
    String names = columns.stream().map(ColumnDef::name).collect(Collectors.joining(", "));
    StringBuilder sql = new StringBuilder("insert into ").append(schema).append('.').append(table.name())
        .append(" (").append(names).append(") select ");
    for (int c = 0; c < columns.size(); c++) {
      sql.append(c > 0 ? ", " : "").append("u.").append(columns.get(c).name()).append("::")
          .append(columns.get(c).type());
    }
    sql.append(" from unnest(");
    for (int c = 0; c < columns.size(); c++) {
      sql.append(c > 0 ? ", " : "").append('$').append(c + 1).append("::text[]");
    }
    return sql.append(") as u(").append(names).append(')').toString();
  }
}

package io.bfg.console.pipeline;

import io.bfg.console.model.DataModel;
import io.bfg.console.packets.RunbookSql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the runbook's schema looks like on the target from outside any transaction: whether it
 * exists, how many relations and policies it has, and how many rows each runbook table shows the
 * snapshot's tenant. Taken before the dry-run and after its rollback; equal footprints mean the
 * rehearsal left no residue.
 */
record TargetFootprint(String schema, boolean schemaExists, long relations, long policies, Map<String, Long> tenantRows) {

  static Future<TargetFootprint> capture(TargetSession session, DataModel model, String tenantId) {
    String schema = model.schema();
    return session.query("select (select count(*) from pg_namespace where nspname = $1) as schemas, "
            + "(select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1) "
            + "as relations, (select count(*) from pg_policies where schemaname = $1) as policies", Tuple.of(schema))
        .compose(rows -> {
          Row row = rows.iterator().next();
          boolean exists = row.getLong("schemas") > 0;
          long relations = row.getLong("relations");
          long policies = row.getLong("policies");
          if (!exists) {
            return Future.succeededFuture(new TargetFootprint(schema, false, relations, policies, Map.of()));
          }
          return session.query("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                  + "where n.nspname = $1 and c.relkind = 'r'", Tuple.of(schema))
              .compose(tables -> {
                List<String> present = RunbookSql.tableNames(model).stream()
                    .filter(name -> contains(tables, name)).toList();
                if (present.isEmpty()) {
                  return Future.succeededFuture(new TargetFootprint(schema, true, relations, policies, Map.of()));
                }
                String counts = present.stream()
                    .map(t -> "select '" + t + "' as t, count(*) as n from " + schema + "." + t)
                    .collect(Collectors.joining(" union all "));
                return session.query("select set_config($1, $2, false)",
                        Tuple.of(model.tenancy().setting(), tenantId))
                    .compose(ignored -> session.query(counts))
                    .map(counted -> {
                      Map<String, Long> out = new LinkedHashMap<>();
                      counted.forEach(r -> out.put(r.getString("t"), r.getLong("n")));
                      return new TargetFootprint(schema, true, relations, policies, out);
                    });
              });
        });
  }

  private static boolean contains(Iterable<Row> rows, String name) {
    for (Row row : rows) {
      if (name.equals(row.getString("relname"))) {
        return true;
      }
    }
    return false;
  }

  String describe() {
    if (!schemaExists) {
      return "schema " + schema + " absent";
    }
    long rows = tenantRows.values().stream().mapToLong(Long::longValue).sum();
    return "schema " + schema + " present with " + relations + " relations, " + policies + " policies and " + rows
        + " rows visible to the tenant";
  }

  /** {@link #describe()} in Polish. */
  String describePl() {
    if (!schemaExists) {
      return "schematu " + schema + " nie ma";
    }
    long rows = tenantRows.values().stream().mapToLong(Long::longValue).sum();
    return "schemat " + schema + " istnieje: relacje " + relations + ", polityki " + policies + ", wiersze widoczne dla tenanta "
        + rows;
  }
}

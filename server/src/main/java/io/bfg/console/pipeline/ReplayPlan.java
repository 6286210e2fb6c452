package io.bfg.console.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.snapshot.DataModelReader;
import io.bfg.console.snapshot.Snapshot;
import io.bfg.console.snapshot.TargetForm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the dry-run writes a snapshot and reads it back, worked out before it touches the target:
 * per table, the rows as JSON batches and the two statements that move them. A batch is one
 * parameter, {@code jsonb_to_recordset($1)}, so a thousand rows cost one round trip and the column
 * types come from the data model, not from guessing Java types. Pure; CPU-bound, so build it and
 * {@link #checksumOfReadBack} off the event loop.
 */
record ReplayPlan(String schema, String tenantId, List<TablePlan> tables, Map<String, Long> rowsByBatch,
                  long totalRows, String checksum) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /**
   * {@code claims} marks the tenant and user tables the RBAC rehearsal writes; the replay writes the rest.
   */
  record TablePlan(TableDef table, boolean claims, List<String> batches, long rows, String insertSql,
                   String readSql) {
  }

  static ReplayPlan of(DataModel model, Snapshot snapshot, int batchRows) {
    String claimsBatch = model.tables().stream().filter(t -> t.name().equals(DataModelReader.TENANTS))
        .map(TableDef::batch).findFirst().orElse(null);
    List<TablePlan> tables = new ArrayList<>();
    Map<String, Long> byBatch = new LinkedHashMap<>();
    model.batches().forEach(b -> byBatch.put(b.id(), 0L));
    for (TableDef table : model.tables()) {
      List<ObjectNode> rows = snapshot.tables().getOrDefault(table.name(), List.of());
      List<String> batches = new ArrayList<>();
      for (int from = 0; from < rows.size(); from += batchRows) {
        ArrayNode batch = JsonNodeFactory.instance.arrayNode();
        rows.subList(from, Math.min(rows.size(), from + batchRows)).forEach(batch::add);
        batches.add(write(batch));
      }
      tables.add(new TablePlan(table, table.batch().equals(claimsBatch), List.copyOf(batches), rows.size(),
          insertSql(model.schema(), table), readSql(model.schema(), table)));
      byBatch.merge(table.batch(), (long) rows.size(), Long::sum);
    }
    return new ReplayPlan(model.schema(), snapshot.tenantId(), List.copyOf(tables), byBatch, snapshot.totalRows(),
        snapshot.checksum());
  }

  long rows(boolean claims) {
    return tables.stream().filter(t -> t.claims() == claims).mapToLong(TablePlan::rows).sum();
  }

  /**
   * The checksum of rows read back from the target (one JSON object per row, as {@code to_jsonb}
   * writes it), computed exactly as the snapshot's: same form, same order, same canonical JSON.
   */
  String checksumOfReadBack(Map<String, List<String>> jsonRowsByTable) {
    Map<String, List<ObjectNode>> tablesRead = new LinkedHashMap<>();
    for (TablePlan plan : tables) {
      List<String> raw = jsonRowsByTable.getOrDefault(plan.table().name(), List.of());
      List<JsonNode> parsed = new ArrayList<>(raw.size());
      for (String row : raw) {
        parsed.add(read(row));
      }
      tablesRead.put(plan.table().name(), TargetForm.rows(plan.table(), parsed));
    }
    return new Snapshot(tenantId, tablesRead).checksum();
  }

  private static String insertSql(String schema, TableDef table) {
    String columns = table.columns().stream().map(ColumnDef::name).collect(Collectors.joining(", "));
    String typed = table.columns().stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
    return "insert into " + schema + "." + table.name() + " (" + columns + ") select " + columns
        + " from jsonb_to_recordset($1::text::jsonb) as r(" + typed + ")";
  }

  /** Only the mapped columns: a target table may carry more than the data model knows about. */
  private static String readSql(String schema, TableDef table) {
    String columns = table.columns().stream().map(ColumnDef::name).collect(Collectors.joining(", "));
    return "select to_jsonb(r)::text as row from (select " + columns + " from " + schema + "." + table.name()
        + ") r";
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a snapshot row failed to serialise", e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StepFailed("the target returned a row that is not JSON: " + e.getOriginalMessage());
    }
  }
}

package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.Actor;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.model.SnapshotSummary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BFGScenarioSnapshot.v1 payload: every row of one tenant, tenants and users included, in
 * data-model order. Its checksum is the SHA-256 of the canonical JSON of {@link #payload()}, so
 * the same rows give the same checksum however they were read, written or formatted.
 */
public record Snapshot(String tenantId, Map<String, List<ObjectNode>> tables) {

  public static final String SCHEMA = "BFGScenarioSnapshot.v1";
  public static final String CHECKSUM_PREFIX = "bfg";

  public Snapshot {
    Map<String, List<ObjectNode>> copy = new LinkedHashMap<>();
    tables.forEach((table, rows) -> copy.put(table, List.copyOf(rows)));
    tables = Collections.unmodifiableMap(copy);
  }

  /**
   * Tenant and user rows made from {@code actors}, followed by {@code sample}'s rows; every
   * model table appears (empty when it has no rows) and every row is validated against it, then
   * put in {@link TargetForm} so a replay read back from PostgreSQL has the same checksum.
   */
  public static Snapshot assemble(DataModel model, String tenantId, String tenantName, List<Actor> actors,
                                  SampleData sample) {
    if (!sample.tenantId().equals(tenantId)) {
      throw new DataModelException("tenantId", "sample data is for tenant '" + sample.tenantId()
          + "', the scenario's tenant is '" + tenantId + "'");
    }
    Map<String, List<ObjectNode>> actorRows = SampleDataGenerator.tenantRows(tenantId, tenantName, actors, model);
    Map<String, List<ObjectNode>> tables = new LinkedHashMap<>();
    for (TableDef table : model.tables()) {
      List<ObjectNode> rows = actorRows.containsKey(table.name()) ? actorRows.get(table.name())
          : sample.tables().getOrDefault(table.name(), List.of());
      SampleDataFile.validateTable(table, rows, tenantId);
      tables.put(table.name(), TargetForm.rows(table, rows));
    }
    return new Snapshot(tenantId, tables);
  }

  /** {@code {schema, tenantId, tables: {name: [rows...]}}}; it shares the row nodes, so never mutate it. */
  public ObjectNode payload() {
    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("schema", SCHEMA).put("tenantId", tenantId);
    ObjectNode out = payload.putObject("tables");
    tables.forEach((table, rows) -> {
      ArrayNode list = out.putArray(table);
      rows.forEach(list::add);
    });
    return payload;
  }

  /** Full lower-case hex SHA-256 of the canonical payload. */
  public String checksum() {
    return Checksums.sha256(payload());
  }

  public long totalRows() {
    return tables.values().stream().mapToLong(List::size).sum();
  }

  /** Rows per table and per batch group (every one listed, zeros included), total and checksum. */
  public SnapshotSummary summary(DataModel model) {
    Map<String, Long> byBatch = new LinkedHashMap<>();
    model.batches().forEach(b -> byBatch.put(b.id(), 0L));
    Map<String, Long> byTable = new LinkedHashMap<>();
    for (TableDef table : model.tables()) {
      long rows = tables.getOrDefault(table.name(), List.of()).size();
      byTable.put(table.name(), rows);
      byBatch.merge(table.batch(), rows, Long::sum);
    }
    String checksum = checksum();
    return new SnapshotSummary(SCHEMA, Collections.unmodifiableMap(byBatch), Collections.unmodifiableMap(byTable),
        totalRows(), checksum, Checksums.shortForm(CHECKSUM_PREFIX, checksum));
  }
}

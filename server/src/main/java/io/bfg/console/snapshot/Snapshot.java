package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.Actor;
import io.bfg.console.model.Branding;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.model.SnapshotSummary;
import io.bfg.console.model.Tenant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The scenario's snapshot payload: every row of one tenant, the tables filled from the scenario
 * included, in data-model order, under the scenario's snapshot schema id ({@code schema}, e.g.
 * {@code ScenarioSnapshot.v1}). Its checksum is the SHA-256 of the canonical JSON of
 * {@link #payload()}, so the same rows give the same checksum however they were read, written or
 * formatted; it is shown short as {@code checksumPrefix-} and 8 hex digits.
 */
public record Snapshot(String schema, String checksumPrefix, String tenantId, Map<String, List<ObjectNode>> tables) {

  public Snapshot {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(checksumPrefix, "checksumPrefix");
    Map<String, List<ObjectNode>> copy = new LinkedHashMap<>();
    tables.forEach((table, rows) -> copy.put(table, List.copyOf(rows)));
    tables = Collections.unmodifiableMap(copy);
  }

  /**
   * The rows the model fills from {@code tenant} and {@code actors}, then {@code sample}'s rows;
   * every model table appears (empty when it has no rows) and every row is validated against it,
   * then put in {@link TargetForm} so a replay read back from PostgreSQL has the same checksum.
   * {@code branding} names the payload; its missing parts take {@link Branding}'s defaults.
   */
  public static Snapshot assemble(DataModel model, Branding branding, Tenant tenant, List<Actor> actors,
                                  SampleData sample) {
    if (!sample.tenantId().equals(tenant.id())) {
      throw new DataModelException("tenantId", "sample data is for tenant '" + sample.tenantId()
          + "', the scenario's tenant is '" + tenant.id() + "'");
    }
    Map<String, List<ObjectNode>> scenarioRows = SampleDataGenerator.scenarioRows(model, tenant, actors);
    Map<String, List<ObjectNode>> tables = new LinkedHashMap<>();
    for (TableDef table : model.tables()) {
      List<ObjectNode> rows = table.fromScenario() ? scenarioRows.get(table.name())
          : sample.tables().getOrDefault(table.name(), List.of());
      SampleDataFile.validateTable(model, table, rows, tenant.id());
      tables.put(table.name(), TargetForm.rows(table, rows));
    }
    return new Snapshot(schemaOf(branding), checksumPrefixOf(branding), tenant.id(), tables);
  }

  /** {@code {schema, tenantId, tables: {name: [rows...]}}}; it shares the row nodes, so never mutate it. */
  public ObjectNode payload() {
    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("schema", schema).put("tenantId", tenantId);
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

  /** {@code checksumPrefix-} and the first 8 hex digits of {@code checksum}. */
  public String shortForm(String checksum) {
    return Checksums.shortForm(checksumPrefix, checksum);
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
    return new SnapshotSummary(schema, Collections.unmodifiableMap(byBatch), Collections.unmodifiableMap(byTable),
        totalRows(), checksum, shortForm(checksum));
  }

  private static String schemaOf(Branding branding) {
    return branding == null || branding.snapshotSchema() == null ? Branding.DEFAULT_SNAPSHOT_SCHEMA
        : branding.snapshotSchema();
  }

  private static String checksumPrefixOf(Branding branding) {
    return branding == null || branding.checksumPrefix() == null ? Branding.DEFAULT_CHECKSUM_PREFIX
        : branding.checksumPrefix();
  }
}

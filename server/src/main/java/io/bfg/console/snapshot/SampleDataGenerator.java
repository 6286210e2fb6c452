package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.Actor;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic, realistic rows for BFG Control's operational, finance and audit tables: the
 * same arguments always give byte-identical rows (one {@link SplittableRandom} with a fixed
 * seed, every timestamp inside a fixed window, never the clock). Tenant and user rows are not
 * generated here; they come from the scenario's actors via {@link #tenantRows}.
 *
 * <p>The generator first builds a consistent "world" (orders, their driver events, evidence,
 * invoices, payments linked to invoices, a hash-chained audit trail), then projects it onto
 * whatever columns the data model declares, so the model can gain a column without breaking
 * generation.
 */
public final class SampleDataGenerator {

  public static final long DEFAULT_SEED = 20260401L;
  public static final int DEFAULT_ROWS_PER_TABLE = 40;
  /** Orders are created during the 30 days from here ... */
  public static final Instant WINDOW_START = Instant.parse("2026-04-01T04:00:00Z");
  /** ... and every generated timestamp, late payments included, falls before this. */
  public static final Instant WINDOW_END = Instant.parse("2026-07-01T00:00:00Z");
  /** The tenant row's creation time: fixed, so tenant rows are as deterministic as the rest. */
  public static final String TENANT_CREATED_AT = "2026-03-02T07:00:00Z";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SampleDataGenerator() {
  }

  /**
   * Rows for every table of {@code model} except tenants and users, {@code rowsPerTable} each,
   * keyed by table name in model order.
   */
  public static Map<String, List<ObjectNode>> generate(String tenantId, DataModel model, int rowsPerTable, long seed) {
    if (rowsPerTable < 0) {
      throw new IllegalArgumentException("rowsPerTable must not be negative");
    }
    Map<String, List<ObjectNode>> world = new BfgWorld(tenantId, rowsPerTable, seed).build();
    Map<String, List<ObjectNode>> out = new LinkedHashMap<>();
    for (TableDef table : model.tables()) {
      if (isActorTable(table.name())) {
        continue;
      }
      List<ObjectNode> source = world.getOrDefault(table.name(), List.of());
      List<ObjectNode> rows = new ArrayList<>();
      for (int i = 0; i < rowsPerTable; i++) {
        rows.add(project(table, i < source.size() ? source.get(i) : null, i, tenantId));
      }
      out.put(table.name(), List.copyOf(rows));
    }
    return Collections.unmodifiableMap(out);
  }

  /** The tenants row and one users row per actor, projected onto the model's columns. */
  public static Map<String, List<ObjectNode>> tenantRows(String tenantId, String tenantName, List<Actor> actors,
                                                         DataModel model) {
    ObjectNode tenant = JSON.objectNode()
        .put("tenant_id", tenantId).put("name", tenantName).put("created_at", TENANT_CREATED_AT);
    List<ObjectNode> users = new ArrayList<>();
    for (Actor actor : actors) {
      ObjectNode user = JSON.objectNode()
          .put("user_id", actor.id()).put("tenant_id", tenantId)
          .put("role_key", actor.roleKey()).put("display_name", actor.name());
      ArrayNode permissions = user.putArray("permissions");
      actor.permissions().forEach(permissions::add);
      users.add(user);
    }
    Map<String, List<ObjectNode>> source = Map.of(DataModelReader.TENANTS, List.of(tenant), "users", users);
    Map<String, List<ObjectNode>> out = new LinkedHashMap<>();
    for (TableDef table : model.tables()) {
      if (isActorTable(table.name())) {
        List<ObjectNode> rows = new ArrayList<>();
        List<ObjectNode> from = source.get(table.name());
        for (int i = 0; i < from.size(); i++) {
          rows.add(project(table, from.get(i), i, tenantId));
        }
        out.put(table.name(), List.copyOf(rows));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  static boolean isActorTable(String table) {
    return table.equals(DataModelReader.TENANTS) || table.equals("users");
  }

  // Model columns in model order; a column the world does not know gets a placeholder of its
  // type (or null when nullable) so a grown model still yields valid rows.
  private static ObjectNode project(TableDef table, ObjectNode source, int index, String tenantId) {
    ObjectNode row = JSON.objectNode();
    for (ColumnDef column : table.columns()) {
      JsonNode value = source == null ? null : source.get(column.name());
      if (column.name().equals(DataModelReader.TENANT_ID)) {
        value = JSON.textNode(tenantId);
      } else if (value == null || value.isNull()) {
        value = column.nullable() && !column.name().equals(table.key())
            ? JSON.nullNode() : placeholder(table.name(), column, index);
      }
      row.set(column.name(), value);
    }
    return row;
  }

  private static JsonNode placeholder(String table, ColumnDef column, int index) {
    return switch (column.type()) {
      case "integer" -> JSON.numberNode(index + 1);
      case "bigint" -> JSON.numberNode((long) index + 1);
      case "numeric" -> JSON.numberNode(BigDecimal.valueOf(index + 1));
      case "boolean" -> JSON.booleanNode(false);
      case "date" -> JSON.textNode(BfgWorld.date(WINDOW_START));
      case "timestamptz" -> JSON.textNode(BfgWorld.ts(WINDOW_START));
      case "jsonb" -> JSON.objectNode();
      case "text[]" -> JSON.arrayNode();
      default -> JSON.textNode(String.format(Locale.ROOT, "%s-%s-%04d", table, column.name(), index + 1));
    };
  }
}

package io.bfg.console.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads, validates and writes {@code sample-data.json}: the tenant's rows of every table the data
 * model does not fill from the scenario (the tables declared {@code from: tenant} or
 * {@code from: actors} are not in it). The file is pretty-printed one row per line so that diffs
 * stay readable; checksums never depend on that layout because they are taken over canonical JSON.
 */
public final class SampleDataFile {

  public static final String FILE_NAME = "sample-data.json";
  public static final String SCHEMA = "SampleData.v1";
  // Files written before the format was shared by every scenario carry their company's name in
  // front of it; they are the same format.
  private static final Pattern NAMED_SCHEMA = Pattern.compile("[A-Z][A-Za-z0-9]*SampleData\\.v1");

  // Decimals are kept exactly as written ("120.50" stays 120.50, never 1.205E+2), so a value
  // reads back to the same canonical JSON it was generated or written as.
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(new JsonNodeFactory(true));

  private SampleDataFile() {
  }

  /** The mapper to parse sample data with anywhere else, so numbers keep their exact scale. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static SampleData read(Path file, DataModel model) {
    try {
      return fromTree(MAPPER.readTree(Files.readAllBytes(file)), model);
    } catch (JsonProcessingException e) {
      throw new DataModelException("$", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sample data " + file, e);
    }
  }

  public static SampleData fromTree(JsonNode root, DataModel model) {
    if (root == null || !root.isObject()) {
      throw new DataModelException("$", "expected an object with schema, tenantId and tables");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!Set.of("schema", "tenantId", "tables").contains(field)) {
        throw new DataModelException(field, "unknown field, expected schema, tenantId and tables");
      }
    }
    String schema = root.path("schema").asText("");
    if (!SCHEMA.equals(schema) && !NAMED_SCHEMA.matcher(schema).matches()) {
      throw new DataModelException("schema", "expected \"" + SCHEMA + "\"");
    }
    JsonNode tenantId = root.get("tenantId");
    if (tenantId == null || !tenantId.isTextual() || tenantId.asText().isBlank()) {
      throw new DataModelException("tenantId", "expected a non-empty string");
    }
    JsonNode tables = root.get("tables");
    if (tables == null || !tables.isObject()) {
      throw new DataModelException("tables", "expected an object of table name to rows");
    }
    Map<String, TableDef> byName = new HashMap<>();
    model.tables().forEach(t -> byName.put(t.name(), t));
    for (Iterator<String> it = tables.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!byName.containsKey(name)) {
        throw new DataModelException(name, "unknown table; the data model has " + byName.keySet().stream().sorted().toList());
      }
      TableDef table = byName.get(name);
      if (table.fromScenario()) {
        String origin = table.rows().origin() == DataModel.Origin.TENANT ? "tenant" : "actors";
        throw new DataModelException(name, "comes from the scenario's " + origin + " (from: " + origin
            + " in the data model) and must not be in the sample data");
      }
    }
    Map<String, List<ObjectNode>> rows = new LinkedHashMap<>();
    for (TableDef table : model.tables()) {
      JsonNode list = tables.get(table.name());
      if (list == null) {
        continue;
      }
      if (!list.isArray()) {
        throw new DataModelException(table.name(), "expected a list of rows");
      }
      List<ObjectNode> tableRows = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        if (!list.get(i).isObject()) {
          throw new DataModelException(table.name() + "[" + i + "]", "expected an object");
        }
        tableRows.add((ObjectNode) list.get(i));
      }
      validateTable(model, table, tableRows, tenantId.asText());
      rows.put(table.name(), tableRows);
    }
    return new SampleData(tenantId.asText(), rows);
  }

  /**
   * Checks rows against their table: no unknown column, every not-null column present and
   * non-null, every value of its column's JSON shape, the tenancy column the given tenant, keys unique.
   */
  public static void validateTable(DataModel model, TableDef table, List<? extends JsonNode> rows, String tenantId) {
    String tenancy = model.tenancy().column();
    Map<String, ColumnDef> columns = new LinkedHashMap<>();
    table.columns().forEach(c -> columns.put(c.name(), c));
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String at = table.name() + "[" + i + "]";
      for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!columns.containsKey(field)) {
          throw new DataModelException(at + "." + field, "unknown column of " + table.name());
        }
      }
      for (ColumnDef column : columns.values()) {
        JsonNode value = row.get(column.name());
        String path = at + "." + column.name();
        if (value == null || value.isNull()) {
          if (!column.nullable()) {
            throw new DataModelException(path, "missing value for a not-null " + column.type() + " column");
          }
          continue;
        }
        if (!ColumnTypes.accepts(column.type(), value)) {
          throw new DataModelException(path, "expected " + ColumnTypes.expected(column.type()) + " for a "
              + column.type() + " column, got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + abbreviated(value));
        }
      }
      String rowTenant = row.get(tenancy).asText();
      if (!rowTenant.equals(tenantId)) {
        throw new DataModelException(at + "." + tenancy,
            "row of tenant '" + rowTenant + "' in data for tenant '" + tenantId + "'");
      }
      String key = row.get(table.key()).asText();
      if (!keys.add(key)) {
        throw new DataModelException(at + "." + table.key(), "duplicate key '" + key + "'");
      }
    }
  }

  /** Pretty JSON with one row per line; ends with a newline. */
  public static String render(SampleData data) {
    StringBuilder out = new StringBuilder();
    out.append("{\n  \"schema\": ").append(json(SCHEMA))
        .append(",\n  \"tenantId\": ").append(json(data.tenantId()))
        .append(",\n  \"tables\": {");
    String tableSeparator = "\n";
    for (Map.Entry<String, List<ObjectNode>> table : data.tables().entrySet()) {
      out.append(tableSeparator).append("    ").append(json(table.getKey())).append(": [");
      String rowSeparator = "\n";
      for (ObjectNode row : table.getValue()) {
        out.append(rowSeparator).append("      ").append(json(row));
        rowSeparator = ",\n";
      }
      out.append(table.getValue().isEmpty() ? "]" : "\n    ]");
      tableSeparator = ",\n";
    }
    return out.append("\n  }\n}\n").toString();
  }

  public static void write(Path file, SampleData data) {
    try {
      Files.writeString(file, render(data), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sample data " + file, e);
    }
  }

  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be written as JSON", e);
    }
  }

  private static String abbreviated(JsonNode value) {
    String text = value.toString();
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}

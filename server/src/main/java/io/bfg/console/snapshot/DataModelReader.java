package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.BatchGroup;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.model.Label;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code data-model.yaml} into a {@link DataModel} and validates it. Parsing is done by
 * hand over the tree rather than by data binding so that every problem names the exact path
 * of the offending value.
 */
public final class DataModelReader {

  /** The table the runbook's foreign keys point at; its key must be {@code tenant_id}. */
  public static final String TENANTS = "tenants";
  public static final String TENANT_ID = "tenant_id";
  /** Created by the runbook itself, so a data model must not declare it. */
  public static final String SNAPSHOTS = "scenario_snapshots";

  // Names are spliced into DDL unquoted, so only plain lower-case identifiers are accepted, and
  // short enough that derived names (bfg_tenant_<table>, <table>_tenant_idx) stay within 63 bytes.
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,51}");
  /** PostgreSQL's reserved key words (pg_get_keywords() catcode R and T): unusable unquoted as names. */
  public static final Set<String> RESERVED = Set.of(
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
      "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
      "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
      "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
      "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
      "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like",
      "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or",
      "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
      "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to",
      "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
      "with");

  private DataModelReader() {
  }

  public static DataModel read(Path yamlFile) {
    try {
      return fromTree(new YAMLMapper().readTree(Files.readAllBytes(yamlFile)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read data model " + yamlFile, e);
    }
  }

  /** Builds and validates a data model from an already parsed YAML/JSON tree. */
  public static DataModel fromTree(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new DataModelException("$", "expected an object with schema, batches and tables");
    }
    onlyFields(root, "", "schema", "batches", "tables");
    String schema = text(root, "", "schema");
    List<BatchGroup> batches = new ArrayList<>();
    int i = 0;
    for (JsonNode node : array(root, "", "batches")) {
      batches.add(batch(node, "batches[" + i++ + "]"));
    }
    List<TableDef> tables = new ArrayList<>();
    i = 0;
    for (JsonNode node : array(root, "", "tables")) {
      tables.add(table(node, "tables[" + i++ + "]"));
    }
    DataModel model = new DataModel(schema, List.copyOf(batches), List.copyOf(tables));
    validate(model);
    return model;
  }

  /** Checks the rules a model must meet before DDL or sample data is derived from it. */
  public static void validate(DataModel model) {
    identifier(model.schema(), "schema");
    Set<String> batchIds = new HashSet<>();
    for (int b = 0; b < model.batches().size(); b++) {
      if (!batchIds.add(model.batches().get(b).id())) {
        throw new DataModelException("batches[" + b + "].id", "duplicate batch id '" + model.batches().get(b).id() + "'");
      }
    }
    Set<String> tableNames = new HashSet<>();
    for (int t = 0; t < model.tables().size(); t++) {
      TableDef table = model.tables().get(t);
      String at = "tables[" + t + "]";
      identifier(table.name(), at + ".name");
      if (!tableNames.add(table.name())) {
        throw new DataModelException(at + ".name", "duplicate table name '" + table.name() + "'");
      }
      if (table.name().equals(SNAPSHOTS)) {
        throw new DataModelException(at + ".name", "'" + SNAPSHOTS + "' is created by the runbook itself");
      }
      if (!batchIds.contains(table.batch())) {
        throw new DataModelException(at + ".batch", "unknown batch '" + table.batch() + "', expected one of " + batchIds);
      }
      validateColumns(table, at);
    }
    if (!tableNames.contains(TENANTS)) {
      throw new DataModelException("tables", "no '" + TENANTS + "' table; every tenant_id references it");
    }
    TableDef tenants = model.tables().get(indexOf(model, TENANTS));
    if (!tenants.key().equals(TENANT_ID)) {
      throw new DataModelException("tables[" + indexOf(model, TENANTS) + "].key", "the tenants table must be keyed by tenant_id");
    }
  }

  private static void validateColumns(TableDef table, String at) {
    if (table.columns().isEmpty()) {
      throw new DataModelException(at + ".columns", "a table needs at least one column");
    }
    Set<String> names = new HashSet<>();
    ColumnDef key = null;
    ColumnDef tenantId = null;
    for (int c = 0; c < table.columns().size(); c++) {
      ColumnDef column = table.columns().get(c);
      String cat = at + ".columns[" + c + "]";
      identifier(column.name(), cat + ".name");
      if (!names.add(column.name())) {
        throw new DataModelException(cat + ".name", "duplicate column name '" + column.name() + "'");
      }
      if (!ColumnTypes.isAllowed(column.type())) {
        throw new DataModelException(cat + ".type", "type '" + column.type() + "' is not one of " + ColumnTypes.ALLOWED);
      }
      if (column.name().equals(table.key())) {
        key = column;
        if (column.nullable()) {
          throw new DataModelException(cat + ".nullable", "the key column cannot be nullable");
        }
      }
      if (column.name().equals(TENANT_ID)) {
        tenantId = column;
        if (!column.type().equals("text") || column.nullable()) {
          throw new DataModelException(cat, "tenant_id must be 'text' and not nullable");
        }
      }
    }
    if (tenantId == null) {
      throw new DataModelException(at + ".columns", "no tenant_id column; row-level security needs one in every table");
    }
    if (key == null) {
      throw new DataModelException(at + ".key", "key '" + table.key() + "' is not one of the table's columns");
    }
  }

  private static int indexOf(DataModel model, String table) {
    for (int t = 0; t < model.tables().size(); t++) {
      if (model.tables().get(t).name().equals(table)) {
        return t;
      }
    }
    return -1;
  }

  private static BatchGroup batch(JsonNode node, String at) {
    object(node, at);
    onlyFields(node, at, "id", "label", "description");
    return new BatchGroup(text(node, at, "id"), label(node, at, "label"), label(node, at, "description"));
  }

  private static TableDef table(JsonNode node, String at) {
    object(node, at);
    onlyFields(node, at, "name", "batch", "key", "label", "columns");
    List<ColumnDef> columns = new ArrayList<>();
    int c = 0;
    for (JsonNode column : array(node, at, "columns")) {
      columns.add(column(column, at + ".columns[" + c++ + "]"));
    }
    return new TableDef(text(node, at, "name"), text(node, at, "batch"), text(node, at, "key"),
        label(node, at, "label"), List.copyOf(columns));
  }

  private static ColumnDef column(JsonNode node, String at) {
    object(node, at);
    onlyFields(node, at, "name", "type", "nullable");
    JsonNode nullable = node.get("nullable");
    if (nullable == null || !nullable.isBoolean()) {
      throw new DataModelException(at + ".nullable", "expected true or false");
    }
    return new ColumnDef(text(node, at, "name"), text(node, at, "type"), nullable.booleanValue());
  }

  private static Label label(JsonNode parent, String at, String field) {
    String path = join(at, field);
    JsonNode node = parent.get(field);
    object(node, path);
    onlyFields(node, path, "en", "pl");
    return new Label(text(node, path, "en"), text(node, path, "pl"));
  }

  private static String text(JsonNode parent, String at, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new DataModelException(join(at, field), "expected a non-empty string");
    }
    return node.asText();
  }

  private static JsonNode array(JsonNode parent, String at, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new DataModelException(join(at, field), "expected a non-empty list");
    }
    return node;
  }

  private static void object(JsonNode node, String at) {
    if (node == null || !node.isObject()) {
      throw new DataModelException(at, "expected an object");
    }
  }

  // Unknown fields are refused so that a typo ("nulable") cannot silently change the DDL.
  private static void onlyFields(JsonNode node, String at, String... allowed) {
    Set<String> known = Set.of(allowed);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new DataModelException(join(at, name), "unknown field, expected one of " + List.of(allowed));
      }
    }
  }

  private static void identifier(String name, String at) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new DataModelException(at, "'" + name + "' is not a lower-case SQL identifier [a-z_][a-z0-9_]* of at most 52 characters");
    }
    if (RESERVED.contains(name)) {
      throw new DataModelException(at, "'" + name + "' is a reserved word in PostgreSQL");
    }
  }

  private static String join(String at, String field) {
    return at.isEmpty() ? field : at + "." + field;
  }
}

package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.BatchGroup;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.HashChain;
import io.bfg.console.model.DataModel.Origin;
import io.bfg.console.model.DataModel.Rows;
import io.bfg.console.model.DataModel.Sampling;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.model.DataModel.Tenancy;
import io.bfg.console.model.Label;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads {@code data-model.yaml} into a {@link DataModel} and validates it (scenarios/README.md
 * documents every key). Parsing is done by hand over the tree rather than by data binding so that
 * every problem names the exact path of the offending value.
 */
public final class DataModelReader {

  /** Created by the runbook itself, so a data model must not declare it. */
  public static final String SNAPSHOTS = "scenario_snapshots";

  // Names are spliced into DDL unquoted, so only plain lower-case identifiers are accepted, and
  // short enough that derived names (<policy prefix>_<table>, <table>_tenant_idx) stay within 63 bytes.
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

  /** A custom PostgreSQL setting: two plain lower-case identifiers joined by a dot, e.g. {@code app.tenant_id}. */
  private static final Pattern SETTING = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");
  private static final Set<String> COLUMN_FIELDS = Set.of("name", "type", "nullable");
  private static final int MAX_ROWS = 10_000_000;

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
    onlyFields(root, "", "schema", "tenancy", "sampleData", "batches", "tables");
    String schema = text(root, "", "schema");
    Tenancy tenancy = tenancy(root.get("tenancy"));
    Sampling sampling = sampling(root.get("sampleData"));
    List<BatchGroup> batches = new ArrayList<>();
    int i = 0;
    for (JsonNode node : array(root, "", "batches")) {
      batches.add(batch(node, "batches[" + i++ + "]"));
    }
    List<TableDef> tables = new ArrayList<>();
    i = 0;
    for (JsonNode node : array(root, "", "tables")) {
      tables.add(table(node, "tables[" + i++ + "]", tenancy));
    }
    DataModel model = new DataModel(schema, tenancy, sampling, List.copyOf(batches), List.copyOf(tables));
    validate(model);
    return model;
  }

  /** Checks the rules a model must meet before DDL, snapshot rows or sample data are derived from it. */
  public static void validate(DataModel model) {
    identifier(model.schema(), "schema");
    validateTenancy(model.tenancy());
    validateSampling(model.sampling());
    Set<String> batchIds = new LinkedHashSet<>();
    for (int b = 0; b < model.batches().size(); b++) {
      if (!batchIds.add(model.batches().get(b).id())) {
        throw new DataModelException("batches[" + b + "].id", "duplicate batch id '" + model.batches().get(b).id() + "'");
      }
    }
    Set<String> tableNames = new HashSet<>();
    int fromTenant = -1;
    for (int t = 0; t < model.tables().size(); t++) {
      TableDef table = model.tables().get(t);
      String at = "tables[" + t + "]";
      identifier(table.name(), at + ".name");
      // the runbook names each table's policy <setting prefix>_tenant_<table>; PostgreSQL would cut a longer name
      String policy = model.tenancy().setting().substring(0, model.tenancy().setting().indexOf('.')) + "_tenant_"
          + table.name();
      if (policy.length() > 63) {
        throw new DataModelException(at + ".name", "the row-level security policy for this table would be named '"
            + policy + "', longer than PostgreSQL's 63 characters: shorten the table name or the prefix of "
            + "tenancy.setting");
      }
      if (!tableNames.add(table.name())) {
        throw new DataModelException(at + ".name", "duplicate table name '" + table.name() + "'");
      }
      if (table.name().equals(SNAPSHOTS)) {
        throw new DataModelException(at + ".name", "'" + SNAPSHOTS + "' is created by the runbook itself");
      }
      if (!batchIds.contains(table.batch())) {
        throw new DataModelException(at + ".batch", "unknown batch '" + table.batch() + "', expected one of " + batchIds);
      }
      validateColumns(model, table, at);
      if (table.rows().origin() == Origin.TENANT) {
        if (fromTenant >= 0) {
          throw new DataModelException(at + ".from", "two tables from the tenant (tables[" + fromTenant + "] and "
              + at + "); the tenant gives one row, to the tenancy table '" + model.tenancy().table() + "'");
        }
        fromTenant = t;
      }
      validateRows(table, at, model.tenancy());
    }
    int tenancyTable = indexOf(model, model.tenancy().table());
    if (tenancyTable < 0) {
      throw new DataModelException("tenancy.table", "no table named '" + model.tenancy().table() + "'; the tenancy "
          + "table holds one row per tenant and every table's " + model.tenancy().column() + " refers to it");
    }
    TableDef tenants = model.tables().get(tenancyTable);
    if (!tenants.key().equals(model.tenancy().column())) {
      throw new DataModelException("tables[" + tenancyTable + "].key", "the tenancy table " + tenants.name()
          + " must be keyed by " + model.tenancy().column());
    }
    if (tenants.rows().origin() != Origin.TENANT) {
      throw new DataModelException("tables[" + tenancyTable + "].from", "the tenancy table " + tenants.name()
          + " holds the scenario's tenant: its rows come from the tenant (from: tenant, the default)");
    }
    Generators.compile(model);
  }

  private static void validateTenancy(Tenancy tenancy) {
    identifier(tenancy.table(), "tenancy.table");
    identifier(tenancy.column(), "tenancy.column");
    if (tenancy.setting() == null || !SETTING.matcher(tenancy.setting()).matches()) {
      throw new DataModelException("tenancy.setting", "'" + tenancy.setting() + "' is not a custom PostgreSQL setting "
          + "name: two lower-case identifiers joined by a dot, e.g. app.tenant_id");
    }
  }

  private static void validateSampling(Sampling sampling) {
    if (sampling.rows() < 1 || sampling.rows() > MAX_ROWS) {
      throw new DataModelException("sampleData.rows", "expected a whole number from 1 to " + MAX_ROWS);
    }
    if (!sampling.from().isBefore(sampling.to())) {
      throw new DataModelException("sampleData.to", "the window ends (" + sampling.to() + ") before it starts ("
          + sampling.from() + ")");
    }
    try {
      ZoneId.of(sampling.timeZone());
    } catch (DateTimeException e) {
      throw new DataModelException("sampleData.timeZone", "'" + sampling.timeZone() + "' is not a time zone such as "
          + "UTC or Europe/Warsaw");
    }
  }

  private static void validateColumns(DataModel model, TableDef table, String at) {
    if (table.columns().isEmpty()) {
      throw new DataModelException(at + ".columns", "a table needs at least one column");
    }
    String tenancy = model.tenancy().column();
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
      if (column.name().equals(tenancy)) {
        tenantId = column;
        if (!column.type().equals("text") || column.nullable()) {
          throw new DataModelException(cat, tenancy + " must be 'text' and not nullable");
        }
      }
    }
    if (tenantId == null) {
      throw new DataModelException(at + ".columns", "no " + tenancy + " column; row-level security needs the tenancy "
          + "column in every table");
    }
    if (key == null) {
      throw new DataModelException(at + ".key", "key '" + table.key() + "' is not one of the table's columns");
    }
  }

  private static void validateRows(TableDef table, String at, Tenancy tenancy) {
    Rows rows = table.rows();
    if (table.fromScenario()) {
      for (String field : new String[] {"rows", "orderBy", "hashChain"}) {
        boolean set = field.equals("rows") ? rows.count() != null : field.equals("orderBy") ? rows.orderBy() != null
            : rows.hashChain() != null;
        if (set) {
          throw new DataModelException(at + "." + field, "applies to generated tables; the rows of " + table.name()
              + " come from the scenario");
        }
      }
      return;
    }
    if (rows.count() != null && (rows.count() < 0 || rows.count() > MAX_ROWS)) {
      throw new DataModelException(at + ".rows", "expected a whole number from 0 to " + MAX_ROWS);
    }
    if (rows.orderBy() != null && table.column(rows.orderBy()) == null) {
      throw new DataModelException(at + ".orderBy", "'" + rows.orderBy() + "' is not one of the table's columns");
    }
    HashChain chain = rows.hashChain();
    if (chain != null) {
      for (String field : new String[] {"hash", "previous"}) {
        String column = field.equals("hash") ? chain.hash() : chain.previous();
        if (table.column(column) == null) {
          throw new DataModelException(at + ".hashChain." + field, "'" + column + "' is not one of the table's columns");
        }
        if (column.equals(tenancy.column()) || column.equals(table.key())) {
          throw new DataModelException(at + ".hashChain." + field, "'" + column + "' is the "
              + (column.equals(table.key()) ? "key" : "tenancy column") + "; the chain needs columns of its own");
        }
      }
      if (chain.hash().equals(chain.previous())) {
        throw new DataModelException(at + ".hashChain.previous", "hash and previous must be two different columns");
      }
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

  private static Tenancy tenancy(JsonNode node) {
    if (node == null) {
      return Tenancy.DEFAULT;
    }
    object(node, "tenancy");
    onlyFields(node, "tenancy", "table", "column", "setting");
    Tenancy d = Tenancy.DEFAULT;
    return new Tenancy(optionalText(node, "tenancy", "table", d.table()),
        optionalText(node, "tenancy", "column", d.column()), optionalText(node, "tenancy", "setting", d.setting()));
  }

  private static Sampling sampling(JsonNode node) {
    Sampling d = Sampling.DEFAULT;
    if (node == null) {
      return d;
    }
    object(node, "sampleData");
    onlyFields(node, "sampleData", "rows", "from", "to", "timeZone", "at");
    int rows = d.rows();
    if (node.has("rows")) {
      JsonNode value = node.get("rows");
      if (!value.isIntegralNumber()) {
        throw new DataModelException("sampleData.rows", "expected a whole number from 1 to " + MAX_ROWS);
      }
      rows = value.asInt();
    }
    Instant from = instant(node, "from", d.from());
    return new Sampling(rows, from, instant(node, "to", d.to()), optionalText(node, "sampleData", "timeZone", d.timeZone()),
        instant(node, "at", node.has("from") ? from : d.at()));
  }

  private static Instant instant(JsonNode parent, String field, Instant fallback) {
    String text = optionalText(parent, "sampleData", field, null);
    if (text == null) {
      return fallback;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw new DataModelException("sampleData." + field, "'" + text + "' is not a timestamp with an offset, e.g. "
          + "2026-04-01T06:00:00Z");
    }
  }

  private static BatchGroup batch(JsonNode node, String at) {
    object(node, at);
    onlyFields(node, at, "id", "label", "description");
    return new BatchGroup(text(node, at, "id"), label(node, at, "label"), label(node, at, "description"));
  }

  private static TableDef table(JsonNode node, String at, Tenancy tenancy) {
    object(node, at);
    onlyFields(node, at, "name", "batch", "key", "label", "from", "rows", "orderBy", "hashChain", "columns");
    List<ColumnDef> columns = new ArrayList<>();
    int c = 0;
    for (JsonNode column : array(node, at, "columns")) {
      columns.add(column(column, at + ".columns[" + c++ + "]"));
    }
    String name = text(node, at, "name");
    Origin origin = name.equals(tenancy.table()) ? Origin.TENANT : Origin.SAMPLE;
    String from = optionalText(node, at, "from", null);
    if (from != null) {
      origin = switch (from) {
        case "tenant" -> Origin.TENANT;
        case "actors" -> Origin.ACTORS;
        default -> throw new DataModelException(at + ".from", "unknown source '" + from + "': a table's rows come from "
            + "the tenant (from: tenant), its actors (from: actors), or, without from, the sample data");
      };
    }
    Integer count = null;
    if (node.has("rows")) {
      JsonNode rows = node.get("rows");
      if (!rows.isIntegralNumber()) {
        throw new DataModelException(at + ".rows", "expected a whole number from 0 to " + MAX_ROWS);
      }
      count = rows.asInt();
    }
    HashChain chain = null;
    if (node.has("hashChain")) {
      JsonNode h = node.get("hashChain");
      object(h, at + ".hashChain");
      onlyFields(h, at + ".hashChain", "hash", "previous");
      chain = new HashChain(text(h, at + ".hashChain", "hash"), text(h, at + ".hashChain", "previous"));
    }
    return new TableDef(name, text(node, at, "batch"), text(node, at, "key"), label(node, at, "label"),
        List.copyOf(columns), new Rows(origin, count, optionalText(node, at, "orderBy", null), chain));
  }

  private static ColumnDef column(JsonNode node, String at) {
    object(node, at);
    Set<String> allowed = new TreeSet<>(COLUMN_FIELDS);
    ObjectNode fill = ((ObjectNode) node).deepCopy();
    fill.remove(COLUMN_FIELDS);
    for (Iterator<String> it = fill.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!Generators.KEYS.contains(name)) {
        throw new DataModelException(join(at, name), "unknown field, expected one of " + allowed
            + " or how the column is filled (one of " + new TreeSet<>(Generators.KINDS) + ")");
      }
    }
    JsonNode nullable = node.get("nullable");
    if (nullable == null || !nullable.isBoolean()) {
      throw new DataModelException(at + ".nullable", "expected true or false");
    }
    return new ColumnDef(text(node, at, "name"), text(node, at, "type"), nullable.booleanValue(),
        fill.isEmpty() ? null : fill);
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

  private static String optionalText(JsonNode parent, String at, String field, String fallback) {
    return parent.has(field) ? text(parent, at, field) : fallback;
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

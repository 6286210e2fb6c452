package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.Actor;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.HashChain;
import io.bfg.console.model.DataModel.Origin;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.model.Tenant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rows from what a data model declares, and nothing else: the tables filled from the scenario's
 * tenant and actors ({@link #scenarioRows}), and the sample tables, drawn by their columns'
 * generators ({@link #generate}). The same arguments always give byte-identical rows: each table
 * draws from its own {@link SplittableRandom} seeded from the seed and the table's name, and every
 * time comes from the model's declared window, never the clock.
 *
 * <p>Tables are generated referenced-first, so a {@code ref} always draws from finished rows of
 * the same tenant. Within a row, columns are evaluated on demand in declaration order; columns that
 * depend on the rows' order (the row number {@code n}, a running total) are evaluated after the
 * rows are sorted by {@code orderBy}, and a {@code hashChain} is laid last.
 */
public final class SampleDataGenerator {

  public static final long DEFAULT_SEED = 20260401L;

  private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);
  private static final Pattern ROW_PATH = Pattern.compile("([a-z_][a-z0-9_]*)\\[\\d+]\\.([a-z_][a-z0-9_]*).*");

  private SampleDataGenerator() {
  }

  /** The rows of the tables filled from the scenario (its tenant, its actors), in model order. */
  public static Map<String, List<ObjectNode>> scenarioRows(DataModel model, Tenant tenant, List<Actor> actors) {
    Generators.Plan plan = Generators.compile(model);
    GenerationRun run = new GenerationRun(model, tenant);
    Map<String, List<ObjectNode>> out = new LinkedHashMap<>();
    for (Generators.TablePlan table : plan.tables().values()) {
      if (table.def().fromScenario()) {
        out.put(table.def().name(), nodes(table, fillFromScenario(run, table, actors)));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Rows for every sample table of {@code model} (the tables not filled from the scenario), keyed by
   * table name in model order. {@code rows} scales the declared counts: a table declaring
   * {@code rows: 30} in a model whose {@code sampleData.rows} is 40 gets 30 rows for {@code rows}
   * 40 and 75 for 100. A table can end up with fewer rows than that when a not-null column's
   * {@code ref} finds no row to draw (e.g. a distinct ref that has used every row).
   */
  public static Map<String, List<ObjectNode>> generate(DataModel model, Tenant tenant, List<Actor> actors, int rows,
                                                       long seed) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative");
    }
    Generators.Plan plan = Generators.compile(model);
    requireGenerators(plan);
    GenerationRun run = new GenerationRun(model, tenant);
    Map<String, List<ObjectNode>> generated = new LinkedHashMap<>();
    for (Generators.TablePlan table : plan.order()) {
      if (table.def().fromScenario()) {
        fillFromScenario(run, table, actors);
      } else {
        run.rng(new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (table.def().name().hashCode() + 1L))));
        generated.put(table.def().name(), generateTable(run, table, count(model, table.def(), rows)));
      }
    }
    Map<String, List<ObjectNode>> out = new LinkedHashMap<>();
    for (TableDef table : model.tables()) {
      if (!table.fromScenario()) {
        out.put(table.name(), generated.get(table.name()));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** How many rows {@code table} is asked for when the model's base count is scaled to {@code rows}. */
  public static int count(DataModel model, TableDef table, int rows) {
    int declared = table.rows().count() == null ? model.sampling().rows() : table.rows().count();
    return (int) Math.round((double) declared * rows / model.sampling().rows());
  }

  // Every sample column needs a declaration to be generated; loading a scenario does not, since its
  // sample data may be written by hand.
  private static void requireGenerators(Generators.Plan plan) {
    for (Generators.TablePlan table : plan.order()) {
      if (table.def().fromScenario()) {
        continue;
      }
      HashChain chain = table.def().rows().hashChain();
      for (Generators.ColumnPlan column : table.columns().values()) {
        String name = column.def().name();
        boolean filled = name.equals(plan.model().tenancy().column())
            || chain != null && (name.equals(chain.hash()) || name.equals(chain.previous()));
        if (column.gen() == null && !filled) {
          throw new DataModelException(column.at(), "no generator for " + table.def().name() + "." + name
              + ": generate needs one on every column (value: null for a column left empty)");
        }
      }
    }
  }

  private static List<RowContext> fillFromScenario(GenerationRun run, Generators.TablePlan table, List<Actor> actors) {
    List<RowContext> rows = new ArrayList<>();
    List<Actor> sources = table.def().rows().origin() == Origin.TENANT ? Collections.singletonList(null) : actors;
    for (Actor actor : sources) {
      RowContext row = new RowContext(run, table, actor);
      row.number(rows.size() + 1);
      table.columns().keySet().forEach(row::column);
      rows.add(row);
    }
    run.finish(table.def().name(), rows.stream().map(r -> r.row).toList());
    return rows;
  }

  private static List<ObjectNode> generateTable(GenerationRun run, Generators.TablePlan table, int count) {
    TableDef def = table.def();
    List<RowContext> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RowContext row = new RowContext(run, table, null);
      for (Generators.ColumnPlan column : table.columns().values()) {
        if (!column.ordered()) {
          row.column(column.def().name());
        }
      }
      if (!row.hasMissedRef() || complete(table, row)) {
        rows.add(row);
      }
    }
    String orderBy = def.rows().orderBy();
    if (orderBy != null) {
      rows.sort(Comparator.comparing((RowContext r) -> r.row.get(orderBy), SampleDataGenerator::compare));
    }
    for (int i = 0; i < rows.size(); i++) {
      RowContext row = rows.get(i);
      row.number(i + 1);
      for (Generators.ColumnPlan column : table.columns().values()) {
        if (column.ordered()) {
          row.column(column.def().name());
        }
      }
    }
    List<ObjectNode> nodes = nodes(table, rows);
    run.finish(def.name(), rows.stream().map(r -> r.row).toList());
    try {
      SampleDataFile.validateTable(run.model(), def, nodes, run.tenant().id());
    } catch (DataModelException e) {
      throw declaredAt(table, e);
    }
    return List.copyOf(nodes);
  }

  // A row whose ref found nothing is dropped only if that left a not-null column empty.
  private static boolean complete(Generators.TablePlan table, RowContext row) {
    for (Generators.ColumnPlan column : table.columns().values()) {
      Val value = row.row.get(column.def().name());
      if (!column.ordered() && column.gen() != null && !column.def().nullable() && (value == null || value.isNull())) {
        return false;
      }
    }
    return true;
  }

  private static List<ObjectNode> nodes(Generators.TablePlan table, List<RowContext> rows) {
    HashChain chain = table.def().rows().hashChain();
    String previous = AuditEvent.GENESIS_HASH;
    List<ObjectNode> out = new ArrayList<>(rows.size());
    for (RowContext row : rows) {
      if (chain != null) {
        row.row.values.put(chain.previous(), Val.of(TextNode.valueOf(previous)));
      }
      ObjectNode node = JSON.objectNode();
      for (ColumnDef column : table.def().columns()) {
        Val value = row.row.get(column.name());
        node.set(column.name(), value == null ? JSON.nullNode() : value.node());
      }
      if (chain != null) {
        ObjectNode hashed = node.deepCopy();
        hashed.remove(chain.hash());
        previous = Checksums.sha256(hashed);
        node.put(chain.hash(), previous);
        row.row.values.put(chain.hash(), Val.of(TextNode.valueOf(previous)));
      }
      out.add(node);
    }
    return out;
  }

  private static int compare(Val a, Val b) {
    boolean aNull = a == null || a.isNull();
    boolean bNull = b == null || b.isNull();
    if (aNull || bNull) {
      return Boolean.compare(aNull, bNull);
    }
    JsonNode x = a.node();
    JsonNode y = b.node();
    if (x.isNumber() && y.isNumber()) {
      return x.decimalValue().compareTo(y.decimalValue());
    }
    return GenNodes.plain(x).compareTo(GenNodes.plain(y));
  }

  // A generated value that breaks the model is a fault of the declaration: point at it.
  private static DataModelException declaredAt(Generators.TablePlan table, DataModelException e) {
    Matcher m = ROW_PATH.matcher(e.path());
    Generators.ColumnPlan column = m.matches() ? table.columns().get(m.group(2)) : null;
    String at = column == null ? table.at() : column.at();
    return new DataModelException(at, "the generated row " + e.path() + " is invalid: " + e.problem());
  }
}

package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.Origin;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.snapshot.GenNodes.Bound;
import io.bfg.console.snapshot.GenNodes.Check;
import io.bfg.console.snapshot.GenNodes.Condition;
import io.bfg.console.snapshot.GenNodes.Format;
import io.bfg.console.snapshot.GenNodes.Kept;
import io.bfg.console.snapshot.GenNodes.Piece;
import io.bfg.console.snapshot.GenNodes.Redraw;
import io.bfg.console.snapshot.GenNodes.Ref;
import io.bfg.console.snapshot.GenNodes.Running;
import io.bfg.console.snapshot.GenNodes.TimeBound;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.bfg.console.snapshot.GenNodes.ISO_DATE;
import static io.bfg.console.snapshot.GenNodes.JSON;
import static io.bfg.console.snapshot.GenNodes.MAX_DRAWS;
import static io.bfg.console.snapshot.GenNodes.actorValue;
import static io.bfg.console.snapshot.GenNodes.decimal;
import static io.bfg.console.snapshot.GenNodes.integral;
import static io.bfg.console.snapshot.GenNodes.numberNode;
import static io.bfg.console.snapshot.GenNodes.pick;
import static io.bfg.console.snapshot.GenNodes.plain;

/**
 * Compiles how each column of a data model gets its values (a source such as {@code actor.name}, a
 * constant, or a generator such as {@code oneOf}; scenarios/README.md lists them all) into
 * {@link Gen}s, checking every declaration against the model: each problem names the declaration's
 * path, e.g. {@code tables[3].columns[2].match}. Nothing here knows any scenario's tables or words.
 */
final class Generators {

  /** Produces one value for the row being generated. */
  interface Gen {
    Val eval(RowContext ctx);
  }

  /** The compiled model: every table's columns and the order tables are generated in (referenced tables first). */
  record Plan(DataModel model, Map<String, TablePlan> tables, List<TablePlan> order) {
  }

  /** {@code dependsOn}: the tables this one's {@code ref}s draw rows from. */
  record TablePlan(int index, TableDef def, Map<String, ColumnPlan> columns, Set<String> dependsOn) {

    String at() {
      return "tables[" + index + "]";
    }
  }

  /**
   * {@code gen} is null for a column without a declaration (and for the tenancy and hash-chain
   * columns, which are filled by the generator itself); {@code ordered} marks a column that
   * depends on the rows' final order (row number, running total), computed once rows are sorted.
   */
  record ColumnPlan(ColumnDef def, String at, Gen gen, boolean ordered) {
  }

  static final Set<String> KINDS = Set.of("value", "from", "format", "chars", "oneOf", "someOf", "number", "calc",
      "timestamp", "date", "chance", "ref", "match", "object", "running", "sha256");
  static final Set<String> MODIFIERS = Set.of("nullChance", "once", "per", "parts");
  private static final Map<String, Set<String>> COMPANIONS = Map.of(
      "format", Set.of("check"), "oneOf", Set.of("weights", "differentFrom"), "someOf", Set.of("min", "max"),
      "calc", Set.of("scale"), "match", Set.of("cases", "else"));
  /** Every key a column (or a nested value) may use to say how it is filled. */
  static final Set<String> KEYS;

  static {
    Set<String> keys = new HashSet<>(KINDS);
    keys.addAll(MODIFIERS);
    COMPANIONS.values().forEach(keys::addAll);
    KEYS = Set.copyOf(keys);
  }

  /** Generators that draw at random or from other tables: not for rows the scenario itself fixes. */
  private static final Set<String> RANDOM = Set.of("chars", "oneOf", "someOf", "number", "timestamp", "date",
      "chance", "ref", "running");
  static final List<String> TENANT_SOURCES = List.of("tenant.id", "tenant.name", "tenant.mode", "tenant.session");
  static final List<String> ACTOR_SOURCES = List.of("actor.id", "actor.name", "actor.roleKey", "actor.role",
      "actor.role.en", "actor.role.pl", "actor.orgUnit", "actor.permissions");
  static final List<String> SAMPLING_SOURCES = List.of("sampleData.at", "sampleData.from", "sampleData.to");

  private static final Pattern TIME_EXPRESSION = Pattern.compile("(.+?)\\s+([+-])\\s+(P\\S+)");

  private Generators() {
  }

  /** Compiles and checks every declaration of {@code model}; throws {@link DataModelException} at the first problem. */
  static Plan compile(DataModel model) {
    return new Compiler(model).plan();
  }

  // ---------------------------------------------------------------- compiling

  /** What a declaration compiles to: the generator, its type when known, the tables its value refers to. */
  private record Node(Gen gen, String type, Set<String> targets) {
  }

  /** Where a declaration sits: its table, the type it must produce (null: any, e.g. inside jsonb) and the parts in scope. */
  private record Scope(TablePlanDraft table, String type, boolean nullable, Set<String> parts) {

    Scope any() {
      return new Scope(table, null, true, parts);
    }

    Scope withParts(Set<String> more) {
      Set<String> all = new HashSet<>(parts);
      all.addAll(more);
      return new Scope(table, type, nullable, all);
    }
  }

  /** What a column's declaration reads: other columns of its row, the row number, other tables. */
  private static final class Reads {
    final Set<String> columns = new LinkedHashSet<>();
    final Set<String> tables = new LinkedHashSet<>();
    boolean order;
  }

  private static final class TablePlanDraft {
    final int index;
    final TableDef def;
    final Map<String, ColumnPlan> columns = new LinkedHashMap<>();
    final Map<String, Reads> reads = new LinkedHashMap<>();

    TablePlanDraft(int index, TableDef def) {
      this.index = index;
      this.def = def;
    }

    Origin origin() {
      return def.rows().origin();
    }
  }

  private static final class Compiler {

    private final DataModel model;
    private final Map<String, TablePlanDraft> drafts = new LinkedHashMap<>();
    private final Map<String, Node> compiled = new HashMap<>();
    private final Set<String> compiling = new HashSet<>();
    private final Set<String> chainColumns = new HashSet<>();

    Compiler(DataModel model) {
      this.model = model;
      for (int t = 0; t < model.tables().size(); t++) {
        TableDef table = model.tables().get(t);
        drafts.put(table.name(), new TablePlanDraft(t, table));
        if (table.rows().hashChain() != null) {
          chainColumns.add(table.name() + "." + table.rows().hashChain().hash());
          chainColumns.add(table.name() + "." + table.rows().hashChain().previous());
        }
      }
    }

    Plan plan() {
      for (TablePlanDraft table : drafts.values()) {
        for (int c = 0; c < table.def.columns().size(); c++) {
          column(table, c);
        }
      }
      Map<String, TablePlan> tables = new LinkedHashMap<>();
      for (TablePlanDraft draft : drafts.values()) {
        Set<String> ordered = orderedColumns(draft);
        Map<String, ColumnPlan> columns = new LinkedHashMap<>();
        for (ColumnDef column : draft.def.columns()) {
          ColumnPlan plan = draft.columns.get(column.name());
          columns.put(column.name(), new ColumnPlan(column, plan.at(), plan.gen(), ordered.contains(column.name())));
        }
        checkOrderBy(draft, ordered);
        Set<String> dependsOn = new LinkedHashSet<>();
        draft.reads.values().forEach(r -> dependsOn.addAll(r.tables));
        tables.put(draft.def.name(), new TablePlan(draft.index, draft.def, columns, dependsOn));
      }
      return new Plan(model, tables, generationOrder(tables));
    }

    private Node column(TablePlanDraft table, int c) {
      ColumnDef column = table.def.columns().get(c);
      String key = table.def.name() + "." + column.name();
      Node done = compiled.get(key);
      if (done != null) {
        return done;
      }
      if (!compiling.add(key)) {
        return null;
      }
      String at = "tables[" + table.index + "].columns[" + c + "]";
      Reads reads = new Reads();
      Node node = declaration(table, column, at, reads);
      compiling.remove(key);
      table.reads.put(column.name(), reads);
      table.columns.put(column.name(), new ColumnPlan(column, at, node == null ? null : node.gen(), false));
      if (node == null) {
        node = new Node(null, column.type(), Set.of());
      }
      compiled.put(key, node);
      return node;
    }

    // The column-level rules: which columns may, must or must not declare a value, then the declaration itself.
    private Node declaration(TablePlanDraft table, ColumnDef column, String at, Reads reads) {
      JsonNode fill = column.fill();
      boolean declared = fill != null && !fill.isEmpty();
      Origin origin = table.origin();
      if (column.name().equals(model.tenancy().column())) {
        if (declared && !(fill.size() == 1 && "tenant.id".equals(fill.path("from").asText(null)))) {
          throw new DataModelException(at, "the tenancy column '" + column.name()
              + "' always holds the tenant's id; declare nothing (or from: tenant.id)");
        }
        return null;
      }
      if (chainColumns.contains(table.def.name() + "." + column.name())) {
        if (declared) {
          throw new DataModelException(at, "'" + column.name() + "' is filled by the table's hashChain; declare nothing");
        }
        if (!column.type().equals("text")) {
          throw new DataModelException(at + ".type", "a hashChain column holds hex text; the type must be text");
        }
        return null;
      }
      if (!declared) {
        if (origin != Origin.SAMPLE) {
          throw new DataModelException(at, "no source for '" + column.name() + "': every column of a table filled "
              + "from the scenario's " + (origin == Origin.TENANT ? "tenant" : "actors") + " needs from:, value: or "
              + "a generator (sources: " + String.join(", ", sources(origin)) + ")");
        }
        return null;
      }
      Scope scope = new Scope(table, column.type(), column.nullable(), Set.of());
      return compile(fill, at, scope, reads);
    }

    private List<String> sources(Origin origin) {
      List<String> out = new ArrayList<>(TENANT_SOURCES);
      if (origin == Origin.ACTORS) {
        out.addAll(ACTOR_SOURCES);
      }
      out.addAll(SAMPLING_SOURCES);
      return out;
    }

    /** A scalar or list is a constant; a mapping is a generator. */
    private Node compile(JsonNode spec, String at, Scope scope, Reads reads) {
      if (spec == null || !spec.isObject()) {
        return constant(spec == null ? JSON.nullNode() : spec, at, scope);
      }
      ObjectNode object = (ObjectNode) spec;
      List<String> kinds = new ArrayList<>();
      for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (KINDS.contains(key)) {
          kinds.add(key);
        }
      }
      if (kinds.isEmpty()) {
        throw new DataModelException(at, "no value declared: expected one of " + sorted(KINDS)
            + " (a constant object for a jsonb column is written value: {...})");
      }
      if (kinds.size() > 1) {
        throw new DataModelException(at, "declares " + kinds + "; a value has exactly one of " + sorted(KINDS));
      }
      String kind = kinds.get(0);
      Set<String> companions = COMPANIONS.getOrDefault(kind, Set.of());
      for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!key.equals(kind) && !companions.contains(key) && !MODIFIERS.contains(key)) {
          List<String> allowed = new ArrayList<>(sorted(companions));
          allowed.addAll(sorted(MODIFIERS));
          throw new DataModelException(at + "." + key, "unknown key beside '" + kind + "', expected one of " + allowed);
        }
      }
      if (scope.table.origin() != Origin.SAMPLE && (RANDOM.contains(kind) || object.has("nullChance")
          || object.has("once") || object.has("per"))) {
        String what = RANDOM.contains(kind) ? kind
            : object.has("nullChance") ? "nullChance" : object.has("once") ? "once" : "per";
        String source = scope.table.origin() == Origin.TENANT ? "tenant" : "actors";
        throw new DataModelException(at + "." + what, "'" + what + "' draws at random or from other tables, but the rows "
            + "of " + scope.table.def.name() + " come from the scenario's " + source + " and are fixed by it; use "
            + "from:, value:, format, match, calc, object or sha256");
      }
      Map<String, Gen> parts = null;
      Scope inner = scope;
      if (object.has("parts")) {
        JsonNode partsNode = object.get("parts");
        if (!partsNode.isObject() || partsNode.isEmpty()) {
          throw new DataModelException(at + ".parts", "expected a mapping of part name to value");
        }
        Set<String> names = new LinkedHashSet<>();
        partsNode.fieldNames().forEachRemaining(names::add);
        inner = scope.withParts(names);
        parts = new LinkedHashMap<>();
        for (String name : names) {
          if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new DataModelException(at + ".parts." + name, "a part name is a plain identifier");
          }
          parts.put(name, compile(partsNode.get(name), at + ".parts." + name, inner.any(), reads).gen());
        }
      }
      Node node = kind(kind, object, at, inner, reads);
      Gen gen = node.gen();
      if (parts != null) {
        Map<String, Gen> frame = Map.copyOf(parts);
        Gen body = gen;
        gen = ctx -> ctx.withParts(frame, body);
      }
      if (node.gen() instanceof Format) {
        // the parts are drawn afresh on each attempt, so the frame must be inside the retry
        gen = new Redraw(gen, at);
      }
      double nullChance = 0;
      if (object.has("nullChance")) {
        nullChance = probability(object.get("nullChance"), at + ".nullChance");
        if (!scope.nullable) {
          throw new DataModelException(at + ".nullChance", "the column is not nullable, so it cannot be null by chance");
        }
      }
      boolean once = false;
      if (object.has("once")) {
        if (!object.get("once").isBoolean()) {
          throw new DataModelException(at + ".once", "expected true or false");
        }
        once = object.get("once").booleanValue();
      }
      Gen per = null;
      if (object.has("per")) {
        if (once) {
          throw new DataModelException(at + ".per", "once and per exclude each other");
        }
        per = path(text(object.get("per"), at + ".per"), at + ".per", scope, reads).gen();
      }
      if (nullChance > 0 || once || per != null) {
        gen = new Kept(gen, nullChance, once, per);
      }
      return new Node(gen, node.type(), node.targets());
    }

    private Node kind(String kind, ObjectNode spec, String at, Scope scope, Reads reads) {
      JsonNode arg = spec.get(kind);
      String where = at + "." + kind;
      return switch (kind) {
        case "value" -> constant(arg, where, scope);
        case "from" -> {
          Node source = path(text(arg, where), where, scope, reads);
          if (scope.type != null && source.type() != null && !source.type().equals(scope.type)) {
            throw new DataModelException(where, "'" + arg.asText() + "' is " + source.type() + ", the column is "
                + scope.type);
          }
          yield source;
        }
        case "format" -> format(spec, where, scope, reads);
        case "chars" -> {
          makes(scope, where, "text", "text");
          JsonNode set = field(arg, where, "set");
          String chars = text(set, where + ".set");
          int length = integer(field(arg, where, "length"), where + ".length", 1, 1000);
          only(arg, where, "set", "length");
          int[] points = chars.codePoints().toArray();
          yield new Node(ctx -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < length; i++) {
              out.appendCodePoint(points[ctx.rng().nextInt(points.length)]);
            }
            return Val.of(TextNode.valueOf(out.toString()));
          }, "text", Set.of());
        }
        case "oneOf" -> oneOf(spec, where, at, scope, reads);
        case "someOf" -> someOf(spec, where, at, scope);
        case "number" -> number(arg, where, scope, reads);
        case "calc" -> calc(spec, where, at, scope, reads);
        case "timestamp", "date" -> time(kind, arg, where, scope, reads);
        case "chance" -> {
          makes(scope, where, "a boolean", "boolean");
          double p = probability(arg, where);
          yield new Node(ctx -> Val.of(BooleanNode.valueOf(ctx.rng().nextDouble() < p)), "boolean", Set.of());
        }
        case "ref" -> ref(arg, where, scope, reads);
        case "match" -> match(spec, where, at, scope, reads);
        case "object" -> {
          makes(scope, where, "a jsonb object", "jsonb");
          if (!arg.isObject()) {
            throw new DataModelException(where, "expected a mapping of field name to value");
          }
          Map<String, Gen> fields = new LinkedHashMap<>();
          arg.fields().forEachRemaining(f -> fields.put(f.getKey(),
              compile(f.getValue(), where + "." + f.getKey(), scope.any(), reads).gen()));
          yield new Node(ctx -> {
            ObjectNode out = JSON.objectNode();
            fields.forEach((name, gen) -> {
              Val value = gen.eval(ctx);
              if (!value.isNull()) {
                out.set(name, value.node());
              }
            });
            return Val.of(out);
          }, "jsonb", Set.of());
        }
        case "running" -> running(arg, where, scope, reads);
        case "sha256" -> {
          makes(scope, where, "hex text", "text");
          Gen of = path(text(arg, where), where, scope, reads).gen();
          yield new Node(ctx -> {
            Val value = of.eval(ctx);
            return value.isNull() ? Val.NULL : Val.of(TextNode.valueOf(
                Checksums.sha256Hex(plain(value.node()).getBytes(StandardCharsets.UTF_8))));
          }, "text", Set.of());
        }
        default -> throw new IllegalStateException(kind);
      };
    }

    private Node constant(JsonNode value, String at, Scope scope) {
      JsonNode exact = exact(value);
      if (scope.type != null) {
        if (exact.isNull()) {
          if (!scope.nullable) {
            throw new DataModelException(at, "null for a column that is not nullable");
          }
        } else if (!ColumnTypes.accepts(scope.type, exact)) {
          throw new DataModelException(at, "expected " + ColumnTypes.expected(scope.type) + " for a " + scope.type
              + " column, got " + exact);
        }
      }
      Val val = Val.of(exact);
      return new Node(ctx -> val, scope.type, Set.of());
    }

    private Node format(ObjectNode spec, String at, Scope scope, Reads reads) {
      makes(scope, at, "text", "text");
      String template = text(spec.get("format"), at);
      List<Object> pieces = new ArrayList<>();
      StringBuilder literal = new StringBuilder();
      for (int i = 0; i < template.length(); i++) {
        char c = template.charAt(i);
        if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
          literal.append(c);
          i++;
        } else if (c == '{') {
          int end = template.indexOf('}', i);
          if (end < 0) {
            throw new DataModelException(at, "a '{' without its '}' in \"" + template + "\" (write {{ for a literal {)");
          }
          if (!literal.isEmpty()) {
            pieces.add(literal.toString());
            literal.setLength(0);
          }
          String placeholder = template.substring(i + 1, end);
          int colon = placeholder.indexOf(':');
          String path = colon < 0 ? placeholder : placeholder.substring(0, colon);
          String pattern = colon < 0 ? null : placeholder.substring(colon + 1);
          Node value = path(path.strip(), at, scope, reads);
          if (pattern != null) {
            checkPattern(pattern, value.type(), at);
          }
          pieces.add(new Piece(value.gen(), pattern, at));
          i = end;
        } else if (c == '}') {
          throw new DataModelException(at, "a '}' without its '{' in \"" + template + "\" (write }} for a literal })");
        } else {
          literal.append(c);
        }
      }
      if (!literal.isEmpty()) {
        pieces.add(literal.toString());
      }
      Check check = spec.has("check") ? check(spec.get("check"), at.replaceAll("\\.format$", "") + ".check") : null;
      return new Node(new Format(List.copyOf(pieces), check, at), "text", Set.of());
    }

    private Check check(JsonNode spec, String at) {
      if (!spec.isObject()) {
        throw new DataModelException(at, "expected {algorithm: mod11, weights: [...]} or {algorithm: crc8, polynomial: 7}");
      }
      String algorithm = text(field(spec, at, "algorithm"), at + ".algorithm");
      String separator = spec.has("separator") ? spec.get("separator").asText() : "";
      switch (algorithm) {
        case "mod11" -> {
          only(spec, at, "algorithm", "weights", "separator");
          JsonNode weights = field(spec, at, "weights");
          if (!weights.isArray() || weights.isEmpty()) {
            throw new DataModelException(at + ".weights", "expected a list of whole numbers, one per digit");
          }
          List<Integer> list = new ArrayList<>();
          for (int i = 0; i < weights.size(); i++) {
            list.add(integer(weights.get(i), at + ".weights[" + i + "]", 0, 1000));
          }
          return new Check(algorithm, List.copyOf(list), 0, 0, separator);
        }
        case "crc8" -> {
          only(spec, at, "algorithm", "polynomial", "init", "separator");
          int polynomial = spec.has("polynomial") ? byteValue(spec.get("polynomial"), at + ".polynomial") : 0x07;
          int init = spec.has("init") ? byteValue(spec.get("init"), at + ".init") : 0;
          return new Check(algorithm, List.of(), polynomial, init, separator);
        }
        default -> throw new DataModelException(at + ".algorithm", "unknown algorithm '" + algorithm
            + "', expected mod11 or crc8");
      }
    }

    private Node oneOf(ObjectNode spec, String at, String base, Scope scope, Reads reads) {
      JsonNode values = spec.get("oneOf");
      if (!values.isArray() || values.isEmpty()) {
        throw new DataModelException(at, "expected a non-empty list of values");
      }
      List<Val> options = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i).isObject() && scope.type != null && !scope.type.equals("jsonb")) {
          throw new DataModelException(at + "[" + i + "]", "oneOf lists constants; to choose between generators, use match");
        }
        constant(values.get(i), at + "[" + i + "]", scope);
        options.add(Val.of(exact(values.get(i))));
      }
      double[] cumulative = weights(spec.get("weights"), base + ".weights", options.size());
      Gen differentFrom = spec.has("differentFrom")
          ? path(text(spec.get("differentFrom"), base + ".differentFrom"), base + ".differentFrom", scope, reads).gen()
          : null;
      if (differentFrom != null && options.size() < 2) {
        throw new DataModelException(base + ".differentFrom", "needs at least two values to choose from");
      }
      return new Node(ctx -> {
        Val other = differentFrom == null ? null : differentFrom.eval(ctx);
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
          Val value = options.get(pick(ctx.rng(), cumulative));
          if (other == null || !value.node().equals(other.node())) {
            return value;
          }
        }
        throw new DataModelException(base + ".differentFrom", "no value other than " + other.node() + " in "
            + MAX_DRAWS + " draws");
      }, scope.type, Set.of());
    }

    private Node someOf(ObjectNode spec, String at, String base, Scope scope) {
      makes(scope, at, "a list", "text[]", "jsonb");
      JsonNode values = spec.get("someOf");
      if (!values.isArray() || values.isEmpty()) {
        throw new DataModelException(at, "expected a non-empty list of values");
      }
      for (int i = 0; i < values.size(); i++) {
        if ("text[]".equals(scope.type) && !values.get(i).isTextual()) {
          throw new DataModelException(at + "[" + i + "]", "a text[] column takes strings");
        }
      }
      int min = spec.has("min") ? integer(spec.get("min"), base + ".min", 0, values.size()) : 0;
      int max = spec.has("max") ? integer(spec.get("max"), base + ".max", min, values.size()) : values.size();
      JsonNode all = exact(values);
      return new Node(ctx -> {
        SplittableRandom rng = ctx.rng();
        int count = min + rng.nextInt(max - min + 1);
        int[] indices = new int[all.size()];
        Arrays.setAll(indices, i -> i);
        for (int i = 0; i < count; i++) {
          int j = i + rng.nextInt(indices.length - i);
          int swap = indices[i];
          indices[i] = indices[j];
          indices[j] = swap;
        }
        int[] chosen = Arrays.copyOf(indices, count);
        Arrays.sort(chosen);
        ArrayNode out = JSON.arrayNode();
        for (int index : chosen) {
          out.add(all.get(index));
        }
        return Val.of(out);
      }, scope.type, Set.of());
    }

    private Node number(JsonNode arg, String at, Scope scope, Reads reads) {
      makes(scope, at, "a number", "integer", "bigint", "numeric");
      if (!arg.isObject()) {
        throw new DataModelException(at, "expected {min, max} and optionally scale");
      }
      only(arg, at, "min", "max", "scale");
      Bound min = bound(field(arg, at, "min"), at + ".min", scope, reads);
      Bound max = bound(field(arg, at, "max"), at + ".max", scope, reads);
      Integer scale = arg.has("scale") ? integer(arg.get("scale"), at + ".scale", 0, 18) : null;
      if (scale == null && min.constant() != null && max.constant() != null) {
        scale = Math.max(0, Math.max(min.constant().scale(), max.constant().scale()));
      }
      boolean integral = integral(scope.type);
      if (integral && scale != null && scale > 0) {
        throw new DataModelException(at + ".scale", "a " + scope.type + " column holds whole numbers; scale must be 0");
      }
      if (min.constant() != null && max.constant() != null && min.constant().compareTo(max.constant()) > 0) {
        throw new DataModelException(at, "min " + min.constant() + " is above max " + max.constant());
      }
      Integer fixedScale = scale;
      return new Node(ctx -> {
        BigDecimal lo = min.eval(ctx);
        BigDecimal hi = max.eval(ctx);
        if (lo == null || hi == null) {
          return Val.NULL;
        }
        int s = fixedScale != null ? fixedScale : integral ? 0 : Math.max(0, Math.max(lo.scale(), hi.scale()));
        BigInteger low = lo.setScale(s, RoundingMode.CEILING).unscaledValue();
        BigInteger high = hi.setScale(s, RoundingMode.FLOOR).unscaledValue();
        if (high.compareTo(low) < 0) {
          high = low;
        }
        BigInteger span = high.subtract(low).add(BigInteger.ONE);
        if (span.bitLength() > 62) {
          throw new DataModelException(at, "the range is too wide to draw from");
        }
        BigDecimal value = new BigDecimal(low.add(BigInteger.valueOf(ctx.rng().nextLong(span.longValue()))), s);
        return Val.of(numberNode(value, scope.type));
      }, scope.type, Set.of());
    }

    private Node calc(ObjectNode spec, String at, String base, Scope scope, Reads reads) {
      makes(scope, at, "a number", "integer", "bigint", "numeric");
      List<String> paths = new ArrayList<>();
      Calc.Expr expr;
      try {
        expr = Calc.parse(text(spec.get("calc"), at), paths);
      } catch (IllegalArgumentException e) {
        throw new DataModelException(at, e.getMessage());
      }
      Map<String, Gen> operands = new HashMap<>();
      for (String path : paths) {
        Node operand = path(path, at, scope, reads);
        if (operand.type() != null && !Set.of("integer", "bigint", "numeric", "text").contains(operand.type())) {
          throw new DataModelException(at, "'" + path + "' is " + operand.type() + ", not a number");
        }
        operands.put(path, operand.gen());
      }
      Integer scale = spec.has("scale") ? integer(spec.get("scale"), base + ".scale", 0, 18) : null;
      boolean integral = integral(scope.type);
      if (integral && scale != null && scale > 0) {
        throw new DataModelException(base + ".scale", "a " + scope.type + " column holds whole numbers; scale must be 0");
      }
      return new Node(ctx -> {
        BigDecimal result = expr.eval(path -> decimal(operands.get(path).eval(ctx), at, path));
        if (result == null) {
          return Val.NULL;
        }
        if (scale != null || integral) {
          result = result.setScale(scale == null ? 0 : scale, RoundingMode.HALF_UP);
        } else if (result.scale() < 0) {
          result = result.setScale(0);
        }
        return Val.of(numberNode(result, scope.type));
      }, scope.type, Set.of());
    }

    private Node time(String kind, JsonNode arg, String at, Scope scope, Reads reads) {
      boolean date = kind.equals("date");
      makes(scope, at, date ? "a date" : "a timestamp", date ? "date" : "timestamptz");
      if (arg != null && !arg.isObject() && !arg.isNull()) {
        throw new DataModelException(at, "expected {from, to} (both optional)");
      }
      JsonNode spec = arg == null || arg.isNull() ? JSON.objectNode() : arg;
      only(spec, at, "from", "to");
      TimeBound from = spec.has("from") ? timeBound(spec.get("from"), at + ".from", scope, reads) : null;
      TimeBound to = spec.has("to") ? timeBound(spec.get("to"), at + ".to", scope, reads) : null;
      DataModel.Sampling sampling = model.sampling();
      return new Node(ctx -> {
        Instant lo = from == null ? sampling.from() : from.eval(ctx);
        Instant hi = to == null ? sampling.to() : to.eval(ctx);
        if (lo == null || hi == null) {
          return Val.NULL;
        }
        // whole minutes, as people and systems record them
        long first = Math.floorDiv(lo.getEpochSecond() + 59, 60);
        long last = Math.floorDiv(hi.getEpochSecond(), 60);
        Instant value = last < first ? lo : Instant.ofEpochSecond(60 * (first + ctx.rng().nextLong(last - first + 1)));
        String text = date ? LocalDate.ofInstant(value, ctx.run().zone()).toString()
            : value.truncatedTo(ChronoUnit.SECONDS).toString();
        return Val.of(TextNode.valueOf(text));
      }, date ? "date" : "timestamptz", Set.of());
    }

    private Node ref(JsonNode arg, String at, Scope scope, Reads reads) {
      if (!arg.isObject()) {
        throw new DataModelException(at, "expected {table, where, distinct}");
      }
      only(arg, at, "table", "where", "distinct");
      String name = text(field(arg, at, "table"), at + ".table");
      TablePlanDraft target = drafts.get(name);
      if (target == null) {
        throw new DataModelException(at + ".table", "unknown table '" + name + "', expected one of " + drafts.keySet());
      }
      if (target == scope.table) {
        throw new DataModelException(at + ".table", "a table cannot refer to its own rows");
      }
      ColumnDef key = target.def.column(target.def.key());
      if (scope.type != null && key != null && !key.type().equals(scope.type)) {
        throw new DataModelException(at, name + "'s key " + key.name() + " is " + key.type() + ", the column is "
            + scope.type);
      }
      List<Condition> conditions = new ArrayList<>();
      if (arg.has("where")) {
        JsonNode where = arg.get("where");
        if (!where.isObject() || where.isEmpty()) {
          throw new DataModelException(at + ".where", "expected a mapping of column to value(s)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = where.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> condition = it.next();
          String cat = at + ".where." + condition.getKey();
          if (target.def.column(condition.getKey()) == null) {
            throw new DataModelException(cat, name + " has no column '" + condition.getKey() + "'");
          }
          JsonNode value = condition.getValue();
          if (value.isObject()) {
            only(value, cat, "from");
            Gen dynamic = path(text(field(value, cat, "from"), cat + ".from"), cat + ".from", scope, reads).gen();
            conditions.add(new Condition(condition.getKey(), null, dynamic));
          } else {
            Set<String> accepted = new HashSet<>();
            if (value.isArray()) {
              value.forEach(v -> accepted.add(plain(exact(v))));
            } else {
              accepted.add(plain(exact(value)));
            }
            conditions.add(new Condition(condition.getKey(), accepted, null));
          }
        }
      }
      boolean distinct = false;
      if (arg.has("distinct")) {
        if (!arg.get("distinct").isBoolean()) {
          throw new DataModelException(at + ".distinct", "expected true or false");
        }
        distinct = arg.get("distinct").booleanValue();
      }
      reads.tables.add(name);
      return new Node(new Ref(name, target.def.key(), List.copyOf(conditions), distinct), key == null ? null : key.type(),
          Set.of(name));
    }

    private Node match(ObjectNode spec, String at, String base, Scope scope, Reads reads) {
      Gen on = path(text(spec.get("match"), at), at, scope, reads).gen();
      Map<String, Gen> cases = new HashMap<>();
      Set<String> targets = new HashSet<>();
      String type = scope.type;
      if (spec.has("cases")) {
        JsonNode node = spec.get("cases");
        if (!node.isObject() || node.isEmpty()) {
          throw new DataModelException(base + ".cases", "expected a mapping of value to what the column gets then");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> c = it.next();
          Node branch = compile(c.getValue(), base + ".cases." + c.getKey(), scope, reads);
          cases.put(c.getKey(), branch.gen());
          targets.addAll(branch.targets());
          type = sameType(type, branch.type());
        }
      } else if (!spec.has("else")) {
        throw new DataModelException(at, "a match needs cases (and usually else)");
      }
      Gen otherwise = null;
      if (spec.has("else")) {
        Node branch = compile(spec.get("else"), base + ".else", scope, reads);
        otherwise = branch.gen();
        targets.addAll(branch.targets());
        type = sameType(type, branch.type());
      } else if (!scope.nullable) {
        // a value no case names gets null: allowed only where null is
        throw new DataModelException(base, "the column is not nullable, so a match needs an else for the values no "
            + "case names");
      }
      Gen fallback = otherwise;
      return new Node(ctx -> {
        Val value = on.eval(ctx);
        Gen branch = value.isNull() ? fallback : cases.getOrDefault(plain(value.node()), fallback);
        return branch == null ? Val.NULL : branch.eval(ctx);
      }, type, Set.copyOf(targets));
    }

    private Node running(JsonNode arg, String at, Scope scope, Reads reads) {
      makes(scope, at, "a number", "integer", "bigint", "numeric");
      if (!arg.isObject()) {
        throw new DataModelException(at, "expected {start, step}");
      }
      only(arg, at, "start", "step");
      BigDecimal start = arg.has("start") ? decimalConstant(arg.get("start"), at + ".start") : BigDecimal.ZERO;
      Gen step = compile(field(arg, at, "step"), at + ".step", scope.any(), reads).gen();
      reads.order = true;
      return new Node(new Running(start, step, scope.type, at), scope.type, Set.of());
    }

    /**
     * A path: a part, n, tenant.*, actor.*, sampleData.*, or a column of this row followed by fields
     * of the rows it refers to.
     */
    private Node path(String text, String at, Scope scope, Reads reads) {
      if (text.isEmpty()) {
        throw new DataModelException(at, "an empty path");
      }
      List<String> segments = List.of(text.split("\\.", -1));
      String first = segments.get(0);
      if (scope.parts.contains(first)) {
        Gen part = ctx -> ctx.part(first, at);
        return fields(part, segments.subList(1, segments.size()), null, text, at);
      }
      switch (first) {
        case "n" -> {
          single(segments, text, at);
          reads.order = true;
          return new Node(ctx -> Val.of(JSON.numberNode(ctx.n())), "integer", Set.of());
        }
        case "tenant" -> {
          if (!TENANT_SOURCES.contains(text)) {
            throw new DataModelException(at, "unknown source '" + text + "', expected one of " + TENANT_SOURCES);
          }
          String field = segments.get(1);
          return new Node(ctx -> Val.of(TextNode.valueOf(switch (field) {
            case "id" -> ctx.run().tenant().id();
            case "name" -> ctx.run().tenant().name();
            case "mode" -> ctx.run().tenant().mode();
            default -> ctx.run().tenant().session();
          })), "text", Set.of());
        }
        case "actor" -> {
          if (!ACTOR_SOURCES.contains(text)) {
            throw new DataModelException(at, "unknown source '" + text + "', expected one of " + ACTOR_SOURCES);
          }
          if (scope.table.origin() != Origin.ACTORS) {
            throw new DataModelException(at, "'" + text + "' is only known in a table filled from actors (from: actors)");
          }
          String field = text.substring("actor.".length());
          return new Node(ctx -> actorValue(ctx.actor(), field), field.equals("permissions") ? "text[]" : "text", Set.of());
        }
        case "sampleData" -> {
          if (!SAMPLING_SOURCES.contains(text)) {
            throw new DataModelException(at, "unknown source '" + text + "', expected one of " + SAMPLING_SOURCES);
          }
          DataModel.Sampling sampling = model.sampling();
          Instant instant = switch (segments.get(1)) {
            case "at" -> sampling.at();
            case "from" -> sampling.from();
            default -> sampling.to();
          };
          Val value = Val.of(TextNode.valueOf(instant.toString()));
          return new Node(ctx -> value, "timestamptz", Set.of());
        }
        default -> {
          ColumnDef column = scope.table.def.column(first);
          if (column == null) {
            throw new DataModelException(at, "unknown path '" + text + "': expected a column of "
                + scope.table.def.name() + " (" + String.join(", ", scope.table.def.columns().stream()
                .map(ColumnDef::name).toList()) + "), "
                + (scope.parts.isEmpty() ? "" : "a part " + sorted(scope.parts) + ", ")
                + "n, tenant.*, " + (scope.table.origin() == Origin.ACTORS ? "actor.*, " : "") + "or sampleData.*");
          }
          if (chainColumns.contains(scope.table.def.name() + "." + first)) {
            throw new DataModelException(at, "'" + first + "' is filled by the hashChain after every other column; "
                + "nothing can read it");
          }
          reads.columns.add(first);
          Node self = column(scope.table, scope.table.def.columns().indexOf(column));
          Set<String> targets = self == null ? null : self.targets();
          Gen gen = ctx -> ctx.column(first);
          return fields(gen, segments.subList(1, segments.size()), targets, text, at, column.type());
        }
      }
    }

    private Node fields(Gen start, List<String> fields, Set<String> targets, String text, String at) {
      return fields(start, fields, targets, text, at, null);
    }

    // Follows x.y.z through the rows each value refers to; types and targets are checked where they are known.
    private Node fields(Gen start, List<String> fields, Set<String> targets, String text, String at, String type) {
      Set<String> current = targets;
      String currentType = type;
      for (String field : fields) {
        if (current != null) {
          if (current.isEmpty()) {
            throw new DataModelException(at, "'" + text + "': the value before '." + field + "' does not come from "
                + "a ref, so it has no row to read " + field + " from");
          }
          Set<String> next = new HashSet<>();
          String fieldType = null;
          boolean found = false;
          boolean unknown = false;
          for (String table : current) {
            TablePlanDraft draft = drafts.get(table);
            ColumnDef column = draft.def.column(field);
            if (column == null) {
              continue;
            }
            found = true;
            fieldType = fieldType == null ? column.type() : fieldType.equals(column.type()) ? fieldType : "";
            Node node = column(draft, draft.def.columns().indexOf(column));
            if (node == null) {
              unknown = true;
            } else {
              next.addAll(node.targets());
            }
          }
          if (!found) {
            throw new DataModelException(at, "'" + text + "': " + String.join(" / ", sorted(current))
                + " has no column '" + field + "'");
          }
          current = unknown ? null : next;
          currentType = fieldType == null || fieldType.isEmpty() ? null : fieldType;
        } else {
          currentType = null;
        }
      }
      Gen gen = fields.isEmpty() ? start : ctx -> {
        Val value = start.eval(ctx);
        for (String field : fields) {
          if (value.ref() == null) {
            return Val.NULL;
          }
          Val next = value.ref().get(field);
          value = next == null ? Val.NULL : next;
        }
        return value;
      };
      return new Node(gen, currentType, current == null ? Set.of() : Set.copyOf(current));
    }

    private Bound bound(JsonNode node, String at, Scope scope, Reads reads) {
      if (node.isNumber()) {
        return new Bound(exact(node).decimalValue(), null, at);
      }
      if (node.isTextual()) {
        Node path = path(node.asText(), at, scope, reads);
        if (path.type() != null && !integral(path.type()) && !path.type().equals("numeric")) {
          throw new DataModelException(at, "'" + node.asText() + "' is " + path.type() + ", not a number");
        }
        return new Bound(null, path.gen(), at);
      }
      throw new DataModelException(at, "expected a number or a path to one");
    }

    private TimeBound timeBound(JsonNode node, String at, Scope scope, Reads reads) {
      String text = text(node, at);
      Matcher m = TIME_EXPRESSION.matcher(text.strip());
      String base = m.matches() ? m.group(1) : text.strip();
      Duration offset = Duration.ZERO;
      if (m.matches()) {
        try {
          offset = Duration.parse(m.group(3));
        } catch (DateTimeParseException e) {
          throw new DataModelException(at, "'" + m.group(3) + "' is not an ISO-8601 duration such as PT4H, P2D or P1DT30M");
        }
        if (m.group(2).equals("-")) {
          offset = offset.negated();
        }
      }
      Instant constant = null;
      Gen path = null;
      if (ISO_DATE.matcher(base).matches() || base.length() > 10 && Character.isDigit(base.charAt(0))) {
        try {
          constant = ISO_DATE.matcher(base).matches()
              ? LocalDate.parse(base).atStartOfDay(java.time.ZoneId.of(model.sampling().timeZone())).toInstant()
              : OffsetDateTime.parse(base).toInstant();
        } catch (DateTimeParseException e) {
          throw new DataModelException(at, "'" + base + "' is not a date (2026-04-01) or a timestamp with an offset "
              + "(2026-04-01T06:00:00Z)");
        }
      } else {
        Node value = path(base, at, scope, reads);
        if (value.type() != null && !value.type().equals("timestamptz") && !value.type().equals("date")) {
          throw new DataModelException(at, "'" + base + "' is " + value.type() + ", not a date or timestamp");
        }
        path = value.gen();
      }
      return new TimeBound(constant, path, offset, at);
    }

    // Columns that (through the columns they read) depend on the rows' final order.
    private Set<String> orderedColumns(TablePlanDraft table) {
      Set<String> ordered = new HashSet<>();
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Map.Entry<String, Reads> entry : table.reads.entrySet()) {
          if (!ordered.contains(entry.getKey())
              && (entry.getValue().order || entry.getValue().columns.stream().anyMatch(ordered::contains))) {
            ordered.add(entry.getKey());
            changed = true;
          }
        }
      }
      checkCycles(table);
      return ordered;
    }

    private void checkCycles(TablePlanDraft table) {
      Map<String, Integer> state = new HashMap<>();
      for (String column : table.reads.keySet()) {
        visit(table, column, state, new ArrayList<>());
      }
    }

    private void visit(TablePlanDraft table, String column, Map<String, Integer> state, List<String> trail) {
      Integer seen = state.get(column);
      if (seen != null && seen == 2) {
        return;
      }
      trail.add(column);
      if (seen != null) {
        List<String> cycle = trail.subList(trail.indexOf(column), trail.size());
        throw new DataModelException(table.columns.get(trail.get(trail.size() - 2)).at(),
            "the columns read each other in a circle: " + String.join(" -> ", cycle));
      }
      state.put(column, 1);
      for (String next : table.reads.getOrDefault(column, new Reads()).columns) {
        visit(table, next, state, trail);
      }
      trail.remove(trail.size() - 1);
      state.put(column, 2);
    }

    private void checkOrderBy(TablePlanDraft table, Set<String> ordered) {
      String orderBy = table.def.rows().orderBy();
      if (orderBy != null && ordered.contains(orderBy)) {
        throw new DataModelException(table.columns.get(orderBy).at(), "'" + orderBy + "' orders the rows of "
            + table.def.name() + ", so it cannot depend on their order (n, running)");
      }
    }

    private List<TablePlan> generationOrder(Map<String, TablePlan> tables) {
      List<TablePlan> order = new ArrayList<>();
      Map<String, Integer> state = new HashMap<>();
      for (TablePlan table : tables.values()) {
        place(table, tables, state, order, new ArrayList<>());
      }
      return List.copyOf(order);
    }

    private void place(TablePlan table, Map<String, TablePlan> tables, Map<String, Integer> state, List<TablePlan> order,
                       List<String> trail) {
      String name = table.def().name();
      Integer seen = state.get(name);
      if (seen != null && seen == 2) {
        return;
      }
      trail.add(name);
      if (seen != null) {
        throw new DataModelException(table.at(), "the tables refer to each other in a circle: "
            + String.join(" -> ", trail.subList(trail.indexOf(name), trail.size()))
            + "; one of them must not draw from the other");
      }
      state.put(name, 1);
      for (String other : table.dependsOn()) {
        place(tables.get(other), tables, state, order, trail);
      }
      trail.remove(trail.size() - 1);
      state.put(name, 2);
      order.add(table);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void checkPattern(String pattern, String type, String at) {
    if (type == null) {
      return;
    }
    if (integral(type) || type.equals("numeric")) {
      if (!pattern.matches("0+")) {
        throw new DataModelException(at, "a number's pattern is zeros, one per digit (e.g. {n:0000}), not '"
            + pattern + "'");
      }
    } else if (type.equals("date") || type.equals("timestamptz")) {
      try {
        DateTimeFormatter.ofPattern(pattern, java.util.Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw new DataModelException(at, "'" + pattern + "' is not a date pattern (e.g. yyyyMMdd): " + e.getMessage());
      }
    } else {
      throw new DataModelException(at, "a pattern applies to numbers (0000) and dates (yyyyMMdd), not to " + type);
    }
  }

  /** Numbers exactly as written (a YAML 2.0 stays 2.0, never 2.0000000001), at any depth. */
  static JsonNode exact(JsonNode node) {
    if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
      return JSON.numberNode(new BigDecimal(Double.toString(node.doubleValue())));
    }
    if (node.isObject()) {
      ObjectNode out = JSON.objectNode();
      node.fields().forEachRemaining(f -> out.set(f.getKey(), exact(f.getValue())));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.arrayNode();
      node.forEach(e -> out.add(exact(e)));
      return out;
    }
    return node;
  }

  private static double[] weights(JsonNode weights, String at, int count) {
    double[] cumulative = new double[count];
    double total = 0;
    for (int i = 0; i < count; i++) {
      double weight = 1;
      if (weights != null) {
        if (!weights.isArray() || weights.size() != count) {
          throw new DataModelException(at, "expected " + count + " weights, one per value");
        }
        JsonNode w = weights.get(i);
        if (!w.isNumber() || w.doubleValue() < 0) {
          throw new DataModelException(at + "[" + i + "]", "a weight is a number of at least 0");
        }
        weight = w.doubleValue();
      }
      total += weight;
      cumulative[i] = total;
    }
    if (total <= 0) {
      throw new DataModelException(at, "the weights add up to 0");
    }
    return cumulative;
  }

  private static String sameType(String a, String b) {
    return a == null ? b : b == null || a.equals(b) ? a : null;
  }

  private static void makes(Scope scope, String at, String what, String... types) {
    if (scope.type != null && !List.of(types).contains(scope.type)) {
      String kind = at.substring(at.lastIndexOf('.') + 1);
      throw new DataModelException(at, "'" + kind + "' makes " + what + " (for " + String.join(" or ", types)
          + " columns), the column is " + scope.type);
    }
  }

  private static JsonNode field(JsonNode parent, String at, String name) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw new DataModelException(at + "." + name, "missing");
    }
    return node;
  }

  private static void only(JsonNode node, String at, String... allowed) {
    Set<String> known = Set.of(allowed);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new DataModelException(at + "." + name, "unknown key, expected one of " + List.of(allowed));
      }
    }
  }

  private static void single(List<String> segments, String text, String at) {
    if (segments.size() != 1) {
      throw new DataModelException(at, "'" + text + "': n is a number, it has no fields");
    }
  }

  private static String text(JsonNode node, String at) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new DataModelException(at, "expected a non-empty string");
    }
    return node.asText();
  }

  private static int integer(JsonNode node, String at, int min, int max) {
    if (node == null || !node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
      throw new DataModelException(at, "expected a whole number from " + min + " to " + max);
    }
    return node.asInt();
  }

  private static int byteValue(JsonNode node, String at) {
    long value;
    if (node.isIntegralNumber()) {
      value = node.asLong();
    } else if (node.isTextual() && node.asText().matches("0[xX][0-9a-fA-F]{1,2}")) {
      value = Long.parseLong(node.asText().substring(2), 16);
    } else {
      throw new DataModelException(at, "expected a byte, 0 to 255 (or 0x00 to 0xFF)");
    }
    if (value < 0 || value > 255) {
      throw new DataModelException(at, "expected a byte, 0 to 255 (or 0x00 to 0xFF)");
    }
    return (int) value;
  }

  private static BigDecimal decimalConstant(JsonNode node, String at) {
    if (!node.isNumber()) {
      throw new DataModelException(at, "expected a number");
    }
    return exact(node).decimalValue();
  }

  private static double probability(JsonNode node, String at) {
    if (node == null || !node.isNumber() || node.doubleValue() < 0 || node.doubleValue() > 1) {
      throw new DataModelException(at, "expected a probability from 0 to 1");
    }
    return node.doubleValue();
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}

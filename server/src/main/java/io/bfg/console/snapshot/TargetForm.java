package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one form a row takes once it has been through PostgreSQL: numbers without trailing zeros,
 * timestamps in UTC with a {@code Z}, rows in primary-key order. The snapshot is put in this form
 * when it is assembled and every row read back from the target is put in it again, so "the
 * checksum read back equals the exported one" compares values, never formatting (PostgreSQL
 * stores {@code 15.0} in a numeric column and answers {@code 15}).
 */
public final class TargetForm {

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_INSTANT;

  private TargetForm() {
  }

  /** The row with only the table's columns, each in target form; absent columns become null. */
  public static ObjectNode row(TableDef table, JsonNode row) {
    ObjectNode out = NODES.objectNode();
    for (ColumnDef column : table.columns()) {
      out.set(column.name(), value(column.type(), row.get(column.name())));
    }
    return out;
  }

  /** Every row in target form, ordered by the table's key (code-point order, as {@code collate "C"}). */
  public static List<ObjectNode> rows(TableDef table, List<? extends JsonNode> rows) {
    List<ObjectNode> out = new ArrayList<>(rows.size());
    for (JsonNode row : rows) {
      out.add(row(table, row));
    }
    out.sort(Comparator.comparing(r -> r.path(table.key()).asText()));
    return out;
  }

  /** A value of a column of {@code type} in target form; values the type cannot hold are kept as given. */
  public static JsonNode value(String type, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return NODES.nullNode();
    }
    return switch (type) {
      case "numeric" -> value.isNumber() ? numberNode(value.decimalValue()) : value;
      case "integer", "bigint" -> value.isIntegralNumber() ? NODES.numberNode(value.longValue()) : value;
      case "timestamptz" -> value.isTextual() ? timestamp(value.asText(), value) : value;
      case "date" -> value.isTextual() ? date(value.asText(), value) : value;
      case "jsonb" -> json(value);
      default -> value;
    };
  }

  /** A number as PostgreSQL's numeric gives it back: a BigInteger when whole, else a BigDecimal without trailing zeros. */
  public static Number number(BigDecimal decimal) {
    BigDecimal stripped = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
    return stripped.scale() <= 0 ? stripped.toBigIntegerExact() : stripped;
  }

  private static JsonNode numberNode(BigDecimal decimal) {
    Number number = number(decimal);
    return number instanceof BigDecimal exact ? NODES.numberNode(exact) : NODES.numberNode((BigInteger) number);
  }

  private static JsonNode timestamp(String text, JsonNode original) {
    try {
      return NODES.textNode(UTC.format(OffsetDateTime.parse(text.replace(' ', 'T')).toInstant()));
    } catch (RuntimeException e) {
      return original;
    }
  }

  private static JsonNode date(String text, JsonNode original) {
    try {
      return NODES.textNode(LocalDate.parse(text).toString());
    } catch (RuntimeException e) {
      return original;
    }
  }

  /** jsonb keeps numbers as numeric too: normalise them at any depth. */
  private static JsonNode json(JsonNode value) {
    if (value.isNumber()) {
      return numberNode(value.decimalValue());
    }
    if (value.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        out.set(field.getKey(), json(field.getValue()));
      }
      return out;
    }
    if (value.isArray()) {
      ArrayNode out = NODES.arrayNode();
      value.forEach(element -> out.add(json(element)));
      return out;
    }
    return value;
  }
}

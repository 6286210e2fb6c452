package io.bfg.console.bench.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rows the console replays, as CSV for {@code COPY ... FROM ... csv} in the data model's column
 * order: NULL is an empty unquoted field, every other value is quoted (so an empty string stays an
 * empty string), {@code text[]} is a PostgreSQL array literal, {@code jsonb} its JSON text. Values
 * come from the console's own snapshot, already in its target form, so both sides write the same
 * values.
 */
final class CopyCsv {

  private CopyCsv() {
  }

  /** Writes {@code rows} of {@code table} to {@code file}; returns the rows written. */
  static long write(TableDef table, List<ObjectNode> rows, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(512);
      for (ObjectNode row : rows) {
        line.setLength(0);
        List<ColumnDef> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
          if (i > 0) {
            line.append(',');
          }
          ColumnDef column = columns.get(i);
          String value = text(column.type(), row.get(column.name()));
          if (value != null) {
            quote(line, value);
          }
        }
        out.append(line).append('\n');
      }
    }
    return rows.size();
  }

  /** The value as PostgreSQL's input function for {@code type} reads it; null for SQL NULL. */
  static String text(String type, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    return switch (type) {
      case "text[]" -> array(value);
      case "jsonb" -> value.toString();
      case "numeric" -> value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
      default -> value.isValueNode() ? value.asText() : value.toString();
    };
  }

  private static String array(JsonNode value) {
    if (!value.isArray()) {
      throw new IllegalArgumentException("a text[] value is not a JSON array: " + value);
    }
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < value.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      JsonNode element = value.get(i);
      if (element.isNull()) {
        out.append("NULL");
      } else {
        out.append('"').append(element.asText().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
    }
    return out.append('}').toString();
  }

  private static void quote(StringBuilder line, String value) {
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        line.append('"');
      }
      line.append(c);
    }
    line.append('"');
  }
}

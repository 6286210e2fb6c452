package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The PostgreSQL column types a data model may use and the JSON shape a sample-data value of
 * each type must have. The list is closed so that every type renders to valid DDL and every
 * value can be bound on the target without guessing.
 */
public final class ColumnTypes {

  public static final List<String> ALLOWED =
      List.of("text", "text[]", "integer", "bigint", "numeric", "boolean", "date", "timestamptz", "jsonb");

  private ColumnTypes() {
  }

  public static boolean isAllowed(String type) {
    return ALLOWED.contains(type);
  }

  /** What a JSON value of {@code type} looks like, for error messages. */
  public static String expected(String type) {
    return switch (type) {
      case "text" -> "a string";
      case "text[]" -> "an array of strings";
      case "integer" -> "a whole number within 32 bits";
      case "bigint" -> "a whole number within 64 bits";
      case "numeric" -> "a number";
      case "boolean" -> "true or false";
      case "date" -> "a string YYYY-MM-DD";
      case "timestamptz" -> "an ISO-8601 string with an offset, e.g. 2026-04-01T06:00:00Z";
      case "jsonb" -> "a JSON object or array";
      default -> "a value of an allowed type";
    };
  }

  /** True when a non-null JSON value can be written to a column of {@code type}. */
  public static boolean accepts(String type, JsonNode value) {
    return switch (type) {
      case "text" -> value.isTextual();
      case "text[]" -> value.isArray() && allTextual(value);
      case "integer" -> value.isIntegralNumber() && value.canConvertToInt();
      case "bigint" -> value.isIntegralNumber() && value.canConvertToLong();
      case "numeric" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "date" -> value.isTextual() && parses(() -> LocalDate.parse(value.asText()));
      case "timestamptz" -> value.isTextual() && parses(() -> OffsetDateTime.parse(value.asText()));
      case "jsonb" -> value.isObject() || value.isArray();
      default -> false;
    };
  }

  private static boolean allTextual(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}

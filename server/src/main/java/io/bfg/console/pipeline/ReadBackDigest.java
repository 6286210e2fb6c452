package io.bfg.console.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.snapshot.Snapshot;
import io.bfg.console.snapshot.TargetForm;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.data.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The checksum of the rows read back from the target, computed table by table as they arrive:
 * each row is put in {@link TargetForm} and written into a streaming SHA-256 in the canonical
 * order of the snapshot payload ({@code schema}, then {@code tables} by name, then
 * {@code tenantId}), so the result equals {@link Snapshot#checksum()} of the same rows without
 * ever holding the whole payload. Feed it tables in name order, one at a time, off the event loop.
 */
final class ReadBackDigest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Checksums.Streaming digest = new Checksums.Streaming();
  private final String tenantId;
  private long rows;

  ReadBackDigest(String tenantId) {
    this.tenantId = tenantId;
    try {
      digest.generator().writeStartObject();
      digest.generator().writeStringField("schema", Snapshot.SCHEMA);
      digest.generator().writeFieldName("tables");
      digest.generator().writeStartObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void table(TableDef table, RowSet<Row> result) {
    List<JsonNode> read = new ArrayList<>(result.size());
    for (Row row : result) {
      ObjectNode node = NODES.objectNode();
      for (int c = 0; c < table.columns().size(); c++) {
        ColumnDef column = table.columns().get(c);
        node.set(column.name(), json(column.type(), row.getValue(c)));
      }
      read.add(node);
    }
    try {
      digest.generator().writeFieldName(table.name());
      digest.generator().writeStartArray();
      for (ObjectNode row : TargetForm.rows(table, read)) {
        digest.write(row);
      }
      digest.generator().writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows += read.size();
  }

  long rows() {
    return rows;
  }

  String finish() {
    try {
      digest.generator().writeEndObject();
      digest.generator().writeStringField("tenantId", tenantId);
      digest.generator().writeEndObject();
      return digest.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A value as the Pg client decodes it, as the JSON the snapshot holds for that column type. */
  private static JsonNode json(String type, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Numeric number) {
      return NODES.numberNode(number.bigDecimalValue());
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof LocalDate date) {
      return NODES.textNode(date.toString());
    }
    if (value instanceof OffsetDateTime time) {
      return NODES.textNode(time.toInstant().toString());
    }
    if (value instanceof String[] texts) {
      ArrayNode array = NODES.arrayNode();
      for (String text : texts) {
        array.add(text == null ? NODES.nullNode() : NODES.textNode(text));
      }
      return array;
    }
    if (value instanceof io.vertx.core.json.JsonObject || value instanceof io.vertx.core.json.JsonArray) {
      return parse(value.toString());
    }
    throw new StepFailed("the target returned a " + value.getClass().getSimpleName() + " for a " + type + " column");
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new StepFailed("the target returned JSON that does not parse: " + e.getMessage());
    }
  }
}

package io.bfg.console.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.snapshot.SampleDataFile;
import io.bfg.console.snapshot.Snapshot;
import io.bfg.console.snapshot.TargetForm;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.data.Numeric;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collector;
import java.util.stream.IntStream;

/**
 * The checksum of the rows read back from the target. Each row is put in {@link TargetForm} and
 * rendered as canonical JSON on a worker while the event loop decodes the next ones
 * ({@link #collector}), so no whole result set is ever held; each table's rendered rows then go
 * into one streaming SHA-256 in the canonical
 * order of the snapshot payload ({@code schema}, {@code tables} by name with rows in key order and
 * columns by name, {@code tenantId}). The result equals {@link Snapshot#checksum()} of the same rows.
 */
final class ReadBackDigest {

  private static final byte[] COMMA = {','};

  private final Checksums.Streaming digest = new Checksums.Streaming();
  private final JsonGenerator out = digest.generator();
  private final String tenantId;
  private long rows;

  /** {@code snapshotSchema} is the schema id the snapshot's payload carries. */
  ReadBackDigest(String snapshotSchema, String tenantId) {
    this.tenantId = tenantId;
    try {
      out.writeStartObject();
      out.writeStringField("schema", snapshotSchema);
      out.writeFieldName("tables");
      out.writeStartObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The statement that reads {@code table} back: the mapped columns in model order, jsonb as its
   * text (parsed here with exact decimals; the client's own jsonb decoding rounds them through
   * double). No ORDER BY, so the server streams rows without sorting first: a table filled in one
   * transaction hands them back in insertion order, which is key order, and {@link #table} sorts
   * only the tables where that does not hold.
   */
  static String readSql(String schema, TableDef table) {
    StringBuilder sql = new StringBuilder("select ");
    for (int c = 0; c < table.columns().size(); c++) {
      ColumnDef column = table.columns().get(c);
      sql.append(c > 0 ? ", " : "").append(column.name()).append(column.type().equals("jsonb") ? "::text" : "");
    }
    return sql.append(" from ").append(schema).append('.').append(table.name()).toString();
  }

  /**
   * Collects the rows of {@code table}, read by {@link #readSql}, as the client decodes them, and
   * hands them in batches to {@code context}'s ordered worker queue to be rendered, so the event
   * loop only decodes while a worker renders; {@link TableRead#rendered} completes after the last.
   */
  static Collector<Row, TableRead, TableRead> collector(TableDef table, Context context) {
    return Collector.of(() -> new TableRead(new TableRows(table), context), TableRead::add, (a, b) -> {
      throw new IllegalStateException("rows of one result arrive in one sequence");
    }, Collector.Characteristics.IDENTITY_FINISH);
  }

  /** The rows of one table on their way from the event loop to the worker that renders them. */
  static final class TableRead {
    private static final int BATCH_ROWS = 1_000;

    private final TableRows rows;
    private final Context context;
    private List<Row> batch = new ArrayList<>(BATCH_ROWS);
    private Future<Void> lastBatch = Future.succeededFuture();

    private TableRead(TableRows rows, Context context) {
      this.rows = rows;
      this.context = context;
    }

    private void add(Row row) {
      batch.add(row);
      if (batch.size() == BATCH_ROWS) {
        handOver();
      }
    }

    private void handOver() {
      List<Row> taken = batch;
      batch = new ArrayList<>(BATCH_ROWS);
      // ordered: batches render one after another, in the order they were read
      lastBatch = context.executeBlocking(() -> {
        taken.forEach(rows::add);
        return null;
      }, true);
    }

    /** Every row rendered; call once the query has ended. */
    Future<TableRows> rendered() {
      if (!batch.isEmpty()) {
        handOver();
      }
      return lastBatch.map(rows);
    }
  }

  /** Adds one table's rows; call it once per table, in name order. */
  void table(TableRows table) {
    if (table.failure != null) {
      throw new StepFailed(table.failure);
    }
    try {
      out.writeFieldName(table.table.name());
      out.writeStartArray();
      int[] order = table.keyOrder();
      byte[] bytes = table.bytes.buffer();
      for (int i = 0; i < order.length; i++) {
        int row = order[i];
        int start = row == 0 ? 0 : table.ends[row - 1];
        if (i > 0) {
          digest.raw(COMMA, 0, 1);
        }
        digest.raw(bytes, start, table.ends[row] - start);
      }
      out.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows += table.count;
  }

  long rows() {
    return rows;
  }

  String finish() {
    try {
      out.writeEndObject();
      out.writeStringField("tenantId", tenantId);
      out.writeEndObject();
      return digest.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One table's rows in canonical JSON, back to back in one buffer, with each row's end and key.
   * {@link #add} never throws: an unexpected value is remembered and reported by {@link #table}.
   */
  static final class TableRows {
    private final TableDef table;
    private final int[] byName;
    private final int keyColumn;
    private final Buffer bytes = new Buffer();
    private final JsonGenerator row = Checksums.generator(bytes).setRootValueSeparator(null);
    private int[] ends = new int[1024];
    private String[] keys = new String[1024];
    private int count;
    private boolean ordered = true;
    private String failure;

    private TableRows(TableDef table) {
      this.table = table;
      List<ColumnDef> columns = table.columns();
      this.byName = IntStream.range(0, columns.size()).boxed()
          .sorted(Comparator.comparing(c -> columns.get(c).name())).mapToInt(Integer::intValue).toArray();
      this.keyColumn = IntStream.range(0, columns.size()).filter(c -> columns.get(c).name().equals(table.key()))
          .findFirst().orElse(-1);
    }

    private void add(Row read) {
      if (failure != null) {
        return;
      }
      try {
        String key = "";
        row.writeStartObject();
        for (int c : byName) {
          ColumnDef column = table.columns().get(c);
          Object value = targetForm(column.type(), read.getValue(c));
          row.writeFieldName(column.name());
          write(row, value);
          if (c == keyColumn) {
            key = keyText(value);
          }
        }
        row.writeEndObject();
        row.flush();
        if (count == ends.length) {
          ends = Arrays.copyOf(ends, count * 2);
          keys = Arrays.copyOf(keys, count * 2);
        }
        ends[count] = bytes.size();
        keys[count] = key;
        ordered &= count == 0 || keys[count - 1].compareTo(key) <= 0;
        count++;
      } catch (StepFailed e) {
        failure = e.getMessage();
      } catch (IOException | RuntimeException e) {
        failure = "row " + (count + 1) + " of " + table.name() + " could not be read back: " + e.getMessage();
      }
    }

    /** Row indexes in the order {@link TargetForm#rows} puts rows: by the key's text. */
    private int[] keyOrder() {
      if (ordered) {
        return IntStream.range(0, count).toArray();
      }
      String[] byRow = keys;
      return IntStream.range(0, count).boxed().sorted(Comparator.comparing(r -> byRow[r]))
          .mapToInt(Integer::intValue).toArray();
    }
  }

  /** A byte buffer whose array can be read without a copy. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(64 * 1024);
    }

    byte[] buffer() {
      return buf;
    }
  }

  /** As {@code JsonNode.asText()} gives it for the same value in target form. */
  private static String keyText(Object value) {
    if (value instanceof JsonNode node) {
      return node.asText();
    }
    return value == null || value instanceof String[] ? "" : value.toString();
  }

  /**
   * A value as the Pg client decodes it (binary format) in target form: a String, Long, BigInteger,
   * BigDecimal, Boolean, String[], JsonNode or null; each is written the way its JSON node would be.
   */
  private static Object targetForm(String type, Object value) {
    if (value == null) {
      return null;
    }
    if (type.equals("jsonb")) {
      return TargetForm.value(type, parse(value.toString()));
    }
    if (value instanceof String || value instanceof Boolean || value instanceof String[]) {
      return value;
    }
    if (value instanceof Numeric number) {
      BigDecimal decimal = number.bigDecimalValue();
      return decimal == null ? null : TargetForm.number(decimal);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant().toString();
    }
    throw new StepFailed("the target returned a " + value.getClass().getSimpleName() + " for a " + type + " column");
  }

  private static void write(JsonGenerator out, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String text) {
      out.writeString(text);
    } else if (value instanceof Long number) {
      out.writeNumber(number);
    } else if (value instanceof BigInteger number) {
      out.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      out.writeNumber(number);
    } else if (value instanceof Boolean bool) {
      out.writeBoolean(bool);
    } else if (value instanceof String[] texts) {
      out.writeStartArray();
      for (String text : texts) {
        if (text == null) {
          out.writeNull();
        } else {
          out.writeString(text);
        }
      }
      out.writeEndArray();
    } else {
      Checksums.write(out, (JsonNode) value);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return SampleDataFile.mapper().readTree(json);
    } catch (IOException e) {
      throw new StepFailed("the target returned JSON that does not parse: " + e.getMessage());
    }
  }
}

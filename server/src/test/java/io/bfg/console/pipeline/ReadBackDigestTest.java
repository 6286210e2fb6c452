package io.bfg.console.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.model.Label;
import io.bfg.console.snapshot.SampleDataFile;
import io.bfg.console.snapshot.Snapshot;
import io.bfg.console.snapshot.TargetForm;
import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TargetSettings;
import io.bfg.console.targetdb.TestTarget;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The read-back checksum renders rows straight from the Pg client's values; it must come out byte
 * for byte as the snapshot's own checksum of the same rows (JSON trees put in {@link TargetForm}),
 * for every column type, for rows the server returns out of key order, and not for changed rows.
 */
@DisplayName("The dry-run's read-back checksum")
class ReadBackDigestTest {

  private static final String TENANT = "tenant-a";
  private static final TableDef ORDERED = table("a_ordered");
  private static final TableDef SHUFFLED = table("b_shuffled");

  private static Vertx vertx;
  private static TargetEndpoint endpoint;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    TestTarget target = TestTarget.get();
    endpoint = target.freshDatabase();
    try (Connection c = TestTarget.connect(endpoint); Statement s = c.createStatement()) {
      s.execute("create schema rb");
      for (TableDef table : List.of(ORDERED, SHUFFLED)) {
        s.execute("create table rb." + table.name() + " (sample_id text primary key, tenant_id text not null, "
            + "amount numeric, qty integer, big bigint, ok boolean, due date, at timestamptz, tags text[], "
            + "payload jsonb, note text)");
      }
      // the same rows; the second table gets them in reverse key order, so only a sort puts them right
      for (int i = 0; i < ROWS.size(); i++) {
        s.execute("insert into rb." + ORDERED.name() + " values " + ROWS.get(i));
        s.execute("insert into rb." + SHUFFLED.name() + " values " + ROWS.get(ROWS.size() - 1 - i));
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  // key order: "a-1" < "b-2" < "z-3" < "ż-4" (code point order, as String.compareTo and collate "C")
  private static final List<String> ROWS = List.of(
      "('a-1', 'tenant-a', 15.0, 7, 9007199254740993, true, '2026-03-01', '2026-03-01 10:00:00+02', "
          + "'{x,NULL,\"y z\"}', '{\"b\": 1.50, \"a\": [1, {\"z\": true, \"c\": null}]}', 'Łódź \"quoted\"\n\ttab')",
      "('b-2', 'tenant-a', 0.50, -3, 0, false, '1999-12-31', '2026-03-01 10:00:00.1234+00', '{}', "
          + "'\"just text\"', null)",
      "('z-3', 'tenant-a', 1234567890.123456789, null, null, null, null, null, null, '[]', '')",
      "('ż-4', 'tenant-a', 0, 0, -1, true, '2026-12-31', '2026-06-30 23:59:59.999999-07', '{\"\"}', "
          + "'{\"n\": 1e3, \"s\": \"\\u00e9\"}', 'ż')");

  @Test
  @DisplayName("equals the snapshot checksum of the same rows, whatever order the server returns them in")
  void equalsSnapshotChecksum() throws Exception {
    String expected = new Snapshot(TENANT, Map.of(ORDERED.name(), expectedRows(ORDERED),
        SHUFFLED.name(), expectedRows(SHUFFLED))).checksum();

    ReadBackDigest digest = readBack();

    assertThat(digest.rows()).isEqualTo(2L * ROWS.size());
    assertThat(digest.finish()).isEqualTo(expected);
  }

  @Test
  @DisplayName("differs when one value on the target differs from the snapshot")
  void changedValueChangesChecksum() throws Exception {
    String expected = new Snapshot(TENANT, Map.of(ORDERED.name(), expectedRows(ORDERED),
        SHUFFLED.name(), expectedRows(SHUFFLED))).checksum();
    try (Connection c = TestTarget.connect(endpoint); Statement s = c.createStatement()) {
      s.execute("update rb." + SHUFFLED.name() + " set amount = 0.51 where sample_id = 'b-2'");
    }
    try {
      assertThat(readBack().finish()).isNotEqualTo(expected);
    } finally {
      try (Connection c = TestTarget.connect(endpoint); Statement s = c.createStatement()) {
        s.execute("update rb." + SHUFFLED.name() + " set amount = 0.50 where sample_id = 'b-2'");
      }
    }
  }

  @Test
  @DisplayName("reports a value of a type it cannot put in target form as a failed step, naming both types")
  void unexpectedTypeIsReported() throws Exception {
    try (Connection c = TestTarget.connect(endpoint); Statement s = c.createStatement()) {
      s.execute("create table if not exists rb.c_uuid (sample_id text primary key, tenant_id text not null, ref uuid)");
      s.execute("insert into rb.c_uuid values ('a', 'tenant-a', gen_random_uuid()) on conflict do nothing");
    }
    // the schema-map step refuses such a table before the replay; the reader must still fail cleanly
    TableDef wrong = new TableDef("c_uuid", "test", "sample_id", new Label("t", "t"), List.of(
        new ColumnDef("sample_id", "text", false), new ColumnDef("tenant_id", "text", false),
        new ColumnDef("ref", "text", true)));
    TargetSession session = await(TargetSession.open(vertx, endpoint, settings(), "read-back test"));
    try {
      ReadBackDigest.TableRows rows = await(session.collect(ReadBackDigest.readSql("rb", wrong),
          ReadBackDigest.collector(wrong, vertx.getOrCreateContext())).compose(ReadBackDigest.TableRead::rendered));
      assertThatThrownBy(() -> new ReadBackDigest(Snapshot.SCHEMA, TENANT).table(rows))
          .isInstanceOf(StepFailed.class).hasMessage("the target returned a UUID for a text column");
    } finally {
      await(session.close());
    }
  }

  private static ReadBackDigest readBack() throws Exception {
    TargetSession session = await(TargetSession.open(vertx, endpoint, settings(), "read-back test"));
    try {
      Context context = vertx.getOrCreateContext();
      ReadBackDigest digest = new ReadBackDigest(Snapshot.SCHEMA, TENANT);
      for (TableDef table : List.of(ORDERED, SHUFFLED)) {
        ReadBackDigest.TableRows rows = await(session.collect(ReadBackDigest.readSql("rb", table),
            ReadBackDigest.collector(table, context)).compose(ReadBackDigest.TableRead::rendered));
        digest.table(rows);
      }
      return digest;
    } finally {
      await(session.close());
    }
  }

  /** The rows as the snapshot holds them: JSON as sample data would give it, put in target form. */
  private static List<ObjectNode> expectedRows(TableDef table) throws Exception {
    String json = """
        [
          {"sample_id": "a-1", "tenant_id": "tenant-a", "amount": 15.0, "qty": 7, "big": 9007199254740993,
           "ok": true, "due": "2026-03-01", "at": "2026-03-01T10:00:00+02:00", "tags": ["x", null, "y z"],
           "payload": {"b": 1.50, "a": [1, {"z": true, "c": null}]}, "note": "Łódź \\"quoted\\"\\n\\ttab"},
          {"sample_id": "b-2", "tenant_id": "tenant-a", "amount": 0.50, "qty": -3, "big": 0, "ok": false,
           "due": "1999-12-31", "at": "2026-03-01T10:00:00.1234Z", "tags": [], "payload": "just text",
           "note": null},
          {"sample_id": "z-3", "tenant_id": "tenant-a", "amount": 1234567890.123456789, "qty": null, "big": null,
           "ok": null, "due": null, "at": null, "tags": null, "payload": [], "note": ""},
          {"sample_id": "ż-4", "tenant_id": "tenant-a", "amount": 0, "qty": 0, "big": -1, "ok": true,
           "due": "2026-12-31", "at": "2026-06-30T23:59:59.999999-07:00", "tags": [""],
           "payload": {"n": 1e3, "s": "é"}, "note": "ż"}
        ]""";
    List<JsonNode> rows = new ArrayList<>();
    SampleDataFile.mapper().readTree(json).forEach(rows::add);
    return TargetForm.rows(table, rows);
  }

  private static TableDef table(String name) {
    Map<String, String> types = new LinkedHashMap<>();
    types.put("sample_id", "text");
    types.put("tenant_id", "text");
    types.put("amount", "numeric");
    types.put("qty", "integer");
    types.put("big", "bigint");
    types.put("ok", "boolean");
    types.put("due", "date");
    types.put("at", "timestamptz");
    types.put("tags", "text[]");
    types.put("payload", "jsonb");
    types.put("note", "text");
    List<ColumnDef> columns = new ArrayList<>();
    types.forEach((column, type) -> columns.add(new ColumnDef(column, type, !column.endsWith("_id"))));
    return new TableDef(name, "test", "sample_id", new Label(name, name), columns);
  }

  private static TargetSettings settings() {
    return new TargetSettings(endpoint, 5_000, 30_000, TestTarget.RUNTIME_ROLE);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

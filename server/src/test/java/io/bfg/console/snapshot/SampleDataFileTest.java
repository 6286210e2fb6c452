package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.SnapshotSummary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static io.bfg.console.snapshot.BfgFixtures.SAMPLE_DATA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleDataFileTest {

  /**
   * The checksum of the shipped snapshot (sample-data.json plus the tenant and five actors, named
   * by BFG's branding). It changes only when the sample data, the data model, the actors or
   * TargetForm change. The generator no longer reproduces the file byte for byte (its rows came from
   * the Java generator that BFG's data-model.yaml declarations replaced); regenerating it with
   * {@code mvn -B -pl server -o test -Dtest=io.bfg.console.snapshot.SampleDataFileTest -Dbfg.regenerateSampleData=true}
   * changes this constant, which the README and many tests cite.
   */
  static final String SHIPPED_CHECKSUM_SHORT = "bfg-2f5bb8c7";

  private final DataModel model = BfgFixtures.model();

  @Nested
  @DisplayName("The shipped sample-data.json")
  class Shipped {

    @Test
    @DisplayName("validates against the data model and holds 40 rows per operational table")
    void validates() {
      SampleData data = SampleDataFile.read(SAMPLE_DATA, model);
      assertThat(data.tenantId()).isEqualTo(BfgFixtures.TENANT_ID);
      assertThat(data.tables()).doesNotContainKeys("tenants", "users");
      assertThat(data.tables()).hasSize(7).allSatisfy((table, rows) -> assertThat(rows).hasSize(40));
    }

    @Test
    @DisplayName("carries the format id it was written with before the format was shared, which still reads")
    void namedFormatId() throws IOException {
      assertThat(Files.readString(SAMPLE_DATA)).contains("\"schema\": \"BFGSampleData.v1\"");
      assertThat(SampleDataFile.render(SampleDataFile.read(SAMPLE_DATA, model))).contains("\"schema\": \"SampleData.v1\"");
    }

    @Test
    @DisplayName("has a stable checksum, whatever the formatting of the file")
    void stableChecksum(@TempDir Path dir) throws IOException {
      SnapshotSummary summary = BfgFixtures.shippedSnapshot().summary(model);
      assertThat(summary.checksumShort()).isEqualTo(SHIPPED_CHECKSUM_SHORT);
      assertThat(summary.totalRows()).isEqualTo(286);

      JsonNode tree = SampleDataFile.mapper().readTree(SAMPLE_DATA.toFile());
      Path compact = dir.resolve("compact.json");
      Files.writeString(compact, tree.toString());
      Path indented = dir.resolve("indented.json");
      Files.writeString(indented, tree.toPrettyString());
      for (Path file : new Path[] {compact, indented}) {
        SampleData reread = SampleDataFile.read(file, model);
        assertThat(Snapshot.assemble(model, BfgFixtures.BRANDING, BfgFixtures.TENANT, BfgFixtures.ACTORS, reread)
            .checksum()).isEqualTo(summary.checksum());
      }
    }
  }

  @Test
  @DisplayName("writing and reading back keeps every value, decimals with their scale")
  void roundTrip(@TempDir Path dir) {
    SampleData generated = BfgFixtures.generated(99);
    Path file = dir.resolve("sample-data.json");
    SampleDataFile.write(file, generated);
    SampleData back = SampleDataFile.read(file, model);
    assertThat(SampleDataFile.render(back)).isEqualTo(SampleDataFile.render(generated));
    assertThat(back.tables().get("payments").get(0).get("amount_pln").decimalValue().scale()).isEqualTo(2);
  }

  @Test
  @DisplayName("the layout is one row per line")
  void oneRowPerLine() throws IOException {
    assertThat(Files.readAllLines(SAMPLE_DATA)).filteredOn(line -> line.startsWith("      {")).hasSize(280);
  }

  @Nested
  @DisplayName("A broken sample-data file is refused with the path of the problem")
  class Broken {

    @Test
    @DisplayName("when it names a table the data model does not have")
    void unknownTable() {
      assertRefused(root -> tables(root).putArray("vehicles"), "vehicles", "unknown table");
    }

    @Test
    @DisplayName("when a row has a column the table does not have")
    void unknownColumn() {
      assertRefused(root -> row(root, "orders", 12).put("colour", "blue"), "orders[12].colour", "unknown column");
    }

    @Test
    @DisplayName("when a not-null column is missing or null")
    void missingValue() {
      assertRefused(root -> row(root, "orders", 12).remove("pallets"), "orders[12].pallets", "missing value");
      assertRefused(root -> row(root, "payments", 3).putNull("amount_pln"), "payments[3].amount_pln", "missing value");
    }

    @Test
    @DisplayName("when a value has the wrong JSON type for its column")
    void wrongType() {
      assertRefused(root -> row(root, "orders", 12).put("pallets", "12"), "orders[12].pallets",
          "expected a whole number within 32 bits for a integer column, got string");
      assertRefused(root -> row(root, "orders", 2).put("pallets", 2.5), "orders[2].pallets", "integer column");
      assertRefused(root -> row(root, "ksef_invoices", 0).put("gross_pln", "100.00"), "ksef_invoices[0].gross_pln",
          "numeric column");
      assertRefused(root -> row(root, "driver_events", 1).put("synced_offline", "yes"), "driver_events[1].synced_offline",
          "boolean column");
      assertRefused(root -> row(root, "driver_events", 1).put("details", "{}"), "driver_events[1].details",
          "jsonb column");
      assertRefused(root -> row(root, "orders", 4).put("created_at", "yesterday"), "orders[4].created_at",
          "timestamptz column");
      assertRefused(root -> row(root, "orders", 4).put("pickup_date", "2026-02-30"), "orders[4].pickup_date",
          "date column");
      assertRefused(root -> row(root, "orders", 4).put("client_id", 42), "orders[4].client_id", "text column");
    }

    @Test
    @DisplayName("when a row belongs to another tenant")
    void otherTenant() {
      assertRefused(root -> row(root, "payments", 7).put("tenant_id", "tenant-b"), "payments[7].tenant_id",
          "row of tenant 'tenant-b'");
    }

    @Test
    @DisplayName("when two rows share a key")
    void duplicateKey() {
      assertRefused(root -> row(root, "orders", 5).put("order_id", "ORD-2026-0001"), "orders[5].order_id",
          "duplicate key 'ORD-2026-0001'");
    }

    @Test
    @DisplayName("when it carries users or tenants, which come from the scenario's actors and tenant")
    void actorTables() {
      assertRefused(root -> tables(root).putArray("users"), "users", "comes from the scenario's actors");
      assertRefused(root -> tables(root).putArray("tenants"), "tenants", "comes from the scenario's tenant");
    }

    @Test
    @DisplayName("when its schema marker is wrong")
    void wrongSchema() {
      assertRefused(root -> root.put("schema", "Something.v2"), "schema", "expected \"SampleData.v1\"");
      assertRefused(root -> root.put("schema", "SampleData.v2"), "schema", "expected \"SampleData.v1\"");
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "bfg.regenerateSampleData", matches = "true")
  @DisplayName("regenerates the shipped sample-data.json when asked to")
  void regenerate() {
    SampleDataFile.write(SAMPLE_DATA, BfgFixtures.generated(SampleDataGenerator.DEFAULT_SEED));
  }

  private static ObjectNode tables(ObjectNode root) {
    return (ObjectNode) root.get("tables");
  }

  private static ObjectNode row(ObjectNode root, String table, int index) {
    return (ObjectNode) ((ArrayNode) tables(root).get(table)).get(index);
  }

  private void assertRefused(Consumer<ObjectNode> breakIt, String path, String problem) {
    ObjectNode root;
    try {
      root = (ObjectNode) SampleDataFile.mapper().readTree(SAMPLE_DATA.toFile());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    breakIt.accept(root);
    assertThatThrownBy(() -> SampleDataFile.fromTree(root, model))
        .isInstanceOfSatisfying(DataModelException.class, e -> {
          assertThat(e.path()).isEqualTo(path);
          assertThat(e.problem()).contains(problem);
        });
  }
}

package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.stream.Collectors;

import static io.bfg.console.snapshot.BfgFixtures.TENANT_ID;
import static org.assertj.core.api.Assertions.assertThat;

class SampleDataGeneratorTest {

  private final DataModel model = BfgFixtures.model();

  @Test
  @DisplayName("the same seed gives byte-identical rows and the same checksum")
  void deterministic() {
    SampleData first = BfgFixtures.generated(SampleDataGenerator.DEFAULT_SEED);
    SampleData second = BfgFixtures.generated(SampleDataGenerator.DEFAULT_SEED);
    assertThat(SampleDataFile.render(second)).isEqualTo(SampleDataFile.render(first));
    assertThat(checksum(second)).isEqualTo(checksum(first));
  }

  @Test
  @DisplayName("a different seed or tenant gives a different checksum")
  void seedMatters() {
    String base = checksum(BfgFixtures.generated(SampleDataGenerator.DEFAULT_SEED));
    assertThat(checksum(BfgFixtures.generated(SampleDataGenerator.DEFAULT_SEED + 1))).isNotEqualTo(base);
    SampleData otherTenant = new SampleData("tenant-b",
        SampleDataGenerator.generate("tenant-b", model, 40, SampleDataGenerator.DEFAULT_SEED));
    assertThat(Checksums.sha256(new Snapshot("tenant-b", otherTenant.tables()).payload())).isNotEqualTo(base);
  }

  @Test
  @DisplayName("every generated row validates against the data model, for several seeds and sizes")
  void rowsValidate() {
    for (long seed : new long[] {1, 7, SampleDataGenerator.DEFAULT_SEED}) {
      for (int rows : new int[] {0, 1, 5, 40, 250}) {
        Map<String, List<ObjectNode>> data = SampleDataGenerator.generate(TENANT_ID, model, rows, seed);
        for (TableDef table : model.tables()) {
          if (SampleDataGenerator.isActorTable(table.name())) {
            assertThat(data).doesNotContainKey(table.name());
            continue;
          }
          assertThat(data.get(table.name())).as(table.name()).hasSize(rows);
          SampleDataFile.validateTable(table, data.get(table.name()), TENANT_ID);
        }
      }
    }
  }

  @Test
  @DisplayName("every NIP carries a valid mod-11 check digit and every KSeF number its CRC-8")
  void taxIds() {
    Map<String, List<ObjectNode>> data = generatedTables();
    for (ObjectNode invoice : data.get("ksef_invoices")) {
      assertThat(PolishTaxIds.isValidNip(invoice.get("seller_nip").asText())).isTrue();
      assertThat(PolishTaxIds.isValidNip(invoice.get("buyer_nip").asText())).isTrue();
      String ksef = invoice.get("ksef_number").asText();
      assertThat(ksef).hasSize(35).startsWith(invoice.get("seller_nip").asText() + "-")
          .contains("-" + invoice.get("issued_at").asText().substring(0, 4));
      assertThat(PolishTaxIds.isValidKsefNumber(ksef)).as(ksef).isTrue();
    }
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      assertThat(PolishTaxIds.isValidNip(PolishTaxIds.randomNip(rng))).isTrue();
    }
  }

  @Test
  @DisplayName("the tax-id checks accept published examples and reject a changed digit")
  void taxIdChecks() {
    assertThat(PolishTaxIds.isValidNip("5265877635")).isTrue();
    assertThat(PolishTaxIds.isValidNip("5265877636")).isFalse();
    assertThat(PolishTaxIds.isValidNip("526587763")).isFalse();
    // The example of the KSeF documentation (numer KSeF, CRC-8 poly 0x07, init 0x00).
    assertThat(PolishTaxIds.isValidKsefNumber("5265877635-20250826-0100001AF629-AF")).isTrue();
    assertThat(PolishTaxIds.ksefNumber("5265877635", "20250826", "0100001af629"))
        .isEqualTo("5265877635-20250826-0100001AF629-AF");
    assertThat(PolishTaxIds.isValidKsefNumber("5265877635-20250826-0100001AF628-AF")).isFalse();
  }

  @Test
  @DisplayName("invoice amounts add up and payments settle existing invoices without overpaying")
  void financeIsConsistent() {
    Map<String, List<ObjectNode>> data = generatedTables();
    Map<String, BigDecimal> gross = data.get("ksef_invoices").stream().collect(Collectors.toMap(
        r -> r.get("ksef_number").asText(), r -> r.get("gross_pln").decimalValue()));
    for (ObjectNode invoice : data.get("ksef_invoices")) {
      BigDecimal net = invoice.get("net_pln").decimalValue();
      BigDecimal vat = invoice.get("vat_pln").decimalValue();
      assertThat(net.add(vat)).isEqualByComparingTo(invoice.get("gross_pln").decimalValue());
      assertThat(vat).isEqualByComparingTo(net.multiply(new BigDecimal(invoice.get("vat_rate").asText()))
          .movePointLeft(2).setScale(2, java.math.RoundingMode.HALF_UP));
      assertThat(invoice.get("gross_pln").decimalValue().scale()).isEqualTo(2);
    }
    Map<String, BigDecimal> paid = data.get("payments").stream().collect(Collectors.groupingBy(
        r -> r.get("ksef_number").asText(),
        Collectors.reducing(BigDecimal.ZERO, r -> r.get("amount_pln").decimalValue(), BigDecimal::add)));
    assertThat(gross.keySet()).containsAll(paid.keySet());
    paid.forEach((ksef, amount) -> assertThat(amount).as(ksef).isLessThanOrEqualTo(gross.get(ksef)));
    assertThat(paid).hasSizeLessThan(gross.size());
  }

  @Test
  @DisplayName("rows reference the scenario's actors and each other")
  void referencesHold() {
    Map<String, List<ObjectNode>> data = generatedTables();
    Set<String> orders = values(data.get("orders"), "order_id");
    assertThat(values(data.get("orders"), "client_id")).contains("cp_client_lviv_farma").hasSizeGreaterThan(1);
    assertThat(values(data.get("driver_events"), "driver_id")).containsOnly("driver_tarasenko");
    assertThat(values(data.get("driver_events"), "event_type"))
        .contains("pickup", "delivery", "temperature_check");
    assertThat(orders).containsAll(values(data.get("driver_events"), "order_id"));
    assertThat(orders).containsAll(values(data.get("dispatch_evidence"), "order_id"));
    assertThat(orders).containsAll(values(data.get("ksef_invoices"), "order_id"));
    assertThat(values(data.get("dispatch_evidence"), "photo_ref")).allMatch(ref -> ref.startsWith("evidence/" + TENANT_ID + "/"));
    Set<String> actors = BfgFixtures.ACTORS.stream().map(a -> a.id()).collect(Collectors.toSet());
    assertThat(actors).containsAll(values(data.get("audit_events"), "actor_id"));
  }

  @Test
  @DisplayName("the audit rows form an intact hash chain")
  void auditChain() {
    String prev = AuditEvent.GENESIS_HASH;
    for (ObjectNode row : generatedTables().get("audit_events")) {
      assertThat(row.get("prev_hash").asText()).isEqualTo(prev);
      ObjectNode withoutHash = row.deepCopy();
      withoutHash.remove("hash");
      assertThat(row.get("hash").asText()).isEqualTo(Checksums.sha256(withoutHash));
      prev = row.get("hash").asText();
    }
  }

  @Test
  @DisplayName("every timestamp falls inside the fixed window, whatever the clock says")
  void fixedWindow() {
    Instant start = SampleDataGenerator.WINDOW_START;
    Instant end = SampleDataGenerator.WINDOW_END;
    for (Map.Entry<String, List<ObjectNode>> table : generatedTables().entrySet()) {
      TableDef def = model.tables().stream().filter(t -> t.name().equals(table.getKey())).findFirst().orElseThrow();
      for (ColumnDef column : def.columns()) {
        if (column.type().equals("timestamptz")) {
          for (ObjectNode row : table.getValue()) {
            JsonNode value = row.get(column.name());
            if (!value.isNull()) {
              assertThat(Instant.parse(value.asText())).as(table.getKey() + "." + column.name())
                  .isBetween(start, end);
            }
          }
        }
      }
    }
  }

  @Test
  @DisplayName("a column the generator does not know yet still gets a valid value")
  void grownModel() {
    List<TableDef> tables = new ArrayList<>();
    for (TableDef table : model.tables()) {
      List<ColumnDef> columns = new ArrayList<>(table.columns());
      if (table.name().equals("orders")) {
        columns.add(new ColumnDef("incoterm", "text", false));
        columns.add(new ColumnDef("ferry", "boolean", false));
        columns.add(new ColumnDef("notes", "jsonb", true));
      }
      tables.add(new TableDef(table.name(), table.batch(), table.key(), table.label(), columns));
    }
    tables.add(new TableDef("vehicles", "operations", "plate", model.tables().get(2).label(),
        List.of(new ColumnDef("plate", "text", false), new ColumnDef("tenant_id", "text", false),
            new ColumnDef("axles", "integer", false))));
    DataModel grown = new DataModel(model.schema(), model.batches(), tables);
    DataModelReader.validate(grown);
    Map<String, List<ObjectNode>> data = SampleDataGenerator.generate(TENANT_ID, grown, 10, 5);
    for (TableDef table : grown.tables()) {
      if (!SampleDataGenerator.isActorTable(table.name())) {
        SampleDataFile.validateTable(table, data.get(table.name()), TENANT_ID);
      }
    }
    assertThat(data.get("vehicles")).hasSize(10);
    assertThat(data.get("orders").get(0).get("notes").isNull()).isTrue();
  }

  @Test
  @DisplayName("tenant and user rows come from the actors")
  void tenantRows() {
    Map<String, List<ObjectNode>> rows = SampleDataGenerator.tenantRows(TENANT_ID, "BFG Control", BfgFixtures.ACTORS, model);
    assertThat(rows.get("tenants")).singleElement().satisfies(t -> {
      assertThat(t.get("tenant_id").asText()).isEqualTo(TENANT_ID);
      assertThat(t.get("name").asText()).isEqualTo("BFG Control");
    });
    assertThat(rows.get("users")).hasSize(5);
    ObjectNode anna = rows.get("users").get(0);
    assertThat(anna.get("user_id").asText()).isEqualTo("user_md_anna");
    assertThat(anna.get("role_key").asText()).isEqualTo("managing_director");
    assertThat(anna.get("display_name").asText()).isEqualTo("Anna Kowalska");
    assertThat(anna.get("permissions")).hasSize(5);
    SampleDataFile.validateTable(model.tables().get(1), rows.get("users"), TENANT_ID);
  }

  private Map<String, List<ObjectNode>> generatedTables() {
    return SampleDataGenerator.generate(TENANT_ID, model, SampleDataGenerator.DEFAULT_ROWS_PER_TABLE,
        SampleDataGenerator.DEFAULT_SEED);
  }

  private static String checksum(SampleData data) {
    return Checksums.sha256(new Snapshot(data.tenantId(), data.tables()).payload());
  }

  private static Set<String> values(List<ObjectNode> rows, String column) {
    return rows.stream().map(r -> r.get(column)).filter(v -> !v.isNull()).map(JsonNode::asText)
        .collect(Collectors.toSet());
  }
}

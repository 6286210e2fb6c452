package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.DataModel.ColumnDef;
import io.bfg.console.model.DataModel.TableDef;
import io.bfg.console.model.Tenant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.bfg.console.snapshot.BfgFixtures.ACTORS;
import static io.bfg.console.snapshot.BfgFixtures.TENANT;
import static io.bfg.console.snapshot.BfgFixtures.TENANT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BFG's sample data, generated from the declarations in its data-model.yaml: as realistic as it must be. */
class SampleDataGeneratorTest {

  private static final Set<String> POLISH_CITIES = Set.of("Warszawa", "Kraków", "Łódź", "Wrocław", "Poznań", "Gdańsk",
      "Szczecin", "Bydgoszcz", "Lublin", "Katowice", "Białystok", "Rzeszów", "Kielce", "Olsztyn", "Opole", "Toruń",
      "Stryków", "Korczowa");
  private static final int[] NIP_WEIGHTS = {6, 5, 7, 2, 3, 4, 5, 6, 7};

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
    Tenant other = new Tenant("tenant-b", "Tenant B", "single-tenant-local", "b");
    SampleData otherTenant = new SampleData("tenant-b",
        SampleDataGenerator.generate(model, other, ACTORS, 40, SampleDataGenerator.DEFAULT_SEED));
    assertThat(checksum(otherTenant)).isNotEqualTo(base);
  }

  @Test
  @DisplayName("every generated row validates against the data model, for several seeds and sizes")
  void rowsValidate() {
    for (long seed : new long[] {1, 7, SampleDataGenerator.DEFAULT_SEED}) {
      for (int rows : new int[] {0, 1, 5, 40, 250}) {
        Map<String, List<ObjectNode>> data = SampleDataGenerator.generate(model, TENANT, ACTORS, rows, seed);
        for (TableDef table : model.tables()) {
          if (table.fromScenario()) {
            assertThat(data).doesNotContainKey(table.name());
            continue;
          }
          assertThat(data.get(table.name())).as(table.name()).hasSizeLessThanOrEqualTo(rows);
          SampleDataFile.validateTable(model, table, data.get(table.name()), TENANT_ID);
        }
        // a table whose not-null columns need no other table's rows gets every row asked for
        assertThat(data.get("orders")).hasSize(rows);
      }
    }
  }

  @Test
  @DisplayName("--rows scales the declared counts; a distinct ref stops a table when it has used every row")
  void rowCounts() {
    Map<String, List<ObjectNode>> data = SampleDataGenerator.generate(model, TENANT, ACTORS, 100, 3);
    assertThat(data.get("orders")).hasSize(100);
    long delivered = data.get("orders").stream().filter(o -> o.get("status").asText().equals("delivered")).count();
    // one invoice per delivered order, one payment per accepted invoice
    assertThat(data.get("ksef_invoices")).hasSize((int) Math.min(100, delivered));
    long accepted = data.get("ksef_invoices").stream().filter(i -> i.get("ksef_status").asText().equals("accepted")).count();
    assertThat(data.get("payments")).hasSize((int) accepted);
  }

  @Test
  @DisplayName("every NIP carries a valid mod-11 check digit and every KSeF number its CRC-8, as BFG declares them")
  void taxIds() {
    Map<String, List<ObjectNode>> data = generatedTables(250);
    assertThat(values(data.get("ksef_invoices"), "seller_nip")).hasSize(1);
    assertThat(values(data.get("ksef_invoices"), "buyer_nip")).hasSize(4);
    for (ObjectNode invoice : data.get("ksef_invoices")) {
      assertThat(isValidNip(invoice.get("seller_nip").asText())).as(invoice.toString()).isTrue();
      assertThat(isValidNip(invoice.get("buyer_nip").asText())).as(invoice.toString()).isTrue();
      String ksef = invoice.get("ksef_number").asText();
      assertThat(ksef).hasSize(35).startsWith(invoice.get("seller_nip").asText() + "-")
          .contains("-" + invoice.get("issued_at").asText().substring(0, 4));
      assertThat(isValidKsefNumber(ksef)).as(ksef).isTrue();
    }
  }

  @Test
  @DisplayName("the check-digit algorithms reproduce published examples")
  void checkDigits() {
    List<Integer> weights = List.of(6, 5, 7, 2, 3, 4, 5, 6, 7);
    assertThat(CheckDigits.mod11("526587763", weights)).isEqualTo(5);
    // The example of the KSeF documentation (numer KSeF, CRC-8 poly 0x07, init 0x00).
    assertThat(CheckDigits.crc8("5265877635-20250826-0100001AF629", 0x07, 0)).isEqualTo("AF");
    assertThat(CheckDigits.crc8("5265877635-20250826-0100001AF628", 0x07, 0)).isNotEqualTo("AF");
    assertThat(isValidKsefNumber("5265877635-20250826-0100001AF629-AF")).isTrue();
  }

  @Test
  @DisplayName("cities are Polish (Lwów for the Ukrainian client), and each sits at its own coordinates")
  void polishCities() {
    Map<String, List<ObjectNode>> data = generatedTables(250);
    assertThat(values(data.get("orders"), "pickup_city")).isSubsetOf(POLISH_CITIES);
    for (ObjectNode order : data.get("orders")) {
      String city = order.get("delivery_city").asText();
      if (order.get("client_id").asText().equals("cp_client_lviv_farma")) {
        assertThat(city).isEqualTo("Lwów");
      } else {
        assertThat(city).isIn(POLISH_CITIES).isNotEqualTo(order.get("pickup_city").asText());
      }
    }
    Map<String, Set<String>> coordinates = data.get("driver_events").stream().collect(Collectors.groupingBy(
        e -> e.get("city").asText(), Collectors.mapping(e -> e.get("latitude") + "," + e.get("longitude"),
            Collectors.toSet())));
    assertThat(coordinates).allSatisfy((city, at) -> assertThat(at).as(city).hasSize(1));
    assertThat(coordinates.get("Warszawa")).containsExactly("52.2297,21.0122");
    for (ObjectNode event : data.get("driver_events")) {
      assertThat(event.get("latitude").decimalValue()).isBetween(new BigDecimal("49"), new BigDecimal("55"));
    }
  }

  @Test
  @DisplayName("invoice amounts add up and payments settle existing invoices without overpaying")
  void financeIsConsistent() {
    Map<String, List<ObjectNode>> data = generatedTables(40);
    Map<String, BigDecimal> gross = data.get("ksef_invoices").stream().collect(Collectors.toMap(
        r -> r.get("ksef_number").asText(), r -> r.get("gross_pln").decimalValue()));
    for (ObjectNode invoice : data.get("ksef_invoices")) {
      BigDecimal net = invoice.get("net_pln").decimalValue();
      BigDecimal vat = invoice.get("vat_pln").decimalValue();
      assertThat(net.add(vat)).isEqualByComparingTo(invoice.get("gross_pln").decimalValue());
      assertThat(vat).isEqualByComparingTo(net.multiply(new BigDecimal(invoice.get("vat_rate").asText()))
          .movePointLeft(2).setScale(2, RoundingMode.HALF_UP));
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
    Map<String, List<ObjectNode>> data = generatedTables(40);
    Set<String> orders = values(data.get("orders"), "order_id");
    assertThat(values(data.get("orders"), "client_id")).contains("cp_client_lviv_farma").hasSizeGreaterThan(1);
    assertThat(values(data.get("driver_events"), "driver_id")).containsOnly("driver_tarasenko");
    assertThat(values(data.get("driver_events"), "event_type"))
        .contains("pickup", "delivery", "temperature_check");
    assertThat(orders).containsAll(values(data.get("driver_events"), "order_id"));
    assertThat(orders).containsAll(values(data.get("dispatch_evidence"), "order_id"));
    assertThat(orders).containsAll(values(data.get("ksef_invoices"), "order_id"));
    assertThat(values(data.get("dispatch_evidence"), "photo_ref")).allMatch(ref -> ref.startsWith("evidence/" + TENANT_ID + "/"));
    Set<String> actors = ACTORS.stream().map(a -> a.id()).collect(Collectors.toSet());
    assertThat(actors).containsAll(values(data.get("audit_events"), "actor_id"));
    Map<String, ObjectNode> orderById = data.get("orders").stream()
        .collect(Collectors.toMap(o -> o.get("order_id").asText(), o -> o));
    for (ObjectNode invoice : data.get("ksef_invoices")) {
      ObjectNode order = orderById.get(invoice.get("order_id").asText());
      assertThat(order.get("status").asText()).isEqualTo("delivered");
      assertThat(invoice.get("client_id")).isEqualTo(order.get("client_id"));
    }
    for (ObjectNode event : data.get("driver_events")) {
      ObjectNode order = orderById.get(event.get("order_id").asText());
      if (event.get("event_type").asText().equals("temperature_check")) {
        assertThat(event.get("temperature_c").decimalValue())
            .isBetween(order.get("temp_min_c").decimalValue(), order.get("temp_max_c").decimalValue());
      }
    }
  }

  @Test
  @DisplayName("the audit rows form an intact hash chain, numbered in time order")
  void auditChain() {
    String prev = AuditEvent.GENESIS_HASH;
    String previousTime = "";
    int n = 0;
    for (ObjectNode row : generatedTables(40).get("audit_events")) {
      assertThat(row.get("prev_hash").asText()).isEqualTo(prev);
      ObjectNode withoutHash = row.deepCopy();
      withoutHash.remove("hash");
      assertThat(row.get("hash").asText()).isEqualTo(Checksums.sha256(withoutHash));
      prev = row.get("hash").asText();
      assertThat(row.get("event_id").asText()).isEqualTo(String.format(Locale.ROOT, "AUD-2026-%06d", ++n));
      assertThat(row.get("created_at").asText()).isGreaterThanOrEqualTo(previousTime);
      previousTime = row.get("created_at").asText();
    }
  }

  @Test
  @DisplayName("every timestamp falls inside the declared window, whatever the clock says")
  void fixedWindow() {
    Instant start = model.sampling().from();
    Instant end = model.sampling().to();
    for (Map.Entry<String, List<ObjectNode>> table : generatedTables(250).entrySet()) {
      TableDef def = model.table(table.getKey());
      for (ColumnDef column : def.columns()) {
        if (column.type().equals("timestamptz")) {
          for (ObjectNode row : table.getValue()) {
            JsonNode value = row.get(column.name());
            if (!value.isNull()) {
              assertThat(Instant.parse(value.asText())).as(table.getKey() + "." + column.name()).isBetween(start, end);
            }
          }
        }
      }
    }
  }

  @Test
  @DisplayName("a column without a generator stops generate at its path; loading the model does not need one")
  void columnWithoutGenerator() {
    ObjectNode root = tree();
    ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("tables").get(2).get("columns")).addObject()
        .put("name", "incoterm").put("type", "text").put("nullable", false);
    DataModel grown = DataModelReader.fromTree(root);
    assertThatThrownBy(() -> SampleDataGenerator.generate(grown, TENANT, ACTORS, 5, 1))
        .isInstanceOfSatisfying(DataModelException.class, e -> {
          assertThat(e.path()).isEqualTo("tables[2].columns[14]");
          assertThat(e.problem()).contains("no generator for orders.incoterm");
        });
  }

  @Test
  @DisplayName("the tables the scenario fills take the tenant's and actors' values, as declared")
  void scenarioRows() {
    Map<String, List<ObjectNode>> rows = SampleDataGenerator.scenarioRows(model, TENANT, ACTORS);
    assertThat(rows.keySet()).containsExactly("tenants", "users");
    assertThat(rows.get("tenants")).singleElement().satisfies(t -> {
      assertThat(t.get("tenant_id").asText()).isEqualTo(TENANT_ID);
      assertThat(t.get("name").asText()).isEqualTo("BFG Control");
      assertThat(t.get("created_at").asText()).isEqualTo("2026-03-02T07:00:00Z");
    });
    assertThat(rows.get("users")).hasSize(5);
    ObjectNode anna = rows.get("users").get(0);
    assertThat(anna.get("user_id").asText()).isEqualTo("user_md_anna");
    assertThat(anna.get("role_key").asText()).isEqualTo("managing_director");
    assertThat(anna.get("display_name").asText()).isEqualTo("Anna Kowalska");
    assertThat(anna.get("permissions")).hasSize(5);
    SampleDataFile.validateTable(model, model.table("users"), rows.get("users"), TENANT_ID);
  }

  private Map<String, List<ObjectNode>> generatedTables(int rows) {
    return SampleDataGenerator.generate(model, TENANT, ACTORS, rows, SampleDataGenerator.DEFAULT_SEED);
  }

  private static ObjectNode tree() {
    try {
      return (ObjectNode) new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
          .readTree(java.nio.file.Files.readAllBytes(BfgFixtures.DATA_MODEL));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String checksum(SampleData data) {
    return new Snapshot("S.v1", "s", data.tenantId(), data.tables()).checksum();
  }

  private static Set<String> values(List<ObjectNode> rows, String column) {
    return rows.stream().map(r -> r.get(column)).filter(v -> !v.isNull()).map(JsonNode::asText)
        .collect(Collectors.toSet());
  }

  // Written out here rather than borrowed from the generator, so the two cannot agree on a mistake.
  private static boolean isValidNip(String nip) {
    if (!nip.matches("\\d{10}")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (nip.charAt(i) - '0') * NIP_WEIGHTS[i];
    }
    return sum % 11 != 10 && sum % 11 == nip.charAt(9) - '0';
  }

  private static boolean isValidKsefNumber(String number) {
    if (!number.matches("\\d{10}-\\d{8}-[0-9A-F]{12}-[0-9A-F]{2}") || !isValidNip(number.substring(0, 10))) {
      return false;
    }
    int crc = 0;
    for (byte b : number.substring(0, 32).getBytes(StandardCharsets.US_ASCII)) {
      crc ^= b & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
      }
    }
    return String.format(Locale.ROOT, "%02X", crc).equals(number.substring(33));
  }
}

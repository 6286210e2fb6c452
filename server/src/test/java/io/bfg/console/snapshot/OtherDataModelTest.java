package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.eval.Checksums;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.DataModel;
import io.bfg.console.model.Scenario;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ferry operator's data model (scenarios/ferry-data under test resources): another RLS key,
 * other tables, a bigint key, date, jsonb, text[], numeric and boolean columns. Its rows come from
 * its declarations alone.
 */
class OtherDataModelTest {

  private static final Scenario FERRY = load();
  private static final DataModel MODEL = FERRY.dataModel();

  @Test
  @DisplayName("declares its own tenancy: operators keyed by operator_code, read from ferry.operator_code")
  void tenancy() {
    assertThat(MODEL.tenancy()).isEqualTo(new DataModel.Tenancy("operators", "operator_code", "ferry.operator_code"));
    assertThat(MODEL.table("operators").rows().origin()).isEqualTo(DataModel.Origin.TENANT);
    assertThat(MODEL.table("crew_members").rows().origin()).isEqualTo(DataModel.Origin.ACTORS);
  }

  @Test
  @DisplayName("generates the same rows for a seed, other rows for another, each table as declared")
  void deterministic() {
    Map<String, List<ObjectNode>> first = generate(20, 5);
    assertThat(SampleDataFile.render(new SampleData("nordfjord", generate(20, 5))))
        .isEqualTo(SampleDataFile.render(new SampleData("nordfjord", first)));
    assertThat(SampleDataFile.render(new SampleData("nordfjord", generate(20, 6))))
        .isNotEqualTo(SampleDataFile.render(new SampleData("nordfjord", first)));
    assertThat(first.keySet()).containsExactly("vessels", "sailings", "tickets");
    assertThat(first.get("vessels")).hasSize(6);
    assertThat(first.get("sailings")).hasSize(20);
    assertThat(first.get("tickets")).hasSize(60);
  }

  @Test
  @DisplayName("every row validates: types (bigint, date, jsonb, text[], numeric, boolean), not-null, tenant, unique keys")
  void valid() {
    for (long seed : new long[] {1, 2, 3}) {
      for (int rows : new int[] {0, 1, 20, 200}) {
        Map<String, List<ObjectNode>> data = generate(rows, seed);
        data.forEach((table, list) -> SampleDataFile.validateTable(MODEL, MODEL.table(table), list, "nordfjord"));
      }
    }
    ObjectNode vessel = generate(20, 1).get("vessels").get(0);
    assertThat(vessel.get("imo_number").isIntegralNumber()).isTrue();
    assertThat(vessel.get("commissioned_on").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(vessel.get("certificates").isArray()).isTrue();
    assertThat(vessel.get("specs").isObject()).isTrue();
    assertThat(vessel.get("battery_electric").isBoolean()).isTrue();
    assertThat(vessel.get("length_m").decimalValue().scale()).isEqualTo(1);
  }

  @Test
  @DisplayName("references hold: sailings use existing vessels and captains, tickets only sailings that run")
  void references() {
    Map<String, List<ObjectNode>> data = generate(60, 9);
    Map<String, List<ObjectNode>> scenario = SampleDataGenerator.scenarioRows(MODEL, FERRY.tenant(), FERRY.actors());
    Set<String> vessels = values(data.get("vessels"), "imo_number");
    Set<String> captains = scenario.get("crew_members").stream().filter(c -> c.get("rank_key").asText().equals("captain"))
        .map(c -> c.get("crew_id").asText()).collect(Collectors.toSet());
    Map<String, ObjectNode> sailings = data.get("sailings").stream()
        .collect(Collectors.toMap(s -> s.get("sailing_id").asText(), s -> s));
    assertThat(vessels).containsAll(values(data.get("sailings"), "imo_number"));
    assertThat(captains).containsExactlyInAnyOrder("crew_haakon", "crew_sigrid").containsAll(values(data.get("sailings"), "captain_id"));
    for (ObjectNode ticket : data.get("tickets")) {
      ObjectNode sailing = sailings.get(ticket.get("sailing_id").asText());
      assertThat(sailing).as(ticket.toString()).isNotNull();
      assertThat(sailing.get("cancelled").asBoolean()).isFalse();
      assertThat(ticket.get("total_nok").decimalValue()).isEqualByComparingTo(sailing.get("base_fare_nok").decimalValue()
          .multiply(ticket.get("passengers").decimalValue()).setScale(2, RoundingMode.HALF_UP));
      assertThat(ticket.get("booked_at").asText()).isLessThan(sailing.get("departs_at").asText());
      boolean counter = ticket.get("channel").asText().equals("counter");
      assertThat(ticket.get("sold_by").isNull()).isEqualTo(!counter);
      if (counter) {
        assertThat(ticket.get("sold_by").asText()).isEqualTo("crew_erlend");
      }
    }
    for (ObjectNode sailing : data.get("sailings")) {
      assertThat(sailing.get("sailing_id").asText()).startsWith("SLG-" + sailing.get("service_day").asText().replace("-", ""));
      assertThat(sailing.get("arrives_at").asText()).isGreaterThan(sailing.get("departs_at").asText());
    }
  }

  @Test
  @DisplayName("tickets are numbered in booking order, carry their CRC-8 and a running sequence, and chain their receipts")
  void tickets() {
    List<ObjectNode> tickets = generate(20, 4).get("tickets");
    String previous = AuditEvent.GENESIS_HASH;
    for (int i = 0; i < tickets.size(); i++) {
      ObjectNode ticket = tickets.get(i);
      String number = ticket.get("ticket_no").asText();
      assertThat(number).matches(String.format("NF%06d[A-Z]{2}-[0-9A-F]{2}", i + 1));
      assertThat(number.substring(11)).isEqualTo(CheckDigits.crc8(number.substring(0, 10), 0x31, 0));
      assertThat(ticket.get("sequence_no").asLong()).isEqualTo(500_001L + i);
      assertThat(ticket.get("previous_receipt").asText()).isEqualTo(previous);
      ObjectNode unhashed = ticket.deepCopy();
      unhashed.remove("receipt_hash");
      previous = Checksums.sha256(unhashed);
      assertThat(ticket.get("receipt_hash").asText()).isEqualTo(previous);
      if (i > 0) {
        assertThat(ticket.get("booked_at").asText()).isGreaterThanOrEqualTo(tickets.get(i - 1).get("booked_at").asText());
      }
    }
  }

  @Test
  @DisplayName("the crew table takes each actor's fields as declared, a format and a constant included")
  void crew() {
    List<ObjectNode> crew = SampleDataGenerator.scenarioRows(MODEL, FERRY.tenant(), FERRY.actors()).get("crew_members");
    assertThat(crew).hasSize(4);
    ObjectNode haakon = crew.get(1);
    assertThat(haakon.get("crew_id").asText()).isEqualTo("crew_haakon");
    assertThat(haakon.get("rank").asText()).isEqualTo("Captain");
    assertThat(haakon.get("station").asText()).isEqualTo("MF Lofoten");
    assertThat(haakon.get("email").asText()).isEqualTo("crew_haakon@nordfjord.example");
    assertThat(haakon.get("active").asBoolean()).isTrue();
    assertThat(haakon.get("grants")).hasSize(2);
    assertThat(haakon.get("operator_code").asText()).isEqualTo("nordfjord");
  }

  @Test
  @DisplayName("numbers stay within their declared ranges and dates within theirs")
  void ranges() {
    for (ObjectNode vessel : generate(200, 8).get("vessels")) {
      assertThat(vessel.get("car_capacity").asInt()).isBetween(40, 240);
      assertThat(vessel.get("length_m").decimalValue()).isBetween(new BigDecimal("64.0"), new BigDecimal("139.9"));
      assertThat(vessel.get("commissioned_on").asText()).isBetween("2004-01-01", "2024-12-31");
      assertThat(vessel.get("specs").get("engines").asInt()).isBetween(2, 4);
      JsonNode certificates = vessel.get("certificates");
      assertThat(certificates.size()).isBetween(1, 5);
    }
  }

  private static Map<String, List<ObjectNode>> generate(int rows, long seed) {
    return SampleDataGenerator.generate(MODEL, FERRY.tenant(), FERRY.actors(), rows, seed);
  }

  private static Set<String> values(List<ObjectNode> rows, String column) {
    return rows.stream().map(r -> r.get(column)).filter(v -> !v.isNull()).map(JsonNode::asText)
        .collect(Collectors.toSet());
  }

  private static Scenario load() {
    try {
      Path folder = Path.of(OtherDataModelTest.class.getResource("/scenarios/ferry-data/scenario.yaml").toURI()).getParent();
      return ScenarioLoader.load(folder).scenario();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
